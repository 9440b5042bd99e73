"""Forms for the report tests, made from the bundled samples' sources with changes planted, so a report
is tested on what a real form becomes (workbook → reader → engine → result JSON) without new fixtures.

`troubled` is the 2024 final evaluation of the old-city sample with a red line, missing evidence, no
voucher sampled (a zero denominator: 0 points and a thin sample), evaluators who disagree, and hostile
text in the feedback, the roster and the organization's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evaluator.forms.content import FormContent, write_form

SOURCES = Path(__file__).resolve().parents[2] / "samples" / "source"

# Text a form might carry: it must print as text, never act as markup or fetch anything.
INJECTED = '<script>alert(1)</script><img src="http://127.0.0.1:9/x.png">'


def source(name: str) -> dict[str, Any]:
    return yaml.safe_load((SOURCES / f"{name}.yaml").read_text(encoding="utf-8"))


def troubled() -> dict[str, Any]:
    data = source("xhy-oldcity-2024")
    values = data["values"]
    values["d3_funds_misused"] = True                       # red line
    del values["d4_resident_proposals"]                     # required, and D4.04 counts it missing
    values["d3_vouchers_checked"] = values["d3_vouchers_compliant"] = 0   # D3.03: zero denominator, 0 points
    data["ratings"]["D4.05"] = {"self": 4, "evaluator_a": 1, "evaluator_b": 4}   # no consensus: disagree
    data["feedback"][0]["finding"] = INJECTED + "财务公示"
    data["feedback"][0]["response"] = "回应" + INJECTED
    data["roster"][0]["org_name"] = "桃枝艺术团<b>粗</b>"
    data["project"]["organization"] = "巷里社会工作服务中心" + INJECTED
    data["notes"]["D1.02"] = INJECTED
    return data


def write(folder: Path, loaded, name: str, data: dict[str, Any]) -> Path:
    path = folder / f"{name}.xlsx"
    write_form(path, loaded, FormContent(**data))
    return path

"""Build the bundled sample forms from samples/source/*.yaml.

Deterministic (the same sources give byte-identical xlsx) and run by the tests, so the samples never
drift from the template. `samples/source/invalid/*.yaml` also list `mistakes`: raw values typed over
the filled form afterwards, the way a hurried evaluator might, to show off the error report.

    python samples/build.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from openpyxl.utils.cell import range_boundaries

from evaluator.bundled import rubric_path
from evaluator.forms.content import FormContent, fill
from evaluator.forms.save import workbook_bytes
from evaluator.forms.template import build_template
from evaluator.outputs import write_bytes
from evaluator.rubric import LoadedRubric, load_rubric

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"


def sample_bytes(loaded: LoadedRubric, source: Path) -> bytes:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    mistakes = data.pop("mistakes", [])
    wb, layout = build_template(loaded.rubric, loaded.sha256, "zh")
    fill(wb, layout, loaded.rubric, FormContent(**data))
    for mistake in mistakes:
        sheet, row, column = _cell(layout.slots, mistake["target"])
        wb[sheet].cell(row, column).value = mistake["write"]
    return workbook_bytes(wb)


def _cell(slots: dict[str, Any], target: str) -> tuple[str, int, int]:
    """A mistake's target: `project.<field>`, `rating:<indicator>:<rater>`, `roster:<n>:<column>` (n from 1),
    or an evidence field id."""
    offset = 0
    if target.startswith("project."):
        key = "project:" + target.removeprefix("project.")
    elif target.startswith("roster:"):
        _, n, column = target.split(":")
        key, offset = f"roster:{column}", int(n) - 1
    elif target.startswith("rating:"):
        key = target
    else:
        key = f"value:{target}"
    slot = slots[key]
    column, first = range_boundaries(slot.ref)[:2]
    return slot.sheet, first + offset, column


def build(out: Path = HERE) -> list[tuple[Path, str]]:
    """Write every sample under `out` (invalid ones in `out/invalid`); returns (path, written|unchanged)."""
    loaded = load_rubric(rubric_path())
    done = []
    for source in sorted(SOURCE.rglob("*.yaml")):
        target = out / source.relative_to(SOURCE).with_suffix(".xlsx")
        done.append((target, write_bytes(target, sample_bytes(loaded, source), force=True)))
    return done


if __name__ == "__main__":
    for path, status in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"{status:9} {path}")

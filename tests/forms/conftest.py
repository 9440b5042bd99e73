"""Forms built compactly for tests: a FormContent for the good answers, and `cells` mapping slot keys to
raw values for anything a person might type (`roster:members@2` is the third roster row)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

from evaluator.forms.content import FormContent, fill
from evaluator.forms.layout import Layout, plan
from evaluator.forms.reader import FormReading, read_form
from evaluator.forms.save import workbook_bytes
from evaluator.forms.template import build_template
from evaluator.rubric import LoadedRubric

GOOD = FormContent(
    project={"name": "幸福里邻里互助计划", "code": "2024-WGY-017", "organization": "成都市某社会工作服务中心",
                 "community": "幸福里社区", "street": "玉林街道", "district": "武侯区", "funder": "武侯区民政局",
                 "round": "2024-第三届微公益创投", "period_start": dt.date(2024, 3, 1), "period_end": dt.date(2024, 12, 31),
                 "budget": 120000.0, "evaluation_type": "final", "evaluation_date": dt.date(2025, 1, 10),
                 "evaluators": ["张三", "李四"], "methods": ["documents", "interview", "survey"]},
    values={"m_training_hours": 30.5, "m_done": 18, "m_planned": 20, "m_outside": 50000.0, "m_funds": 120000.0,
                "m_funds_misused": False, "m_residents_decide": True, "m_residents_fund": False, "m_residents_review": True,
                "m_satisfaction": 0.86, "m_survey_kind": "door", "m_survey_date": dt.date(2024, 12, 1), "m_survey_note": "入户 120 份"},
    ratings={"D1.01": {"self": 3, "evaluator_a": 2, "evaluator_b": 3, "consensus": 3, "residents": 2}},
    notes={"D1.01": "查阅章程与 2024 年理事会纪要 4 份", "D2.03": "问卷原件存档"},
    roster=[{"org_name": "太极队", "contact_person": "王阿姨", "members": 12, "meets_monthly": True, "written_rules": False},
            {"org_name": "楼道议事会", "members": 7, "meets_monthly": True, "written_rules": True}],
    feedback=[{"indicator": "D1.01", "finding": "纪要不全", "response": "下月补齐"},
              {"finding": "总体进展良好"}],
)


def build(loaded: LoadedRubric, content: FormContent = GOOD, cells: dict[str, Any] | None = None,
          edit: Callable | None = None, lang: str = "zh") -> bytes:
    """A form: the template, `content` filled in, then raw `cells` written over it, then `edit(workbook)`."""
    wb, layout = build_template(loaded.rubric, loaded.sha256, lang)
    fill(wb, layout, loaded.rubric, content)
    for key, value in (cells or {}).items():
        sheet, ref = where(layout, key)
        wb[sheet][ref].value = value
    if edit:
        edit(wb)
    return workbook_bytes(wb)


def where(layout: Layout, key: str) -> tuple[str, str]:
    """The sheet and cell of a slot key, `key@n` being the n-th row (from 0) of a table column."""
    key, _, row = key.partition("@")
    slot = layout.slots[key]
    column, first = range_boundaries(slot.ref)[:2]
    return slot.sheet, f"{get_column_letter(column)}{first + int(row or 0)}"


def patch(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """Rewrite one zip entry's bytes: for what openpyxl cannot write (cached error values, bombs)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == part:
                assert old in body, f"{old!r} not in {part}"
                body = body.replace(old, new, 1)
            target.writestr(info, body)
    return out.getvalue()


def located(reading: FormReading) -> set[tuple[str, str]]:
    """Each problem as (code, 'sheet!cell')."""
    return {(p.code, f"{p.location.sheet}!{p.location.cell}" if p.location.cell else str(p.location.sheet))
            for p in reading.problems}


@pytest.fixture(scope="session")
def layout(mini) -> Layout:
    return plan(mini, "zh")


@pytest.fixture(scope="session")
def good_bytes(mini_loaded) -> bytes:
    return build(mini_loaded)


@pytest.fixture
def read_bytes(tmp_path: Path, mini_loaded):
    """Write bytes to a file and read it as a form (against the mini rubric unless told otherwise)."""

    def read(data: bytes, name: str = "form.xlsx", rubric: LoadedRubric | None = mini_loaded) -> FormReading:
        path = tmp_path / name
        path.write_bytes(data)
        return read_form(path, rubric)

    return read


@pytest.fixture(scope="session")
def template_with_roster(mini_loaded) -> bytes:
    """The good form with its roster and feedback emptied: the property tests write their own rows."""
    return build(mini_loaded, GOOD.model_copy(update={"roster": [], "feedback": []}))


def start_tag(cell: bytes) -> bytes:
    """An empty cell's start tag without its end, as `<c r="C23" s="4" t="n"/>` or `<c r="C23" s="4" t="n"></c>`
    (how openpyxl writes an empty cell depends on whether lxml is installed) both leave it."""
    return re.sub(rb"\s*/?>(?:</c>)?$", b"", cell)

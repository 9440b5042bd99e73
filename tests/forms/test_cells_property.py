"""Anything written into the form's typed cells, saved and read back: never a crash; every non-blank
cell gives a value or a problem located at that very cell. (The converters get many more examples in
test_convert; this checks the whole path through a real xlsx, ~40 cells an example.)"""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from evaluator.forms.cells import even
from evaluator.forms.reader import read_form
from evaluator.forms.save import workbook_bytes
from tests.forms.conftest import where

TYPED = ["value:m_done", "value:m_training_hours", "value:m_satisfaction", "value:m_funds_misused",
         "value:m_survey_kind", "value:m_survey_date", "value:m_survey_note", "rating:D1.01:self", "rating:D1.01:consensus",
         "project:budget", "project:period_start", "feedback:indicator@0", "feedback:indicator@1"]
TYPED += [f"roster:{column}@{row}" for row in range(8) for column in ("org_name", "members", "meets_monthly")]
TYPED_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**9, 10**9), st.floats(-1e9, 1e9, allow_nan=False), TYPED_TEXT,
    st.sampled_from(["是", "否", "Y", "✓", "85%", "０.５", "3 - 执行良好", "入户", "2024年5月1日", "D1.01 治理结构", "=A1"]),
    st.dates(dt.date(1990, 1, 1), dt.date(2110, 1, 1)),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries(dict.fromkeys(TYPED, VALUES)))
def test_typed_cells_never_crash_and_always_locate(mini_loaded, layout, tmp_path, template_with_roster, cells):
    wb = load_workbook(io.BytesIO(template_with_roster))
    for key, value in cells.items():
        sheet, ref = where(layout, key)
        wb[sheet][ref].value = value
    path = tmp_path / "any.xlsx"
    path.write_bytes(workbook_bytes(wb))
    reading = read_form(path, mini_loaded)
    problem_cells = {f"{p.location.sheet}!{p.location.cell}" for p in reading.problems}
    for key, value in cells.items():
        sheet, ref = where(layout, key)
        if even(value) is None:
            continue
        assert _read_value(reading.evidence, key) is not None or f"{sheet}!{ref}" in problem_cells, (key, value)


def _read_value(evidence, key: str):
    """The value read for a slot key, or None (also when the form gave no evidence at all)."""
    if evidence is None:
        return None
    kind, _, rest = key.partition(":")
    name, _, row = rest.partition("@")
    if kind == "value":
        return evidence.values[name].value
    if kind == "rating":
        indicator, rater = name.rsplit(":", 1)
        return evidence.ratings[indicator][rater].value
    if kind == "project":
        return getattr(evidence.project, name)
    if kind == "roster":
        rows = {r.row - 5: r for r in evidence.roster}
        return rows[int(row)].values[name].value if int(row) in rows else None
    items = {i.row - 4: i for i in evidence.feedback}
    return getattr(items[int(row)], name) if int(row) in items else None

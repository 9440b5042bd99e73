"""What people type, read as typed values: accepted forms (warned when reinterpreted) and refused ones."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.forms.cells import Raw, even
from evaluator.forms.convert import read_rating, read_value
from evaluator.forms.project import PROJECT_FIELDS

OK, WARN = None, "F024"

# field id           typed or pasted          value read             code expected
CASES = [
    ("m_done",          "１２",                  12,                    WARN),
    ("m_done",          "12",                    12,                    OK),
    ("m_done",          12.0,                    12,                    OK),
    ("m_done",          "1,000",                 1000,                  WARN),
    ("m_done",          2.5,                     None,                  "F020"),
    ("m_done",          "二十",                  None,                  "F020"),
    ("m_done",          True,                    None,                  "F020"),
    ("m_done",          1001,                    None,                  "F021"),
    ("m_training_hours", "24 小时",              24.0,                  WARN),
    ("m_funds",         "12万元",                120000.0,              WARN),
    ("m_funds",         "十二万",                None,                  "F020"),
    ("m_funds",         "nan",                   None,                  "F020"),
    ("m_satisfaction",  0.85,                    0.85,                  OK),
    ("m_satisfaction",  1,                       1.0,                   OK),
    ("m_satisfaction",  85,                      0.85,                  WARN),
    ("m_satisfaction",  "85%",                   0.85,                  WARN),
    ("m_satisfaction",  "８５％",                0.85,                  WARN),
    ("m_satisfaction",  "0.85",                  0.85,                  WARN),
    ("m_satisfaction",  "1",                     1.0,                   "F025"),
    ("m_satisfaction",  "150%",                  None,                  "F021"),
    ("m_funds_misused", "是",                    True,                  OK),
    ("m_funds_misused", "No",                    False,                 OK),
    ("m_funds_misused", "✓",                     True,                  WARN),
    ("m_funds_misused", "N",                     False,                 WARN),
    ("m_funds_misused", 0,                       False,                 WARN),
    ("m_funds_misused", "不确定",                None,                  "F022"),
    ("m_survey_kind",   "入户",                  "door",                OK),
    ("m_survey_kind",   "Online",                "online",              OK),
    ("m_survey_kind",   "电话",                  None,                  "F022"),
    ("m_survey_date",   dt.datetime(2024, 5, 1, 9, 30), dt.date(2024, 5, 1), OK),
    ("m_survey_date",   "2024-05-01",            dt.date(2024, 5, 1),   OK),
    ("m_survey_date",   "２０２４年５月１日",    dt.date(2024, 5, 1),   WARN),
    ("m_survey_date",   45413,                   dt.date(2024, 5, 1),   WARN),
    ("m_survey_date",   "2024-02-30",            None,                  "F020"),
    ("m_survey_date",   "1899-12-31",            None,                  "F021"),
    ("m_survey_date",   dt.date(1999, 12, 31),   None,                  "F021"),
    ("m_survey_note",   12,                      "12",                  OK),
    ("m_survey_note",   "字" * 2000,             "字" * 2000,           OK),
    ("m_survey_note",   "字" * 2001,             None,                  "F035"),
    ("m_survey_note",   "字" * 1_000_000,        None,                  "F035"),
]


@pytest.mark.parametrize("field_id, typed, value, code", CASES)
def test_cases(mini, field_id, typed, value, code):
    read = read_value(mini.evidence_fields[field_id], Raw(even(typed)))
    assert read.value == value and type(read.value) is type(value)
    assert [i[0] for i in read.issues][-1:] == ([code] if code else [])


@pytest.mark.parametrize("typed, level", [(3, 3), ("3", 3), ("３", 3), ("3 - 执行良好", 3), ("3级", 3), (0, 0),
                                          (5, None), (3.5, None), ("3.5", None), ("好", None), (True, None)])
def test_ratings(typed, level):
    read = read_rating(Raw(even(typed)))
    assert read.value == level
    assert [i[0] for i in read.issues] == ([] if level is not None else ["F029"])


def test_marked_cells():
    field = PROJECT_FIELDS[0]
    assert read_value(field, Raw(None, "formula")).issues[0][:2] == ("F027", "warning")
    assert read_value(field, Raw(None, "#N/A")).issues[0][:2] == ("F028", "error")


ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.text(alphabet="０１２３４５６７８９.,%％万元人 -年月日/", max_size=12),
    st.dates(), st.datetimes(), st.times(), st.timedeltas(),
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["m_done", "m_training_hours", "m_satisfaction", "m_funds_misused", "m_survey_kind",
                        "m_survey_date", "m_survey_note"]), ANYTHING)
def test_any_value_gives_a_typed_value_or_a_problem(mini, field_id, typed):
    field = mini.evidence_fields[field_id]
    raw = Raw(even(typed))
    read = read_value(field, raw)
    if read.value is None:
        assert raw.empty or any(severity == "error" for _, severity, _ in read.issues)
        return
    kind = {"integer": int, "number": float, "percent": float, "boolean": bool, "choice": str, "date": dt.date, "text": str}
    assert type(read.value) is kind[field.type]
    if field.range:
        assert field.range[0] <= read.value <= field.range[1] and math.isfinite(read.value)
    if field.type == "choice":
        assert read.value in {c.id for c in field.choices}


@settings(max_examples=100, deadline=None)
@given(ANYTHING)
def test_any_rating_is_a_level_or_a_problem(typed):
    read = read_rating(Raw(even(typed)))
    assert read.value in {0, 1, 2, 3, 4} or (read.value is None and (Raw(even(typed)).empty or read.issues))


def test_cover_answers_have_their_own_limits():
    """A project name is a line, not a page: 1 000 000 characters used to pass with a warning and make
    every report take minutes."""
    from evaluator.forms.project import COVER_LIMITS

    name = next(f for f in PROJECT_FIELDS if f.id == "name")
    assert read_value(name, Raw("名" * 200), limit=COVER_LIMITS["name"]).value == "名" * 200
    refused = read_value(name, Raw("名" * 1_000_000), limit=COVER_LIMITS["name"])
    assert refused.value is None and refused.issues == (("F035", "error", {"found": 1_000_000, "limit": 200}),)

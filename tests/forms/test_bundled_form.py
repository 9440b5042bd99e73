"""The bundled rubric's form: every field answered with a valid value reads back unchanged, found by the
rubric id in `_meta` (no --rubric needed), and long anchors get rows tall enough to show them."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from evaluator.bundled import rubric_path
from evaluator.cli import main
from evaluator.forms.content import FormContent, fill
from evaluator.forms.reader import read_form
from evaluator.forms.save import workbook_bytes
from evaluator.forms.styles import lines
from evaluator.forms.template import build_template
from evaluator.rubric import load_rubric
from evaluator.rubric.fields import EvidenceField
from tests.forms.conftest import GOOD


def _valid(field: EvidenceField, n: int):
    """A valid answer for any field, varied by n."""
    low, high = field.range or (0, 1 if field.type == "percent" else 1000)
    return {
        "integer": int(low) + n % max(1, int(high - low)),
        "number": float(low) + 0.5,
        "percent": round(low + (high - low) * 0.75, 4),
        "boolean": n % 2 == 0,
        "choice": field.choices[n % len(field.choices)].id if field.choices else None,
        "text": f"{field.label.zh} {n}",
        "date": dt.date(2024, 1 + n % 12, 1 + n % 28),
    }[field.type]


@pytest.fixture(scope="module")
def bundled():
    loaded = load_rubric(rubric_path())
    assert loaded.ok
    rubric = loaded.rubric
    content = FormContent(
        project=GOOD.project,
        values={f.id: _valid(f, n) for n, f in enumerate(rubric.evidence_fields.values())},
        ratings={i.id: dict.fromkeys(i.raters, n % 5) for n, i in enumerate(rubric.indicators) if i.rule.kind == "rating"},
        notes={i.id: f"证据：{i.name.zh}" for i in rubric.indicators[::3]},
        roster=[{c.id: _valid(c, n) for c in rubric.ladder.roster_columns} | {"org_name": f"自组织{n}"} for n in range(12)],
        feedback=[{"indicator": i.id, "finding": "发现", "response": "回应"} for i in rubric.indicators[:5]],
    )
    wb, layout = build_template(loaded.rubric, loaded.sha256, "zh")
    fill(wb, layout, loaded.rubric, content)
    return loaded, content, workbook_bytes(wb), wb


def test_a_complete_bundled_form_reads_back_unchanged_by_its_rubric_id(bundled, tmp_path):
    loaded, content, data, _ = bundled
    (tmp_path / "form.xlsx").write_bytes(data)
    reading = read_form(tmp_path / "form.xlsx")  # no rubric given: _meta names chengdu-participatory
    assert reading.problems == []
    evidence = reading.evidence
    assert evidence.rubric.sha256 == loaded.sha256
    assert {k: v.value for k, v in evidence.values.items()} == content.values
    assert {i: {r: v.value for r, v in by.items()} for i, by in evidence.ratings.items()} == content.ratings
    assert [{k: v.value for k, v in r.values.items()} for r in evidence.roster] == content.roster
    assert {k: v.value for k, v in evidence.notes.items()} == content.notes
    assert len(evidence.feedback) == 5


def test_check_finds_the_bundled_rubric_itself(bundled, tmp_path):
    (tmp_path / "form.xlsx").write_bytes(bundled[2])
    result = CliRunner().invoke(main, ["check", str(tmp_path / "form.xlsx")])
    assert result.exit_code == 0, result.output


def test_long_anchor_texts_get_rows_tall_enough(bundled):
    ws = bundled[3].worksheets[2]  # the first domain sheet
    merged = {m.min_row: m for m in ws.merged_cells.ranges if m.min_col == 2}
    checked = 0
    for row in range(4, ws.max_row + 1):
        text = ws.cell(row, 2).value
        if isinstance(text, str) and row in merged and len(text) > 60:
            width = sum(ws.column_dimensions[chr(64 + c)].width for c in range(2, merged[row].max_col + 1))
            assert ws.row_dimensions[row].height >= lines(text, width) * 14, (row, text[:20])
            checked += 1
    assert checked > 10

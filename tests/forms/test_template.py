"""The blank form: the sheets, what is locked and what is open, dropdowns and ranges, printing, and the
things that make Excel offer to "repair" a file (overlapping merges, two validations on one cell)."""

from __future__ import annotations

import io
from itertools import product

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from evaluator.forms.layout import TEXT_LIMIT
from evaluator.forms.save import workbook_bytes
from evaluator.forms.template import build_template
from tests.forms.conftest import where


@pytest.fixture(scope="module")
def blank(mini_loaded):
    wb, layout = build_template(mini_loaded.rubric, mini_loaded.sha256, "zh")
    return load_workbook(io.BytesIO(workbook_bytes(wb))), layout


def _cells(ref: str):
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return set(product(range(min_row, max_row + 1), range(min_col, max_col + 1)))


def _validations(ws):
    """(row, column) → the one validation covering it; two on one cell is an error here."""
    covered = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            for cell in _cells(ref):
                assert cell not in covered, f"{ws.title} {cell} has two validations"
                covered[cell] = dv
    return covered


def test_sheets_in_order_and_the_machine_sheets_very_hidden(blank):
    wb, _ = blank
    assert wb.sheetnames == ["封面", "说明", "D1 执行", "D2 参与", "自组织名册", "反馈与回应", "_lists", "_meta"]
    assert [ws.sheet_state for ws in wb] == ["visible"] * 6 + ["veryHidden"] * 2
    assert wb.security.lockStructure


def test_every_sheet_is_protected_without_a_password(blank):
    for ws in blank[0]:
        assert ws.protection.sheet and not ws.protection.password, ws.title


def test_exactly_the_answer_cells_are_unlocked(blank):
    wb, layout = blank
    answers = {}
    for slot in layout.slots.values():
        answers.setdefault(slot.sheet, set()).update(_cells(slot.ref))
    for ws in wb:
        merged = {cell for m in ws.merged_cells.ranges for cell in _cells(m.coord)
                  if (m.min_row, m.min_col) in answers.get(ws.title, set())}
        unlocked = {(c.row, c.column) for row in ws.iter_rows() for c in row
                    if c.protection.locked is False and c.coordinate not in ws.merged_cells}
        assert unlocked - merged == answers.get(ws.title, set()) - merged, ws.title
        assert answers.get(ws.title, set()) <= unlocked | merged, ws.title


def test_merged_ranges_never_overlap(blank):
    for ws in blank[0]:
        seen = set()
        for m in ws.merged_cells.ranges:
            cells = _cells(m.coord)
            assert not cells & seen, f"{ws.title} {m.coord}"
            seen |= cells


def test_every_answer_cell_has_the_validation_of_its_type(blank):
    wb, layout = blank
    expect = {
        "project:budget": ("decimal", "0", "10000000000"),
        "project:evaluation_type": ("list", "_lists!$B$1:$B$3", None),
        "value:m_done": ("whole", "0", "1000"),
        "value:m_training_hours": ("decimal", "0", "500"),
        "value:m_satisfaction": ("decimal", "0", "1"),
        "value:m_funds_misused": ("list", "_lists!$A$1:$A$2", None),
        "value:m_survey_date": ("date", "36526", "73415"),
        "value:m_survey_note": ("textLength", str(TEXT_LIMIT), None),
        "rating:D1.01:residents": ("list", "_lists!$D$1:$D$5", None),
        "roster:members@99": ("whole", "0", "2000"),
        "feedback:indicator@0": ("list", "_lists!$E$1:$E$7", None),
    }
    for key, (kind, low, high) in expect.items():
        sheet, ref = where(layout, key)
        dv = _validations(wb[sheet])[(wb[sheet][ref].row, wb[sheet][ref].column)]
        assert (dv.type, dv.formula1, dv.formula2) == (kind, low, high), key
        assert dv.showErrorMessage and dv.error
    for slot in layout.slots.values():  # and no answer cell is left without one
        covered = _validations(wb[slot.sheet])
        assert _cells(slot.ref) <= set(covered), slot


def test_dropdowns_show_the_rating_anchors_and_labels(blank):
    lists = blank[0]["_lists"]
    assert [c.value for c in lists["A"][:2]] == ["是", "否"]
    # the level first and only as much anchor as a rating cell shows: the chosen level stays in view
    assert [c.value for c in lists["D"][:5]] == ["0 - 无章程", "1 - 有章程未执…", "2 - 部分执行", "3 - 执行良好", "4 - 示范"]
    sheet = blank[0]["D1 执行"]
    texts = [c.value for row in sheet.iter_rows(min_col=2, max_col=2) for c in row]
    assert "执行良好" in texts and "示范" in texts  # the full anchors are on the sheet too


def test_raters_not_named_by_an_indicator_are_greyed_out(blank):
    wb, layout = blank
    sheet, ref = where(layout, "rating:D1.01:self")
    row = wb[sheet][ref].row
    values = [wb[sheet].cell(row, col).value for col in range(3, 3 + len(layout.raters))]
    assert values == [None] * 5  # mini's D1.01 names all five raters
    assert layout.rater_column("residents") == "G"


def test_print_setup_freezing_and_wrapping(blank):
    wb, _layout = blank
    for name in ["封面", "D1 执行", "自组织名册", "反馈与回应"]:
        ws = wb[name]
        wide = 2 if name == "自组织名册" else 1   # the roster: two pages wide, readable, its names repeated
        assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == wide  # 9: A4
        assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows and ws.freeze_panes
        assert str(ws.print_area).startswith(f"'{name}'!$A$1:")   # the content, not the grid
    assert wb["自组织名册"].page_setup.orientation == "landscape" and wb["自组织名册"].print_title_cols == "$A:$B"
    ws = wb["D1 执行"]
    look_at = next(c for row in ws.iter_rows(min_col=1, max_col=1) for c in row if c.value == "看什么")
    assert ws.cell(look_at.row, 2).alignment.wrap_text
    assert ws.row_dimensions[look_at.row].height >= 2 * 14  # look_at text plus the methods line


def test_english_template(mini_loaded):
    wb, layout = build_template(mini_loaded.rubric, mini_loaded.sha256, "en")
    assert wb.sheetnames[:4] == ["Cover", "Guide", "D1 Delivery", "D2 Participation"]
    assert wb["Cover"]["A4"].value == "Project name"
    assert layout.lists["rating:D1.01"][3] == "3 - Used"


def test_every_validated_cell_prompts_what_to_enter(blank):
    wb, _ = blank
    for ws in wb.worksheets:
        for rule in ws.data_validations.dataValidation:
            assert rule.showInputMessage and rule.prompt and rule.promptTitle, (ws.title, rule.sqref)


def test_english_sheet_names_fit_31_characters_without_cutting_a_word():
    from evaluator.forms.layout import sheet_name

    assert sheet_name("D4 Resident participation and deliberation") == "D4 Resident participation"
    assert sheet_name("D6 Outcomes and sustainability") == "D6 Outcomes and sustainability"
    long_name = sheet_name("D1 Organization governance and professional capacity")
    assert len(long_name) <= 31 and "D1 Organization governance and professional capacity".startswith(long_name + " ")
    assert sheet_name("D4 居民参与与协商民主" * 3) == ("D4 居民参与与协商民主" * 3)[:31]


def test_the_cover_asks_for_the_evaluating_body_and_the_overall_assessment(blank):
    wb, layout = blank
    labels = {wb["封面"][f"A{row}"].value: row for _, row in layout.cover_rows}
    assert "评估机构" in labels and "总评" in labels
    assert layout.slots["project:assessment"].ref == f"B{labels['总评']}"
    assert wb["封面"].row_dimensions[labels["总评"]].height >= 100

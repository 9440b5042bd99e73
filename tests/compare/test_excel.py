"""The workbook opened back with openpyxl: numbers are numbers, and no text from a form is a formula."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from evaluator.compare.portfolio_xlsx import portfolio_xlsx
from evaluator.compare.select import portfolio_from_store
from evaluator.store import Store
from tests.compare.build import result


def workbook(pf, lang="zh"):
    return load_workbook(io.BytesIO(portfolio_xlsx(pf, lang)))


def rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.fixture
def hostile_pf(db):
    """The portfolio plus a project whose texts try every trick: formulas, control characters, error values."""
    with Store.open(db) as store:
        store.ingest(result("@P4", "第二届", "z", name="坏\x01名\t=1+1", organization="#N/A",
                            domains={"D1": (10, 40), "D2": (10, 60)}, indicators={"D1.01": (1, 10, "scored")},
                            orgs=[("=SUM(A1:A9)", 1), ("-2+3", 2), ("\t=cmd", 1)]))
        return portfolio_from_store(store)


def test_no_cell_holds_a_formula_and_risky_text_is_quoted(hostile_pf):
    wb = workbook(hostile_pf)
    texts = []
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert cell.data_type == "s"
                    if cell.value.startswith(("=", "+", "-", "@", "\t")):
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    for text in ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", "=SUM(A1:A9)", "-2+3",
                 "\t=cmd", "@P4", "#N/A", "坏名\t=1+1"]:
        assert text in texts


def test_numbers_are_numbers_with_number_formats(pf):
    ws = workbook(pf)["项目×领域"]
    header = rows(ws)[0]
    assert header[:12] == ["届次", "项目编号", "项目名称", "执行机构", "评估类型", "版本", "总分", "满分", "得分率", "等级",
                           "证据不全（暂定）", "一票否决"]
    first = dict(zip(header, ws[2], strict=True))
    # each cell holds the figure as the reports write it, in a format that shows it the same way: 90, 90%, +25
    assert first["项目编号"].value == "P3" and first["总分"].value == 90 and first["总分"].number_format == "0"
    assert first["得分率"].value == 0.9 and first["得分率"].number_format == "0%"
    assert first["D1 得分率"].value == 0.9 and first["版本"].value == 1
    changes = dict(zip(rows(workbook(pf)["项目变化"])[0], workbook(pf)["项目变化"][2], strict=False))
    assert changes["总分变化"].value == 25 and changes["总分变化"].number_format == '+0;"\u2212"0;0'


def test_every_table_has_a_frozen_header_and_an_autofilter(pf):
    wb = workbook(pf)
    assert wb.sheetnames == ["概览", "项目×领域", "指标", "项目变化", "指标变化", "自组织", "指标一致性", "评估员校准",
                             "自评差距", "说明"]
    for ws in wb:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        assert ws.auto_filter.ref.startswith("A1:")
    overview = rows(wb["概览"])
    assert overview[0][:3] == ["届次", "项目数", "平均总分"] and overview[1][:3] == ["第一届", 3, 70]
    assert [len(wb[name]._charts) for name in ("概览", "项目×领域", "自组织")] == [1, 2, 1]


def test_organizations_sheet_shows_the_movement(pf):
    moved = [r for r in rows(workbook(pf)["自组织"])[1:] if r[9] is not None]
    assert [(r[3], r[8], r[5], r[9]) for r in moved] == [("舞蹈队 ", 1, 3, 2), ("AB合唱团", 2, 1, -1), ("书画社", 3, 3, 0)]


def test_english_headers(pf):
    wb = workbook(pf, "en")
    assert wb.sheetnames == ["Overview", "Projects x domains", "Indicators", "Project changes", "Indicator changes",
                             "Self-organizations", "Rater agreement", "Evaluator calibration", "Self-assessment gaps",
                             "Notes"]
    assert rows(wb["Indicators"])[0][:3] == ["Round", "Rank (1 = weakest)", "Indicator ID"]
    notes = rows(wb["Notes"])
    assert any("only mini 0.2.0 has D1.03" in (r[1] or "") for r in notes)


def test_a_cell_holds_the_published_figure_in_the_format_that_shows_it():
    from openpyxl import Workbook

    from evaluator.compare.xlsx_tables import put

    ws = Workbook().active
    for column, (value, kind) in enumerate(((84.995, "points"), (0.8125, "share"), (-1.5, "change"), (0.004, "change")), 1):
        put(ws.cell(row=1, column=column), value, kind)
    cells = [ws.cell(row=1, column=c) for c in range(1, 5)]
    assert [c.value for c in cells] == [85.0, 0.813, -1.5, 0.0]   # half-up once: 84.995 is 85, 81.25% is 81.3%
    assert [c.number_format for c in cells] == ["0", "0.0%", '+0.0;"\u2212"0.0;0', '+0;"\u2212"0;0']

"""The Portfolio as an Excel workbook for funders: one sheet per view, filterable tables, native charts.

Sheets: overview per round, projects × domains, indicators (weakest first), project changes,
indicator changes, self-organizations, notes. Headers in Chinese, or English with lang="en".
"""

from __future__ import annotations

import math

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from evaluator.compare.cells import domains as portfolio_domains
from evaluator.compare.model import Portfolio
from evaluator.compare.xlsx import Column, write_table
from evaluator.compare.xlsx_calibration import calibration_sheets, trend_sheet
from evaluator.forms.save import workbook_bytes
from evaluator.messages import Lang
from evaluator.rubric.text import Text
from evaluator.store.terms import TYPE_NAMES

YES = {True: Text(zh="是", en="yes"), False: Text(zh="否", en="no")}
ROUND = Column("届次", "Round")
CODE, NAME = Column("项目编号", "Project code"), Column("项目名称", "Project")
TOTAL = Column("总分", "Total", "points")
SHEETS = {
    "overview": Text(zh="概览", en="Overview"),
    "matrix": Text(zh="项目×领域", en="Projects x domains"),
    "indicators": Text(zh="指标", en="Indicators"),
    "changes": Text(zh="项目变化", en="Project changes"),
    "indicator_changes": Text(zh="指标变化", en="Indicator changes"),
    "organizations": Text(zh="自组织", en="Self-organizations"),
    "notes": Text(zh="说明", en="Notes"),
}


def portfolio_xlsx(pf: Portfolio, lang: Lang = "zh") -> bytes:
    wb = Workbook()
    sheets = {key: wb.create_sheet(title(lang)) for key, title in SHEETS.items()}
    wb.remove(wb.worksheets[0])
    first_stage = overview(sheets["overview"], pf, lang)
    matrix(sheets["matrix"], pf, lang)
    indicators(sheets["indicators"], pf, lang)
    project_changes(sheets["changes"], pf, lang)
    indicator_changes(sheets["indicator_changes"], pf, lang)
    organizations(sheets["organizations"], (sheets["overview"], first_stage), pf, lang)
    notes(sheets["notes"], pf, lang)
    if pf.project_indicators:
        trend_sheet(wb, pf, lang)
    if pf.calibration:
        calibration_sheets(wb, pf, lang)
    if pf.project_indicators or pf.calibration:
        wb.move_sheet(sheets["notes"], offset=len(wb.worksheets) - 1 - wb.worksheets.index(sheets["notes"]))
    return workbook_bytes(wb)  # byte-identical for the same portfolio: a rerun is a no-op


def overview(ws: Worksheet, pf: Portfolio, lang: Lang) -> int:
    """The per-round table and a grade chart; returns the column of the first stage count."""
    domains = portfolio_domains(pf)
    columns = [ROUND, Column("项目数", "Projects", "int"), Column("平均总分", "Mean total", "points"),
               Column("中位数", "Median", "points"), Column("最低分", "Lowest", "points"),
               Column("下四分位", "Lower quartile", "points"), Column("上四分位", "Upper quartile", "points"),
               Column("最高分", "Highest", "points")]
    first_grade = len(columns) + 1
    columns += [Column(f"{g.label.zh}（个）", f"{g.label.en} (projects)", "int") for g in pf.grades]
    columns += [Column("证据不全（暂定）", "Provisional", "int"), Column("触及红线", "Red line crossed", "int")]
    columns += [Column(f"{id} 平均得分率", f"{id} mean share", "share") for id in domains]
    columns += [Column("自组织（个）", "Self-organizations", "int")]
    columns += [Column(f"{s.level}·{s.name.zh}", f"{s.level} {s.name.en}", "int") for s in pf.stages]
    rows = []
    for r in pf.rounds:
        d, grades = r.distribution, {g.id: g.count for g in r.grades}
        shares = {s.id: s.mean_share for s in r.domains}
        stages = {s.level: s.count for s in r.stages}
        rows.append([r.name, r.projects, d.mean, d.median, d.min, d.q1, d.q3, d.max,
                     *(grades.get(g.id, 0) for g in pf.grades), r.provisional, r.red_lines,
                     *(shares.get(id) for id in domains), r.organizations, *(stages.get(s.level, 0) for s in pf.stages)])
    write_table(ws, columns, rows, lang, frozen_columns=1)
    chart = _bar_chart(Text(zh="各届等级分布", en="Grades per round")(lang), horizontal=False, stacked=True)
    chart.add_data(Reference(ws, min_col=first_grade, max_col=first_grade + len(pf.grades) - 1,
                             min_row=1, max_row=len(rows) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows) + 1))
    ws.add_chart(chart, f"B{len(rows) + 4}")
    return len(columns) - len(pf.stages) + 1


def matrix(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    domains = portfolio_domains(pf)
    columns = [ROUND, CODE, NAME, Column("执行机构", "Organization"), Column("评估类型", "Evaluation"),
               Column("版本", "Version", "int"), TOTAL, Column("满分", "Max", "points"),
               Column("得分率", "Share", "share"), Column("等级", "Grade"), Column("证据不全", "Provisional"),
               Column("触及红线", "Red lines", "int")]
    for id, name in domains.items():
        columns += [Column(f"{id} {name.zh}", f"{id} {name.en}", "points"),
                    Column(f"{id} 得分率", f"{id} share", "share")]
    rows, blocks = [], []
    for r in pf.rounds:
        blocks.append((r.name, len(rows) + 2, len(r.matrix)))
        for m in r.matrix:
            cells = [m.domains.get(id) for id in domains]
            rows.append([r.name, m.project.code, m.project.name, m.project.organization,
                         TYPE_NAMES[m.evaluation_type](lang), m.version, m.total, m.max, m.share, m.grade.label(lang),
                         YES[m.provisional](lang), m.red_lines,
                         *(v for id, c in zip(domains, cells) for v in _domain_values(m, id, c, lang))])
    write_table(ws, columns, rows, lang, frozen_columns=3)
    anchor_row, anchor_col = 2, get_column_letter(len(columns) + 2)
    for name, first, count in blocks:
        chart = _bar_chart(Text(zh=f"{name} 各项目总分", en=f"{name}: total per project")(lang), horizontal=True)
        last = first + count - 1
        chart.add_data(Reference(ws, min_col=columns.index(TOTAL) + 1, min_row=first, max_row=last))
        chart.set_categories(Reference(ws, min_col=columns.index(NAME) + 1, min_row=first, max_row=last))
        chart.legend = None
        chart.height = max(7.5, 0.5 * count + 2)
        ws.add_chart(chart, f"{anchor_col}{anchor_row}")
        anchor_row += math.ceil(chart.height / 0.53) + 2


def _domain_values(m, id: str, cell, lang: Lang) -> tuple:
    """Points and share; a domain in which nothing applied says so, never 0."""
    if id in m.not_applicable:
        return (Text(zh="不适用", en="n/a")(lang), None)
    return (cell.points, cell.share) if cell else (None, None)


def indicators(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    columns = [ROUND, Column("排名（1 为最弱）", "Rank (1 = weakest)", "int"), Column("指标编号", "Indicator"),
               Column("领域", "Domain"), Column("指标名称", "Name"), Column("分值", "Points", "points"),
               Column("平均得分率", "Mean share", "share"), Column("平均得分", "Mean points", "points"),
               Column("已评分（个）", "Scored", "int"), Column("缺少证据（个）", "Missing evidence", "int"),
               Column("不适用（个）", "Not applicable", "int")]
    rows = [[r.name, rank, i.id, i.domain, i.name(lang), i.max, i.mean_share, i.mean_points, i.scored, i.missing,
             i.not_applicable] for r in pf.rounds for rank, i in enumerate(r.indicators, start=1)]
    write_table(ws, columns, rows, lang, frozen_columns=3)


def project_changes(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    domains = portfolio_domains(pf)
    columns = [CODE, NAME, Column("上一届次", "From round"), Column("本届次", "To round"),
               Column("上届总分", "Total before", "points"), Column("本届总分", "Total after", "points"),
               Column("总分变化", "Total change", "change"), Column("上届等级", "Grade before"),
               Column("本届等级", "Grade after"), Column("同一评估标准", "Same rubric")]
    for id in domains:
        columns += [Column(f"{id} 得分变化", f"{id} change", "change"),
                    Column(f"{id} 得分率变化", f"{id} share change", "share_change")]
    rows = []
    for c in pf.changes:
        by_id = {d.id: d for d in c.domains}
        rows.append([c.project.code, c.project.name, c.before_round, c.after_round, c.total_before, c.total_after,
                     c.change, c.grade_before.label(lang), c.grade_after.label(lang), YES[c.same_rubric](lang),
                     *(v for id in domains for v in ((by_id[id].change, by_id[id].share_change)
                                                    if id in by_id else (None, None)))])
    write_table(ws, columns, rows, lang, frozen_columns=2)


def indicator_changes(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    columns = [Column("上一届次", "From round"), Column("本届次", "To round"), Column("指标编号", "Indicator"),
               Column("领域", "Domain"), Column("指标名称", "Name"),
               Column("上届平均得分率", "Mean share before", "share"),
               Column("本届平均得分率", "Mean share after", "share"), Column("变化", "Change", "share_change"),
               Column("同一项目的平均变化", "Mean change, same projects", "share_change"),
               Column("两届都评分的项目（个）", "Projects scored in both", "int")]
    rows = [[c.before_round, c.after_round, c.id, c.domain, c.name(lang), c.share_before, c.share_after, c.change,
             c.paired_change, c.paired] for c in pf.indicator_changes]
    write_table(ws, columns, rows, lang, frozen_columns=3)


def organizations(ws: Worksheet, stage_counts: tuple[Worksheet, int], pf: Portfolio, lang: Lang) -> None:
    """Every self-organization with its movement; a chart of stage counts per round from the overview."""
    columns = [ROUND, CODE, NAME, Column("自组织", "Self-organization"), Column("名册行", "Roster row", "int"),
               Column("阶段", "Stage", "int"), Column("阶段名称", "Stage name"), Column("上次届次", "Previous round"),
               Column("上次阶段", "Previous stage", "int"), Column("阶段变化", "Stage change", "int")]
    rows = [[o.round, o.project.code, o.project.name, o.name, o.row, o.stage, o.stage_name(lang), o.previous_round,
             o.previous_stage, o.change] for o in pf.organizations]
    write_table(ws, columns, rows, lang, frozen_columns=4)
    source, first = stage_counts
    chart = _bar_chart(Text(zh="各届自组织成熟度阶段", en="Self-organization stages per round")(lang), horizontal=False)
    chart.add_data(Reference(source, min_col=first, max_col=first + len(pf.stages) - 1, min_row=1,
                             max_row=len(pf.rounds) + 1), titles_from_data=True)
    chart.set_categories(Reference(source, min_col=1, min_row=2, max_row=len(pf.rounds) + 1))
    ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}2")


def notes(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    every = Text(zh="全部", en="all")(lang)
    sep = "、" if lang == "zh" else ", "
    rows = [
        [Text(zh="比较的依据", en="What is compared")(lang), Text(
            zh="每个项目每届取最新版本的终期评估，没有终期时取中期评估；自评不参与比较。得分率 = 得分 ÷ 满分；变化 = 本届 − 上一届。"
               "不同版本的评估标准按指标编号比较。",
            en="Each project counts once per round with its latest final evaluation, else its latest midterm one; "
               "self-assessments are not compared. Share = points / maximum; change = after - before. "
               "Results scored with different rubric versions are compared by indicator id.")(lang)],
        [Text(zh="届次", en="Rounds")(lang), sep.join(pf.selection.rounds) or every],
        [Text(zh="项目", en="Projects")(lang), sep.join(pf.selection.projects) or every],
    ]
    if pf.skipped_rounds:
        rows.append([Text(zh="没有可比较结果的届次", en="Rounds with nothing to compare")(lang), sep.join(pf.skipped_rounds)])
    rubrics = {u.rubric.sha256: u.rubric for r in pf.rounds for u in r.rubrics}
    rows += [[Text(zh="评估标准", en="Rubric")(lang), f"{x.id} {x.version} sha256 {x.sha256}"] for x in rubrics.values()]
    rows += [[Text(zh="评估标准差异", en="Rubric differences")(lang), n.text(lang)] for n in pf.rubric_notes]
    write_table(ws, [Column("项目", "Item"), Column("内容", "Detail")], rows, lang)
    ws.column_dimensions["B"].width = 100
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _bar_chart(title: str, horizontal: bool, stacked: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = ILLEGAL_CHARACTERS_RE.sub("", title)  # a round name comes from forms
    chart.width = 18
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
    chart.x_axis.delete = False  # openpyxl 3.1 hides axes unless told not to
    chart.y_axis.delete = False
    return chart


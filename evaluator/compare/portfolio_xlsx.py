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

from evaluator.compare.model import Portfolio
from evaluator.compare.table_cells import domains as portfolio_domains
from evaluator.compare.table_cells import join
from evaluator.compare.xlsx_calibration import calibration_sheets, trend_sheet
from evaluator.compare.xlsx_tables import Column, write_table
from evaluator.forms.save import workbook_bytes
from evaluator.i18n import N_, Lang, pt, t
from evaluator.report.phrasing import ts
from evaluator.vocabulary import evaluation_type_name

YES = {True: N_("yes"), False: N_("no")}
ROUND = Column(N_("Round"))
CODE, NAME = Column(N_("Project code")), Column(N_("Project name"))
TOTAL = Column(N_("Total"), "points")
SHEETS = {
    "overview": N_("Overview"),
    "matrix": N_("Projects x domains"),
    "indicators": N_("Indicators"),
    "changes": N_("Project changes"),
    "indicator_changes": N_("Indicator changes"),
    "organizations": N_("Self-organizations"),
    "notes": N_("Notes"),
}


def portfolio_xlsx(pf: Portfolio, lang: Lang = "zh") -> bytes:
    wb = Workbook()
    sheets = {key: wb.create_sheet(t(lang, title)) for key, title in SHEETS.items()}
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
    columns = [ROUND, Column(N_("Number of projects"), "int"), Column(N_("Mean total"), "points"),
               Column(N_("Median"), "points"), Column(N_("Lowest"), "points"),
               Column(N_("Lower quartile"), "points"), Column(N_("Upper quartile"), "points"),
               Column(N_("Highest"), "points")]
    first_grade = len(columns) + 1
    columns += [Column(N_("{grade} (projects)"), "int", (("grade", g.label),)) for g in pf.grades]
    columns += [Column(N_("Provisional"), "int"), Column(N_("Red line crossed"), "int")]
    columns += [Column(N_("{id} mean share"), "share", (("id", id),)) for id in domains]
    columns += [Column(N_("Self-organizations (count)"), "int")]
    columns += [Column(N_("{level} {stage}"), "int", (("level", str(s.level)), ("stage", s.name))) for s in pf.stages]
    rows = []
    for r in pf.rounds:
        d, grades = r.distribution, {g.id: g.count for g in r.grades}
        shares = {s.id: s.mean_share for s in r.domains}
        stages = {s.level: s.count for s in r.stages}
        rows.append([r.name, r.projects, d.mean, d.median, d.min, d.q1, d.q3, d.max,
                     *(grades.get(g.id, 0) for g in pf.grades), r.provisional, r.red_lines,
                     *(shares.get(id) for id in domains), r.organizations, *(stages.get(s.level, 0) for s in pf.stages)])
    write_table(ws, columns, rows, lang, frozen_columns=1)
    chart = _bar_chart(t(lang, "Grades per round"), horizontal=False, stacked=True)
    chart.add_data(Reference(ws, min_col=first_grade, max_col=first_grade + len(pf.grades) - 1,
                             min_row=1, max_row=len(rows) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows) + 1))
    ws.add_chart(chart, f"B{len(rows) + 4}")
    return len(columns) - len(pf.stages) + 1


def matrix(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    domains = portfolio_domains(pf)
    columns = [ROUND, CODE, NAME, Column(N_("Organization")), Column(N_("Evaluation type")),
               Column(N_("Version"), "int"), TOTAL, Column(N_("Max"), "points"),
               Column(N_("Share"), "share"), Column(N_("Grade")), Column(N_("Provisional")),
               Column(N_("Red lines"), "int")]
    for id, name in domains.items():
        columns += [Column(N_("{id} {name}"), "points", (("id", id), ("name", name))),
                    Column(N_("{id} share"), "share", (("id", id),))]
    rows: list[list[object]] = []
    blocks: list[tuple[str, int, int]] = []
    for r in pf.rounds:
        blocks.append((r.name, len(rows) + 2, len(r.matrix)))
        for m in r.matrix:
            cells = [m.domains.get(id) for id in domains]
            rows.append([r.name, m.project.code, m.project.name, m.project.organization,
                         evaluation_type_name(m.evaluation_type, lang), m.version, m.total, m.max, m.share, m.grade.label(lang),
                         t(lang, YES[m.provisional]), m.red_lines,
                         *(v for id, c in zip(domains, cells, strict=True) for v in _domain_values(m, id, c, lang))])
    write_table(ws, columns, rows, lang, frozen_columns=3)
    anchor_row, anchor_col = 2, get_column_letter(len(columns) + 2)
    for round_name, first, count in blocks:
        chart = _bar_chart(ts(lang, "{name}: total per project", name=round_name), horizontal=True)
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
        return (t(lang, "n/a"), None)
    return (cell.points, cell.share) if cell else (None, None)


def indicators(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    columns = [ROUND, Column(N_("Rank (1 = weakest)"), "int"), Column(N_("Indicator ID")),
               Column(N_("Domain")), Column(N_("Indicator name")), Column(N_("Points"), "points"),
               Column(N_("Mean share"), "share"), Column(N_("Mean points"), "points"),
               Column(N_("Scored (projects)"), "int"), Column(N_("Missing evidence"), "int"),
               Column(N_("Not applicable (projects)"), "int")]
    rows = [[r.name, rank, i.id, i.domain, i.name(lang), i.max, i.mean_share, i.mean_points, i.scored, i.missing,
             i.not_applicable] for r in pf.rounds for rank, i in enumerate(r.indicators, start=1)]
    write_table(ws, columns, rows, lang, frozen_columns=3)


def project_changes(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    domains = portfolio_domains(pf)
    columns = [CODE, NAME, Column(N_("From round")), Column(N_("To round")),
               Column(N_("Total before"), "points"), Column(N_("Total after"), "points"),
               Column(N_("Total change"), "change"), Column(N_("Grade before")),
               Column(N_("Grade after")), Column(N_("Same rubric"))]
    for id in domains:
        columns += [Column(N_("{id} change"), "change", (("id", id),)),
                    Column(N_("{id} share change"), "share_change", (("id", id),))]
    rows = []
    for c in pf.changes:
        by_id = {d.id: d for d in c.domains}
        rows.append([c.project.code, c.project.name, c.before_round, c.after_round, c.total_before, c.total_after,
                     c.change, c.grade_before.label(lang), c.grade_after.label(lang), t(lang, YES[c.same_rubric]),
                     *(v for id in domains for v in ((by_id[id].change, by_id[id].share_change)
                                                    if id in by_id else (None, None)))])
    write_table(ws, columns, rows, lang, frozen_columns=2)


def indicator_changes(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    columns = [Column(N_("From round")), Column(N_("To round")), Column(N_("Indicator ID")),
               Column(N_("Domain")), Column(N_("Indicator name")),
               Column(N_("Mean share before"), "share"),
               Column(N_("Mean share after"), "share"), Column(N_("Change"), "share_change"),
               Column(N_("Mean change, same projects"), "share_change"),
               Column(N_("Projects scored in both"), "int")]
    rows = [[c.before_round, c.after_round, c.id, c.domain, c.name(lang), c.share_before, c.share_after, c.change,
             c.paired_change, c.paired] for c in pf.indicator_changes]
    write_table(ws, columns, rows, lang, frozen_columns=3)


def organizations(ws: Worksheet, stage_counts: tuple[Worksheet, int], pf: Portfolio, lang: Lang) -> None:
    """Every self-organization with its movement; a chart of stage counts per round from the overview."""
    columns = [ROUND, CODE, NAME, Column(N_("Self-organization")), Column(N_("Roster row"), "int"),
               Column(N_("Stage"), "int"), Column(N_("Stage name")), Column(N_("Previous round")),
               Column(N_("Previous stage"), "int"), Column(N_("Stage change"), "int")]
    rows = [[o.round, o.project.code, o.project.name, o.name, o.row, o.stage, o.stage_name(lang), o.previous_round,
             o.previous_stage, o.change] for o in pf.organizations]
    write_table(ws, columns, rows, lang, frozen_columns=4)
    source, first = stage_counts
    chart = _bar_chart(t(lang, "Self-organization stages per round"), horizontal=False)
    chart.add_data(Reference(source, min_col=first, max_col=first + len(pf.stages) - 1, min_row=1,
                             max_row=len(pf.rounds) + 1), titles_from_data=True)
    chart.set_categories(Reference(source, min_col=1, min_row=2, max_row=len(pf.rounds) + 1))
    ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}2")


def notes(ws: Worksheet, pf: Portfolio, lang: Lang) -> None:
    every = t(lang, "all")
    rows = [
        [t(lang, "What is compared"),
         t(lang, "Each project counts once per round with its latest final evaluation, else its latest midterm one; "
                 "self-assessments are not compared. Share = points / maximum; change = after - before. Results scored "
                 "with different rubric versions are compared by indicator id.")],
        [t(lang, "Rounds"), join(lang, pf.selection.rounds) or every],
        [pt(lang, "selection", "Projects"), join(lang, pf.selection.projects) or every],
    ]
    if pf.skipped_rounds:
        rows.append([t(lang, "Rounds with nothing to compare"), join(lang, pf.skipped_rounds)])
    rubrics = {u.rubric.sha256: u.rubric for r in pf.rounds for u in r.rubrics}
    rows += [[t(lang, "Rubric"), f"{x.id} {x.version} sha256 {x.sha256}"] for x in rubrics.values()]
    rows += [[t(lang, "Rubric differences"), n.text(lang)] for n in pf.rubric_notes]
    write_table(ws, [Column(N_("Item")), Column(N_("Detail"))], rows, lang)
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


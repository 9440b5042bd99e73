"""The portfolio workbook's calibration sheets: agreement per indicator, per evaluator, and the
self-vs-official gaps, one row per round and item (compare.agreement). Alpha and biases are written as
points are (2 decimals, half-up, through evaluator.numbers)."""

from __future__ import annotations

from openpyxl import Workbook

from evaluator.compare.calibration_view import LEANS
from evaluator.compare.model import Portfolio
from evaluator.compare.xlsx_tables import Column, write_table
from evaluator.i18n import N_, Lang, t

SHEETS = {"agreement": N_("Rater agreement"), "evaluators": N_("Evaluator calibration"),
          "self_gaps": N_("Self-assessment gaps")}
YES = N_("yes")
TRENDS = N_("Project trends (mapped)")
NOT_COMPARABLE = N_("not comparable")


ROUND = Column(N_("Round"))


def calibration_sheets(wb: Workbook, pf: Portfolio, lang: Lang) -> None:
    """Three sheets, added at the end (the caller moves the notes after them)."""
    indicators = wb.create_sheet(t(lang, SHEETS["agreement"]))
    columns = [ROUND, Column(N_("Indicator")), Column(N_("Name")), Column(N_("Pairs"), "int"),
               Column(N_("Krippendorff's alpha (ordinal)"), "points"),
               Column(N_("Exact agreement"), "share"), Column(N_("Anchors need rewriting"))]
    write_table(indicators, columns, [[c.round, i.id, i.name(lang), i.pairs, (i.alpha), i.exact,
                                       t(lang, YES) if i.needs_rewrite else ""]
                                      for c in pf.calibration for i in c.indicators], lang, frozen_columns=2)
    evaluators = wb.create_sheet(t(lang, SHEETS["evaluators"]))
    columns = [ROUND, Column(N_("Evaluator")), Column(N_("Levels"), "int"), Column(N_("Pairs"), "int"),
               Column(N_("Krippendorff's alpha (ordinal)"), "points"),
               Column(N_("Against peers (levels)"), "change"),
               Column(N_("Against consensus (levels)"), "change"),
               Column(N_("Levels with a consensus"), "int"), Column(N_("Lean")),
               Column(N_("Needs calibration"))]
    write_table(evaluators, columns, [[c.round, e.name, e.ratings, e.pairs, (e.alpha), (e.vs_peers),
                                       (e.vs_consensus), e.consensus_pairs, t(lang, LEANS[e.lean]),
                                       t(lang, YES) if e.needs_calibration else ""]
                                      for c in pf.calibration for e in c.evaluators], lang, frozen_columns=2)
    gaps = wb.create_sheet(t(lang, SHEETS["self_gaps"]))
    columns = [ROUND, Column(N_("Indicator")), Column(N_("Name")), Column(N_("Projects"), "int"),
               Column(N_("Self − official (levels)"), "change")]
    write_table(gaps, columns, [[c.round, g.id, g.name(lang), g.projects, (g.gap)]
                                for c in pf.calibration for g in c.self_gaps], lang, frozen_columns=2)


def trend_sheet(wb: Workbook, pf: Portfolio, lang: Lang) -> None:
    """Each project's indicators between consecutive rounds, through the rubric version mappings given."""
    ws = wb.create_sheet(t(lang, TRENDS))
    columns = [Column(N_("Project code")), Column(N_("Project")), Column(N_("Before")), Column(N_("After")),
               Column(N_("Indicator")), Column(N_("Name")), Column(N_("Share before"), "share"),
               Column(N_("Share after"), "share"), Column(N_("Change"), "share_change"), Column(N_("Comparable"))]
    write_table(ws, columns, [[c.project.code, c.project.name, c.before_round, c.after_round, c.id, c.name(lang),
                               c.share_before, c.share_after, c.change,
                               t(lang, YES) if c.comparable else t(lang, NOT_COMPARABLE)]
                              for c in pf.project_indicators], lang, frozen_columns=2)

"""The portfolio workbook's calibration sheets: agreement per indicator, per evaluator, and the
self-vs-official gaps, one row per round and item (compare.agreement). Alpha and biases are written as
points are (2 decimals, half-up, through evaluator.numbers)."""

from __future__ import annotations

from openpyxl import Workbook

from evaluator.compare.model import Portfolio
from evaluator.compare.xlsx import Column, write_table
from evaluator.messages import Lang
from evaluator.rubric.text import Text

SHEETS = {
    "agreement": Text(zh="指标一致性", en="Rater agreement"),
    "evaluators": Text(zh="评估员校准", en="Evaluator calibration"),
    "self_gaps": Text(zh="自评差距", en="Self-assessment gaps"),
}
YES = Text(zh="是", en="yes")
LEAN = {"lenient": Text(zh="偏宽", en="lenient"), "severe": Text(zh="偏严", en="severe"), "even": Text(zh="持平", en="even")}
ROUND = Column("届次", "Round")


def calibration_sheets(wb: Workbook, pf: Portfolio, lang: Lang) -> None:
    """Three sheets, added at the end (the caller moves the notes after them)."""
    indicators = wb.create_sheet(SHEETS["agreement"](lang))
    columns = [ROUND, Column("指标编号", "Indicator"), Column("指标名称", "Name"), Column("对数", "Pairs", "int"),
               Column("Krippendorff α（序数）", "Krippendorff's alpha (ordinal)", "points"),
               Column("完全一致", "Exact agreement", "share"), Column("需要改写等级描述", "Anchors need rewriting")]
    write_table(indicators, columns, [[c.round, i.id, i.name(lang), i.pairs, (i.alpha), i.exact,
                                       YES(lang) if i.needs_rewrite else ""]
                                      for c in pf.calibration for i in c.indicators], lang, frozen_columns=2)
    evaluators = wb.create_sheet(SHEETS["evaluators"](lang))
    columns = [ROUND, Column("评估员", "Evaluator"), Column("等级数", "Levels", "int"), Column("对数", "Pairs", "int"),
               Column("Krippendorff α（序数）", "Krippendorff's alpha (ordinal)", "points"),
               Column("相对同行（级）", "Against peers (levels)", "change"),
               Column("相对共识（级）", "Against consensus (levels)", "change"),
               Column("与共识比较的等级数", "Levels with a consensus", "int"), Column("倾向", "Lean"),
               Column("需要校准", "Needs calibration")]
    write_table(evaluators, columns, [[c.round, e.name, e.ratings, e.pairs, (e.alpha), (e.vs_peers),
                                       (e.vs_consensus), e.consensus_pairs, LEAN[e.lean](lang),
                                       YES(lang) if e.needs_calibration else ""]
                                      for c in pf.calibration for e in c.evaluators], lang, frozen_columns=2)
    gaps = wb.create_sheet(SHEETS["self_gaps"](lang))
    columns = [ROUND, Column("指标编号", "Indicator"), Column("指标名称", "Name"), Column("项目数", "Projects", "int"),
               Column("自评 − 正式等级（级）", "Self − official (levels)", "change")]
    write_table(gaps, columns, [[c.round, g.id, g.name(lang), g.projects, (g.gap)]
                                for c in pf.calibration for g in c.self_gaps], lang, frozen_columns=2)

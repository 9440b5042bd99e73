"""The portfolio PDF's calibration chapter: per round, how well evaluators A and B agree (Krippendorff's
alpha per indicator and per evaluator), who rates high or low, which indicators' anchors need rewriting,
and where organizations rate themselves above or below the official level. Plain strings, one language."""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.compare.agreement import (
    ALPHA_OK,
    LEAN,
    MIN_PAIRS,
    EvaluatorAgreement,
    RoundCalibration,
)
from evaluator.compare.cells import Cell, Grid, join, tr
from evaluator.compare.model import Portfolio
from evaluator.messages import Lang
from evaluator.numbers import number, percent, signed

TOP = 10


@dataclass(frozen=True)
class CalibrationSection:
    round: str
    summary: list[str]
    indicators: Grid
    evaluators: Grid
    gaps: Grid


def calibration_sections(pf: Portfolio, lang: Lang) -> list[CalibrationSection]:
    return [_section(c, lang) for c in pf.calibration if c.overall_pairs or c.evaluators]


def method_note(lang: Lang) -> str:
    return tr(lang,
              f"一致性用 Krippendorff 的 α（序数尺度，等级 0–4）计算，只用同一项目同一指标上评估员A和B都给出的等级（“对数”）；"
              f"α ≥ {number(ALPHA_OK)} 视为可接受，低于此值且不少于 {MIN_PAIRS} 对的指标，其等级描述需要改写。"
              f"评估员以封面“评估人员”中的顺序对应（第一位为评估员A，第二位为评估员B）。"
              f"“相对同行”是最能解释每一对等级差的加性偏差（最小二乘，以相互比较过的评估员为零点）；"
              f"“相对共识”是本人等级减共识等级的平均；任一项偏离 {number(LEAN)} 级及以上需要校准。",
              f"Agreement is Krippendorff's alpha (ordinal, levels 0-4) over the pairs of levels evaluators A and B gave "
              f"on the same indicator of the same project; alpha ≥ {number(ALPHA_OK)} is acceptable, and an indicator "
              f"below it with at least {MIN_PAIRS} pairs needs its anchors rewritten. Evaluators are matched in the "
              f"order of the cover's evaluators line (first A, then B). 'Against peers' is the additive bias that best "
              f"explains every pair's difference (least squares, centred on the evaluators compared with one another); "
              f"'against consensus' is the mean of own level minus the consensus level; {number(LEAN)} levels or "
              f"more either way needs calibration.")


def _alpha(value: float | None) -> str:
    return "—" if value is None else number(value, 2)


def _lean(e: EvaluatorAgreement, lang: Lang) -> str:
    return {"lenient": tr(lang, "偏宽", "lenient"), "severe": tr(lang, "偏严", "severe"),
            "even": tr(lang, "持平", "even")}[e.lean]


def _section(c: RoundCalibration, lang: Lang) -> CalibrationSection:
    summary = [tr(lang, f"{c.projects} 个项目，{c.overall_pairs} 对评估员A/B等级，总体 α = {_alpha(c.overall_alpha)}。",
                  f"{c.projects} projects, {c.overall_pairs} pairs of evaluator A/B levels, overall alpha = "
                  f"{_alpha(c.overall_alpha)}.")]
    lowest = [i for i in c.indicators if i.alpha is not None][:3]
    if lowest:
        names = join(lang, [f"{i.id} {i.name(lang)}（α = {_alpha(i.alpha)}）" if lang == "zh"
                            else f"{i.id} {i.name(lang)} (alpha = {_alpha(i.alpha)})" for i in lowest])
        summary.append(tr(lang, f"一致性最低的指标：{names}。", f"Lowest agreement: {names}."))
    rewrite = c.rewrite()
    if rewrite:
        summary.append(tr(lang, f"等级描述需要改写的指标：{join(lang, [i.id for i in rewrite])}。",
                          f"Indicators whose anchors need rewriting: {join(lang, [i.id for i in rewrite])}."))
    for e in c.calibrate():
        summary.append(tr(lang, f"需要校准的评估员：{e.name}（{_lean(e, lang)}，相对同行 {_signed(e.vs_peers)} 级，"
                                f"相对共识 {_signed(e.vs_consensus)} 级，α = {_alpha(e.alpha)}）。",
                          f"Evaluator who needs calibration: {e.name} ({_lean(e, lang)}, {_signed(e.vs_peers)} levels "
                          f"against peers, {_signed(e.vs_consensus)} against consensus, alpha = {_alpha(e.alpha)})."))
    return CalibrationSection(c.round, summary, _indicator_grid(c, lang), _evaluator_grid(c, lang), _gap_grid(c, lang))


def _signed(value: float | None) -> str:
    return "—" if value is None else signed(value, 2)


def _indicator_grid(c: RoundCalibration, lang: Lang) -> Grid:
    headers = [Cell(tr(lang, "指标", "Indicator")), Cell(tr(lang, "对数", "Pairs"), "num"), Cell("α", "num"),
               Cell(tr(lang, "完全一致", "Exact"), "num"), Cell(tr(lang, "改写描述", "Rewrite anchors"))]
    rows = [[Cell(f"{i.id} {i.name(lang)}"), Cell(str(i.pairs), "num"), Cell(_alpha(i.alpha), "num"),
             Cell(percent(i.exact) if i.exact is not None else "—", "num"),
             Cell(tr(lang, "需要", "yes") if i.needs_rewrite else "")] for i in c.indicators[:TOP]]
    more = tr(lang, f"另有 {len(c.indicators) - TOP} 项指标一致性更高，见 portfolio.xlsx。",
              f"{len(c.indicators) - TOP} more indicators agree better; see portfolio.xlsx.") if len(c.indicators) > TOP else ""
    return Grid(headers, rows, ["46%", "10%", "12%", "14%", "18%"], "calibration", more)


def _evaluator_grid(c: RoundCalibration, lang: Lang) -> Grid:
    headers = [Cell(tr(lang, "评估员", "Evaluator")), Cell(tr(lang, "等级数", "Levels"), "num"),
               Cell(tr(lang, "对数", "Pairs"), "num"), Cell("α", "num"), Cell(tr(lang, "相对同行", "vs peers"), "num"),
               Cell(tr(lang, "相对共识", "vs consensus"), "num"), Cell(tr(lang, "倾向", "Lean"))]
    rows = [[Cell(e.name), Cell(str(e.ratings), "num"), Cell(str(e.pairs), "num"), Cell(_alpha(e.alpha), "num"),
             Cell(_signed(e.vs_peers), "num"), Cell(_signed(e.vs_consensus), "num"),
             Cell(_lean(e, lang) + (tr(lang, "，需校准", ", calibrate") if e.needs_calibration else ""))]
            for e in c.evaluators]
    return Grid(headers, rows, ["24%", "10%", "9%", "10%", "13%", "13%", "21%"], "calibration")


def _gap_grid(c: RoundCalibration, lang: Lang) -> Grid:
    headers = [Cell(tr(lang, "指标", "Indicator")), Cell(tr(lang, "项目数", "Projects"), "num"),
               Cell(tr(lang, "自评 − 正式等级", "Self − official"), "num")]
    rows = [[Cell(f"{g.id} {g.name(lang)}"), Cell(str(g.projects), "num"), Cell(_signed(g.gap), "num")]
            for g in c.self_gaps[:TOP]]
    return Grid(headers, rows, ["60%", "15%", "25%"], "calibration")

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
from evaluator.compare.model import Portfolio
from evaluator.compare.table_cells import Cell, Grid, join
from evaluator.i18n import N_, Lang, t
from evaluator.numbers import number, percent, signed

TOP = 10
LEANS = {"lenient": N_("lenient"), "severe": N_("severe"), "even": N_("even")}


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
    return t(lang, "Agreement is Krippendorff's alpha (ordinal, levels 0-4) over the pairs of levels evaluators A and "
                   "B gave on the same indicator of the same project; alpha ≥ {ok} is acceptable, and an indicator "
                   "below it with at least {pairs} pairs needs its anchors rewritten. Evaluators are matched in the "
                   "order of the cover's evaluators line (first A, then B). 'Against peers' is the additive bias that "
                   "best explains every pair's difference (least squares, centred on the evaluators compared with one "
                   "another); 'against consensus' is the mean of own level minus the consensus level; {lean} levels "
                   "or more either way needs calibration.", ok=number(ALPHA_OK), pairs=MIN_PAIRS, lean=number(LEAN))


def _alpha(value: float | None) -> str:
    return "—" if value is None else number(value, 2)


def _lean(e: EvaluatorAgreement, lang: Lang) -> str:
    return t(lang, LEANS[e.lean])


def _section(c: RoundCalibration, lang: Lang) -> CalibrationSection:
    summary = [t(lang, "{projects} projects, {pairs} pairs of evaluator A/B levels, overall alpha = {alpha}.",
                 projects=c.projects, pairs=c.overall_pairs, alpha=_alpha(c.overall_alpha))]
    lowest = [i for i in c.indicators if i.alpha is not None][:3]
    if lowest:
        names = join(lang, [t(lang, "{id} {name} (alpha = {alpha})", id=i.id, name=i.name(lang), alpha=_alpha(i.alpha))
                            for i in lowest])
        summary.append(t(lang, "Lowest agreement: {names}.", names=names))
    rewrite = c.rewrite()
    if rewrite:
        summary.append(t(lang, "Indicators whose anchors need rewriting: {ids}.", ids=join(lang, [i.id for i in rewrite])))
    for e in c.calibrate():
        summary.append(t(lang, "Evaluator who needs calibration: {name} ({lean}, {peers} levels against peers, "
                               "{consensus} against consensus, alpha = {alpha}).", name=e.name, lean=_lean(e, lang),
                         peers=_signed(e.vs_peers), consensus=_signed(e.vs_consensus), alpha=_alpha(e.alpha)))
    return CalibrationSection(c.round, summary, _indicator_grid(c, lang), _evaluator_grid(c, lang), _gap_grid(c, lang))


def _signed(value: float | None) -> str:
    return "—" if value is None else signed(value, 2)


def _indicator_grid(c: RoundCalibration, lang: Lang) -> Grid:
    headers = [Cell(t(lang, "Indicator")), Cell(t(lang, "Pairs"), "num"), Cell("α", "num"),
               Cell(t(lang, "Exact"), "num"), Cell(t(lang, "Rewrite anchors"))]
    rows = [[Cell(f"{i.id} {i.name(lang)}"), Cell(str(i.pairs), "num"), Cell(_alpha(i.alpha), "num"),
             Cell(percent(i.exact) if i.exact is not None else "—", "num"),
             Cell(t(lang, "yes") if i.needs_rewrite else "")] for i in c.indicators[:TOP]]
    more = t(lang, "{n} more indicators agree better; see portfolio.xlsx.", n=len(c.indicators) - TOP) \
        if len(c.indicators) > TOP else ""
    return Grid(headers, rows, ["46%", "10%", "12%", "14%", "18%"], "calibration", more)


def _evaluator_grid(c: RoundCalibration, lang: Lang) -> Grid:
    headers = [Cell(t(lang, "Evaluator")), Cell(t(lang, "Levels"), "num"), Cell(t(lang, "Pairs"), "num"),
               Cell("α", "num"), Cell(t(lang, "vs peers"), "num"), Cell(t(lang, "vs consensus"), "num"),
               Cell(t(lang, "Lean"))]
    rows = [[Cell(e.name), Cell(str(e.ratings), "num"), Cell(str(e.pairs), "num"), Cell(_alpha(e.alpha), "num"),
             Cell(_signed(e.vs_peers), "num"), Cell(_signed(e.vs_consensus), "num"),
             Cell(_lean(e, lang) + (t(lang, ", calibrate") if e.needs_calibration else ""))]
            for e in c.evaluators]
    return Grid(headers, rows, ["24%", "10%", "9%", "10%", "13%", "13%", "21%"], "calibration")


def _gap_grid(c: RoundCalibration, lang: Lang) -> Grid:
    headers = [Cell(t(lang, "Indicator")), Cell(t(lang, "Projects"), "num"), Cell(t(lang, "Self − official"), "num")]
    rows = [[Cell(f"{g.id} {g.name(lang)}"), Cell(str(g.projects), "num"), Cell(_signed(g.gap), "num")]
            for g in c.self_gaps[:TOP]]
    return Grid(headers, rows, ["60%", "15%", "25%"], "calibration")

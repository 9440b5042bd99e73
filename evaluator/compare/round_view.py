"""One round of the portfolio PDF: totals on their grade bands, grades, projects × domains as a heatmap,
the weakest indicators and the self-organizations' stages. Pure: a `RoundView` in, plain strings out.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from evaluator.compare.model import Portfolio, RoundView
from evaluator.compare.table_cells import Cell, Grid, chunks, domains, heat, join
from evaluator.i18n import Lang, t, tn
from evaluator.numbers import number, percent, points
from evaluator.report.charts.ladder import stage_ladder
from evaluator.report.charts.portfolio import strip_plot
from evaluator.report.phrasing import tns, total_spans, ts
from evaluator.rubric.bilingual import Text

HEATMAP_DOMAINS = 8    # domain columns per heatmap table; more domains continue in a second table
WEAKEST = 10
Scale = list[tuple[str, Text, float]]   # (grade id, label, lowest total), best grade first


@dataclass(frozen=True)
class RoundSection:
    name: str
    lead: str
    chart: Markup
    chart_note: str
    grades: Grid
    heatmaps: list[Grid]
    weakest: Grid
    missing_note: str
    ladder: Markup
    stage_note: str


def round_section(r: RoundView, pf: Portfolio, lang: Lang) -> RoundSection:
    d = r.distribution
    lead = tns(lang, "{n} project: mean {mean} points, median {median}, lowest {min}, highest {max}.",
              "{n} projects: mean {mean} points, median {median}, lowest {min}, highest {max}.", r.projects,
              mean=points(d.mean), median=points(d.median), min=points(d.min), max=points(d.max))
    return RoundSection(
        name=r.name, lead=lead, chart=_chart(r, lang), chart_note=_chart_note(r, lang),
        grades=grade_table(r, pf, lang), heatmaps=heatmaps(r, pf, lang), weakest=weakest(r, lang),
        missing_note=missing_note(r, lang), ladder=_ladder(r, lang), stage_note=stage_note(r, lang),
    )


def scale(r: RoundView) -> Scale:
    """The round's grade scale, if all the rubrics it used share one (else empty: no bands to draw)."""
    scales = {tuple((g.id, g.min) for g in u.grades) for u in r.rubrics}
    return [(g.id, g.label, g.min) for g in r.rubrics[0].grades] if len(scales) == 1 else []


def _chart(r: RoundView, lang: Lang) -> Markup:
    maximum = max(m.max for m in r.matrix)
    bands = [(label(lang), low) for _, label, low in scale(r)]
    d = r.distribution
    legend = (t(lang, "one project"), t(lang, "provisional"),
              t(lang, "quartiles, median"), t(lang, "mean"))
    return strip_plot([m.total for m in r.matrix], maximum, bands, box=(d.min, d.q1, d.median, d.q3, d.max, d.mean),
                      hollow=[m.provisional for m in r.matrix], legend=legend,
                      title=ts(lang, "{name}: totals", name=r.name))


def _chart_note(r: RoundView, lang: Lang) -> str:
    if scale(r):
        return t(lang, "Shades are the grade bands; the box below spans the quartiles, the bar is the median, the diamond the "
                       "mean.")
    return t(lang, "The rubrics of this round grade differently (or their grades are unknown): no bands are drawn.")


def grade_table(r: RoundView, pf: Portfolio, lang: Lang) -> Grid:
    """Every grade of the portfolio (zero counts too, so rounds read alike), with its span of totals."""
    counts = {g.id: g.count for g in r.grades}
    spans = grade_spans(scale(r), lang)
    rows = [[Cell(g.label(lang)), Cell(spans.get(g.id, "—")), Cell(str(counts.get(g.id, 0)), "num"),
             Cell(percent(counts.get(g.id, 0) / r.projects), "num")] for g in pf.grades]
    rows.append([Cell(t(lang, "Provisional (evidence missing)")), Cell(""),
                 Cell(str(r.provisional), "num"), Cell(percent(r.provisional / r.projects), "num")])
    rows.append([Cell(t(lang, "Red line crossed")), Cell(""), Cell(str(r.red_lines), "num"),
                 Cell(percent(r.red_lines / r.projects), "num")])
    headers = [Cell(t(lang, "Grade")), Cell(t(lang, "Totals")),
               Cell(t(lang, "Projects"), "num"), Cell(t(lang, "Share of projects"), "num")]
    return Grid(headers, rows, ["34%", "30%", "18%", "18%"], "grades")


def grade_spans(grades: Scale, lang: Lang) -> dict[str, str]:
    """Grade id → the totals it covers, from the best grade down."""
    return dict(zip((id for id, _, _ in grades), total_spans([low for _, _, low in grades], lang), strict=True))


def heatmaps(r: RoundView, pf: Portfolio, lang: Lang) -> list[Grid]:
    """Projects (highest total first) × domains, share of max in each cell; wide rubrics in several tables."""
    return [_heatmap(r, chunk, lang) for chunk in chunks(list(domains(pf).items()), HEATMAP_DOMAINS)]


def _heatmap(r: RoundView, chunk: list, lang: Lang) -> Grid:
    headers = [Cell(t(lang, "Code")), Cell(t(lang, "Project")), Cell(t(lang, "Total"), "num")]
    headers += [Cell(id, "num domain", name(lang)) for id, name in chunk]
    rows = []
    for m in r.matrix:
        flags = [m.grade.label(lang)] + [t(lang, "provisional")] * m.provisional
        flags += [t(lang, "red line")] * bool(m.red_lines)
        cells = [m.domains.get(id) for id, _ in chunk]
        rows.append([Cell(m.project.code, "code"), Cell(m.project.name, "project"),
                     Cell(points(m.total), "num total", " · ".join(flags)),
                     *(_domain_cell(m, id, c, lang) for (id, _), c in zip(chunk, cells, strict=True))])
    rest = 100 - 11 - 28 - 10
    widths = ["11%", "28%", "10%"] + [f"{rest / max(len(chunk), 1):.2f}%"] * len(chunk)
    return Grid(headers, rows, widths, "heatmap")


def _domain_cell(m, id: str, cell, lang: Lang) -> Cell:
    """A domain's share on the heat scale; a domain in which nothing applied reads 不适用, never 0%."""
    if id in m.not_applicable:
        return Cell(t(lang, "n/a"), "num none")
    return heat(cell.share if cell else None)


def weakest(r: RoundView, lang: Lang) -> Grid:
    headers = [Cell(t(lang, "Rank"), "num"), Cell(t(lang, "Indicator")),
               Cell(t(lang, "Mean share"), "num"), Cell(t(lang, "Mean points"), "num"),
               Cell(t(lang, "Scored"), "num"), Cell(t(lang, "Missing"), "num"),
               Cell(t(lang, "N/A"), "num")]
    rows = [[Cell(str(rank), "num"), Cell(i.name(lang), "", f"{i.id} · {i.domain}"), heat(i.mean_share),
             Cell("—" if i.mean_points is None else f"{points(i.mean_points)} / {number(i.max, None)}", "num"),
             Cell(str(i.scored), "num"), Cell(str(i.missing), "num" + (" flag" if i.missing else "")),
             Cell(str(i.not_applicable), "num")]
            for rank, i in enumerate(r.indicators[:WEAKEST], start=1)]
    return Grid(headers, rows, ["8%", "40%", "13%", "12%", "9%", "9%", "9%"], "weakest")


def missing_note(r: RoundView, lang: Lang) -> str:
    """The indicators most often left without evidence (their results are provisional)."""
    found = sorted((i for i in r.indicators if i.missing), key=lambda i: (-i.missing, i.id))
    if not found:
        return t(lang, "No indicator went unscored for missing evidence in this round.")
    items = [tns(lang, "{id} {name} ({n} project)", "{id} {name} ({n} projects)", i.missing, id=i.id, name=i.name(lang))
             for i in found[:5]]
    more = ts(lang, " and {n} more ({total} in all)", n=len(found) - 5, total=len(found)) if len(found) > 5 else ""
    return ts(lang, "Indicators most often missing evidence: {items}{more}.", items=join(lang, items), more=more)


def _ladder(r: RoundView, lang: Lang) -> Markup:
    stages = [s for s in r.stages if s.level > 0]
    return stage_ladder([s.name(lang) for s in stages], [s.count for s in stages],
                        level_label=t(lang, "Stage {level}"), unit=t(lang, "organizations"),
                        title=ts(lang, "{name}: self-organization stages", name=r.name))


def stage_note(r: RoundView, lang: Lang) -> str:
    below = next((s.count for s in r.stages if s.level == 0), 0)
    text = tn(lang, "{n} resident self-organization listed in this round", "{n} resident self-organizations listed in this round",
              r.organizations)
    if below:
        text += ts(lang, ", {below} of them below the first stage", below=below)
    return text + t(lang, ".")

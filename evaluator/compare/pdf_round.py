"""One round of the portfolio PDF: totals on their grade bands, grades, projects × domains as a heatmap,
the weakest indicators and the self-organizations' stages. Pure: a `RoundView` in, plain strings out.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from evaluator.compare.cells import Cell, Grid, chunks, domains, heat, join, many, tr
from evaluator.compare.charts import strip_plot
from evaluator.compare.model import Portfolio, RoundView
from evaluator.messages import Lang
from evaluator.numbers import number, percent, points
from evaluator.report.charts import stage_ladder
from evaluator.report.words import total_spans
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
    lead = tr(lang, f"{r.projects} 个项目，平均 {points(d.mean)} 分，中位数 {points(d.median)} 分，"
                    f"最低 {points(d.min)} 分，最高 {points(d.max)} 分。",
              f"{many(r.projects, 'project')}: mean {points(d.mean)} points, median {points(d.median)}, "
              f"lowest {points(d.min)}, highest {points(d.max)}.")
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
    legend = (tr(lang, "一个项目", "one project"), tr(lang, "证据不全（暂定）", "provisional"),
              tr(lang, "四分位与中位数", "quartiles, median"), tr(lang, "平均", "mean"))
    return strip_plot([m.total for m in r.matrix], maximum, bands, box=(d.min, d.q1, d.median, d.q3, d.max, d.mean),
                      hollow=[m.provisional for m in r.matrix], legend=legend,
                      title=tr(lang, f"{r.name} 总分分布", f"{r.name}: totals"))


def _chart_note(r: RoundView, lang: Lang) -> str:
    if scale(r):
        return tr(lang, "底色为等级区间；下方的框为上下四分位，竖线为中位数，菱形为平均分。",
                  "Shades are the grade bands; the box below spans the quartiles, the bar is the median, "
                  "the diamond the mean.")
    return tr(lang, "本届所用评估标准的等级划分不一致（或未知），图中不画等级区间。",
              "The rubrics of this round grade differently (or their grades are unknown): no bands are drawn.")


def grade_table(r: RoundView, pf: Portfolio, lang: Lang) -> Grid:
    """Every grade of the portfolio (zero counts too, so rounds read alike), with its span of totals."""
    counts = {g.id: g.count for g in r.grades}
    spans = grade_spans(scale(r), lang)
    rows = [[Cell(g.label(lang)), Cell(spans.get(g.id, "—")), Cell(str(counts.get(g.id, 0)), "num"),
             Cell(percent(counts.get(g.id, 0) / r.projects), "num")] for g in pf.grades]
    rows.append([Cell(tr(lang, "证据不全（暂定）", "Provisional (evidence missing)")), Cell(""),
                 Cell(str(r.provisional), "num"), Cell(percent(r.provisional / r.projects), "num")])
    rows.append([Cell(tr(lang, "触及红线", "Red line crossed")), Cell(""), Cell(str(r.red_lines), "num"),
                 Cell(percent(r.red_lines / r.projects), "num")])
    headers = [Cell(tr(lang, "等级", "Grade")), Cell(tr(lang, "总分区间", "Totals")),
               Cell(tr(lang, "项目数", "Projects"), "num"), Cell(tr(lang, "占比", "Share"), "num")]
    return Grid(headers, rows, ["34%", "30%", "18%", "18%"], "grades")


def grade_spans(grades: Scale, lang: Lang) -> dict[str, str]:
    """Grade id → the totals it covers, from the best grade down."""
    return dict(zip((id for id, _, _ in grades), total_spans([low for _, _, low in grades], lang), strict=True))


def heatmaps(r: RoundView, pf: Portfolio, lang: Lang) -> list[Grid]:
    """Projects (highest total first) × domains, share of max in each cell; wide rubrics in several tables."""
    return [_heatmap(r, chunk, lang) for chunk in chunks(list(domains(pf).items()), HEATMAP_DOMAINS)]


def _heatmap(r: RoundView, chunk: list, lang: Lang) -> Grid:
    headers = [Cell(tr(lang, "编号", "Code")), Cell(tr(lang, "项目", "Project")), Cell(tr(lang, "总分", "Total"), "num")]
    headers += [Cell(id, "num domain", name(lang)) for id, name in chunk]
    rows = []
    for m in r.matrix:
        flags = [m.grade.label(lang)] + [tr(lang, "暂定", "provisional")] * m.provisional
        flags += [tr(lang, "红线", "red line")] * bool(m.red_lines)
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
        return Cell(tr(lang, "不适用", "n/a"), "num none")
    return heat(cell.share if cell else None)


def weakest(r: RoundView, lang: Lang) -> Grid:
    headers = [Cell(tr(lang, "排名", "Rank"), "num"), Cell(tr(lang, "指标", "Indicator")),
               Cell(tr(lang, "平均得分率", "Mean share"), "num"), Cell(tr(lang, "平均得分", "Mean points"), "num"),
               Cell(tr(lang, "已评分", "Scored"), "num"), Cell(tr(lang, "缺少证据", "Missing"), "num"),
               Cell(tr(lang, "不适用", "N/A"), "num")]
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
        return tr(lang, "本届没有因缺少证据而未计分的指标。", "No indicator went unscored for missing evidence in this round.")
    items = [tr(lang, f"{i.id} {i.name.zh}（{i.missing} 个项目）", f"{i.id} {i.name.en} ({many(i.missing, 'project')})")
             for i in found[:5]]
    more = tr(lang, f"等 {len(found)} 项", f" and {len(found) - 5} more") if len(found) > 5 else ""
    return tr(lang, f"缺少证据最多的指标：{join(lang, items)}{more}。",
              f"Indicators most often missing evidence: {join(lang, items)}{more}.")


def _ladder(r: RoundView, lang: Lang) -> Markup:
    stages = [s for s in r.stages if s.level > 0]
    return stage_ladder([s.name(lang) for s in stages], [s.count for s in stages],
                        level_label=tr(lang, "第 {level} 阶段", "Stage {level}"),
                        title=tr(lang, f"{r.name} 自组织成熟度", f"{r.name}: self-organization stages"))


def stage_note(r: RoundView, lang: Lang) -> str:
    below = next((s.count for s in r.stages if s.level == 0), 0)
    text = tr(lang, f"本届项目共登记 {r.organizations} 个居民自组织", f"{many(r.organizations, 'resident self-organization')}")
    if below:
        text += tr(lang, f"，其中 {below} 个尚未达到第一阶段", f", {below} of them below the first stage")
    return text + tr(lang, "。", ".")

"""Across rounds in the portfolio PDF: each project's change per domain and total, the indicators that
rose or fell most, and how the self-organizations moved between stages. Pure: a `Portfolio` in, plain
strings out.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

from evaluator.compare.model import (
    IndicatorChange,
    OrganizationStage,
    Portfolio,
    ProjectChange,
)
from evaluator.compare.table_cells import Cell, Grid, change, chunks, domains, project
from evaluator.i18n import N_, Lang, t
from evaluator.numbers import direction, percent, points, signed
from evaluator.report.charts.portfolio import slope_chart, stage_bars
from evaluator.report.phrasing import tns, ts
from evaluator.vocabulary import evaluation_type_name

CHANGE_DOMAINS = 6     # domain columns per change table; more continue in a second table
INDICATORS = 10        # indicators listed as most improved, and as fallen most
MOVERS = 40            # self-organizations listed per direction; the workbook lists them all


@dataclass(frozen=True)
class PairSection:
    before: str
    after: str
    lead: str
    chart: Markup | None     # None (and no tables) when no project was in both rounds
    domain_key: str          # the domain columns carry ids only: their names, once
    projects: list[Grid]
    improved: Grid | None
    fell: Grid | None


@dataclass(frozen=True)
class GrowthSection:
    chart: Markup
    flows: Grid
    up: Grid | None
    down: Grid | None


@dataclass(frozen=True)
class Movement:
    """Projects seen in two rounds: how many went up, down or stayed, and the mean change in points."""

    count: int
    up: int
    down: int
    same: int
    mean: float


FLOW_HEADERS = (N_("Round"), N_("Projects seen before"), N_("Up"), N_("Same"), N_("Down"), N_("New"), N_("Gone"),
                N_("Not matched"))


def movement(changes: list[ProjectChange]) -> Movement:
    deltas = [c.change for c in changes]
    ways = [direction(d) for d in deltas]
    up, down = ways.count("up"), ways.count("down")
    return Movement(len(deltas), up, down, len(deltas) - up - down, statistics.fmean(deltas) if deltas else 0.0)


def changes_into(pf: Portfolio, after: str) -> list[ProjectChange]:
    """Projects compared with their previous round, into `after`, largest rise first."""
    return sorted((c for c in pf.changes if c.after_round == after), key=lambda c: (-c.change, c.project.code))


def pair_sections(pf: Portfolio, lang: Lang) -> list[PairSection]:
    return [pair_section(pf, a.name, b.name, lang) for a, b in pairwise(pf.rounds)]


def pair_section(pf: Portfolio, before: str, after: str, lang: Lang) -> PairSection:
    found = changes_into(pf, after)
    m = movement(found)
    lead = tns(lang, "{n} project evaluated in both rounds: {up} rose, {down} fell, {same} stayed level; mean change "
                    "{mean} points. Largest rise first; domain columns are changes in points.",
              "{n} projects evaluated in both rounds: {up} rose, {down} fell, {same} stayed level; mean change "
              "{mean} points. Largest rise first; domain columns are changes in points.",
              m.count, up=m.up, down=m.down, same=m.same, mean=signed(m.mean))
    lines = [(c.project.code, c.total_before, c.total_after) for c in found]
    chart = slope_chart(lines, (before, after), legend=(t(lang, "rose"), t(lang, "fell")),
                        title=ts(lang, "Totals: {before} → {after}", before=before, after=after))
    return PairSection(
        before=before, after=after, lead=lead, chart=chart if found else None,
        domain_key=t(lang, " · ").join(f"{id} {name(lang)}" for id, name in domains(pf).items()),
        projects=project_tables(found, pf, before, lang) if found else [],
        improved=indicator_table(pf.improved(after, INDICATORS), lang),
        fell=indicator_table(pf.fell(after, INDICATORS), lang),
    )


def project_tables(found: list[ProjectChange], pf: Portfolio, before: str, lang: Lang) -> list[Grid]:
    return [_project_table(found, chunk, before, lang)
            for chunk in chunks(list(domains(pf).items()), CHANGE_DOMAINS)]


def _project_table(found: list[ProjectChange], chunk: list, before: str, lang: Lang) -> Grid:
    headers = [Cell(t(lang, "Project")), Cell(t(lang, "Before"), "num"),
               Cell(t(lang, "After"), "num"), Cell(t(lang, "Change"), "num")]
    headers += [Cell(id, "num domain") for id, _ in chunk]
    rows = []
    for c in found:
        by_id = {d.id: d.change for d in c.domains}
        who = project(c.project)
        if c.before_round != before:   # the project skipped the round before: compared with an earlier one
            who = Cell(who.text, who.cls, who.sub + ts(lang, " · against {before_round}", before_round=c.before_round))
        if c.type_before and c.type_before != c.type_after:   # asked for with --mixed-types: never like for like
            who = Cell(who.text, who.cls, who.sub + ts(lang, " · {before} → {after}, not like for like",
                                                        before=evaluation_type_name(c.type_before, lang),
                                                        after=evaluation_type_name(c.type_after, lang)))
        rows.append([who, Cell(points(c.total_before), "num", c.grade_before.label(lang)),
                     Cell(points(c.total_after), "num", c.grade_after.label(lang)), change(c.change),
                     *(change(by_id.get(id)) for id, _ in chunk)])
    rest = 100 - 25 - 10 - 10 - 11
    widths = ["25%", "10%", "10%", "11%"] + [f"{rest / max(len(chunk), 1):.2f}%"] * len(chunk)
    return Grid(headers, rows, widths, "changes")


def indicator_table(found: list[IndicatorChange], lang: Lang) -> Grid | None:
    if not found:
        return None
    headers = [Cell(t(lang, "Indicator")), Cell(t(lang, "Mean share before"), "num"),
               Cell(t(lang, "Mean share after"), "num"),
               Cell(t(lang, "Change (points of %)"), "num"),
               Cell(t(lang, "Same projects"), "num"),
               Cell(t(lang, "Scored in both"), "num")]
    rows = [[Cell(c.name(lang), "", f"{c.id} · {c.domain}"), Cell(_share(c.share_before), "num"),
             Cell(_share(c.share_after), "num"), change(c.change, 100, 1), change(c.paired_change, 100, 1),
             Cell(str(c.paired), "num")] for c in found]
    return Grid(headers, rows, ["36%", "13%", "13%", "14%", "13%", "11%"], "indicators")


def growth_section(pf: Portfolio, lang: Lang) -> GrowthSection | None:
    """Self-organizations across rounds; None when no project was seen in two rounds."""
    flows = [(r.name, r.organization_flow) for r in pf.rounds if r.organization_flow is not None]
    if not flows:
        return None
    names = [s.name(lang) for s in pf.stages]
    counts = [[next((s.count for s in r.stages if s.level == stage.level), 0) for r in pf.rounds]
              for stage in pf.stages]
    chart = stage_bars(names, [r.name for r in pf.rounds], counts,
                       title=t(lang, "Self-organization stages per round"))
    headers = [Cell(t(lang, h), "num" if n else "") for n, h in enumerate(FLOW_HEADERS)]
    rows = [[Cell(name)] + [Cell(str(v), "num") for v in (f.projects, f.up, f.same, f.down, f.new, f.gone, f.unmatched)]
            for name, f in flows]
    table = Grid(headers, rows, ["23%"] + ["11%"] * 7, "flows")
    return GrowthSection(chart, table, movers(pf.moved("up"), pf, lang), movers(pf.moved("down"), pf, lang))


def _share(value: float | None) -> str:
    return "—" if value is None else percent(value)


def _moved(o: OrganizationStage) -> int:
    return o.change or 0


def movers(found: list[OrganizationStage], pf: Portfolio, lang: Lang) -> Grid | None:
    """Organizations that changed stage, largest move first, at most MOVERS of them."""
    if not found:
        return None
    names = {s.level: s.name(lang) for s in pf.stages}
    ordered = sorted(found, key=lambda o: (-abs(_moved(o)), o.round, o.project.code, o.row))
    headers = [Cell(t(lang, "Self-organization")), Cell(t(lang, "Project")),
               Cell(t(lang, "Stage")), Cell(t(lang, "Change"), "num")]
    rows = [[Cell(o.name, "", f"{o.previous_round} → {o.round}"), project(o.project),
             Cell(f"{names.get(o.previous_stage or 0, '')} → {o.stage_name(lang)}", "", f"{o.previous_stage} → {o.stage}"),
             Cell(f"▲ +{_moved(o)}", "num up") if _moved(o) > 0 else Cell(f"▼ \u2212{-_moved(o)}", "num down")]
            for o in ordered[:MOVERS]]
    more = ts(lang, "{n} more are not listed; portfolio.xlsx lists them all (sheet Self-organizations).", n=len(found) - MOVERS)
    return Grid(headers, rows, ["30%", "34%", "26%", "10%"], "movers", more if len(found) > MOVERS else "")

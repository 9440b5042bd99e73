"""A Portfolio as the dashboards show it: the portfolio PDF's own views (`compare.round_view`,
`compare.change_view`, `compare.findings`: the same numbers, wording and SVG charts), with each table row
that names a project or a round leading to its page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from evaluator import i18n
from evaluator.compare.change_view import (
    changes_into,
    growth_section,
    movers,
    pair_section,
)
from evaluator.compare.findings import (
    findings,
    grades_sentence,
    organizations_sentence,
    round_sentence,
    weakest_sentence,
)
from evaluator.compare.model import Portfolio, RoundView
from evaluator.compare.portfolio_view import domain_means, overview
from evaluator.compare.round_view import RoundSection, round_section
from evaluator.compare.table_cells import Cell, Grid, heat_legend
from evaluator.messages import Lang

PAIR_ROWS = 30      # projects listed per pair of rounds: the largest rises and falls; the workbook lists all


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    link: str = ""          # the page the row's first cell leads to


@dataclass(frozen=True)
class Table:
    headers: list[Cell]
    rows: list[Row]
    cls: str = ""
    more: str = ""


def table(grid: Grid, links: Sequence[str] = ()) -> Table:
    """`grid` with its n-th row leading to `links[n]` (none where links run out)."""
    rows = [Row(cells, links[n] if n < len(links) else "") for n, cells in enumerate(grid.rows)]
    return Table(grid.headers, rows, grid.cls, grid.more)


def maybe(grid: Grid | None) -> Table | None:
    return None if grid is None else table(grid)


Link = Callable[[str], str]     # a project code (or round name) → the URL of its page, "" if none


@dataclass(frozen=True)
class RoundPage:
    name: str
    sentences: list[str]
    section: RoundSection         # the PDF chapter's charts and notes
    grades: Table
    heatmaps: list[Table]
    weakest: Table
    heat_key: list[Cell]
    flow: Table | None            # how the self-organizations of returning projects moved
    up: Table | None
    down: Table | None


def round_page(pf: Portfolio, name: str, project_link: Link, lang: Lang) -> RoundPage | None:
    """Round `name` of `pf` (which may also hold its projects' previous rounds); None if it has no result."""
    r = next((x for x in pf.rounds if x.name == name), None)
    if r is None:
        return None
    section = round_section(r, pf, lang)
    links = [project_link(m.project.code) for m in r.matrix]
    return RoundPage(
        name=name, sentences=_round_sentences(r, lang), section=section, grades=table(section.grades),
        heatmaps=[table(g, links) for g in section.heatmaps], weakest=table(section.weakest), heat_key=heat_legend(lang),
        flow=_flow(pf, name, lang),
        up=maybe(movers([o for o in pf.moved("up") if o.round == name], pf, lang)),
        down=maybe(movers([o for o in pf.moved("down") if o.round == name], pf, lang)),
    )


def _round_sentences(r: RoundView, lang: Lang) -> list[str]:
    return [s for s in (round_sentence(r, None, lang), grades_sentence(r, lang), weakest_sentence(r, lang),
                        organizations_sentence(r, lang)) if s]


def _flow(pf: Portfolio, name: str, lang: Lang) -> Table | None:
    growth = growth_section(pf, lang)
    if growth is None:
        return None
    rows = [row for row in growth.flows.rows if row[0].text == name]
    return table(Grid(growth.flows.headers, rows, growth.flows.widths, growth.flows.cls)) if rows else None


@dataclass(frozen=True)
class PairPage:
    before: str
    after: str
    lead: str
    chart: Markup | None
    domain_key: str
    projects: list[Table]
    improved: Table | None
    fell: Table | None


@dataclass(frozen=True)
class ComparePage:
    findings: list[str]
    overview: Table
    domain_means: list[Table]
    heat_key: list[Cell]
    pairs: list[PairPage]         # latest pair first; only it has its chart
    growth_chart: Markup | None
    flows: Table | None
    up: Table | None
    down: Table | None


def compare_page(pf: Portfolio, round_link: Link, project_link: Link, lang: Lang) -> ComparePage:
    growth = growth_section(pf, lang)
    return ComparePage(
        findings=findings(pf, lang), overview=by_first_cell(overview(pf, lang), round_link),
        domain_means=[by_first_cell(g, round_link) for g in domain_means(pf, lang)], heat_key=heat_legend(lang),
        pairs=[_pair(pf, a.name, b.name, project_link, lang, chart=b is pf.rounds[-1])
               for a, b in zip(pf.rounds, pf.rounds[1:], strict=False)][::-1],
        growth_chart=growth.chart if growth else None,
        flows=by_first_cell(growth.flows, round_link) if growth else None,
        up=maybe(growth.up) if growth else None, down=maybe(growth.down) if growth else None,
    )


def by_first_cell(grid: Grid, link: Link) -> Table:
    """Rows that start with a round's name, each leading to that round's page."""
    return Table(grid.headers, [Row(cells, link(cells[0].text)) for cells in grid.rows], grid.cls, grid.more)


def _pair(pf: Portfolio, before: str, after: str, project_link: Link, lang: Lang, chart: bool) -> PairPage:
    """Two consecutive rounds; the slope chart (a line per project: 100 kB at 500 projects) for the latest
    pair only (comparing two rounds alone draws theirs)."""
    p = pair_section(pf, before, after, lang)
    links = [project_link(c.project.code) for c in changes_into(pf, after)]
    return PairPage(p.before, p.after, p.lead, p.chart if chart else None, p.domain_key,
                    [_largest_moves(table(g, links), lang) for g in p.projects], maybe(p.improved), maybe(p.fell))


def _largest_moves(t: Table, lang: Lang) -> Table:
    """The rows of the largest rises and the largest falls (rows are largest rise first)."""
    if len(t.rows) <= PAIR_ROWS:
        return t
    half = PAIR_ROWS // 2
    left = len(t.rows) - PAIR_ROWS
    more = i18n.tn(lang, "{n} project with a smaller change is not listed; portfolio.xlsx lists them all.",
                   "{n} projects with smaller changes are not listed; portfolio.xlsx lists them all.", left)
    return Table(t.headers, t.rows[:half] + t.rows[-half:], t.cls, more)

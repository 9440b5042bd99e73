"""The portfolio as a PDF for funders: cover, key findings, one chapter per round, changes across rounds,
notes. `portfolio_view` turns a `Portfolio` into plain strings in one language (pure, testable without
WeasyPrint); `portfolio_pdf` renders it with the report's `Renderer`, fonts and typography.

The content depends only on the Portfolio, never on the clock, so the same selection gives the same
bytes and a rerun of `evaluator compare` leaves the file alone.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from evaluator.compare.calibration_view import CalibrationSection, calibration_sections, method_note
from evaluator.compare.change_view import (
    GrowthSection,
    PairSection,
    growth_section,
    pair_sections,
)
from evaluator.compare.findings import findings
from evaluator.compare.model import Portfolio, RubricUse
from evaluator.compare.round_view import (
    HEATMAP_DOMAINS,
    RoundSection,
    grade_spans,
    round_section,
)
from evaluator.compare.table_cells import (
    Cell,
    Grid,
    chunks,
    domains,
    heat,
    heat_legend,
    join,
    project,
)
from evaluator.i18n import Lang, pt, t, tn
from evaluator.numbers import points
from evaluator.report.phrasing import tns, ts
from evaluator.vocabulary import evaluation_type_name

if TYPE_CHECKING:
    from evaluator.report.render import Renderer


@dataclass(frozen=True)
class PortfolioView:
    title: str
    running: str
    cover: list[tuple[str, str]]
    findings: list[str]
    overview: Grid
    domain_means: list[Grid]
    heat_legend: list[Cell]
    rounds: list[RoundSection]
    pairs: list[PairSection]
    growth: GrowthSection | None
    notes: list[tuple[str, str]]
    counted: list[tuple[str, Grid]]
    calibration: list[CalibrationSection] = field(default_factory=list)
    calibration_note: str = ""


def portfolio_view(pf: Portfolio, lang: Lang) -> PortfolioView:
    projects = len({m.project.code for r in pf.rounds for m in r.matrix})
    title = t(lang, "Portfolio comparison")
    return PortfolioView(
        title=title,
        running=f"{title}　" + tn(lang, "{n} round", "{n} rounds", len(pf.rounds)) + " · "
        + tn(lang, "{n} project", "{n} projects", projects),
        cover=cover(pf, projects, lang), findings=findings(pf, lang), overview=overview(pf, lang),
        domain_means=domain_means(pf, lang), heat_legend=heat_legend(lang),
        rounds=[round_section(r, pf, lang) for r in pf.rounds], pairs=pair_sections(pf, lang),
        growth=growth_section(pf, lang), notes=notes(pf, lang), counted=counted(pf, lang),
        calibration=calibration_sections(pf, lang), calibration_note=method_note(lang),
    )


def latest_date(pf: Portfolio) -> dt.date | None:
    dates = [m.evaluation_date for r in pf.rounds for m in r.matrix if m.evaluation_date]
    return max(dates, default=None)


def rubric_names(pf: Portfolio) -> list[str]:
    return sorted({f"{u.rubric.id} {u.rubric.version}" for r in pf.rounds for u in r.rubrics})


def cover(pf: Portfolio, projects: int, lang: Lang) -> list[tuple[str, str]]:
    evaluations = sum(r.projects for r in pf.rounds)
    date = latest_date(pf)
    every = t(lang, "all")
    rounds = [tns(lang, "{name} ({n} project)", "{name} ({n} projects)", r.projects, name=r.name)
              for r in pf.rounds]
    return [
        (t(lang, "Rounds compared"), join(lang, rounds) or "—"),
        (pt(lang, "selection", "Projects"),
         ts(lang, "{projects}, {evaluations}", projects=tn(lang, "{n} project", "{n} projects", projects),
            evaluations=tn(lang, "{n} evaluation", "{n} evaluations", evaluations))),
        (t(lang, "Rubrics"), join(lang, rubric_names(pf)) or "—"),
        (t(lang, "Latest evaluation"),
         date.isoformat() if date else t(lang, "no evaluation date on the forms")),
        (t(lang, "Selection"), t(lang, "rounds: ") + (join(lang, pf.selection.rounds) or every)
         + t(lang, "; projects: ") + (join(lang, pf.selection.projects) or every)),
    ]


def overview(pf: Portfolio, lang: Lang) -> Grid:
    """One row per round: projects, the spread of totals, and how many got each grade."""
    headers = [Cell(t(lang, "Round")), Cell(t(lang, "Projects"), "num"),
               Cell(t(lang, "Mean"), "num"), Cell(t(lang, "Median"), "num"),
               Cell(t(lang, "Range"), "num")]
    headers += [Cell(t(lang, "Grades")), Cell(t(lang, "Provisional"), "num"),
                Cell(t(lang, "Red line"), "num")]
    rows = []
    for r in pf.rounds:
        d = r.distribution
        grades = t(lang, " · ").join(f"{g.label(lang)} {g.count}" for g in r.grades)
        rows.append([Cell(r.name), Cell(str(r.projects), "num"), Cell(points(d.mean), "num"),
                     Cell(points(d.median), "num"), Cell(f"{points(d.min)}–{points(d.max)}", "num"), Cell(grades),
                     Cell(str(r.provisional), "num"), Cell(str(r.red_lines), "num")])
    return Grid(headers, rows, ["21%", "9%", "8%", "8%", "12%", "24%", "10%", "8%"], "overview")


def domain_means(pf: Portfolio, lang: Lang) -> list[Grid]:
    """Rounds × domains: the mean share of max, on the heatmap's colour scale."""
    out = []
    for chunk in chunks(list(domains(pf).items()), HEATMAP_DOMAINS):
        headers = [Cell(t(lang, "Round"))] + [Cell(id, "num domain", name(lang)) for id, name in chunk]
        shares = [{s.id: s.mean_share for s in r.domains} for r in pf.rounds]
        rows = [[Cell(r.name), *(heat(share.get(id)) for id, _ in chunk)] for r, share in zip(pf.rounds, shares, strict=True)]
        out.append(Grid(headers, rows, ["22%"] + [f"{78 / max(len(chunk), 1):.2f}%"] * len(chunk), "heatmap"))
    return out


def notes(pf: Portfolio, lang: Lang) -> list[tuple[str, str]]:
    """What is compared, the rubrics and how they differ, rounds left out."""
    items = [(t(lang, "What is compared"),
              t(lang, "Each project counts once per round: its latest final evaluation, else its latest midterm one; "
                      "self-assessments are the organization's own view and are not compared. Share = points / maximum; "
                      "change = this round - the previous one, ▲ up, ▼ down; indicator changes are in points of percent. "
                      "Results of different rubric versions are compared by indicator and domain id."))]
    items += rubric_items(pf, lang)
    items += [(t(lang, "Rubric differences"), n.text(lang)) for n in pf.rubric_notes]
    if pf.unlike_left_out:
        items.append((t(lang, "Different kinds of evaluation"), tns(
            lang, "{n} project's evaluation follows one of another kind in its earlier round (a final one after a "
                  "midterm one): its change is left out, as they are not alike. evaluator compare --mixed-types "
                  "includes such changes, labelled.",
            "{n} projects' evaluations follow ones of another kind in their earlier rounds (a final one after a "
            "midterm one): their changes are left out, as they are not alike. evaluator compare --mixed-types "
            "includes such changes, labelled.", pf.unlike_left_out)))
    if pf.skipped_rounds:
        items.append((t(lang, "Rounds left out"),
                      ts(lang, "{skipped_rounds}: no final or midterm evaluation (self-assessments are not compared).",
                         skipped_rounds=join(lang, pf.skipped_rounds))))
    return items


def rubric_items(pf: Portfolio, lang: Lang) -> list[tuple[str, str]]:
    """Each rubric used: where, how often, its grade scale and fingerprint."""
    uses: dict[str, RubricUse] = {}
    rounds: defaultdict[str, list[str]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for r in pf.rounds:
        for u in r.rubrics:
            uses.setdefault(u.rubric.sha256, u)
            rounds[u.rubric.sha256].append(r.name)
            counts[u.rubric.sha256] += u.count
    items = []
    for sha, u in uses.items():
        count = counts[sha]
        spans = grade_spans([(g.id, g.label, g.min) for g in u.grades], lang)
        grades = join(lang, [f"{g.label(lang)} {spans[g.id]}" for g in u.grades])
        text = tns(lang, "used by {n} evaluation in {rounds}; ", "used by {n} evaluations in {rounds}; ", count,
                  rounds=join(lang, rounds[sha]))
        text += ts(lang, "grades: {grades}; ", grades=grades) if grades else ""
        items.append((f"{u.rubric.id} {u.rubric.version}", text + f"sha256 {u.rubric.sha256[:16]}"))
    return items


def counted(pf: Portfolio, lang: Lang) -> list[tuple[str, Grid]]:
    """Per round, which evaluation counts for each project (by project code)."""
    headers = [Cell(t(lang, "Project")), Cell(t(lang, "Evaluation")),
               Cell(t(lang, "Date")), Cell(t(lang, "Rubric")), Cell(t(lang, "Total"), "num")]
    out = []
    for r in pf.rounds:
        rows = [[project(m.project, organization=True),
                 Cell(evaluation_type_name(m.evaluation_type, lang), "", ts(lang, "version {version}", version=m.version)),
                 Cell(m.evaluation_date.isoformat() if m.evaluation_date else "—"),
                 Cell(f"{m.rubric.id} {m.rubric.version}"), Cell(points(m.total), "num", m.grade.label(lang))]
                for m in sorted(r.matrix, key=lambda m: m.project.code)]
        out.append((r.name, Grid(headers, rows, ["40%", "13%", "13%", "22%", "12%"], "counted")))
    return out


@contextmanager
def fixed_font_dates(pf: Portfolio) -> Iterator[None]:
    """WeasyPrint subsets the fonts with fontTools, which stamps each subset with the time of the run
    unless SOURCE_DATE_EPOCH is set: set it (to the latest evaluation date) while rendering, so the
    same portfolio gives the same bytes. A value the user set is kept."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    date = latest_date(pf) or dt.date(1970, 1, 1)
    midnight = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def portfolio_pdf(pf: Portfolio, lang: Lang = "zh", renderer: Renderer | None = None) -> bytes:
    """The PDF; pass a `Renderer` to share its loaded fonts with other documents."""
    from evaluator.report.render import (
        Renderer,  # WeasyPrint loads only when a PDF is made
    )

    renderer = renderer or Renderer()
    view = portfolio_view(pf, lang)
    with fixed_font_dates(pf):
        return renderer.pdf("portfolio.html", stylesheets=("css/portfolio.css",), view=view, lang=lang)

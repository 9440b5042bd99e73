"""The feedback report's view: a `Result` (and the project's earlier round, if any) as plain strings in
one language, ready for the templates. The report is what the evaluated organization takes home and what
a funder files, so every choice of wording and number format is made here, where it can be tested.

A self-assessment becomes a readiness report: the same sections, with the score labelled as predicted,
the evidence a reviewer will find missing, and the 3-5 things to fix first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from evaluator.i18n import N_, Lang, t
from evaluator.messages import METHODS
from evaluator.numbers import adds_up, exact, number, points
from evaluator.report.charts.domains import LEGEND, radar
from evaluator.report.context import Context, Milestone, context
from evaluator.report.feedback_appendix import Appendix, appendix
from evaluator.report.feedback_change import Change, Delta, change
from evaluator.report.feedback_domains import (
    DomainSection,
    basis,
    domain_section,
    points_of,
    share,
    share_of,
)
from evaluator.report.feedback_followup import FollowUp, FollowUpView, followup_view
from evaluator.report.feedback_orgs import Organizations, organizations
from evaluator.report.feedback_voices import Participation, participation
from evaluator.report.phrasing import grade_spans, joined, ts
from evaluator.report.priorities import Pick, choose
from evaluator.report.raters import FLAG_LIMITS, FLAG_NOTES, FLAGS
from evaluator.rubric.models import Rubric
from evaluator.scoring.result import Result
from evaluator.vocabulary import evaluation_type_name

if TYPE_CHECKING:
    from evaluator.report.render import Renderer

STRENGTHS, PRIORITIES = 3, 5   # the evaluators' findings lead the priorities; the largest losses still follow them
READINESS_PRIORITIES = 5   # a readiness report lists more: the organization works through them before the review
KINDS = {"evaluation": N_("Evaluation feedback report"), "self_assessment": N_("Self-assessment readiness report")}
STYLESHEETS = ("css/feedback.css",)
SCREEN = ("css/base.css", "css/feedback.css", "css/feedback-screen.css")  # standalone HTML: no font files


@dataclass(frozen=True)
class Cover:
    kind: str
    name: str
    code: str
    organization: str
    community: str
    place: str       # street · district
    funder: str
    round: str
    period: str
    type: str
    date: str
    evaluators: str
    methods: str
    rubric: str
    evaluating_body: str = ""   # who evaluated, when the form names it (else left to write in by hand)


@dataclass(frozen=True)
class DomainRow:
    id: str
    name: str
    points: str
    share: str
    own: str
    change: Delta | None


@dataclass(frozen=True)
class AdviceRow:
    id: str
    name: str
    points: str
    advice: str
    missing: bool    # scored nothing for want of evidence: the advice assumes the level it would show
    why: str = ""    # why it was chosen: the evaluators' finding, or the points at stake


@dataclass(frozen=True)
class Summary:
    total: str
    max: str
    grade: str
    next_grade: str                    # how far the next grade up is, in a phrase ("" at the top or past a red line)
    provisional: bool
    red_lines: list[tuple[str, str]]   # label, cells
    unanswered: list[tuple[str, str]]  # red lines left unanswered: label, cells
    sum_note: str                      # why the domains as shown do not add up to the total ("" when they do)
    grades: list[tuple[str, str]]
    radar: Markup
    domains: list[DomainRow]
    strengths: list[AdviceRow]
    priorities: list[AdviceRow]
    change: Change | None
    assessment: str = ""               # the evaluators' overall written assessment (总评), as written on the form


@dataclass(frozen=True)
class FeedbackView:
    lang: Lang
    readiness: bool
    title: str
    running: str
    footer: str
    cover: Cover
    summary: Summary
    missing: list[tuple[str, str]]      # readiness: what a reviewer will find missing, and where or why
    domains: list[DomainSection]
    flags: list[tuple[str, str, str]]   # the flags' legend: label, meaning, mark
    organizations: Organizations | None
    participation: Participation
    appendix: Appendix
    context: Context | None = None      # the round's quartiles and the project's totals across rounds, if stored
    followup: FollowUpView | None = None   # the organization's answers and the earlier plan's follow-up


def cover(result: Result, lang: Lang) -> Cover:
    p, r = result.project, result.rubric
    dates = (p.period_start, p.period_end)
    return Cover(
        kind=t(lang, KINDS[result.mode]), name=p.name, code=p.code, organization=p.organization or "",
        community=p.community or "", place=" · ".join(x for x in (p.street, p.district) if x), funder=p.funder or "",
        round=p.round, type=evaluation_type_name(p.evaluation_type, lang),
        period=ts(lang, "{start} to {end}", start=dates[0].isoformat(), end=dates[1].isoformat())
        if dates[0] is not None and dates[1] is not None else "",
        date=p.evaluation_date.isoformat() if p.evaluation_date else "", evaluators=joined(p.evaluators, lang),
        methods=joined([t(lang, METHODS[m]) if m in METHODS else m for m in p.methods], lang),
        rubric=ts(lang, "{id} version {version}", id=r.id, version=r.version),
        evaluating_body=p.evaluating_body or "",
    )


def advice_row(a: Pick) -> AdviceRow:
    return AdviceRow(id=a.id, name=a.name, points=a.points, advice=a.advice, missing=a.missing, why=a.why)


def domain_rows(result: Result, moved: Change | None, lang: Lang) -> list[DomainRow]:
    return [DomainRow(id=d.id, name=d.name(lang), points=points_of(d.points, d.max, lang),
                      share=share_of(d.points, d.max),
                      own=points(d.self_points) if d.self_points is not None else "—",
                      change=moved.domains.get(d.id) if moved is not None else None) for d in result.domains]


def next_grade(result: Result, lang: Lang) -> str:
    """The points still needed for the next grade up: what a team aims at next."""
    above = [g for g in result.grades if g.min > result.total.points]
    if not above or result.total.red_lines or result.total.unanswered_red_lines:
        return ""
    target = above[-1]
    return ts(lang, "{n} pts short of {grade} ({min})", grade=target.label(lang), min=number(target.min, None),
               n=points(exact(target.min) - exact(result.total.points)))


def sum_note(result: Result, lang: Lang) -> str:
    """Why the domain points as shown do not add up to the total, when they do not."""
    scored = [d for d in result.domains if d.points is not None]
    if len(scored) < len(result.domains):
        return t(lang, "A domain marked not applicable has no indicator that applies and is left out of the scale; the total is "
                       "the other domains scaled up to the full scale.")
    if adds_up([d.points for d in scored if d.points is not None], result.total.points):
        return ""
    return t(lang, "Domain points are shown rounded half-up to 2 decimals; the total is computed from the indicators' exact "
                   "points and rounded once, at the end, so the domains as shown may add up to 0.01 more or less.")


def summary(result: Result, moved: Change | None, lang: Lang, rubric: Rubric | None = None) -> Summary:
    readiness = result.mode == "self_assessment"
    shares = [share(d.points, d.max) for d in result.domains]
    own = [share(d.self_points, d.max) for d in result.domains]
    legend = tuple(t(lang, label) for label in LEGEND)
    chart = radar([d.name(lang) for d in result.domains], None if readiness else shares,
                  own if any(v is not None for v in own) else None,
                  legend_labels=(legend[0], t(lang, "Predicted from the self-assessment")) if readiness else legend)
    strong, weak = choose(result, rubric, lang, READINESS_PRIORITIES if readiness else PRIORITIES, STRENGTHS,
                          points_of)
    return Summary(
        total=points(result.total.points), max=points(result.total.max), grade=result.total.grade.label(lang),
        next_grade=next_grade(result, lang), provisional=result.total.provisional, grades=grade_spans(result.grades, lang),
        radar=chart,
        red_lines=[(hit.label(lang), joined(hit.cells, lang)) for hit in result.total.red_lines],
        unanswered=[(hit.label(lang), joined(hit.cells, lang)) for hit in result.total.unanswered_red_lines],
        sum_note=sum_note(result, lang),
        domains=domain_rows(result, moved, lang),
        strengths=[advice_row(a) for a in strong],
        priorities=[advice_row(a) for a in weak],
        change=moved, assessment=(result.project.assessment or "").strip(),
    )


def missing(result: Result, lang: Lang) -> list[tuple[str, str]]:
    """For a readiness report: required evidence left empty (with its cell), then the indicators that
    could not be scored (with what they lack)."""
    if result.mode != "self_assessment":
        return []
    fields = [(m.label(lang), m.cell or "—") for m in result.highlights.missing_evidence]
    indicators = [(f"{i.id} {i.name(lang)}", basis(i, result.mode, lang)) for i in result.indicators
                  if i.status == "missing"]
    return fields + indicators


def flag_legend(domains: list[DomainSection], lang: Lang) -> list[tuple[str, str, str]]:
    """What the marks in the ratings tables mean, when the report has such a table."""
    if not any(d.raters for d in domains):
        return []
    marks = {"raters_disagree": "disagree", "blind_spot": "high", "hidden_strength": "low"}
    return [(t(lang, FLAGS[f]), ts(lang, FLAG_NOTES[f], n=n), marks[f]) for f, n in FLAG_LIMITS.items()]


def feedback_view(result: Result, lang: Lang, previous: Result | None = None,
                  followup: FollowUp | None = None, *, rubric: Rubric | None = None,
                  peers: Sequence[Mapping[str, float]] = (), history: Sequence[Milestone] = ()) -> FeedbackView:
    """`peers`: per project of the result's round, domain id → share of its points (the store's latest official
    evaluations); `history`: the project's official evaluations round by round. Both come from the caller."""
    """The whole report; `previous` is the project's official evaluation in its earlier round, if stored."""
    moved = change(result, previous, lang) if previous is not None else None
    kind = t(lang, KINDS[result.mode])
    p, r = result.project, result.rubric
    domains = [domain_section(d, result, lang, rubric) for d in result.domains]
    return FeedbackView(
        lang=lang, readiness=result.mode == "self_assessment", title=f"{p.name} · {kind}",
        running=f"{kind}　{p.code} · {p.round}", footer=f"{p.name} · {r.id} {r.version}",
        cover=cover(result, lang), summary=summary(result, moved, lang, rubric), missing=missing(result, lang),
        domains=domains, flags=flag_legend(domains, lang), organizations=organizations(result, moved, lang),
        participation=participation(result, lang), appendix=appendix(result, lang),
        context=context(result, lang, peers, history),
        followup=followup_view(followup, result, lang),
    )


def feedback_html(view: FeedbackView, renderer: Renderer, standalone: bool = False) -> str:
    """The report as HTML; `standalone` inlines the stylesheets (our own files, not user text) so the file
    reads on its own in a browser, with the reader's system fonts."""
    from evaluator.report.render import ASSETS

    css = "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in SCREEN) if standalone else ""
    return renderer.html("feedback.html", report=view, lang=view.lang, styles=Markup(css))


def render_feedback(result: Result, lang: Lang, previous: Result | None = None,
                    renderer: Renderer | None = None, followup: FollowUp | None = None, *,
                    rubric: Rubric | None = None, peers: Sequence[Mapping[str, float]] = (),
                    history: Sequence[Milestone] = ()) -> bytes:
    """The report PDF; pass a `Renderer` to share its fonts and stylesheets across a batch."""
    from evaluator.report.render import Renderer

    if renderer is None:
        with Renderer() as own:
            return render_feedback(result, lang, previous, own, followup, rubric=rubric, peers=peers, history=history)
    view = feedback_view(result, lang, previous, followup, rubric=rubric, peers=peers, history=history)
    return renderer.pdf("feedback.html", stylesheets=STYLESHEETS, report=view, lang=lang, styles=Markup(""))

"""The result page: the feedback report's own view of the result (`feedback_view`: the same numbers,
wording and radar SVG as the PDF), with each indicator's trace beside its points. Rendering it takes
about 60 ms, so what it shows of the result is kept rendered (`pages`), keyed by the stored result, the
earlier round it compares with and the language."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from evaluator.i18n import LANGS, Lang
from evaluator.report.feedback import FeedbackView, feedback_view
from evaluator.report.feedback_domains import DomainSection, IndicatorRow, RaterTable
from evaluator.scoring.result import Result
from evaluator.store.models import Evaluation
from evaluator.web.evaluations.pages import kept, stored_digests
from evaluator.web.evaluations.reports import result_of, server_store
from evaluator.web.lang import current


@dataclass(frozen=True)
class IndicatorLine:
    row: IndicatorRow
    trace: str
    flags: str


@dataclass(frozen=True)
class DomainBlock:
    section: DomainSection
    lines: list[IndicatorLine]
    raters: RaterTable | None


def result_page(evaluation: Evaluation) -> dict:
    """The page's context: the evaluation and the page's kept parts (`pages.kept`: rendered once per result,
    earlier round and language). What differs between viewers is for the page around them to add."""
    from evaluator.store.earlier import earlier_id

    lang = current()
    earlier = earlier_id(server_store(), evaluation.project.code, evaluation.round.name)
    digests = stored_digests([evaluation.pk] + ([earlier] if earlier is not None else []))
    parts = ("result", evaluation.pk, digests.get(evaluation.pk), earlier, digests.get(earlier) if earlier else None, lang)
    content = kept(parts, lambda: _rendered(evaluation, lang, earlier))
    from evaluator.web.process.flow import review_of
    from evaluator.web.process.present import result_comparison

    # head and body are HTML our own templates rendered, escaping every value (autoescape), in `_rendered`;
    # the review's state and the self-assessment beside the ratings change without the result: per request
    return {"evaluation": evaluation, "page": {"title": content["title"], "head": mark_safe(content["head"]),
                                               "body": mark_safe(content["body"])},
            "review": review_of(evaluation), "comparison": result_comparison(evaluation)}


def _rendered(evaluation: Evaluation, lang: Lang, earlier: int | None) -> dict[str, str]:
    """The parts of the page made from the result alone, rendered without a request (nothing per viewer)."""
    store = server_store()
    result = result_of(evaluation)
    context = result_context(evaluation, result, store.result(earlier) if earlier is not None else None, lang)
    return {"title": context["view"].title, "head": render_to_string("evaluations/result_head.html", context),
            "body": render_to_string("evaluations/result_body.html", context)}


def result_context(evaluation: Evaluation, result: Result, previous: Result | None, lang: Lang) -> dict:
    view: FeedbackView = feedback_view(result, lang, previous)
    traces = {i.id: i.trace.sentence(lang) for i in result.indicators}
    flags = {row.id: row.flags for d in view.domains if d.raters for row in d.raters.rows}
    blocks = [DomainBlock(d, [IndicatorLine(r, traces.get(r.id, ""), flags.get(r.id, "")) for r in d.rows], d.raters)
              for d in view.domains]
    return {"evaluation": evaluation, "view": view, "domains": blocks, "lang": lang,
            "other_lang": next(other for other in LANGS if other != lang)}

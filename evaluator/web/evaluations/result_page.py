"""The result page: the feedback report's own view of the result (`feedback_view`: the same numbers,
wording and radar SVG as the PDF), with each indicator's trace beside its points."""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.i18n import LANGS
from evaluator.report.feedback import FeedbackView, feedback_view
from evaluator.report.feedback_domains import DomainSection, IndicatorRow, RaterTable
from evaluator.store.models import Evaluation
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


def result_context(evaluation: Evaluation) -> dict:
    from evaluator.store.earlier import earlier_round

    lang = current()
    result = result_of(evaluation)
    view: FeedbackView = feedback_view(result, lang, earlier_round(server_store(), result))
    traces = {i.id: i.trace.sentence(lang) for i in result.indicators}
    flags = {row.id: row.flags for d in view.domains if d.raters for row in d.raters.rows}
    blocks = [DomainBlock(d, [IndicatorLine(r, traces.get(r.id, ""), flags.get(r.id, "")) for r in d.rows], d.raters)
              for d in view.domains]
    from evaluator.web.process.flow import review_of

    return {"evaluation": evaluation, "view": view, "domains": blocks, "lang": lang,
            "other_lang": next(other for other in LANGS if other != lang), "review": review_of(evaluation)}

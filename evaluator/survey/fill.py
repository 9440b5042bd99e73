"""Survey results into an evaluation form: each measure's share into its percent field, the number of
valid respondents into its sample field, and a trace in the indicator's note naming the survey file
(and its sha256), n, the count meeting the measure, the share and its 95% Wilson interval, and a thin
sample against the rubric's `min_sample`.

Only these aggregates enter the form; the cells are found through the form's own `_meta` map, and the
workbook is saved reproducibly (`workbook_bytes`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import load_workbook

from evaluator.forms import texts
from evaluator.forms.meta import parse_meta
from evaluator.forms.save import workbook_bytes
from evaluator.i18n import LANGS, N_, Lang, t
from evaluator.numbers import percent
from evaluator.rubric.models import Indicator, Rubric
from evaluator.scoring.samples import required_sample
from evaluator.sheet_text import put_value
from evaluator.survey.model import Survey
from evaluator.survey.stats import Result

MARK = N_("[survey import]")   # starts the trace line, so a later import replaces it
TRACE = N_("{mark} {file} (sha256 {sha}): {n} valid questionnaires, {k} of them {what}, {k}/{n} = {share}; "
           "95% confidence interval {low} to {high} (Wilson).")
THIN = N_("Thin sample: fewer than the {need} the rubric asks for.")
ACCEPT = N_("answering \"{answers}\"")
ACCEPT_SOME = N_("answering \"{answers}\" to {at_least} or more items")
OR = N_("\" or \"")


@dataclass(frozen=True)
class Filled:
    data: bytes
    thin: dict[str, int]   # indicator id → the sample the rubric asks for, where n falls short


def required(indicator: Indicator, households: int | None) -> int | None:
    sample = indicator.rule.min_sample if hasattr(indicator.rule, "min_sample") else None
    return required_sample(sample, households) if sample is not None else None


def fill_form(form: bytes, rubric: Rubric, survey: Survey, results: list[Result], households: int | None,
              file: str, sha256: str) -> Filled:
    wb = load_workbook(io.BytesIO(form))
    meta = parse_meta([list(r) for r in wb[texts.META_SHEET].iter_rows(values_only=True)])
    lang: Lang = "en" if meta.lang == "en" else "zh"
    indicators = {i.id: i for i in rubric.indicators}
    thin: dict[str, int] = {}
    for result in results:
        m = result.measure
        if result.n == 0:
            continue
        share = result.share
        assert share is not None
        _put(wb, meta.slots[f"value:{m.field}"], float(share))
        if m.sample is not None:
            _put(wb, meta.slots[f"value:{m.sample}"], result.n)
        need = required(indicators[m.indicator], households)
        trace = trace_text(survey, result, file, sha256, lang)
        if need is not None and result.n < need:
            thin[m.indicator] = need
            trace += t(lang, THIN, need=need)
        note = meta.slots[f"note:{m.indicator}"]
        cell = wb[note.sheet][note.ref]
        before = str(cell.value).strip() if cell.value not in (None, "") else ""
        marks = tuple(t(other, MARK) for other in LANGS)
        kept = "\n".join(line for line in before.splitlines() if not line.startswith(marks))  # an earlier import's
        _put(wb, note, kept + "\n" + trace if kept else trace)  # never cut: a note too long is refused when read
    return Filled(workbook_bytes(wb), thin)


def trace_text(survey: Survey, result: Result, file: str, sha256: str, lang: Lang) -> str:
    m = result.measure
    labels = {c.id: c.label(lang) for item_id in m.items for c in survey.scales[survey.item(item_id).scale]}
    answers = t(lang, OR).join(labels[a] for a in m.accept)
    what = t(lang, ACCEPT_SOME if m.at_least > 1 or len(m.items) > 1 else ACCEPT, answers=answers, at_least=m.at_least)
    share = result.share
    assert share is not None
    return t(lang, TRACE, mark=t(lang, MARK), file=file, sha=sha256[:12], n=result.n, k=result.k, what=what,
             share=percent(share), low=percent(result.low), high=percent(result.high))


def _put(wb, slot, value: object) -> None:
    put_value(wb[slot.sheet][slot.ref], value)

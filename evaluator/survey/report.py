"""Survey statistics shown to people (lines for the terminal) and kept (JSON of aggregates only: no row,
no respondent, no group under 5)."""

from __future__ import annotations

from typing import Any

from evaluator.i18n import N_, Lang, t
from evaluator.numbers import exact_text, percent, round_half_up
from evaluator.survey.model import Survey
from evaluator.survey.stats import OTHER, SMALLEST, UNANSWERED, Result, Row

SCHEMA = "evaluator.survey/1"
LINE = N_("{indicator} {field}: {share} ({k}/{n}), 95% confidence interval {low} to {high} (Wilson){thin}")
THIN = N_(", thin sample (at least {need} needed)")
NONE = N_("{indicator} {field}: no valid answers, left empty")
GROUP_ROW = N_("{group} {value}: {share} ({k}/{n})")
OTHER_LABEL = N_("other (groups under {smallest} pooled)")
UNANSWERED_LABEL = N_("not given")


def summary_lines(survey: Survey, results: list[Result], thin: dict[str, int], lang: Lang) -> list[str]:
    out = []
    for r in results:
        m = r.measure
        if r.n == 0:
            out.append(t(lang, NONE, indicator=m.indicator, field=m.field))
            continue
        need = t(lang, THIN, need=thin[m.indicator]) if m.indicator in thin else ""
        share = r.share
        assert share is not None
        out.append(t(lang, LINE, indicator=m.indicator, field=m.field, share=percent(share), k=r.k, n=r.n,
                     low=percent(r.low), high=percent(r.high), thin=need))
        for b in r.breakdowns:
            group = next(g for g in survey.groups if g.id == b.group)
            for row in b.rows:
                out.append("    " + t(lang, GROUP_ROW, group=group.label(lang), k=row.k, n=row.n,
                                          value=value_label(survey, b.group, row, lang), share=percent(row.share)))
    return out


def value_label(survey: Survey, group_id: str, row: Row, lang: Lang) -> str:
    if row.key == OTHER:
        return t(lang, OTHER_LABEL, smallest=SMALLEST)
    if row.key == UNANSWERED:
        return t(lang, UNANSWERED_LABEL)
    group = next(g for g in survey.groups if g.id == group_id)
    return next((c.label(lang) for c in group.choices or [] if c.id == row.key), row.key)


def summary_data(survey: Survey, results: list[Result], thin: dict[str, int], file: str) -> dict[str, Any]:
    """The aggregates as JSON data: per measure n, k, the share (exact and published), the interval, the
    answers' counts and the breakdowns by group (every row at least 5 respondents)."""
    return {
        "schema": SCHEMA,
        "survey": survey.rubric,
        "file": file,
        "interval": "wilson-95",
        "smallest_group": SMALLEST,
        "measures": [_measure(survey, r, thin) for r in results],
    }


def _measure(survey: Survey, r: Result, thin: dict[str, int]) -> dict[str, Any]:
    m = r.measure
    return {
        "indicator": m.indicator, "field": m.field, "sample_field": m.sample, "n": r.n, "k": r.k,
        "share": None if r.share is None else {"exact": exact_text(r.share), "percent": percent(r.share)},
        "interval": [float(round_half_up(r.low, 4)), float(round_half_up(r.high, 4))] if r.n else None,
        "thin": {"required": thin[m.indicator]} if m.indicator in thin else None,
        "answers": r.answers,
        "groups": {b.group: [{"value": value_label(survey, b.group, row, "zh"), "n": row.n, "k": row.k,
                              "pooled": row.pooled} for row in b.rows] for b in r.breakdowns},
    }

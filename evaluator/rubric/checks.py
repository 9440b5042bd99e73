"""Semantic checks of a rubric: what the models alone cannot say (sums, references, order, types).

Each check is a small function over the validated `Sources` returning problems; `check_sources` runs
them all so an author sees every problem in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from evaluator.i18n import both, Lang, LANGS, t
from evaluator.expressions import MAX_LENGTH, Expression, ExpressionError
from evaluator.messages import TYPE_NAMES
from evaluator.numbers import number
from evaluator.problems import Problem, did_you_mean, list_separator
from evaluator.rubric.fields import NUMERIC, EvidenceField
from evaluator.rubric.loader import Located, Sources
from evaluator.rubric.rules import ExpressionRef

_TOLERANCE = 1e-9
_RATING_LEVELS = frozenset(range(5))
_ADVICE_LEVELS = frozenset(range(4))


def check_sources(sources: Sources) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems += check(sources)
    return problems


def _duplicates(items: Iterable[tuple[str, Located, tuple]]) -> Iterator[Problem]:
    first: dict[str, tuple[Located, tuple]] = {}
    for ident, located, key in items:
        if ident in first:
            prev, prev_key = first[ident]
            line = prev.doc.line_of(prev.key + prev_key)
            where = line if prev.doc is located.doc else f"{prev.display}:{line}"
            yield located.at(key, "R010", id=ident, first_line=where)
        else:
            first[ident] = (located, key)


def check_unique_ids(s: Sources) -> Iterator[Problem]:
    if s.rubric:
        r = s.rubric
        for name in ("domains", "raters", "grades", "red_lines"):
            yield from _duplicates((x.id, r, (name, i, "id")) for i, x in enumerate(getattr(r.value, name)))
        yield from _duplicates((x.key, r, ("references", i, "key")) for i, x in enumerate(r.value.references))
        refs = [(ref.id, r, ("domains", d, "indicators", i, "id"))
                for d, dom in enumerate(r.value.domains) for i, ref in enumerate(dom.indicators)]
        yield from _duplicates(refs)
    yield from _duplicates((ind.value.id, ind, ("id",)) for ind in s.indicators)
    yield from _duplicates((f.id, ind, ("evidence", i, "id")) for ind in s.indicators for i, f in enumerate(ind.value.evidence))
    if s.ladder:
        lad = s.ladder
        yield from _duplicates((c.id, lad, ("roster_columns", i, "id")) for i, c in enumerate(lad.value.roster_columns))
        yield from _duplicates((c.id, lad, ("stages", st, "criteria", i, "id"))
                               for st, stage in enumerate(lad.value.stages) for i, c in enumerate(stage.criteria))


def check_points(s: Sources) -> Iterator[Problem]:
    if not s.rubric:
        return
    r = s.rubric.value
    total = sum(d.points for d in r.domains)
    if abs(total - r.scale) > _TOLERANCE:
        yield s.rubric.at(("domains",), "R011", found=_num(total), expected=_num(r.scale))
    for d, dom in enumerate(r.domains):
        inner = sum(i.points for i in dom.indicators)
        if abs(inner - dom.points) > _TOLERANCE:
            yield s.rubric.at(("domains", d, "points"), "R012", domain=dom.id, found=_num(inner), expected=_num(dom.points))


def check_indicator_refs(s: Sources) -> Iterator[Problem]:
    if not s.rubric:
        return
    defined = {ind.value.id for ind in s.indicators}
    used = set()
    for d, dom in enumerate(s.rubric.value.domains):
        for i, ref in enumerate(dom.indicators):
            used.add(ref.id)
            key = ("domains", d, "indicators", i, "id")
            if ref.id not in defined:
                if ref.id not in s.indicator_domains and not s.incomplete:  # else: unknown, not undefined
                    yield s.rubric.at(key, "R013", id=ref.id, hint=did_you_mean(ref.id, defined))
            elif s.indicator_domains[ref.id].value != dom.id:
                yield s.rubric.at(key, "R014", id=ref.id, found=s.indicator_domains[ref.id].value, expected=dom.id)
    for ind in s.indicators:
        if ind.value.id not in used:
            yield ind.at(("id",), "R015", severity="warning", id=ind.value.id)


def check_raters(s: Sources) -> Iterator[Problem]:
    if not s.rubric:
        return
    declared = {r.id for r in s.rubric.value.raters}
    for i, rater in enumerate(s.rubric.value.default_raters):
        if rater not in declared:
            yield s.rubric.at(("default_raters", i), "R016", id=rater, hint=did_you_mean(rater, declared))
    for ind in s.indicators:
        if ind.value.raters is None:
            continue
        if ind.value.rule.kind != "rating":
            yield ind.at(("raters",), "R033", found=ind.value.rule.kind)
        for i, rater in enumerate(ind.value.raters):
            if rater not in declared:
                yield ind.at(("raters", i), "R016", id=rater, hint=did_you_mean(rater, declared))


def check_references(s: Sources) -> Iterator[Problem]:
    """Every indicator's source names an entry of the rubric's `references`."""
    if not s.rubric:
        return
    keys = {r.key for r in s.rubric.value.references}
    for ind in s.indicators:
        source = ind.value.source
        cited = [(("source", "ref"), source.ref)] + [(("source", "also", i), k) for i, k in enumerate(source.also)]
        for key, ref in cited:
            if ref not in keys:
                yield ind.at(key, "R018", id=ref, hint=did_you_mean(ref, keys))


def check_grades(s: Sources) -> Iterator[Problem]:
    if not s.rubric:
        return
    mins = [g.min for g in s.rubric.value.grades]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
        yield s.rubric.at(("grades",), "R017", found=[_num(m) for m in mins])


def check_fields(s: Sources) -> Iterator[Problem]:
    located_fields = [(ind, ("evidence", i), f) for ind in s.indicators for i, f in enumerate(ind.value.evidence)]
    if s.ladder:
        located_fields += [(s.ladder, ("roster_columns", i), f) for i, f in enumerate(s.ladder.value.roster_columns)]
    for owner, key, f in located_fields:
        if f.type == "choice" and not f.choices:
            yield owner.at(key + ("type",), "R030", id=f.id)
        if f.range is not None and f.type not in NUMERIC:
            yield owner.at(key + ("range",), "R031", id=f.id, found=f.type)
        elif f.range is not None and f.range[0] > f.range[1]:
            yield owner.at(key + ("range",), "R032", found=[_num(x) for x in f.range])


def check_rule_inputs(s: Sources) -> Iterator[Problem]:
    fields = _evidence_fields(s)
    for ind in s.indicators:
        for inp in ind.value.rule.inputs():
            key = ("rule",) + inp.key
            declared = fields.get(inp.field_id)
            if declared is None:
                yield ind.at(key, "R020", id=inp.field_id, hint=did_you_mean(inp.field_id, fields))
            elif declared.type not in inp.types:
                yield ind.at(key, "R021", id=inp.field_id, found=both(TYPE_NAMES[declared.type]),
                             expected=_type_list(inp.types))


def check_samples(s: Sources) -> Iterator[Problem]:
    """A declared minimum sample reads integer fields and asks for something the form can hold."""
    fields = _evidence_fields(s)
    for ind in s.indicators:
        sample = ind.value.rule.sample()
        if sample is None:
            continue
        key = ("rule", "min_sample")
        for sub, field_id in sample.fields():
            declared = fields.get(field_id)
            if declared is None:
                yield ind.at(key + sub, "R042", id=field_id, hint=did_you_mean(field_id, fields))
            elif declared.type != "integer":
                yield ind.at(key + sub, "R043", id=field_id, found=both(TYPE_NAMES[declared.type]))
        if sample.share and not sample.share_of:
            yield ind.at(key + ("share",), "R044", found=_num(sample.share))
        size = fields.get(sample.size)
        if size is not None and size.range is not None and sample.at_least > size.range[1] and not sample.share_of:
            yield ind.at(key + ("at_least",), "R045", found=sample.at_least, id=sample.size, expected=_num(size.range[1]))


def check_zero_denominators(s: Sources) -> Iterator[Problem]:
    """A ratio's special rule for a zero denominator (not applicable, full) that the denominator's range
    rules out can never apply: the reader would be misled about what a zero scores."""
    fields = _evidence_fields(s)
    for ind in s.indicators:
        rule = ind.value.rule
        if rule.kind != "ratio" or rule.on_zero_denominator == "zero" or rule.denominator not in fields:
            continue
        lowest = fields[rule.denominator].lowest
        if lowest > 0:
            yield ind.at(("rule", "on_zero_denominator"), "R046", severity="warning", id=rule.denominator,
                         choice=rule.on_zero_denominator, found=_num(lowest))


def check_bands(s: Sources) -> Iterator[Problem]:
    fields = _evidence_fields(s)
    for ind in s.indicators:
        for key, bands, bound_field in ind.value.rule.band_lists():
            key = ("rule",) + key
            mins = [b.min for b in bands]
            if any(b <= a for a, b in zip(mins, mins[1:])):
                yield ind.at(key, "R022", found=[_num(m) for m in mins])
            lowest = fields[bound_field].lowest if bound_field in fields else 0.0
            if min(mins) > lowest:
                yield ind.at(key + (0, "min"), "R023", found=_num(mins[0]), expected=_num(lowest))
            top = max(b.score for b in bands)
            if top < 1:
                yield ind.at(key, "R029", severity="warning", found=_num(top))


def check_levels(s: Sources) -> Iterator[Problem]:
    for ind in s.indicators:
        rule = ind.value.rule
        if rule.kind == "rating":
            missing, extra = _RATING_LEVELS - set(rule.levels), set(rule.levels) - _RATING_LEVELS
            if missing or extra:
                yield ind.at(("rule", "levels"), "R024", missing=sorted(missing) or "—", extra=sorted(extra) or "—")
        missing = _ADVICE_LEVELS - set(ind.value.advice)
        if missing:
            yield ind.at(("advice",), "R025", missing=sorted(missing))


def check_expressions(s: Sources) -> Iterator[Problem]:
    evidence = {k: f.type for k, f in _evidence_fields(s).items()}
    roster = {c.id: c.type for c in s.ladder.value.roster_columns} if s.ladder else None
    scopes = {"evidence": evidence, "roster": None if roster is None else {**roster, "stage": "integer"}}
    for ind in s.indicators:
        for ref in ind.value.rule.expressions():
            yield from _check_expression(ind, ("rule",) + ref.key, ref, scopes[ref.scope])
    if s.rubric and s.indicators:
        for i, line in enumerate(s.rubric.value.red_lines):
            ref = ExpressionRef(("when",), line.when, "evidence", "boolean")
            yield from _check_expression(s.rubric, ("red_lines", i, "when"), ref, evidence)
    if s.ladder:
        for st, stage in enumerate(s.ladder.value.stages):
            for c, crit in enumerate(stage.criteria):
                ref = ExpressionRef(("when",), crit.when, "roster", "boolean")
                yield from _check_expression(s.ladder, ("stages", st, "criteria", c, "when"), ref, roster)


def check_ladder(s: Sources) -> Iterator[Problem]:
    if not s.ladder:
        return
    levels = [st.level for st in s.ladder.value.stages]
    if levels != list(range(1, len(levels) + 1)):
        yield s.ladder.at(("stages",), "R040", expected=len(levels), found=levels)


def _check_expression(owner: Located, key: tuple, ref: ExpressionRef, types: dict[str, str] | None) -> Iterator[Problem]:
    if types is None:  # the scope failed to load; its own problems are reported
        return
    try:
        compiled = Expression(ref.source, types)
    except ExpressionError as exc:
        if exc.kind == "unknown":
            scope = {"evidence": both("a declared evidence field"),
                     "roster": both("a roster column or stage")}[ref.scope]
            code = "R041" if ref.scope == "roster" else "R027"
            params: dict[str, Any] = {"id": exc.name, "hint": did_you_mean(exc.name or "", types)}
            if code == "R027":
                params["scope"] = scope
            yield owner.at(key, code, **params)
        elif exc.kind == "refused":
            yield owner.at(key, "R034", found=exc.name)
        elif exc.kind == "long":
            yield owner.at(key, "R035", found=exc.detail, limit=MAX_LENGTH)
        else:
            yield owner.at(key, "R026", detail=exc.detail)
        return
    if compiled.result_type not in (ref.result, "unknown"):
        names = {"number": both("a number"), "boolean": both("true/false"),
                 "text": both("text"), "date": both("a date")}
        yield owner.at(key, "R028", expected=names[ref.result], found=names[compiled.result_type])


def _evidence_fields(s: Sources) -> dict[str, EvidenceField]:
    return {f.id: f for ind in s.indicators for f in ind.value.evidence}


def _type_list(types: frozenset[str]) -> dict[Lang, str]:
    ordered = sorted(types)
    return {lang: list_separator(lang).join(t(lang, TYPE_NAMES[kind]) for kind in ordered) for lang in LANGS}


def _num(x: float) -> str:
    """A figure of the rubric as it is declared: 37.5, 0.05, 100."""
    return number(x, None)


CHECKS: tuple[Callable[[Sources], Iterable[Problem]], ...] = (
    check_unique_ids, check_points, check_indicator_refs, check_references, check_raters, check_grades,
    check_fields, check_rule_inputs, check_samples, check_zero_denominators, check_bands, check_levels,
    check_expressions, check_ladder,
)

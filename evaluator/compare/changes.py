"""Across rounds: each project against its previous round, self-organizations followed by name,
indicators between consecutive rounds, and what differs between the rubrics compared.

Results scored with different rubric versions are compared by indicator and domain id; an id that
only one rubric has is shown with the other side empty and listed in a rubric note.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations, pairwise

from evaluator.compare.model import (
    DomainChange,
    IndicatorChange,
    OrganizationFlow,
    OrganizationStage,
    ProjectChange,
    ProjectRef,
    RubricNote,
)
from evaluator.evidence import RubricRef
from evaluator.i18n import LANGS, N_, both, pt, t
from evaluator.report.phrasing import ts
from evaluator.rubric.bilingual import Text
from evaluator.scoring.result import Grade
from evaluator.store.records import EvaluationRecord
from evaluator.vocabulary import round_key

Previous = dict[int, EvaluationRecord]   # evaluation id → the same project's evaluation in its previous round


def previous_records(chosen: Sequence[EvaluationRecord], mixed_types: bool = False) -> Previous:
    """`chosen` is oldest round first, one evaluation per project and round. Each evaluation's previous one is
    the project's latest earlier evaluation of the same type (a final one with the final one before it), or,
    `mixed_types`, of any type (a final one with a midterm one, labelled by the caller)."""
    last: dict[tuple[str, str], EvaluationRecord] = {}
    previous = {}
    for r in chosen:
        key = (r.project_code, "" if mixed_types else r.evaluation_type)
        if key in last:
            previous[r.id] = last[key]
        last[key] = r
    return previous


def unlike_pairs(chosen: Sequence[EvaluationRecord], previous: Previous) -> int:
    """Evaluations with an earlier round of the project that is not compared, being of another type."""
    seen: dict[str, EvaluationRecord] = {}
    count = 0
    for r in chosen:
        if r.project_code in seen and r.id not in previous:
            count += 1
        seen[r.project_code] = r
    return count


def _share(points: float | None, max: float | None) -> float | None:
    return None if points is None or not max else points / max


def _minus(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else after - before


def project_changes(chosen: Sequence[EvaluationRecord], previous: Previous,
                    refs: dict[str, ProjectRef]) -> list[ProjectChange]:
    out = []
    for r in chosen:
        if (p := previous.get(r.id)) is None:
            continue
        out.append(ProjectChange(
            project=refs[r.project_code], before_round=p.round, after_round=r.round, total_before=p.total,
            total_after=r.total, change=r.total - p.total, grade_before=Grade(id=p.grade_id, label=p.grade),
            grade_after=Grade(id=r.grade_id, label=r.grade), domains=_domain_changes(p, r),
            same_rubric=p.rubric.sha256 == r.rubric.sha256, type_before=p.evaluation_type, type_after=r.evaluation_type,
        ))
    return sorted(out, key=lambda c: (c.project.code, round_key(c.after_round)))


def _domain_changes(p: EvaluationRecord, r: EvaluationRecord) -> list[DomainChange]:
    before, after = {d.id: d for d in p.domains}, {d.id: d for d in r.domains}
    out = []
    for id in [*before, *(id for id in after if id not in before)]:
        b, a = before.get(id), after.get(id)
        pb, pa = (b.points if b else None), (a.points if a else None)
        sb, sa = (_share(b.points, b.max) if b else None), (_share(a.points, a.max) if a else None)
        named = a if a is not None else b
        assert named is not None   # the id came from one side or the other
        out.append(DomainChange(id=id, name=named.name, before=pb, after=pa, change=_minus(pa, pb),
                                share_before=sb, share_after=sa, share_change=_minus(sa, sb)))
    return out


def organization_stages(chosen: Sequence[EvaluationRecord], previous: Previous, refs: dict[str, ProjectRef],
                        names: dict[int, Text]) -> tuple[list[OrganizationStage], dict[str, OrganizationFlow]]:
    """Every self-organization per round, followed to the project's previous round by name; and per
    round how those of returning projects moved. A name used twice in a roster cannot be followed."""
    rows: list[OrganizationStage] = []
    flows: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for r in chosen:
        p = previous.get(r.id)
        now = Counter(o.key for o in r.self_organizations if o.key)
        before = Counter(o.key for o in p.self_organizations if o.key) if p else Counter()
        earlier = {o.key: o for o in p.self_organizations} if p else {}
        for o in r.self_organizations:
            followed = p is not None and o.key and now[o.key] == 1 and before[o.key] == 1
            change = o.stage - earlier[o.key].stage if followed else None
            rows.append(OrganizationStage(
                round=r.round, project=refs[r.project_code], name=o.name, row=o.row, stage=o.stage,
                stage_name=names[o.stage], previous_round=p.round if followed and p is not None else None,
                previous_stage=earlier[o.key].stage if followed else None, change=change,
            ))
            if p is not None:
                flows[r.round][_movement(change, o.key, before, now)] += 1
        if p is not None:
            flows[r.round]["projects"] += 1
            flows[r.round]["gone"] += sum(1 for key in before if key not in now)
    fields = ("projects", "up", "same", "down", "new", "gone", "unmatched")
    return rows, {name: OrganizationFlow(**{f: c[f] for f in fields}) for name, c in flows.items()}


def _movement(change: int | None, key: str | None, before: Counter, now: Counter) -> str:
    if change is not None:
        return "up" if change > 0 else "down" if change < 0 else "same"
    if key and now[key] == 1 and before[key] == 0:
        return "new"
    return "unmatched"


def indicator_changes(by_round: dict[str, list[EvaluationRecord]]) -> list[IndicatorChange]:
    """Each pair of consecutive rounds (in `by_round` order): mean share per indicator id in each, and
    the mean change over the projects scored on it in both."""
    out = []
    for before, after in pairwise(by_round):
        a, b = _shares(by_round[before]), _shares(by_round[after])
        info = {i.id: i for r in by_round[before] + by_round[after] for i in r.indicators}
        changes = []
        for id in [*b, *(id for id in a if id not in b)]:
            paired = [b[id][code] - a[id][code] for code in b.get(id, {}) if code in a.get(id, {})]
            sb, sa = _mean(a.get(id, {}).values()), _mean(b.get(id, {}).values())
            changes.append(IndicatorChange(
                id=id, domain=info[id].domain, name=info[id].name, before_round=before, after_round=after,
                share_before=sb, share_after=sa, change=_minus(sa, sb), paired_change=_mean(paired),
                paired=len(paired),
            ))
        out += sorted(changes, key=lambda c: (c.change is None, -(c.change or 0.0), c.id))
    return out


def _shares(records: list[EvaluationRecord]) -> dict[str, dict[str, float]]:
    """Indicator id → project code → share of max, for indicators the rubric has (scored or not)."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for r in records:
        for i in r.indicators:
            scores = out.setdefault(i.id, {})   # present in the rubric even if scored nowhere
            if i.status == "scored" and i.max:
                scores[r.project_code] = i.points / i.max
    return out


def _mean(values) -> float | None:
    values = list(values)
    return statistics.fmean(values) if values else None


def rubric_notes(chosen: Sequence[EvaluationRecord]) -> list[RubricNote]:
    """One note per pair of different rubrics among the compared results."""
    refs: dict[str, RubricRef] = {}
    ids: dict[str, set[str]] = defaultdict(set)
    for r in chosen:
        refs[r.rubric.sha256] = r.rubric
        ids[r.rubric.sha256].update(i.id for i in r.indicators)
    ordered = sorted(refs.values(), key=lambda ref: (ref.id, ref.version, ref.sha256))
    return [_note(a, b, sorted(ids[a.sha256] - ids[b.sha256]), sorted(ids[b.sha256] - ids[a.sha256]))
            for a, b in combinations(ordered, 2)]


def _note(a: RubricRef, b: RubricRef, only_a: list[str], only_b: list[str]) -> RubricNote:
    same_name = (a.id, a.version) == (b.id, b.version)
    na, nb = (f"{x.id} {x.version}" + (f" ({x.sha256[:8]})" if same_name else "") for x in (a, b))
    if not only_a and not only_b:
        text = Text(**both(N_("{a} and {b} have the same indicator ids and are compared by id; changes of points or "
                              "rules between them show in the shares."), a=na, b=nb))
    else:
        only = {lang: t(lang, "; ").join(ts(lang, "only {rubric} has {ids}", rubric=n, ids=pt(lang, "list", ", ").join(ids))
                                          for n, ids in ((na, only_a), (nb, only_b)) if ids) for lang in LANGS}
        text = Text(**{lang: ts(lang, "{a} and {b} differ in indicators and are compared by id: {only}. These indicators "
                                     "are in one rubric only and are not compared between them.", a=na, b=nb, only=only[lang])
                       for lang in LANGS})
    return RubricNote(a=a, b=b, only_in_a=only_a, only_in_b=only_b, text=text)

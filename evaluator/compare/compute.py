"""From stored evaluations to a Portfolio: pure functions, no database, no files.

`portfolio(records, selection)` picks the evaluation each project counts with per round, then builds
the per-round views here and the across-round changes in `compare.changes`.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from evaluator.compare import changes, mapped
from evaluator.compare.model import (
    Distribution,
    DomainCell,
    DomainStat,
    GradeCount,
    IndicatorStat,
    MatrixRow,
    OrganizationFlow,
    Portfolio,
    ProjectRef,
    RoundView,
    RubricUse,
    Selection,
    StageCount,
)
from evaluator.i18n import N_, both
from evaluator.rubric.bilingual import Text
from evaluator.rubric.mapping import RubricMapping
from evaluator.scoring.result import Grade, GradeBand
from evaluator.store.records import EvaluationRecord
from evaluator.vocabulary import round_key

Scales = Mapping[str, Sequence[GradeBand]]   # rubric sha256 → grade scale, best first


def portfolio(records: Sequence[EvaluationRecord], selection: Selection, scales: Scales | None = None,
              mappings: Sequence[RubricMapping] = ()) -> Portfolio:
    """`scales` (optional) lets each round name the grade bands of the rubrics it used; `mappings` make
    rounds scored with two versions of a rubric compare indicator by indicator (`compare.mapped`)."""
    scales = scales or {}
    chosen = choose(records, selection.evaluation_types)
    rounds = sorted({r.round for r in chosen}, key=round_key)
    by_round = {name: sorted((r for r in chosen if r.round == name), key=lambda r: r.project_code) for name in rounds}
    refs = project_refs(chosen)
    previous = changes.previous_records(chosen, selection.mixed_types)
    names = stage_names(chosen)
    organizations, flows = changes.organization_stages(chosen, previous, refs, names)
    grade_order = grade_ranking(chosen)
    grades = {r.grade_id: Grade(id=r.grade_id, label=r.grade) for r in chosen}
    totals = Counter(o.stage for r in chosen for o in r.self_organizations)
    return Portfolio(
        selection=selection,
        grades=sorted(grades.values(), key=lambda g: grade_order[g.id]),
        stages=[StageCount(level=lv, name=names[lv], count=totals[lv]) for lv in sorted(names)],
        rounds=[round_view(name, by_round[name], refs, grade_order, names, flows.get(name), scales) for name in rounds],
        changes=changes.project_changes(chosen, previous, refs),
        organizations=organizations,
        indicator_changes=changes.indicator_changes(
            {name: mapped.map_records(rs, mappings, chosen) for name, rs in by_round.items()}),
        rubric_notes=_rubric_notes(chosen, mappings),
        project_indicators=mapped.project_indicator_changes(chosen, previous, refs, mappings) if mappings else [],
        skipped_rounds=[r for r in selection.rounds if r not in by_round],
        unlike_left_out=changes.unlike_pairs(chosen, previous),
    )


def _rubric_notes(chosen: Sequence[EvaluationRecord], mappings: Sequence[RubricMapping]) -> list:
    """A note per pair of rubrics compared: through their mapping when one is given, else by id."""
    if not mappings:
        return changes.rubric_notes(chosen)
    regrouped = mapped.map_records(chosen, mappings)
    notes = mapped.mapping_notes(mappings, regrouped)
    covered = {frozenset((n.a.sha256, n.b.sha256)) for n in notes}
    return notes + [n for n in changes.rubric_notes(regrouped) if frozenset((n.a.sha256, n.b.sha256)) not in covered]


def choose(records: Sequence[EvaluationRecord], types: Sequence[str]) -> list[EvaluationRecord]:
    """Per project and round: the latest version of the most preferred evaluation type present."""
    best: dict[tuple[str, str], EvaluationRecord] = {}
    for r in records:
        if not r.latest or r.evaluation_type not in types:
            continue
        key = (r.round, r.project_code)
        if key not in best or types.index(r.evaluation_type) < types.index(best[key].evaluation_type):
            best[key] = r
    return sorted(best.values(), key=lambda r: (round_key(r.round), r.project_code))


def project_refs(chosen: Sequence[EvaluationRecord]) -> dict[str, ProjectRef]:
    """Each project as named on its most recent chosen form (`chosen` is oldest round first); the
    implementing organization from the most recent form that names one."""
    refs: dict[str, ProjectRef] = {}
    for r in chosen:
        earlier = refs.get(r.project_code)
        organization = r.organization or (earlier.organization if earlier else None)
        refs[r.project_code] = ProjectRef(code=r.project_code, name=r.project_name, organization=organization)
    return refs


def stage_names(chosen: Sequence[EvaluationRecord]) -> dict[int, Text]:
    names = {0: Text(**both(N_("Below the first stage")))}
    for r in chosen:
        for org in r.self_organizations:
            if org.stage_name is not None:
                names.setdefault(org.stage, org.stage_name)
    levels = {level for r in chosen for level in r.stage_counts}
    for level in levels - set(names):
        names[level] = Text(**both(N_("Stage {n}"), n=level))
    return names


def grade_ranking(chosen: Sequence[EvaluationRecord]) -> dict[str, int]:
    """Grades best first. Results do not carry the rubric's grade scale, but grades are bands of the total,
    so without red lines the highest total seen with a grade orders it; red-line-only grades come last."""
    best: dict[str, float] = {}
    for r in chosen:
        best.setdefault(r.grade_id, float("-inf"))
        if not r.red_lines:
            best[r.grade_id] = max(best[r.grade_id], r.total)
    ranked = sorted(best, key=lambda g: (-best[g], g))
    return {g: n for n, g in enumerate(ranked)}


def round_view(name: str, records: list[EvaluationRecord], refs: dict[str, ProjectRef], grade_order: dict[str, int],
               names: dict[int, Text], flow: OrganizationFlow | None, scales: Scales) -> RoundView:
    stages: dict[int, int] = defaultdict(int)
    for r in records:
        for level, count in r.stage_counts.items():
            stages[level] += count
    return RoundView(
        name=name,
        projects=len(records),
        distribution=distribution([r.total for r in records]),
        grades=grade_counts(records, grade_order),
        provisional=sum(r.provisional for r in records),
        red_lines=sum(1 for r in records if r.red_lines),
        domains=domain_stats(records),
        matrix=sorted((matrix_row(r, refs) for r in records), key=lambda m: (-m.total, m.project.code)),
        indicators=indicator_stats(records),
        stages=[StageCount(level=lv, name=names[lv], count=stages[lv]) for lv in sorted(names)],
        organizations=sum(len(r.self_organizations) for r in records),
        organization_flow=flow,
        rubrics=[RubricUse(rubric=ref, count=n, grades=list(scales.get(ref.sha256, ())))
                 for ref, n in _rubric_uses(records)],
    )


def distribution(totals: list[float]) -> Distribution:
    values = sorted(totals)
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else values * 3
    return Distribution(count=len(values), mean=statistics.fmean(values), median=statistics.median(values),
                        min=values[0], max=values[-1], q1=q1, q3=q3)


def grade_counts(records: list[EvaluationRecord], grade_order: dict[str, int]) -> list[GradeCount]:
    counts: dict[str, int] = defaultdict(int)
    labels: dict[str, Text] = {}
    for r in records:
        counts[r.grade_id] += 1
        labels.setdefault(r.grade_id, r.grade)
    return [GradeCount(id=g, label=labels[g], count=counts[g]) for g in sorted(counts, key=grade_order.__getitem__)]


def share(points: float, max: float) -> float:
    return points / max if max else 0.0


def matrix_row(r: EvaluationRecord, refs: dict[str, ProjectRef]) -> MatrixRow:
    return MatrixRow(
        evaluation_id=r.id, project=refs[r.project_code], evaluation_type=r.evaluation_type, version=r.version,
        evaluation_date=r.evaluation_date,
        rubric=r.rubric, total=r.total, max=r.total_max, share=share(r.total, r.total_max),
        grade=Grade(id=r.grade_id, label=r.grade), provisional=r.provisional, red_lines=r.red_lines,
        domains={d.id: DomainCell(points=d.points, max=d.max, share=share(d.points, d.max)) for d in r.domains},
        not_applicable=not_applicable(r),
    )


def not_applicable(r: EvaluationRecord) -> list[str]:
    """Domains the evaluation's indicators belong to but which have no score: nothing in them applied."""
    scored = {d.id for d in r.domains}
    return list(dict.fromkeys(i.domain for i in r.indicators if i.domain not in scored))


def domain_stats(records: list[EvaluationRecord]) -> list[DomainStat]:
    found = defaultdict(list)
    for r in records:
        for d in r.domains:
            found[d.id].append(d)
    return [
        DomainStat(id=id, name=ds[0].name, max=ds[0].max, mean_points=statistics.fmean(d.points for d in ds),
                   mean_share=statistics.fmean(share(d.points, d.max) for d in ds), count=len(ds))
        for id, ds in found.items()
    ]


def indicator_stats(records: list[EvaluationRecord]) -> list[IndicatorStat]:
    """Every indicator of the round, weakest first: mean share of max over the projects it was scored for."""
    found = defaultdict(list)
    for r in records:
        for i in r.indicators:
            found[i.id].append(i)
    stats = []
    for id, scores in found.items():
        scored = [i for i in scores if i.status == "scored"]
        stats.append(IndicatorStat(
            id=id, domain=scores[0].domain, name=scores[0].name, max=scores[0].max,
            mean_share=statistics.fmean(share(i.points, i.max) for i in scored) if scored else None,
            mean_points=statistics.fmean(i.points for i in scored) if scored else None,
            scored=len(scored), missing=sum(i.status == "missing" for i in scores),
            not_applicable=sum(i.status == "not_applicable" for i in scores),
        ))
    return sorted(stats, key=lambda s: (s.mean_share is None, s.mean_share or 0.0, s.id))


def _rubric_uses(records: list[EvaluationRecord]):
    counts: dict[str, int] = defaultdict(int)
    refs = {}
    for r in records:
        counts[r.rubric.sha256] += 1
        refs[r.rubric.sha256] = r.rubric
    return sorted(((refs[sha], n) for sha, n in counts.items()), key=lambda x: (x[0].id, x[0].version, x[0].sha256))

"""Reading the store: rounds, projects, and evaluations with their scores as records.

Evaluations are read from the score tables (not from the stored result JSON), as plain value rows in
one query per table for any number of evaluations, so building a portfolio of hundreds of results stays
quick; only the grade scale is read out of one result JSON per rubric.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from django.db.models import Q

from evaluator.evidence import RubricRef
from evaluator.rubric.text import Text
from evaluator.scoring.result import GradeBand
from evaluator.store.models import (
    DomainScore,
    Evaluation,
    IndicatorScore,
    Project,
    Round,
    SelfOrganizationStage,
    StageCount,
)
from evaluator.store.records import DomainScore as DomainRecord
from evaluator.store.records import EvaluationRecord
from evaluator.store.records import IndicatorScore as IndicatorRecord
from evaluator.store.records import SelfOrganizationStage as StageRecord
from evaluator.rounds import TYPE_ORDER, round_key

_CHUNK = 500  # ids per IN (…) list, well under any database's parameter limit
_HEAD = ("id", "project__code", "project_name", "organization_name", "round__name", "evaluation_type", "version",
         "latest", "rubric_id", "rubric_version", "rubric_sha256", "source_file", "source_sha256", "total_points",
         "total_max", "grade_id", "grade_zh", "grade_en", "provisional", "red_lines", "ingested_at", "evaluation_date")


def round_names(alias: str) -> list[str]:
    return sorted(Round.objects.using(alias).filter(evaluations__isnull=False).distinct()
                  .values_list("name", flat=True), key=round_key)


def projects(alias: str) -> dict[str, str]:
    """Project code → its current name, for the projects that have an evaluation."""
    return dict(Project.objects.using(alias).filter(evaluations__isnull=False).distinct().order_by("code")
                .values_list("code", "name"))


def find_projects(alias: str, text: str) -> list[str]:
    """Codes of the projects `text` names: its code, else its current or an earlier name, else a part of
    one of these (case and width ignored by the caller's did-you-mean, not here)."""
    evaluated = Project.objects.using(alias).filter(evaluations__isnull=False)
    if evaluated.filter(code=text).exists():
        return [text]
    for match in (Q(name=text) | Q(evaluations__project_name=text),
                  Q(name__icontains=text) | Q(evaluations__project_name__icontains=text) | Q(code__icontains=text)):
        codes = sorted(set(evaluated.filter(match).values_list("code", flat=True)))
        if codes:
            return codes
    return []


def evaluations(alias: str, rounds: Sequence[str] = (), codes: Sequence[str] = (),
                types: Sequence[str] = (), scores: bool = True) -> list[EvaluationRecord]:
    """Every stored evaluation matching the filters (an empty filter matches all), all versions,
    with scores (`scores=False`: without, for a caller that only chooses among them); ordered by round,
    project code, evaluation type and version."""
    query = Evaluation.objects.using(alias)
    for field, values in (("round__name__in", rounds), ("project__code__in", codes), ("evaluation_type__in", types)):
        if values:
            query = query.filter(**{field: list(values)})
    return _records(alias, [dict(zip(_HEAD, row, strict=True)) for row in query.values_list(*_HEAD)], scores)


def evaluations_by_id(alias: str, ids: Sequence[int]) -> list[EvaluationRecord]:
    """The stored evaluations with these ids (unknown ids left out), with scores, in `evaluations`' order:
    a caller that chose the evaluations itself (the platform's dashboards) reads just those."""
    wanted, heads = sorted(set(ids)), []
    for start in range(0, len(wanted), _CHUNK):
        rows = Evaluation.objects.using(alias).filter(pk__in=wanted[start:start + _CHUNK]).values_list(*_HEAD)
        heads += [dict(zip(_HEAD, row, strict=True)) for row in rows]
    return _records(alias, heads)


def _records(alias: str, heads: list[dict], scores: bool = True) -> list[EvaluationRecord]:
    details = _details(alias, [h["id"] for h in heads]) if scores else {}
    records = [_record(h, details.get(h["id"], {})) for h in heads]
    return sorted(records, key=lambda r: (round_key(r.round), r.project_code, TYPE_ORDER[r.evaluation_type], r.version))


def result_data(alias: str, evaluation_id: int) -> dict | None:
    """The stored result JSON of an evaluation, as parsed JSON."""
    return Evaluation.objects.using(alias).filter(pk=evaluation_id).values_list("result", flat=True).first()


def grade_scales(alias: str, rubric_shas: Iterable[str]) -> dict[str, list[GradeBand]]:
    """Each rubric's grade scale, best first, read from one result scored with it: results carry the
    scale (the score tables do not), and every result of a rubric carries the same one."""
    scales = {}
    for sha in sorted(set(rubric_shas)):
        grades = (Evaluation.objects.using(alias).filter(rubric_sha256=sha).order_by("id")
                  .values_list("result__grades", flat=True).first())
        if grades is not None:
            scales[sha] = [GradeBand.model_validate(g) for g in grades]
    return scales


def _record(h: dict, details: dict) -> EvaluationRecord:
    return EvaluationRecord(
        id=h["id"], project_code=h["project__code"], project_name=h["project_name"],
        organization=h["organization_name"], round=h["round__name"], evaluation_type=h["evaluation_type"],
        version=h["version"], latest=h["latest"],
        rubric=RubricRef(id=h["rubric_id"], version=h["rubric_version"], sha256=h["rubric_sha256"]),
        source_file=h["source_file"], source_sha256=h["source_sha256"], total=h["total_points"],
        total_max=h["total_max"], grade_id=h["grade_id"], grade=_text(h["grade_zh"], h["grade_en"]),
        provisional=h["provisional"], red_lines=h["red_lines"], ingested_at=h["ingested_at"],
        evaluation_date=h["evaluation_date"], **details,
    )


@lru_cache(maxsize=4096)
def _text(zh: str, en: str) -> Text:
    """Labels repeat across evaluations (same rubric): one frozen Text per pair."""
    return Text(zh=zh, en=en)


def _stage_name(zh: str | None, en: str | None) -> Text | None:
    return _text(zh, en) if zh and en else None


def _rows(model, fields: tuple[str, ...], ids: list[int], order: str, alias: str) -> Iterable[tuple]:
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        yield from (model.objects.using(alias).filter(evaluation_id__in=chunk).order_by("evaluation_id", order)
                    .values_list("evaluation_id", *fields))


def _details(alias: str, ids: list[int]) -> dict[int, dict]:
    found: dict[int, dict] = {i: defaultdict(list) for i in ids}
    for e, d, zh, en, points, most in _rows(DomainScore, ("domain_id", "name_zh", "name_en", "points", "max"), ids,
                                            "position", alias):
        found[e]["domains"].append(DomainRecord(d, _text(zh, en), points, most))
    for e, i, d, zh, en, points, most, status, level in _rows(
            IndicatorScore, ("indicator_id", "domain_id", "name_zh", "name_en", "points", "max", "status", "level"),
            ids, "position", alias):
        found[e]["indicators"].append(IndicatorRecord(i, d, _text(zh, en), points, most, status, level))
    for e, name, key, row, stage, zh, en in _rows(
            SelfOrganizationStage, ("name", "self_organization__key", "row", "stage", "stage_zh", "stage_en"), ids,
            "row", alias):
        found[e]["self_organizations"].append(StageRecord(name, key, row, stage, _stage_name(zh, en)))
    counts: dict[int, dict[int, int]] = {i: {} for i in ids}
    for e, stage, count in _rows(StageCount, ("stage", "count"), ids, "stage", alias):
        counts[e][stage] = count
    return {i: {k: tuple(v) for k, v in found[i].items()} | {"stage_counts": counts[i]} for i in ids}

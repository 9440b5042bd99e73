"""Putting one scored result into the store: checked, idempotent, versioned, all or nothing.

The same form scored by the same rubric (source sha256 + rubric sha256) is one evaluation however
often it is ingested. A different form for the same project, round and evaluation type becomes the
next version; nothing is replaced, and comparisons use the latest.

Any number of processes may ingest at once. Each ingest is one transaction that locks its project's
row before it looks for the form and counts versions, so two forms of one project never get the same
version and one form is never stored twice; the unique constraints stand behind that, and a transaction
that loses a race on one of them (or is chosen as a deadlock victim by PostgreSQL) is run again.
On SQLite the transaction takes the write lock when it begins.
"""

from __future__ import annotations

import random
import time

from django.db import IntegrityError, OperationalError, connections, transaction
from django.db.models import Value
from django.utils import timezone
from pydantic import BaseModel, ConfigDict

from evaluator.scoring.result import OrganizationResult, Result
from evaluator.store.consistency import check
from evaluator.store.db import StoreError
from evaluator.store.guards import refusals
from evaluator.store.models import (
    DomainScore,
    Evaluation,
    IndicatorScore,
    Organization,
    Project,
    Rating,
    Round,
    SelfOrganization,
    SelfOrganizationStage,
    StageCount,
)
from evaluator.rounds import name_key

ATTEMPTS = 8
_RETRY_STATES = {"40001", "40P01"}   # PostgreSQL: serialization failure, deadlock detected


class Ingested(BaseModel):
    """What ingesting did: `added` is False when this form and rubric were already stored."""

    model_config = ConfigDict(frozen=True)

    evaluation_id: int
    project_code: str
    round: str
    evaluation_type: str
    version: int
    added: bool


def unnamed(org: OrganizationResult) -> bool:
    """A roster row without a name (the engine calls it `#12` after its row) cannot be followed across rounds."""
    return org.name == f"#{org.row}" or not name_key(org.name)


def ingest(alias: str, result: Result, file: str | None = None) -> Ingested:
    """Store `result` in one transaction; StoreError (nothing written) if it is inconsistent."""
    file = file or result.source.file
    if problems := check(result, file):
        raise StoreError(problems)
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic(using=alias):
                return _write(alias, result)
        except (IntegrityError, OperationalError) as exc:
            if attempt == ATTEMPTS - 1 or not _worth_retrying(exc):
                raise
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
    raise AssertionError("unreachable")


def _worth_retrying(exc: Exception) -> bool:
    """A lost race on a unique constraint, or PostgreSQL's deadlock and serialization victims. SQLite's
    "database is locked" is not: its busy timeout has already waited."""
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc.__cause__, "sqlstate", None) in _RETRY_STATES


def _stored(alias: str, result: Result) -> Ingested | None:
    found = (Evaluation.objects.using(alias)
             .filter(source_sha256=result.source.sha256, rubric_sha256=result.rubric.sha256)
             .values_list("id", "version").first())
    return _ingested(result, found[0], found[1], added=False) if found else None


def _write(alias: str, result: Result) -> Ingested:
    if done := _stored(alias, result):
        return done
    p = result.project
    # rows shared between projects first, in the same order in every transaction: no lock cycles
    round_row, _ = Round.objects.using(alias).get_or_create(name=p.round)
    organization = _organization(alias, p.organization)
    project = _locked_project(alias, result, organization)
    if done := _stored(alias, result):   # another process stored this form while we waited for the lock
        return done
    if refused := refusals(alias, project, round_row, p.evaluation_type, file_name(result)):
        raise StoreError(refused)     # e.g. the result is final and locked (evaluator.web.process)
    group = Evaluation.objects.using(alias).filter(project=project, round=round_row, evaluation_type=p.evaluation_type)
    version = max(group.values_list("version", flat=True), default=0) + 1
    group.filter(latest=True).update(latest=False)
    evaluation = Evaluation.objects.using(alias).create(**_evaluation_fields(result, project, round_row, version))
    _write_scores(alias, evaluation, result)
    _write_self_organizations(alias, evaluation, project, result)
    return _ingested(result, evaluation.pk, version, added=True)


def file_name(result: Result) -> str:
    return result.source.file


def _ingested(result: Result, evaluation_id: int, version: int, added: bool) -> Ingested:
    p = result.project
    return Ingested(evaluation_id=evaluation_id, project_code=p.code, round=p.round,
                    evaluation_type=p.evaluation_type, version=version, added=added)


def _organization(alias: str, name: str | None) -> Organization | None:
    if not name or not (key := name_key(name)):
        return None
    found, _ = Organization.objects.using(alias).get_or_create(key=key, defaults={"name": name.strip()})
    return found


def _locked_project(alias: str, result: Result, organization: Organization | None) -> Project:
    """The project by its code, locked until the transaction ends; its details follow the latest form."""
    p = result.project
    projects = Project.objects.using(alias)
    created, _ = projects.get_or_create(code=p.code, defaults={"name": p.name})
    project = projects.select_for_update().get(pk=created.pk)
    changes = {"name": p.name, "organization": organization or project.organization}
    changes |= {k: v for k in ("community", "street", "district", "funder") if (v := getattr(p, k))}
    if any(getattr(project, k) != v for k, v in changes.items()):
        for k, v in changes.items():
            setattr(project, k, v)
        project.save(using=alias)
    return project


def _evaluation_fields(result: Result, project: Project, round_row: Round, version: int) -> dict:
    p, t = result.project, result.total
    return {
        "project": project, "round": round_row, "evaluation_type": p.evaluation_type, "version": version,
        "latest": True, "mode": result.mode, "schema": result.schema_, "source_file": result.source.file,
        "source_sha256": result.source.sha256, "rubric_id": result.rubric.id, "rubric_version": result.rubric.version,
        "rubric_sha256": result.rubric.sha256, "project_name": p.name, "organization_name": p.organization,
        "community": p.community, "street": p.street, "district": p.district, "funder": p.funder,
        "evaluation_date": p.evaluation_date, "total_points": t.points, "total_max": t.max, "grade_id": t.grade.id,
        "grade_zh": t.grade.label.zh, "grade_en": t.grade.label.en, "provisional": t.provisional,
        "red_lines": len(t.red_lines),
        # the JSON as pydantic writes it, stored as it is (a JSONField would parse it and write it again)
        "result": Value(result.model_dump_json(by_alias=True)),
        "ingested_at": timezone.now(),
    }


def _insert(alias: str, model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Many rows in one executemany: the ORM's per-value work on a result's ~200 score rows would
    take most of an ingest's time."""
    if not rows:
        return
    connection = connections[alias]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
           f" VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _write_scores(alias: str, evaluation: Evaluation, result: Result) -> None:
    e = evaluation.pk
    _insert(alias, DomainScore, ("evaluation_id", "position", "domain_id", "name_zh", "name_en", "points", "max"),
            # a domain in which nothing applies has no points: it is left out, as it is left out of the total
            [(e, n, d.id, d.name.zh, d.name.en, d.points, d.max) for n, d in enumerate(result.domains)
             if d.points is not None])
    _insert(alias, IndicatorScore, ("evaluation_id", "position", "indicator_id", "domain_id", "name_zh", "name_en",
                                    "points", "max", "status", "level", "self_points"),
            [(e, n, i.id, i.domain, i.name.zh, i.name.en, i.points, i.max, i.status, i.level, i.self_points)
             for n, i in enumerate(result.indicators)])
    ids = dict(IndicatorScore.objects.using(alias).filter(evaluation_id=e).values_list("indicator_id", "id"))
    _insert(alias, Rating, ("indicator_score_id", "rater", "level", "cell"),
            [(ids[i.id], r.rater, r.level, r.cell) for i in result.indicators for r in i.ratings])
    _insert(alias, StageCount, ("evaluation_id", "stage", "count"),
            [(e, int(stage), count) for stage, count in result.stage_counts.items()])


def _write_self_organizations(alias: str, evaluation: Evaluation, project: Project, result: Result) -> None:
    """Each named roster row is matched to the project's self-organization of the same name, made if new."""
    names = {name_key(o.name): o.name for o in result.organizations if not unnamed(o)}
    groups = SelfOrganization.objects.using(alias)
    known = dict(groups.filter(project=project, key__in=list(names)).values_list("key", "id"))
    known |= {g.key: g.pk for g in groups.bulk_create(
        [SelfOrganization(project=project, key=k, name=n) for k, n in names.items() if k not in known])}
    _insert(alias, SelfOrganizationStage,
            ("evaluation_id", "row", "self_organization_id", "name", "stage", "stage_zh", "stage_en"),
            [(evaluation.pk, o.row, None if unnamed(o) else known[name_key(o.name)], o.name, o.stage,
              o.stage_name.zh if o.stage_name else None, o.stage_name.en if o.stage_name else None)
             for o in result.organizations])

"""Stores made before the store moved onto Django (schema v1: raw SQLite tables `schema_version`, `rounds`,
`projects`, `organizations`, `evaluations`, …) are migrated, not lost.

Migration 0002 copies their rows into the Django tables in the same transaction that records the
migration, keeping every evaluation's id and version; the v1 tables are left where they are (nothing is
deleted), and a v1 store is recognised by them. v1's `organizations` were the residents' self-organizations:
they become `SelfOrganization` rows; the implementing organization (a text on each evaluation) becomes an
`Organization` row per distinct name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from evaluator.rounds import name_key

TABLES = frozenset({"schema_version", "rounds", "projects", "organizations", "evaluations", "domain_scores",
                    "indicator_scores", "ratings", "organization_stages", "stage_counts"})
VERSION = 1
_BATCH = 2000


def version(cursor, tables: set[str]) -> int | None:
    """The v1 schema version stored in the database, or None when it has no v1 `schema_version` table."""
    if "schema_version" not in tables:
        return None
    cursor.execute("SELECT MAX(version) FROM schema_version")
    row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else None


def missing(tables: set[str]) -> list[str]:
    return sorted(TABLES - tables)


def _rows(cursor, sql: str) -> Iterator[tuple]:
    cursor.execute(sql)
    while batch := cursor.fetchmany(_BATCH):
        yield from batch


def copy(connection, apps) -> None:
    """Copy a v1 store's rows into the (empty) Django tables; nothing when the database has no v1 tables."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if connection.vendor != "sqlite" or version(cursor, tables) != VERSION or missing(tables):
            return
        alias = connection.alias
        model = {name: apps.get_model("store", name).objects.using(alias) for name in (
            "Round", "Organization", "Project", "Evaluation", "DomainScore", "IndicatorScore", "Rating",
            "SelfOrganization", "SelfOrganizationStage", "StageCount")}
        _copy_projects(cursor, model)
        _copy_evaluations(cursor, model)
        _copy_scores(cursor, model)
        _copy_self_organizations(cursor, model)


def _copy_projects(cursor, model) -> None:
    model["Round"].bulk_create([model["Round"].model(id=i, name=n) for i, n in _rows(cursor, "SELECT id, name FROM rounds")])
    # each project takes its details from the latest evaluation ingested (the highest id)
    latest = {row[0]: row[1:] for row in _rows(cursor, (
        "SELECT project_id, organization, community, street, district, funder FROM evaluations"
        " WHERE id IN (SELECT MAX(id) FROM evaluations GROUP BY project_id)"))}
    names = {o for (o,) in _rows(cursor, "SELECT DISTINCT organization FROM evaluations") if o and name_key(o)}
    organizations: dict[str, object] = {}
    for name in sorted(names):
        organizations.setdefault(name_key(name), model["Organization"].model(key=name_key(name), name=name))
    model["Organization"].bulk_create(list(organizations.values()))
    projects = []
    for id, code, name in _rows(cursor, "SELECT id, code, name FROM projects"):
        org, community, street, district, funder = latest.get(id, (None,) * 5)
        projects.append(model["Project"].model(
            id=id, code=code, name=name, community=community or "", street=street or "", district=district or "",
            funder=funder or "", organization=organizations.get(name_key(org)) if org else None))
    model["Project"].bulk_create(projects, batch_size=_BATCH)


_EVALUATION = """
SELECT e.id, e.project_id, e.round_id, e.evaluation_type, e.version,
       e.version = (SELECT MAX(x.version) FROM evaluations x WHERE x.project_id = e.project_id
                    AND x.round_id = e.round_id AND x.evaluation_type = e.evaluation_type),
       e.mode, e.source_file, e.source_sha256, e.rubric_id, e.rubric_version, e.rubric_sha256, e.project_name,
       e.organization, e.community, e.street, e.district, e.funder, e.evaluation_date, e.total_points, e.total_max,
       e.grade_id, e.grade_zh, e.grade_en, e.provisional, e.red_lines, e.result_json, e.ingested_at
FROM evaluations e ORDER BY e.id
"""


def _copy_evaluations(cursor, model) -> None:
    batch = []
    for (id, project, round, type, version, latest, mode, source_file, source_sha, rubric_id, rubric_version,
         rubric_sha, project_name, organization, community, street, district, funder, date, total, total_max,
         grade_id, grade_zh, grade_en, provisional, red_lines, text, ingested_at) in _rows(cursor, _EVALUATION):
        result = json.loads(text)
        batch.append(model["Evaluation"].model(
            id=id, project_id=project, round_id=round, evaluation_type=type, version=version, latest=bool(latest),
            mode=mode, schema=result.get("schema", ""), source_file=source_file, source_sha256=source_sha,
            rubric_id=rubric_id, rubric_version=rubric_version, rubric_sha256=rubric_sha, project_name=project_name,
            organization_name=organization, community=community, street=street, district=district, funder=funder,
            evaluation_date=dt.date.fromisoformat(date) if date else None, total_points=total, total_max=total_max,
            grade_id=grade_id, grade_zh=grade_zh, grade_en=grade_en, provisional=bool(provisional),
            red_lines=red_lines, result=result, ingested_at=dt.datetime.fromisoformat(ingested_at)))
        if len(batch) >= 200:   # results are large: a few hundred at a time
            model["Evaluation"].bulk_create(batch)
            batch = []
    model["Evaluation"].bulk_create(batch)


def _copy_scores(cursor, model) -> None:
    Domain, Indicator = model["DomainScore"], model["IndicatorScore"]
    Domain.bulk_create((Domain.model(evaluation_id=e, position=p, domain_id=d, name_zh=zh, name_en=en, points=pt, max=mx)
                        for e, p, d, zh, en, pt, mx in _rows(cursor, "SELECT evaluation_id, position, domain_id,"
                                                             " name_zh, name_en, points, max FROM domain_scores")),
                       batch_size=_BATCH)
    Indicator.bulk_create((
        Indicator.model(evaluation_id=e, position=p, indicator_id=i, domain_id=d, name_zh=zh, name_en=en, points=pt,
                        max=mx, status=status, level=level, self_points=own)
        for e, p, i, d, zh, en, pt, mx, status, level, own in _rows(
            cursor, "SELECT evaluation_id, position, indicator_id, domain_id, name_zh, name_en, points, max, status,"
                    " level, self_points FROM indicator_scores")), batch_size=_BATCH)
    ids = {(e, i): pk for pk, e, i in Indicator.values_list("id", "evaluation_id", "indicator_id").iterator()}
    Rating = model["Rating"]
    Rating.bulk_create((Rating.model(indicator_score_id=ids[(e, i)], rater=rater, level=level, cell=cell)
                        for e, i, rater, level, cell in _rows(cursor, "SELECT evaluation_id, indicator_id, rater, level,"
                                                              " cell FROM ratings ORDER BY rowid")
                        if (e, i) in ids), batch_size=_BATCH)


def _copy_self_organizations(cursor, model) -> None:
    Group, Stage, Count = model["SelfOrganization"], model["SelfOrganizationStage"], model["StageCount"]
    Group.bulk_create((Group.model(id=i, project_id=p, key=k, name=n)
                       for i, p, k, n in _rows(cursor, "SELECT id, project_id, key, name FROM organizations")),
                      batch_size=_BATCH)
    Stage.bulk_create((
        Stage.model(evaluation_id=e, row=r, self_organization_id=o, name=n, stage=s, stage_zh=zh, stage_en=en)
        for e, r, o, n, s, zh, en in _rows(cursor, "SELECT evaluation_id, row, organization_id, name, stage, stage_zh,"
                                           " stage_en FROM organization_stages")), batch_size=_BATCH)
    Count.bulk_create((Count.model(evaluation_id=e, stage=s, count=c)
                       for e, s, c in _rows(cursor, "SELECT evaluation_id, stage, count FROM stage_counts")),
                      batch_size=_BATCH)

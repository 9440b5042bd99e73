"""Putting one scored result into the store: idempotent, versioned, all or nothing.

The same form scored by the same rubric (source sha256 + rubric sha256) is one evaluation however
often it is ingested. A different form for the same project, round and evaluation type becomes the
next version; nothing is replaced, and comparisons use the highest version.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from collections import Counter

from pydantic import BaseModel, ConfigDict

from evaluator.problems import Problem
from evaluator.scoring.result import OrganizationResult, Result
from evaluator.store.db import StoreError, problem, transaction


class Ingested(BaseModel):
    """What ingesting did: `added` is False when this form and rubric were already stored."""

    model_config = ConfigDict(frozen=True)

    evaluation_id: int
    project_code: str
    round: str
    evaluation_type: str
    version: int
    added: bool


def organization_key(name: str) -> str:
    """How a self-organization's name is matched across rounds: full/half width, spaces and case ignored."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def unnamed(org: OrganizationResult) -> bool:
    """A roster row without a name (the engine calls it `#12` after its row) cannot be followed across rounds."""
    return org.name == f"#{org.row}" or not organization_key(org.name)


def check(result: Result, file: str) -> list[Problem]:
    """What the model cannot say: the keys the store files a result under must be usable."""
    found = []
    for key, value in (("project.code", result.project.code), ("project.round", result.project.round)):
        if not value.strip():
            found.append(problem("S009", file, at=key, key=key))
    for kind, key, ids in (
        ({"zh": "领域", "en": "domain"}, "domains", [d.id for d in result.domains]),
        ({"zh": "指标", "en": "indicator"}, "indicators", [i.id for i in result.indicators]),
    ):
        for id, n in Counter(ids).items():
            if n > 1:
                found.append(problem("S010", file, at=key, kind=kind, id=id))
    for stage in result.stage_counts:
        if not stage.isdigit():
            found.append(problem("S005", file, at=f"stage_counts.{stage}", found=repr(stage),
                                 expected={"zh": "阶段编号（整数）", "en": "a stage number"}))
    return found


def ingest(conn: sqlite3.Connection, result: Result, file: str | None = None) -> Ingested:
    """Store `result` in one transaction; raises StoreError (nothing written) if it cannot be filed."""
    file = file or result.source.file
    if problems := check(result, file):
        raise StoreError(problems)
    with transaction(conn):
        stored = conn.execute(
            "SELECT id, version FROM evaluations WHERE source_sha256 = ? AND rubric_sha256 = ?",
            (result.source.sha256, result.rubric.sha256),
        ).fetchone()
        if stored:
            return _ingested(result, stored[0], stored[1], added=False)
        project_id = _project(conn, result)
        round_id = _id_of(conn, "rounds", "name", result.project.round)
        version = conn.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM evaluations"
            " WHERE project_id = ? AND round_id = ? AND evaluation_type = ?",
            (project_id, round_id, result.project.evaluation_type),
        ).fetchone()[0]
        evaluation_id = _insert_evaluation(conn, result, project_id, round_id, version)
        _insert_scores(conn, evaluation_id, result)
        _insert_organizations(conn, evaluation_id, project_id, result)
    return _ingested(result, evaluation_id, version, added=True)


def _ingested(result: Result, evaluation_id: int, version: int, added: bool) -> Ingested:
    p = result.project
    return Ingested(evaluation_id=evaluation_id, project_code=p.code, round=p.round,
                    evaluation_type=p.evaluation_type, version=version, added=added)


def _id_of(conn: sqlite3.Connection, table: str, column: str, value: str) -> int:
    row = conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", (value,)).fetchone()
    if row:
        return row[0]
    return conn.execute(f"INSERT INTO {table} ({column}) VALUES (?) RETURNING id", (value,)).fetchone()[0]


def _project(conn: sqlite3.Connection, result: Result) -> int:
    """The project by its code; its name follows the latest form ingested."""
    code, name = result.project.code, result.project.name
    row = conn.execute("SELECT id FROM projects WHERE code = ?", (code,)).fetchone()
    if row:
        conn.execute("UPDATE projects SET name = ? WHERE id = ?", (name, row[0]))
        return row[0]
    return conn.execute("INSERT INTO projects (code, name) VALUES (?, ?) RETURNING id", (code, name)).fetchone()[0]


def _insert_evaluation(conn: sqlite3.Connection, result: Result, project_id: int, round_id: int, version: int) -> int:
    p, t = result.project, result.total
    values = {
        "project_id": project_id, "round_id": round_id, "evaluation_type": p.evaluation_type, "version": version,
        "mode": result.mode, "source_file": result.source.file, "source_sha256": result.source.sha256,
        "rubric_id": result.rubric.id, "rubric_version": result.rubric.version,
        "rubric_sha256": result.rubric.sha256, "project_name": p.name, "organization": p.organization,
        "community": p.community, "street": p.street, "district": p.district, "funder": p.funder,
        "evaluation_date": p.evaluation_date.isoformat() if p.evaluation_date else None,
        "total_points": t.points, "total_max": t.max, "grade_id": t.grade.id, "grade_zh": t.grade.label.zh,
        "grade_en": t.grade.label.en, "provisional": int(t.provisional), "red_lines": len(t.red_lines),
        "result_json": result.model_dump_json(by_alias=True),
        "ingested_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    sql = f"INSERT INTO evaluations ({columns}) VALUES ({marks}) RETURNING id"
    return conn.execute(sql, tuple(values.values())).fetchone()[0]


def _insert_scores(conn: sqlite3.Connection, evaluation_id: int, result: Result) -> None:
    conn.executemany(
        "INSERT INTO domain_scores (evaluation_id, position, domain_id, name_zh, name_en, points, max)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        # a domain in which nothing applies has no points: it is left out, as it is left out of the total
        [(evaluation_id, n, d.id, d.name.zh, d.name.en, d.points, d.max) for n, d in enumerate(result.domains)
         if d.points is not None],
    )
    conn.executemany(
        "INSERT INTO indicator_scores (evaluation_id, position, indicator_id, domain_id, name_zh, name_en,"
        " points, max, status, level, self_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(evaluation_id, n, i.id, i.domain, i.name.zh, i.name.en, i.points, i.max, i.status, i.level, i.self_points)
         for n, i in enumerate(result.indicators)],
    )
    conn.executemany(
        "INSERT INTO ratings (evaluation_id, indicator_id, rater, level, cell) VALUES (?, ?, ?, ?, ?)",
        [(evaluation_id, i.id, r.rater, r.level, r.cell) for i in result.indicators for r in i.ratings],
    )
    conn.executemany(
        "INSERT INTO stage_counts (evaluation_id, stage, count) VALUES (?, ?, ?)",
        [(evaluation_id, int(stage), count) for stage, count in result.stage_counts.items()],
    )


def _insert_organizations(conn: sqlite3.Connection, evaluation_id: int, project_id: int, result: Result) -> None:
    rows = []
    for org in result.organizations:
        org_id = None if unnamed(org) else _organization(conn, project_id, org.name)
        zh, en = (org.stage_name.zh, org.stage_name.en) if org.stage_name else (None, None)
        rows.append((evaluation_id, org.row, org_id, org.name, org.stage, zh, en))
    conn.executemany(
        "INSERT INTO organization_stages (evaluation_id, row, organization_id, name, stage, stage_zh, stage_en)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _organization(conn: sqlite3.Connection, project_id: int, name: str) -> int:
    key = organization_key(name)
    row = conn.execute("SELECT id FROM organizations WHERE project_id = ? AND key = ?", (project_id, key)).fetchone()
    if row:
        return row[0]
    return conn.execute(
        "INSERT INTO organizations (project_id, key, name) VALUES (?, ?, ?) RETURNING id", (project_id, key, name)
    ).fetchone()[0]


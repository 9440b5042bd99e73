"""Reading the store: rounds, projects, and evaluations with their scores as records.

Evaluations are read from the score tables (not from the stored Result JSON), in one query per
table for any number of evaluations, so building a portfolio of hundreds of results stays quick.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from evaluator.evidence import RubricRef
from evaluator.rubric.text import Text
from evaluator.scoring.result import GradeBand
from evaluator.store.terms import TYPE_ORDER, round_key
from evaluator.store.records import DomainScore, EvaluationRecord, IndicatorScore, OrganizationStage

_CHUNK = 500  # ids per IN (…) list, well under any database's parameter limit

_EVALUATIONS = """
SELECT e.id, p.code, e.project_name, e.organization, r.name, e.evaluation_type, e.version,
       e.version = (SELECT MAX(x.version) FROM evaluations x WHERE x.project_id = e.project_id
                    AND x.round_id = e.round_id AND x.evaluation_type = e.evaluation_type),
       e.rubric_id, e.rubric_version, e.rubric_sha256, e.source_file, e.source_sha256,
       e.total_points, e.total_max, e.grade_id, e.grade_zh, e.grade_en, e.provisional, e.red_lines, e.ingested_at,
       e.evaluation_date
FROM evaluations e JOIN projects p ON p.id = e.project_id JOIN rounds r ON r.id = e.round_id
"""


def round_names(conn: sqlite3.Connection) -> list[str]:
    return sorted((row[0] for row in conn.execute("SELECT name FROM rounds")), key=round_key)


def projects(conn: sqlite3.Connection) -> dict[str, str]:
    """Project code → its current name."""
    return dict(conn.execute("SELECT code, name FROM projects ORDER BY code"))


def find_projects(conn: sqlite3.Connection, text: str) -> list[str]:
    """Codes of the projects `text` names: its code, else its current name or a name it had on a form."""
    if conn.execute("SELECT 1 FROM projects WHERE code = ?", (text,)).fetchone():
        return [text]
    rows = conn.execute(
        "SELECT DISTINCT p.code FROM projects p LEFT JOIN evaluations e ON e.project_id = p.id"
        " WHERE p.name = ? OR e.project_name = ? ORDER BY p.code",
        (text, text),
    )
    return [row[0] for row in rows]


def evaluations(
    conn: sqlite3.Connection,
    rounds: Sequence[str] = (),
    codes: Sequence[str] = (),
    types: Sequence[str] = (),
) -> list[EvaluationRecord]:
    """Every stored evaluation matching the filters (an empty filter matches all), all versions,
    with scores; ordered by round, project code, evaluation type and version."""
    where, params = [], []
    for column, values in (("r.name", rounds), ("p.code", codes), ("e.evaluation_type", types)):
        if values:
            where.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params += list(values)
    sql = _EVALUATIONS + (" WHERE " + " AND ".join(where) if where else "")
    heads = [_head(row) for row in conn.execute(sql, params)]
    details = _details(conn, [h["id"] for h in heads])
    records = [EvaluationRecord(**h, **details[h["id"]]) for h in heads]
    return sorted(records, key=lambda r: (round_key(r.round), r.project_code, TYPE_ORDER[r.evaluation_type], r.version))


def result_json(conn: sqlite3.Connection, evaluation_id: int) -> str | None:
    row = conn.execute("SELECT result_json FROM evaluations WHERE id = ?", (evaluation_id,)).fetchone()
    return row[0] if row else None


def grade_scales(conn: sqlite3.Connection, rubric_shas: Iterable[str]) -> dict[str, list[GradeBand]]:
    """Each rubric's grade scale, best first, read from one result scored with it: results carry the
    scale (the score tables do not), and every result of a rubric carries the same one."""
    scales = {}
    for sha in sorted(set(rubric_shas)):
        row = conn.execute("SELECT result_json FROM evaluations WHERE rubric_sha256 = ? LIMIT 1", (sha,)).fetchone()
        if row:
            scales[sha] = [GradeBand.model_validate(g) for g in json.loads(row[0])["grades"]]
    return scales


def _head(row: tuple) -> dict:
    (id, code, name, org, round, type, version, latest, rubric_id, rubric_version, rubric_sha, source_file,
     source_sha, total, total_max, grade_id, grade_zh, grade_en, provisional, red_lines, ingested_at,
     evaluation_date) = row
    return dict(
        id=id, project_code=code, project_name=name, organization=org, round=round, evaluation_type=type,
        version=version, latest=bool(latest), rubric=RubricRef(id=rubric_id, version=rubric_version, sha256=rubric_sha),
        source_file=source_file, source_sha256=source_sha, total=total, total_max=total_max, grade_id=grade_id,
        grade=_text(grade_zh, grade_en), provisional=bool(provisional), red_lines=red_lines,
        ingested_at=dt.datetime.fromisoformat(ingested_at),
        evaluation_date=dt.date.fromisoformat(evaluation_date) if evaluation_date else None,
    )


@lru_cache(maxsize=4096)
def _text(zh: str | None, en: str | None) -> Text | None:
    """Labels repeat across evaluations (same rubric): one frozen Text per pair."""
    return Text(zh=zh, en=en) if zh and en else None


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _rows(conn: sqlite3.Connection, sql: str, ids: list[int]) -> Iterable[tuple]:
    """Rows of `sql` (which ends in `IN ({})` and orders by evaluation then position) for these ids."""
    for chunk in _chunks(ids):
        yield from conn.execute(sql.format(", ".join("?" for _ in chunk)), chunk)


def _details(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict]:
    found: dict[int, dict] = {i: defaultdict(list) for i in ids}
    for e, d, zh, en, points, max in _rows(conn, "SELECT evaluation_id, domain_id, name_zh, name_en, points, max"
                                           " FROM domain_scores WHERE evaluation_id IN ({}) ORDER BY position", ids):
        found[e]["domains"].append(DomainScore(d, _text(zh, en), points, max))
    for e, i, d, zh, en, points, max, status, level in _rows(
        conn, "SELECT evaluation_id, indicator_id, domain_id, name_zh, name_en, points, max, status, level"
        " FROM indicator_scores WHERE evaluation_id IN ({}) ORDER BY position", ids,
    ):
        found[e]["indicators"].append(IndicatorScore(i, d, _text(zh, en), points, max, status, level))
    for e, name, key, row, stage, zh, en in _rows(
        conn, "SELECT s.evaluation_id, s.name, o.key, s.row, s.stage, s.stage_zh, s.stage_en"
        " FROM organization_stages s LEFT JOIN organizations o ON o.id = s.organization_id"
        " WHERE s.evaluation_id IN ({}) ORDER BY s.row", ids,
    ):
        found[e]["organizations"].append(OrganizationStage(name, key, row, stage, _text(zh, en)))
    counts: dict[int, dict[int, int]] = {i: {} for i in ids}
    for e, stage, count in _rows(conn, "SELECT evaluation_id, stage, count FROM stage_counts"
                                 " WHERE evaluation_id IN ({}) ORDER BY stage", ids):
        counts[e][stage] = count
    return {i: {k: tuple(v) for k, v in found[i].items()} | {"stage_counts": counts[i]} for i in ids}

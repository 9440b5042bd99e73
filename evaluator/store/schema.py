"""The database schema, versioned: the DDL, and the check that a database is one this code can use.

Everything SQLite-specific lives here and in `db.py` (`INTEGER PRIMARY KEY` ids, `sqlite_master`);
the statements in `ingest.py` and `queries.py` are plain SQL with `?` parameters and `RETURNING`,
which PostgreSQL also speaks once the parameter style is translated.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

TABLES = (
    """CREATE TABLE schema_version (
        version INTEGER NOT NULL
    )""",
    """CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    )""",
    # a project is its code (项目编号); the name is the one on the latest form ingested
    """CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL
    )""",
    # resident self-organizations of a project, matched across rounds by their normalized name
    """CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects (id),
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (project_id, key)
    )""",
    # one scored form; the same form scored by the same rubric is stored once, and a new form for the
    # same project, round and evaluation type is the next version
    """CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects (id),
        round_id INTEGER NOT NULL REFERENCES rounds (id),
        evaluation_type TEXT NOT NULL,
        version INTEGER NOT NULL,
        mode TEXT NOT NULL,
        source_file TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        rubric_id TEXT NOT NULL,
        rubric_version TEXT NOT NULL,
        rubric_sha256 TEXT NOT NULL,
        project_name TEXT NOT NULL,
        organization TEXT,
        community TEXT,
        street TEXT,
        district TEXT,
        funder TEXT,
        evaluation_date TEXT,
        total_points REAL NOT NULL,
        total_max REAL NOT NULL,
        grade_id TEXT NOT NULL,
        grade_zh TEXT NOT NULL,
        grade_en TEXT NOT NULL,
        provisional INTEGER NOT NULL,
        red_lines INTEGER NOT NULL,
        result_json TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        UNIQUE (source_sha256, rubric_sha256),
        UNIQUE (project_id, round_id, evaluation_type, version)
    )""",
    """CREATE TABLE domain_scores (
        evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
        position INTEGER NOT NULL,
        domain_id TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        points REAL NOT NULL,
        max REAL NOT NULL,
        PRIMARY KEY (evaluation_id, domain_id)
    )""",
    """CREATE TABLE indicator_scores (
        evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
        position INTEGER NOT NULL,
        indicator_id TEXT NOT NULL,
        domain_id TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        points REAL NOT NULL,
        max REAL NOT NULL,
        status TEXT NOT NULL,
        level INTEGER,
        self_points REAL,
        PRIMARY KEY (evaluation_id, indicator_id)
    )""",
    """CREATE TABLE ratings (
        evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
        indicator_id TEXT NOT NULL,
        rater TEXT NOT NULL,
        level INTEGER,
        cell TEXT
    )""",
    # organization_id is NULL for a roster row without a name: it cannot be followed across rounds
    """CREATE TABLE organization_stages (
        evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
        row INTEGER NOT NULL,
        organization_id INTEGER REFERENCES organizations (id),
        name TEXT NOT NULL,
        stage INTEGER NOT NULL,
        stage_zh TEXT,
        stage_en TEXT,
        PRIMARY KEY (evaluation_id, row)
    )""",
    """CREATE TABLE stage_counts (
        evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
        stage INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (evaluation_id, stage)
    )""",
    "CREATE INDEX evaluations_by_project ON evaluations (project_id, round_id, evaluation_type)",
    "CREATE INDEX ratings_by_evaluation ON ratings (evaluation_id)",
)


def table_names(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def create(conn: sqlite3.Connection) -> None:
    """Create every table in an empty database; the caller holds the transaction."""
    for statement in TABLES:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))


def stored_version(conn: sqlite3.Connection) -> int | None:
    """The schema version of an evaluator database, or None if this is some other database."""
    if "schema_version" not in table_names(conn):
        return None
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] if row else None

"""The results store: ingesting one result, and building the portfolio of 200 stored results, each
against a floor measured in the same run on the same data.

- ingest floor: a bare sqlite3 table holding the result JSON, one row per result, one transaction each
  (WAL, synchronous=NORMAL): what storing a result durably costs with nothing else done;
- portfolio floor: reading those 200 JSON texts back from the bare table and `json.loads` each.

The results are the bundled samples, scored once, filed under N projects × 2 rounds with distinct form
hashes. With `EVALUATOR_BENCH_POSTGRES=postgresql://…` the ingest is also measured on that server
(into a schema of its own, dropped afterwards).

    python benchmarks/bench_store.py [N]        (N projects; 100 by default, so 200 results)
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from evaluator.compare.select import portfolio_from_store
from evaluator.forms.reader import read_form
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result
from evaluator.store import Store

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = ("2023-第二届微公益创投", "2024-第三届微公益创投")
RUNS = 3


def sample_results() -> list[Result]:
    """The official (non self-assessment) sample forms, scored in this process."""
    found = []
    for form in sorted((ROOT / "samples").glob("*.xlsx")):
        reading = read_form(form, None)
        if reading.evidence is not None and reading.rubric is not None:
            result = evaluate(reading.rubric.rubric, reading.evidence, reading.problems)
            if result.mode == "evaluation":
                found.append(result)
    return found


def results(projects: int) -> list[Result]:
    """`projects` × 2 rounds of results, each a sample under its own code, round and form hash."""
    bases, made = sample_results(), []
    for n in range(projects):
        for r, round_name in enumerate(ROUNDS):
            base = bases[(n + r) % len(bases)]
            sha = hashlib.sha256(f"{n}-{r}".encode()).hexdigest()
            project = base.project.model_copy(update={"code": f"BENCH-{n:04d}", "round": round_name,
                                                      "name": f"基准项目{n}（虚构）"})
            made.append(base.model_copy(update={"project": project,
                                                "source": base.source.model_copy(update={"sha256": sha})}))
    return made


def bare_ingest(path: Path, texts: list[str]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE results (id INTEGER PRIMARY KEY, json TEXT NOT NULL)")
    start = time.perf_counter()
    for text in texts:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO results (json) VALUES (?)", (text,))
        conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def bare_read(path: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    for (text,) in conn.execute("SELECT json FROM results"):
        json.loads(text)
    conn.close()
    return time.perf_counter() - start


def store_ingest(target, made: list[Result]) -> float:
    start = time.perf_counter()
    with Store.open(target) as store:
        for result in made:
            store.ingest(result)
    return time.perf_counter() - start


def store_portfolio(target) -> tuple[float, int]:
    start = time.perf_counter()
    with Store.open(target, create=False) as store:
        pf = portfolio_from_store(store)
    return time.perf_counter() - start, sum(len(r.matrix) for r in pf.rounds)


def postgres_ingest(url: str, made: list[Result]) -> tuple[float, float] | None:
    """Ingest and portfolio seconds on PostgreSQL, in a schema made for the run; None if unsupported."""
    try:
        import psycopg
    except ImportError:
        return None
    schema = f"bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        ingest = store_ingest(target, made)
        portfolio, _ = store_portfolio(target)
        return ingest, portfolio
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def main(projects: int) -> None:
    made = results(projects)
    n = len(made)
    texts = [r.model_dump_json(by_alias=True) for r in made]
    runs = []
    for _ in range(RUNS):      # the best of a few runs: the machine is shared
        with tempfile.TemporaryDirectory() as tmp:
            bare_db, store_db = Path(tmp) / "bare.db", Path(tmp) / "store.db"
            floor_in, ours_in = bare_ingest(bare_db, texts), store_ingest(store_db, made)
            floor_out, (ours_out, rows) = bare_read(bare_db), store_portfolio(store_db)
            runs.append((floor_in, ours_in, floor_out, ours_out))
    floor_in, ours_in, floor_out, ours_out = (min(r[k] for r in runs) for k in range(4))
    print(f"{n} results ({projects} projects × {len(ROUNDS)} rounds), SQLite, best of {RUNS} runs\n")
    print(f"{'':44}{'total s':>9}{'ms each':>9}{'× floor':>9}")
    print(f"{'bare: insert the JSON, commit (floor)':44}{floor_in:9.2f}{floor_in / n * 1000:9.1f}{1:9.2f}")
    print(f"{'Store.ingest, one transaction each':44}{ours_in:9.2f}{ours_in / n * 1000:9.1f}{ours_in / floor_in:9.2f}")
    print(f"{'bare: read the JSON back, json.loads (floor)':44}{floor_out:9.2f}{'':9}{1:9.2f}")
    print(f"{f'portfolio of the {n} results ({rows} rows)':44}{ours_out:9.2f}{'':9}{ours_out / floor_out:9.2f}")
    url = os.environ.get("EVALUATOR_BENCH_POSTGRES")
    if url and (pg := postgres_ingest(url, made)):
        print(f"\nPostgreSQL: Store.ingest {pg[0] / n * 1000:.1f} ms each ({pg[0] / floor_in:.2f} × the SQLite floor), "
              f"portfolio {pg[1]:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)

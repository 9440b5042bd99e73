"""Many processes ingesting into one store at once, from an empty database: nothing lost, nothing
duplicated, versions 1..n without gaps, exactly one latest per project, round and type.

PostgreSQL: 8 processes, each ingesting every result in its own order (so every form races with
itself and with the other forms of its project). SQLite: 4 processes the same way."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections import Counter, defaultdict

import pytest

from evaluator.store import Store
from evaluator.store.models import Evaluation, SelfOrganization
from tests.store.build import FORM, scored

WORKER = textwrap.dedent("""
    import json, random, sys, time
    from pathlib import Path
    from evaluator.store import Store
    from evaluator.store.files import read_result

    target, files, seed, start = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    random.Random(seed).shuffle(files)
    results = [read_result(Path(f)) for f in files]
    time.sleep(max(0.0, start - time.time()))
    done = []
    with Store.open(target) as store:
        for name, result in zip(files, results):
            got = store.ingest(result)
            done.append([name, got.added, got.evaluation_id, got.version])
    print(json.dumps(done))
""")


def forms(loaded, tmp_path) -> list[str]:
    """3 projects × 2 rounds, two forms for some, a midterm for one: 9 distinct forms."""
    weaker = dict(FORM, values={"m_training_hours": 1, "m_funds_misused": False})
    made = []
    for p in range(3):
        for r, round_name in enumerate(("第一届", "第二届")):
            made.append(scored(loaded, code=f"P-{p}", round=round_name, source=f"{p}{r}1"))
            if p == 0:
                made.append(scored(loaded, code=f"P-{p}", round=round_name, source=f"{p}{r}2", form=weaker))
    made.append(scored(loaded, code="P-1", type="midterm", source="99"))
    paths = []
    for n, result in enumerate(made):
        path = tmp_path / f"r{n}.json"
        path.write_text(result.to_json(), encoding="utf-8")
        paths.append(str(path))
    return paths


def ingest_at_once(target: str, files: list[str], processes: int) -> list[list]:
    start = time.time() + 3.0      # every process is up and has read its files by then
    running = [subprocess.Popen([sys.executable, "-c", WORKER, target, json.dumps(files), str(seed), str(start)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for seed in range(processes)]
    reports = []
    for proc in running:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        reports.append(json.loads(out))
    return reports


@pytest.mark.parametrize("kind, processes", [("sqlite", 4), ("postgresql", 8)])
def test_concurrent_ingest_loses_and_duplicates_nothing(kind, processes, request, tmp_path, mini_loaded):
    target = str(tmp_path / "output" / "evaluations.db") if kind == "sqlite" else request.getfixturevalue("pg_url")
    files = forms(mini_loaded, tmp_path)
    reports = ingest_at_once(target, files, processes)
    added = Counter(name for report in reports for name, was_added, *_ in report if was_added)
    assert sorted(added) == sorted(files) and set(added.values()) == {1}   # each form added by exactly one
    ids = defaultdict(set)
    for report in reports:
        for name, _, evaluation_id, _version in report:
            ids[name].add(evaluation_id)
    assert all(len(found) == 1 for found in ids.values())                 # every process was told the same id
    with Store.open(target, create=False) as store:
        rows = list(Evaluation.objects.using(store.alias).values_list(
            "project__code", "round__name", "evaluation_type", "version", "latest"))
        assert len(rows) == len(files)
        groups = defaultdict(list)
        for code, round_name, type, version, latest in rows:
            groups[(code, round_name, type)].append((version, latest))
        for found in groups.values():
            found.sort()
            assert [v for v, _ in found] == list(range(1, len(found) + 1))
            assert [latest for _, latest in found] == [False] * (len(found) - 1) + [True]
        assert SelfOrganization.objects.using(store.alias).count() == 3          # 舞蹈队 once per project
        assert len(store.evaluations()) == len(files)

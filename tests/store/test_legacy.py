"""A store made by evaluator 0.1.0 (raw SQLite schema v1) is migrated, not lost: every evaluation, version,
score, rating and self-organization comes across, ids kept; the v1 tables stay; a reader refuses it
until a writer (or `evaluator migrate`) has migrated it, and changes nothing meanwhile."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.scoring.upgrade import load_result
from evaluator.store import Store, StoreError
from evaluator.store.models import Organization, Project, Rating
from tests.store.conftest import counts

FIXTURES = Path(__file__).parents[1] / "fixtures"
V1_TABLES = {"schema_version", "rounds", "projects", "organizations", "evaluations", "domain_scores",
             "indicator_scores", "ratings", "organization_stages", "stage_counts"}


@pytest.fixture
def v1(tmp_path) -> Path:
    path = tmp_path / "output" / "evaluations.db"
    path.parent.mkdir()
    path.write_bytes(gzip.decompress((FIXTURES / "store-v1.db.gz").read_bytes()))
    return path


def plain(records) -> list[dict]:
    """Records as the fixture's JSON has them (v1 called the self-organizations `organizations`)."""
    found = json.loads(json.dumps([dataclasses.asdict(r) for r in records], ensure_ascii=False, default=str,
                                  sort_keys=True))
    for record in found:
        record["organizations"] = record.pop("self_organizations")
    return found


def v1_rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def test_a_reader_asks_for_the_migration_and_changes_nothing(v1):
    before = hashlib.sha256(v1.read_bytes()).hexdigest()
    with pytest.raises(StoreError) as caught:
        Store.open(v1, create=False)
    assert [p.code for p in caught.value.problems] == ["S026"]
    assert "evaluator migrate" in caught.value.problems[0].render("zh")
    assert hashlib.sha256(v1.read_bytes()).hexdigest() == before


def test_every_record_comes_across_as_v1_read_it(v1):
    expected = json.loads((FIXTURES / "store-v1.records.json").read_text(encoding="utf-8"))
    with Store.open(v1) as store:
        assert plain(store.evaluations()) == expected
        assert counts(store)["Rating"] == v1_rows(v1, "SELECT COUNT(*) FROM ratings")[0][0]
        assert counts(store)["SelfOrganization"] == v1_rows(v1, "SELECT COUNT(*) FROM organizations")[0][0]
        for (id, text) in v1_rows(v1, "SELECT id, result_json FROM evaluations"):
            # the v1 JSON comes across unchanged: read back, it is upgraded exactly as the original would be
            assert store.result(id).model_dump(mode="json", by_alias=True) == \
                load_result(json.loads(text)).model_dump(mode="json", by_alias=True)


def test_projects_take_their_details_from_the_latest_form(v1):
    with Store.open(v1) as store:
        projects = {p.code: p for p in Project.objects.using(store.alias).select_related("organization")}
        latest_names = dict(v1_rows(v1, "SELECT code, name FROM projects"))
        assert {c: p.name for c, p in projects.items()} == latest_names
        organizations = {o for (o,) in v1_rows(v1, "SELECT DISTINCT organization FROM evaluations") if o}
        assert set(Organization.objects.using(store.alias).values_list("name", flat=True)) == organizations
        assert all(p.organization is not None and p.district for p in projects.values())
        cells = set(Rating.objects.using(store.alias).values_list("cell", flat=True))
        assert cells == {c for (c,) in v1_rows(v1, "SELECT cell FROM ratings")}


def test_the_v1_tables_stay_and_new_results_continue_the_versions(v1, mini_loaded):
    from tests.store.build import scored

    with Store.open(v1) as store:
        [head] = [r for r in store.evaluations(codes=["CD-2023-017"], types=["midterm"]) if r.latest]
        base = store.result(head.id)
        again = base.model_copy(update={"source": base.source.model_copy(update={"sha256": "cd" * 32})})
        assert store.ingest(again).version == head.version + 1
        assert store.ingest(scored(mini_loaded, code="NEW-1")).version == 1
    tables = {name for (name,) in v1_rows(v1, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= V1_TABLES
    assert v1_rows(v1, "SELECT COUNT(*) FROM evaluations") == [(10,)]


def test_evaluator_migrate_upgrades_it_once(v1):
    runner = CliRunner()
    first = runner.invoke(main, ["migrate", "--db", str(v1)])
    assert first.exit_code == 0 and "10 个评估结果" in first.output
    history = runner.invoke(main, ["history", "CD-2023-017", "--db", str(v1), "--lang", "en"])
    assert history.exit_code == 0 and "CD-2023-017" in history.output
    assert runner.invoke(main, ["migrate", "--db", str(v1)]).exit_code == 0
    with Store.open(v1, create=False) as store:
        assert len(store.evaluations()) == 10

"""Ingest, on SQLite and PostgreSQL: the same form once, a new form as a new version, never half-written."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from evaluator.store import Store, StoreError
from evaluator.store import ingest as ingest_module
from evaluator.store.models import Evaluation, Organization, Project, SelfOrganization
from tests.store.build import FORM, scored
from tests.store.conftest import counts


def test_a_result_is_stored_with_its_scores_and_read_back_identical(store, mini_loaded):
    result = scored(mini_loaded)
    done = store.ingest(result)
    assert (done.added, done.version, done.project_code, done.round) == (True, 1, "P-1", "第一届")
    assert counts(store) == {"Round": 1, "Organization": 0, "Project": 1, "Evaluation": 1, "DomainScore": 2,
                             "IndicatorScore": 7, "Rating": 5, "SelfOrganization": 1, "SelfOrganizationStage": 2,
                             "StageCount": 4}
    assert store.result(done.evaluation_id).to_json() == result.to_json()
    [record] = store.evaluations()
    assert record.total == result.total.points and record.latest
    assert [o.key for o in record.self_organizations] == ["舞蹈队", None]  # the unnamed row is kept, not matched


def test_the_same_form_twice_is_one_evaluation(store, mini_loaded):
    first = store.ingest(scored(mini_loaded))
    before = counts(store)
    again = store.ingest(scored(mini_loaded))
    assert not again.added and again.evaluation_id == first.evaluation_id and counts(store) == before


def test_a_new_form_for_the_same_project_and_round_is_a_new_version(store, mini_loaded):
    store.ingest(scored(mini_loaded, source="1"))
    weaker = dict(FORM, values={"m_training_hours": 1, "m_funds_misused": False})
    second = store.ingest(scored(mini_loaded, source="2", form=weaker, name="阳光项目（更名）"))
    assert second.added and second.version == 2
    records = store.evaluations()
    assert [(r.version, r.latest) for r in records] == [(1, False), (2, True)]
    assert records[1].total < records[0].total
    assert store.projects() == {"P-1": "阳光项目（更名）"}   # the name follows the latest form
    other_type = store.ingest(scored(mini_loaded, source="3", type="midterm"))
    assert other_type.version == 1                         # versions count per evaluation type


def test_the_same_form_scored_by_another_rubric_is_a_new_version(store, mini_loaded):
    store.ingest(scored(mini_loaded))
    rescored = scored(mini_loaded)
    rescored = rescored.model_copy(update={"rubric": rescored.rubric.model_copy(update={"sha256": "f" * 64})})
    assert store.ingest(rescored).version == 2


def test_a_failure_midway_leaves_nothing(store, mini_loaded, monkeypatch):
    store.ingest(scored(mini_loaded, code="P-0", source="0"))
    before = counts(store)

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingest_module, "_write_self_organizations", broken)
    with pytest.raises(RuntimeError):
        store.ingest(scored(mini_loaded, code="P-1", round="第二届", source="1"))
    assert counts(store) == before
    assert store.rounds() == ["第一届"] and list(store.projects()) == ["P-0"]
    monkeypatch.undo()
    assert store.ingest(scored(mini_loaded, code="P-1", round="第二届", source="1")).added


def test_a_process_killed_midway_leaves_nothing(target, tmp_path, mini_loaded):
    result_file = tmp_path / "r.json"
    Store.open(target).close()
    result_file.write_text(scored(mini_loaded).to_json(), encoding="utf-8")
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from evaluator.store import Store
        from evaluator.store import ingest
        from evaluator.store.files import read_result
        ingest._write_self_organizations = lambda *args: os._exit(9)   # die after the scores are written
        Store.open({target!r}).ingest(read_result(Path({str(result_file)!r})))
    """)
    assert subprocess.run([sys.executable, "-c", script], timeout=60, check=False).returncode == 9
    with Store.open(target) as store:
        assert set(counts(store).values()) == {0}
        assert store.ingest(scored(mini_loaded)).added


def test_results_that_cannot_be_filed_are_refused_with_located_problems(store, mini_loaded):
    result = scored(mini_loaded, code="  ")
    result = result.model_copy(update={"domains": result.domains + result.domains[:1]})
    with pytest.raises(StoreError) as caught:
        store.ingest(result, "r.json")
    rendered = [p.render("en") for p in caught.value.problems]
    assert rendered == [("r.json project.code: error S009: project.code is empty: results are filed by project code "
                         "and funding round, both are needed"),
                        "r.json domains: error S010: domain id D1 appears more than once in the result"]
    assert counts(store)["Evaluation"] == 0


def test_the_stored_result_carries_its_schema(store, mini_loaded):
    done = store.ingest(scored(mini_loaded))
    evaluation = Evaluation.objects.using(store.alias).get(pk=done.evaluation_id)
    assert evaluation.schema == evaluation.result["schema"] == "evaluator.result/2"


def test_projects_organizations_and_self_organizations_follow_the_forms(store, mini_loaded):
    first = scored(mini_loaded)
    store.ingest(first.model_copy(update={"project": first.project.model_copy(
        update={"organization": "锦江区 阳光社工中心", "district": "锦江区", "street": "书院街"})}))
    second = scored(mini_loaded, round="第二届", source="2", name="阳光项目二期")
    store.ingest(second.model_copy(update={"project": second.project.model_copy(
        update={"organization": "锦江区阳光社工中心", "district": None, "funder": "区民政局"})}))
    project = Project.objects.using(store.alias).select_related("organization").get(code="P-1")
    assert (project.name, project.district, project.street, project.funder) == ("阳光项目二期", "锦江区", "书院街", "区民政局")
    assert Organization.objects.using(store.alias).count() == 1     # the same organization, spaces ignored
    assert project.organization.name == "锦江区 阳光社工中心"
    assert list(SelfOrganization.objects.using(store.alias).values_list("name", flat=True)) == ["舞蹈队"]
    latest = [r.latest for r in store.evaluations()]
    assert latest == [True, True]          # one per round: the latest of each round and type

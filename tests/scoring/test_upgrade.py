"""Results of schema evaluator.result/1, already on users' disks and in stores, are read as /2."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from evaluator.scoring.result import SCHEMA
from evaluator.scoring.upgrade import SCHEMA_V1, load_result, upgrade_result_v1
from evaluator.store import Store
from evaluator.store.files import read_result
from evaluator.store.models import Evaluation

V1 = Path(__file__).resolve().parents[1] / "fixtures" / "results" / "v1-troubled.json"


def _v1() -> dict:
    return json.loads(V1.read_text(encoding="utf-8"))


def test_a_v1_file_reads_with_its_published_figures_kept_and_marked():
    data = _v1()
    result = read_result(V1)
    assert result.schema_ == SCHEMA and result.upgraded_from == SCHEMA_V1
    # what the organization was told stays: total, grade, red lines, every indicator's and domain's points
    assert result.total.points == data["total"]["points"] and result.total.grade.id == data["total"]["grade"]["id"]
    assert [i.points for i in result.indicators] == [i["points"] for i in data["indicators"]]
    assert [d.points for d in result.domains] == [d["points"] for d in data["domains"]]
    # exact values are derived from the /1 figures, and nothing /1 could not know is claimed
    assert Fraction(result.total.exact) == Fraction(str(data["total"]["points"]))
    assert all(Fraction(i.exact) == Fraction(str(i.points)) for i in result.indicators)
    assert all(i.thin is None for i in result.indicators) and result.total.unanswered_red_lines == []


def test_upgrading_leaves_the_input_alone_and_writes_like_a_new_result():
    data = _v1()
    before = json.dumps(data, sort_keys=True)
    upgraded = upgrade_result_v1(data)
    assert json.dumps(data, sort_keys=True) == before
    result = load_result(upgraded)
    assert json.loads(result.to_json()) == json.loads(load_result(json.loads(result.to_json())).to_json())
    assert list(json.loads(result.to_json()))[:2] == ["schema", "rubric"]


def test_a_v1_domain_where_nothing_applied_becomes_not_applicable_not_zero():
    data = _v1()
    data["domains"][2].update(points=0.0, raw_points=0.0, applicable_max=0.0)
    domain = load_result(data).domains[2]
    assert domain.status == "not_applicable" and domain.points is None and domain.exact is None


def test_a_v1_result_in_the_store_is_upgraded_when_read_back(tmp_path):
    with Store.open(tmp_path / "store.db") as store:
        stored = store.ingest(read_result(V1))
        Evaluation.objects.using(store.alias).filter(pk=stored.evaluation_id).update(
            result=json.loads(V1.read_text(encoding="utf-8")))
        back = store.result(stored.evaluation_id)
    assert back is not None and back.upgraded_from == SCHEMA_V1 and back.total.points == _v1()["total"]["points"]

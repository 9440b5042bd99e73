"""Which stored evaluation a report compares with: the same project's latest earlier round by the store's
round ordering, official evaluations only, the final one preferred, the latest version."""

from __future__ import annotations

import pytest

from evaluator.store import Store
from evaluator.store.earlier import earlier_round
from evaluator.store.files import read_result
from tests.report.make_golden import GOLDEN


def variant(result, round: str, type: str, tag: str, points: float):
    """The result as if scored from another form for another round: `tag` makes its source distinct and
    `points` names it in the assertions (a total the store would refuse, so it is not the total)."""
    project = result.project.model_copy(update={"round": round, "evaluation_type": type})
    return result.model_copy(update={
        "project": project, "mode": "self_assessment" if type == "self" else "evaluation",
        "source": result.source.model_copy(update={"sha256": f"{tag.encode().hex()}{points * 100:08.0f}".ljust(64, "0")}),
    })


def points(result) -> float:
    """The `points` its variant was made with."""
    return int(result.source.sha256[2:10]) / 100


@pytest.fixture
def store(tmp_path):
    base = read_result(GOLDEN / "earlier.json")
    with Store.open(tmp_path / "ev.db") as store:
        for args in [("第二届", "midterm", "a", 60.0), ("第二届", "final", "b", 70.0), ("第二届", "final", "c", 71.0),
                     ("第九届", "final", "d", 90.0), ("第十届", "self", "e", 95.0), ("第一届", "final", "f", 50.0)]:
            store.ingest(variant(base, *args))
        yield store, base


def test_the_latest_earlier_round_final_latest_version(store):
    store, base = store
    found = earlier_round(store, variant(base, "第十届", "final", "x", 80.0))
    assert (found.project.round, found.project.evaluation_type, points(found)) == ("第九届", "final", 90.0)
    found = earlier_round(store, variant(base, "第三届", "midterm", "x", 80.0))
    assert (found.project.round, points(found)) == ("第二届", 71.0)  # 第二届 < 第三届 < 第九届 < 第十届


def test_nothing_earlier_and_self_assessments_never_count(store):
    store, base = store
    assert earlier_round(store, variant(base, "第一届", "final", "x", 80.0)) is None
    assert earlier_round(store, variant(base, "第十一届", "final", "x", 1.0)).project.round == "第九届"
    other = variant(base, "第十届", "final", "x", 1.0)
    assert earlier_round(store, other.model_copy(update={"project": other.project.model_copy(update={"code": "X"})})) is None

"""Rubric versions mapped: the 2023 round re-labelled as scored with an older version of the rubric (one
indicator under another id, one that the newer version split in two, one the newer version dropped)
compares with the 2024 round indicator by indicator through a mapping; what cannot be compared is marked."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.compare.select import portfolio_from_store
from evaluator.rubric.mapping import load_mapping
from evaluator.store import Store
from evaluator.store.files import result_from_data
from tests.web.world import scored

OLD = "1.0.0"
MAPPING = f"""\
from: {{id: chengdu-participatory, version: {OLD}}}
to: {{id: chengdu-participatory, version: 1.1.0}}
indicators:
  - {{from: D1.09, to: D1.08}}
  - {{from: D5.04, to: [D5.04, D5.05]}}
  - {{from: D3.08, to: D3.08, reweighted: true}}
not_comparable:
  - {{from: D6.09, reason: {{zh: 旧版按活动场次计分, en: the old version counted events}}}}
"""


def _older(name: str):
    """A result of the bundled rubric told as if scored with version 1.0.0: D1.08 was D1.09, D5.04 and D5.05
    were one indicator D5.04, and D6.04 was D6.09 (an indicator the newer version dropped)."""
    data = json.loads(scored(name).to_json())
    data["rubric"] = dict(data["rubric"], version=OLD, sha256="0" * 64)
    out = []
    by_id = {i["id"]: i for i in data["indicators"]}
    for indicator in data["indicators"]:
        i = indicator
        if i["id"] == "D5.05":
            continue
        if i["id"] == "D5.04":
            other = by_id["D5.05"]
            exact = Fraction(i["exact"]) + Fraction(other["exact"])
            i = dict(i, points=round(i["points"] + other["points"], 2), exact=str(exact), max=i["max"] + other["max"])
        if i["id"] == "D1.08":
            i = dict(i, id="D1.09")
        if i["id"] == "D6.04":
            i = dict(i, id="D6.09")
        out.append(i)
    data["indicators"] = out
    return result_from_data(data)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("mapped") / "evaluations.db"
    with Store.open(path) as store:
        for name in ("jt-estate-2023.xlsx", "xhy-oldcity-2023.xlsx"):
            store.ingest(_older(name))
        for name in ("jt-estate-2024.xlsx", "xhy-oldcity-2024.xlsx"):
            store.ingest(scored(name))
    return path


@pytest.fixture
def mapping(tmp_path) -> Path:
    path = tmp_path / "1.0-to-1.1.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def _changes(pf):
    return {c.id: c for c in pf.indicator_changes}


def test_mapped_rounds_compare_indicator_by_indicator(stored, mapping):
    loaded = load_mapping(mapping)
    assert loaded.mapping is not None, loaded.problems
    with Store.open(stored, create=False) as store:
        plain = portfolio_from_store(store)
        mapped = portfolio_from_store(store, mappings=[loaded.mapping])
    before, after = _changes(plain), _changes(mapped)
    # by id alone the renamed and split indicators have no earlier side
    assert before["D1.08"].share_before is None and before["D1.09"].share_after is None
    # mapped: the renamed one compares with its old self, project by project
    d108 = after["D1.08"]
    assert d108.share_before is not None and d108.paired == 2
    old = {r.project_code: i for r in _records(stored) if r.rubric.version == OLD for i in r.indicators if i.id == "D1.09"}
    new = {r.project_code: i for r in _records(stored) if r.rubric.version != OLD for i in r.indicators if i.id == "D1.08"}
    expected = sum(new[c].points / new[c].max - old[c].points / old[c].max for c in old) / 2
    assert d108.paired_change == pytest.approx(expected)
    # the split one: the old D5.04 against D5.04 and D5.05 together (points over max summed)
    split = after["D5.04+D5.05"]
    assert split.paired == 2 and split.share_before is not None and split.share_after is not None
    assert "D5.04" not in after and "D5.05" not in after
    # what cannot be compared is marked, with its reason, not dropped
    assert after["D6.09"].share_after is None and after["D6.04"].share_before is None
    (note,) = [n for n in mapped.rubric_notes if n.a.version == OLD]
    assert note.only_in_a == ["D6.09"] and note.only_in_b == ["D6.04"]
    assert "D1.09 → D1.08（改名）" in note.text.zh and "D5.04 → D5.04+D5.05（拆分）" in note.text.zh
    assert "D6.09（旧版按活动场次计分）" in note.text.zh and "the old version counted events" in note.text.en
    # each round's own view is untouched: the newer round still shows D5.04 and D5.05 on their own
    assert {"D5.04", "D5.05"} <= {i.id for i in mapped.round("2024-第三届微公益创投").indicators}


def _records(path):
    with Store.open(path, create=False) as store:
        return store.evaluations()


def test_compare_cli_uses_the_mapping_and_locates_its_mistakes(stored, mapping, tmp_path):
    out = tmp_path / "portfolio"
    got = CliRunner().invoke(main, ["compare", "--db", str(stored), "-o", str(out), "--mapping", str(mapping)])
    assert got.exit_code == 0, got.output
    from openpyxl import load_workbook

    notes = "\n".join(str(c.value) for row in load_workbook(out / "portfolio.xlsx")["说明"].iter_rows() for c in row if c.value)
    assert "按版本映射逐项比较" in notes and "D6.09（旧版按活动场次计分）" in notes
    bad = tmp_path / "bad.yaml"
    bad.write_text(MAPPING.replace("  - {from: D3.08, to: D3.08, reweighted: true}\n",
                                   "  - {from: D3.08, to: D3.08, reweighted: true}\n  - {from: D1.09, to: D1.10}\n")
                   .replace("version: 1.1.0", "version: 1.1"), encoding="utf-8")
    refused = CliRunner().invoke(main, ["compare", "--db", str(stored), "-o", str(tmp_path / "x"), "--mapping", str(bad)])
    assert refused.exit_code == 1
    assert "bad.yaml:2 to.version: 错误 R003" in refused.output
    assert not (tmp_path / "x").exists()
    twice = tmp_path / "twice.yaml"
    twice.write_text(MAPPING.replace("  - {from: D3.08", "  - {from: D1.09, to: D1.10}\n  - {from: D3.08"),
                     encoding="utf-8")  # D1.09 mapped twice: its points would count twice
    refused = CliRunner().invoke(main, ["compare", "--db", str(stored), "-o", str(tmp_path / "x"), "--mapping", str(twice)])
    assert refused.exit_code == 1 and "twice.yaml:6 indicators[2].from[0]: 错误 R010" in refused.output


def test_project_trends_follow_the_mapping(stored, mapping, tmp_path):
    """Both stored projects go from a midterm evaluation to a final one: their trends are traced when changes
    between unlike types are asked for (--mixed-types), as the portfolio's other changes are."""
    loaded = load_mapping(mapping)
    with Store.open(stored, create=False) as store:
        pf = portfolio_from_store(store, mappings=[loaded.mapping], mixed_types=True)
        plain = portfolio_from_store(store, mixed_types=True)
        like_for_like = portfolio_from_store(store, mappings=[loaded.mapping])
    assert plain.project_indicators == []
    assert like_for_like.project_indicators == [] and like_for_like.unlike_left_out == 2
    rows = {(c.project.code, c.id): c for c in pf.project_indicators}
    jt = "CD-2023-017"
    renamed = rows[(jt, "D1.08")]
    assert renamed.comparable and renamed.before_round < renamed.after_round
    assert renamed.change == pytest.approx(renamed.share_after - renamed.share_before)
    assert rows[(jt, "D5.04+D5.05")].comparable
    assert not rows[(jt, "D6.09")].comparable and rows[(jt, "D6.09")].share_after is None
    assert not rows[(jt, "D6.04")].comparable and rows[(jt, "D6.04")].share_before is None
    out = tmp_path / "p"
    got = CliRunner().invoke(main, ["compare", "--db", str(stored), "-o", str(out), "--mapping", str(mapping),
                                    "--mixed-types"])
    assert got.exit_code == 0, got.output
    from openpyxl import load_workbook

    wb = load_workbook(out / "portfolio.xlsx")
    assert "项目指标变化（按映射）" in wb.sheetnames and wb.sheetnames[-1] == "说明"
    marks = [r[-1] for r in wb["项目指标变化（按映射）"].iter_rows(min_row=2, values_only=True) if r[4] == "D6.09"]
    assert marks and set(marks) == {"不可比较"}

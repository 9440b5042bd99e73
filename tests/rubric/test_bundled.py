"""The bundled rubric: 6 domains, 53 indicators, 100 points, every rule kind, a 6-stage ladder."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.bundled import rubric_path
from evaluator.cli import main
from evaluator.rubric import load_rubric
from evaluator.rubric.rules import RULE_KINDS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled():
    loaded = load_rubric(rubric_path())
    assert loaded.ok, "\n".join(p.render("en") for p in loaded.problems)
    return loaded


def test_structure(bundled):
    rubric = bundled.rubric
    assert [d.id for d in rubric.domains] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert [len(d.indicators) for d in rubric.domains] == [8, 9, 8, 10, 10, 8]
    assert [d.points for d in rubric.domains] == [15, 15, 15, 20, 20, 15]
    assert rubric.scale == 100 and len(rubric.indicators) == 53
    assert [s.level for s in rubric.ladder.stages] == [1, 2, 3, 4, 5, 6]
    assert [g.label.zh for g in rubric.grades] == ["优秀", "良好", "合格", "不合格"]
    assert len(rubric.red_lines) == 3


def test_no_warnings(bundled):
    assert [p.render("en") for p in bundled.problems] == []


def test_every_rule_kind_is_used(bundled):
    kinds = Counter(i.rule.kind for i in bundled.rubric.indicators)
    assert set(kinds) == set(RULE_KINDS)
    assert kinds["rating"] >= 20  # the judgement calls are anchored ratings


def test_the_outline_rules_where_they_fit(bundled):
    by_id = {i.id: i for i in bundled.rubric.indicators}
    assert by_id["D4.08"].rule.kind == "ratio"  # 决议执行率
    # 公益转化: a count of organizations, not a share, so listing a new or dissolved group never lowers it
    assert by_id["D5.05"].rule.kind == "roster" and by_id["D5.05"].rule.measure == "count"
    assert by_id["D4.03"].rule.kind == "checklist"  # 参与深度


# The public publications the bundled rubric draws on (the sources' "How to cite them" list)
REFERENCES = {"jiang-2019", "cao-wan-zeng-2019", "tsinghua-jiading-2018", "zhang-2021", "yangpu-2021", "mca-2010"}


def test_the_references_are_the_public_publications(bundled):
    refs = bundled.rubric.references
    assert {r.key for r in refs} == REFERENCES and len(refs) == len(REFERENCES)
    assert all(r.author and r.title and r.venue and 2000 <= r.year <= 2030 for r in refs)
    assert next(r for r in refs if r.key == "cao-wan-zeng-2019").doi == "10.16152/j.cnki.xdxbsk.2019-02-014"


def test_every_indicator_cites_a_reference_and_has_full_advice(bundled):
    keys = {r.key for r in bundled.rubric.references}
    for indicator in bundled.rubric.indicators:
        assert indicator.source.ref in keys and set(indicator.source.also) <= keys, indicator.id
        assert set(indicator.advice) >= {0, 1, 2, 3}, indicator.id
        assert all(len(a.zh) >= 15 for a in indicator.advice.values()), indicator.id


def test_show_json_reports_the_counts():
    result = CliRunner().invoke(main, ["rubric", "show", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["counts"]["domains"] == 6
    assert data["counts"]["indicators"] == 53
    assert data["counts"]["points"] == 100


def test_show_table_in_both_languages():
    zh = CliRunner().invoke(main, ["rubric", "show"])
    en = CliRunner().invoke(main, ["rubric", "show", "--lang", "en"])
    assert zh.exit_code == en.exit_code == 0
    assert "居民参与与协商民主" in zh.output and "合计" in zh.output
    assert "Resident participation and deliberation" in en.output and "Total" in en.output


def test_check_exits_zero():
    result = CliRunner().invoke(main, ["rubric", "check"])
    assert result.exit_code == 0, result.output
    assert "53" in result.output


def test_an_installed_wheel_finds_the_bundled_rubric(tmp_path):
    """Not only an editable install: the wheel carries rubrics/ and indicators/ inside the package."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("evaluator-*.whl"))
    assert "evaluator/py.typed" in zipfile.ZipFile(wheel).namelist()   # the package says it is typed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import evaluator, json; from evaluator.bundled import rubric_path; from evaluator.rubric import load_rubric;"
        "l = load_rubric(rubric_path()); print(json.dumps([evaluator.__file__, l.ok, len(l.rubric.indicators)]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, check=False)
    assert out.returncode == 0, out.stderr
    location, ok, count = json.loads(out.stdout)
    assert location.startswith(str(site)) and ok and count == 53

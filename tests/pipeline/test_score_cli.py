"""`evaluator score` on the bundled samples: one JSON per good form, the invalid one's problems named,
reruns byte-identical, nothing overwritten without --force, --strict refuses provisional results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GOOD = sorted(SAMPLES.glob("*.xlsx"))


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    out = tmp_path_factory.mktemp("results")
    result = run("score", *map(str, GOOD), str(SAMPLES / "invalid" / "mistakes.xlsx"), "-o", str(out), "--no-report")
    return out, result


def test_one_json_per_good_sample_and_the_invalid_one_fails(scored):
    out, result = scored
    assert result.exit_code == 1  # the invalid form failed
    assert len(list(out.glob("*.json"))) == len(GOOD) == 9
    assert "mistakes.xlsx [封面!B14]: 错误 F020" in result.output
    assert "共 10 份：已评分 9，暂定 0，失败 1" in result.output


def test_a_rerun_is_byte_identical(scored, tmp_path):
    out, _ = scored
    again = run("score", *map(str, GOOD), "-o", str(tmp_path), "--no-report")
    assert again.exit_code == 0, again.output
    for path in out.glob("*.json"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_trace_names_cells_and_reads_as_a_sentence(scored):
    out, _ = scored
    data = json.loads(next(out.glob("CD-2023-009_2024*.json")).read_text(encoding="utf-8"))
    d408 = next(i for i in data["indicators"] if i["id"] == "D4.08")
    cells = [i["cell"] for i in d408["trace"]["inputs"]]
    assert all(c and c.startswith("D4 ") for c in cells)
    sentence = d408["trace"]["sentence"]["zh"]
    assert sentence.startswith("决议执行率：") and sentence.endswith("分。")
    assert all(c in sentence for c in cells)


def test_a_different_existing_result_is_not_overwritten(tmp_path):
    form = str(GOOD[0])
    assert run("score", form, "-o", str(tmp_path), "--no-report").exit_code == 0
    target = next(tmp_path.glob("*.json"))
    target.write_text("{\"edited\": true}", encoding="utf-8")
    refused = run("score", form, "-o", str(tmp_path), "--no-report")
    assert refused.exit_code == 1 and "P001" in refused.output
    assert target.read_text(encoding="utf-8") == "{\"edited\": true}"
    forced = run("score", form, "-o", str(tmp_path), "--no-report", "--force")
    assert forced.exit_code == 0 and json.loads(target.read_text(encoding="utf-8"))["schema"] == "evaluator.result/2"


def test_strict_refuses_a_provisional_result(tmp_path):
    from evaluator.bundled import rubric_path
    from evaluator.forms.content import FormContent, write_form
    from evaluator.rubric import load_rubric

    loaded = load_rubric(rubric_path())
    form = tmp_path / "thin.xlsx"
    project = {"name": "空表（虚构）", "code": "T-9", "round": "2024", "evaluation_type": "final"}
    answered = {"d1_evidence_falsified": False, "d2_incident_concealed": False, "d3_funds_misused": False}
    write_form(form, loaded, FormContent(project=project, values=answered))  # red lines must be answered
    lenient = run("score", str(form), "-o", str(tmp_path / "a"), "--no-report")
    assert lenient.exit_code == 0 and "暂定 1" in lenient.output
    strict = run("score", str(form), "-o", str(tmp_path / "b"), "--no-report", "--strict")
    assert strict.exit_code == 1 and "P002" in strict.output
    assert not (tmp_path / "b").exists() or not list((tmp_path / "b").glob("*.json"))


def test_workers_give_the_same_results(scored, tmp_path):
    out, _ = scored
    parallel = run("score", str(SAMPLES), "-o", str(tmp_path), "--no-report", "--workers", "2")
    assert parallel.exit_code == 0, parallel.output
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted(p.name for p in out.glob("*.json"))
    for path in out.glob("*.json"):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_a_corrupt_file_does_not_stop_the_batch(tmp_path):
    folder = tmp_path / "round"
    folder.mkdir()
    shutil.copy(GOOD[0], folder / "good.xlsx")
    (folder / "broken.xlsx").write_bytes(GOOD[1].read_bytes()[:5000])
    result = run("score", str(folder), "-o", str(tmp_path / "out"), "--no-report", "--workers", "2")
    assert result.exit_code == 1
    assert "broken.xlsx" in result.output and "Traceback" not in result.output
    assert len(list((tmp_path / "out").glob("*.json"))) == 1

"""`evaluator merge`: two evaluators' copies of the jt-estate sample, each with only its own levels and one
evidence value that differs, merge into a form that names the conflict with both cells, refuses to score
until it is resolved, and then scores with both evaluators' levels."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from evaluator.bundled import rubric_path
from evaluator.cli import main
from evaluator.forms.content import FeedbackEntry, FormContent, form_bytes
from evaluator.forms.layout import plan
from evaluator.forms.reader import read_form
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "source" / "jt-estate-2024.yaml"


@pytest.fixture(scope="module")
def loaded() -> LoadedRubric:
    return load_rubric(rubric_path())


def _content() -> FormContent:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data.pop("mistakes", None)
    return FormContent(**data)


def _copy(full: FormContent, keep: str, evaluator: str, **values: object) -> FormContent:
    """One evaluator's copy: the other evaluator's levels and the consensus left blank."""
    drop = {"evaluator_a", "evaluator_b", "consensus"} - {keep}
    ratings = {i: {r: v for r, v in by.items() if r not in drop} for i, by in full.ratings.items()}
    project = dict(full.project, evaluators=[evaluator])
    return full.model_copy(update={"ratings": ratings, "project": project, "values": dict(full.values, **values)})


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture()
def copies(tmp_path: Path, loaded: LoadedRubric) -> tuple[Path, Path, FormContent]:
    full = _content()
    a, b = tmp_path / "A.xlsx", tmp_path / "B.xlsx"
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某")))
    b.write_bytes(form_bytes(loaded, _copy(full, "evaluator_b", "周某某", d1_board_meetings=2)))
    return a, b, full


def test_conflict_listed_with_both_cells_then_resolved_scores_with_both_levels(tmp_path, loaded, copies):
    a, b, full = copies
    out = tmp_path / "merged.xlsx"
    got = _run("merge", str(a), str(b), "-o", str(out))
    assert got.exit_code == 2, got.output
    slot = plan(loaded.rubric, "zh").slots["value:d1_board_meetings"]
    cell = f"{slot.sheet}!{slot.ref}"
    assert f"{a} {cell} = 3, {b} {cell} = 2" in got.output          # the files as the user named them
    # the merged form does not score: the conflict is a located error
    checked = _run("check", str(out))
    assert checked.exit_code == 1
    assert f"[{cell}]: 错误 F060" in checked.output and "= 3" in checked.output and "= 2" in checked.output
    reading = read_form(out)
    assert [p.code for p in reading.problems if p.severity == "error"] == ["F060"]
    # resolved: the right value typed over the conflict
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    wb[slot.sheet][slot.ref].value = 3
    resolved = tmp_path / "resolved.xlsx"
    wb.save(resolved)
    reading = read_form(resolved)
    assert not [p for p in reading.problems if p.severity == "error"], reading.problems
    assert reading.evidence is not None and reading.rubric is not None
    for indicator, by in full.ratings.items():
        for rater in ("evaluator_a", "evaluator_b"):
            if rater in by:
                assert reading.evidence.ratings[indicator][rater].value == by[rater], (indicator, rater)
        assert reading.evidence.ratings[indicator]["consensus"].value is None
    assert reading.evidence.project.evaluators == ["王某某", "周某某"]
    result = evaluate(reading.rubric.rubric, reading.evidence, reading.problems)
    d106 = next(i for i in result.indicators if i.id == "D1.06")
    levels = {r.rater: r.level for r in d106.ratings}
    assert levels["evaluator_a"] == 1 and levels["evaluator_b"] == 3
    # and it scores as the original sample with both evaluators' levels (consensus aside) would
    original = FormContent(**dict(_copy(full, "", "王某某").model_dump(), ratings={
        i: {r: v for r, v in by.items() if r != "consensus"} for i, by in full.ratings.items()}))
    ref = tmp_path / "ref.xlsx"
    ref.write_bytes(form_bytes(loaded, original.model_copy(update={"project": dict(original.project, evaluators=["王某某", "周某某"])})))
    expected = read_form(ref)
    assert expected.evidence is not None
    assert evaluate(loaded.rubric, expected.evidence, []).total.points == result.total.points


def test_merge_without_conflicts_scores_directly_and_is_deterministic(tmp_path, loaded):
    full = _content()
    a, b = tmp_path / "A.xlsx", tmp_path / "B.xlsx"
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某")))
    b.write_bytes(form_bytes(loaded, _copy(full, "evaluator_b", "周某某")))
    out, again = tmp_path / "m1.xlsx", tmp_path / "m2.xlsx"
    assert _run("merge", str(a), str(b), "-o", str(out)).exit_code == 0
    assert _run("merge", str(a), str(b), "-o", str(again)).exit_code == 0
    assert out.read_bytes() == again.read_bytes()
    assert not [p for p in read_form(out).problems if p.severity == "error"]


def test_levels_typed_in_the_wrong_column_go_to_their_evaluator(tmp_path, loaded):
    full = _content()
    a, b = tmp_path / "A.xlsx", tmp_path / "B.xlsx"
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某")))
    b_own = _copy(full, "evaluator_b", "周某某")
    swapped = {i: {("evaluator_a" if r == "evaluator_b" else r): v for r, v in by.items()} for i, by in b_own.ratings.items()}
    b.write_bytes(form_bytes(loaded, b_own.model_copy(update={"ratings": swapped})))
    out = tmp_path / "m.xlsx"
    got = _run("merge", str(a), str(b), "-o", str(out), "--lang", "en")
    assert got.exit_code == 0, got.output
    assert f"note: {b} has its levels in the other evaluator's column" in got.output
    evidence = read_form(out).evidence
    assert evidence is not None
    assert evidence.ratings["D1.06"]["evaluator_a"].value == 1 and evidence.ratings["D1.06"]["evaluator_b"].value == 3


def test_other_projects_and_existing_outputs_are_refused(tmp_path, loaded):
    full = _content()
    a, b = tmp_path / "A.xlsx", tmp_path / "B.xlsx"
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某")))
    other = _copy(full, "evaluator_b", "周某某")
    b.write_bytes(form_bytes(loaded, other.model_copy(update={"project": dict(other.project, code="CD-OTHER")})))
    got = _run("merge", str(a), str(b), "-o", str(tmp_path / "m.xlsx"))
    assert got.exit_code == 1 and "M002" in got.output and "CD-OTHER" in got.output
    assert not (tmp_path / "m.xlsx").exists()
    same = _run("merge", str(a), str(a), "-o", str(tmp_path / "m.xlsx"))
    assert same.exit_code == 1 and "M003" in same.output
    b.write_bytes(form_bytes(loaded, _copy(full, "evaluator_b", "周某某")))
    taken = tmp_path / "taken.xlsx"
    taken.write_bytes(b"mine")
    got = _run("merge", str(a), str(b), "-o", str(taken))
    assert got.exit_code == 1 and "P001" in got.output and taken.read_bytes() == b"mine"


def test_a_copy_with_errors_is_not_merged(tmp_path, loaded):
    full = _content()
    a = tmp_path / "A.xlsx"
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某")))
    broken = SAMPLE.parents[2] / "samples" / "invalid" / "mistakes.xlsx"
    got = _run("merge", str(a), str(broken), "-o", str(tmp_path / "m.xlsx"))
    assert got.exit_code == 1 and "F029" in got.output and "✗ 未合并" in got.output
    assert not (tmp_path / "m.xlsx").exists()


def test_too_many_rows_together_is_refused_and_long_notes_are_kept_whole(tmp_path, loaded):
    full = _content()
    a_items = [FeedbackEntry(finding=f"甲发现 {n}") for n in range(40)]
    b_items = [FeedbackEntry(finding=f"乙发现 {n}") for n in range(40)]
    a, b = tmp_path / "A.xlsx", tmp_path / "B.xlsx"
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某").model_copy(update={"feedback": a_items})))
    b.write_bytes(form_bytes(loaded, _copy(full, "evaluator_b", "周某某").model_copy(update={"feedback": b_items})))
    got = _run("merge", str(a), str(b), "-o", str(tmp_path / "m.xlsx"), "--lang", "en")
    assert got.exit_code == 1 and "M004" in got.output and "the feedback sheet has 80 rows, more than the 60" in got.output
    long_a, long_b = "甲" * 1500, "乙" * 1500
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某").model_copy(update={"notes": {"D1.01": long_a}})))
    b.write_bytes(form_bytes(loaded, _copy(full, "evaluator_b", "周某某").model_copy(update={"notes": {"D1.01": long_b}})))
    out = tmp_path / "m.xlsx"
    assert _run("merge", str(a), str(b), "-o", str(out)).exit_code == 0
    wb = load_workbook(out)
    slot = plan(loaded.rubric, "zh").slots["note:D1.01"]
    text = wb[slot.sheet][slot.ref].value
    assert long_a in text and long_b in text                # nothing cut
    assert "F035" in _run("check", str(out)).output         # too long for the form: refused when read, located

"""Which form is this? Sheets renamed or deleted, `_meta` missing or edited, another rubric or version:
each is named, located, and explained with what to do."""

from __future__ import annotations

from evaluator.forms.meta import meta_rows, parse_meta
from evaluator.forms.phrases import META_SHEET
from evaluator.rubric import load_rubric
from tests.forms.conftest import GOOD, build, located


def _rename(old: str, new: str):
    def edit(wb):
        wb[old].title = new
    return edit


def test_a_renamed_sheet_is_named_and_the_rest_is_still_read(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, edit=_rename("D1 执行", "第一部分")))
    assert located(reading) == {("F017", "D1 执行")}
    problem = reading.problems[0]
    assert "第一部分" in problem.message() and "改回“D1 执行”" in problem.message()
    assert 'unexpected sheets: 第一部分' in problem.message("en")
    assert reading.evidence.values["m_satisfaction"].value == 0.86  # D2 is untouched
    assert reading.evidence.values["m_done"].value is None


def test_a_deleted_sheet_is_named(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, edit=lambda wb: wb.remove(wb["自组织名册"])))
    assert located(reading) == {("F017", "自组织名册")}
    assert reading.evidence.roster == [] and reading.evidence.values["m_done"].value == 18


def test_a_workbook_without_meta_is_not_a_form(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, edit=lambda wb: wb.remove(wb[META_SHEET])))
    assert [p.code for p in reading.problems] == ["F010"] and reading.evidence is None


def test_an_edited_map_is_refused(mini_loaded, read_bytes):
    def edit(wb):
        ws = wb[META_SHEET]
        row = next(r for r in ws.iter_rows() if r[0].value == "value:m_done")
        row[2].value = "C24"  # point the answer at another cell
    reading = read_bytes(build(mini_loaded, edit=edit))
    assert [(p.code, p.location.sheet) for p in reading.problems] == [("F011", META_SHEET)]
    assert "checksum" in reading.problems[0].message()


def _rewrite_meta(**changes):
    """Rewrite `_meta` consistently (valid checksum): as if another template or rubric had made it."""
    def edit(wb):
        ws = wb[META_SHEET]
        meta = parse_meta([[c.value for c in row] for row in ws.iter_rows()])
        ws.delete_rows(1, ws.max_row)
        for row in meta_rows(meta.model_copy(update=changes)):
            ws.append(row)
    return edit


def test_a_newer_template_version_is_refused(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, edit=_rewrite_meta(template_version=2)))
    assert [p.code for p in reading.problems] == ["F016"]


def test_a_form_of_another_rubric_is_refused(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, edit=_rewrite_meta(rubric_id="other")))
    assert [p.code for p in reading.problems] == ["F012"]
    assert "other" in reading.problems[0].message() and "--rubric" in reading.problems[0].message()


def test_a_form_of_an_older_version_says_how_to_migrate(mini_copy, mini_loaded, read_bytes):
    rubric_file = mini_copy / "rubric.yaml"
    rubric_file.write_text(rubric_file.read_text(encoding="utf-8").replace("version: 0.1.0", "version: 0.0.9"), encoding="utf-8")
    reading = read_bytes(build(load_rubric(rubric_file)))
    assert [p.code for p in reading.problems] == ["F013"]
    zh, en = reading.problems[0].message(), reading.problems[0].message("en")
    assert "0.0.9" in zh and "0.1.0" in zh and "evaluator template" in zh and "复制" in zh
    assert "To migrate" in en and reading.evidence is None


def test_a_rubric_changed_without_a_new_version_is_a_warning(mini_copy, mini_loaded, read_bytes):
    rubric_file = mini_copy / "rubric.yaml"
    rubric_file.write_text(rubric_file.read_text(encoding="utf-8").replace("用于测试", "用于测试（修订）"), encoding="utf-8")
    reading = read_bytes(build(load_rubric(rubric_file)))
    assert [(p.code, p.severity) for p in reading.problems] == [("F014", "warning")]
    assert reading.evidence.values["m_done"].value == GOOD.values["m_done"]


def test_without_rubric_the_bundled_one_the_form_names_is_used(good_bytes, read_bytes):
    reading = read_bytes(good_bytes, rubric=None)  # "mini" is not a bundled rubric
    assert [p.code for p in reading.problems] == ["F015"] and "--rubric" in reading.problems[0].message()

"""What a reader sees and does not (issue 14, items 4-6): no machine paths or hashes where a reader needs
none, a 中期 compared with a 终期 said to be no like-for-like change, a sign-off on the cover."""

from __future__ import annotations

from pathlib import Path

from evaluator.report.feedback import feedback_view
from evaluator.store.files import read_result

GOLDEN = Path(__file__).parent / "golden"


def test_the_report_names_the_form_by_its_file_name_and_the_rubric_without_a_fingerprint():
    result = read_result(GOLDEN / "troubled.json")
    moved = result.model_copy(update={"source": result.source.model_copy(
        update={"file": "/home/evaluator/秘密/round-2024/xhy-oldcity-2024.xlsx"})})
    for lang in ("zh", "en"):
        view = feedback_view(moved, lang)
        assert view.appendix.source == "xhy-oldcity-2024.xlsx"
        assert result.rubric.sha256[:8] not in view.cover.rubric and "sha256" not in view.footer
    windows = moved.model_copy(update={"source": moved.source.model_copy(update={"file": r"C:\\Users\\x\\a.xlsx"})})
    assert feedback_view(windows, "zh").appendix.source == "a.xlsx"


def test_a_final_evaluation_against_a_midterm_one_is_labelled_not_like_for_like():
    later, earlier = read_result(GOLDEN / "troubled.json"), read_result(GOLDEN / "earlier.json")
    assert (earlier.project.evaluation_type, later.project.evaluation_type) == ("midterm", "final")
    change = feedback_view(later, "zh", earlier).summary.change
    assert change is not None and "上一届为中期评估，本次为终期评估" in change.unlike and "不是同类评估" in change.unlike
    same = earlier.model_copy(update={"project": earlier.project.model_copy(update={"evaluation_type": "final"})})
    assert feedback_view(later, "en", same).summary.change.unlike == ""


def test_the_cover_of_an_evaluation_has_a_sign_off_and_a_readiness_report_none():
    from evaluator.report.feedback import feedback_html
    from evaluator.report.render import Renderer

    troubled = read_result(GOLDEN / "troubled.json")
    with Renderer() as renderer:
        html = feedback_html(feedback_view(troubled, "zh"), renderer)
        assert 'class="signoff"' in html and "评估机构（盖章）" in html and "评估员（签名）" in html
        own = troubled.model_copy(update={"mode": "self_assessment"})
        assert 'class="signoff"' not in feedback_html(feedback_view(own, "zh"), renderer)


def test_the_evaluators_overall_assessment_is_on_the_summary_and_the_body_on_the_cover():
    from evaluator.report.feedback import feedback_html
    from evaluator.report.render import Renderer

    result = read_result(GOLDEN / "earlier.json")
    written = result.model_copy(update={"project": result.project.model_copy(update={
        "assessment": "协商机制已常态化。\n资金来源单一，需要培育社区经济。", "evaluating_body": "某某评估中心"})})
    view = feedback_view(written, "zh")
    assert view.summary.assessment.startswith("协商机制") and view.cover.evaluating_body == "某某评估中心"
    with Renderer() as renderer:
        html = feedback_html(view, renderer)
    assert "评估员总评" in html and "<p>资金来源单一，需要培育社区经济。</p>" in html and "某某评估中心" in html
    assert feedback_view(result, "zh").summary.assessment == ""   # a form made before the field: nothing shown

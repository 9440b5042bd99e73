"""The evaluator's flow in Chromium: log in, upload a form with mistakes, see them located, upload the
fixed form, score it, see the result, download the feedback report rendered by the worker."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.web.live import shot

ROOT = Path(__file__).resolve().parents[2]
MISTAKES = ROOT / "samples" / "invalid" / "mistakes.xlsx"
PASSWORD = "a-long-test-password-1"


def fixed_form(folder: Path) -> Path:
    """samples/invalid/mistakes.xlsx as it should have been filled: its source without the planted mistakes."""
    from evaluator.bundled import rubric_path
    from evaluator.forms.content import FormContent, form_bytes
    from evaluator.rubric import load_rubric

    data = yaml.safe_load((ROOT / "samples" / "source" / "invalid" / "mistakes.yaml").read_text(encoding="utf-8"))
    data.pop("mistakes")
    path = folder / "mistakes-fixed.xlsx"
    path.write_bytes(form_bytes(load_rubric(rubric_path()), FormContent(**data)))
    return path


@pytest.fixture(scope="module")
def people(live):
    """An evaluator assigned to the mistakes form's project, with a password to log in with."""
    from django.contrib.auth.models import Group, User

    from evaluator.store.models import Organization, Project, Round
    from evaluator.rounds import name_key
    from evaluator.web.rounds.models import Assignment

    org = Organization.objects.create(key=name_key("锦城邻里社会工作服务中心（虚构）"), name="锦城邻里社会工作服务中心（虚构）")
    project = Project.objects.create(code="CD-2023-022", name="银杏院老旧院落自治改造项目（虚构）", organization=org)
    round_ = Round.objects.create(name="2023-第二届微公益创投", rubric_id="chengdu-participatory", rubric_version="1.1.0")
    evaluator = User.objects.create(username="eva", first_name="评估员甲")
    evaluator.set_password(PASSWORD)
    evaluator.save()
    evaluator.groups.add(Group.objects.get(name="evaluator"))
    Assignment.objects.create(evaluator=evaluator, project=project, round=round_, evaluation_type="final")
    return {"evaluator": evaluator}


def log_in(page, live, username: str) -> None:
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_evaluator_flow(page, live, people, tmp_path):
    log_in(page, live, "eva")
    shot(page, live, "01-home")
    assert "CD-2023-022" in page.inner_text("main")

    page.get_by_role("link", name="上传填好的评估表").first.click()
    page.get_by_label("填好的评估表（.xlsx）").set_input_files(str(MISTAKES))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/submissions/*/")
    shot(page, live, "02-mistakes")
    problems = page.inner_text("table.problems")
    assert "封面!B14" in problems and "十二万" in problems          # the budget written in words, located
    assert "F029" in problems                                      # a rating of 5
    assert page.get_by_role("button", name="为此表评分").count() == 0

    page.get_by_role("link", name="上传更正后的评估表").click()
    page.get_by_label("填好的评估表（.xlsx）").set_input_files(str(fixed_form(tmp_path)))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/submissions/*/")
    assert "没有错误" in page.inner_text("main")
    page.get_by_role("button", name="为此表评分").click()
    page.wait_for_url("**/evaluations/*/")
    shot(page, live, "03-result")
    main = page.inner_text("main")
    assert "总分和等级" in main and "银杏院老旧院落自治改造项目（虚构）" in main
    assert page.locator("figure.chart svg").count() >= 1

    page.get_by_role("link", name="反馈报告（PDF）").click()
    link = page.get_by_role("link", name="下载报告（PDF）")
    link.wait_for(timeout=120_000)                                 # rendered by the worker
    shot(page, live, "04-report-ready")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")


def test_language_switch(page, live, people):
    log_in(page, live, "eva")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "My assignments" in page.inner_text("nav")
    shot(page, live, "05-english")

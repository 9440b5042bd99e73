"""Fieldwork in Chromium: an evaluator merges evaluator A's and B's copies from the upload page, sees the
conflicting evidence with both cells, downloads the merged form, resolves it, uploads it and scores it;
the committee opens the calibration page of the round."""

from __future__ import annotations

import io

import pytest
import yaml
from openpyxl import load_workbook

from tests.web.live import shot

PASSWORD = "a-long-test-password-1"


@pytest.fixture(scope="module")
def people(live):
    from django.contrib.auth.models import Group, User

    from evaluator.store.models import Organization, Project, Round
    from evaluator.store.terms import name_key
    from evaluator.web.rounds.models import Assignment

    org = Organization.objects.create(key=name_key("锦里社区营造发展中心（虚构）"), name="锦里社区营造发展中心（虚构）")
    project = Project.objects.create(code="CD-2023-017", name="锦棠湾新建小区前置社区营造项目（虚构）", organization=org)
    round_ = Round.objects.create(name="2024-第三届微公益创投", rubric_id="chengdu-participatory", rubric_version="1.1.0")
    made = {}
    for username, group in (("eva", "evaluator"), ("com", "committee")):
        user = User.objects.create(username=username)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=group))
        made[username] = user
    Assignment.objects.create(evaluator=made["eva"], project=project, round=round_, evaluation_type="final")
    return made


def _copies(folder):
    """Evaluator A's and B's copies of the jt-estate-2024 sample: each with its own levels only, and B
    counting one board meeting fewer."""
    from evaluator.bundled import rubric_path
    from evaluator.forms.content import FormContent, form_bytes
    from evaluator.rubric import load_rubric
    from tests.field.test_merge import SAMPLE, _copy

    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    full = FormContent(**data)
    loaded = load_rubric(rubric_path())
    a, b = folder / "评估员A.xlsx", folder / "评估员B.xlsx"
    a.write_bytes(form_bytes(loaded, _copy(full, "evaluator_a", "王某某")))
    b.write_bytes(form_bytes(loaded, _copy(full, "evaluator_b", "周某某", d1_board_meetings=2)))
    return a, b


def log_in(page, live, username: str) -> None:
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_merge_resolve_and_score(page, live, people, tmp_path):
    a, b = _copies(tmp_path)
    log_in(page, live, "eva")
    page.get_by_role("link", name="上传填好的评估表").first.click()
    page.get_by_role("link", name="评估员A和B分别填写了评估表？先把两份表合并。").click()
    page.get_by_label("评估员A的评估表（.xlsx）").set_input_files(str(a))
    page.get_by_label("评估员B的评估表（.xlsx）").set_input_files(str(b))
    page.get_by_role("button", name="合并并检查").click()
    shot(page, live, "fieldwork-01-conflicts")
    table = page.inner_text("table")
    assert "评估员A.xlsx D1 机构治理与专业能力!C17 = 3" in table and "评估员B.xlsx D1 机构治理与专业能力!C17 = 2" in table
    with page.expect_download() as download:
        page.get_by_role("link", name="下载合并后的评估表").click()
    merged = tmp_path / "merged.xlsx"
    download.value.save_as(merged)
    wb = load_workbook(merged)
    wb["D1 机构治理与专业能力"]["C17"] = 3
    buffer = io.BytesIO()
    wb.save(buffer)
    resolved = tmp_path / "resolved.xlsx"
    resolved.write_bytes(buffer.getvalue())
    page.get_by_role("link", name="查看合并表的检查结果").click()
    assert "F060" in page.inner_text("table.problems")
    page.get_by_role("link", name="上传更正后的评估表").click()
    page.get_by_label("填好的评估表（.xlsx）").set_input_files(str(resolved))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/submissions/*/")
    assert "没有错误" in page.inner_text("main")
    page.get_by_role("button", name="为此表评分").click()
    page.wait_for_url("**/evaluations/*/")
    shot(page, live, "fieldwork-02-scored")
    assert "总分和等级" in page.inner_text("main")


def test_committee_calibration_page(page, live, people):
    log_in(page, live, "com")
    page.get_by_role("link", name="评估员校准").click()
    page.get_by_role("link", name="2024-第三届微公益创投").click()
    shot(page, live, "fieldwork-03-calibration")
    main = page.inner_text("main")
    assert "等级描述需要改写的指标" in main and "需要校准的评估员" in main

"""The participatory process in Chromium with the demo accounts (issue 13's "done when"): the organization
self-assesses → the evaluator uploads → the committee returns it with a reason → the evaluator resubmits →
the committee records consensus and approves → publication → the organization appeals one indicator →
the committee revises it → the period ends and the result is locked → the plan is made → the next round's
form arrives pre-filled with the plan."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.web.live import shot

ROOT = Path(__file__).resolve().parents[2]
JT = ROOT / "samples" / "jt-estate-2024.xlsx"
CODE = "CD-2023-017"
ROUND = "2024-第三届微公益创投"


@pytest.fixture(scope="module")
def demo(live):
    """The demo's store and accounts (`evaluator serve --demo`), in the live server's database."""
    import os

    from evaluator.store.models import Project
    from evaluator.web.accounts.demo import load_demo
    from evaluator.web.accounts.models import Profile

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        logins = {x.username: x.password for x in load_demo(Path("output/demo"))}
    finally:
        os.chdir(here)
    org = Project.objects.get(code=CODE).organization
    username = Profile.objects.get(organization=org).user.username
    return logins, username


def signed_in(browser, live, logins: dict, username: str):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(logins[username])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live.url}/")
    return context, page


def self_assessment_form(folder: Path) -> Path:
    from evaluator.bundled import rubric_path
    from evaluator.forms.content import FormContent, form_bytes
    from evaluator.rubric import load_rubric
    from evaluator.store.models import Project

    p = Project.objects.get(code=CODE)
    content = FormContent(project={"code": CODE, "name": p.name, "round": ROUND, "evaluation_type": "self",
                                   "organization": p.organization.name},
                          ratings={"D1.06": {"self": 3}, "D1.02": {"self": 4}})
    path = folder / "自评.xlsx"
    path.write_bytes(form_bytes(load_rubric(rubric_path()), content))
    return path


def review_url(live) -> str:
    from evaluator.web.process.models import Review

    review = Review.objects.get(project__code=CODE, round__name=ROUND)
    return f"{live.url}/reviews/{review.pk}/"


def state() -> str:
    from evaluator.web.process.models import Review

    return Review.objects.get(project__code=CODE, round__name=ROUND).state


def test_the_whole_cycle_with_the_demo_accounts(browser, live, demo, tmp_path):
    logins, org_user = demo

    # 1. the organization finds the handbook and its form, and self-assesses
    context, page = signed_in(browser, live, logins, org_user)
    page.get_by_role("link", name="机构门户").click()
    assert "评估标准手册（PDF）" in page.inner_text("main") and CODE in page.inner_text("main")
    shot(page, live, "40-org-portal")
    page.locator(f"section:has-text('{ROUND}')").get_by_role("link", name="上传自评表").first.click()
    page.get_by_label("填好的自评表（.xlsx）").set_input_files(str(self_assessment_form(tmp_path)))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/evaluations/*/")
    assert "预计总分" in page.inner_text("main")
    shot(page, live, "41-org-readiness")
    context.close()

    # 2. evaluator A uploads and scores the form, and submits it for review
    context, page = signed_in(browser, live, logins, "evaluator-a")
    page.goto(f"{live.url}/assignments/")
    row = page.locator("li.card", has_text=CODE).filter(has_text=ROUND)
    row.get_by_role("link", name="上传填好的评估表").click()
    page.get_by_label("填好的评估表（.xlsx）").set_input_files(str(JT))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/submissions/*/")
    page.get_by_role("button", name="为此表评分").click()
    page.wait_for_url("**/evaluations/*/")
    page.get_by_role("link", name="评审页面").click()
    assert "机构自评与评估员评级对照" in page.inner_text("main")
    page.get_by_role("button", name="提交评审").click()
    assert state() == "submitted"
    context.close()

    # 3. the committee returns it with a reason
    context, page = signed_in(browser, live, logins, "committee")
    page.locator("#waiting").get_by_role("link", name=CODE).first.click()
    page.get_by_role("button", name="退回").click()
    assert "V005" in page.inner_text("main")                     # no reason: refused, located
    page.get_by_label("退回整份评估表的理由").fill("D1.06 的访谈记录缺少居民原话，请补充后重新提交")
    page.get_by_role("button", name="退回").click()
    assert state() == "returned"
    shot(page, live, "42-committee-returned")
    context.close()

    # 4. the evaluator sees why, and resubmits
    context, page = signed_in(browser, live, logins, "evaluator-a")
    assert "访谈记录缺少居民原话" in page.inner_text("#waiting")
    page.locator("#waiting").get_by_role("link", name="访谈记录缺少居民原话").click()
    page.get_by_role("button", name="重新提交").click()
    assert state() == "resubmitted"
    context.close()

    # 5. the committee: approval refused until consensus on D1.06; consensus recorded; approved
    context, page = signed_in(browser, live, logins, "committee")
    page.goto(review_url(live))
    page.get_by_role("button", name="批准").click()
    assert "V006" in page.inner_text("main") and state() == "resubmitted"
    page.get_by_label("共识等级 D1.06").select_option("2")
    page.get_by_label("理由 D1.06").fill("复核访谈记录后两位评估员同意 2 级")
    page.get_by_role("button", name="记录共识并重新计分").click()
    shot(page, live, "43-committee-consensus")
    page.get_by_role("button", name="批准").click()
    assert state() == "approved"

    # 6. publication
    from evaluator.store.models import Round

    round_ = Round.objects.get(name=ROUND)
    page.goto(f"{live.url}/rounds/{round_.pk}/publish/")
    ends = (datetime.datetime.now() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("公示截止").fill(ends)
    page.get_by_role("button", name="公示", exact=True).click()
    assert state() == "published"
    context.close()
    anonymous = browser.new_context(locale="zh-CN")
    public = anonymous.new_page()
    public.goto(f"{live.url}/public/")
    assert CODE in public.inner_text("main") and "公示中" in public.inner_text("main")
    shot(public, live, "44-public")
    anonymous.close()

    # 7. the organization appeals D1.06 with new evidence
    context, page = signed_in(browser, live, logins, org_user)
    page.locator("#waiting").get_by_role("link", name="公示至").first.click()
    page.get_by_label("D1.06", exact=False).check()
    page.get_by_label("您的理由").fill("补充协议已于 2025 年 2 月签订，团队已搬离开发商会所")
    evidence = tmp_path / "补充协议.pdf"
    evidence.write_bytes(b"%PDF-1.4 demo evidence")
    page.get_by_label("新证据（文件）").set_input_files(str(evidence))
    page.get_by_role("button", name="提交复核申请").click()
    page.wait_for_url("**/appeals/*/")
    context.close()

    # 8. the committee revises it: re-scored, each indicator before and after
    context, page = signed_in(browser, live, logins, "committee")
    page.locator("#waiting").get_by_role("link", name="申请复核").first.click()
    page.get_by_label("D1.06", exact=False).select_option("3")
    page.get_by_label("决定的书面理由").fill("新证据表明补充协议已签订，D1.06 改为 3 级")
    page.get_by_role("button", name="改判并重新计分").click()
    assert "复核前等级" in page.inner_text("main")
    shot(page, live, "45-committee-revised")
    context.close()

    # 9. the period ends: final and locked
    from evaluator.web.process.models import RoundSchedule

    RoundSchedule.objects.filter(round=round_).update(
        publication_ends=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1))
    context, page = signed_in(browser, live, logins, org_user)
    page.get_by_role("link", name="机构门户").click()
    page.locator(f"section:has-text('{ROUND}')").get_by_role("link", name="历史", exact=True).first.click()
    history = page.inner_text("main")
    assert "最终结果（已锁定）" in history and "L2 → L3" in history
    shot(page, live, "46-org-history-final")
    assert state() == "final"

    # 10. the organization makes its improvement plan
    page.get_by_role("link", name="机构门户").click()
    page.locator(f"section:has-text('{ROUND}')").get_by_role("link", name="改进计划").first.click()
    page.locator("#owner_0").fill("项目主任")
    page.locator("#due_0").fill("2025-09-30")
    page.get_by_role("button", name="保存改进计划").click()
    assert "项目主任" in page.content()
    context.close()

    from evaluator.web.process.models import PlanAction

    planned = PlanAction.objects.filter(review__project__code=CODE).order_by("id").first()
    assert planned is not None and planned.owner == "项目主任"

    # a locked result refuses the evaluator's new upload
    context, page = signed_in(browser, live, logins, "evaluator-a")
    page.goto(f"{live.url}/assignments/")
    page.locator("li.card", has_text=CODE).filter(has_text=ROUND).get_by_role("link", name="上传填好的评估表").click()
    from tests.web.test_uploads import changed_form

    changed = tmp_path / "v2.xlsx"
    changed.write_bytes(changed_form())
    page.get_by_label("填好的评估表（.xlsx）").set_input_files(str(changed))
    page.get_by_role("button", name="上传并检查").click()
    page.wait_for_url("**/submissions/*/")
    if page.get_by_role("button", name="为此表评分").count():
        page.get_by_role("button", name="为此表评分").click()
    assert "V002" in page.inner_text("main")

    # 11. the next round (set up by the administrator): the form arrives with the plan
    from django.contrib.auth.models import User

    from evaluator.store.models import Project
    from evaluator.web.rounds.models import Assignment

    next_round = Round.objects.create(name="2025-第四届微公益创投", rubric_id=round_.rubric_id,
                                      rubric_version=round_.rubric_version)
    Assignment.objects.create(evaluator=User.objects.get(username="evaluator-a"),
                              project=Project.objects.get(code=CODE), round=next_round, evaluation_type="final")
    page.goto(f"{live.url}/assignments/")
    with page.expect_download() as done:
        page.locator("li.card", has_text=CODE).filter(has_text="2025-第四届").get_by_role("link", name="下载评估表").click()
    path = tmp_path / "next.xlsx"
    done.value.save_as(path)
    context.close()
    from evaluator.forms.reader import read_form

    reading = read_form(path)
    assert reading.evidence is not None and reading.evidence.project.round == "2025-第四届微公益创投"
    items = {i.indicator: i for i in reading.evidence.feedback}
    assert set(items) == set(PlanAction.objects.filter(review__project__code=CODE).values_list("indicator_id", flat=True))
    assert planned.action[:10] in items[planned.indicator_id].finding
    assert "项目主任" in items[planned.indicator_id].finding and "2025-09-30" in items[planned.indicator_id].finding

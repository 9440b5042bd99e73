"""The evaluating body in Chromium: the set-up page refuses an assignment on a declared tie, a round is
uploaded as a zip on a phone-sized screen and its progress followed until the worker has scored it; the
organization then reads its result; the pages work from the keyboard."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.web.live import shot

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "another-long-password-2"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def setup(live):
    from django.contrib.auth.models import Group, User

    from evaluator.store.models import Organization, Project, Round
    from evaluator.rounds import name_key
    from evaluator.web.accounts.models import Profile
    from evaluator.web.rounds.models import Conflict

    def person(username: str, role: str) -> User:
        user = User.objects.create(username=username)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        return user

    name = "田园邻里社区发展中心（虚构）"
    org = Organization.objects.create(key=name_key(name), name=name)
    Project.objects.create(code="CD-2023-031", name="田园院落（虚构）", organization=org)
    Round.objects.create(name="2024-第三届微公益创投")
    tied = person("tied", "evaluator")
    Conflict.objects.create(evaluator=tied, organization=org, reason="曾在该机构任职")
    person("boss", "admin")
    Profile.objects.create(user=person("orgx", "organization"), organization=org)


def log_in(page, live, username: str) -> None:
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_assignment_refused_on_a_declared_tie(page, live, setup):
    log_in(page, live, "boss")
    page.get_by_role("link", name="设置").first.click()
    page.get_by_label("评估员").select_option(label="tied")
    page.get_by_label("项目").select_option(label="CD-2023-031 田园院落（虚构）")
    page.get_by_label("届次").select_option(label="2024-第三届微公益创投")
    page.get_by_role("button", name="分派").click()
    alert = page.get_by_role("alert")
    assert "应当回避" in alert.inner_text() and "曾在该机构任职" in alert.inner_text()
    shot(page, live, "10-setup-refused")


def test_round_upload_on_a_phone_then_the_organization_reads_its_result(browser, live, setup, tmp_path):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        log_in(page, live, "boss")
        page.goto(f"{live.url}/setup/")
        page.get_by_role("link", name="上传评估表").first.click()
        archive = tmp_path / "第三届.zip"
        with zipfile.ZipFile(archive, "w") as z:
            z.write(ROOT / "samples" / "rural-courtyard-2024.xlsx", "rural-courtyard-2024.xlsx")
            z.write(ROOT / "samples" / "invalid" / "mistakes.xlsx", "mistakes.xlsx")
        page.get_by_label("填好的评估表（.xlsx），或装有评估表的压缩包（.zip）").set_input_files(str(archive))
        page.get_by_role("button", name="上传并评分").click()
        page.get_by_text("已检查 2 / 2 份评估表").wait_for(timeout=120_000)   # htmx polls while the worker scores
        shot(page, live, "11-batch-phone")
        assert page.get_by_role("link", name="已评分").count() == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, "the page scrolls sideways on a phone"
        page.context.clear_cookies()
        log_in(page, live, "orgx")
        page.get_by_role("link", name="CD-2023-031").first.click()
        assert "总分和等级" in page.inner_text("main")
        shot(page, live, "12-result-phone")
    finally:
        context.close()


def test_keyboard_reaches_the_content_first(page, live, setup):
    log_in(page, live, "boss")
    page.wait_for_load_state("load")
    page.evaluate("document.activeElement && document.activeElement.blur()")   # focus back at the document's start
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    labels = page.evaluate("""[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(e => !e.labels || e.labels.length === 0).map(e => e.name)""")
    assert labels == [], f"fields without a label: {labels}"

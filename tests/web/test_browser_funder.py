"""The funder's flow in Chromium: log in, open a round's dashboard, filter it by district (htmx), drill
down to a project and on to its result page, download portfolio.xlsx and portfolio.pdf built by the
worker; the dashboard on a phone-sized screen."""

from __future__ import annotations

import io

import pytest

from tests.web.live import shot

PASSWORD = "funder-long-password-3"
PHONE = {"width": 390, "height": 844}
ROUND = "2024-第三届微公益创投"
SAMPLES = ("jt-estate-2023.xlsx", "sh-microrenewal-2023.xlsx", "jt-estate-2024.xlsx", "sh-microrenewal-2024.xlsx",
           "rural-courtyard-2024.xlsx", "xhy-oldcity-2024.xlsx")


@pytest.fixture(scope="module")
def funder(live):
    """The samples in the store, approved by the committee, and a funder of both rounds with a password."""
    from django.contrib.auth.models import Group, User

    from evaluator.store.models import Round
    from evaluator.web.accounts.models import Profile
    from evaluator.web.rounds.models import Funder, RoundFunder
    from tests.web.world import approve, ingest

    for name in SAMPLES:
        approve(ingest(name))       # a funder sees released results only
    funds = Funder.objects.create(name="蓉城社区发展基金会（虚构）")
    for round_ in Round.objects.all():
        RoundFunder.objects.create(round=round_, funder=funds)
    person = User.objects.create(username="fund")
    person.set_password(PASSWORD)
    person.save()
    person.groups.add(Group.objects.get(name="funder"))
    Profile.objects.create(user=person, funder=funds)
    return person


def log_in(page, live) -> None:
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill("fund")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def heatmap_codes(page) -> list[str]:
    return page.locator("table.heatmap tbody th[scope=row] a").all_inner_texts()


def download(page, tmp_path, fmt: str, label: str) -> bytes:
    """Click the dashboard's download link, wait on the page for the worker's build, save the file."""
    page.get_by_role("link", name=label).first.click()
    ready = page.get_by_role("link", name=f"下载 portfolio.{fmt}", exact=True)
    ready.wait_for(timeout=180_000)                             # htmx polls while the worker builds it
    with page.expect_download() as done:
        ready.click()
    saved = tmp_path / done.value.suggested_filename
    done.value.save_as(saved)
    assert saved.suffix == f".{fmt}" and saved.name.startswith("portfolio_")
    return saved.read_bytes()


def test_funder_flow(page, live, funder, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    log_in(page, live)
    page.get_by_role("link", name="看板").first.click()
    page.get_by_role("link", name=ROUND).click()
    page.get_by_role("heading", name=f"看板：{ROUND}").wait_for()
    assert heatmap_codes(page) and "CD-2023-009" in heatmap_codes(page)
    assert page.locator("figure.chart svg").count() >= 2
    assert "上升了阶段的自组织" in page.inner_text("main")             # followed from the 2023 round
    shot(page, live, "20-funder-dashboard")

    page.get_by_label("区（县）").select_option("成都市高新区")       # htmx: only the dashboard is swapped
    page.wait_for_url("**district=*")
    page.wait_for_function("document.querySelectorAll('table.heatmap tbody tr').length === 1")
    assert heatmap_codes(page) == ["CD-2023-017"]
    shot(page, live, "21-funder-filtered")

    page.locator("table.heatmap").get_by_role("link", name="CD-2023-017").click()
    page.get_by_role("heading", name="历届评估").wait_for()
    assert "2023-第二届微公益创投" in page.inner_text("main") and ROUND in page.inner_text("main")
    shot(page, live, "22-funder-project")
    page.get_by_role("link", name=ROUND).click()
    page.get_by_role("heading", name="总分和等级").wait_for()              # the evaluator flow's result page
    page.go_back()
    page.go_back()
    page.get_by_role("heading", name=f"看板：{ROUND}").wait_for()

    workbook = download(page, tmp_path, "xlsx", "下载 portfolio.xlsx（Excel 工作簿）")
    names = load_workbook(io.BytesIO(workbook), read_only=True).sheetnames
    assert len(names) >= 5
    shot(page, live, "23-funder-download-ready")
    page.go_back()
    pdf = download(page, tmp_path, "pdf", "下载 portfolio.pdf（PDF 报告）")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "CD-2023-017" in text and "CD-2023-009" not in text            # the filter holds in the PDF too


def test_comparison_and_a_phone(browser, live, funder):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        log_in(page, live)
        page.goto(f"{live.url}/portfolio/")
        page.get_by_role("link", name="跨届比较").click()
        page.get_by_role("heading", name="跨届比较").wait_for()
        assert "2023-第二届微公益创投 → 2024-第三届微公益创投" in page.inner_text("main")
        shot(page, live, "24-funder-compare-phone")
        page.get_by_role("link", name=ROUND).first.click()
        page.get_by_role("heading", name=f"看板：{ROUND}").wait_for()
        shot(page, live, "25-funder-dashboard-phone")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= PHONE["width"] + 1, f"the page is {wide}px wide on a {PHONE['width']}px screen"
    finally:
        context.close()

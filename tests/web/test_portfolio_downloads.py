"""portfolio.xlsx and portfolio.pdf from the dashboards, on SQLite and PostgreSQL: built by a task, the
same bytes the command line writes for the same round, kept and served again until the data changes."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from tests.web.conftest import use_tasks
from tests.web.world import build, ingest, log_in


@pytest.fixture
def world_any(db_any):
    from evaluator.web.portfolio.building import forget

    forget()
    yield build()
    forget()


def download(client, fmt: str, **query):
    return client.get(reverse("portfolio:download", args=[fmt]), query)


def cli_portfolio(round_name: str, calibration: bool = False):
    """The portfolio `evaluator compare --round …` builds from the same store (a funder's download is the
    one without the rater calibration, `--no-calibration`: that section names evaluators)."""
    from evaluator.compare.select import portfolio_from_store
    from evaluator.store.facade import Store
    from evaluator.store.targets import default_target

    return portfolio_from_store(Store("default", default_target()), rounds=[round_name], calibration=calibration)


def test_xlsx_is_the_command_lines_workbook_and_is_kept_until_the_data_changes(world_any, client):
    from evaluator.compare.portfolio_xlsx import portfolio_xlsx
    from evaluator.web.portfolio.models import PortfolioFile

    use_tasks("immediate")
    log_in(client, world_any, "funder")
    response = download(client, "xlsx", rounds=world_any.round.pk)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data == portfolio_xlsx(cli_portfolio(world_any.round.name), "zh")     # two doors, one library
    built = PortfolioFile.objects.get()
    assert b"".join(download(client, "xlsx", rounds=world_any.round.pk).streaming_content) == data
    assert PortfolioFile.objects.get().rendered_at == built.rendered_at          # served again, not rebuilt
    ingest("rural-courtyard-2024.xlsx")                                          # the round gains a project
    again = b"".join(download(client, "xlsx", rounds=world_any.round.pk).streaming_content)
    assert again != data and again == portfolio_xlsx(cli_portfolio(world_any.round.name), "zh")
    assert PortfolioFile.objects.get().rendered_at > built.rendered_at


def test_rater_calibration_is_in_the_committees_download_and_never_in_a_funders(world_any, client):
    from openpyxl import load_workbook

    from evaluator.compare.portfolio_xlsx import portfolio_xlsx
    from evaluator.compare.xlsx_calibration import SHEETS
    from evaluator.i18n import t

    use_tasks("immediate")
    sheets = {t("zh", name) for name in SHEETS.values()}
    log_in(client, world_any, "committee")
    committee = b"".join(download(client, "xlsx", rounds=world_any.round.pk).streaming_content)
    assert committee == portfolio_xlsx(cli_portfolio(world_any.round.name, calibration=True), "zh")
    assert sheets <= set(load_workbook(io.BytesIO(committee)).sheetnames)
    client.logout()
    log_in(client, world_any, "funder")
    funder = b"".join(download(client, "xlsx", rounds=world_any.round.pk).streaming_content)
    assert sheets.isdisjoint(load_workbook(io.BytesIO(funder)).sheetnames)


def test_a_filtered_workbook_holds_only_the_projects_filtered(world_any, client):
    from openpyxl import load_workbook

    use_tasks("immediate")
    log_in(client, world_any, "admin")
    response = download(client, "xlsx", rounds=world_any.round.pk, district="上海市杨浦区")
    sheets = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    text = " ".join(str(c) for ws in sheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "SH-2023-004" in text and "CD-2023-017" not in text


def test_a_download_waits_for_the_worker_and_is_queued_once(world_any, client):
    from django_tasks import default_task_backend

    use_tasks("dummy")
    log_in(client, world_any, "committee")
    page = download(client, "pdf").content.decode()
    status = reverse("portfolio:download_status", args=["pdf"])
    assert f'hx-get="{status}?' in page and "正在生成 portfolio.pdf" in page
    assert client.get(status).status_code == 200
    download(client, "pdf")
    assert len(default_task_backend.results) == 1                  # asked three times, queued once


def test_a_failed_build_says_why_and_can_be_asked_again(world_any, client, monkeypatch):
    from evaluator.web.audit.models import AuditEvent
    from evaluator.web.portfolio import downloads

    def broken(*args):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(downloads, "render", broken)     # a build that fails, as a full disk would make it
    use_tasks("immediate")
    log_in(client, world_any, "admin")
    page = download(client, "xlsx").content.decode()
    assert "portfolio.xlsx 未能生成" in page and "the disk is full" in page and "G001" in page
    monkeypatch.undo()
    use_tasks("immediate")
    response = client.post(reverse("portfolio:download", args=["xlsx"]))
    assert response.status_code == 302
    assert download(client, "xlsx")["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEvent.objects.filter(action="portfolio.build_again").count() == 1


def test_a_download_names_only_rounds_and_filters_among_the_choices(world_any, client):
    log_in(client, world_any, "funder")
    assert download(client, "xlsx", rounds=world_any.earlier_round.pk).status_code == 400   # not its round
    bad = download(client, "xlsx", district="火星区")
    assert bad.status_code == 400 and "火星区" in bad.content.decode()
    assert download(client, "docx").status_code == 404
    assert download(client, "xlsx", rounds="x").status_code == 400
    assert download(client, "xlsx", rounds="²").status_code == 400             # a digit to str.isdigit, not to int


def test_pdf(db, client):
    """The PDF, rendered for real once (a few seconds): the portfolio PDF of the command line."""
    from pypdf import PdfReader

    from evaluator.compare.portfolio_view import portfolio_pdf

    world = build()
    use_tasks("immediate")
    log_in(client, world, "funder")
    data = b"".join(download(client, "pdf", rounds=world.round.pk).streaming_content)
    assert data.startswith(b"%PDF") and data == portfolio_pdf(cli_portfolio(world.round.name), "zh")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "SH-2023-004" in text and "CD-2023-017" in text

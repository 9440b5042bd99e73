"""The evaluator's flow through the test client, on SQLite and on PostgreSQL: upload → located problems →
score → stored evaluation → result page → report rendered by a task, kept, and rendered again only when
what it is made from changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import use_tasks
from tests.web.world import build, ingest, log_in, reopen, sample_bytes


@pytest.fixture
def world_any(db_any):
    return build()


def upload(client, world, name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(reverse("evaluations:upload", args=[world.assignment.pk]), {"form": file})


def latest_submission():
    from evaluator.web.evaluations.models import Submission

    return Submission.objects.order_by("-pk").first()


def test_upload_score_and_result(world_any, client):
    from evaluator.store.models import Evaluation
    from evaluator.web.audit.models import AuditEvent

    log_in(client, world_any, "evaluator")
    response = upload(client, world_any, "表格 2024.xlsx", sample_bytes("jt-estate-2024.xlsx"))
    submission = latest_submission()
    assert response.status_code == 302 and response["Location"] == reverse("evaluations:submission", args=[submission.pk])
    assert submission.state == "checked" and submission.file_name == "表格 2024.xlsx"
    page = client.get(response["Location"]).content.decode()
    assert "为此表评分" in page
    before = Evaluation.objects.count()
    response = client.post(reverse("evaluations:score", args=[submission.pk]))
    submission.refresh_from_db()
    assert response.status_code == 302 and submission.state == "scored"
    assert Evaluation.objects.count() == before       # the same form and rubric: stored once (the world has it)
    assert submission.evaluation_id == world_any.evaluation.pk
    page = client.get(reverse("evaluations:result", args=[submission.evaluation_id])).content.decode()
    assert "总分和等级" in page and "<svg" in page and "D1.01" in page
    assert f"{world_any.evaluation.total_points:g}" in page or "/ 100" in page
    actions = list(AuditEvent.objects.filter(user=world_any.users["evaluator"]).values_list("action", flat=True))
    assert actions.count("submission.upload") == 2 and "submission.score" in actions   # world's upload + this one


def test_a_new_form_is_the_next_version(world_any, client):
    """Another form of the same project and round (here: one with a changed answer) becomes version 2."""
    from evaluator.store.models import Evaluation
    from tests.web.test_uploads import changed_form

    log_in(client, world_any, "evaluator")
    reopen(world_any)         # its review returned: new versions may be uploaded (issue 13)
    upload(client, world_any, "v2.xlsx", changed_form())
    submission = latest_submission()
    assert submission.state == "checked", submission.problems
    client.post(reverse("evaluations:score", args=[submission.pk]))
    submission.refresh_from_db()
    stored = Evaluation.objects.get(pk=submission.evaluation_id)
    assert stored.version == 2 and stored.latest
    assert not Evaluation.objects.get(pk=world_any.evaluation.pk).latest


def test_problems_are_listed_with_their_cells(world_any, client):
    log_in(client, world_any, "evaluator")
    upload(client, world_any, "mistakes.xlsx", sample_bytes("invalid/mistakes.xlsx"))
    submission = latest_submission()
    assert submission.state == "refused"
    page = client.get(reverse("evaluations:submission", args=[submission.pk])).content.decode()
    assert "封面!B14" in page and "十二万" in page             # the budget written in words
    assert "W010" in page and "CD-2023-022" in page            # and it is another project's form
    assert "为此表评分" not in page
    response = client.post(reverse("evaluations:score", args=[submission.pk]))
    assert response.status_code == 302 and latest_submission().evaluation_id is None


def test_problems_in_english(world_any, client):
    log_in(client, world_any, "evaluator")
    upload(client, world_any, "mistakes.xlsx", sample_bytes("invalid/mistakes.xlsx"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("evaluations:submission", args=[latest_submission().pk])).content.decode()
    assert 'expected a number, found &quot;十二万&quot;' in page and "must be fixed before scoring" in page


def test_report_is_rendered_once_and_again_when_its_sources_change(world_any, client):
    from evaluator.web.evaluations.models import RenderedReport

    log_in(client, world_any, "evaluator")
    evaluation = world_any.evaluation
    use_tasks("immediate")
    page = client.get(reverse("evaluations:report", args=[evaluation.pk, "zh"])).content.decode()
    assert "下载报告（PDF）" in page
    response = client.get(reverse("evaluations:report_file", args=[evaluation.pk, "zh"]))
    pdf = b"".join(response.streaming_content)
    assert response.status_code == 200 and pdf.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    row = RenderedReport.objects.get(evaluation=evaluation, lang="zh")
    first = (row.key, row.rendered_at)
    use_tasks("dummy")                      # nothing may be queued now: the kept report is current
    response = client.get(reverse("evaluations:report_file", args=[evaluation.pk, "zh"]))
    assert response.status_code == 200
    row.refresh_from_db()
    assert (row.key, row.rendered_at) == first
    ingest("jt-estate-2023.xlsx")           # the project's earlier round: the report now compares with it
    response = client.get(reverse("evaluations:report_file", args=[evaluation.pk, "zh"]))
    assert response.status_code == 302      # to the page that waits for the new render
    row.refresh_from_db()
    assert row.state == "waiting" and row.key != first[0]


def test_report_render_failure_is_shown_and_can_be_retried(world, client, monkeypatch):
    from evaluator.web.evaluations import reports

    def broken(*args):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(reports, "_render", broken)
    use_tasks("immediate")
    log_in(client, world, "evaluator")
    page = client.get(reverse("evaluations:report", args=[world.evaluation.pk, "en"])).content.decode()
    assert "报告未能生成" in page and "G001" in page and "fonts missing" in page
    monkeypatch.setattr(reports, "_render", lambda *args: b"%PDF-1.7 test")
    client.post(reverse("evaluations:report", args=[world.evaluation.pk, "en"]))
    response = client.get(reverse("evaluations:report_file", args=[world.evaluation.pk, "en"]))
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"


def test_report_status_polls_until_done(world, client):
    log_in(client, world, "evaluator")
    url = reverse("evaluations:report_status", args=[world.evaluation.pk, "zh"])
    waiting = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in waiting
    from evaluator.web.evaluations.models import RenderedReport

    RenderedReport.objects.filter(evaluation=world.evaluation).update(state="done", data=b"%PDF")
    done = client.get(url).content.decode()
    assert "hx-trigger" not in done and reverse("evaluations:report_file", args=[world.evaluation.pk, "zh"]) in done


def test_form_download_is_prefilled(world, client):
    import io

    from openpyxl import load_workbook

    log_in(client, world, "evaluator")
    response = client.get(reverse("evaluations:form", args=[world.assignment.pk]))
    data = b"".join(response.streaming_content)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    cover = load_workbook(io.BytesIO(data)).worksheets[0]
    values = {row[0]: row[1] for row in cover.iter_rows(values_only=True) if row and row[0]}
    project = world.evaluation.project
    assert values["项目编号"] == project.code and values["项目名称"] == project.name
    assert values["届次"] == world.round.name and values["评估类型"] == "终期"
    again = b"".join(client.get(reverse("evaluations:form", args=[world.assignment.pk])).streaming_content)
    assert again == data

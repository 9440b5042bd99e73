"""The platform's merge: two uploads for one assignment (evaluator A's and B's copies of jt-estate-2024,
one evidence value different) become one submission whose check names the conflict with both cells; the
merged form downloads, and once the cell is resolved it uploads and scores with both evaluators' levels."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.test_uploads import edited
from tests.web.world import log_in, reopen


def _copies() -> tuple[bytes, bytes]:
    a = edited("jt-estate-2024.xlsx", {"rating:D1.06:evaluator_b": None, "rating:D1.02:evaluator_b": None})
    b = edited("jt-estate-2024.xlsx", {"rating:D1.06:evaluator_a": None, "rating:D1.02:evaluator_a": None,
                                       "value:d1_board_meetings": 2})
    return a, b


def _post(client, world, a: bytes, b: bytes, names=("a.xlsx", "b.xlsx")):
    files = {"first": SimpleUploadedFile(names[0], a), "second": SimpleUploadedFile(names[1], b)}
    return client.post(reverse("fieldwork:merge", args=[world.assignment.pk]), files)


def test_two_uploads_merge_into_a_checked_submission_with_the_conflict(world, client):
    from evaluator.web.audit.models import AuditEvent
    from evaluator.web.evaluations.models import Submission

    reopen(world)      # the world's result is under review; a returned evaluation takes new versions
    log_in(client, world, "evaluator")
    a, b = _copies()
    response = _post(client, world, a, b, names=("评估表.xlsx", "评估表.xlsx"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "A 评估表.xlsx D1 机构治理与专业能力!C17 = 3" in page and "B 评估表.xlsx D1 机构治理与专业能力!C17 = 2" in page
    submission = Submission.objects.order_by("-pk").first()
    assert submission.assignment_id == world.assignment.pk
    assert [p["code"] for p in submission.problems if p["severity"] == "error"] == ["F060"]
    assert AuditEvent.objects.filter(action="submission.merge").count() == 1
    # the merged form downloads, is resolved, uploads again and scores with both levels
    download = client.get(reverse("fieldwork:submitted_form", args=[submission.pk]))
    assert download.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    from evaluator.forms import texts
    from evaluator.forms.meta import parse_meta

    meta = parse_meta([list(r) for r in wb[texts.META_SHEET].iter_rows(values_only=True)])
    slot = meta.slots["value:d1_board_meetings"]
    assert str(wb[slot.sheet][slot.ref].value).startswith("⚠≠ ")
    wb[slot.sheet][slot.ref].value = 3
    fixed = io.BytesIO()
    wb.save(fixed)
    upload = client.post(reverse("evaluations:upload", args=[world.assignment.pk]),
                         {"form": SimpleUploadedFile("resolved.xlsx", fixed.getvalue())})
    assert upload.status_code == 302
    resolved = Submission.objects.order_by("-pk").first()
    assert not [p for p in resolved.problems if p["severity"] == "error"], resolved.problems
    scored = client.post(reverse("evaluations:score", args=[resolved.pk]))
    assert scored.status_code == 302
    resolved.refresh_from_db()
    result = resolved.evaluation.result
    d106 = next(i for i in result["indicators"] if i["id"] == "D1.06")
    levels = {r["rater"]: r["level"] for r in d106["ratings"]}
    assert levels["evaluator_a"] == 1 and levels["evaluator_b"] == 3


def test_forms_of_another_project_are_refused_with_the_reason(world, client):
    from evaluator.web.evaluations.models import Submission

    log_in(client, world, "evaluator")
    before = Submission.objects.count()
    a, _ = _copies()
    other = edited("jt-estate-2024.xlsx", {"project:code": "CD-OTHER"})
    response = _post(client, world, a, other)
    assert response.status_code == 400
    assert "M002" in response.content.decode() and "CD-OTHER" in response.content.decode()
    assert Submission.objects.count() == before
    missing = client.post(reverse("fieldwork:merge", args=[world.assignment.pk]), {"first": SimpleUploadedFile("a.xlsx", a)})
    assert missing.status_code == 400


def test_merge_page_in_english(world, client):
    log_in(client, world, "evaluator")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("fieldwork:merge", args=[world.assignment.pk]))
    assert page.status_code == 200 and "<h1>Merge evaluator A's and B's forms</h1>" in page.content.decode()
    zh = log_in(type(client)(), world, "evaluator").get(reverse("fieldwork:merge", args=[world.assignment.pk]))
    assert "合并评估员A和评估员B的评估表" in zh.content.decode()

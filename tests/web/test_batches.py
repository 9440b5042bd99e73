"""A round uploaded at once: a zip or many files; each form checked and scored by a task, progress polled."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.conftest import use_tasks
from tests.web.world import log_in, sample_bytes


def round_zip(names: list[str], extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.writestr(f"第三届/{name.rsplit('/', 1)[-1]}", sample_bytes(name))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def upload(client, world, *files: tuple[str, bytes]):
    from evaluator.web.evaluations.models import Batch

    data = {"forms": [SimpleUploadedFile(name, content) for name, content in files]}
    response = client.post(reverse("evaluations:batch_upload", args=[world.round.pk]), data)
    batch = Batch.objects.order_by("-pk").first()
    assert response.status_code == 302 and response["Location"] == reverse("evaluations:batch", args=[batch.pk])
    return batch


def states(batch) -> dict[str, str]:
    return {s.file_name: s.state for s in batch.submissions.all()}


def test_an_admin_uploads_a_zip_of_forms(world, client):
    use_tasks("immediate")
    log_in(client, world, "admin")
    batch = upload(client, world, ("第三届.zip", round_zip(
        ["rural-courtyard-2024.xlsx", "invalid/mistakes.xlsx"],
        {"说明.txt": b"readme", "__MACOSX/._x.xlsx": b"junk", "~$lock.xlsx": b"lock"})))
    batch.refresh_from_db()
    assert batch.state == "done"
    assert states(batch) == {"第三届.zip/第三届/rural-courtyard-2024.xlsx": "scored",
                             "第三届.zip/第三届/mistakes.xlsx": "refused"}
    assert [p["code"] for p in batch.problems] == ["W006"]                 # the .txt, skipped with a warning
    refused = batch.submissions.get(state="refused")
    assert "W011" in [p["code"] for p in refused.problems]                # another round's form
    page = client.get(reverse("evaluations:batch", args=[batch.pk])).content.decode()
    assert "已检查 2 / 2 份评估表" in page and "hx-trigger" not in page


def test_an_evaluator_scores_only_assigned_projects(world, client):
    use_tasks("immediate")
    log_in(client, world, "evaluator")
    batch = upload(client, world, ("jt.xlsx", sample_bytes("jt-estate-2024.xlsx")),
                   ("sh.xlsx", sample_bytes("sh-microrenewal-2024.xlsx")))
    assert states(batch) == {"jt.xlsx": "scored", "sh.xlsx": "refused"}
    sh = batch.submissions.get(file_name="sh.xlsx")
    assert [p["code"] for p in sh.problems if p["severity"] == "error"] == ["W012"]


def test_progress_is_polled_until_the_task_has_run(world, client):
    from evaluator.web.evaluations.batches import run

    log_in(client, world, "admin")
    batch = upload(client, world, ("jt.xlsx", sample_bytes("jt-estate-2024.xlsx")))   # tasks kept, not run
    url = reverse("evaluations:batch_status", args=[batch.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "已检查 0 / 1 份评估表" in page
    assert run(batch.pk) == {"scored": 1, "refused": 0}
    page = client.get(url).content.decode()
    assert "hx-trigger" not in page and "已检查 1 / 1 份评估表" in page


def test_unsafe_archives_are_refused_whole(world, client):
    log_in(client, world, "admin")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("../../escape.xlsx", sample_bytes("jt-estate-2024.xlsx"))
    batch = upload(client, world, ("round.zip", buffer.getvalue()))
    assert batch.submissions.count() == 0 and [p["code"] for p in batch.problems] == ["W002"]
    assert batch.state == "done"


def test_an_upload_without_forms_says_so(world, client):
    log_in(client, world, "admin")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("notes.docx", b"x")
    batch = upload(client, world, ("round.zip", buffer.getvalue()))
    assert [p["code"] for p in batch.problems] == ["W007"]

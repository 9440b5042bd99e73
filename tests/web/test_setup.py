"""The evaluating body's set-up: assignments refused on a declared tie (回避), rubric uploads checked with
located problems, changes made in the admin site recorded in the audit log."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.world import log_in

ROOT = Path(__file__).resolve().parents[2]


def test_assigning_an_evaluator_with_a_declared_tie_is_refused(world, client):
    from evaluator.web.rounds.models import Assignment, Conflict

    tied, project = world.users["evaluator_b"], world.other.project
    log_in(client, world, "evaluator_b")
    response = client.post(reverse("rounds:conflicts"), {"organization": project.organization_id,
                                                         "reason": "曾在该机构任职"})
    assert response.status_code == 302 and Conflict.objects.filter(evaluator=tied).exists()
    log_in(client, world, "admin")
    response = client.post(reverse("rounds:setup"), {"evaluator": tied.pk, "project": project.pk,
                                                     "round": world.round.pk, "evaluation_type": "final"})
    page = response.content.decode()
    assert response.status_code == 200 and "应当回避" in page and project.organization.name in page
    assert "曾在该机构任职" in page
    assert not Assignment.objects.filter(evaluator=tied, project=project).exists()
    # the same through the admin site
    response = client.post(reverse("admin:rounds_assignment_add"), {
        "evaluator": tied.pk, "project": project.pk, "round": world.round.pk, "evaluation_type": "final"})
    assert response.status_code == 200 and "应当回避" in response.content.decode()
    assert not Assignment.objects.filter(evaluator=tied, project=project).exists()


def test_assigning_without_a_tie_is_recorded(world, client):
    from evaluator.web.audit.models import AuditEvent
    from evaluator.web.rounds.models import Assignment

    log_in(client, world, "admin")
    response = client.post(reverse("rounds:setup"), {"evaluator": world.users["evaluator_b"].pk,
                                                     "project": world.other.project_id, "round": world.round.pk,
                                                     "evaluation_type": "final"})
    assert response.status_code == 302
    made = Assignment.objects.get(evaluator=world.users["evaluator_b"], project=world.other.project_id)
    event = AuditEvent.objects.get(action="assignment.add")
    assert event.user == world.users["admin"] and event.object_id == str(made.pk)


def test_declaring_the_same_tie_twice_is_a_form_error(world, client):
    log_in(client, world, "evaluator")
    data = {"organization": world.other.project.organization_id, "reason": "亲属在该机构工作"}
    client.post(reverse("rounds:conflicts"), data)
    page = client.post(reverse("rounds:conflicts"), data).content.decode()
    assert "您已声明过与该机构的利害关系" in page


def zipped(folder: Path, prefix: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for path in sorted(folder.rglob("*.yaml")):
            z.write(path, prefix + str(path.relative_to(folder)))
    return buffer.getvalue()


def bundled_zip(version: str = "1.0.0") -> bytes:
    """The bundled rubric as a folder of its own: the rubric file with its indicator files below it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        rubric = (ROOT / "rubrics" / "chengdu-participatory.yaml").read_text(encoding="utf-8")
        rubric = rubric.replace("../indicators/", "indicators/").replace("version: 1.0.0", f"version: {version}", 1)
        z.writestr("my-rubric/rubric.yaml", rubric)
        for path in sorted((ROOT / "indicators").glob("*.yaml")):
            z.writestr(f"my-rubric/indicators/{path.name}", path.read_text(encoding="utf-8"))
    return buffer.getvalue()


def upload_rubric(client, name: str, data: bytes):
    from evaluator.web.rounds.models import RubricUpload

    response = client.post(reverse("rounds:rubrics"), {"file": SimpleUploadedFile(name, data)})
    return response, RubricUpload.objects.order_by("-pk").first()


def test_a_good_rubric_upload_is_usable(world, client):
    log_in(client, world, "admin")
    response, upload = upload_rubric(client, "rubric.zip", bundled_zip())
    assert upload.ok and upload.rubric_id == "chengdu-participatory" and upload.problems == []
    assert "没有错误" in response.content.decode()


def test_a_broken_rubric_lists_its_planted_mistakes(world, client):
    log_in(client, world, "admin")
    response, upload = upload_rubric(client, "broken.zip", zipped(ROOT / "samples" / "invalid" / "broken-rubric"))
    errors = [p for p in upload.problems if p["severity"] == "error"]
    assert not upload.ok and len(errors) == 3
    page = response.content.decode()
    assert "评估标准有错误" in page
    for problem in errors:
        assert problem["location"]["file"].startswith("broken.zip/")        # never the temporary folder
        assert "/tmp/" not in problem["location"]["file"]
        assert problem["location"]["line"] is not None


def test_a_rubric_naming_files_outside_its_folder_is_refused(world, client):
    """The archive holds the file, but beside the rubric's folder, not in it: the loader refuses it (R051)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        rubric = (ROOT / "rubrics" / "chengdu-participatory.yaml").read_text(encoding="utf-8")
        z.writestr("my-rubric/rubric.yaml", rubric.replace("../indicators/", "../elsewhere/"))
        for path in sorted((ROOT / "indicators").glob("*.yaml")):
            z.writestr(f"elsewhere/{path.name}", path.read_text(encoding="utf-8"))
    log_in(client, world, "admin")
    _, upload = upload_rubric(client, "evil.zip", buffer.getvalue())
    assert not upload.ok and "R051" in [p["code"] for p in upload.problems]
    assert all(p["location"]["file"].startswith("evil.zip/") for p in upload.problems)


@pytest.mark.parametrize(("name", "data", "code"), [
    ("rubric.txt", b"hello", "W001"),
    ("rubric.zip", b"PK\x03\x04broken", "F003"),
])
def test_files_that_are_not_rubrics(world, client, name, data, code):
    log_in(client, world, "admin")
    _, upload = upload_rubric(client, name, data)
    assert not upload.ok and upload.problems[0]["code"] == code


def test_a_round_can_use_an_uploaded_rubric(world, client):
    from evaluator.web.rounds.rubrics import rubric_for

    log_in(client, world, "admin")
    upload_rubric(client, "rubric.zip", bundled_zip("1.0.1"))
    loaded = rubric_for("chengdu-participatory", "1.0.1")
    assert loaded is not None and loaded.rubric.version == "1.0.1"
    assert rubric_for("chengdu-participatory", "9.9.9") is None


def test_admin_site_changes_are_audited(world, client):
    from evaluator.web.audit.models import AuditEvent

    project = world.other.project
    log_in(client, world, "admin")
    response = client.post(reverse("admin:store_project_change", args=[project.pk]), {
        "code": project.code, "name": "新名称", "community": "", "street": "", "district": "测试区", "funder": "",
        "organization": project.organization_id})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="project.change")
    assert event.user == world.users["admin"] and "name" in event.details["fields"]


def test_the_audit_log_cannot_be_edited(world, client):
    from evaluator.web.audit.log import record

    event = record(world.users["admin"], "test.action")
    log_in(client, world, "admin")
    assert client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).status_code == 200
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403


def test_a_round_names_a_rubric_that_exists(world, client):
    log_in(client, world, "admin")
    data = {"name": "2025-第四届", "rubric_id": "chengdu-participatory", "rubric_version": "9.0.0",
            "starts_on": "2025-03-01", "ends_on": "2025-12-31",
            "funders-TOTAL_FORMS": "0", "funders-INITIAL_FORMS": "0"}
    page = client.post(reverse("admin:store_round_add"), data).content.decode()
    assert "没有评估标准 chengdu-participatory 9.0.0" in page and "chengdu-participatory 1.0.0" in page
    response = client.post(reverse("admin:store_round_add"), {**data, "rubric_version": "1.0.0"})
    assert response.status_code == 302

"""Uploads are hostile until checked: size limits, content sniffing, zip and XML bombs, names that would
leave a folder, and every piece of user text escaped on the pages."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.world import log_in, reopen, sample_bytes

SCRIPT = "<script>alert('x')</script>"


def edited(name: str, changes: dict[str, str]) -> bytes:
    """A sample form with some cells (by their `_meta` key) overwritten."""
    from openpyxl import load_workbook

    from evaluator.forms import texts
    from evaluator.forms.meta import parse_meta
    from evaluator.forms.save import workbook_bytes

    wb = load_workbook(io.BytesIO(sample_bytes(name)))
    meta = parse_meta([list(r) for r in wb[texts.META_SHEET].iter_rows(values_only=True)])
    for key, value in changes.items():
        slot = meta.slots[key]
        wb[slot.sheet][slot.ref.split(":")[0]].value = value
    return workbook_bytes(wb)


def changed_form() -> bytes:
    return edited("jt-estate-2024.xlsx", {"note:D1.01": f"查阅了登记证书 {SCRIPT}"})


def post_form(client, world, name: str, data: bytes):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    response = client.post(reverse("evaluations:upload", args=[world.assignment.pk]), {"form": file})
    from evaluator.web.evaluations.models import Submission

    return response, Submission.objects.order_by("-pk").first()


def codes(submission) -> list[str]:
    return [p["code"] for p in submission.problems]


def bomb() -> bytes:
    """A workbook-looking zip with a 20 MB sheet of zeros packed into a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 2**20))
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "code", "words"), [
    ("form.xlsx", b"code,name\nCD-1,x\n", "F002", "文本文件"),
    ("form.xlsx", b"%PDF-1.7 ...", "F002", "PDF"),
    ("form.xlsx", b"", "F002", "文件是空的"),
    ("form.xlsx", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "F002", ".xls"),
    ("form.xlsx", b"PK\x03\x04truncated", "F003", "已损坏"),
    ("bomb.xlsx", bomb(), "F004", "压缩比异常"),
])
def test_files_that_are_not_forms_are_named(world, client, name, data, code, words):
    log_in(client, world, "evaluator")
    response, submission = post_form(client, world, name, data)
    assert response.status_code == 302 and submission.state == "refused"
    assert code in codes(submission)
    page = client.get(response["Location"]).content.decode()
    assert words in page


def test_a_form_over_the_size_limit_is_refused_unread(world, client, monkeypatch):
    from evaluator.web.evaluations import views

    monkeypatch.setattr(views, "MAX_FILE", 1000)
    log_in(client, world, "evaluator")
    response, submission = post_form(client, world, "big.xlsx", b"PK\x03\x04" + b"x" * 5000)
    assert codes(submission) == ["W005"] and submission.size == 0
    assert "文件过大" in client.get(response["Location"]).content.decode()


def test_a_request_over_the_limit_gets_413_before_it_is_read(world, client, monkeypatch):
    from django.conf import settings

    monkeypatch.setattr(settings, "MAX_REQUEST_BYTES", 10_000)
    log_in(client, world, "evaluator")
    response, _ = post_form(client, world, "big.xlsx", b"x" * 20_000)
    assert response.status_code == 413 and "文件太大" in response.content.decode()


def test_user_text_is_escaped_on_every_page(world, client):
    """A project named <script>, and <script> typed into the form, show as text, never as markup."""
    from evaluator.store.models import Project

    Project.objects.filter(pk=world.evaluation.project_id).update(name=SCRIPT)
    reopen(world)             # its review returned: new versions may be uploaded (issue 13)
    log_in(client, world, "evaluator")
    _, submission = post_form(client, world, f"{SCRIPT}.xlsx",
                                     edited("jt-estate-2024.xlsx", {"value:d2_leverage_point": SCRIPT}))
    assert "F022" in codes(submission)
    pages = [client.get(reverse(name, args=args)).content.decode() for name, args in [
        ("evaluations:submission", [submission.pk]), ("evaluations:assignments", []), ("home", []),
        ("evaluations:upload", [world.assignment.pk])]]
    _, scored = post_form(client, world, "note.xlsx", changed_form())
    client.post(reverse("evaluations:score", args=[scored.pk]))
    scored.refresh_from_db()
    pages.append(client.get(reverse("evaluations:result", args=[scored.evaluation_id])).content.decode())
    for page in pages:
        assert "<script>alert" not in page
    assert any("&lt;script&gt;alert" in page for page in pages[:1])
    assert "&lt;script&gt;alert" in pages[-1]


def test_csrf_is_required(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    log_in(client, world, "evaluator")
    response, _ = post_form(client, world, "form.xlsx", sample_bytes("jt-estate-2024.xlsx"))
    assert response.status_code == 403


def test_security_headers(world, client):
    log_in(client, world, "evaluator")
    response = client.get(reverse("home"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_names_an_outside_address(world, client):
    """Nothing on the pages is fetched from elsewhere: no http(s) address in src or href but this server's."""
    import re

    log_in(client, world, "admin")
    for name, args in [("home", []), ("rounds:setup", []), ("evaluations:result", [world.evaluation.pk])]:
        page = client.get(reverse(name, args=args)).content.decode()
        assert not re.findall(r'(?:src|href)="(?:https?:)?//', page), name


@pytest.mark.parametrize("member", ["../evil.xlsx", "/etc/evil.xlsx", "a/../../evil.xlsx"])
def test_zip_names_that_leave_the_archive_are_refused(member):
    from evaluator.web.uploads import Upload, UploadRefused, unpack

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(member, b"x")
    with pytest.raises(UploadRefused) as refused:
        unpack(Upload("round.zip", buffer.getvalue()))
    assert refused.value.problems[0].code == "W002"


def test_shown_names_are_file_names_only():
    from evaluator.web.uploads import shown_name

    assert shown_name("../../etc/passwd") == "passwd"
    assert shown_name("C:\\Users\\x\\表.xlsx") == "表.xlsx"
    assert shown_name("a\x00b\nc.xlsx") == "abc.xlsx"
    assert shown_name("") == "upload"

"""Log-in (Argon2, throttled by django-axes), each role's home page, the demo accounts, the settings a
server runs with, and the translations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.web.world import log_in

PASSWORD = "correct-horse-battery"


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def test_passwords_are_hashed_with_argon2(world):
    user = with_password(world.users["evaluator"])
    assert user.password.startswith("argon2$")


def test_log_in_and_out(world, client):
    with_password(world.users["evaluator"])
    response = client.post(reverse("accounts:login"), {"username": "eva", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "我的评估任务" in client.get(reverse("home")).content.decode()
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_five_wrong_passwords_lock_the_account(world, client):
    with_password(world.users["evaluator"])
    for _ in range(4):
        page = client.post(reverse("accounts:login"), {"username": "eva", "password": "wrong"})
        assert page.status_code == 200 and "用户名或密码错误" in page.content.decode()
    locked = client.post(reverse("accounts:login"), {"username": "eva", "password": "wrong"})
    assert locked.status_code == 429 and "锁定 15 分钟" in locked.content.decode()
    again = client.post(reverse("accounts:login"), {"username": "eva", "password": PASSWORD})
    assert again.status_code == 429                     # even the right password, until the lock ends


@pytest.mark.parametrize(("role", "shown"), [
    ("admin", ["届次、分派和评估标准", "您可查看的最新结果"]),
    ("evaluator", ["待办：分派给您的项目", "CD-2023-017"]),
    ("committee", ["您可查看的最新结果", "CD-2023-017", "SH-2023-004"]),
    ("organization", ["本机构的项目", "CD-2023-017"]),
    ("funder", ["您可查看的最新结果", "CD-2023-017"]),
])
def test_home_page_shows_what_waits(world, client, role, shown):
    page = log_in(client, world, role).get(reverse("home")).content.decode()
    for text in shown:
        assert text in page, text


def test_home_page_hides_what_is_not_theirs(world, client):
    page = log_in(client, world, "funder").get(reverse("home")).content.decode()
    assert "CD-2023-009" not in page                    # the other funder's round
    page = log_in(client, world, "organization_b").get(reverse("home")).content.decode()
    assert "CD-2023-017" not in page


def test_demo_is_complete_and_idempotent(db, monkeypatch):
    from django.contrib.auth.models import User

    from evaluator.store.models import Evaluation
    from evaluator.web.accounts.demo import load_demo
    from evaluator.web.rounds.models import Assignment, Conflict

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    logins = load_demo(Path("output/demo"))
    counts = (User.objects.count(), Evaluation.objects.count(), Assignment.objects.count())
    assert {x.role for x in logins} == {"admin", "evaluator", "committee", "organization", "funder"}
    assert Evaluation.objects.count() == 9
    assert load_demo(Path("output/demo")) == logins
    assert (User.objects.count(), Evaluation.objects.count(), Assignment.objects.count()) == counts
    b = User.objects.get(username="evaluator-b")
    tie = Conflict.objects.get(evaluator=b)
    assert not Assignment.objects.filter(evaluator=b, project__organization=tie.organization).exists()
    assert Assignment.objects.filter(evaluator__username="evaluator-a", project__code="CD-2023-022").exists()
    for login in logins:
        assert User.objects.get(username=login.username).check_password(login.password)


def settings_with(env: dict) -> dict:
    code = ("import json, evaluator.settings as s; print(json.dumps({k: str(getattr(s, k, None)) for k in "
            "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
            "'SECURE_PROXY_SSL_HEADER', 'ALLOWED_HOSTS', 'SECRET_KEY', 'DEBUG']}))")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EVALUATOR_", "DATABASE_URL"))}
    done = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True,
                          check=True)
    import json

    return json.loads(done.stdout)


def test_settings_behind_tls():
    plain = settings_with({})
    assert plain["SESSION_COOKIE_SECURE"] in ("None", "False") and plain["DEBUG"] == "False"
    assert plain["SECRET_KEY"] == ""                       # no secret in the repository
    tls = settings_with({"EVALUATOR_HTTPS": "1", "EVALUATOR_ALLOWED_HOSTS": "ev.example.org"})
    assert tls["SESSION_COOKIE_SECURE"] == tls["CSRF_COOKIE_SECURE"] == tls["SECURE_SSL_REDIRECT"] == "True"
    assert int(tls["SECURE_HSTS_SECONDS"]) >= 31536000
    assert tls["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert tls["ALLOWED_HOSTS"] == "['ev.example.org']"


def test_the_wsgi_application_refuses_to_start_without_a_key():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EVALUATOR_")}
    done = subprocess.run([sys.executable, "-c", "import evaluator.web.wsgi"], env=clean, capture_output=True, check=False,
                          text=True)
    assert done.returncode != 0 and "EVALUATOR_SECRET_KEY is not set" in done.stderr


def test_translations_are_compiled_and_complete():
    """Each .po has every text translated, and its committed .mo says the same (tools/messages.py)."""
    import polib

    web = Path(__file__).resolve().parents[2] / "evaluator" / "web"
    pos = sorted(web.rglob("locale/zh_Hans/LC_MESSAGES/django.po"))
    apps = [p.parent for p in web.glob("*/apps.py")]
    assert {p.parents[3] for p in pos} == {web, *apps}, "every web app keeps its translations in its locale/"
    for po_path in pos:
        po = polib.pofile(str(po_path))
        assert po.untranslated_entries() == [] and po.fuzzy_entries() == [], po_path
        mo = polib.mofile(str(po_path.with_suffix(".mo")))
        written = {(e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo if e.msgid}
        wanted = {(e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po if not e.obsolete}
        assert written == wanted, f"{po_path}: run python tools/messages.py"

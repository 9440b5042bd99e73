"""Result pages keep what they show of a result rendered (`evaluations.pages`): the kept page is the page
rendered anew, a changed result or a changed earlier round shows at once, a language never gets the other's
body, and what differs between viewers (their name, their CSRF token) is never shared. Queries per page are
bounded and fewer once the page is kept."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.world import log_in

_TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def _page(client, pk: int) -> str:
    response = client.get(reverse("evaluations:result", args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(html: str) -> str:
    return _TOKENS.sub(r"\1…", html)


@pytest.fixture(autouse=True)
def _nothing_kept(db):
    from evaluator.web.evaluations.models import KeptPage
    from evaluator.web.evaluations.pages import forget

    forget()
    KeptPage.objects.all().delete()
    yield
    forget()


def _queries(client, pk: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client, pk)
    return len(queries)


def test_a_kept_page_is_the_page_rendered_anew_and_costs_fewer_queries(world, client):
    from evaluator.web.evaluations.models import KeptPage
    from evaluator.web.evaluations.pages import forget

    log_in(client, world, "admin")
    pk = world.evaluation.pk
    first = _page(client, pk)
    assert KeptPage.objects.count() == 1
    forget()
    KeptPage.objects.all().delete()
    rendered = _queries(client, pk)
    forget()                                          # another server process: the kept row, not its memory
    from_database = _queries(client, pk)
    from_memory = _queries(client, pk)
    again = _page(client, pk)
    assert _without_tokens(again) == _without_tokens(first)
    assert "总分和等级" in again and "<svg" in again and "D1.01" in again
    assert from_memory < from_database < rendered
    assert from_memory <= 9      # session, person, evaluation, roles, access, the earlier round, the results' digests,
    #                              the review (issue 13) and the self-assessment beside the ratings
    assert KeptPage.objects.count() == 1


def test_a_changed_result_shows_at_once(world, client):
    from evaluator.store.models import Evaluation

    log_in(client, world, "admin")
    pk = world.evaluation.pk
    assert "幸福里改名测试" not in _page(client, pk)
    data = Evaluation.objects.get(pk=pk).result
    data["project"]["name"] = "幸福里改名测试"
    Evaluation.objects.filter(pk=pk).update(result=data)
    assert "幸福里改名测试" in _page(client, pk)


def test_a_new_earlier_round_shows_at_once(world, client):
    """The page compares with the project's earlier round: when one is stored, the page changes with it."""
    from tests.web.world import ingest

    log_in(client, world, "admin")
    pk = world.evaluation.pk
    before = _page(client, pk)
    earlier = ingest("jt-estate-2023.xlsx")             # the same project, the round before
    assert earlier.project_id == world.evaluation.project_id
    after = _page(client, pk)
    assert _without_tokens(after) != _without_tokens(before)


def test_each_language_gets_its_own_body(world, client):
    log_in(client, world, "admin")
    pk = world.evaluation.pk
    chinese = _page(client, pk)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _page(client, pk)
    assert "Total and grade" in english and "总分和等级" not in english
    assert "总分和等级" in chinese and "Total and grade" not in chinese


def test_what_differs_between_viewers_is_never_shared(world, client):
    from django.test import Client

    pk = world.evaluation.pk
    log_in(client, world, "admin")
    other = log_in(Client(), world, "funder")
    first, second = _page(client, pk), _page(other, pk)
    token = re.search(r'csrfmiddlewaretoken" value="([^"]+)', first)
    assert token is not None and token.group(1) not in second
    assert "退出（admin）" in first and "退出（funder）" not in first
    assert "退出（funder）" in second and "退出（admin）" not in second
    assert "设置" in first.split("<main", 1)[0] and "设置" not in second.split("<main", 1)[0]   # each their own menu


def test_a_person_who_may_not_see_the_result_gets_nothing_kept(world, client):
    log_in(client, world, "admin")
    _page(client, world.evaluation.pk)                 # kept now
    log_in(client, world, "funder_b")                  # funds only the earlier round: may not see it
    response = client.get(reverse("evaluations:result", args=[world.evaluation.pk]))
    assert response.status_code in (403, 404)
    assert "D1.01" not in response.content.decode()


def test_the_key_names_the_stored_result_and_the_language():
    from evaluator.web.evaluations.pages import page_key

    base = ("result", 7, "a" * 64, None, None, "zh")
    assert page_key(base) == page_key(base)
    changed = [base[:2] + ("b" * 64,) + base[3:], base[:3] + (9, "c" * 64) + base[5:], base[:5] + ("en",)]
    assert len({page_key(base), *(page_key(c) for c in changed)}) == 4
    json.dumps(base)

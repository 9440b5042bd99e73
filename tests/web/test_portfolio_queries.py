"""SQL queries per dashboard page do not grow with the number of projects: the same count at 2 and at
50 projects (each in two rounds), whether the portfolio is computed, read back from its snapshot, or
served from memory; and the same for the drill-down page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.world import approve, scored, user

ROUNDS = ("2030-第九届测试", "2031-第十届测试")
SAMPLES = ("jt-estate-2023.xlsx", "jt-estate-2024.xlsx")     # the same groups at other stages: they move


def add_projects(first: int, last: int) -> None:
    """Projects first..last-1, each evaluated in both rounds (final), under codes and form hashes of their own."""
    from evaluator.store.ingest import ingest
    from evaluator.store.models import Evaluation

    for n in range(first, last):
        for name, sample in zip(ROUNDS, SAMPLES, strict=True):
            base = scored(sample)
            project = base.project.model_copy(update={"code": f"Q-{n:03d}", "round": name, "evaluation_type": "final",
                                                      "district": ("锦江区", "青羊区")[n % 2]})
            source = base.source.model_copy(update={"sha256": f"{n:032d}{ROUNDS.index(name):032d}"})
            stored = ingest("default", base.model_copy(update={"project": project, "source": source}))
            approve(Evaluation.objects.get(pk=stored.evaluation_id))   # released to funders (issue 13)


@pytest.fixture
def people(db):
    from evaluator.store.models import Round
    from evaluator.web.rounds.models import Funder, RoundFunder

    add_projects(0, 2)
    funder = Funder.objects.create(name="测试资助方")
    for round_ in Round.objects.filter(name__in=ROUNDS):
        RoundFunder.objects.create(round=round_, funder=funder)
    return {"admin": user("q-admin", "admin"), "funder": user("q-funder", "funder", funder=funder)}


def counts(client, page: str) -> dict[str, int]:
    """Queries of `page` computed from scratch, read back from its snapshot, and served from memory."""
    from evaluator.web.portfolio.building import forget
    from evaluator.web.portfolio.models import Snapshot

    found = {}
    forget()
    Snapshot.objects.all().delete()
    for state in ("computed", "snapshot", "memory"):
        if state == "snapshot":
            forget()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        assert response.status_code == 200, page
        found[state] = len(queries)
    return found


@pytest.mark.parametrize("role", ["admin", "funder"])
def test_dashboard_queries_do_not_grow_with_projects(people, client, role):
    from evaluator.store.models import Project, Round

    client.force_login(people[role])
    round_ = Round.objects.get(name=ROUNDS[1])
    pages = [reverse("portfolio:round", args=[round_.pk]), reverse("portfolio:round", args=[round_.pk]) + "?district=青羊区",
             reverse("portfolio:compare")]
    at_two = {page: counts(client, page) for page in pages}
    drill = reverse("portfolio:project", args=[Project.objects.get(code="Q-001").pk])
    with CaptureQueriesContext(connection) as two:
        client.get(drill)
    add_projects(2, 50)
    for page in pages:
        assert counts(client, page) == at_two[page], page
    with CaptureQueriesContext(connection) as fifty:
        assert client.get(drill).status_code == 200
    assert len(fifty) == len(two)
    assert at_two[pages[0]]["memory"] <= 8     # session, person, round, roles, profile, access, rounds, version


def test_the_fifty_are_all_there(people, client):
    from evaluator.store.models import Round

    add_projects(2, 50)
    client.force_login(people["funder"])
    html = client.get(reverse("portfolio:round", args=[Round.objects.get(name=ROUNDS[1]).pk])).content.decode()
    assert html.count('<a href="/portfolio/projects/') == 50
    assert "上升了阶段的自组织" in html

"""Every URL requested as every role and anonymously: allowed or refused, as `evaluator.web.access` says.

The table has a row per URL name; a URL pattern added without a row fails `test_every_url_has_a_row`.
Refused is 403 for a signed-in person, a redirect to the log-in page (302) for an anonymous one; the
admin site sends everyone without the admin role to its own log-in page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.web.world import ROLES, World, log_in

EVALUATORS = {"admin", "evaluator", "evaluator_b"}
READERS = {"admin", "evaluator", "committee", "organization", "funder"}   # of the world's evaluation
SIGNED_IN = set(ROLES) - {"anonymous"}
DASHBOARDS = {"admin", "committee", "funder", "funder_b"}     # every funder sees its own rounds' dashboards
ROUND_DASHBOARD = {"admin", "committee", "funder"}             # the world's round is funded by `funder`
REVIEWERS = {"admin", "committee", "evaluator"}                # a review page: and its assigned evaluator
HISTORY = REVIEWERS | {"organization"}                         # a result's history: and its own organization


@dataclass(frozen=True)
class Row:
    allowed: set[str]
    args: str = ""                  # which object of the world the URL names
    method: str = "get"
    ok: int = 200
    data: dict = field(default_factory=dict)
    anonymous: int = 302

    def expected(self, role: str) -> int:
        if role in self.allowed:
            return self.ok
        return self.anonymous if role == "anonymous" else 403


TABLE: dict[str, Row] = {
    "home": Row(SIGNED_IN),
    "accounts:login": Row({"anonymous"}, anonymous=200) ,
    "accounts:logout": Row(set(ROLES), method="post", ok=302),
    "set_language": Row(set(ROLES), method="post", ok=302, data={"language": "en", "next": "/"}),
    "rounds:setup": Row({"admin"}),
    "rounds:rubrics": Row({"admin"}),
    "rounds:conflicts": Row(EVALUATORS),
    "evaluations:assignments": Row(EVALUATORS),
    "evaluations:form": Row({"admin", "evaluator"}, "assignment"),
    "evaluations:upload": Row({"admin", "evaluator"}, "assignment"),
    "evaluations:submission": Row({"admin", "evaluator"}, "submission"),
    "evaluations:score": Row({"admin", "evaluator"}, "submission", method="post", ok=302),
    "evaluations:result": Row(READERS, "evaluation"),
    "evaluations:report": Row(READERS, "evaluation zh"),
    "evaluations:report_status": Row(READERS, "evaluation zh"),
    "evaluations:report_file": Row(READERS, "evaluation zh", ok=302),    # not rendered yet: to the report's page
    "evaluations:batch_upload": Row({"admin", "evaluator"}, "round"),
    "evaluations:batch": Row({"admin", "evaluator"}, "batch"),
    "evaluations:batch_status": Row({"admin", "evaluator"}, "batch"),
    "portfolio:index": Row(DASHBOARDS),
    "portfolio:round": Row(ROUND_DASHBOARD, "round"),
    "portfolio:compare": Row(DASHBOARDS),
    "portfolio:project": Row(ROUND_DASHBOARD, "project"),
    "portfolio:download": Row(DASHBOARDS, "xlsx"),
    "portfolio:download_status": Row(DASHBOARDS, "xlsx"),
    # the review process (issue 13): the world's review is published, its period open, appealed once
    "process:review": Row(REVIEWERS, "review"),
    "process:move": Row(REVIEWERS, "review submit", method="post", ok=302),     # refused: back to the review
    "process:consensus": Row({"committee"}, "review", method="post", ok=302),
    "process:history": Row(HISTORY, "review"),
    "process:appeal": Row({"organization"}, "review"),
    "process:respond": Row(HISTORY, "review"),
    "process:plan": Row(HISTORY, "review"),
    "process:follow_up": Row({"evaluator"}, "review", method="post", ok=302),
    "process:appeal_decide": Row({"admin", "committee", "organization"}, "appeal"),
    "process:appeal_file": Row({"admin", "committee", "organization"}, "appeal appeal_file"),
    "process:publish": Row({"committee"}, "round"),
    "process:handbook": Row(SIGNED_IN, "round"),
    "process:portal": Row({"organization", "organization_b"}),
    "process:self_assess": Row({"organization"}, "project round"),
    "process:self_form": Row({"organization"}, "project round"),
    "process:public": Row(set(ROLES), anonymous=200),
}
# signed-in people asking for the log-in page are sent on to their home page
LOGIN_REDIRECTS = SIGNED_IN


def url_names() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    from tests.web.conftest import django_ready

    django_ready()
    names: set[str] = set()

    def walk(patterns, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue         # the admin site: every registered model is checked below
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(namespace + p.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_has_a_row():
    names = url_names()
    assert names - set(TABLE) == set(), "URLs without a row in the permission table"
    assert set(TABLE) - names == set(), "rows for URLs that no longer exist"


def _args(world: World, spec: str) -> list:
    objects = {"assignment": world.assignment, "submission": world.submission, "evaluation": world.evaluation,
               "round": world.round, "batch": world.batch, "project": world.evaluation.project,
               "review": world.review, "appeal": world.appeal, "appeal_file": world.appeal_file}
    return [objects[part].pk if part in objects else part for part in spec.split()]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(TABLE))
def test_url_as_role(world, client, name, role):
    from django.urls import reverse

    row = TABLE[name]
    url = reverse(name, args=_args(world, row.args))
    response = getattr(log_in(client, world, role), row.method)(url, row.data)
    expected = 302 if name == "accounts:login" and role in LOGIN_REDIRECTS else row.expected(role)
    assert response.status_code == expected, f"{role} {row.method.upper()} {url}"
    if expected == 302 and role == "anonymous" and row.method == "get":
        assert response["Location"].startswith(reverse("accounts:login"))


def admin_changelists() -> list[str]:
    from django.contrib import admin

    from tests.web.conftest import django_ready

    django_ready()
    return sorted(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist" for m in admin.site._registry)


@pytest.mark.parametrize("role", ROLES)
def test_admin_site_as_role(world, client, role):
    from django.urls import reverse

    log_in(client, world, role)
    for name in ["admin:index", *admin_changelists()]:
        response = client.get(reverse(name))
        if role == "admin":
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("admin:login")), name


@pytest.mark.parametrize("role", ROLES)
def test_result_of_a_project_not_assigned(world, client, role):
    """The other project of the same round: the funder of the round sees it, the evaluator does not."""
    from django.urls import reverse

    allowed = {"admin", "committee", "funder"}
    response = log_in(client, world, role).get(reverse("evaluations:result", args=[world.other.pk]))
    assert response.status_code == (200 if role in allowed else 302 if role == "anonymous" else 403)


def test_a_tie_declared_after_assignment_ends_access(world, client):
    from django.urls import reverse

    from evaluator.web.rounds.models import Conflict

    log_in(client, world, "evaluator")
    url = reverse("evaluations:result", args=[world.evaluation.pk])
    assert client.get(url).status_code == 200
    Conflict.objects.create(evaluator=world.users["evaluator"], organization=world.evaluation.project.organization,
                            reason="worked there")
    assert client.get(url).status_code == 403
    assert client.get(reverse("evaluations:form", args=[world.assignment.pk])).status_code == 403


def test_inactive_person_is_refused(world, client):
    from django.urls import reverse

    person = world.users["admin"]
    log_in(client, world, "admin")
    person.is_active = False
    person.save()
    assert client.get(reverse("rounds:setup")).status_code in (302, 403)

"""The funder's dashboards through Django's test client: what each role sees, filters, drill-down, the
portfolio kept until the data changes, escaping and language.

The world (tests/web/world.py): the 2024 round holds CD-2023-017 (高新区) and SH-2023-004 (杨浦区) and is
funded by `funder`; the 2023 round holds CD-2023-009 and is funded by `funder_b`.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.world import ingest, log_in, scored

ROUND_2023 = "2023-第二届微公益创投"


@pytest.fixture(autouse=True)
def _fresh_memory():
    """Pages and portfolios kept in this process's memory belong to one test's (rolled back) data."""
    from evaluator.web.portfolio.building import forget

    forget()
    yield
    forget()


def url(name: str, *args) -> str:
    from django.urls import reverse

    return reverse(f"portfolio:{name}", args=args)


def heatmap_codes(html: str) -> list[str]:
    """Project codes in the order the heatmap lists them (highest total first)."""
    table = html.split('class="grid heatmap"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row"[^>]*><a href="[^"]+">([^<]+)</a>', table)


def test_round_dashboard_shows_the_round_as_the_portfolio_pdf_does(world, client):
    html = log_in(client, world, "funder").get(url("round", world.round.pk)).content.decode()
    assert heatmap_codes(html) == ["SH-2023-004", "CD-2023-017"]            # highest total first
    assert "CD-2023-009" not in html                                        # another round's project
    for heading in ("总分分布与等级", "项目 × 领域", "最弱的指标", "自组织成熟度"):
        assert heading in html
    assert html.count("<svg") >= 2                                          # strip plot and stage ladder
    assert "2 个项目平均" in html                                            # the PDF's own sentence
    assert 'href="/portfolio/download/portfolio.pdf?rounds=' in html


def test_a_funder_sees_only_the_rounds_it_funds(world, client):
    log_in(client, world, "funder")
    index = client.get(url("index")).content.decode()
    assert world.round.name in index and world.earlier_round.name not in index
    assert client.get(url("round", world.earlier_round.pk)).status_code == 403
    compared = client.get(url("compare")).content.decode()
    assert world.round.name in compared and world.earlier_round.name not in compared
    asked = client.get(url("compare"), {"rounds": [world.earlier_round.pk]})
    assert asked.status_code == 400                                         # a round it does not fund
    assert "CD-2023-009" not in asked.content.decode()
    assert client.get(url("project", world.other.project.pk)).status_code == 200
    assert client.get(url("project", 999_999)).status_code == 404


def test_the_menu_offers_dashboards_to_those_who_have_them(world, client):
    for role, offered in (("funder", True), ("committee", True), ("evaluator", False), ("organization", False)):
        client.logout()
        page = log_in(client, world, role).get("/").content.decode()
        assert (url("index") in page) is offered, role


def test_filter_by_district_keeps_that_district(world, client):
    response = log_in(client, world, "admin").get(url("round", world.round.pk), {"district": "上海市杨浦区"})
    html = response.content.decode()
    assert heatmap_codes(html) == ["SH-2023-004"]
    assert f'rounds={world.round.pk}&amp;district=%E4%B8%8A' in html        # the downloads keep the filter


def test_filter_by_one_of_the_funders_a_cover_names(world, client):
    """CD-2023-017's cover names two funders (锦棠置业…、蓉城社区发展基金会…): each is offered and matches."""
    log_in(client, world, "admin")
    html = client.get(url("round", world.round.pk), {"funder": "蓉城社区发展基金会（虚构）"}).content.decode()
    assert heatmap_codes(html) == ["CD-2023-017"]
    offered = html.split('name="funder"', 1)[1].split("</select>", 1)[0]
    assert "<option value=\"锦棠置业有限公司（虚构）\"" in offered and "、" not in offered


def test_filters_answer_htmx_with_the_dashboard_alone(world, client):
    log_in(client, world, "admin")
    response = client.get(url("round", world.round.pk), {"district": "成都市高新区"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.startswith('<div id="dashboard"') and "<html" not in html
    assert heatmap_codes(html) == ["CD-2023-017"]
    assert "HX-Request" in response["Vary"]
    whole = client.get(url("round", world.round.pk), {"district": "成都市高新区"}).content.decode()
    assert "<html" in whole and heatmap_codes(whole) == ["CD-2023-017"]


def test_a_filter_value_not_among_the_choices_is_shown_at_its_field(world, client):
    response = log_in(client, world, "admin").get(url("round", world.round.pk), {"district": "火星区"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "火星区" in html and "class=\"errorlist" in html
    assert "grid heatmap" not in html


def test_streets_offered_are_those_of_the_district_chosen(world, client):
    ingest("jt-estate-2023.xlsx")
    log_in(client, world, "admin")
    html = client.get(url("round", world.round.pk), {"district": "上海市杨浦区"}).content.decode()
    streets = html.split('name="street"', 1)[1].split("</select>", 1)[0]
    assert "平凉湾街道" in streets and "桂溪湾街道" not in streets
    # a street of the district chosen before is dropped when the district changes
    moved = client.get(url("round", world.round.pk), {"district": "上海市杨浦区", "street": "桂溪湾街道"})
    assert moved.status_code == 200 and heatmap_codes(moved.content.decode()) == ["SH-2023-004"]


def test_the_round_dashboard_says_which_self_organizations_moved_stage(world, client):
    ingest("jt-estate-2023.xlsx")                    # CD-2023-017 in 2023 too: its groups are followed
    html = log_in(client, world, "admin").get(url("round", world.round.pk)).content.decode()
    assert "上升了阶段的自组织" in html and "悦动健身队（虚构）" in html
    assert "与各项目上一届相比" in html
    # the 2023 round is not the funder's: nothing to compare its groups with
    funder = log_in(client, world, "funder").get(url("round", world.round.pk)).content.decode()
    assert "上升了阶段的自组织" not in funder and "与各项目上一届相比" not in funder


def test_comparison_across_rounds(world, client):
    ingest("jt-estate-2023.xlsx")
    html = log_in(client, world, "admin").get(url("compare")).content.decode()
    assert f"{ROUND_2023} → {world.round.name}" in html
    assert "各届概况" in html and "自组织的成长" in html
    assert f'href="{url("round", world.round.pk)}"' in html                 # rounds lead to their dashboards
    only = client.get(url("compare"), {"rounds": [world.round.pk]}).content.decode()
    assert "→" not in only.split("各届概况", 1)[1]


def test_a_new_result_shows_on_the_next_request(world, client):
    from evaluator.web.portfolio.models import Snapshot

    log_in(client, world, "admin")
    before = client.get(url("round", world.round.pk)).content.decode()
    assert "CD-2023-031" not in before
    kept = Snapshot.objects.get()
    again = client.get(url("round", world.round.pk)).content.decode()
    assert heatmap_codes(again) == heatmap_codes(before) and Snapshot.objects.get().built_at == kept.built_at
    ingest("rural-courtyard-2024.xlsx")
    after = client.get(url("round", world.round.pk)).content.decode()
    assert "CD-2023-031" in heatmap_codes(after)
    assert Snapshot.objects.get().version != kept.version


def test_a_kept_portfolio_is_shared_by_people_with_the_same_view(world, client):
    from evaluator.web.portfolio.models import Snapshot

    log_in(client, world, "admin").get(url("round", world.round.pk))
    client.logout()
    log_in(client, world, "committee").get(url("round", world.round.pk))
    assert Snapshot.objects.count() == 1
    client.logout()
    log_in(client, world, "funder").get(url("round", world.round.pk))
    assert Snapshot.objects.count() == 2                                    # a funder's view is its own


def test_drill_down_from_a_heatmap_row(world, client):
    ingest("jt-estate-2023.xlsx")
    log_in(client, world, "admin")
    html = client.get(url("round", world.round.pk)).content.decode()
    link = re.search(r'<a href="(/portfolio/projects/\d+/)">CD-2023-017</a>', html).group(1)
    page = client.get(link).content.decode()
    assert page.count('<tr>') - 1 == 2 and ROUND_2023 in page and world.round.name in page
    assert f'href="/evaluations/{world.evaluation.pk}/"' in page            # the evaluator flow's result page
    assert page.count("✓") >= 2
    funder = log_in(client, world, "funder").get(link).content.decode()
    assert world.round.name in funder and ROUND_2023 not in funder


def test_project_names_from_forms_are_escaped(world, client):
    from evaluator.store.ingest import ingest as store

    base = scored("rural-courtyard-2024.xlsx")
    hostile = base.model_copy(update={"project": base.project.model_copy(update={"name": "<script>alert(1)</script>"}),
                                      "source": base.source.model_copy(update={"sha256": "e" * 64})})
    store("default", hostile, "hostile.xlsx")
    log_in(client, world, "admin")
    html = client.get(url("round", world.round.pk)).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in client.get(url("compare")).content.decode()


def test_pages_in_english(world, client):
    log_in(client, world, "admin")
    html = client.get(url("round", world.round.pk), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Totals and grades" in html and "Weakest indicators" in html and "averaged" in html
    assert "总分分布与等级" not in html


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(district=st.text(max_size=12), street=st.sampled_from(["", "平凉湾街道", "桂溪湾街道", "x"]))
def test_any_filter_is_answered_and_keeps_only_its_district(world, client, district, street):
    """Whatever the address says: a page (200) whose rows all match, or the fields' errors (400)."""
    districts = {"SH-2023-004": "上海市杨浦区", "CD-2023-017": "成都市高新区"}
    response = log_in(client, world, "admin").get(url("round", world.round.pk), {"district": district, "street": street})
    assert response.status_code in (200, 400)
    if response.status_code == 200 and "grid heatmap" in (html := response.content.decode()):
        assert all(not district or districts[code] == district for code in heatmap_codes(html))


@pytest.mark.parametrize("role", ["admin", "committee", "funder", "funder_b", "evaluator", "organization"])
def test_what_a_dashboard_counts_its_reader_may_open(world, role):
    """Drill-down links every result it lists to its result page: those must be readable."""
    from evaluator.web import access

    person = world.users[role]
    counted = set(access.portfolio_evaluations(person).values_list("pk", flat=True))
    assert counted <= set(access.visible_evaluations(person).values_list("pk", flat=True))
    assert bool(counted) is (role in ("admin", "committee", "funder", "funder_b"))

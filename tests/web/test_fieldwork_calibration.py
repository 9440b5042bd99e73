"""The committee's calibration page: the synthetic round of tests/field/rounds.py stored in the platform's
database names the lenient evaluator and the indicator whose anchors need rewriting, in both languages;
only the committee and admins may open it."""

from __future__ import annotations

from django.urls import reverse

from tests.field.rounds import LENIENT, NOISY, round_results
from tests.web.world import log_in


def _store_round():
    from evaluator.store.ingest import ingest
    from evaluator.store.models import Round

    results = round_results("2025-第四届微公益创投")
    for r in results:
        ingest("default", r, r.source.file)
    return Round.objects.get(name="2025-第四届微公益创投")


def test_committee_sees_who_needs_calibration(world, client):
    round_ = _store_round()
    log_in(client, world, "committee")
    index = client.get(reverse("fieldwork:calibration_index")).content.decode()
    assert reverse("fieldwork:calibration", args=[round_.pk]) in index
    page = client.get(reverse("fieldwork:calibration", args=[round_.pk])).content.decode()
    rewrite = page.split("等级描述需要改写的指标")[1].split("需要校准的评估员")[0]
    calibrate = page.split("需要校准的评估员")[1].split("各指标的一致性")[0]
    assert NOISY in rewrite and "10 对" in rewrite
    assert f"<strong>{LENIENT}</strong>: 偏宽" in calibrate
    assert all(name not in calibrate for name in ("王准", "张实", "赵稳"))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("fieldwork:calibration", args=[round_.pk])).content.decode()
    assert "Evaluators who need calibration" in english and f"<strong>{LENIENT}</strong>: lenient" in english


def test_evaluators_and_funders_may_not_see_it(world, client):
    round_ = _store_round()
    for role in ("evaluator", "funder", "organization"):
        log_in(client, world, role)
        assert client.get(reverse("fieldwork:calibration", args=[round_.pk])).status_code == 403

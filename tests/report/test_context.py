"""The project in context (issue 14, item 5): its domains against the round's quartiles when the caller passes
the round, and a trend across its rounds with midterm and final evaluations told apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from evaluator.report.charts.trend import trend_chart
from evaluator.report.context import Milestone, context, peer_rows
from evaluator.report.feedback import feedback_view
from evaluator.store.files import read_result

GOLDEN = Path(__file__).parent / "golden"
NS = {"s": "http://www.w3.org/2000/svg"}


def result():
    return read_result(GOLDEN / "earlier.json")


def test_domains_stand_against_the_rounds_quartiles():
    r = result()
    shares = {d.id: d.points / d.max for d in r.domains}
    peers = [{k: v * f for k, v in shares.items()} for f in (0.5, 0.8, 1.1, 1.2)] + [shares]
    rows = {row.id: row for row in peer_rows(r, peers, "zh")}
    assert set(rows) == set(shares)
    d1 = rows["D1"]
    assert d1.median == d1.share and d1.where == "在中位数与上四分位之间"
    low = peer_rows(r, [dict.fromkeys(shares, 1.0)] * 4, "en")
    assert {row.where for row in low} == {"below the lower quartile"}


def test_fewer_than_three_projects_give_no_quartiles():
    r = result()
    shares = {d.id: d.points / d.max for d in r.domains}
    assert peer_rows(r, [shares, shares], "zh") == []
    assert context(r, "zh", [shares, shares]).projects == 0


def test_the_trend_marks_midterms_hollow_and_finals_solid_at_their_totals():
    chart = trend_chart([("2023", 81.12, "中期", True), ("2024", 88.98, "终期", False)], 100)
    dots = [c for c in ET.fromstring(chart).iterfind("s:circle", NS) if c.get("class") == "total"]
    assert [(float(c.get("data-total")), c.get("fill")) for c in dots] == [(81.12, "white"), (88.98, "#1f4e79")]
    heights = [float(c.get("cy")) for c in dots]
    assert heights[0] > heights[1]     # a higher total stands higher
    with pytest.raises(ValueError):
        trend_chart([], 100)


def test_the_view_carries_the_context_only_when_given():
    r = result()
    assert feedback_view(r, "zh").context.trend is None
    history = [Milestone("2023-第二届", "midterm", 81.12, 100), Milestone("2024-第三届", "final", 88.98, 100)]
    view = feedback_view(r, "zh", history=history)
    assert view.context.trend is not None and "中期" in view.context.trend and "终期" in view.context.trend

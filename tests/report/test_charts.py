"""Charts: well-formed SVG naming the report's font, escaped text, absent series and gaps handled."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.i18n import t
from evaluator.report.charts.domains import LEGEND, paired_bars, radar
from evaluator.report.charts.ladder import PLOT, count_axis, stage_ladder
from evaluator.report.charts.svg import FONT_FAMILY, OFFICIAL, SELF, wrap

NS = {"s": "http://www.w3.org/2000/svg"}
DOMAINS = ["机构治理与专业能力", "项目设计与执行", "财务与资源", "居民参与和协商", "自组织培育", "成效与可持续"]
HOSTILE = '<script>alert("x")</script> & <b>'


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("font-family") == FONT_FAMILY and "Noto Sans SC" in FONT_FAMILY
    assert root.find(".//s:script", NS) is None
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iterfind(".//s:text", NS)]


def series(root: ET.Element, colour: str) -> list[ET.Element]:
    return [p for p in root.iterfind("s:polygon", NS) if p.get("stroke") == colour]


def test_radar_draws_both_outlines_and_labels():
    root = parse(radar(DOMAINS, [0.8, 0.6, 0.9, 0.5, 0.4, 0.7], [0.9, 0.8, 0.9, 0.7, 0.6, 0.8],
                       legend_labels=[t("zh", label) for label in LEGEND]))
    official, own = series(root, OFFICIAL), series(root, SELF)
    assert len(official) == len(own) == 1
    assert len(official[0].get("points").split()) == 6
    assert own[0].get("stroke-dasharray") and not official[0].get("stroke-dasharray")
    assert all(name in "".join(texts(root)) for name in DOMAINS)
    assert {"评估组评定", "自评"} <= set(texts(root))


def test_radar_with_one_series_absent_and_a_gap():
    root = parse(radar(DOMAINS, None, [0.5, None, 0.5, 0.5, 0.5, 0.5], legend_labels=LEGEND))
    assert series(root, OFFICIAL) == []
    assert len(series(root, SELF)[0].get("points").split()) == 5
    assert "Official score" not in texts(root) and "Self-assessment" in texts(root)


def test_radar_without_any_series_is_an_empty_grid():
    root = parse(radar(DOMAINS))
    assert series(root, OFFICIAL) == series(root, SELF) == []


def test_text_is_escaped_everywhere():
    for svg in (radar([HOSTILE, "b", "c"], [0.1, 0.2, 0.3], title=HOSTILE),
                stage_ladder([HOSTILE] * 6, [0, 1, 2, 3, 4, 5]),
                paired_bars([HOSTILE], [0.5], [0.4])):
        root = parse(svg)
        assert "<script>" not in svg
        assert any("<script>" in t for t in texts(root)) or root.find("s:title", NS).text == HOSTILE


def test_stage_ladder_counts_every_stage():
    stages = ["萌芽", "兴趣社群", "稳定活动", "自我管理", "公共参与", "自主运营"]
    root = parse(stage_ladder(stages, [12, 8, 5, 3, 1, 0], level_label="Stage {level}"))
    assert len(root.findall("s:rect", NS)) == 6
    assert {"12", "8", "5", "3", "1", "0", "Stage 1", "Stage 6"} <= set(texts(root))
    assert all(name in texts(root) for name in stages)


def test_paired_bars_show_values_and_dashes():
    root = parse(paired_bars(DOMAINS[:3], [1.0, None, 0.25], [0.5, 0.75, None]))
    bars = root.findall("s:rect", NS)
    assert len(bars) == 4
    assert texts(root).count("—") == 2
    assert {"100%", "25%", "50%", "75%"} <= set(texts(root))


@pytest.mark.parametrize("call", [
    lambda: radar(DOMAINS, [0.5] * 5),
    lambda: radar(DOMAINS, [1.2] * 6),
    lambda: paired_bars(DOMAINS, None, [-0.1] * 6),
    lambda: stage_ladder(["a", "b"], [1]),
])
def test_bad_values_are_refused(call):
    with pytest.raises(ValueError):
        call()


def test_wrap_counts_chinese_as_two_columns():
    assert wrap("机构治理与专业能力", 8) == ["机构治理", "与专业能", "力"]
    assert wrap("", 8) == [""]


def test_stage_ladder_without_counts_shows_only_the_steps():
    root = parse(stage_ladder(["萌芽", "兴趣社群", "自我管理"], level_label="第 {level} 阶段"))
    assert len(root.findall("s:rect", NS)) == 3
    assert set(texts(root)) == {"第 1 阶段", "第 2 阶段", "第 3 阶段", "萌芽", "兴趣社群", "自我管理"}


def bar_heights(svg: str) -> dict[int, float]:
    """Each counted bar's drawn height, by the count it says it shows."""
    return {int(r.get("data-count")): float(r.get("height")) for r in parse(svg).iterfind("s:rect", NS)
            if r.get("class") == "count"}


def test_ladder_bars_are_as_tall_as_their_counts():
    """Issue 14: 11 groups drew shorter than 1, and 0 taller than 2. Heights are now the counts, 0 is 0."""
    svg = stage_ladder(["a", "b", "c", "d", "e", "f"], [1, 11, 0, 2, 0, 5])
    root = parse(svg)
    bars = [r for r in root.iterfind("s:rect", NS) if r.get("class") == "count"]
    heights = [float(r.get("height")) for r in bars]
    top, _ = count_axis(11)
    assert heights == [pytest.approx(PLOT * c / top, abs=0.006) for c in (1, 11, 0, 2, 0, 5)]
    assert heights[2] == heights[4] == 0
    assert heights[1] > heights[5] > heights[3] > heights[0] > 0
    # every bar stands on the same baseline
    assert len({round(float(r.get("y")) + float(r.get("height")), 1) for r in bars}) == 1
    # the axis is counted: ticks from 0 to the axis maximum, and each bar names its count
    assert {"0", str(top)} <= set(texts(root))


@given(st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=8))
def test_ladder_heights_are_proportional_for_any_counts(counts):
    heights = [float(r.get("height")) for r in parse(stage_ladder([f"s{i}" for i in range(len(counts))], counts))
               .iterfind("s:rect", NS) if r.get("class") == "count"]
    top, step = count_axis(max(counts))
    assert top >= max(counts) and top % step == 0 and top // step <= 5
    for count, height in zip(counts, heights, strict=True):
        assert height == pytest.approx(PLOT * count / top, abs=0.006)
        assert (height == 0) == (count == 0)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        stage_ladder(["a"], [-1])

"""Portfolio charts: well-formed SVG in the report's font, text escaped, empty data drawn without error,
and the choices that keep them legible (stacked dots, named lines only while names fit)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from evaluator.report.charts.portfolio import DOWN, UP, shades, slope_chart, stack, stage_bars, strip_plot, tick_step
from evaluator.report.charts.svg import FONT_FAMILY

ZH_STRIP = ("一个项目", "证据不全（暂定）", "四分位与中位数", "平均")

NS = {"s": "http://www.w3.org/2000/svg"}

HOSTILE = '<script>alert("x")</script> & <b>'
BANDS = [("优秀", 85), ("良好", 75), ("合格", 60), ("不合格", 0)]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("font-family") == FONT_FAMILY
    assert root.find(".//s:script", NS) is None
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iterfind(".//s:text", NS)]


def circles(root):
    return root.findall("s:circle", NS)


def test_strip_plot_draws_a_dot_per_project_over_the_grade_bands():
    root = parse(strip_plot([50.8, 67.4, 76.5, 79.1], 100, BANDS, box=(50.8, 63.3, 71.9, 77.2, 79.1, 68.4),
                            hollow=[False, True, False, False], legend=ZH_STRIP))
    dots = circles(root)   # legend marks are inside groups, not among these
    assert len(dots) == 4 and sum(c.get("fill") == "white" for c in dots) == 1
    words = texts(root)
    assert {"优秀", "良好", "合格", "不合格", "0", "60", "75", "85", "100"} <= set(words)
    assert {"一个项目", "证据不全（暂定）", "四分位与中位数", "平均"} <= set(words)
    assert len(root.findall("s:rect", NS)) >= 4 + 1   # the bands and the quartile box


def test_close_totals_stack_instead_of_overlapping():
    assert stack([10, 12, 14, 30], gap=8) == [0, 1, 2, 0]
    assert stack([10, 18], gap=8) == [0, 0]
    assert stack([10, 10, 10], gap=8) == [0, 1, 2]
    root = parse(strip_plot([70.0] * 30, 100))
    heights = {c.get("cy") for c in circles(root)}
    assert len(heights) == 30


def test_strip_plot_of_nothing_and_without_bands():
    root = parse(strip_plot([], 100, legend=ZH_STRIP))
    assert circles(root) == []
    assert "一个项目" in texts(root) and "平均" not in texts(root)   # no box, so no box in the legend
    assert {"0", "50", "100"} <= set(texts(parse(strip_plot([40.0], 100))))   # ticks every tenth


def test_slope_chart_colours_by_direction_and_names_only_a_few_lines():
    root = parse(slope_chart([("P1", 50, 75), ("P2", 70, 60), ("P3", 60, 60)], ("第一届", "第二届"),
                             legend=("提高", "下降")))
    colours = [line.get("stroke") for line in root.findall("s:line", NS) if line.get("stroke-opacity")]
    assert colours.count(UP) == 1 and colours.count(DOWN) == 1 and len(colours) == 3
    assert {"第一届", "第二届", "P1 75.0", "P2 60.0", "提高", "下降"} <= set(texts(root))
    crowd = parse(slope_chart([(f"P{n}", 50 + n % 30, 60 + n % 25) for n in range(100)], ("a", "b")))
    assert not any(t.startswith("P") for t in texts(crowd))


def test_slope_chart_of_nothing():
    root = parse(slope_chart([], ("第一届", "第二届"), legend=("rose", "fell")))
    assert [line for line in root.findall("s:line", NS) if line.get("stroke-opacity")] == []


def test_stage_bars_one_bar_per_stage_and_round():
    root = parse(stage_bars(["萌芽", "兴趣社群", "自我管理"], ["第一届", "第二届"], [[5, 2], [11, 12], [0, 8]]))
    bars = [r for r in root.findall("s:rect", NS) if r.get("height") == "8"]
    assert len(bars) == 3 * 2 + 2   # and the two legend swatches
    assert {"萌芽", "兴趣社群", "自我管理", "第一届", "第二届", "11", "12", "0"} <= set(texts(root))
    with pytest.raises(ValueError):
        stage_bars(["萌芽"], ["第一届", "第二届"], [[1]])


def test_text_is_escaped_everywhere():
    for svg in (strip_plot([50], 100, [(HOSTILE, 0)], legend=[HOSTILE] * 4, title=HOSTILE),
                slope_chart([(HOSTILE, 1, 2)], (HOSTILE, HOSTILE), title=HOSTILE),
                stage_bars([HOSTILE], [HOSTILE], [[1]], title=HOSTILE)):
        root = parse(svg)
        assert "<script>" not in svg and "<b>" not in svg
        assert root.find("s:title", NS).text == HOSTILE


def test_ticks_and_shades():
    assert [tick_step(span) for span in (7, 10, 40, 80, 100, 1000)] == [1, 2, 5, 10, 20, 200]
    assert shades(1) == ["#1f4e79"]
    assert shades(3)[0] == "#c9d8e8" and shades(3)[-1] == "#1f4e79" and len(set(shades(6))) == 6

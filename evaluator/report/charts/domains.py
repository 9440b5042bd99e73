"""A project's domains: the radar of shares and the paired bars of official against self-assessed shares.

Pure functions from plain values to an SVG `Markup` (see `svg.py` for why SVG by hand). Values are
fractions of the maximum (a domain's share of its points); a whole series may be absent (`None`: no
self-assessment yet, or no official score yet) and so may one value (drawn as a gap or a dash).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup

from evaluator.i18n import N_
from evaluator.report.charts.svg import (
    GRID,
    MUTED,
    OFFICIAL,
    SELF,
    legend,
    percent,
    svg,
    text,
    text_lines,
    wrap,
)

LEGEND = (N_("Official score"), N_("Self-assessment"))   # English msgids: callers pass them translated
Values = Sequence[float | None] | None


def _check(name: str, values: Values, n: int) -> None:
    if values is not None and len(values) != n:
        raise ValueError(f"{name} has {len(values)} values for {n} categories")
    for v in values or ():
        if v is not None and not 0 <= v <= 1:
            raise ValueError(f"{name} value {v} is outside 0..1")


def _entries(official: Values, self_assessed: Values, labels: Sequence[str]) -> list[tuple[str, str, bool]]:
    entries = [(labels[0], OFFICIAL, False)] if official is not None else []
    return entries + ([(labels[1], SELF, True)] if self_assessed is not None else [])


def _polar(cx: float, cy: float, radius: float, i: int, n: int) -> tuple[float, float]:
    """Axis i of n, clockwise from twelve o'clock."""
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _outline(values: Sequence[float | None], cx: float, cy: float, r: float, colour: str, dashed: bool) -> str:
    """A series as a closed outline through its present values, with a dot on each."""
    n = len(values)
    points = [_polar(cx, cy, r * v, i, n) for i, v in enumerate(values) if v is not None]
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    fill = f'fill="{colour}" fill-opacity="0.10"' if not dashed else 'fill="none"'
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    shape = (f'<polygon points="{coords}" {fill} stroke="{colour}" stroke-width="1.8"{dash}/>'
             if len(points) > 1 else "")
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{colour}"/>' for x, y in points)
    return shape + dots


def _radar_grid(n: int, cx: float, cy: float, r: float) -> str:
    rings = []
    for step in (0.25, 0.5, 0.75, 1.0):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_polar(cx, cy, r * step, i, n) for i in range(n)))
        rings.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="0.8"/>')
        rings.append(text(cx + 3, cy - r * step + 9, percent(step), size=7, anchor="start", fill=MUTED))
    spokes = "".join(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.8"/>'
                     for x, y in (_polar(cx, cy, r, i, n) for i in range(n)))
    return "".join(rings) + spokes


def _radar_label(lines: list[str], i: int, n: int, cx: float, cy: float, r: float) -> str:
    x, y = _polar(cx, cy, r + 12, i, n)
    dx = x - cx
    anchor = "middle" if abs(dx) < r * 0.2 else ("start" if dx > 0 else "end")
    if y < cy - r * 0.5:
        y -= (len(lines) - 1) * 12.5 + 2
    elif y > cy + r * 0.5:
        y += 10
    else:
        y -= (len(lines) - 1) * 6.25 - 3.5
    return text_lines(x, y, lines, size=10, anchor=anchor)


def _radar_height(lines: list[list[str]], r: float) -> tuple[float, float]:
    """Centre and height that leave room for the labels above and below (long English names wrap to more
    lines than Chinese ones): labels of up to three lines on top and two below fit the basic 380 px."""
    n = len(lines)
    rows = [(len(label), math.sin(-math.pi / 2 + 2 * math.pi * i / n)) for i, label in enumerate(lines)]
    top = max((count for count, y in rows if y < -0.5), default=1)
    bottom = max((count for count, y in rows if y > 0.5), default=1)
    cy = 182 + max(0, top - 3) * 12.5
    return cy, max(380, cy + r + 22 + (bottom - 1) * 12.5 + 36)


def radar(axes: Sequence[str], official: Values = None, self_assessed: Values = None, *,
          legend_labels: Sequence[str] = LEGEND, title: str = "") -> Markup:
    """Domains as spokes, official (solid, filled) and self-assessment (dashed) outlines."""
    n = len(axes)
    _check("official", official, n)
    _check("self_assessed", self_assessed, n)
    lines = [wrap(label, 14) for label in axes]
    width_px, r = 440, 118
    cx, (cy, height_px) = width_px / 2, _radar_height(lines, r)
    body = [_radar_grid(n, cx, cy, r)]
    body += [_radar_label(label, i, n, cx, cy, r) for i, label in enumerate(lines)]
    if self_assessed is not None:
        body.append(_outline(self_assessed, cx, cy, r, SELF, dashed=True))
    if official is not None:
        body.append(_outline(official, cx, cy, r, OFFICIAL, dashed=False))
    body.append(legend(cx, height_px - 10, _entries(official, self_assessed, legend_labels)))
    return svg(width_px, height_px, "".join(body), title or " / ".join(axes))


def _bar(x0: float, y: float, span: float, value: float | None, colour: str, dashed: bool,
         fmt: Callable[[float], str]) -> str:
    if value is None:
        return text(x0 + 4, y + 8, "—", size=9, anchor="start", fill=MUTED)
    w = span * value
    style = f'fill="{colour}"' if not dashed else f'fill="{colour}" fill-opacity="0.45" stroke="{colour}"'
    return (f'<rect x="{x0}" y="{y:.1f}" width="{w:.1f}" height="9" {style} stroke-width="0.8"/>'
            + text(x0 + w + 4, y + 8, fmt(value), size=8.5, anchor="start"))


def paired_bars(labels: Sequence[str], official: Values = None, self_assessed: Values = None, *,
                legend_labels: Sequence[str] = LEGEND, fmt: Callable[[float], str] = percent,
                title: str = "") -> Markup:
    """One row per domain: the official value above the self-assessment, on a common 0-100% scale."""
    n = len(labels)
    _check("official", official, n)
    _check("self_assessed", self_assessed, n)
    wrapped = [wrap(label, 24) for label in labels]
    # two lines of label per row; long (English) names get taller rows rather than losing words
    width_px, label_w, top = 520, 150, 22
    row_h = max([34.0] + [12 * len(lines) + 4 for lines in wrapped])
    x0, span = label_w + 10, width_px - label_w - 60
    height_px = top + n * row_h + 30
    body = []
    for step in (0, 0.25, 0.5, 0.75, 1.0):
        x = x0 + span * step
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + n * row_h}" '
                    f'stroke="{GRID}" stroke-width="0.6"/>')
        body.append(text(x, top - 8, percent(step), size=7.5, fill=MUTED))
    for i, lines in enumerate(wrapped):
        y = top + i * row_h + 5
        body.append(text_lines(label_w, y + 10 - (len(lines) - 1) * 5, lines, size=9.5, anchor="end"))
        if official is not None:
            body.append(_bar(x0, y, span, official[i], OFFICIAL, False, fmt))
        if self_assessed is not None:
            body.append(_bar(x0, y + 12, span, self_assessed[i], SELF, True, fmt))
    body.append(legend(width_px / 2, height_px - 8, _entries(official, self_assessed, legend_labels)))
    return svg(width_px, height_px, "".join(body), title or " / ".join(labels))

"""The portfolio's charts: totals of a round on their grade bands, totals between two rounds, stage counts
per round.

Pure functions from plain values to SVG `Markup`, drawn with `report.charts.svg` like the report's charts. They
must stay legible at a hundred projects: dots stack instead of overlapping, and the slope chart names
its lines only while names can fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup

from evaluator.i18n import N_
from evaluator.report.charts.svg import (
    GRID,
    INK,
    MUTED,
    OFFICIAL,
    svg,
    text,
    text_lines,
    wrap,
)
from evaluator.report.charts.svg import legend as legend_line
from evaluator.text_table import width

UP, DOWN, SAME = OFFICIAL, "#b5522b", MUTED
BAND_FILLS = ("#f4f6f9", "#e4e9f0")
Band = tuple[str, float]   # (grade label, lowest total of the grade)
Box = tuple[float, float, float, float, float, float]   # min, lower quartile, median, upper quartile, max, mean
STRIP_LEGEND = (N_("one project"), N_("evidence missing (provisional)"), N_("quartiles, median"),
                N_("mean"))  # English msgids: callers pass them translated


def _x(value: float, maximum: float, left: float, span: float) -> float:
    return left + span * min(max(value / maximum, 0.0), 1.0) if maximum else left


def stack(xs: Sequence[float], gap: float) -> list[int]:
    """A level for each x (0 = on the axis) so that dots on one level are at least `gap` apart."""
    levels: list[list[float]] = []
    out = []
    for x in xs:
        level = next((n for n, taken in enumerate(levels) if all(abs(x - t) >= gap for t in taken)), len(levels))
        if level == len(levels):
            levels.append([])
        levels[level].append(x)
        out.append(level)
    return out


def _bands(bands: Sequence[Band], maximum: float, left: float, span: float, top: float, bottom: float) -> str:
    """Grade bands as alternating shades, each named at its top, with its lower bound on the axis."""
    parts = []
    ordered = sorted(bands, key=lambda b: b[1])
    for n, (label, low) in enumerate(ordered):
        high = ordered[n + 1][1] if n + 1 < len(ordered) else maximum
        x0, x1 = _x(low, maximum, left, span), _x(high, maximum, left, span)
        parts.append(f'<rect x="{x0:.1f}" y="{top:.1f}" width="{max(x1 - x0, 0):.1f}" height="{bottom - top:.1f}" '
                     f'fill="{BAND_FILLS[n % 2]}"/>')
        room = max(int((x1 - x0) / 5.5), 2)
        parts.append(text((x0 + x1) / 2, top + 11, wrap(label, room)[0], size=8.5, fill=MUTED))
    return "".join(parts)


def _axis(maximum: float, left: float, span: float, y: float, marks: Sequence[float]) -> str:
    parts = [f'<line x1="{left}" y1="{y}" x2="{left + span}" y2="{y}" stroke="{MUTED}" stroke-width="0.8"/>']
    for value in sorted(set(marks)):
        x = _x(value, maximum, left, span)
        parts.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 3}" stroke="{MUTED}" stroke-width="0.8"/>')
        parts.append(text(x, y + 12, f"{value:g}", size=7.5, fill=MUTED))
    return "".join(parts)


def _box(box: Box, maximum: float, left: float, span: float, y: float) -> str:
    """Quartile box, median line and whiskers to the extremes; the mean as a diamond."""
    lo, q1, median, q3, hi, mean = (_x(v, maximum, left, span) for v in box)
    return (f'<line x1="{lo:.1f}" y1="{y:.1f}" x2="{hi:.1f}" y2="{y:.1f}" stroke="{INK}" stroke-width="0.8"/>'
            f'<rect x="{q1:.1f}" y="{y - 5:.1f}" width="{q3 - q1:.1f}" height="10" fill="white" '
            f'stroke="{INK}" stroke-width="0.9"/>'
            f'<line x1="{median:.1f}" y1="{y - 5:.1f}" x2="{median:.1f}" y2="{y + 5:.1f}" stroke="{INK}" '
            'stroke-width="1.8"/>'
            f'<path d="M{mean:.1f},{y - 4:.1f} l4,4 l-4,4 l-4,-4 z" fill="{DOWN}"/>')


def strip_plot(values: Sequence[float], maximum: float, bands: Sequence[Band] = (), *, box: Box | None = None,
               hollow: Sequence[bool] = (), legend: Sequence[str] = STRIP_LEGEND, title: str = "") -> Markup:
    """One dot per project on the scale 0..maximum over the grade bands, and under them the box of `box`.
    `hollow[i]` draws value i as an open dot (a provisional result); `legend` names dot, open dot, box, mean."""
    width_px, left, span, r = 520, 14, 492, 3.6
    xs = [_x(v, maximum, left, span) for v in values]
    order = sorted(range(len(values)), key=lambda i: xs[i])
    levels = dict(zip(order, stack([xs[i] for i in order], 2 * r + 0.6), strict=True))
    rows = max(levels.values(), default=-1) + 1
    top, dots_base = 4, 24 + rows * (2 * r + 0.4)
    axis_y = dots_base + 26
    body = [_bands(bands, maximum, left, span, top, axis_y)]
    for i, x in enumerate(xs):
        y = dots_base - levels[i] * (2 * r + 0.4) - r
        open_dot = i < len(hollow) and hollow[i]
        fill = 'fill="white"' if open_dot else f'fill="{OFFICIAL}" fill-opacity="0.85"'
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {fill} stroke="{OFFICIAL}" stroke-width="0.9"/>')
    if box is not None:
        body.append(_box(box, maximum, left, span, dots_base + 13))
    marks = [0, maximum, *(low for _, low in bands)] if bands else [maximum * k / 10 for k in range(11)]
    body.append(_axis(maximum, left, span, axis_y, marks))
    body.append(_strip_legend(width_px / 2, axis_y + 30, legend, any(hollow), box is not None))
    return svg(width_px, axis_y + 38, "".join(body), title or legend[0])


def _strip_legend(cx: float, y: float, labels: Sequence[str], with_hollow: bool, with_box: bool) -> str:
    marks = [f'<circle cx="0" cy="-3.5" r="3.6" fill="{OFFICIAL}"/>',
             f'<circle cx="0" cy="-3.5" r="3.6" fill="white" stroke="{OFFICIAL}" stroke-width="0.9"/>',
             (f'<rect x="-6" y="-8" width="12" height="9" fill="white" stroke="{INK}" stroke-width="0.9"/>'
             f'<line x1="0" y1="-8" x2="0" y2="1" stroke="{INK}" stroke-width="1.8"/>'),
             f'<path d="M0,-7.5 l4,4 l-4,4 l-4,-4 z" fill="{DOWN}"/>']
    entries = [(m, label) for n, (m, label) in enumerate(zip(marks, labels, strict=True)) if n != 1 or with_hollow]
    entries = entries if with_box else entries[:-2]
    widths = [18 + _em(label) for _, label in entries]
    x = cx - (sum(widths) + 14 * (len(entries) - 1)) / 2
    parts = []
    for (mark, label), w in zip(entries, widths, strict=True):
        parts.append(f'<g transform="translate({x + 6:.1f},{y:.1f})">{mark}</g>')
        parts.append(text(x + 16, y, label, size=8.5, anchor="start"))
        x += w + 14
    return "".join(parts)


def _em(label: str) -> float:
    """Approximate drawn width of a label at 8.5px: wide characters are about twice a Latin one."""
    return width(label) * 4.7


def slope_chart(lines: Sequence[tuple[str, float, float]], ends: tuple[str, str], *,
                legend: tuple[str, str] = (N_("rose"), N_("fell")), title: str = "", named_up_to: int = 16) -> Markup:
    """Each project a line from its total in one round (left) to the next (right): blue up, rust down.
    `lines` are (label, before, after); labels are written only for up to `named_up_to` lines."""
    width_px, x0, x1, top, height = 520, 130, 340, 26, 240
    values = [v for _, a, b in lines for v in (a, b)] or [0.0]
    low, high = _nice_range(min(values), max(values))

    def y(value: float) -> float:
        return top + height - (value - low) / (high - low) * height

    body = [text(x0, 12, ends[0], size=9, weight="bold"), text(x1, 12, ends[1], size=9, weight="bold")]
    step = tick_step(high - low)
    for tick in range(int(low), int(high) + 1, step):
        body.append(f'<line x1="{x0 - 4}" y1="{y(tick):.1f}" x2="{x1 + 4}" y2="{y(tick):.1f}" stroke="{GRID}" '
                    f'stroke-width="0.5"/>')
        body.append(text(x0 - 8, y(tick) + 3, str(tick), size=7.5, anchor="end", fill=MUTED))
    named = len(lines) <= named_up_to
    for _, a, b in lines:
        colour = UP if b > a else DOWN if b < a else SAME
        body.append(f'<line x1="{x0}" y1="{y(a):.1f}" x2="{x1}" y2="{y(b):.1f}" stroke="{colour}" '
                    f'stroke-width="{1.4 if named else 0.9}" stroke-opacity="{1 if named else 0.7}"/>'
                    f'<circle cx="{x0}" cy="{y(a):.1f}" r="2" fill="{colour}"/>'
                    f'<circle cx="{x1}" cy="{y(b):.1f}" r="2" fill="{colour}"/>')
    if named:
        body += _end_labels([(y(b), f"{label} {b:.1f}") for label, _, b in lines], x1 + 8, top, top + height)
    body.append(legend_line((x0 + x1) / 2, top + height + 26, [(legend[0], UP, False), (legend[1], DOWN, False)]))
    return svg(width_px, top + height + 32, "".join(body), title or " → ".join(ends))


def tick_step(span: float, most: int = 8) -> int:
    """A whole 1-2-5 step (1, 2, 5, 10, 20, …) that cuts `span` into at most `most` intervals."""
    magnitude = 10 ** max(math.floor(math.log10(max(span, 1) / most)), 0)
    return next(k * magnitude for k in (1, 2, 5, 10) if span / (k * magnitude) <= most)


def _nice_range(low: float, high: float) -> tuple[float, float]:
    """The values' range widened to multiples of 10 (at least 10 wide), so lines do not touch the frame."""
    low, high = (low // 10) * 10, -((-high) // 10) * 10
    return (low, high) if high > low else (low - 5, low + 5)


def _end_labels(items: list[tuple[float, str]], x: float, top: float, bottom: float) -> list[str]:
    """Labels at the right ends, nudged apart (11px) so that none overlaps the next."""
    placed, last = [], top - 11
    for wanted, label in sorted(items):
        y = max(wanted + 3, last + 11)
        placed.append(text(x, min(y, bottom + 8), wrap(label, 34)[0], size=8, anchor="start"))
        last = y
    return placed


def stage_bars(stages: Sequence[str], rounds: Sequence[str], counts: Sequence[Sequence[int]], *,
               title: str = "") -> Markup:
    """Per stage (a row) one bar per round, darker for later rounds; `counts[stage][round]`."""
    if len(counts) != len(stages) or any(len(row) != len(rounds) for row in counts):
        raise ValueError(f"counts must be {len(stages)} rows of {len(rounds)} rounds")
    width_px, label_w, bar_h = 520, 130, 8
    x0, span = label_w + 10, width_px - label_w - 50
    group = len(rounds) * (bar_h + 1) + 8
    top = 8
    peak = max((c for row in counts for c in row), default=0) or 1
    fills = shades(len(rounds))
    body = []
    for i, (stage, row) in enumerate(zip(stages, counts, strict=True)):
        y = top + i * group
        lines = wrap(stage, 22)[:2]
        body.append(text_lines(label_w, y + group / 2 + 3 - (len(lines) - 1) * 5.6, lines, size=9, anchor="end"))
        for k, count in enumerate(row):
            w = span * count / peak
            by = y + 4 + k * (bar_h + 1)
            body.append(f'<rect x="{x0}" y="{by:.1f}" width="{w:.1f}" height="{bar_h}" fill="{fills[k]}"/>'
                        + text(x0 + w + 4, by + 7, str(count), size=7.5, anchor="start"))
    height = top + len(stages) * group
    body.append(f'<line x1="{x0}" y1="{top}" x2="{x0}" y2="{height}" stroke="{MUTED}" stroke-width="0.8"/>')
    body.append(_round_legend(width_px / 2, height + 16, rounds, fills))
    return svg(width_px, height + 24, "".join(body), title or " / ".join(stages))


def shades(n: int) -> list[str]:
    """n blues from light to the report's dark blue: later rounds darker, distinct in grey print too."""
    light, dark = (0xc9, 0xd8, 0xe8), (0x1f, 0x4e, 0x79)
    if n == 1:
        return ["#{:02x}{:02x}{:02x}".format(*dark)]
    return ["#{:02x}{:02x}{:02x}".format(*(round(a + (b - a) * k / (n - 1)) for a, b in zip(light, dark, strict=True)))
            for k in range(n)]


def _round_legend(cx: float, y: float, rounds: Sequence[str], fills: Sequence[str]) -> str:
    widths = [16 + _em(name) for name in rounds]
    x = cx - (sum(widths) + 14 * (len(rounds) - 1)) / 2
    parts = []
    for name, fill, w in zip(rounds, fills, widths, strict=True):
        parts.append(f'<rect x="{x:.1f}" y="{y - 8}" width="10" height="8" fill="{fill}"/>'
                     + text(x + 14, y, name, size=8.5, anchor="start"))
        x += w + 14
    return "".join(parts)

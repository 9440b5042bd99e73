"""A project's totals across its rounds: one dot per evaluation on a 0-maximum scale, joined in round order,
each labelled with its total and its kind (中期 hollow, 终期 solid), so that a midterm is never read as
the same kind of figure as a final one."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from evaluator.report.charts.svg import (
    GRID,
    MUTED,
    OFFICIAL,
    svg,
    text,
    text_lines,
    wrap,
)

Point = tuple[str, float, str, bool]   # round name, total, kind of evaluation, hollow (not a final evaluation)


def trend_chart(points: Sequence[Point], maximum: float, *, title: str = "") -> Markup:
    """`points` in round order; the y axis runs from 0 to `maximum` in fifths."""
    if not points:
        raise ValueError("a trend needs at least one evaluation")
    width_px, left, right, top, plot = 520.0, 40.0, 20.0, 14.0, 150.0
    base = top + plot
    step = (width_px - left - right) / len(points)

    def y(value: float) -> float:
        return base - plot * min(max(value / maximum, 0.0), 1.0) if maximum else base

    body = []
    for k in range(6):
        tick = maximum * k / 5
        body.append(f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width_px - right}" y2="{y(tick):.1f}" '
                    f'stroke="{GRID}" stroke-width="{0.8 if k == 0 else 0.5}"/>')
        body.append(text(left - 6, y(tick) + 3, f"{tick:g}", size=8, anchor="end", fill=MUTED))
    xs = [left + step * (i + 0.5) for i in range(len(points))]
    path = " ".join(f"{x:.1f},{y(v):.1f}" for x, (_, v, _, _) in zip(xs, points, strict=True))
    if len(points) > 1:
        body.append(f'<polyline points="{path}" fill="none" stroke="{OFFICIAL}" stroke-width="1.4"/>')
    for x, (name, value, kind, hollow) in zip(xs, points, strict=True):
        fill = "white" if hollow else OFFICIAL
        body.append(f'<circle class="total" data-total="{value:g}" cx="{x:.1f}" cy="{y(value):.1f}" r="4" '
                    f'fill="{fill}" stroke="{OFFICIAL}" stroke-width="1.4"/>')
        body.append(text(x, y(value) - 8, f"{value:g}", size=9, weight="bold"))
        body.append(text_lines(x, base + 14, wrap(name, 24)[:2] + [kind], size=8.5))
    return svg(width_px, base + 56, "".join(body), title or " → ".join(p[0] for p in points))

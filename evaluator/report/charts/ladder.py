"""Self-organizations by maturity stage: one bar per stage whose height is the count, on a counted axis.

Heights are proportional to the counts (a stage with no organization has no bar, only its 0), the axis
is marked in whole numbers up to a round maximum, and every bar carries its count, so the distribution
reads the same from the bars and from the figures. Without counts (the handbook shows the ladder before
any organization is counted) the stages are drawn as a ladder of equal steps with no axis: a diagram, not
data.
"""

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

WIDTH, LEFT, RIGHT = 520.0, 34.0, 10.0
BASE, PLOT = 168.0, 130.0      # the baseline's y and the height of the plotting area (the axis maximum)
FILL = "#9fb8d3"


def count_axis(peak: int) -> tuple[int, int]:
    """The axis maximum and step for counts up to `peak`: whole steps of 1, 2, 5, 10, … and at most 5 ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        top = -(-max(peak, 1) // step) * step
        if top // step <= 5:
            return top, step
    step = 10 ** len(str(peak))
    return -(-peak // step) * step, step


def bar_height(count: int, top: int) -> float:
    """The drawn height of a count on an axis whose maximum is `top`: proportional, and 0 for 0."""
    return PLOT * count / top if top else 0.0


def _axis(top: int, step: int) -> str:
    parts = [f'<line x1="{LEFT}" y1="{BASE - PLOT:.1f}" x2="{LEFT}" y2="{BASE}" stroke="{MUTED}" stroke-width="0.8"/>']
    for tick in range(0, top + 1, step):
        y = BASE - bar_height(tick, top)
        parts.append(f'<line x1="{LEFT - 3}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" '
                     f'stroke-width="{0.8 if tick == 0 else 0.5}"/>')
        parts.append(text(LEFT - 6, y + 3, str(tick), size=8, anchor="end", fill=MUTED))
    return "".join(parts)


def stage_ladder(stages: Sequence[str], counts: Sequence[int] | None = None, *,
                 level_label: str = "{level}", title: str = "", unit: str = "") -> Markup:
    """One column per stage, labelled with `level_label` (e.g. "第 {level} 阶段") and the stage's name.
    With `counts`: a bar as tall as the count on an axis named `unit`; without: the ladder as equal steps."""
    if counts is not None and len(stages) != len(counts):
        raise ValueError(f"{len(counts)} counts for {len(stages)} stages")
    if counts is not None and any(c < 0 for c in counts):
        raise ValueError("a count of organizations cannot be negative")
    n = max(len(stages), 1)
    step_w = (WIDTH - LEFT - RIGHT) / n
    body: list[str] = []
    if counts is not None:
        top, step = count_axis(max(counts, default=0))
        body.append(_axis(top, step))
        if unit:
            body.append(text(4, BASE - PLOT - 8, unit, size=8, anchor="start", fill=MUTED))
    else:
        top = 0
        body.append(f'<line x1="{LEFT}" y1="{BASE}" x2="{WIDTH - RIGHT}" y2="{BASE}" stroke="{MUTED}" stroke-width="0.8"/>')
    for i, name in enumerate(stages):
        x = LEFT + i * step_w
        if counts is None:
            h = 22 + 90 / n * (i + 1)
            body.append(f'<rect x="{x + 2:.1f}" y="{BASE - h:.1f}" width="{step_w - 4:.1f}" height="{h:.1f}" '
                        f'fill="#c9d8e8" stroke="{GRID}" stroke-width="0.8"/>')
        else:
            count = counts[i]
            h = bar_height(count, top)
            bar_w = min(step_w - 14, 48)
            body.append(f'<rect class="count" data-count="{count}" x="{x + (step_w - bar_w) / 2:.1f}" '
                        f'y="{BASE - h:.2f}" width="{bar_w:.1f}" height="{h:.2f}" fill="{FILL}"/>')
            body.append(text(x + step_w / 2, BASE - h - 4, str(count), size=11, weight="bold",
                             fill=OFFICIAL if count else MUTED))
        body.append(text(x + step_w / 2, BASE + 13, level_label.format(level=i + 1), size=8.5, fill=MUTED))
        body.append(text_lines(x + step_w / 2, BASE + 26, wrap(name, 14), size=9.5))
    return svg(WIDTH, BASE + 52, "".join(body), title or " / ".join(stages))

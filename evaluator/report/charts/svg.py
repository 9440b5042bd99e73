"""SVG building blocks for the charts: root element, escaped text, wrapping, legend.

Every text goes through `escape`, and the root names the report's font family, because WeasyPrint
draws SVG text with the same fonts as the page only when the family is named.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from evaluator.text_table import width

FONT_FAMILY = "'Noto Sans SC', 'Noto Sans SC Fallback', sans-serif"
OFFICIAL = "#1f4e79"  # the evaluators' (official) values: solid, dark blue
SELF = "#c0762b"      # the organization's own assessment: dashed, ochre
GRID = "#c8ced6"
INK = "#2b2f36"
MUTED = "#6b7280"
# a run of spaces, one wide (Chinese) character, or a word (up to and including a hyphen, where it may break)
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}-]+-?|-")


def svg(width_px: float, height_px: float, body: str, title: str) -> Markup:
    """The root element: fixed size in px (scaled by CSS), the font family, an accessible title."""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width_px:g}" '
        f'height="{height_px:g}" viewBox="0 0 {width_px:g} {height_px:g}" font-family="{FONT_FAMILY}" '
        f'fill="{INK}"><title>{escape(title)}</title>{body}</svg>'
    )


def text(x: float, y: float, content: str, *, size: float = 10, anchor: str = "middle",
         weight: str = "normal", fill: str = INK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>')


def wrap(label: str, limit: int) -> list[str]:
    """Split a label into lines of at most `limit` columns (a Chinese character takes two): Chinese
    breaks between characters, English between words (a word longer than a line between letters)."""
    lines, line, space = [], "", False
    for token in _TOKEN.findall(label):
        if token.isspace():
            space = bool(line)
            continue
        joined = line + (" " if space else "") + token
        if line and width(joined) > limit:
            cut = _word_break(line)
            lines.append(line[:cut])
            joined = line[cut:] + token
        while width(joined) > limit:
            cut = next((n for n in range(len(joined), 1, -1) if width(joined[:n]) <= limit), 1)
            lines.append(joined[:cut])
            joined = joined[cut:]
        line, space = joined, False
    return lines + [line] if line or not lines else lines


# Chinese has no spaces between words: a line breaks after a joining word or a mark (与, 和, 及, 、, ·, ）)
# rather than inside a word ("可持续发/展"), when that leaves the first line at least a third full.
_BREAK_AFTER = "与和及或、，；·）)"


def _word_break(line: str) -> int:
    """Where a full line is best cut: after its last joining character, else at its end."""
    for n in range(len(line) - 1, 0, -1):
        if line[n - 1] in _BREAK_AFTER and width(line[:n]) * 3 >= width(line):
            return n
    return len(line)


def text_lines(x: float, y: float, lines: list[str], *, size: float = 10, anchor: str = "middle",
               weight: str = "normal") -> str:
    return "".join(text(x, y + i * size * 1.25, line, size=size, anchor=anchor, weight=weight)
                   for i, line in enumerate(lines))


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def legend(x: float, y: float, entries: list[tuple[str, str, bool]]) -> str:
    """Horizontal legend centred on x: (label, colour, dashed) per entry."""
    widths = [28 + width(label) * 5.5 for label, _, _ in entries]
    left = x - (sum(widths) + 16 * (len(entries) - 1)) / 2
    parts = []
    for (label, colour, dashed), w in zip(entries, widths, strict=True):
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        parts.append(f'<line x1="{left:.1f}" y1="{y - 3.5:.1f}" x2="{left + 18:.1f}" y2="{y - 3.5:.1f}" '
                     f'stroke="{colour}" stroke-width="2.2"{dash}/>')
        parts.append(text(left + 24, y, label, size=10, anchor="start"))
        left += w + 16
    return "".join(parts)

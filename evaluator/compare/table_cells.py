"""Table cells for the portfolio PDF: plain strings with a CSS class, and how numbers are written.

The view decides every string and class (heat level, up/down); the templates only lay them out.
Numbers are written by `evaluator.numbers`, as every other output writes them: points as published
(2 decimals), shares as percents (1 decimal), changes with a sign and ▲/▼, so that the direction reads
without colour in a black-and-white print; a change that rounds to nothing is the same.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from evaluator.compare.model import Portfolio, ProjectRef
from evaluator.i18n import Lang, pt
from evaluator.numbers import POINT_PLACES, direction, percent, signed
from evaluator.report.phrasing import ts
from evaluator.rubric.bilingual import Text

HEAT_STEPS = (0.5, 0.6, 0.7, 0.8, 0.9)   # heat level n: share below HEAT_STEPS[n] (level 5: 90% and more)


@dataclass(frozen=True)
class Cell:
    text: str
    cls: str = ""      # CSS classes: num, heat-0 … heat-5, up, down, same, none
    sub: str = ""      # a second, smaller line: a project's code, a domain's name


@dataclass(frozen=True)
class Grid:
    """A table the template lays out as is; `widths` are CSS widths of the columns."""

    headers: list[Cell]
    rows: list[list[Cell]]
    widths: list[str]
    cls: str = ""
    more: str = ""     # a line under the table, e.g. how many rows were left out


def change(value: float | None, scale: float = 1.0, places: int = POINT_PLACES) -> Cell:
    """A change as a cell with its direction: ▲ +9.75 / ▼ −3.2 / 0; `scale` 100 turns shares into
    percentage points (written with `places` 1, as shares are); None (not comparable) is a dash."""
    if value is None:
        return Cell("—", "num none")
    value *= scale
    way = direction(value, places)
    if way == "same":
        return Cell("0", "num same")
    return Cell(f"{'▲' if way == 'up' else '▼'} {signed(value, places)}", f"num {way}")


def heat_level(share: float) -> int:
    return sum(share >= step for step in HEAT_STEPS)


def heat(share: float | None) -> Cell:
    if share is None:
        return Cell("—", "num none")
    return Cell(percent(share), f"num heat heat-{heat_level(share)}")


def heat_legend(lang: Lang) -> list[Cell]:
    """The colour scale's steps, lowest first, as swatch cells."""
    bounds = [percent(s).rstrip("%") for s in HEAT_STEPS]
    labels = [ts(lang, "under {bounds}%", bounds=bounds[0])]
    labels += [f"{a}–{b}%" for a, b in itertools.pairwise(bounds)]
    labels += [ts(lang, "{bounds}% or more", bounds=bounds[-1])]
    return [Cell(label, f"heat heat-{n}") for n, label in enumerate(labels)]


def project(ref: ProjectRef, organization: bool = False) -> Cell:
    """The project's name over its code (and implementing organization: long, so only where there is room)."""
    return Cell(ref.name, "project", " · ".join(x for x in (ref.code, organization and ref.organization) if x))


def domains(pf: Portfolio) -> dict[str, Text]:
    """Every domain id in the portfolio, in rubric order, with its name."""
    found: dict[str, Text] = {}
    for r in pf.rounds:
        for d in r.domains:
            found.setdefault(d.id, d.name)
    for r in pf.rounds:   # a domain that applied nowhere has no stored name: its id stands for it
        for m in r.matrix:
            for id in m.not_applicable:
                found.setdefault(id, Text(zh=id, en=id))
    return found


def chunks(items: list, size: int) -> list[list]:
    """`items` in runs of `size` (at least one run, maybe empty): wide tables continue in another table."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def join(lang: Lang, items: list[str]) -> str:
    return pt(lang, "list", ", ").join(items)

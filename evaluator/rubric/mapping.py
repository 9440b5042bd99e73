"""A mapping between two versions of a rubric, so rounds scored with either compare indicator by
indicator (format: docs/field.md).

    from: {id: chengdu-participatory, version: 1.0.0}
    to: {id: chengdu-participatory, version: 1.1.0}
    indicators:
      - {from: D1.09, to: D1.08}                      # renamed (or moved)
      - {from: D5.04, to: [D5.04, D5.08]}             # split: the old one against the new ones together
      - {from: [D2.05, D2.06], to: D2.05}             # merged
      - {from: D3.08, to: D3.08, reweighted: true}    # points changed: compared by share of max
    not_comparable:
      - {from: D6.05, reason: {zh: 计分方法完全不同, en: scored in an entirely different way}}

Each entry makes one compared unit: the share of max of its `from` indicators together (points over
maximum, summed) against that of its `to` indicators together, shown under the `to` ids. An id both
versions have and no entry names maps to itself. An id of one version that maps to nothing is not
comparable and is listed as such, with the reason when one is given; nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field, field_validator

from evaluator.problems import Problem
from evaluator.rubric.loader import Located, _read, _validate
from evaluator.rubric.models import INDICATOR_ID, SEMVER, SLUG
from evaluator.rubric.text import Strict, Text


class Version(Strict):
    id: str = Field(pattern=SLUG)
    version: str = Field(pattern=SEMVER)

    def __str__(self) -> str:
        return f"{self.id} {self.version}"


def _ids(value: object) -> object:
    return [value] if isinstance(value, str) else value


class Link(Strict):
    from_: list[str] = Field(alias="from", min_length=1)
    to: list[str] = Field(min_length=1)
    reweighted: bool = False
    note: Text | None = None

    _from_list = field_validator("from_", mode="before")(_ids)
    _to_list = field_validator("to", mode="before")(_ids)

    @field_validator("from_", "to")
    @classmethod
    def _pattern(cls, ids: list[str]) -> list[str]:
        import re

        bad = [i for i in ids if not re.match(INDICATOR_ID, i)]
        if bad:
            raise ValueError(f"not an indicator id: {', '.join(bad)}")
        return ids


class Gone(Strict):
    from_: str = Field(alias="from", pattern=INDICATOR_ID)
    reason: Text | None = None


class Added(Strict):
    to: str = Field(pattern=INDICATOR_ID)
    reason: Text | None = None


class RubricMapping(Strict):
    from_: Version = Field(alias="from")
    to: Version
    indicators: list[Link] = Field(default_factory=list)
    not_comparable: list[Gone] = Field(default_factory=list)
    new: list[Added] = Field(default_factory=list)


@dataclass
class LoadedMapping:
    path: Path
    mapping: RubricMapping | None
    problems: list[Problem] = field(default_factory=list)


def load_mapping(path: Path) -> LoadedMapping:
    problems: list[Problem] = []
    doc = _read(path, problems)
    if doc is None:
        return LoadedMapping(path, None, problems)
    located = _validate(RubricMapping, doc, (), problems)
    if located is None:
        return LoadedMapping(path, None, problems)
    problems += _check(located)
    return LoadedMapping(path, None if problems else located.value, problems)


def _check(located: Located[RubricMapping]) -> list[Problem]:
    """An id may belong to one unit on each side: named twice, the comparison would count it twice."""
    m = located.value
    out: list[Problem] = []
    for side, attr in (("from", "from_"), ("to", "to")):
        seen: dict[str, int] = {}
        for n, link in enumerate(m.indicators):
            for k, id in enumerate(getattr(link, attr)):
                if id in seen:
                    first = located.doc.line_of(("indicators", seen[id])) or 0
                    out.append(located.at(("indicators", n, side, k), "R010", id=id, first_line=first))
                seen.setdefault(id, n)
        gone = [g.from_ for g in m.not_comparable] if side == "from" else [a.to for a in m.new]
        listing = "not_comparable" if side == "from" else "new"
        for n, id in enumerate(gone):
            if id in seen:
                first = located.doc.line_of(("indicators", seen[id])) or 0
                out.append(located.at((listing, n), "R010", id=id, first_line=first))
    if (m.from_.id, m.from_.version) == (m.to.id, m.to.version):
        out.append(located.at(("to", "version"), "R006", found=m.to.version, expected=[f"≠ {m.from_.version}"]))
    return out

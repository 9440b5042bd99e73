"""Rubric models: the files as written (`RubricFile`, `IndicatorFile`, `LadderFile`) and the resolved
`Rubric` that composes them, which is what templates, the engine and reports use."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from evaluator.rubric.bilingual import Strict, Text
from evaluator.rubric.fields import FIELD_ID, EvidenceField
from evaluator.rubric.rules import Rule

INDICATOR_ID = r"^D[0-9]+\.[0-9]{2}$"
DOMAIN_ID = r"^D[0-9]+$"
SLUG = r"^[a-z0-9][a-z0-9_-]*$"
SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$"
Method = Literal["documents", "interview", "observation", "survey"]
RaterRole = Literal["self", "evaluator", "consensus", "residents", "committee"]


class Reference(Strict):
    """A public publication the rubric draws on, cited by its key from indicators' `source`."""

    key: str = Field(pattern=SLUG)
    author: str = Field(min_length=1)
    title: str = Field(min_length=1)
    venue: str = Field(min_length=1)          # journal, book, publisher or occasion
    year: int = Field(ge=1900, le=2100)
    detail: str | None = None                 # volume, issue, pages, date
    doi: str | None = Field(default=None, pattern=r"^10\.[0-9]{4,9}/\S+$")
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")

    def citation(self) -> str:
        """The reference as a citation: 作者：《题名》，出处，年份，细节，DOI。"""
        parts = [f"{self.author}：《{self.title}》", self.venue, f"{self.year}年"]
        parts += [p for p in (self.detail, self.doi and f"DOI {self.doi}", self.url) if p]
        return "，".join(parts) + "。"

    def short(self) -> str:
        """Author and year, as an indicator's source is named beside it: 江维（2019）."""
        return f"{self.author.split('（')[0].split('；')[0]}（{self.year}）"


class Source(Strict):
    """Where an indicator comes from: the key of a `references` entry, others it also draws on, and
    what exactly was taken from them."""

    ref: str = Field(pattern=SLUG)
    also: list[str] = []
    note: str = Field(min_length=1)


class Guidance(Strict):
    look_at: Text
    methods: list[Method] = Field(min_length=1)


class IndicatorDef(Strict):
    id: str = Field(pattern=INDICATOR_ID)
    name: Text
    meaning: Text
    source: Source
    guidance: Guidance
    evidence: list[EvidenceField] = []
    rule: Rule
    raters: list[str] | None = None
    advice: dict[int, Text]


class IndicatorFile(Strict):
    domain: str = Field(pattern=DOMAIN_ID)
    indicators: list[dict[str, Any]] = Field(min_length=1)  # each validated on its own, so one bad item hides no other


class Criterion(Strict):
    id: str = Field(pattern=SLUG)
    label: Text
    when: str


class Stage(Strict):
    level: int = Field(ge=1)
    name: Text
    description: Text
    criteria: list[Criterion] = Field(min_length=1)


class Ladder(Strict):
    roster_columns: list[EvidenceField] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)


class Rater(Strict):
    id: str = Field(pattern=FIELD_ID)
    role: RaterRole
    label: Text


class Grade(Strict):
    id: str = Field(pattern=SLUG)
    min: float = Field(ge=0)
    label: Text


class RedLine(Strict):
    id: str = Field(pattern=SLUG)
    label: Text
    when: str


class IndicatorRef(Strict):
    id: str = Field(pattern=INDICATOR_ID)
    points: float = Field(gt=0)


class _DomainBase(Strict):
    id: str = Field(pattern=DOMAIN_ID)
    name: Text
    description: Text
    points: float = Field(gt=0)
    not_applicable: Literal["rescale", "zero"] = "rescale"


class DomainRef(_DomainBase):
    indicators: list[IndicatorRef] = Field(min_length=1)


class _RubricBase(Strict):
    id: str = Field(pattern=SLUG)
    version: str = Field(pattern=SEMVER)
    title: Text
    description: Text
    scale: float = Field(gt=0)
    raters: list[Rater] = Field(min_length=1)
    default_raters: list[str] = Field(min_length=1)
    grades: list[Grade] = Field(min_length=2)
    red_lines: list[RedLine] = []
    references: list[Reference] = []


class RubricFile(_RubricBase):
    """A rubric as written: it composes indicator files and a ladder file by relative path."""

    indicator_files: list[str] = Field(min_length=1)
    ladder_file: str
    domains: list[DomainRef] = Field(min_length=1)


class Indicator(IndicatorDef):
    """An indicator placed in a rubric: its definition plus its domain and points."""

    domain: str
    points: float
    raters: list[str]  # resolved: the indicator's own list, or the rubric's default for rating rules


class Domain(_DomainBase):
    indicators: list[Indicator]


class Rubric(_RubricBase):
    """The resolved rubric: everything in one model, the unit that is hashed and scored."""

    domains: list[Domain]
    ladder: Ladder

    @property
    def indicators(self) -> list[Indicator]:
        return [i for d in self.domains for i in d.indicators]

    @property
    def evidence_fields(self) -> dict[str, EvidenceField]:
        return {f.id: f for i in self.indicators for f in i.evidence}

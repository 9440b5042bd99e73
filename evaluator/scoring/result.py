"""The result of scoring one form: what funders act on and organizations argue with.

Schema-versioned and deterministic: the same evidence and rubric give byte-identical JSON. Every
indicator carries a trace that names the cells it used, the comparisons made and a sentence.

Points are published figures: the exact value rounded once, half-up, to 2 decimals. Beside each
published indicator, domain and total figure, `exact` holds the exact value as a reduced fraction
("9/8") or an integer ("3"), from which a reader recomputes every total (docs/scoring.md). A result of
schema /1 is read through `evaluator.scoring.upgrade`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evaluator.evidence import FeedbackItem, Project, RubricRef, Scalar, SourceRef
from evaluator.problems import Problem
from evaluator.rubric.bilingual import Text

SCHEMA = "evaluator.result/2"
Status = Literal["scored", "missing", "not_applicable"]
DomainStatus = Literal["scored", "not_applicable"]
Mode = Literal["evaluation", "self_assessment"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TraceInput(Model):
    id: str
    label: Text
    value: Scalar
    shown: Text           # the value as a person reads it: 85%, 是, 12 人
    cell: str | None      # e.g. "D2!E9"


class Comparison(Model):
    left: float
    op: Literal[">=", "<", "==", "<=", ">"]
    right: float
    holds: bool


class Trace(Model):
    rule: str
    inputs: list[TraceInput]
    value: float | None = None            # the computed measure (ratio, count, share, level, expression)
    comparisons: list[Comparison] = []
    score: float | None = None            # 0-1
    percent: bool = False                 # the measured value reads as a percentage
    sentence: Text


class Rating(Model):
    rater: str
    level: int | None
    cell: str | None


class ThinSample(Model):
    """The measure rests on a sample below the rubric's minimum: the score is capped at `cap`."""

    size: int | None                       # the sample as filled (None: not filled)
    required: int | None                   # the minimum for this population (None: the population is not given)
    population: int | None
    at_least: int
    share: float | None                    # the minimum share of the population, when the rubric asks one
    cap: float                             # the highest score (0-1) the indicator may get: the band below full
    cells: list[str]


class IndicatorResult(Model):
    id: str
    domain: str
    name: Text
    points: float                          # published: half-up to 2 decimals
    exact: str                             # the exact points, "9/8"
    max: float
    status: Status
    level: int | None                      # 0-4: the rating, or the share of points for other rules
    trace: Trace
    ratings: list[Rating] = []             # every rater's level, official or not, side by side
    flags: list[str] = []                  # raters_disagree, blind_spot, hidden_strength
    self_points: float | None = None       # what the organization's own ratings would give
    note: str | None = None                # the evaluators' note on the evidence (source, what was seen)
    thin: ThinSample | None = None         # the sample is below the rubric's minimum


class DomainResult(Model):
    id: str
    name: Text
    status: DomainStatus = "scored"        # not_applicable: no indicator applies; left out of the total's scale
    points: float | None                   # published (None when the domain does not apply)
    exact: str | None                      # the exact points after rescaling
    max: float
    raw_points: float                      # before rescaling for not-applicable indicators
    applicable_max: float
    not_applicable: list[str] = []
    self_points: float | None = None


class RedLineHit(Model):
    id: str
    label: Text
    cells: list[str]


class Grade(Model):
    id: str
    label: Text


class Total(Model):
    points: float                          # published: the exact total rounded once, half-up, to 2 decimals
    exact: str
    max: float
    grade: Grade                           # by the published total, unless a red line is crossed or unanswered
    red_lines: list[RedLineHit] = []       # crossed
    unanswered_red_lines: list[RedLineHit] = []   # not answered: the grade is capped as if crossed, until answered
    provisional: bool                      # some evidence the score depends on is missing


class GradeBand(Model):
    id: str
    label: Text
    min: float


class StageName(Model):
    level: int
    name: Text


class MissingCriterion(Model):
    id: str
    label: Text


class OrganizationResult(Model):
    name: str
    row: int
    stage: int
    stage_name: Text | None
    missing_for_next: list[MissingCriterion]


class Advice(Model):
    indicator: str
    name: Text
    level: int | None
    points: float
    max: float
    advice: Text | None


class Highlights(Model):
    strengths: list[Advice]
    priorities: list[Advice]
    missing_evidence: list[TraceInput] = []   # required evidence left empty: what a reviewer will find missing


class Citation(Model):
    """A publication the rubric draws on, as its references list cites it."""

    key: str
    text: str


class Result(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: str = Field(default=SCHEMA, alias="schema")
    rubric: RubricRef
    source: SourceRef
    project: Project
    mode: Mode
    total: Total
    domains: list[DomainResult]
    indicators: list[IndicatorResult]
    organizations: list[OrganizationResult]
    stage_counts: dict[str, int]
    grades: list[GradeBand]                  # the rubric's grade scale, best first, so readers need no rubric
    stages: list[StageName]                  # the maturity ladder's stage names
    references: list[Citation] = []          # the rubric's sources, cited, so a report can name them
    highlights: Highlights
    feedback: list[FeedbackItem] = []
    problems: list[Problem] = []
    upgraded_from: str | None = None         # read from an older schema: exact values are its rounded figures

    def to_json(self) -> str:
        """Deterministic JSON: fixed field order, readable indentation, UTF-8 Chinese."""
        return self.model_dump_json(indent=2, by_alias=True) + "\n"

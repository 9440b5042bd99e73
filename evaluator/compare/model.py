"""The Portfolio: what a funder sees across rounds and projects, ready to render (Excel now, PDF later).

Plain data, language-neutral (every label is a zh/en `Text`), computed by `compare.compute` from
stored evaluations. Each project counts once per round: its latest final evaluation, else its latest
midterm one; self-assessments are the organization's own view and never enter a comparison.
Shares are fractions of the maximum (0.85 = 85%); changes are `after - before`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evaluator.compare.agreement import RoundCalibration
from evaluator.evidence import RubricRef
from evaluator.rubric.bilingual import Text
from evaluator.scoring.result import Grade, GradeBand

SCHEMA = "evaluator.portfolio/1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Selection(Model):
    rounds: list[str] = []           # as asked; empty: every round in the store
    projects: list[str] = []         # project codes; empty: every project
    evaluation_types: list[Literal["final", "midterm"]] = ["final", "midterm"]   # preference order
    mixed_types: bool = False        # compare a midterm with a final evaluation (labelled); default: like with like


class ProjectRef(Model):
    code: str
    name: str                        # as on the project's most recent form in the selection
    organization: str | None = None  # the implementing organization (执行机构)


class Distribution(Model):
    count: int
    mean: float
    median: float
    min: float
    max: float
    q1: float                        # quartiles, inclusive method (equal to the value for one project)
    q3: float


class GradeCount(Model):
    id: str
    label: Text
    count: int


class DomainCell(Model):
    points: float
    max: float
    share: float


class MatrixRow(Model):
    """One project in one round: the evaluation the comparison uses."""

    evaluation_id: int
    project: ProjectRef
    evaluation_type: str
    version: int
    evaluation_date: dt.date | None = None   # as on the form
    rubric: RubricRef
    total: float
    max: float
    share: float
    grade: Grade
    provisional: bool
    red_lines: int
    domains: dict[str, DomainCell]   # domain id → cell; absent when the rubric has no such domain or it did not apply
    not_applicable: list[str] = []   # domains of the rubric in which nothing applied: left out of the scale


class DomainStat(Model):
    id: str
    name: Text
    max: float
    mean_points: float
    mean_share: float
    count: int


class IndicatorStat(Model):
    id: str
    domain: str
    name: Text
    max: float
    mean_share: float | None         # over projects where it was scored; None if scored nowhere
    mean_points: float | None
    scored: int
    missing: int                     # evidence missing: no points, the result is provisional
    not_applicable: int


class StageCount(Model):
    level: int                       # 0: below the first stage
    name: Text
    count: int


class OrganizationFlow(Model):
    """Self-organizations of projects seen in an earlier round, against that round."""

    projects: int
    up: int
    same: int
    down: int
    new: int                         # named now, not in the project's earlier roster
    gone: int                        # in the earlier roster, not now
    unmatched: int                   # unnamed or ambiguous names: cannot be followed


class RubricUse(Model):
    rubric: RubricRef
    count: int
    grades: list[GradeBand] = []     # the rubric's grade scale, best first; empty if unknown


class RoundView(Model):
    name: str
    projects: int
    distribution: Distribution
    grades: list[GradeCount]         # best grade first
    provisional: int
    red_lines: int                   # evaluations with a red line crossed
    domains: list[DomainStat]        # in rubric order
    matrix: list[MatrixRow]          # highest total first
    indicators: list[IndicatorStat]  # weakest first (lowest mean share; never-scored last)
    stages: list[StageCount]
    organizations: int
    organization_flow: OrganizationFlow | None   # None in a round where no project was seen before
    rubrics: list[RubricUse]


class DomainChange(Model):
    id: str
    name: Text
    before: float | None             # None: the domain is not in that evaluation's rubric
    after: float | None
    change: float | None
    share_before: float | None
    share_after: float | None
    share_change: float | None


class ProjectChange(Model):
    """A project between two consecutive rounds it appears in (within the selection)."""

    project: ProjectRef
    before_round: str
    after_round: str
    total_before: float
    total_after: float
    change: float
    grade_before: Grade
    grade_after: Grade
    domains: list[DomainChange]
    same_rubric: bool
    type_before: str = ""            # midterm | final: a change between different types is not like for like
    type_after: str = ""


class OrganizationStage(Model):
    """A self-organization in a round, with its stage in the project's previous round if it was there."""

    round: str
    project: ProjectRef
    name: str
    row: int
    stage: int
    stage_name: Text
    previous_round: str | None = None
    previous_stage: int | None = None
    change: int | None = None        # None: not followed (first seen, unnamed or ambiguous)


class IndicatorChange(Model):
    """An indicator between two consecutive selected rounds, by indicator id."""

    id: str
    domain: str
    name: Text
    before_round: str
    after_round: str
    share_before: float | None       # mean share of max in each round; None: not in that round's rubric
    share_after: float | None
    change: float | None
    paired_change: float | None      # mean change over projects scored on it in both rounds
    paired: int


class ProjectIndicatorChange(Model):
    """A project's indicator (or mapped unit) between two consecutive rounds it appears in, through the
    rubric version mappings given (`compare.mapped`); `comparable` is False when one version lacks it."""

    project: ProjectRef
    before_round: str
    after_round: str
    id: str
    name: Text
    share_before: float | None       # None: not in that round's rubric, or not scored
    share_after: float | None
    change: float | None
    comparable: bool


class RubricNote(Model):
    """Two rubrics whose results are compared: which indicator ids only one of them has."""

    a: RubricRef
    b: RubricRef
    only_in_a: list[str]
    only_in_b: list[str]
    text: Text


class Portfolio(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: str = Field(default=SCHEMA, alias="schema")
    selection: Selection
    grades: list[Grade]              # every grade seen, best first
    stages: list[StageCount]         # every maturity stage, lowest first; count: organizations over all rounds
    rounds: list[RoundView]          # oldest first
    changes: list[ProjectChange]
    organizations: list[OrganizationStage]
    indicator_changes: list[IndicatorChange]    # per pair of consecutive rounds, most improved first
    rubric_notes: list[RubricNote]
    skipped_rounds: list[str] = []   # selected rounds with no evaluation to compare (e.g. only self-assessments)
    calibration: list[RoundCalibration] = []   # rater agreement per round (compare.agreement), oldest first
    project_indicators: list[ProjectIndicatorChange] = []   # per project, through version mappings (if given)
    unlike_left_out: int = 0         # projects whose consecutive rounds are of different types, not compared

    def round(self, name: str) -> RoundView:
        return next(r for r in self.rounds if r.name == name)

    def improved(self, after_round: str | None = None, limit: int = 10) -> list[IndicatorChange]:
        """Indicators whose mean share rose most (into `after_round`, or into any round)."""
        rising = [(c.change, c) for c in self._changes_into(after_round) if c.change is not None and c.change > 0]
        return [c for _, c in sorted(rising, key=lambda pair: -pair[0])][:limit]

    def fell(self, after_round: str | None = None, limit: int = 10) -> list[IndicatorChange]:
        falling = [(c.change, c) for c in self._changes_into(after_round) if c.change is not None and c.change < 0]
        return [c for _, c in sorted(falling, key=lambda pair: pair[0])][:limit]

    def _changes_into(self, after_round: str | None) -> list[IndicatorChange]:
        return [c for c in self.indicator_changes
                if c.change is not None and after_round in (None, c.after_round)]

    def moved(self, direction: Literal["up", "down"]) -> list[OrganizationStage]:
        sign = 1 if direction == "up" else -1
        return [o for o in self.organizations if o.change is not None and o.change * sign > 0]

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, by_alias=True) + "\n"

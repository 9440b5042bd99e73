"""What the store hands back: one stored evaluation with its scores, as plain frozen records.

Comparisons read these, never `Result` JSON, so comparing hundreds of results stays fast; the full
`Result` is still kept and can be read back with `Store.result(id)` when a report needs the traces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from evaluator.evidence import RubricRef
from evaluator.rubric.text import Text


@dataclass(frozen=True, slots=True)
class DomainScore:
    id: str
    name: Text
    points: float
    max: float


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    id: str
    domain: str
    name: Text
    points: float
    max: float
    status: str                     # scored | missing | not_applicable
    level: int | None


@dataclass(frozen=True, slots=True)
class SelfOrganizationStage:
    """A residents' self-organization (自组织) on an evaluation's roster, and its maturity stage."""

    name: str
    key: str | None                 # the name as matched across rounds; None for an unnamed roster row
    row: int
    stage: int
    stage_name: Text | None


@dataclass(frozen=True, slots=True)
class EvaluationRecord:
    id: int
    project_code: str
    project_name: str
    organization: str | None        # the implementing organization (执行机构)
    round: str
    evaluation_type: str            # self | midterm | final
    version: int                    # 1, 2, … per project, round and evaluation type
    latest: bool                    # the highest version: the one comparisons use
    rubric: RubricRef
    source_file: str
    source_sha256: str
    total: float
    total_max: float
    grade_id: str
    grade: Text
    provisional: bool
    red_lines: int
    ingested_at: dt.datetime
    evaluation_date: dt.date | None = None   # as on the form
    domains: tuple[DomainScore, ...] = ()
    indicators: tuple[IndicatorScore, ...] = ()
    self_organizations: tuple[SelfOrganizationStage, ...] = ()
    stage_counts: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RatedEvaluation:
    """One evaluation's ratings, for rater agreement: indicator → rater id → level, the evaluators named
    on the cover (evaluator A first), and which rater ids play which role."""

    project: str
    evaluators: tuple[str, ...]
    ratings: dict[str, dict[str, int]]
    names: dict[str, Text]                  # indicator → name
    roles: dict[str, str]                   # rater id → self | evaluator | consensus | …

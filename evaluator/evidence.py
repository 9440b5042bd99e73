"""Evidence: what a filled form says, typed and located. The contract between reading and scoring.

The reader (`evaluator.forms`) produces it from a workbook; the engine (`evaluator.scoring`) consumes
it and never looks at a workbook. Every value keeps the cell it came from so a trace can name it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

Scalar = bool | int | float | str | dt.date | None
EvaluationType = Literal["self", "midterm", "final"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CellRef(Model):
    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


class Value(Model):
    """One typed value as read (None when the cell was empty), with the cell it came from."""

    value: Scalar = None
    cell: CellRef | None = None


class RubricRef(Model):
    id: str
    version: str
    sha256: str


class SourceRef(Model):
    file: str
    sha256: str


class Project(Model):
    name: str
    code: str
    organization: str | None = None
    community: str | None = None
    street: str | None = None
    district: str | None = None
    funder: str | None = None
    round: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    budget: float | None = None
    evaluation_type: EvaluationType
    evaluation_date: dt.date | None = None
    evaluators: list[str] = []
    methods: list[str] = []
    evaluating_body: str | None = None   # who evaluated (评估机构), named on the report's cover and sign-off
    assessment: str | None = None        # the evaluators' overall written assessment (总评), on the report's summary


class RosterRow(Model):
    """One resident self-organization: roster column id → value."""

    row: int
    values: dict[str, Value]


class FeedbackItem(Model):
    """The participatory loop: what the evaluators found and how the organization answers."""

    row: int
    indicator: str | None = None
    finding: str | None = None
    response: str | None = None


class Evidence(Model):
    rubric: RubricRef
    source: SourceRef
    project: Project
    values: dict[str, Value]                      # evidence field id → value
    ratings: dict[str, dict[str, Value]]          # indicator id → rater id → level 0-4
    notes: dict[str, Value] = {}                  # indicator id → note / evidence source text
    roster: list[RosterRow] = []
    feedback: list[FeedbackItem] = []

"""What one form's or one result's job takes and gives back: the options of a scoring run, and the small
summaries (`Scored`, `Reported`) a worker returns to the parent. `evaluator.pipeline` does one job,
`evaluator.batch` runs many; both speak these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from evaluator.improvement import Plan
from evaluator.problems import Problem
from evaluator.rubric.bilingual import Text

Status = Literal["scored", "provisional", "failed"]
ReportStatus = Literal["written", "unchanged", "failed"]


class Options(BaseModel):
    model_config = ConfigDict(frozen=True)

    out_dir: Path
    rubric: Path | None = None
    force: bool = False
    strict: bool = False
    report: bool = True
    lang: Literal["zh", "en"] = "zh"
    db: str | None = None         # the store (path or URL) where reports look up the earlier round (None: nowhere)
    staging: Path | None = None   # where workers write results before they get their names (see `staging`)
    plan: Plan | None = None      # an improvement plan read back: its project's report shows the follow-up


class Scored(BaseModel):
    """What the parent keeps of one form."""

    model_config = ConfigDict(frozen=True)

    form: str
    status: Status
    problems: list[Problem] = []
    json_path: str | None = None
    name: str | None = None      # the result's file name stem, before collisions are settled
    report_path: str | None = None
    project: str | None = None
    code: str | None = None
    round: str | None = None
    total: float | None = None
    grade: Text | None = None
    stage_counts: dict[str, int] = {}
    self_assessment: bool = False
    written: str | None = None   # written | unchanged | exists
    report: ReportStatus | None = None


class Reported(BaseModel):
    """What the parent keeps of one report."""

    model_config = ConfigDict(frozen=True)

    result: str                  # the result JSON it was made from
    status: ReportStatus
    path: str | None = None
    problems: list[Problem] = []

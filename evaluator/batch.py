"""Scoring many forms: one process per worker, one form at a time, nothing kept but a summary.

Each form is read, scored and written by a worker; the parent only collects small `Scored`
summaries (so memory stays flat however large the round) and stores results in one place, since
SQLite wants a single writer. One bad form never stops the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from evaluator.problems import Problem
from evaluator.rubric.text import Text

Status = Literal["scored", "provisional", "failed"]


class Options(BaseModel):
    model_config = ConfigDict(frozen=True)

    out_dir: Path
    rubric: Path | None = None
    force: bool = False
    strict: bool = False
    report: bool = True
    lang: Literal["zh", "en"] = "zh"


class Scored(BaseModel):
    """What the parent keeps of one form."""

    model_config = ConfigDict(frozen=True)

    form: str
    status: Status
    problems: list[Problem] = []
    json_path: str | None = None
    report_path: str | None = None
    project: str | None = None
    code: str | None = None
    round: str | None = None
    total: float | None = None
    grade: Text | None = None
    stage_counts: dict[str, int] = {}
    self_assessment: bool = False
    written: str | None = None   # written | unchanged | exists


def forms_in(paths: Iterable[Path]) -> list[Path]:
    """The forms named, folders expanded to their .xlsx files (not recursing, skipping Excel's ~$ lock files)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$"))
        else:
            found.append(path)
    return found


def run(forms: list[Path], options: Options, workers: int = 1) -> Iterator[Scored]:
    """Score every form, yielding summaries as they finish (in completion order with workers > 1)."""
    from evaluator.pipeline import score_form

    if workers <= 1 or len(forms) <= 1:
        for form in forms:
            yield score_form(form, options)
        return
    with ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1, len(forms))) as pool:
        futures = [pool.submit(score_form, form, options) for form in forms]
        for future in as_completed(futures):
            yield future.result()


@dataclass
class Tally:
    scored: int = 0
    provisional: int = 0
    failed: int = 0

    def add(self, item: Scored) -> None:
        setattr(self, item.status, getattr(self, item.status) + 1)

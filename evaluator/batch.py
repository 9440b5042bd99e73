"""Scoring many forms: one process per worker, one form at a time, nothing kept but a summary.

Each form is read, scored and written by a worker; the parent only collects small `Scored`
summaries (so memory stays flat however large the round) and stores results in one place, since
SQLite wants a single writer. One bad form never stops the rest.

Reports are a second phase, after every result is stored: each report can then find the project's
earlier round in the store whatever order the forms finished in. Workers render them, each with one
renderer (fonts and stylesheets) made on its first report and kept for the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from evaluator.problems import Problem
from evaluator.rubric.text import Text

Status = Literal["scored", "provisional", "failed"]
ReportStatus = Literal["written", "unchanged", "failed"]
T = TypeVar("T")
R = TypeVar("R")


class Options(BaseModel):
    model_config = ConfigDict(frozen=True)

    out_dir: Path
    rubric: Path | None = None
    force: bool = False
    strict: bool = False
    report: bool = True
    lang: Literal["zh", "en"] = "zh"
    db: str | None = None         # the store (path or URL) where reports look up the earlier round (None: nowhere)


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
    report: ReportStatus | None = None


class Reported(BaseModel):
    """What the parent keeps of one report."""

    model_config = ConfigDict(frozen=True)

    result: str                  # the result JSON it was made from
    status: ReportStatus
    path: str | None = None
    problems: list[Problem] = []


def forms_in(paths: Iterable[Path]) -> list[Path]:
    """The forms named, folders expanded to their .xlsx files (not recursing, skipping Excel's ~$ lock files)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$"))
        else:
            found.append(path)
    return found


def _pooled(work: Callable[[T, Options], R], items: list[T], options: Options, workers: int) -> Iterator[R]:
    """`work` on every item, in worker processes when asked (yielding in completion order)."""
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield work(item, options)
        return
    with ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1, len(items))) as pool:
        futures = [pool.submit(work, item, options) for item in items]
        for future in as_completed(futures):
            yield future.result()


def run(forms: list[Path], options: Options, workers: int = 1) -> Iterator[Scored]:
    """Score every form, yielding summaries as they finish (in completion order with workers > 1)."""
    from evaluator.pipeline import score_form

    yield from _pooled(score_form, forms, options, workers)


def run_reports(results: list[Path], options: Options, workers: int = 1) -> Iterator[Reported]:
    """Render the report of every result beside its JSON, yielding outcomes as they finish."""
    from evaluator.pipeline import report_beside

    yield from _pooled(report_beside, results, options, workers)


@dataclass
class Tally:
    scored: int = 0
    provisional: int = 0
    failed: int = 0
    reports: int = 0
    reports_failed: int = 0

    def add(self, item: Scored) -> None:
        setattr(self, item.status, getattr(self, item.status) + 1)
        self.reports += item.report in ("written", "unchanged")
        self.reports_failed += item.report == "failed"

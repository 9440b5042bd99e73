"""Problems and names as the pages show them, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.problems import Problem
from evaluator.web.lang import current


@dataclass(frozen=True)
class ProblemRow:
    severity: str     # error | warning
    code: str
    file: str
    where: str        # sheet!cell, line and key, or ""
    message: str


def problem_rows(stored: list[dict]) -> list[ProblemRow]:
    """Stored problems (Problem.model_dump), errors first, each located and worded in the page's language."""
    lang = current()
    rows = []
    for data in stored:
        problem = Problem.model_validate(data)
        loc = problem.location
        if loc.sheet is not None:
            where = f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
        else:
            where = " ".join(x for x in (f"{loc.line}" if loc.line else "", loc.key or "") if x)
        rows.append(ProblemRow(problem.severity, problem.code, loc.file, where, problem.message(lang)))
    return sorted(rows, key=lambda r: r.severity != "error")

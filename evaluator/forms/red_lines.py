"""Red-line questions (一票否决) must be answered: a blank one cannot be taken as "not crossed".

On a midterm or final evaluation a blank red-line answer is an error at its cell (`evaluator check`
fails, nothing is scored); on a self-assessment it is a warning, and the predicted grade is capped as
the engine caps it for any unanswered red line.
"""

from __future__ import annotations

from evaluator.i18n import LANGS
from evaluator.evidence import Evidence
from evaluator.expressions import compiled
from evaluator.problems import Location, Problem, Severity
from evaluator.rubric.models import Rubric


def unanswered_red_lines(rubric: Rubric, evidence: Evidence, shown: str) -> list[Problem]:
    """One problem per empty evidence cell a red line reads, located at the cell."""
    severity: Severity = "warning" if evidence.project.evaluation_type == "self" else "error"
    types = {k: f.type for k, f in rubric.evidence_fields.items()}
    owners = {f.id: i.id for i in rubric.indicators for f in i.evidence}
    problems = []
    for line in rubric.red_lines:
        for name in compiled(line.when, types).references:
            held = evidence.values.get(name)
            if held is None or held.value is not None or held.cell is None:
                continue
            field = rubric.evidence_fields[name]
            label = {lang: f"{owners[name]} {field.label(lang)}" for lang in LANGS}
            location = Location(file=shown, sheet=held.cell.sheet, cell=held.cell.cell)
            problems.append(Problem(code="F036", severity=severity, location=location,
                                    params={"label": label, "red_line": line.label.model_dump()}))
    return problems


def replacing(problems: list[Problem], red: list[Problem]) -> list[Problem]:
    """`problems` with the red-line problems in place of the plain "required evidence empty" warnings
    of the same cells, keeping the reading order."""
    cells = {(p.location.sheet, p.location.cell): p for p in red}
    out = [cells.pop((p.location.sheet, p.location.cell), p) if p.code == "F034" else p for p in problems]
    return out + list(cells.values())

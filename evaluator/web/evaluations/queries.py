"""What the evaluator's pages list: their assignments with the latest upload and result of each."""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.store.models import Evaluation
from evaluator.web import access
from evaluator.web.evaluations.models import Submission
from evaluator.web.rounds.models import Assignment


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    submission: Submission | None
    evaluation: Evaluation | None


def assignment_rows(user) -> list[AssignmentRow]:
    assignments = list(access.my_assignments(user).select_related("project", "round", "project__organization"))
    ids = [a.pk for a in assignments]
    latest_upload: dict[int, Submission] = {}
    for s in Submission.objects.filter(assignment_id__in=ids).defer("data").order_by("uploaded_at", "pk"):
        latest_upload[s.assignment_id] = s
    keys = {(a.project_id, a.round_id, a.evaluation_type) for a in assignments}
    found = Evaluation.objects.filter(latest=True, project_id__in={k[0] for k in keys}).only(
        "pk", "project_id", "round_id", "evaluation_type", "total_points", "grade_zh", "grade_en")
    evaluations = {(e.project_id, e.round_id, e.evaluation_type): e for e in found}
    return [AssignmentRow(a, latest_upload.get(a.pk), evaluations.get((a.project_id, a.round_id, a.evaluation_type)))
            for a in assignments]

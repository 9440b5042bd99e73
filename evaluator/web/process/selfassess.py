"""自评 on the platform: the organization downloads its project's self-assessment form (the cover filled
in, evaluation type 自评), uploads it, sees the located problems, and — when it reads without errors — its
readiness report (the result page of the self-assessment). It may upload again until the round's
self-assessment deadline; each upload is kept, and the latest scored one is the self-assessment the
evaluators see beside their ratings."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone

from evaluator.forms.prefill import prefill
from evaluator.problems import errors
from evaluator.store.models import Project, Round
from evaluator.web.audit.log import record
from evaluator.web.evaluations import checking, submissions
from evaluator.web.evaluations.models import Submission
from evaluator.web.process import flow, notify
from evaluator.web.uploads import Upload


def open_for(round_: Round) -> bool:
    until = flow.schedule_of(round_).self_assessment_until
    return until is None or timezone.now() < until


def cover(project: Project, round_: Round) -> dict[str, Any]:
    return {"code": project.code, "name": project.name,
            "organization": project.organization.name if project.organization else None,
            "community": project.community, "street": project.street, "district": project.district,
            "funder": project.funder, "round": round_.name, "evaluation_type": "self"}


def self_form_bytes(project: Project, round_: Round, lang: str) -> bytes:
    from evaluator.web.evaluations.views import _template

    loaded = checking.round_rubric(round_)
    from evaluator.web.evaluations.views import round_rubric_by_key

    loaded = loaded or round_rubric_by_key("", "")
    blank = _template(loaded.sha256 or "", lang, (round_.rubric_id, round_.rubric_version))
    return prefill(blank, cover(project, round_))


def upload(project: Project, round_: Round, user: Any, received: Upload) -> Submission:
    """Keep, check and (without errors) score the organization's self-assessment form."""
    if not open_for(round_):
        until = flow.schedule_of(round_).self_assessment_until
        raise flow.ProcessRefused([flow._problem("V008", "form", deadline=timezone.localtime(until).strftime(
            "%Y-%m-%d %H:%M") if until else "—")])
    submission = Submission.objects.create(
        file_name=received.name, sha256=hashlib.sha256(received.data).hexdigest(), size=len(received.data),
        data=received.data, kind="self", uploaded_by=user, round=round_, project=project)
    record(user, "submission.upload", submission, file=received.name, sha256=submission.sha256, kind="self")
    reading = checking.read_bytes(received.data, received.name, checking.round_rubric(round_))
    problems = list(reading.problems) + checking.mismatches(reading, received.name, project.code, round_.name, "self")
    submission.state = "refused" if errors(problems) else "checked"
    submission.problems = [p.model_dump(mode="json") for p in problems]
    submission.save(update_fields=["state", "problems"])
    if submission.state == "checked":
        evaluation = submissions.score(submission, user, reading)
        if evaluation is not None:
            _tell_evaluators(project, round_)
    return submission


def _tell_evaluators(project: Project, round_: Round) -> None:
    from django.contrib.auth.models import User
    from django.urls import reverse

    from evaluator.web.rounds.models import Assignment

    people = User.objects.filter(pk__in=Assignment.objects.filter(project=project, round=round_).values("evaluator_id"))
    notify.send(people, "self", None, reverse("evaluations:assignments"), {
        "project": f"{project.code} {project.name}", "round": round_.name,
        "organization": project.organization.name if project.organization else ""})

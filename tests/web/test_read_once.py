"""Upload-to-scored reads a form once (issue 12, performance): the check scores it and keeps the result, the
score request stores that result. What is stored is what reading the form again would have given; a kept
result made with another rubric than the one the form would be read against now is not used."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.web.test_flow import latest_submission, upload
from tests.web.world import log_in, reopen


@pytest.fixture
def reads(monkeypatch):
    """Every form read through the platform's door, counted (the real reader does the reading)."""
    from evaluator.web.evaluations import checking

    seen: list[str] = []
    real = checking.read_form

    def counted(path, rubric=None):
        seen.append(str(path))
        return real(path, rubric)

    monkeypatch.setattr(checking, "read_form", counted)
    return seen


def _fresh_result(submission) -> dict:
    from evaluator.web.evaluations import checking

    reading = checking.read_bytes(bytes(submission.data), submission.file_name, checking.round_rubric(submission.round))
    return json.loads(checking.score(reading).to_json())


def test_upload_to_scored_reads_the_form_once_and_stores_what_a_second_reading_gives(world, client, reads):
    from evaluator.store.models import Evaluation
    from evaluator.web.evaluations.models import CheckedResult
    from tests.web.test_uploads import changed_form

    reopen(world)      # the world's result is under review; a returned evaluation takes new versions
    log_in(client, world, "evaluator")
    upload(client, world, "v2.xlsx", changed_form())
    submission = latest_submission()
    assert submission.state == "checked" and len(reads) == 1
    assert CheckedResult.objects.filter(submission=submission).exists()
    client.post(reverse("evaluations:score", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.state == "scored" and len(reads) == 1
    stored = Evaluation.objects.get(pk=submission.evaluation_id)
    assert stored.result == _fresh_result(submission)
    assert not CheckedResult.objects.filter(submission=submission).exists()   # kept only until scored


def test_a_result_kept_with_another_rubric_is_not_used(world, client, reads):
    from evaluator.store.models import Evaluation
    from evaluator.web.evaluations.models import CheckedResult
    from tests.web.test_uploads import changed_form

    reopen(world)      # the world's result is under review; a returned evaluation takes new versions
    log_in(client, world, "evaluator")
    upload(client, world, "v2.xlsx", changed_form())
    submission = latest_submission()
    kept = CheckedResult.objects.get(submission=submission)
    forged = json.loads(kept.result)
    forged["total"]["points"] = 1.0        # a result no reading of this form gives
    CheckedResult.objects.filter(pk=kept.pk).update(rubric_sha256="0" * 64, result=json.dumps(forged))
    client.post(reverse("evaluations:score", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.state == "scored" and len(reads) == 2               # read again
    assert Evaluation.objects.get(pk=submission.evaluation_id).result == _fresh_result(submission)


def test_a_refused_form_keeps_no_result(world, client):
    from evaluator.web.evaluations.models import CheckedResult
    from tests.web.world import sample_bytes

    log_in(client, world, "evaluator")
    upload(client, world, "mistakes.xlsx", sample_bytes("invalid/mistakes.xlsx"))
    submission = latest_submission()
    assert submission.state == "refused"
    assert not CheckedResult.objects.filter(submission=submission).exists()

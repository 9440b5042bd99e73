"""A small world for the web tests: two rounds, three projects of three organizations, a funder for each
round, and one person per role (plus a second evaluator, organization and funder who must be refused)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from evaluator.forms.reader import read_form
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ROLES = ("anonymous", "admin", "evaluator", "evaluator_b", "committee", "organization", "organization_b",
         "funder", "funder_b")


@functools.lru_cache(maxsize=16)
def scored(name: str) -> Result:
    reading = read_form(SAMPLES / name)
    assert reading.evidence is not None and reading.rubric is not None, [p.render("en") for p in reading.problems]
    return evaluate(reading.rubric.rubric, reading.evidence, reading.problems)


@functools.lru_cache(maxsize=16)
def sample_bytes(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@dataclass
class World:
    users: dict
    evaluation: object       # CD-2023-017 in the 2024 round (jt-estate-2024), assigned to `evaluator`
    other: object            # SH-2023-004 in the 2024 round, another organization, nobody assigned
    assignment: object
    submission: object       # evaluator's upload of jt-estate-2024.xlsx, checked
    batch: object
    round: object
    earlier_round: object
    review: object           # the review of `evaluation`: published, its period open (issue 13)
    appeal: object           # the organization's appeal of it, with one evidence file
    appeal_file: object


def user(username: str, *roles: str, **profile):
    from django.contrib.auth.models import Group, User

    from evaluator.web.accounts.models import Profile

    made = User.objects.create(username=username)
    made.set_unusable_password()
    made.save()
    for role in roles:
        made.groups.add(Group.objects.get(name=role))
    if profile:
        Profile.objects.create(user=made, **profile)
    return made


def ingest(name: str):
    """Store a sample's result, approved by the committee (so organizations and funders read it)."""
    from evaluator.store.ingest import ingest as store
    from evaluator.store.models import Evaluation

    evaluation = Evaluation.objects.get(pk=store("default", scored(name), name).evaluation_id)
    approve(evaluation)
    return evaluation


def approve(evaluation, state: str = "approved"):
    """The evaluation's review in `state` (the review process of issue 13), this version under review."""
    from evaluator.web.process.models import Review

    review, _ = Review.objects.update_or_create(
        project=evaluation.project, round=evaluation.round, evaluation_type=evaluation.evaluation_type,
        defaults={"evaluation": evaluation, "state": state})
    return review


def reopen(world: World) -> None:
    """The world's evaluation returned to its evaluator, who may upload new versions of it again."""
    from evaluator.web.process.models import Review

    Review.objects.filter(pk=world.review.pk).update(state="returned")


def build() -> World:
    from evaluator.web.evaluations import submissions
    from evaluator.web.evaluations.models import Batch
    from evaluator.web.rounds.models import Assignment, Funder, RoundFunder
    from evaluator.web.uploads import Upload

    evaluation = ingest("jt-estate-2024.xlsx")
    other = ingest("sh-microrenewal-2024.xlsx")
    earlier = ingest("xhy-oldcity-2023.xlsx")
    round_, earlier_round = evaluation.round, earlier.round
    funder, funder_b = Funder.objects.create(name="资助方甲"), Funder.objects.create(name="资助方乙")
    RoundFunder.objects.create(round=round_, funder=funder)
    RoundFunder.objects.create(round=earlier_round, funder=funder_b)
    users = {
        "anonymous": None,
        "admin": user("admin", "admin"),
        "evaluator": user("eva", "evaluator"),
        "evaluator_b": user("evb", "evaluator"),
        "committee": user("committee", "committee"),
        "organization": user("org", "organization", organization=evaluation.project.organization),
        "organization_b": user("orgb", "organization", organization=earlier.project.organization),
        "funder": user("funder", "funder", funder=funder),
        "funder_b": user("funderb", "funder", funder=funder_b),
    }
    assignment = Assignment.objects.create(evaluator=users["evaluator"], project=evaluation.project, round=round_,
                                           evaluation_type="final")
    Assignment.objects.create(evaluator=users["evaluator_b"], project=earlier.project, round=earlier_round,
                              evaluation_type="midterm")
    submission = submissions.receive(Upload("jt-estate-2024.xlsx", sample_bytes("jt-estate-2024.xlsx")),
                                     users["evaluator"], assignment=assignment)
    submissions.check(submission)
    batch = Batch.objects.create(round=round_, uploaded_by=users["evaluator"], state="done")
    review, appeal, appeal_file = released(evaluation, other, earlier, users["organization"])
    return World(users, evaluation, other, assignment, submission, batch, round_, earlier_round, review, appeal,
                 appeal_file)


def released(evaluation, other, earlier, organization):
    """The review process: the world's results approved (so organizations and funders read them), the
    evaluation's published with its period open, and appealed by its organization."""
    import datetime

    from django.utils import timezone

    from evaluator.web.process.models import Appeal, AppealFile, Review, RoundSchedule

    now = timezone.now()
    approve(evaluation, "published")
    RoundSchedule.objects.create(round=evaluation.round, publication_starts=now - datetime.timedelta(days=1),
                                 publication_ends=now + datetime.timedelta(days=10),
                                 appeals_decided_by=now + datetime.timedelta(days=20))
    review = Review.objects.get(evaluation=evaluation)
    appeal = Appeal.objects.create(review=review, indicators=["D1.06"], reason="新证据", filed_by=organization,
                                   filed_at=now, before=evaluation)
    appeal_file = AppealFile.objects.create(appeal=appeal, file_name="证明.txt", sha256="0" * 64, size=3, data=b"abc")
    return review, appeal, appeal_file


def log_in(client, world: World, role: str):
    if world.users.get(role) is not None:
        client.force_login(world.users[role])
    return client

"""The review process through the test client, on SQLite and on PostgreSQL: upload → submit → return with
reasons → resubmit → approval refused until consensus → consensus re-scores → approve → 公示 → appeal →
revision re-scores with before/after → the period ends → final, and then every change is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.web.world import build, log_in, sample_bytes, scored


@pytest.fixture
def cycle(db_any, monkeypatch):
    """The world, less the review process it was given: the evaluator's form not reviewed yet. Mail goes
    to Django's test outbox (the locmem backend the test environment sets)."""
    from django.conf import settings

    from evaluator.web.process.models import Appeal, Review, RoundSchedule

    monkeypatch.setattr(settings, "EVALUATOR_MAIL", True, raising=False)
    mail.outbox = []
    world = build()
    Appeal.objects.all().delete()
    Review.objects.filter(pk=world.review.pk).delete()
    RoundSchedule.objects.all().delete()
    for role in ("committee", "evaluator", "organization"):
        person = world.users[role]
        person.email = f"{role}@example.org"
        person.save()
    return world


def upload_and_score(client, world, name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluator.web.evaluations.models import Submission

    client.post(reverse("evaluations:upload", args=[world.assignment.pk]),
                {"form": SimpleUploadedFile(name, data, content_type="application/octet-stream")})
    submission = Submission.objects.order_by("-pk").first()
    if submission.state == "checked":
        client.post(reverse("evaluations:score", args=[submission.pk]))
        submission.refresh_from_db()
    return submission


def review_of(world):
    from evaluator.web.process.models import Review

    return Review.objects.get(project=world.evaluation.project, round=world.round, evaluation_type="final")


def move(client, review, action: str, **data):
    return client.post(reverse("process:move", args=[review.pk, action]), data, follow=True)


def page_text(response) -> str:
    return response.content.decode()


def test_the_whole_review_cycle(cycle, client):
    from evaluator.web.audit.models import AuditEvent
    from evaluator.web.process.models import Notification, ReviewEvent

    w = cycle
    log_in(client, w, "evaluator")
    submission = upload_and_score(client, w, "jt.xlsx", sample_bytes("jt-estate-2024.xlsx"))
    assert submission.state == "scored"
    review = review_of(w)
    assert review.state == "draft" and review.evaluation_id == submission.evaluation_id

    # organization and funder do not read a draft
    for role in ("organization", "funder"):
        assert log_in(client, w, role).get(reverse("evaluations:result", args=[review.evaluation_id])).status_code == 403

    log_in(client, w, "evaluator")
    move(client, review, "submit")
    review.refresh_from_db()
    assert review.state == "submitted"
    assert Notification.objects.filter(user=w.users["committee"], kind="review", done=False).exists()
    assert any("committee@example.org" in m.to for m in mail.outbox)

    # the committee returns it: without a reason refused, with one per indicator accepted
    log_in(client, w, "committee")
    page = page_text(move(client, review, "return"))
    review.refresh_from_db()
    assert review.state == "submitted" and "V005" in page
    move(client, review, "return", return_indicator_1="D1.06", return_reason_1="访谈记录缺少居民原话")
    review.refresh_from_db()
    assert review.state == "returned"
    event = ReviewEvent.objects.filter(review=review, action="return").get()
    assert event.actor == w.users["committee"] and event.indicators == {"D1.06": "访谈记录缺少居民原话"}
    assert Notification.objects.filter(user=w.users["evaluator"], kind="returned", done=False).exists()
    home = page_text(log_in(client, w, "evaluator").get(reverse("home")))
    assert "访谈记录缺少居民原话" in home and reverse("process:review", args=[review.pk]) in home

    move(client, review, "resubmit", reason="已补充访谈记录")
    review.refresh_from_db()
    assert review.state == "resubmitted"

    # approval waits for consensus on D1.06 (A 1, B 3)
    log_in(client, w, "committee")
    page = page_text(move(client, review, "approve"))
    review.refresh_from_db()
    assert review.state == "resubmitted" and "V006" in page and "D1.06" in page
    before = review.evaluation
    response = client.post(reverse("process:consensus", args=[review.pk]), {"level_D1.06": "2", "why_D1.06": ""},
                           follow=True)
    assert "V005" in page_text(response)
    client.post(reverse("process:consensus", args=[review.pk]),
                {"level_D1.06": "2", "why_D1.06": "复核访谈记录后，两位评估员同意 2 级"})
    review.refresh_from_db()
    after = review.evaluation
    assert after.pk != before.pk and after.version == before.version + 1
    d106 = next(i for i in after.result["indicators"] if i["id"] == "D1.06")
    assert "raters_disagree" not in d106["flags"] and d106["level"] == 2
    assert {r["rater"]: r["level"] for r in d106["ratings"]}["consensus"] == 2
    move(client, review, "approve")
    review.refresh_from_db()
    assert review.state == "approved"

    # released: the organization and the funder read the approved version, not the earlier ones
    for role in ("organization", "funder"):
        log_in(client, w, role)
        assert client.get(reverse("evaluations:result", args=[after.pk])).status_code == 200
        assert client.get(reverse("evaluations:result", args=[before.pk])).status_code == 403

    # 公示
    log_in(client, w, "committee")
    ends = timezone.localtime() + datetime.timedelta(days=7)
    client.post(reverse("process:publish", args=[w.round.pk]),
                {"publication_ends": ends.strftime("%Y-%m-%dT%H:%M")})
    review.refresh_from_db()
    assert review.state == "published"
    client.logout()
    public = page_text(client.get(reverse("process:public")))
    assert w.evaluation.project.code in public and after.grade_zh in public
    for personal in ("王某某", "周某某", "committee@example.org", "organization@example.org"):
        assert personal not in public

    # 复核: the organization appeals D1.06 with new evidence; the committee revises it to 3
    from django.core.files.uploadedfile import SimpleUploadedFile

    log_in(client, w, "organization")
    response = client.post(reverse("process:appeal", args=[review.pk]), {
        "indicators": ["D1.06"], "reason": "补充协议已于 2025 年 2 月签订",
        "evidence": [SimpleUploadedFile("补充协议.pdf", b"%PDF-1.4 demo")]})
    from evaluator.web.process.models import Appeal

    appeal = Appeal.objects.get(review=review)
    assert response.status_code == 302 and appeal.files.get().file_name == "补充协议.pdf"
    log_in(client, w, "committee")
    client.post(reverse("process:appeal_decide", args=[appeal.pk]),
                {"decision_action": "revise", "level_D1.06": "3", "decision": "新证据表明补充协议已签订，改为 3 级"})
    appeal.refresh_from_db()
    review.refresh_from_db()
    assert appeal.state == "revised" and review.evaluation_id == appeal.after_id != after.pk
    change = next(c for c in appeal.changes if c["indicator"] == "D1.06")
    assert (change["before_level"], change["after_level"]) == (2, 3)
    total = next(c for c in appeal.changes if c["indicator"] == "total")
    assert total["after"]["exact"] != total["before"]["exact"]
    decided = page_text(client.get(reverse("process:appeal_decide", args=[appeal.pk])))
    assert "总分" in decided and "total" not in decided   # the total's row in the page's language
    history = page_text(log_in(client, w, "organization").get(reverse("process:history", args=[review.pk])))
    assert "L2 → L3" in history and "补充协议已于 2025 年 2 月签订" in history

    # the period ends: final
    from evaluator.web.process.models import RoundSchedule

    RoundSchedule.objects.filter(round=w.round).update(publication_ends=timezone.now() - datetime.timedelta(minutes=1))
    assert page_text(client.get(reverse("process:history", args=[review.pk]))).count("最终结果") >= 1
    review.refresh_from_db()
    assert review.state == "final"
    assert ReviewEvent.objects.filter(review=review, action="finalize", role="system").count() == 1
    actions = set(AuditEvent.objects.filter(object_type="process.review").values_list("action", flat=True))
    assert {"review.submit", "review.return", "review.resubmit", "review.consensus", "review.approve",
            "review.publish", "review.appeal", "review.revise", "review.finalize"} <= actions


@pytest.fixture
def locked(cycle):
    """The world's evaluation final: reviewed from its upload, published, the period over."""
    from evaluator.web.evaluations import submissions
    from evaluator.web.process.models import Appeal, Review, RoundSchedule
    from evaluator.web.uploads import Upload

    w = cycle
    submission = submissions.receive(Upload("jt.xlsx", sample_bytes("jt-estate-2024.xlsx")), w.users["evaluator"],
                                     assignment=w.assignment)
    submissions.check(submission)
    evaluation = submissions.score(submission, w.users["evaluator"])
    review = Review.objects.get(evaluation=evaluation)
    Review.objects.filter(pk=review.pk).update(state="published")
    now = timezone.now()
    RoundSchedule.objects.create(round=w.round, publication_starts=now - datetime.timedelta(days=8),
                                 publication_ends=now - datetime.timedelta(days=1))
    appeal = Appeal.objects.create(review=review, indicators=["D1.06"], reason="x", filed_by=w.users["organization"],
                                   filed_at=now - datetime.timedelta(days=2), before=evaluation, state="upheld",
                                   decision="维持", decided_by=w.users["committee"],
                                   decided_at=now - datetime.timedelta(days=1, hours=1))
    review.refresh_from_db()
    return w, review, appeal


def test_an_appeal_still_to_decide_keeps_the_result_open_until_it_is_decided(cycle, client):
    """The period ends with an appeal filed in it: the result stays published (the committee may still
    revise it, re-scored through the store); once decided, it is final."""
    from evaluator.web.evaluations import submissions
    from evaluator.web.process.flow import settle
    from evaluator.web.process.models import Appeal, Review, RoundSchedule
    from evaluator.web.uploads import Upload

    w = cycle
    submission = submissions.receive(Upload("jt.xlsx", sample_bytes("jt-estate-2024.xlsx")), w.users["evaluator"],
                                     assignment=w.assignment)
    submissions.check(submission)
    evaluation = submissions.score(submission, w.users["evaluator"])
    review = Review.objects.get(evaluation=evaluation)
    Review.objects.filter(pk=review.pk).update(state="published")
    now = timezone.now()
    RoundSchedule.objects.create(round=w.round, publication_starts=now - datetime.timedelta(days=8),
                                 publication_ends=now - datetime.timedelta(hours=1))
    appeal = Appeal.objects.create(review=review, indicators=["D1.06"], reason="新证据", filed_by=w.users["organization"],
                                   filed_at=now - datetime.timedelta(days=2), before=evaluation)
    review.refresh_from_db()
    assert settle(review).state == "published"
    log_in(client, w, "organization")           # the period is over: no new appeal
    page = page_text(client.post(reverse("process:appeal", args=[review.pk]),
                                 {"indicators": ["D1.02"], "reason": "再申请"}, follow=True))
    assert "V009" in page and review.appeals.count() == 1
    log_in(client, w, "committee")
    client.post(reverse("process:appeal_decide", args=[appeal.pk]),
                {"decision_action": "revise", "level_D1.06": "3", "decision": "改为 3 级"})
    appeal.refresh_from_db()
    review.refresh_from_db()
    assert appeal.state == "revised" and review.evaluation_id == appeal.after_id and review.state == "final"


def test_a_locked_result_refuses_every_change(locked, client):
    """Every mutating path — the evaluator's upload and score, a round upload, every move, consensus,
    publication, an appeal and its decision, and the store's ingest that the command line uses — refuses."""
    from evaluator.store.db import StoreError
    from evaluator.store.ingest import ingest
    from evaluator.store.models import Evaluation
    from evaluator.web.process.models import Consensus, ReviewEvent
    from evaluator.web.process.states import ACTIONS
    from tests.web.test_uploads import changed_form

    w, review, appeal = locked
    versions = Evaluation.objects.filter(project=review.project, round=review.round).count()
    events = ReviewEvent.objects.filter(review=review).exclude(action="finalize").count()

    log_in(client, w, "evaluator")
    submission = upload_and_score(client, w, "v2.xlsx", changed_form())
    assert submission.state == "refused" and "V002" in {p["code"] for p in submission.problems}
    review.refresh_from_db()
    assert review.state == "final"

    from evaluator.web.evaluations import submissions
    from evaluator.web.evaluations.batches import run
    from evaluator.web.evaluations.models import Batch
    from evaluator.web.uploads import Upload

    batch = Batch.objects.create(round=w.round, uploaded_by=w.users["evaluator"])
    s = submissions.receive(Upload("batch.xlsx", changed_form()), w.users["evaluator"], batch=batch)
    run(batch.pk)
    s.refresh_from_db()
    assert s.state == "refused" and "V002" in {p["code"] for p in s.problems}

    for role in ("evaluator", "committee"):
        log_in(client, w, role)
        for action in ACTIONS:
            page = page_text(move(client, review, action, reason="理由", return_indicator_1="D1.06",
                                  return_reason_1="理由"))
            assert "V002" in page, (role, action)
    log_in(client, w, "committee")
    page = page_text(client.post(reverse("process:consensus", args=[review.pk]),
                                 {"level_D1.06": "3", "why_D1.06": "理由"}, follow=True))
    assert "V002" in page and not Consensus.objects.filter(review=review).exists()
    page = page_text(client.post(reverse("process:appeal_decide", args=[appeal.pk]),
                                 {"decision_action": "revise", "level_D1.06": "3", "decision": "理由"}, follow=True))
    assert "V002" in page
    appeal.refresh_from_db()
    assert appeal.state == "upheld" and appeal.after_id is None
    ends = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("process:publish", args=[w.round.pk]), {"publication_ends": ends})
    review.refresh_from_db()
    assert review.state == "final"

    log_in(client, w, "organization")
    page = page_text(client.post(reverse("process:appeal", args=[review.pk]),
                                 {"indicators": ["D1.06"], "reason": "理由"}, follow=True))
    assert "V002" in page and review.appeals.count() == 1

    result = scored("jt-estate-2024.xlsx")
    changed = result.model_copy(update={"source": result.source.model_copy(update={"sha256": "f" * 64})})
    with pytest.raises(StoreError) as refused:
        ingest("default", changed, "cli.json")
    assert [p.code for p in refused.value.problems] == ["V002"]

    assert Evaluation.objects.filter(project=review.project, round=review.round).count() == versions
    assert ReviewEvent.objects.filter(review=review).exclude(action="finalize").count() == events


def test_self_assessment_upload_until_the_deadline(cycle, client):
    """The organization downloads its self-assessment form, uploads it, sees problems or its readiness
    report, and the evaluators see it beside their ratings; after the deadline it is refused."""
    from io import BytesIO

    from openpyxl import load_workbook

    from evaluator.forms.reader import read_form
    from evaluator.web.process.flow import schedule_of

    w = cycle
    project = w.evaluation.project
    log_in(client, w, "organization")
    response = client.get(reverse("process:self_form", args=[project.pk, w.round.pk]))
    data = b"".join(response.streaming_content)
    assert response.status_code == 200 and load_workbook(BytesIO(data))
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "self.xlsx"
        path.write_bytes(data)
        reading = read_form(path)
    assert reading.evidence is not None and reading.evidence.project.evaluation_type == "self"
    assert reading.evidence.project.code == project.code

    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("process:self_assess", args=[project.pk, w.round.pk])
    response = client.post(url, {"form": SimpleUploadedFile("自评.xlsx", sample_bytes("jt-estate-2024.xlsx"))})
    assert response.status_code == 302 and "submission=" in response["Location"]
    page = page_text(client.get(response["Location"]))
    assert "W013" in page          # the cover says 终期, not 自评: located, not scored

    from evaluator.bundled import rubric_path
    from evaluator.forms.content import FormContent, form_bytes
    from evaluator.rubric import load_rubric

    loaded = load_rubric(rubric_path())
    content = FormContent(project={"code": project.code, "name": project.name, "round": w.round.name,
                                   "evaluation_type": "self", "organization": project.organization.name},
                          ratings={"D1.06": {"self": 4}, "D1.02": {"self": 3}})
    response = client.post(url, {"form": SimpleUploadedFile("自评2.xlsx", form_bytes(loaded, content))})
    if response["Location"].startswith(url):
        pytest.fail(page_text(client.get(response["Location"])))
    assert response["Location"].startswith("/evaluations/")
    readiness = page_text(client.get(response["Location"]))
    assert "预计总分" in readiness

    # the evaluator sees it beside the ratings, once the form is reviewed
    log_in(client, w, "evaluator")
    upload_and_score(client, w, "jt.xlsx", sample_bytes("jt-estate-2024.xlsx"))
    review = review_of(w)
    page = page_text(client.get(reverse("process:review", args=[review.pk])))
    assert "机构自评与评估员评级对照" in page
    page = page_text(client.get(reverse("evaluations:result", args=[review.evaluation_id])))
    assert "机构自评与评估员评级对照" in page and "D1.06" in page

    schedule = schedule_of(w.round)
    schedule.self_assessment_until = timezone.now() - datetime.timedelta(minutes=1)
    schedule.save()
    log_in(client, w, "organization")
    response = client.post(url, {"form": SimpleUploadedFile("自评3.xlsx", form_bytes(loaded, content))}, follow=True)
    assert "V008" in page_text(response)


def test_plan_responses_and_the_next_rounds_form(cycle, client):
    """After approval the organization answers and plans; the next round's form carries the open actions
    on its feedback sheet, and the next evaluation follows each one up."""
    from evaluator.forms.reader import read_form
    from evaluator.store.models import Round
    from evaluator.web.process.models import PlanAction, Response
    from evaluator.web.rounds.models import Assignment
    from tests.web.world import approve

    w = cycle
    review = approve(w.evaluation)
    log_in(client, w, "organization")
    page = page_text(client.get(reverse("process:plan", args=[review.pk])))
    assert "action_0" in page                 # drafted from the priorities
    assert f"改进计划：{w.evaluation.project.code}" in page   # the label separator of Chinese, not ": "
    bad = client.post(reverse("process:plan", args=[review.pk]),
                      {"indicator_0": "D9.99", "action_0": "x", "due_0": "明年"}, follow=True)
    assert "V013" in page_text(bad) and not PlanAction.objects.exists()
    client.post(reverse("process:plan", args=[review.pk]), {
        "indicator_0": "D1.06", "action_0": "签订补充协议，搬离开发商会所", "owner_0": "项目主任", "due_0": "2025-06-30"})
    action = PlanAction.objects.get()
    assert (action.indicator_id, action.owner, action.due.isoformat()) == ("D1.06", "项目主任", "2025-06-30")

    bad = client.post(reverse("process:respond", args=[review.pk]), {"stance_D1.06": "disagree"}, follow=True)
    assert "V005" in page_text(bad)
    from evaluator.report.feedback import feedback_html, feedback_view
    from evaluator.report.render import Renderer
    from evaluator.web.evaluations import reports

    key_before = reports.sources(w.evaluation)[0]
    client.post(reverse("process:respond", args=[review.pk]),
                {"stance_D1.06": "disagree", "reason_D1.06": "回避规则已执行", "action_D1.06": "公开合同",
                 "stance_D1.01": "agree"})
    assert Response.objects.filter(review=review).count() == 2
    assert reports.sources(w.evaluation)[0] != key_before          # the report is rendered again with the answers
    view = feedback_view(reports.result_of(w.evaluation), "zh", None, reports.followup_of(w.evaluation))
    with Renderer() as renderer:
        html = feedback_html(view, renderer)
    assert "执行机构的回应" in html and "回避规则已执行" in html and "公开合同" in html

    # the next round: the evaluator's form arrives with the open action
    next_round = Round.objects.create(name="2025-第四届微公益创投")
    assignment = Assignment.objects.create(evaluator=w.users["evaluator"], project=w.evaluation.project,
                                           round=next_round, evaluation_type="final")
    log_in(client, w, "evaluator")
    response = client.get(reverse("evaluations:form", args=[assignment.pk]))
    data = b"".join(response.streaming_content)
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "next.xlsx"
        path.write_bytes(data)
        reading = read_form(path)
    assert reading.evidence is not None
    items = reading.evidence.feedback
    assert [i.indicator for i in items] == ["D1.06"]
    assert "签订补充协议" in items[0].finding and "项目主任" in items[0].finding and "2025-06-30" in items[0].finding


# every move through its URL, as every role, from every state: only the allowed role moves it — and of the
# evaluators only the one assigned to the project (evaluator_b is not)
ALLOWED = {("submit", "draft"): "evaluator", ("return", "submitted"): "committee",
           ("return", "resubmitted"): "committee", ("resubmit", "returned"): "evaluator",
           ("approve", "submitted"): "committee", ("approve", "resubmitted"): "committee",
           ("publish", "approved"): "committee"}    # finalize: only the platform, when the period ends
MOVERS = ("admin", "evaluator", "evaluator_b", "committee", "organization", "funder")


@pytest.mark.parametrize("state", ["draft", "submitted", "returned", "resubmitted", "approved", "published", "final"])
@pytest.mark.parametrize("action", ["submit", "return", "resubmit", "approve", "publish", "finalize"])
def test_every_move_through_the_web_as_every_role(world, client, action, state):
    from evaluator.web.process.models import Review, ReviewEvent

    review = world.review
    data = {"reason": "理由"}
    for role in MOVERS:
        Review.objects.filter(pk=review.pk).update(state=state)
        before = ReviewEvent.objects.count()
        response = log_in(client, world, role).post(reverse("process:move", args=[review.pk, action]), data)
        review.refresh_from_db()
        moved = ALLOWED.get((action, state)) == role
        if role in ("evaluator_b", "organization", "funder"):
            assert response.status_code == 403, (role, action, state)     # not their review page at all
        else:
            assert response.status_code == 302, (role, action, state)
        if moved and action == "approve":
            assert review.state == state                                   # D1.06: consensus first
            continue
        assert (review.state != state) == moved, (role, action, state, review.state)
        assert (ReviewEvent.objects.count() > before) == moved


def test_the_review_pages_read_in_english(world, client):
    from evaluator.web.process.models import Review

    Review.objects.filter(pk=world.review.pk).update(state="submitted")
    log_in(client, world, "committee")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = page_text(client.get(reverse("process:review", args=[world.review.pk])))
    assert "Evaluators A and B disagree" in page and "What you can do" in page and "submitted for review" in page
    assert f"Review: {world.review.project.code}" in page
    page = page_text(client.post(reverse("process:move", args=[world.review.pk, "approve"]), follow=True))
    assert "cannot approve: evaluators A and B are more than 1 level apart on D1.06" in page
    client.logout()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Published results" in page_text(client.get(reverse("process:public")))

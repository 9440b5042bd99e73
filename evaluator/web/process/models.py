"""What the participatory process keeps beside the store: a round's dates (self-assessment deadline, 公示
period, appeal deadline), each official evaluation's review and its every move, consensus levels,
appeals (复核) with their evidence files and decisions, the organization's responses, improvement plans,
and notifications.

The store's tables are untouched: `RoundSchedule` is one-to-one with `store.Round`; a `Review` names the
project, round and evaluation type of an evaluation and points at the version under review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluator.web.process.states import APPEAL_STATES, STATES

STATE_CHOICES = [(s, s) for s in STATES]
APPEAL_CHOICES = [(s, s) for s in APPEAL_STATES]
STANCES = [("agree", _("agree")), ("disagree", _("disagree"))]


class RoundSchedule(models.Model):
    """A round's process dates."""

    round = models.OneToOneField("store.Round", on_delete=models.CASCADE, related_name="schedule",
                                 verbose_name=_("round"))
    self_assessment_until = models.DateTimeField(null=True, blank=True, verbose_name=_("self-assessment deadline"))
    publication_starts = models.DateTimeField(null=True, blank=True, verbose_name=_("publication starts"))
    publication_ends = models.DateTimeField(null=True, blank=True, verbose_name=_("publication ends"))
    appeals_decided_by = models.DateTimeField(null=True, blank=True, verbose_name=_("appeals decided by"))

    class Meta:
        verbose_name = _("round schedule")
        verbose_name_plural = _("round schedules")

    def __str__(self) -> str:
        return str(self.round)


class Review(models.Model):
    """The review of one official evaluation (project, round, evaluation type) and its current version."""

    project = models.ForeignKey("store.Project", on_delete=models.PROTECT, related_name="reviews",
                                verbose_name=_("project"))
    round = models.ForeignKey("store.Round", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("round"))
    evaluation_type = models.CharField(max_length=16, verbose_name=_("evaluation type"))
    state = models.CharField(max_length=16, choices=STATE_CHOICES, default="draft", verbose_name=_("state"))
    evaluation = models.ForeignKey("store.Evaluation", on_delete=models.PROTECT, related_name="reviews",
                                   verbose_name=_("evaluation under review"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["round__name", "project__code"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [models.UniqueConstraint(fields=["project", "round", "evaluation_type"], name="review_once")]

    def __str__(self) -> str:
        return f"{self.project.code} · {self.round} · {self.state}"


class ReviewEvent(models.Model):
    """One move of a review (or of an appeal, a consensus, a response): who, when, why."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events", verbose_name=_("review"))
    action = models.CharField(max_length=32, verbose_name=_("action"))
    source = models.CharField(max_length=16, blank=True, default="", verbose_name=_("from"))
    target = models.CharField(max_length=16, blank=True, default="", verbose_name=_("to"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("by"))
    actor_name = models.TextField(blank=True, default="", verbose_name=_("by"))
    role = models.CharField(max_length=16, verbose_name=_("as"))
    at = models.DateTimeField(verbose_name=_("at"))
    reason = models.TextField(blank=True, default="", verbose_name=_("reason"))
    indicators = models.JSONField(default=dict, verbose_name=_("reasons per indicator"))
    evaluation = models.ForeignKey("store.Evaluation", null=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("version"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")


class Consensus(models.Model):
    """The level evaluators A and B agreed on for an indicator, and why; it is what scores."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="consensus", verbose_name=_("review"))
    indicator_id = models.TextField(verbose_name=_("indicator"))
    level = models.PositiveSmallIntegerField(verbose_name=_("consensus level"))
    reason = models.TextField(verbose_name=_("reason"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"))

    class Meta:
        verbose_name = _("consensus level")
        verbose_name_plural = _("consensus levels")
        constraints = [models.UniqueConstraint(fields=["review", "indicator_id"], name="consensus_once")]


class Appeal(models.Model):
    """复核: an organization's appeal during 公示, naming indicators, with reasons and new evidence."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("review"))
    state = models.CharField(max_length=16, choices=APPEAL_CHOICES, default="filed", verbose_name=_("state"))
    indicators = models.JSONField(default=list, verbose_name=_("indicators"))
    reason = models.TextField(verbose_name=_("reason"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("filed by"))
    filed_at = models.DateTimeField(verbose_name=_("filed at"))
    decision = models.TextField(blank=True, default="", verbose_name=_("decision"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(null=True, verbose_name=_("decided at"))
    before = models.ForeignKey("store.Evaluation", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("version appealed"))
    after = models.ForeignKey("store.Evaluation", null=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("revised version"))
    changes = models.JSONField(default=list, verbose_name=_("indicators before and after"))

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")


class AppealFile(models.Model):
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="files", verbose_name=_("appeal"))
    file_name = models.TextField(verbose_name=_("file"))
    sha256 = models.CharField(max_length=64, verbose_name=_("sha256"))
    size = models.PositiveIntegerField(verbose_name=_("size"))
    data = models.BinaryField(verbose_name=_("content"))

    class Meta:
        verbose_name = _("appeal evidence file")
        verbose_name_plural = _("appeal evidence files")


class Response(models.Model):
    """The organization's answer to one indicator of its approved result."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="responses", verbose_name=_("review"))
    indicator_id = models.TextField(verbose_name=_("indicator"))
    stance = models.CharField(max_length=16, choices=STANCES, verbose_name=_("stance"))
    reason = models.TextField(blank=True, default="", verbose_name=_("reason"))
    action = models.TextField(blank=True, default="", verbose_name=_("what it will do"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("answered by"))
    answered_at = models.DateTimeField(verbose_name=_("answered at"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [models.UniqueConstraint(fields=["review", "indicator_id"], name="response_once")]


class PlanAction(models.Model):
    """One action of a project's improvement plan (改进计划), made after a result, followed up in the next."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="plan", verbose_name=_("review"))
    indicator_id = models.TextField(verbose_name=_("indicator"))
    action = models.TextField(verbose_name=_("action"))
    owner = models.TextField(blank=True, default="", verbose_name=_("owner"))
    due = models.DateField(null=True, blank=True, verbose_name=_("due"))
    level = models.PositiveSmallIntegerField(null=True, verbose_name=_("level when planned"))
    done = models.BooleanField(null=True, verbose_name=_("done"))
    follow_up = models.TextField(blank=True, default="", verbose_name=_("evidence it was done"))
    followed_up_in = models.ForeignKey(Review, null=True, on_delete=models.SET_NULL, related_name="followed_up",
                                       verbose_name=_("followed up in"))

    class Meta:
        ordering = ["indicator_id", "id"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")


class Notification(models.Model):
    """Something waits for a person: `kind` names the message (translated when shown), `params` fill it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                             verbose_name=_("for"))
    kind = models.CharField(max_length=32, verbose_name=_("kind"))
    params = models.JSONField(default=dict, verbose_name=_("details"))
    url = models.TextField(verbose_name=_("link"))
    review = models.ForeignKey(Review, null=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("review"))
    created_at = models.DateTimeField(verbose_name=_("created at"))
    done = models.BooleanField(default=False, verbose_name=_("done"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

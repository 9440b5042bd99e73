"""Uploads and what became of them, and the reports rendered from stored results.

File bytes live in the database (BinaryField), not on a disk of the web server: any worker on any machine
sharing the PostgreSQL store can score an upload or render a report, and nothing is ever read from or
served at a path a user chose.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBMISSION_STATES = [
    ("waiting", _("waiting to be checked")),
    ("refused", _("has errors")),
    ("checked", _("checked, ready to score")),
    ("scored", _("scored")),
]
BATCH_STATES = [("waiting", _("waiting")), ("running", _("scoring")), ("done", _("done"))]
REPORT_STATES = [("waiting", _("being rendered")), ("done", _("ready")), ("failed", _("failed"))]


class Batch(models.Model):
    """A round uploaded at once (a zip, or many files): each file becomes a `Submission`."""

    round = models.ForeignKey("store.Round", on_delete=models.PROTECT, related_name="batches", verbose_name=_("round"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="batches",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))
    state = models.CharField(max_length=16, choices=BATCH_STATES, default="waiting", verbose_name=_("state"))
    problems = models.JSONField(default=list, verbose_name=_("problems"))   # about the upload as a whole

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("round upload")
        verbose_name_plural = _("round uploads")

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class Submission(models.Model):
    """One uploaded form: its bytes, who sent it, the located problems found, and the evaluation it became."""

    file_name = models.TextField(verbose_name=_("file"))          # as the uploader named it: shown, never a path
    sha256 = models.CharField(max_length=64, db_index=True, verbose_name=_("sha256"))
    size = models.PositiveIntegerField(verbose_name=_("size"))
    data = models.BinaryField(verbose_name=_("content"))
    kind = models.CharField(max_length=16, default="form", verbose_name=_("kind"))   # form; self (issue 13)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))
    assignment = models.ForeignKey("rounds.Assignment", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="submissions", verbose_name=_("assignment"))
    round = models.ForeignKey("store.Round", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="submissions", verbose_name=_("round"))
    project = models.ForeignKey("store.Project", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="submissions", verbose_name=_("project"))
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.CASCADE, related_name="submissions",
                              verbose_name=_("round upload"))
    state = models.CharField(max_length=16, choices=SUBMISSION_STATES, default="waiting", verbose_name=_("state"))
    problems = models.JSONField(default=list, verbose_name=_("problems"))    # Problem.model_dump() each
    evaluation = models.ForeignKey("store.Evaluation", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="submissions", verbose_name=_("evaluation"))

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("uploaded form")
        verbose_name_plural = _("uploaded forms")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})" if self.uploaded_at else self.file_name


class RenderedReport(models.Model):
    """A feedback report of an evaluation in one language and format. `key` is the sha256 of what it was
    rendered from (the result and the earlier round it compares with): it is rendered again only when
    that changes."""

    evaluation = models.ForeignKey("store.Evaluation", on_delete=models.CASCADE, related_name="reports",
                                   verbose_name=_("evaluation"))
    lang = models.CharField(max_length=8, verbose_name=_("language"))
    fmt = models.CharField(max_length=8, default="pdf", verbose_name=_("format"))
    key = models.CharField(max_length=64, verbose_name=_("rendered from (sha256)"))
    state = models.CharField(max_length=16, choices=REPORT_STATES, default="waiting", verbose_name=_("state"))
    data = models.BinaryField(null=True, verbose_name=_("content"))
    problems = models.JSONField(default=list, verbose_name=_("problems"))
    requested_at = models.DateTimeField(verbose_name=_("requested at"))
    rendered_at = models.DateTimeField(null=True, verbose_name=_("rendered at"))

    class Meta:
        verbose_name = _("rendered report")
        verbose_name_plural = _("rendered reports")
        constraints = [models.UniqueConstraint(fields=["evaluation", "lang", "fmt"], name="report_once")]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.lang}.{self.fmt} {self.state}"


class CheckedResult(models.Model):
    """The result of a form that passed its check, scored when it was read (a form is read once): scoring the
    submission stores this instead of reading the form again. It is used only while the rubric the form would
    be read against is still the one it was scored with (`rubric_sha256`); it goes once the form is scored."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="checked_result",
                                      verbose_name=_("uploaded form"))
    rubric_sha256 = models.CharField(max_length=64, verbose_name=_("rubric (sha256)"))
    result = models.TextField(verbose_name=_("result (JSON)"))
    problems = models.JSONField(default=list, verbose_name=_("problems"))   # the reading's, as score() keeps them

    class Meta:
        verbose_name = _("checked result")
        verbose_name_plural = _("checked results")

    def __str__(self) -> str:
        return f"{self.submission_id} {self.rubric_sha256[:12]}"


class KeptPage(models.Model):
    """A rendered part of a page that is the same for everyone who may see it, kept under a key that names
    everything it is made from (`pages.page_key`): a new key is a new row, so nothing is ever stale; rows of
    old keys are dropped when the table grows past its limit. Shared by every server process."""

    key = models.CharField(max_length=64, unique=True, verbose_name=_("made from (sha256)"))
    content = models.TextField(verbose_name=_("content (JSON)"))
    made_at = models.DateTimeField(auto_now_add=True, verbose_name=_("made at"))

    class Meta:
        verbose_name = _("kept page")
        verbose_name_plural = _("kept pages")

    def __str__(self) -> str:
        return self.key[:12]

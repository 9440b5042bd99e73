"""What the evaluating body sets up around the store's rounds, organizations and projects.

`Round`, `Organization` and `Project` live in the store (the command line fills them too); this app adds
who funds a round, which evaluator evaluates which project in which round, the ties evaluators declare
with organizations (回避), and rubrics uploaded as files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from evaluator.store.models import Project


class Funder(models.Model):
    """资助方: named as the forms' cover names it (项目.资助方)."""

    name = models.TextField(unique=True, verbose_name=_("name"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self) -> str:
        return self.name


class RoundFunder(models.Model):
    """A funder of a round: its accounts see that round."""

    round = models.ForeignKey("store.Round", on_delete=models.CASCADE, related_name="funders",
                              verbose_name=_("round"))
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("funder"))

    class Meta:
        verbose_name = _("funder of a round")
        verbose_name_plural = _("funders of rounds")
        constraints = [models.UniqueConstraint(fields=["round", "funder"], name="round_funder_once")]

    def __str__(self) -> str:
        return f"{self.round} · {self.funder}"


class Conflict(models.Model):
    """回避: an evaluator's declared tie with an organization; they are never assigned to its projects."""

    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts",
                                  verbose_name=_("evaluator"))
    organization = models.ForeignKey("store.Organization", on_delete=models.CASCADE, related_name="conflicts",
                                     verbose_name=_("organization"))
    reason = models.TextField(verbose_name=_("tie declared"))
    declared_at = models.DateTimeField(auto_now_add=True, verbose_name=_("declared at"))

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["evaluator", "organization"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.evaluator} ↔ {self.organization}"


class Assignment(models.Model):
    """An evaluator evaluates a project in a round (the form's cover names the same project and round)."""

    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments",
                                  verbose_name=_("evaluator"))
    project = models.ForeignKey("store.Project", on_delete=models.CASCADE, related_name="assignments",
                                verbose_name=_("project"))
    round = models.ForeignKey("store.Round", on_delete=models.CASCADE, related_name="assignments",
                              verbose_name=_("round"))
    evaluation_type = models.CharField(max_length=16, default="final", verbose_name=_("evaluation type"),
                                       choices=[("midterm", _("Midterm")), ("final", _("Final"))])
    assigned_at = models.DateTimeField(auto_now_add=True, verbose_name=_("assigned at"))

    class Meta:
        ordering = ["round__name", "project__code"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["evaluator", "project", "round"], name="assignment_once")]

    def __str__(self) -> str:
        return f"{self.project.code} · {self.round} · {self.evaluator}"

    def clean(self) -> None:
        """Refuse an evaluator who declared a tie with the project's organization."""
        if self.evaluator_id and self.project_id and (found := conflict_for(self.evaluator, self.project)):
            raise ValidationError(refusal(found, self.project))


class RubricUpload(models.Model):
    """A rubric sent as a .yaml file or a .zip of a rubric folder, kept with the problems found in it."""

    file_name = models.TextField(verbose_name=_("file"))
    sha256 = models.CharField(max_length=64, verbose_name=_("sha256"))
    data = models.BinaryField(verbose_name=_("content"))
    rubric_id = models.TextField(blank=True, default="", verbose_name=_("rubric id"))
    rubric_version = models.TextField(blank=True, default="", verbose_name=_("rubric version"))
    rubric_sha256 = models.CharField(max_length=64, blank=True, default="", verbose_name=_("rubric content sha256"))
    ok = models.BooleanField(default=False, verbose_name=_("usable"))
    problems = models.JSONField(default=list, verbose_name=_("problems"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("uploaded rubric")
        verbose_name_plural = _("uploaded rubrics")

    def __str__(self) -> str:
        return f"{self.rubric_id or self.file_name} {self.rubric_version}".strip()


def conflict_for(evaluator: Any, project: Project) -> Conflict | None:
    """回避: the tie the evaluator declared with the project's organization, if any."""
    if project.organization_id is None:
        return None
    found: Conflict | None = Conflict.objects.filter(evaluator=evaluator, organization_id=project.organization_id).first()
    return found


def refusal(conflict: Conflict, project: Project) -> str:
    """Why the evaluator cannot be assigned to the project."""
    return _("%(evaluator)s cannot be assigned to %(code)s %(name)s: they declared a tie with %(organization)s "
             "(%(reason)s). Assign another evaluator.") % {
        "evaluator": conflict.evaluator.get_username(), "code": project.code, "name": project.name,
        "organization": conflict.organization.name, "reason": conflict.reason}

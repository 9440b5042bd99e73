"""What the dashboards keep: computed portfolios, and the portfolio.pdf / portfolio.xlsx files built from them.

Both are keyed by a scope (`scope.Scope.key`: rounds, filters, whose view) and carry the `version` of the
data they were made from (`scope.version`). A page or a download whose scope is still at that version
uses the kept copy; when the data changes (a form ingested, a new version of one) the version differs and
the copy is made again. Nothing is ever served from a path.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

FILE_STATES = [("waiting", _("being built")), ("done", _("ready")), ("failed", _("failed"))]
FORMATS = [("pdf", "PDF"), ("xlsx", "Excel")]


class Snapshot(models.Model):
    """What a scope counts (rounds, evaluation ids, project links) and its Portfolio as JSON: computed once
    per version, shared by every server process and the worker."""

    scope_key = models.CharField(max_length=64, unique=True, verbose_name=_("scope"))
    version = models.CharField(max_length=64, verbose_name=_("data version"))
    rounds = models.JSONField(verbose_name=_("rounds"))
    ids = models.JSONField(verbose_name=_("evaluations"))
    projects = models.JSONField(verbose_name=_("projects"))
    portfolio = models.TextField(verbose_name=_("portfolio (JSON)"))
    built_at = models.DateTimeField(verbose_name=_("computed at"))

    class Meta:
        verbose_name = _("computed portfolio")
        verbose_name_plural = _("computed portfolios")

    def __str__(self) -> str:
        return f"{self.scope_key[:12]} ({len(self.ids)})"


class PortfolioFile(models.Model):
    """portfolio.pdf or portfolio.xlsx of a scope in one language, built by a task and kept until the
    scope's data changes. `chosen` says what to build: the evaluations the person who asked may count."""

    scope_key = models.CharField(max_length=64, verbose_name=_("scope"))
    lang = models.CharField(max_length=8, verbose_name=_("language"))
    fmt = models.CharField(max_length=8, choices=FORMATS, verbose_name=_("format"))
    version = models.CharField(max_length=64, verbose_name=_("data version"))
    chosen = models.TextField(verbose_name=_("evaluations"))
    state = models.CharField(max_length=16, choices=FILE_STATES, default="waiting", verbose_name=_("state"))
    data = models.BinaryField(null=True, verbose_name=_("content"))
    problems = models.JSONField(default=list, verbose_name=_("problems"))
    requested_at = models.DateTimeField(verbose_name=_("requested at"))
    rendered_at = models.DateTimeField(null=True, verbose_name=_("built at"))

    class Meta:
        verbose_name = _("portfolio download")
        verbose_name_plural = _("portfolio downloads")
        constraints = [models.UniqueConstraint(fields=["scope_key", "lang", "fmt"], name="portfolio_file_once")]

    def __str__(self) -> str:
        return f"portfolio.{self.fmt} {self.lang} {self.state}"

"""A person's links beyond their role: the organization they speak for, the funder they work for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """One per user who needs it: an `organization` account sees that organization's projects, a
    `funder` account the rounds that funder funds."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    organization = models.ForeignKey("store.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="accounts", verbose_name=_("organization"))
    funder = models.ForeignKey("rounds.Funder", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="accounts", verbose_name=_("funder"))

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)

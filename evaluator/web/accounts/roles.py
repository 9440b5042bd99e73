"""The five roles, as Django groups (ids are the group names; the migration `0002_roles` makes them).

What each role may see and do is decided in `evaluator.web.access`, never here or in a view."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ADMIN = "admin"                # 管理员（评估机构）: sets up rounds, projects, people, assignments
EVALUATOR = "evaluator"        # 评估员: the projects assigned to them
COMMITTEE = "committee"        # 评估委员会: every evaluation of the rounds; review (issue 13)
ORGANIZATION = "organization"  # 执行机构: its own organization's projects
FUNDER = "funder"              # 资助方: the rounds it funds

ROLES = (ADMIN, EVALUATOR, COMMITTEE, ORGANIZATION, FUNDER)

LABELS = {
    ADMIN: _("Administrator (evaluating body)"),
    EVALUATOR: _("Evaluator"),
    COMMITTEE: _("Evaluation committee"),
    ORGANIZATION: _("Implementing organization"),
    FUNDER: _("Funder"),
}

"""回避: whether an evaluator declared a tie with a project's organization, and the refusal saying so."""

from __future__ import annotations

from django.utils.translation import gettext as _

from evaluator.store.models import Project
from evaluator.web.rounds.models import Conflict


def conflict_for(evaluator, project: Project) -> Conflict | None:
    if project.organization_id is None:
        return None
    return Conflict.objects.filter(evaluator=evaluator, organization_id=project.organization_id).first()


def refusal(conflict: Conflict, project: Project) -> str:
    return _("%(evaluator)s cannot be assigned to %(code)s %(name)s: they declared a tie with %(organization)s "
             "(%(reason)s). Assign another evaluator.") % {
        "evaluator": conflict.evaluator.get_username(), "code": project.code, "name": project.name,
        "organization": conflict.organization.name, "reason": conflict.reason}

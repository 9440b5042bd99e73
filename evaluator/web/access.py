"""Who may see and do what: the ONLY place that decides it. Views call these, never re-implement them.

    visible_rounds(user)        rounds the person may see
    visible_projects(user)      projects the person may see
    visible_evaluations(user)   stored evaluations (results) the person may see
    portfolio_rounds(user)      rounds whose funder dashboard the person may open
    portfolio_evaluations(user) the results those dashboards count for the person
    require(user, action, obj)  PermissionDenied (403) unless the person may do `action` on `obj`

Roles (groups, `accounts.roles`): admin sees and does everything; committee sees every evaluation of
every round; evaluator sees the projects assigned to them (never one whose organization they declared a
tie with); organization sees its own organization's projects and their released results; funder sees
the rounds it funds and their released results. A superuser counts as admin.

`released(evaluations)` is where the review process (issue 13, `evaluator.web.process`) decides which results
an organization or a funder may read: the version a committee approved (approved, published or final). An
organization also reads its own self-assessments (自评).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from evaluator.store.models import Evaluation, Project, Round
from evaluator.web.accounts.roles import (
    ADMIN,
    COMMITTEE,
    EVALUATOR,
    FUNDER,
    ORGANIZATION,
)

ALL_SEEING = (ADMIN, COMMITTEE)


def roles_of(user: Any) -> frozenset[str]:
    """The person's roles (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_evaluator_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) | ({ADMIN} if user.is_superuser else set())
        user._evaluator_roles = cached
    return cached


def has_role(user: Any, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def _profile(user: Any):
    from evaluator.web.accounts.models import Profile

    return Profile.objects.filter(user=user).first()


def _organization_id(user: Any) -> int | None:
    profile = _profile(user)
    return profile.organization_id if profile else None


def _funder_id(user: Any) -> int | None:
    profile = _profile(user)
    return profile.funder_id if profile else None


def _assignments(user: Any) -> QuerySet:
    """The person's assignments, less any to an organization they declared a tie with."""
    from evaluator.web.rounds.models import Assignment, Conflict

    tie = Conflict.objects.filter(evaluator=user, organization_id=OuterRef("project__organization_id"))
    return Assignment.objects.filter(evaluator=user).exclude(Exists(tie))


def my_assignments(user: Any) -> QuerySet:
    return _assignments(user) if has_role(user, EVALUATOR) else _assignments(user).none()


def visible_rounds(user: Any) -> QuerySet[Round]:
    roles = roles_of(user)
    if roles & set(ALL_SEEING):
        return Round.objects.all()
    condition = Q(pk__in=[])
    if EVALUATOR in roles:
        condition |= Q(pk__in=_assignments(user).values("round_id"))
    if ORGANIZATION in roles and (org := _organization_id(user)) is not None:
        condition |= Q(pk__in=Evaluation.objects.filter(project__organization_id=org).values("round_id"))
    if FUNDER in roles and (funder := _funder_id(user)) is not None:
        condition |= Q(funders__funder_id=funder)
    return Round.objects.filter(condition).distinct()


def visible_projects(user: Any) -> QuerySet[Project]:
    roles = roles_of(user)
    if roles & set(ALL_SEEING):
        return Project.objects.all()
    condition = Q(pk__in=[])
    if EVALUATOR in roles:
        condition |= Q(pk__in=_assignments(user).values("project_id"))
    if ORGANIZATION in roles and (org := _organization_id(user)) is not None:
        condition |= Q(organization_id=org)
    if FUNDER in roles and (funder := _funder_id(user)) is not None:
        condition |= Q(pk__in=Evaluation.objects.filter(round__funders__funder_id=funder).values("project_id"))
    return Project.objects.filter(condition).distinct()


def released(evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """The results an organization or a funder may read: each review's approved version (approved,
    published or final), never a draft, a version under review or one the committee returned."""
    from evaluator.web.process.models import Review
    from evaluator.web.process.states import RELEASED

    return evaluations.filter(pk__in=Review.objects.filter(state__in=RELEASED).values("evaluation_id"))


def visible_evaluations(user: Any) -> QuerySet[Evaluation]:
    roles = roles_of(user)
    if roles & set(ALL_SEEING):
        return Evaluation.objects.all()
    ids: list[QuerySet] = []
    if EVALUATOR in roles:
        assigned = _assignments(user).filter(project_id=OuterRef("project_id"), round_id=OuterRef("round_id"))
        ids.append(Evaluation.objects.filter(Exists(assigned)).values("pk"))
    if ORGANIZATION in roles and (org := _organization_id(user)) is not None:
        own = Evaluation.objects.filter(project__organization_id=org)
        ids.append(released(own).values("pk"))
        ids.append(own.filter(evaluation_type="self").values("pk"))
    if FUNDER in roles and (funder := _funder_id(user)) is not None:
        ids.append(released(Evaluation.objects.filter(round__funders__funder_id=funder)).values("pk"))
    condition = Q(pk__in=[])
    for found in ids:
        condition |= Q(pk__in=found)
    return Evaluation.objects.filter(condition)


def funder_of(user: Any) -> int | None:
    """The funder the person works for, if any (looked up once per request: cached on the user object)."""
    if not hasattr(user, "_evaluator_funder"):
        user._evaluator_funder = _funder_id(user)
    return user._evaluator_funder


def portfolio_rounds(user: Any) -> QuerySet[Round]:
    """Rounds whose dashboard the person may open: every round for admin and committee, the rounds its
    funder funds for a funder; none for anyone else (evaluators and organizations see results, not
    dashboards), whatever other rounds they may see."""
    roles = roles_of(user)
    if roles & set(ALL_SEEING):
        return Round.objects.all()
    if FUNDER in roles and (funder := funder_of(user)) is not None:
        return Round.objects.filter(funders__funder_id=funder)
    return Round.objects.none()


def portfolio_evaluations(user: Any) -> QuerySet[Evaluation]:
    """The results a dashboard counts for the person: all for admin and committee; for a funder the
    released results of the rounds it funds. Always within `visible_evaluations(user)`: a dashboard
    leads to the result pages of what it counts."""
    roles = roles_of(user)
    if roles & set(ALL_SEEING):
        return Evaluation.objects.all()
    if FUNDER in roles and (funder := funder_of(user)) is not None:
        return released(Evaluation.objects.filter(round__funders__funder_id=funder))
    return Evaluation.objects.none()


# -- actions --------------------------------------------------------------------------------------------------

def _setup(user: Any, obj: Any) -> bool:
    return has_role(user, ADMIN)


def _signed_in(user: Any, obj: Any) -> bool:
    return bool(roles_of(user))


def _evaluate_assignment(user: Any, assignment: Any) -> bool:
    """Download the form, upload it, score it: the assigned evaluator (no tie declared), or an admin."""
    if has_role(user, ADMIN):
        return True
    return my_assignments(user).filter(pk=assignment.pk).exists()


def _submission(user: Any, submission: Any) -> bool:
    """An upload: its uploader, an admin; the committee once it became an evaluation."""
    if has_role(user, ADMIN) or submission.uploaded_by_id == user.pk:
        return True
    return submission.evaluation_id is not None and _evaluation(user, submission.evaluation)


def _score(user: Any, submission: Any) -> bool:
    if has_role(user, ADMIN):
        return True
    if submission.uploaded_by_id != user.pk or not has_role(user, EVALUATOR):
        return False
    return submission.assignment_id is not None and my_assignments(user).filter(pk=submission.assignment_id).exists()


def _evaluation(user: Any, evaluation: Any) -> bool:
    return visible_evaluations(user).filter(pk=evaluation.pk).exists()


def _batch(user: Any, batch: Any) -> bool:
    return has_role(user, ADMIN) or batch.uploaded_by_id == user.pk


def _upload_round(user: Any, round_: Any) -> bool:
    """Upload a whole round: an admin, or an evaluator with assignments in it (each form is then checked
    against their own assignments)."""
    if has_role(user, ADMIN):
        return True
    return my_assignments(user).filter(round=round_).exists()


def _evaluator(user: Any, obj: Any) -> bool:
    return has_role(user, EVALUATOR, ADMIN)


def _declare_conflict(user: Any, obj: Any) -> bool:
    return has_role(user, EVALUATOR, ADMIN)


def _portfolio(user: Any, round_: Any) -> bool:
    """Dashboards: the list of them (no object), or one round's."""
    if round_ is None:
        return has_role(user, ADMIN, COMMITTEE, FUNDER)
    return portfolio_rounds(user).filter(pk=round_.pk).exists()


def _portfolio_project(user: Any, project: Any) -> bool:
    """A project drilled down to from a dashboard: one with a result the person's dashboards count."""
    return portfolio_evaluations(user).filter(project=project).exists()


def _evaluate_review(user: Any, review: Any) -> bool:
    """Move a review as its evaluator: assigned to the project in that round (no tie declared)."""
    return my_assignments(user).filter(project_id=review.project_id, round_id=review.round_id).exists()


def _own_review(user: Any, review: Any) -> bool:
    """The project's own organization (its account's profile names it)."""
    return _own_project(user, review.project)


def _own_project(user: Any, project: Any) -> bool:
    org = _organization_id(user) if has_role(user, ORGANIZATION) else None
    return org is not None and project.organization_id == org


def _view_review(user: Any, review: Any) -> bool:
    """The review page: admin, the committee, the assigned evaluator."""
    return has_role(user, ADMIN, COMMITTEE) or _evaluate_review(user, review)


def _history(user: Any, review: Any) -> bool:
    """A result's whole history: admin, the committee, the assigned evaluator, the own organization."""
    return _view_review(user, review) or _own_review(user, review)


def _committee(user: Any, obj: Any) -> bool:
    return has_role(user, COMMITTEE)


def _appeal(user: Any, appeal: Any) -> bool:
    """An appeal and its evidence: admin, the committee, the organization that filed it."""
    return has_role(user, ADMIN, COMMITTEE) or _own_review(user, appeal.review)


def _organization(user: Any, obj: Any) -> bool:
    return has_role(user, ORGANIZATION) and _organization_id(user) is not None


RULES: dict[str, Callable[[Any, Any], bool]] = {
    "home": _signed_in,
    "setup": _setup,                          # rounds, projects, people, assignments, rubric uploads, admin
    "assignments": _evaluator,                # the list of one's own assignments
    "evaluate": _evaluate_assignment,         # download the pre-filled form, upload the filled one
    "view_submission": _submission,
    "score": _score,
    "view_evaluation": _evaluation,           # result page and feedback report
    "upload_round": _upload_round,
    "view_batch": _batch,
    "declare_conflict": _declare_conflict,
    "view_portfolio": _portfolio,             # funder dashboards, comparisons and their downloads
    "view_portfolio_project": _portfolio_project,
    # the review process (evaluator.web.process)
    "evaluate_review": _evaluate_review,      # submit / resubmit as the assigned evaluator
    "own_review": _own_review,                # appeal, respond, plan: the project's organization
    "own_project": _own_project,              # self-assess a project: its organization
    "view_review": _view_review,
    "view_history": _history,
    "decide": _committee,                     # return, consensus, approve, publish, decide appeals
    "view_appeal": _appeal,
    "portal": _organization,                  # the organization's portal
}


def allowed(user: Any, action: str, obj: Any = None) -> bool:
    return RULES[action](user, obj)


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `user` may do `action` on `obj`."""
    if not getattr(user, "is_authenticated", False) or not allowed(user, action, obj):
        raise PermissionDenied(action)

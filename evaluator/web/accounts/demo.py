"""The demo: the bundled samples scored into the demo store, the rounds, organizations, projects and funders
they name, and one account per role with a fixed password. Running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.db import transaction

from evaluator.bundled import data_root
from evaluator.forms.reader import read_form
from evaluator.problems import errors
from evaluator.scoring.engine import evaluate
from evaluator.store.ingest import ingest
from evaluator.store.models import Evaluation, Organization, Project, Round
from evaluator.web.accounts.models import Profile
from evaluator.web.accounts.roles import (
    ADMIN,
    COMMITTEE,
    EVALUATOR,
    FUNDER,
    ORGANIZATION,
)
from evaluator.web.rounds.models import Assignment, Conflict, Funder, RoundFunder

DEMO_FUNDER = "蓉城社区发展基金会（虚构）"
# the project of samples/invalid/mistakes.xlsx (as its cover names it)
MISTAKES_PROJECT = ("CD-2023-022", "银杏院老旧院落自治改造项目（虚构）", "锦城邻里社会工作服务中心（虚构）", "2023-第二届微公益创投")


@dataclass(frozen=True)
class Login:
    role: str
    username: str
    password: str
    note: str


def samples_folder() -> Path:
    for candidate in (Path("samples"), data_root() / "samples"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("samples/: run `evaluator serve --demo` in the evaluator source folder")


def load_demo(folder: Path) -> list[Login]:
    """Everything the demo needs, made once; returns the log-ins to print."""
    samples = samples_folder()
    for form in sorted(samples.glob("*.xlsx")):
        reading = read_form(form)
        rubric = reading.rubric.rubric if reading.rubric is not None else None
        if reading.evidence is not None and rubric is not None and not errors(reading.problems):
            ingest("default", evaluate(rubric, reading.evidence, reading.problems), form.name)
    with transaction.atomic():
        _rounds_and_funders()
        _mistakes_project()
        logins = _accounts()
    from evaluator.web.process.demo import demo_process

    demo_process()
    return logins


def _rounds_and_funders() -> None:
    for round_ in Round.objects.all():
        latest = Evaluation.objects.filter(round=round_).order_by("-ingested_at").first()
        if latest is not None and not round_.rubric_id:
            round_.rubric_id, round_.rubric_version = latest.rubric_id, latest.rubric_version
            round_.save(update_fields=["rubric_id", "rubric_version"])
    for project in Project.objects.exclude(funder=""):
        for name in [n.strip() for n in project.funder.replace("，", "、").split("、") if n.strip()]:
            funder, _ = Funder.objects.get_or_create(name=name)
            for round_id in project.evaluations.values_list("round_id", flat=True).distinct():
                RoundFunder.objects.get_or_create(round_id=round_id, funder=funder)


def _mistakes_project() -> None:
    """The project of samples/invalid/mistakes.xlsx, so its form can be uploaded and its errors seen."""
    code, name, organization, round_name = MISTAKES_PROJECT
    from evaluator.rounds import name_key

    org, _ = Organization.objects.get_or_create(key=name_key(organization), defaults={"name": organization})
    Project.objects.get_or_create(code=code, defaults={
        "name": name, "organization": org, "community": "银杏坊社区", "street": "建兴路街道", "district": "成都市成华区",
        "funder": "建兴路街道办事处（虚构）"})
    Round.objects.get_or_create(name=round_name)


def _user(username: str, role: str, password: str, first_name: str = "") -> User:
    user, made = User.objects.get_or_create(username=username, defaults={"first_name": first_name})
    if made:
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def _accounts() -> list[Login]:
    logins = [Login(ADMIN, "admin", "demo-admin-2024", "管理员（评估机构）/ administrator")]
    _user("admin", ADMIN, "demo-admin-2024", "评估机构")
    a = _user("evaluator-a", EVALUATOR, "demo-evaluator-a", "评估员甲")
    b = _user("evaluator-b", EVALUATOR, "demo-evaluator-b", "评估员乙")
    logins += [Login(EVALUATOR, "evaluator-a", "demo-evaluator-a", "评估员A：2024 届和出错样例 / 2024 round and the mistakes form"),
               Login(EVALUATOR, "evaluator-b", "demo-evaluator-b", "评估员B：2023 届，已声明回避一家机构 / 2023 round, one tie declared")]
    _user("committee", COMMITTEE, "demo-committee", "评估委员会")
    logins.append(Login(COMMITTEE, "committee", "demo-committee", "评估委员会 / evaluation committee"))
    for n, org in enumerate(Organization.objects.order_by("name"), start=1):
        user = _user(f"org-{n}", ORGANIZATION, f"demo-org-{n}", org.name)
        Profile.objects.update_or_create(user=user, defaults={"organization": org})
        logins.append(Login(ORGANIZATION, f"org-{n}", f"demo-org-{n}", org.name))
    funder = Funder.objects.filter(name=DEMO_FUNDER).first() or Funder.objects.order_by("name").first()
    if funder is not None:
        user = _user("funder", FUNDER, "demo-funder", funder.name)
        Profile.objects.update_or_create(user=user, defaults={"funder": funder})
        logins.append(Login(FUNDER, "funder", "demo-funder", funder.name))
    _assign(a, b)
    return logins


def _assign(a: User, b: User) -> None:
    """A: every official evaluation of the latest round and the mistakes project; B: the earlier round,
    with a declared tie to one organization (回避) whose project is left to A."""
    rounds = sorted(Round.objects.values_list("name", flat=True))
    tied = Organization.objects.order_by("name").first()
    if tied is not None:
        Conflict.objects.get_or_create(evaluator=b, organization=tied,
                                       defaults={"reason": "演示：曾在该机构任职 / demo: worked there before"})
    for e in Evaluation.objects.filter(latest=True).exclude(evaluation_type="self").select_related("project", "round"):
        evaluator = a if e.round.name == rounds[-1] else b
        if evaluator == b and tied is not None and e.project.organization_id == tied.pk:
            evaluator = a
        Assignment.objects.get_or_create(evaluator=evaluator, project=e.project, round=e.round,
                                         defaults={"evaluation_type": e.evaluation_type})
    code, _, _, round_name = MISTAKES_PROJECT
    Assignment.objects.get_or_create(evaluator=a, project=Project.objects.get(code=code),
                                     round=Round.objects.get(name=round_name), defaults={"evaluation_type": "final"})


def print_logins(logins: list[Login]) -> None:
    print("演示账户 · demo accounts (密码固定，仅供演示 / fixed passwords, for the demo only)")
    width = max(len(x.username) for x in logins)
    for x in logins:
        print(f"  {x.role:<13} {x.username:<{width}}  {x.password:<18} {x.note}")

"""A platform store with many evaluations, made quickly: the bundled samples scored and ingested for real,
then cloned in SQL under distinct projects, rounds and form hashes, with every score row copied.

    ROUNDS rounds × PROJECTS projects × 2 evaluation types (final and midterm)

Project n follows one sample pair (jt-estate, rural-courtyard, sh-microrenewal, xhy-oldcity) through
every round, alternating the pair's 2023 and 2024 forms, so its self-organizations keep their names and
move stage between rounds as in the samples. Projects sit in six districts of four streets each and are
funded by one of three funders (as the forms' covers would name them). The stored result JSON of each
clone names its own project, round and form hash, so result pages show the clone.

The Django settings must already point at the (migrated) database: `build(rounds, projects)` fills it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from evaluator.forms.reader import read_form
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result
from evaluator.store.ingest import ingest
from evaluator.store.models import (
    DomainScore,
    Evaluation,
    IndicatorScore,
    Organization,
    Project,
    Rating,
    Round,
    SelfOrganization,
    SelfOrganizationStage,
    StageCount,
)

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ("jt-estate", "rural-courtyard", "sh-microrenewal", "xhy-oldcity")
DISTRICTS = ("锦江区", "青羊区", "金牛区", "武侯区", "成华区", "高新区")
FUNDERS = ("成都市民政局（虚构）", "蓉城社区发展基金会（虚构）", "锦城公益创投中心（虚构）")
TYPES = ("final", "midterm")
BATCH = 500


@dataclass(frozen=True)
class Built:
    rounds: list[Round]
    projects: int
    evaluations: int
    samples: dict[str, int]          # sample file name → its real evaluation id


def sample_results() -> dict[str, Result]:
    found = {}
    for pair in PAIRS:
        for year in ("2023", "2024"):
            name = f"{pair}-{year}.xlsx"
            reading = read_form(ROOT / "samples" / name, None)
            rubric = reading.rubric.rubric if reading.rubric else None
            assert reading.evidence is not None and rubric is not None, name
            found[name] = evaluate(rubric, reading.evidence, reading.problems)
    return found


def build(rounds: int, projects: int) -> Built:
    results = sample_results()
    samples = {name: ingest("default", r, name).evaluation_id for name, r in results.items()}
    with transaction.atomic():
        made_rounds = Round.objects.bulk_create(Round(name=f"{2010 + k}-基准第{k + 1}届") for k in range(rounds))
        organizations = Organization.objects.bulk_create(
            Organization(key=f"基准机构{n}", name=f"基准社工机构{n}（虚构）") for n in range(40))
        made_projects = Project.objects.bulk_create(_project(n, organizations) for n in range(projects))
        _self_organizations(made_projects, samples)
        clones = _evaluations(made_rounds, made_projects, samples)
        _copy_scores(clones)
    return Built(made_rounds, projects, Evaluation.objects.count(), samples)


def _project(n: int, organizations: list[Organization]) -> Project:
    district = DISTRICTS[n % len(DISTRICTS)]
    return Project(code=f"BENCH-{n:05d}", name=f"基准项目{n}（虚构）", community=f"基准社区{n % 50}",
                   district=district, street=f"{district}第{n // len(DISTRICTS) % 4 + 1}街道",
                   funder=FUNDERS[n % len(FUNDERS)], organization=organizations[n % len(organizations)])


def _base(samples: dict[str, int], n: int, k: int) -> int:
    """Project n in round k: its sample pair, 2023's form in even rounds and 2024's in odd ones."""
    return samples[f"{PAIRS[n % len(PAIRS)]}-{2023 + k % 2}.xlsx"]


def _self_organizations(projects: list[Project], samples: dict[str, int]) -> None:
    """Each project gets its sample pair's self-organizations (same names in both years)."""
    by_project = {}
    for name, evaluation_id in samples.items():
        project_id = Evaluation.objects.get(pk=evaluation_id).project_id
        by_project[name.rsplit("-", 1)[0]] = list(
            SelfOrganization.objects.filter(project_id=project_id).values_list("key", "name"))
    SelfOrganization.objects.bulk_create(
        (SelfOrganization(project=p, key=key, name=name) for n, p in enumerate(projects)
         for key, name in by_project[PAIRS[n % len(PAIRS)]]), batch_size=BATCH * 4)


def _evaluations(rounds: list[Round], projects: list[Project], samples: dict[str, int]) -> list[tuple[int, int, int]]:
    """One evaluation per project, round and type, inserted with its result JSON as text;
    (new id, base id, project id) of each."""
    bases = {pk: Evaluation.objects.filter(pk=pk).values().get() for pk in set(samples.values())}
    fields = [f for f in Evaluation._meta.concrete_fields if f.column != "id"]
    rows, links = [], []
    now = timezone.now()
    for k, round_ in enumerate(rounds):
        for n, project in enumerate(projects):
            base_id = _base(samples, n, k)
            for kind in TYPES:
                sha = hashlib.sha256(f"bench-{k}-{n}-{kind}".encode()).hexdigest()
                rows.append(_row(bases[base_id], fields, project, round_, kind, sha, now))
                links.append((sha, base_id, project.pk))
    _insert(Evaluation._meta.db_table, [f.column for f in fields], rows)
    ids = dict(Evaluation.objects.filter(source_sha256__in=[s for s, _, _ in links]).values_list("source_sha256", "id"))
    return [(ids[sha], base_id, project_id) for sha, base_id, project_id in links]


def _row(base: dict, fields: list, project: Project, round_: Round, kind: str, sha: str, now) -> tuple:
    data = base["result"]
    result = dict(data)
    result["project"] = {**data["project"], "code": project.code, "name": project.name, "round": round_.name,
                         "evaluation_type": kind, "district": project.district, "street": project.street,
                         "funder": project.funder}
    result["source"] = {**data["source"], "sha256": sha, "file": f"{project.code}-{kind}.xlsx"}
    values = {**base, "project_id": project.pk, "round_id": round_.pk, "evaluation_type": kind, "version": 1,
              "latest": True, "source_sha256": sha, "source_file": result["source"]["file"],
              "project_name": project.name, "district": project.district, "street": project.street,
              "funder": project.funder, "ingested_at": now}
    text = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    return tuple(text if f.attname == "result" else f.get_db_prep_save(values[f.attname], connection) for f in fields)


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start:start + BATCH])


def _copy_scores(clones: list[tuple[int, int, int]]) -> None:
    """Every score row of each clone's base, copied in one INSERT … SELECT per table through a table of
    (new id, base id, project id)."""
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_clone (new_id bigint, base_id bigint, project_id bigint)")
        for start in range(0, len(clones), BATCH):
            cursor.executemany("INSERT INTO bench_clone VALUES (%s, %s, %s)", clones[start:start + BATCH])
        for model in (DomainScore, IndicatorScore, StageCount):
            cols = [f.column for f in model._meta.concrete_fields if f.column not in ("id", "evaluation_id")]
            cursor.execute(
                f"INSERT INTO {q(model._meta.db_table)} (evaluation_id, {', '.join(q(c) for c in cols)}) "
                f"SELECT m.new_id, {', '.join('s.' + q(c) for c in cols)} FROM {q(model._meta.db_table)} s "
                "JOIN bench_clone m ON m.base_id = s.evaluation_id")
        scores, ratings = q(IndicatorScore._meta.db_table), q(Rating._meta.db_table)
        cursor.execute(
            f"INSERT INTO {ratings} (indicator_score_id, rater, level, cell) "
            f"SELECT n.id, r.rater, r.level, r.cell FROM {ratings} r JOIN {scores} b ON b.id = r.indicator_score_id "
            f"JOIN bench_clone m ON m.base_id = b.evaluation_id "
            f"JOIN {scores} n ON n.evaluation_id = m.new_id AND n.indicator_id = b.indicator_id")
        groups, stages = q(SelfOrganization._meta.db_table), q(SelfOrganizationStage._meta.db_table)
        cursor.execute(
            f"INSERT INTO {stages} (evaluation_id, row, self_organization_id, name, stage, stage_zh, stage_en) "
            f"SELECT m.new_id, s.row, g2.id, s.name, s.stage, s.stage_zh, s.stage_en FROM {stages} s "
            f"JOIN bench_clone m ON m.base_id = s.evaluation_id "
            f"LEFT JOIN {groups} g1 ON g1.id = s.self_organization_id "
            f"LEFT JOIN {groups} g2 ON g2.project_id = m.project_id AND g2.key = g1.key")
        cursor.execute("DROP TABLE bench_clone")

"""A large synthetic portfolio (records made directly, no forms, no store): the bundled rubric's domains,
indicators, grades and stages, random but seeded scores, long names and a few hostile ones.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from evaluator.bundled import rubric_path
from evaluator.compare.compute import portfolio
from evaluator.compare.model import Portfolio, Selection
from evaluator.evidence import RubricRef
from evaluator.rubric import load_rubric
from evaluator.rubric.bilingual import Text
from evaluator.rubric.models import Rubric
from evaluator.scoring.result import GradeBand
from evaluator.store.records import DomainScore, EvaluationRecord, IndicatorScore, SelfOrganizationStage

RUBRIC = RubricRef(id="chengdu-participatory", version="1.0.0", sha256="s" * 64)
PLACES = ["杏花巷", "梧桐里", "柳溪", "锦棠湾", "石桥", "玉林", "水井坊", "桂溪", "望江", "金沙"]
KINDS = ["社区自组织培育与联合协商项目", "老旧小区楼道微更新与自治共建项目（第二期·含居民议事会培育）", "院落自治项目",
         "社区基金培育与社区企业孵化试点项目"]


def _grade(rubric: Rubric, total: float) -> tuple[str, Text]:
    grade = next(g for g in rubric.grades if total >= g.min)
    return grade.id, grade.label


def _record(rubric: Rubric, rnd: random.Random, id: int, code: str, name: str, round_name: str,
            skill: float) -> EvaluationRecord:
    indicators, domains = [], []
    for d in rubric.domains:
        got = 0.0
        for i in d.indicators:
            status = "missing" if rnd.random() < 0.003 else "scored"
            points = 0.0 if status == "missing" else round(i.points * min(max(rnd.gauss(skill, 0.15), 0), 1), 2)
            got += points
            indicators.append(IndicatorScore(i.id, d.id, i.name, points, i.points, status, None))
        domains.append(DomainScore(d.id, d.name, round(got, 2), d.points))
    stages = {s.level: s.name for s in rubric.ladder.stages}
    orgs = [SelfOrganizationStage(f"{name[:3]}自组织{n}", f"{code}-{n}", n + 2, stage, stages.get(stage))
            for n in range(rnd.randint(2, 9)) for stage in [rnd.randint(0, len(stages))]]
    total = round(sum(d.points for d in domains), 2)
    grade_id, grade = _grade(rubric, total)
    return EvaluationRecord(
        id=id, project_code=code, project_name=name, organization=f"{name[:3]}社会工作服务中心", round=round_name,
        evaluation_type="final", version=1, latest=True, rubric=RUBRIC, source_file=f"{code}.xlsx",
        source_sha256=f"{id:064d}", total=total, total_max=100.0, grade_id=grade_id, grade=grade,
        provisional=any(i.status == "missing" for i in indicators), red_lines=0,
        ingested_at=dt.datetime(2025, 1, 1), evaluation_date=dt.date(2023 + int(round_name[:1]), 3, 1 + id % 28),
        domains=tuple(domains), indicators=tuple(indicators), self_organizations=tuple(orgs),
        stage_counts={level: sum(o.stage == level for o in orgs) for level in range(len(stages) + 1)},
    )


def synthetic_portfolio(projects: int = 100, rounds: int = 2, seed: int = 7,
                        name_of: Callable[[int], str] | None = None) -> Portfolio:
    """`projects` projects in each of `rounds` rounds ("1-第1届", …); `name_of(n)` may rename project n."""
    rubric = load_rubric(rubric_path()).rubric
    rnd = random.Random(seed)
    skills = [rnd.uniform(0.45, 0.9) for _ in range(projects)]
    records = []
    for k in range(rounds):
        for n in range(projects):
            name = (name_of and name_of(n)) or f"{PLACES[n % len(PLACES)]}社区{KINDS[n % len(KINDS)]}（虚构{n}）"
            skills[n] = min(skills[n] + rnd.uniform(-0.05, 0.1), 0.98)
            round_name = f"{k + 1}-第{k + 1}届"
            records.append(_record(rubric, rnd, len(records) + 1, f"SYN-{n:03d}", name, round_name, skills[n]))
    scale = [GradeBand(id=g.id, label=g.label, min=g.min) for g in rubric.grades]
    return portfolio(records, Selection(), {RUBRIC.sha256: scale})

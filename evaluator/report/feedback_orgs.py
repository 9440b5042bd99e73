"""The residents' self-organizations: how many stand on each stage, and what each needs for the next."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from evaluator.i18n import Lang, t
from evaluator.report.charts.ladder import stage_ladder
from evaluator.report.feedback_change import Change
from evaluator.report.phrasing import listed, ts
from evaluator.scoring.result import OrganizationResult, Result


@dataclass(frozen=True)
class OrganizationRow:
    name: str
    stage: str
    needs: str
    before: str      # the stage in the earlier round, if followed
    move: str        # up | down | same | "" (not followed)
    level: str = ""        # the stage as a level ("第 6 阶段") and its name ("联合协商"), for a table that sets
    stage_name: str = ""   # them on two lines rather than break the name


@dataclass(frozen=True)
class Organizations:
    count: int
    chart: Markup
    below: str       # the organizations not yet at stage 1, in a sentence
    flow: str        # the movement since the earlier round, in a sentence
    rows: list[OrganizationRow]


def stage_text(level: int, result: Result, lang: Lang) -> str:
    names = {s.level: s.name(lang) for s in result.stages}
    return ts(lang, "Stage {n}: {name}", n=level, name=names[level]) if level in names else t(lang, "Below stage 1")


def organization_row(org: OrganizationResult, result: Result, change: Change | None, lang: Lang) -> OrganizationRow:
    top = max((s.level for s in result.stages), default=0)
    needs = t(lang, "At the top stage") if org.stage >= top else listed([c.label(lang) for c in org.missing_for_next], lang)
    moved = change.stages.get(org.row) if change is not None else None
    before = ts(lang, "Stage {level}", level=moved.before) if moved is not None else ""
    names = {s.level: s.name(lang) for s in result.stages}
    level = t(lang, "Stage {level}", level=org.stage) if org.stage in names else stage_text(org.stage, result, lang)
    return OrganizationRow(name=org.name, stage=stage_text(org.stage, result, lang), needs=needs, before=before,
                           move=moved.direction if moved is not None else "", level=level,
                           stage_name=names.get(org.stage, ""))


def organizations(result: Result, change: Change | None, lang: Lang) -> Organizations | None:
    if not result.organizations:
        return None
    counts = [result.stage_counts.get(str(s.level), 0) for s in result.stages]
    chart = stage_ladder([s.name(lang) for s in result.stages], counts,
                         level_label=t(lang, "Stage {level}"), unit=t(lang, "organizations"),
                         title=t(lang, "Self-organizations by stage"))
    unplaced = result.stage_counts.get("0", 0)
    first = result.stages[0].name(lang) if result.stages else ""
    ordered = sorted(result.organizations, key=lambda o: (-o.stage, o.row))
    return Organizations(
        count=len(result.organizations), chart=chart,
        below=ts(lang, "{n} more organizations do not yet meet the conditions of stage 1 ({name}).", n=unplaced,
                 name=first) if unplaced else "",
        flow=change.flow if change is not None else "",
        rows=[organization_row(o, result, change, lang) for o in ordered],
    )

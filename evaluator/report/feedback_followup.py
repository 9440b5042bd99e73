"""The feedback report's follow-up: the organization's answers to its result (agree, or disagree with a
reason, and what it will do), and the improvement plan of the earlier round with each action marked done
or not by this evaluation, with the level then and now.

Plain data passed in from outside (`FollowUp`): the web platform builds it from its review process, the
command line from an improvement plan workbook (`evaluator score … --plan 改进计划.xlsx`). The report
never reads a store or a web table itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from evaluator.i18n import Lang
from evaluator.scoring.result import Result


class ResponseItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: str
    stance: Literal["agree", "disagree"]
    reason: str = ""
    action: str = ""


class PlanItem(BaseModel):
    """One action of an improvement plan; `done` and `evidence` are filled by the next evaluation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: str
    action: str
    owner: str = ""
    due: str = ""                 # ISO date, or empty
    level: int | None = None      # the indicator's level when the plan was made
    done: bool | None = None
    evidence: str = ""


class FollowUp(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    responses: list[ResponseItem] = []
    plan: list[PlanItem] = []     # the earlier round's plan, followed up in this evaluation
    plan_round: str = ""


@dataclass(frozen=True)
class ResponseRow:
    id: str
    name: str
    agree: bool
    reason: str
    action: str


@dataclass(frozen=True)
class PlanRow:
    id: str
    name: str
    action: str
    owner: str
    due: str
    then: str
    now: str
    done: bool | None
    evidence: str


@dataclass(frozen=True)
class FollowUpView:
    responses: list[ResponseRow]
    plan: list[PlanRow]
    plan_round: str


def followup_view(data: FollowUp | None, result: Result, lang: Lang) -> FollowUpView | None:
    """The section's rows, or None when there is nothing to follow up."""
    if data is None or not (data.responses or data.plan):
        return None
    indicators = {i.id: i for i in result.indicators}

    def name(indicator_id: str) -> str:
        found = indicators.get(indicator_id)
        return found.name(lang) if found else indicator_id

    def level(indicator_id: str) -> str:
        found = indicators.get(indicator_id)
        return "—" if found is None or found.level is None else str(found.level)

    responses = [ResponseRow(r.indicator, name(r.indicator), r.stance == "agree", r.reason, r.action)
                 for r in sorted(data.responses, key=lambda r: r.indicator)]
    plan = [PlanRow(p.indicator, name(p.indicator), p.action, p.owner, p.due,
                    "—" if p.level is None else str(p.level), level(p.indicator), p.done, p.evidence)
            for p in data.plan]
    return FollowUpView(responses, plan, data.plan_round)

"""The review of an evaluation as an explicit state machine: states, moves, and which role may make each.

Pure: no Django, no database. `move(state, action, role, …)` answers the next state or raises `Refused`
with a stable reason code; the process app records the move (who, when, why) and notifies.

    draft ──submit (evaluator)──▶ submitted ──return (committee)──▶ returned
                                      │                                │
                                      │                    resubmit (evaluator)
                                      │                                ▼
                                      ├────approve (committee)──── resubmitted ──return (committee)──▶ returned
                                      ▼                                │
                                  approved ◀──approve (committee)──────┘
                                      │ publish (committee): 公示 begins
                                      ▼
                                  published ──finalize (committee or the system, when the period ends)──▶ final

Approval is refused while any indicator's evaluators disagree beyond the rubric's threshold without a
recorded consensus (`open_disagreements`). A return needs a reason (for the whole form or per indicator).
A `final` result is locked: no move leaves it, and nothing may change it (`LOCKED`).

An appeal (复核) made during 公示 has a machine of its own: filed ──uphold | revise (committee)──▶ upheld |
revised; the organization files it, only while the result is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

State = Literal["draft", "submitted", "returned", "resubmitted", "approved", "published", "final"]
Action = Literal["submit", "return", "resubmit", "approve", "publish", "finalize"]
Role = Literal["admin", "evaluator", "committee", "organization", "funder", "system"]
AppealState = Literal["filed", "upheld", "revised"]
AppealAction = Literal["file", "uphold", "revise"]

STATES: tuple[State, ...] = get_args(State)
ACTIONS: tuple[Action, ...] = get_args(Action)
ROLES: tuple[Role, ...] = get_args(Role)
APPEAL_STATES: tuple[AppealState, ...] = get_args(AppealState)
APPEAL_ACTIONS: tuple[AppealAction, ...] = get_args(AppealAction)

RELEASED: frozenset[State] = frozenset({"approved", "published", "final"})   # the organization and funders read it
PUBLIC: frozenset[State] = frozenset({"published", "final"})                # on the 公示 page
LOCKED: frozenset[State] = frozenset({"final"})                             # nothing may change it
EDITABLE: frozenset[State] = frozenset({"draft", "returned"})               # the evaluator may upload again


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    needs_reason: bool = False
    needs_consensus: bool = False


TRANSITIONS: dict[Action, Transition] = {
    "submit": Transition("submit", frozenset({"draft"}), "submitted", frozenset({"evaluator"})),
    "return": Transition("return", frozenset({"submitted", "resubmitted"}), "returned", frozenset({"committee"}),
                         needs_reason=True),
    "resubmit": Transition("resubmit", frozenset({"returned"}), "resubmitted", frozenset({"evaluator"})),
    "approve": Transition("approve", frozenset({"submitted", "resubmitted"}), "approved", frozenset({"committee"}),
                          needs_consensus=True),
    "publish": Transition("publish", frozenset({"approved"}), "published", frozenset({"committee"})),
    "finalize": Transition("finalize", frozenset({"published"}), "final", frozenset({"committee", "system"})),
}

APPEAL_TRANSITIONS: dict[AppealAction, Transition] = {
    "file": Transition("file", frozenset({"published"}), "filed", frozenset({"organization"}), needs_reason=True),
    "uphold": Transition("uphold", frozenset({"filed"}), "upheld", frozenset({"committee"}), needs_reason=True),
    "revise": Transition("revise", frozenset({"filed"}), "revised", frozenset({"committee"}), needs_reason=True),
}

# why a move is refused: stable codes the app turns into located messages
UNKNOWN = "unknown"          # no such action
LOCKED_RESULT = "locked"     # the result is final
WRONG_STATE = "state"        # the action does not start from this state
WRONG_ROLE = "role"          # this role may not make this move
NO_REASON = "reason"         # a reason is required
NO_CONSENSUS = "consensus"   # evaluators disagree without a recorded consensus


class Refused(Exception):
    def __init__(self, code: str, action: str, state: str, role: str) -> None:
        super().__init__(f"{action} from {state} as {role}: {code}")
        self.code, self.action, self.state, self.role = code, action, state, role


def _check(table: dict, action: str, state: str, role: str, reason: str, open_disagreements: int) -> str:
    transition: Transition | None = table.get(action)
    if transition is None:
        raise Refused(UNKNOWN, action, state, role)
    if state in LOCKED:
        raise Refused(LOCKED_RESULT, action, state, role)
    if state not in transition.sources:
        raise Refused(WRONG_STATE, action, state, role)
    if role not in transition.roles:
        raise Refused(WRONG_ROLE, action, state, role)
    if transition.needs_reason and not reason.strip():
        raise Refused(NO_REASON, action, state, role)
    if transition.needs_consensus and open_disagreements > 0:
        raise Refused(NO_CONSENSUS, action, state, role)
    return transition.target


def move(state: str, action: str, role: str, reason: str = "", open_disagreements: int = 0) -> State:
    """The review's next state after `action` by someone acting as `role`; Refused otherwise."""
    target = _check(TRANSITIONS, action, state, role, reason, open_disagreements)
    return target  # type: ignore[return-value]


def appeal_move(review_state: str, appeal_state: str | None, action: str, role: str, reason: str = "") -> AppealState:
    """An appeal's next state. Filing starts from the review's state (it must be published); deciding
    starts from the appeal's own state (filed). A final review refuses both."""
    if review_state in LOCKED:
        raise Refused(LOCKED_RESULT, action, review_state, role)
    source = review_state if action == "file" else (appeal_state or "")
    if action != "file" and review_state not in PUBLIC:
        raise Refused(WRONG_STATE, action, review_state, role)
    return _check(APPEAL_TRANSITIONS, action, source, role, reason, 0)  # type: ignore[return-value]


def actions_for(state: str, roles: frozenset[str] | set[str]) -> list[Action]:
    """The moves open to someone with these roles from this state (buttons to show; checks still apply)."""
    if state in LOCKED:
        return []
    return [a for a, t in TRANSITIONS.items() if state in t.sources and t.roles & set(roles)]


def next_roles(state: str) -> frozenset[str]:
    """Who must act next: the roles that may make a move from this state (the system excluded)."""
    if state in LOCKED:
        return frozenset()
    found: set[str] = set()
    for t in TRANSITIONS.values():
        if state in t.sources:
            found |= t.roles
    return frozenset(found - {"system"})

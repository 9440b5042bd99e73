"""The review state machine, table-driven: every action × every state × every role, allowed or refused
with the reason the table below gives independently of the module's own table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.web.process import states
from evaluator.web.process.states import Refused, appeal_move, move

# (action, from state) → (target, the one role allowed); written out by hand, not derived from the module
EXPECTED: dict[tuple[str, str], tuple[str, set[str]]] = {
    ("submit", "draft"): ("submitted", {"evaluator"}),
    ("return", "submitted"): ("returned", {"committee"}),
    ("return", "resubmitted"): ("returned", {"committee"}),
    ("resubmit", "returned"): ("resubmitted", {"evaluator"}),
    ("approve", "submitted"): ("approved", {"committee"}),
    ("approve", "resubmitted"): ("approved", {"committee"}),
    ("publish", "approved"): ("published", {"committee"}),
    ("finalize", "published"): ("final", {"committee", "system"}),
}
REASON_NEEDED = {"return"}


def test_the_state_and_action_lists_are_the_documented_ones():
    assert states.STATES == ("draft", "submitted", "returned", "resubmitted", "approved", "published", "final")
    assert set(states.ACTIONS) == {a for a, _ in EXPECTED}
    assert set(states.ROLES) == {"admin", "evaluator", "committee", "organization", "funder", "system"}


@pytest.mark.parametrize("role", states.ROLES)
@pytest.mark.parametrize("state", states.STATES)
@pytest.mark.parametrize("action", states.ACTIONS)
def test_every_move_as_every_role(action, state, role):
    reason = "证据不足" if action in REASON_NEEDED else ""
    expected = EXPECTED.get((action, state))
    if state == "final":
        with pytest.raises(Refused) as refused:
            move(state, action, role, reason)
        assert refused.value.code == states.LOCKED_RESULT
    elif expected is None:
        with pytest.raises(Refused) as refused:
            move(state, action, role, reason)
        assert refused.value.code == states.WRONG_STATE
    elif role not in expected[1]:
        with pytest.raises(Refused) as refused:
            move(state, action, role, reason)
        assert refused.value.code == states.WRONG_ROLE
    else:
        assert move(state, action, role, reason) == expected[0]


@pytest.mark.parametrize("state", ["submitted", "resubmitted"])
@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_a_return_without_a_reason_is_refused(state, reason):
    with pytest.raises(Refused) as refused:
        move(state, "return", "committee", reason)
    assert refused.value.code == states.NO_REASON


@pytest.mark.parametrize("state", ["submitted", "resubmitted"])
def test_approval_waits_for_consensus(state):
    with pytest.raises(Refused) as refused:
        move(state, "approve", "committee", open_disagreements=1)
    assert refused.value.code == states.NO_CONSENSUS
    assert move(state, "approve", "committee", open_disagreements=0) == "approved"


def test_an_unknown_action_is_refused():
    with pytest.raises(Refused) as refused:
        move("draft", "delete", "admin")
    assert refused.value.code == states.UNKNOWN


@given(st.lists(st.tuples(st.sampled_from(states.ACTIONS), st.sampled_from(states.ROLES)), max_size=30))
def test_any_sequence_of_moves_stays_in_the_machine_and_final_is_a_sink(moves):
    state = "draft"
    for action, role in moves:
        try:
            new = move(state, action, role, reason="理由", open_disagreements=0)
        except Refused:
            continue
        assert new in states.STATES
        assert (action, state) in EXPECTED and role in EXPECTED[(action, state)][1]
        if state == "final":
            pytest.fail("a final result moved")
        state = new


# -- appeals (复核) -----------------------------------------------------------------------------------------
APPEAL_EXPECTED = {("file", "published", None): ("filed", {"organization"}),
                   ("uphold", "published", "filed"): ("upheld", {"committee"}),
                   ("revise", "published", "filed"): ("revised", {"committee"})}


@pytest.mark.parametrize("role", states.ROLES)
@pytest.mark.parametrize("review_state", states.STATES)
@pytest.mark.parametrize("appeal_state", [None, *states.APPEAL_STATES])
@pytest.mark.parametrize("action", states.APPEAL_ACTIONS)
def test_every_appeal_move_as_every_role(action, appeal_state, review_state, role):
    key = (action, review_state, None if action == "file" else appeal_state)
    expected = APPEAL_EXPECTED.get(key)
    if expected is None or role not in expected[1]:
        with pytest.raises(Refused) as refused:
            appeal_move(review_state, appeal_state, action, role, "理由")
        if review_state == "final":
            assert refused.value.code == states.LOCKED_RESULT
        elif expected is None:
            assert refused.value.code == states.WRONG_STATE
        else:
            assert refused.value.code == states.WRONG_ROLE
    else:
        assert appeal_move(review_state, appeal_state, action, role, "理由") == expected[0]


@pytest.mark.parametrize("action,appeal_state,role", [("file", None, "organization"), ("uphold", "filed", "committee"),
                                                       ("revise", "filed", "committee")])
def test_appeal_moves_need_a_reason(action, appeal_state, role):
    with pytest.raises(Refused) as refused:
        appeal_move("published", appeal_state, action, role, " ")
    assert refused.value.code == states.NO_REASON


def test_who_acts_next():
    assert states.next_roles("draft") == {"evaluator"}
    assert states.next_roles("submitted") == {"committee"}
    assert states.next_roles("returned") == {"evaluator"}
    assert states.next_roles("published") == {"committee"}
    assert states.next_roles("final") == frozenset()
    assert states.actions_for("submitted", {"committee"}) == ["return", "approve"]
    assert states.actions_for("final", {"committee", "admin"}) == []

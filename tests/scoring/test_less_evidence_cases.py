"""Every way of scoring more with less evidence that the recomputation of filled forms found, as a pair of
forms: a real one (the old-city sample, its 2024 final evaluation) and the same with less evidence.
The property tests (test_less_evidence.py) look for such pairs everywhere; these pin down each one found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.scoring.test_less_evidence import RANK, _score

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "source" / "xhy-oldcity-2024.yaml"
SOURCE = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
FORM = {"type": "final", "values": SOURCE["values"], "ratings": SOURCE["ratings"], "roster": SOURCE["roster"]}
NEW_GROUP = {"org_name": "刚成立的读书会（虚构）", "contact_person": "某", "took_part_in_activities": True}
DISSOLVED = {"org_name": "已解散的合唱队（虚构）", "contact_person": "某", "leader": "某", "members": 9,
             "meets_monthly": False, "notes": "2024 年停止活动，留作记录"}


def _values(**changed):
    return FORM | {"values": FORM["values"] | changed}



# (what, the form, the same form with less evidence, the indicators that must not rise)
PAIRS = [
    ("D3.03: no voucher sampled instead of 20 with problems",
     _values(d3_vouchers_checked=20, d3_vouchers_compliant=12), _values(d3_vouchers_checked=0, d3_vouchers_compliant=0),
     ["D3.03"]),
    ("D3.01: no spending planned to date",
     _values(d3_spent=90000, d3_planned_to_date=200000), _values(d3_spent=90000, d3_planned_to_date=0), ["D3.01"]),
    ("D3.05 and D3.06: no project funds",
     _values(d3_resident_cash=500, d3_outside_cash=1000), _values(d3_resident_cash=500, d3_outside_cash=1000,
                                                                   d3_project_funds=0), ["D3.05", "D3.06"]),
    ("D2.05: no activity planned", _values(d2_activities_delivered=10), _values(d2_activities_delivered=10,
                                                                               d2_activities_planned=0), ["D2.05"]),
    ("D2.06: no target", _values(d2_people_reached=100), _values(d2_people_reached=100, d2_people_target=0), ["D2.06"]),
    # a sample of one no longer gives full marks: below the minimum sample the score stops a band below full
    ("D2.07: a sample of one activity record", _values(d2_records_sampled=15, d2_records_complete=15),
     _values(d2_records_sampled=1, d2_records_complete=1), ["D2.07"]),
    ("D3.03: a sample of one voucher", _values(d3_vouchers_checked=30, d3_vouchers_compliant=30),
     _values(d3_vouchers_checked=1, d3_vouchers_compliant=1), ["D3.03"]),
    ("D4.01: households left out", FORM, _values(d4_households=None), ["D4.01"]),
    ("D4.08: no decision reached", _values(d4_decisions_executed=1, d4_decisions_made=10),
     _values(d4_decisions_executed=0, d4_decisions_made=0), ["D4.08"]),
    ("D6.01: no issue logged", _values(d6_issues_resolved=1, d6_issues_raised=20),
     _values(d6_issues_resolved=0, d6_issues_raised=0), ["D6.01"]),
    # 2,800,000 yuan for 1,120 residents is 2,500 yuan each (25% of the points); spending nothing scored 50%
    ("D3.08: spending nothing instead of overspending", _values(d3_spent=2800000),
     _values(d3_spent=0), ["D3.08"]),
    ("D6.02: a satisfaction survey of 5", _values(d6_satisfaction_sample=200), _values(d6_satisfaction_sample=5),
     ["D6.02"]),
    ("D5.07: the trust survey's size left out", FORM, _values(d5_trust_sample=None), ["D5.07"]),
    ("D5.04 and D5.05: a new group hidden from the roster", FORM | {"roster": FORM["roster"] + [NEW_GROUP]}, FORM,
     ["D5.03", "D5.04", "D5.05"]),
    ("D5.04 and D5.05: a dissolved group hidden from the roster", FORM | {"roster": FORM["roster"] + [DISSOLVED]}, FORM,
     ["D5.03", "D5.04", "D5.05"]),
    ("red line: misuse of funds left unanswered", _values(d3_funds_misused=True), _values(d3_funds_misused=None), []),
]


@pytest.mark.parametrize("what, full, less, watched", PAIRS, ids=[p[0] for p in PAIRS])
def test_less_evidence_scores_no_more(what, full, less, watched):
    before, after = _score(full), _score(less)
    points = {i.id: i.points for i in before.indicators}
    for i in after.indicators:
        if i.id in watched:
            assert i.points <= points[i.id], (what, i.trace.sentence.en)
            assert i.status != "not_applicable", what   # checking nothing is never "not applicable"
    assert after.total.points <= before.total.points, what
    assert RANK[after.total.grade.id] >= RANK[before.total.grade.id], what


def test_a_new_or_dissolved_group_on_the_roster_lowers_nothing():
    listed = _score(FORM | {"roster": FORM["roster"] + [NEW_GROUP, DISSOLVED]})
    assert listed.total.points == _score(FORM).total.points


@pytest.mark.parametrize("indicator, values", [
    ("D2.07", {"d2_records_sampled": 1, "d2_records_complete": 1}),
    ("D3.03", {"d3_vouchers_checked": 1, "d3_vouchers_compliant": 1}),
])
def test_a_sample_of_one_never_gets_full_marks(indicator, values):
    result = next(i for i in _score(_values(**values)).indicators if i.id == indicator)
    assert result.points < result.max and result.thin is not None and result.thin.size == 1

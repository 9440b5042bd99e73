"""Scores that can be defended, as properties over generated forms of the bundled rubric.

1. The published total is the exact sum of the indicators' exact points (each domain scaled as its
   rule says), rounded once, half-up, to 2 decimals; the grade follows that published total.
2. Less evidence never scores more: blanking any evidence field, zeroing any count of things checked,
   removing any roster row, or leaving any red-line question unanswered never raises the total or the
   grade. Every field, count, row and red line of the bundled rubric is tried on every generated form.

Hypothesis is derandomized under CI (tests/conftest.py): the same forms every run.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.bundled import rubric_path
from evaluator.expressions import compiled
from evaluator.numbers import exact, round_half_up
from evaluator.rubric import load_rubric
from evaluator.scoring.engine import evaluate
from tests.scoring.build import evidence
from tests.scoring.strategies import filled_forms

BUNDLED = load_rubric(rubric_path())
RUBRIC = BUNDLED.rubric
EXAMPLES = 25
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Counts where more is worse (staff who left the project): zeroing one is better news, not less evidence.
LOSSES = {"d1_staff_left"}
NUMERIC = ("integer", "number", "percent")
COUNTS = [f.id for f in RUBRIC.evidence_fields.values()
          if f.type in NUMERIC and f.lowest <= 0 and f.id not in LOSSES]
RED_LINE_FIELDS = sorted({name for line in RUBRIC.red_lines
                          for name in compiled(line.when, {k: f.type for k, f in RUBRIC.evidence_fields.items()}).references})
RANK = {g.id: n for n, g in enumerate(RUBRIC.grades)}   # 0 is the best grade


def _score(form):
    return evaluate(RUBRIC, evidence(RUBRIC, BUNDLED.sha256, form))


def _standing(form) -> tuple[float, int]:
    result = _score(form)
    return result.total.points, RANK[result.total.grade.id]


def _with(form, **values):
    return form | {"values": form["values"] | values}


def _no_better(before: tuple[float, int], after: tuple[float, int], what: str) -> None:
    assert after[0] <= before[0], f"{what}: total rose from {before[0]} to {after[0]}"
    assert after[1] >= before[1], f"{what}: grade rose"


def test_every_count_field_and_red_line_is_covered():
    """The mutations below reach the whole rubric: the lists are not accidentally empty or partial."""
    assert len(COUNTS) >= 60 and set(RED_LINE_FIELDS) == {"d1_evidence_falsified", "d2_incident_concealed",
                                                          "d3_funds_misused"}
    ratios = {i.rule.denominator for i in RUBRIC.indicators if i.rule.kind == "ratio"}
    samples = {i.rule.min_sample.size for i in RUBRIC.indicators if getattr(i.rule, "min_sample", None)}
    assert (ratios | samples) - {"d4_households"} <= set(COUNTS)   # households start at 1: 0 is not a count


@SETTINGS
@given(filled_forms(RUBRIC))
def test_the_published_total_is_the_exact_sum_rounded_once_and_the_grade_follows_it(form):
    result = _score(form)
    by_domain: dict[str, Fraction] = {}
    for i in result.indicators:
        assert float(round_half_up(exact(i.exact))) == i.points
        if i.status != "not_applicable":
            by_domain[i.domain] = by_domain.get(i.domain, Fraction(0)) + exact(i.exact)
    total, counted = Fraction(0), Fraction(0)
    for d, declared in zip(result.domains, RUBRIC.domains, strict=True):
        applicable = sum((exact(i.max) for i in result.indicators if i.domain == d.id and i.status != "not_applicable"),
                         Fraction(0))
        if not applicable:
            assert d.status == "not_applicable" and d.points is None
            continue
        points = by_domain.get(d.id, Fraction(0)) * exact(declared.points) / applicable
        assert exact(d.exact) == points and d.points == float(round_half_up(points))
        total, counted = total + points, counted + exact(declared.points)
    total = total * exact(RUBRIC.scale) / counted if counted else Fraction(0)
    assert exact(result.total.exact) == total
    assert result.total.points == float(round_half_up(total))
    if not result.total.red_lines and not result.total.unanswered_red_lines:
        expected = next(g for g in RUBRIC.grades if round_half_up(total) >= exact(g.min))
        assert result.total.grade.id == expected.id


@SETTINGS
@given(filled_forms(RUBRIC))
def test_blanking_any_evidence_field_never_scores_more(form):
    before = _standing(form)
    for field, value in form["values"].items():
        if value is not None:
            _no_better(before, _standing(_with(form, **{field: None})), f"blank {field}")


@SETTINGS
@given(filled_forms(RUBRIC))
def test_zeroing_any_count_of_things_checked_never_scores_more(form):
    before = _standing(form)
    for field in COUNTS:
        if form["values"].get(field) not in (None, 0):
            _no_better(before, _standing(_with(form, **{field: 0})), f"zero {field}")


@settings(SETTINGS, max_examples=4 * EXAMPLES)   # cheap: a few rows a form
@given(filled_forms(RUBRIC, rows=2))
def test_removing_any_roster_row_never_scores_more(form):
    before = _standing(form)
    for n in range(len(form["roster"])):
        roster = form["roster"][:n] + form["roster"][n + 1:]
        _no_better(before, _standing(form | {"roster": roster}), f"remove roster row {n}")


@SETTINGS
@given(filled_forms(RUBRIC), st.sampled_from(["self", "midterm", "final"]))
def test_an_unanswered_red_line_never_scores_more_than_any_answer(form, evaluation_type):
    form = form | {"type": evaluation_type}
    for field in RED_LINE_FIELDS:
        blank = _standing(_with(form, **{field: None}))
        for answer in (True, False):
            _no_better(_standing(_with(form, **{field: answer})), blank, f"{field} unanswered vs {answer}")
        assert blank[1] == len(RUBRIC.grades) - 1   # unanswered: the lowest grade until it is answered

"""Rater agreement in a round (issue 15): do the trained evaluators agree, and who rates high or low?

Pure: from each chosen evaluation's ratings (`RatedEvaluation`) to a `RoundCalibration`:

- per indicator: Krippendorff's alpha (ordinal, levels 0-4, from the `krippendorff` library) between
  evaluator A's and B's levels over the round's projects, the number of pairs, and the share of exact
  agreement. An indicator with at least `MIN_PAIRS` pairs and alpha below `ALPHA_OK` (0.667, the lowest
  Krippendorff accepts for tentative conclusions) needs its anchors rewritten.
- per evaluator (a person, named on the cover in the order A, B): alpha between their levels and their
  partners', their mean level minus the consensus level (where a consensus was given), and their leniency
  against peers: the additive bias b that best explains every A-B difference (b_A − b_B ≈ level_A −
  level_B, least squares, centred on the evaluators who were compared with one another), so a lenient
  evaluator shows up even when every partner is different. |bias| ≥ `LEAN` against peers or consensus,
  or alpha below `ALPHA_OK`, means the evaluator needs calibration.
- per indicator: the organization's self level minus the official level (consensus, else the
  evaluators' mean), averaged over projects.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import krippendorff
import numpy as np
from pydantic import BaseModel, ConfigDict

from evaluator.rubric.text import Text
from evaluator.store.records import RatedEvaluation

ALPHA_OK = 0.667
MIN_PAIRS = 5
LEAN = 0.5
LEVELS = [0, 1, 2, 3, 4]
UNNAMED = "—"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorAgreement(Model):
    id: str
    name: Text
    pairs: int
    alpha: float | None                     # None: fewer than 2 pairs, or no variation to measure
    exact: float | None                     # share of pairs with the same level
    needs_rewrite: bool


class EvaluatorAgreement(Model):
    name: str
    ratings: int                            # levels given in the round
    pairs: int                              # of them, with a partner's level beside them
    alpha: float | None
    vs_consensus: float | None              # mean (own − consensus); None without a consensus level
    consensus_pairs: int
    vs_peers: float | None                  # the additive bias against the compared evaluators
    lean: Literal["lenient", "severe", "even"]
    needs_calibration: bool


class SelfGap(Model):
    id: str
    name: Text
    projects: int
    gap: float                              # mean (self − official): > 0 the organization rates itself higher


class RoundCalibration(Model):
    round: str
    projects: int
    indicators: list[IndicatorAgreement]    # lowest agreement first (alpha None last)
    evaluators: list[EvaluatorAgreement]    # most lenient first
    self_gaps: list[SelfGap]                # largest gap first
    overall_alpha: float | None
    overall_pairs: int

    def rewrite(self) -> list[IndicatorAgreement]:
        return [i for i in self.indicators if i.needs_rewrite]

    def calibrate(self) -> list[EvaluatorAgreement]:
        return [e for e in self.evaluators if e.needs_calibration]


def alpha(pairs: Sequence[tuple[int, int]]) -> float | None:
    """Krippendorff's ordinal alpha of (A, B) level pairs; None when it is undefined."""
    if len(pairs) < 2:
        return None
    data = np.array([[a for a, _ in pairs], [b for _, b in pairs]], dtype=float)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=LEVELS))
        except ValueError:
            return None
    return None if np.isnan(value) else round(value, 6)


@dataclass
class _Pair:
    project: str
    indicator: str
    a: str
    b: str
    level_a: int
    level_b: int


def calibration(round_name: str, evaluations: Sequence[RatedEvaluation]) -> RoundCalibration:
    pairs: list[_Pair] = []
    own: dict[str, list[tuple[int, int | None]]] = defaultdict(list)   # person → (level, consensus)
    gaps: dict[str, list[Fraction]] = defaultdict(list)
    names: dict[str, Text] = {}
    for e in evaluations:
        names.update(e.names)
        evaluator_ids = [r for r, role in e.roles.items() if role == "evaluator"]
        people = {rater: (e.evaluators[k] if k < len(e.evaluators) else f"{UNNAMED} {e.project} {rater}")
                  for k, rater in enumerate(evaluator_ids)}
        for indicator, by in e.ratings.items():
            consensus = next((lv for r, lv in by.items() if e.roles.get(r) == "consensus"), None)
            given = [(rater, by[rater]) for rater in evaluator_ids if rater in by]
            for rater, level in given:
                own[people[rater]].append((level, consensus))
            if len(given) >= 2:
                (ra, la), (rb, lb) = given[:2]
                pairs.append(_Pair(e.project, indicator, people[ra], people[rb], la, lb))
            official = Fraction(consensus) if consensus is not None else (
                Fraction(sum(lv for _, lv in given), len(given)) if given else None)
            self_level = next((lv for r, lv in by.items() if e.roles.get(r) == "self"), None)
            if official is not None and self_level is not None:
                gaps[indicator].append(self_level - official)
    indicators = _indicators(pairs, names)
    biases = _biases(pairs)
    people_rows = [_evaluator(person, own[person], pairs, biases.get(person)) for person in sorted(own)]
    return RoundCalibration(
        round=round_name, projects=len({e.project for e in evaluations}),
        indicators=indicators,
        evaluators=sorted(people_rows, key=lambda p: (-(p.vs_peers or 0), p.name)),
        self_gaps=sorted((SelfGap(id=i, name=names[i], projects=len(g), gap=float(sum(g) / len(g)))
                          for i, g in gaps.items()), key=lambda s: (-abs(s.gap), s.id)),
        overall_alpha=alpha([(p.level_a, p.level_b) for p in pairs]), overall_pairs=len(pairs),
    )


def _indicators(pairs: list[_Pair], names: dict[str, Text]) -> list[IndicatorAgreement]:
    by: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in pairs:
        by[p.indicator].append((p.level_a, p.level_b))
    rows = []
    for indicator, levels in by.items():
        a = alpha(levels)
        exact = sum(x == y for x, y in levels) / len(levels)
        rows.append(IndicatorAgreement(id=indicator, name=names[indicator], pairs=len(levels), alpha=a, exact=exact,
                                       needs_rewrite=a is not None and a < ALPHA_OK and len(levels) >= MIN_PAIRS))
    return sorted(rows, key=lambda r: (r.alpha is None, r.alpha if r.alpha is not None else 0, r.id))


def _biases(pairs: list[_Pair]) -> dict[str, float]:
    """Least-squares additive biases from every A-B difference (minimum norm: each group of evaluators
    compared with one another is centred on zero)."""
    people = sorted({p.a for p in pairs} | {p.b for p in pairs})
    if not people:
        return {}
    index = {name: k for k, name in enumerate(people)}
    design = np.zeros((len(pairs), len(people)))
    diffs = np.zeros(len(pairs))
    for row, p in enumerate(pairs):
        design[row, index[p.a]] += 1
        design[row, index[p.b]] -= 1
        diffs[row] = p.level_a - p.level_b
    solution = np.linalg.lstsq(design, diffs, rcond=None)[0]
    return {name: round(float(solution[index[name]]), 6) for name in people}


def _evaluator(person: str, levels: list[tuple[int, int | None]], pairs: list[_Pair], bias: float | None) -> EvaluatorAgreement:
    mine = [(p.level_a, p.level_b) if p.a == person else (p.level_b, p.level_a) for p in pairs if person in (p.a, p.b)]
    with_consensus = [(lv, c) for lv, c in levels if c is not None]
    vs_consensus = (sum(lv - c for lv, c in with_consensus) / len(with_consensus)) if with_consensus else None
    a = alpha(mine)
    signal = bias if bias is not None else vs_consensus
    lean: Literal["lenient", "severe", "even"] = (
        "lenient" if signal is not None and signal >= LEAN else "severe" if signal is not None and signal <= -LEAN else "even")
    off_consensus = vs_consensus is not None and abs(vs_consensus) >= LEAN
    needs = lean != "even" or off_consensus or (a is not None and a < ALPHA_OK and len(mine) >= MIN_PAIRS)
    return EvaluatorAgreement(name=person, ratings=len(levels), pairs=len(mine), alpha=a, vs_consensus=vs_consensus,
                              consensus_pairs=len(with_consensus), vs_peers=bias, lean=lean, needs_calibration=needs)

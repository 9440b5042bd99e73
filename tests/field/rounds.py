"""A synthetic round for rater agreement: ten projects rated by four evaluators in rotating pairs, one of
whom (李宽松) rates every indicator one level above the consensus, and one indicator (D2.01) on which A
and B disagree at random; results are made from the jt-estate sample's evidence with other ratings."""

from __future__ import annotations

import functools
import hashlib
import random
from pathlib import Path

from evaluator.forms.reader import read_form
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LENIENT = "李宽松"
PEOPLE = [LENIENT, "王准", "张实", "赵稳"]
PAIRS = [(0, 1), (2, 0), (1, 2), (0, 3), (3, 1), (2, 3), (0, 2), (1, 0), (3, 2), (3, 0)]
NOISY = "D2.01"


@functools.lru_cache(maxsize=1)
def _base():
    reading = read_form(SAMPLES / "jt-estate-2024.xlsx")
    assert reading.evidence is not None and reading.rubric is not None
    return reading.evidence, reading.rubric.rubric


def round_results(round_name: str = "2025-第四届微公益创投", seed: int = 15) -> list[Result]:
    evidence, rubric = _base()
    rnd = random.Random(seed)
    rated = [i for i in rubric.indicators if i.rule.kind == "rating"]
    out = []
    for n, (a, b) in enumerate(PAIRS):
        people = [PEOPLE[a], PEOPLE[b]]
        ratings = {}
        for indicator in rated:
            truth = rnd.randint(1, 3)
            levels = {}
            for rater, person in zip(("evaluator_a", "evaluator_b"), people):
                level = min(truth + 1, 4) if person == LENIENT else truth
                if indicator.id == NOISY:
                    level = rnd.randint(0, 4)
                levels[rater] = level
            levels["consensus"] = truth
            levels["self"] = min(truth + (1 if indicator.domain == "D1" else 0), 4)
            ratings[indicator.id] = {r: evidence.ratings[indicator.id][r].model_copy(update={"value": v})
                                     for r, v in levels.items()}
        code = f"SYN-{n + 1:02d}"
        project = evidence.project.model_copy(update={"code": code, "name": f"合成项目{n + 1}", "round": round_name,
                                                       "evaluators": people})
        source = evidence.source.model_copy(update={"file": f"{code}.xlsx",
                                                     "sha256": hashlib.sha256(code.encode()).hexdigest()})
        changed = evidence.model_copy(update={"ratings": {**evidence.ratings, **ratings}, "project": project,
                                              "source": source})
        out.append(evaluate(rubric, changed, []))
    return out

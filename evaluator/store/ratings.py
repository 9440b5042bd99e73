"""Reading every rater's level of stored evaluations, for rater agreement (`compare.agreement`).

Levels come from the `Rating` rows (one per rater and indicator); the evaluators' names come from the
stored result's cover (`project.evaluators`, in the order 评估员A, 评估员B), and which rater id plays
which role from the rubric when it is a bundled one, else from the bundled rubric's conventional ids.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

from evaluator.rubric.text import Text
from evaluator.store.models import Evaluation, IndicatorScore, Rating
from evaluator.store.records import RatedEvaluation

_CHUNK = 500
CONVENTIONAL_ROLES = {"self": "self", "evaluator_a": "evaluator", "evaluator_b": "evaluator", "consensus": "consensus",
                      "residents": "residents", "committee": "committee"}


@functools.lru_cache(maxsize=8)
def rater_roles(rubric_id: str) -> dict[str, str]:
    from evaluator.bundled import bundled_rubrics, rubric_path
    from evaluator.rubric import load_rubric

    if rubric_id in bundled_rubrics():
        loaded = load_rubric(rubric_path(rubric_id))
        if loaded.rubric is not None:
            return {r.id: r.role for r in loaded.rubric.raters}
    return dict(CONVENTIONAL_ROLES)


def rated_evaluations(alias: str, ids: Sequence[int]) -> dict[int, RatedEvaluation]:
    out: dict[int, RatedEvaluation] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        heads = Evaluation.objects.using(alias).filter(pk__in=chunk).values_list(
            "pk", "project__code", "rubric_id", "result__project__evaluators")
        levels: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
        rows = Rating.objects.using(alias).filter(indicator_score__evaluation_id__in=chunk, level__isnull=False)
        for evaluation, indicator, rater, level in rows.values_list(
                "indicator_score__evaluation_id", "indicator_score__indicator_id", "rater", "level").order_by("pk"):
            levels[evaluation][indicator][rater] = level
        names: dict[str, Text] = {}
        for indicator, zh, en in IndicatorScore.objects.using(alias).filter(evaluation_id__in=chunk).values_list(
                "indicator_id", "name_zh", "name_en").distinct():
            names.setdefault(indicator, Text(zh=zh or indicator, en=en or indicator))
        for pk, code, rubric_id, evaluators in heads:
            people = tuple(str(n) for n in evaluators) if isinstance(evaluators, list) else ()
            out[pk] = RatedEvaluation(project=code, evaluators=people,
                                      ratings={k: dict(v) for k, v in levels[pk].items()},
                                      names=names, roles=rater_roles(rubric_id))
    return out

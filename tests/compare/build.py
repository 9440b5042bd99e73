"""Results written by hand: exactly the totals, domain and indicator points a comparison test needs."""

from __future__ import annotations

from evaluator.numbers import exact_text
from evaluator.scoring.result import SCHEMA, Result

STAGES = {1: ("萌芽", "Seed"), 2: ("兴趣社群", "Interest group"), 3: ("自我管理", "Self-managed")}
GRADES = {"excellent": ("优秀", "Excellent"), "pass": ("合格", "Pass"), "fail": ("不合格", "Fail")}
MINIMA = {"excellent": 85, "pass": 60, "fail": 0}
RUBRICS = {"r1": ("mini", "0.1.0"), "r2": ("mini", "0.2.0"), "r3": ("mini", "0.3.0")}


def hexed(tag: str) -> str:
    """A well-formed sha256 standing for `tag`: its bytes in hexadecimal, padded with zeros."""
    return tag.encode().hex().ljust(64, "0")


def _text(zh: str, en: str | None = None) -> dict[str, str]:
    return {"zh": zh, "en": en or zh}


def result(code: str, round: str, source: str, *, type: str = "final", name: str | None = None,
           rubric: str = "r1", grade: str | None = None, domains: dict[str, tuple[float, float]],
           indicators: dict[str, tuple[float, float, str]], orgs: list[tuple[str, int]] = (),
           red_lines: int = 0, organization: str | None = None) -> Result:
    """`domains`: id → (points, max), points None for a domain in which nothing applied; `indicators`:
    id → (points, max, status); `orgs`: (name, stage); the grade follows from the total and red lines unless given."""
    total = sum(p for p, _ in domains.values() if p is not None)
    grade = grade or ("fail" if red_lines else next(g for g, least in MINIMA.items() if total >= least))
    rubric_id, version = RUBRICS[rubric]
    counts = {str(level): 0 for level in range(4)}
    for _, stage in orgs:
        counts[str(stage)] += 1
    return Result.model_validate({
        "schema": SCHEMA,
        "rubric": {"id": rubric_id, "version": version, "sha256": hexed(rubric)},
        "source": {"file": f"{code}-{source}.xlsx", "sha256": hexed(source)},
        "project": {"name": name or f"项目{code}", "code": code, "round": round, "evaluation_type": type,
                    "organization": organization},
        "mode": "self_assessment" if type == "self" else "evaluation",
        "total": {"points": total, "exact": exact_text(total), "max": sum(m for p, m in domains.values() if p is not None),
                  "grade": {"id": grade, "label": _text(*GRADES[grade])},
                  "red_lines": [{"id": "x", "label": _text("红线"), "cells": []}] * red_lines,
                  "provisional": any(s == "missing" for *_, s in indicators.values())},
        "domains": [_domain(d, p, m) for d, (p, m) in domains.items()],
        "indicators": [{"id": i, "domain": i.split(".")[0], "name": _text(f"指标{i}", f"Indicator {i}"), "points": p,
                        "exact": exact_text(p), "max": m, "status": s, "level": None,
                        "trace": {"rule": "bands", "inputs": [], "sentence": _text("手写。", "By hand.")}}
                       for i, (p, m, s) in indicators.items()],
        "organizations": [{"name": n, "row": row, "stage": st,
                           "stage_name": _text(*STAGES[st]) if st else None, "missing_for_next": []}
                          for row, (n, st) in enumerate(orgs, start=2)],
        "stage_counts": counts,
        "grades": [{"id": g, "label": _text(*GRADES[g]), "min": m} for g, m in MINIMA.items()],
        "stages": [{"level": level, "name": _text(*names)} for level, names in STAGES.items()],
        "highlights": {"strengths": [], "priorities": []},
    })


def _domain(id: str, points: float | None, max: float) -> dict:
    applies = points is not None
    return {"id": id, "name": _text(f"领域{id}", f"Domain {id}"), "status": "scored" if applies else "not_applicable",
            "points": points, "exact": exact_text(points) if applies else None, "max": max,
            "raw_points": points if applies else 0, "applicable_max": max if applies else 0}

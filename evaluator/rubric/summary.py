"""A rubric's structure at a glance: counts and points per domain, for people (table) and machines (JSON)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from evaluator.i18n import Lang, pt, t
from evaluator.numbers import number
from evaluator.rubric.models import Rubric
from evaluator.rubric.rules import RULE_KINDS
from evaluator.textable import table


def summary(rubric: Rubric, sha256: str | None) -> dict[str, Any]:
    kinds = Counter(i.rule.kind for i in rubric.indicators)
    return {
        "id": rubric.id,
        "version": rubric.version,
        "sha256": sha256,
        "title": rubric.title.model_dump(),
        "counts": {
            "domains": len(rubric.domains),
            "indicators": len(rubric.indicators),
            "points": sum(d.points for d in rubric.domains),
            "evidence_fields": len(rubric.evidence_fields),
            "stages": len(rubric.ladder.stages),
            "red_lines": len(rubric.red_lines),
        },
        "rule_kinds": {k: kinds[k] for k in RULE_KINDS},
        "grades": [{"id": g.id, "min": g.min, "label": g.label.model_dump()} for g in rubric.grades],
        "domains": [
            {
                "id": d.id,
                "name": d.name.model_dump(),
                "points": d.points,
                "indicators": [{"id": i.id, "name": i.name.model_dump(), "points": i.points, "rule": i.rule.kind}
                               for i in d.indicators],
            }
            for d in rubric.domains
        ],
        "stages": [{"level": s.level, "name": s.name.model_dump(), "criteria": len(s.criteria)}
                   for s in rubric.ladder.stages],
        "references": [{"key": r.key, "citation": r.citation()} for r in rubric.references],
    }


def summary_table(rubric: Rubric, sha256: str | None, lang: Lang) -> str:
    head = [pt(lang, "rubric summary", "Domain"), pt(lang, "rubric summary", "Name"),
            pt(lang, "rubric summary", "Indicators"), pt(lang, "rubric summary", "Points"),
            pt(lang, "rubric summary", "Rules")]
    rows = []
    for d in rubric.domains:
        kinds = Counter(i.rule.kind for i in d.indicators)
        rows.append([d.id, d.name(lang), len(d.indicators), number(d.points, None),
                     " ".join(f"{k}×{kinds[k]}" for k in RULE_KINDS if kinds[k])])
    total_kinds = Counter(i.rule.kind for i in rubric.indicators)
    rows.append(["", pt(lang, "rubric summary", "Total"), len(rubric.indicators), number(sum(d.points for d in rubric.domains), None),
                 " ".join(f"{k}×{total_kinds[k]}" for k in RULE_KINDS if total_kinds[k])])
    stages = " → ".join(f"{s.level} {s.name(lang)}" for s in rubric.ladder.stages)
    grades = " / ".join(f"{g.label(lang)} ≥{number(g.min, None)}" for g in rubric.grades)
    lines = [
        f"{rubric.title(lang)}",
        f"{rubric.id} {rubric.version}  sha256 {sha256[:16] if sha256 else '-'}…",
        "",
        table(head, rows, right=(2, 3)),
        "",
        t(lang, "Grades: {grades}", grades=grades),
        t(lang, "Red lines: {red_lines}", red_lines="；".join(r.label(lang) for r in rubric.red_lines)),
        t(lang, "Self-organization ladder: {stages}", stages=stages),
    ]
    if rubric.references:
        lines += ["", t(lang, "Sources:")] + [f"  [{r.key}] {r.citation()}" for r in rubric.references]
    return "\n".join(lines)

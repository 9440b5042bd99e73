"""A project's evaluations across rounds as a plain-text table: every type and every version."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from evaluator.messages import Lang
from evaluator.numbers import points
from evaluator.rubric.bilingual import Text
from evaluator.store.records import EvaluationRecord
from evaluator.text_table import table
from evaluator.vocabulary import evaluation_type_name

HEADERS = [Text(zh="届次", en="Round"), Text(zh="评估类型", en="Evaluation"), Text(zh="版本", en="Version"),
           Text(zh="最新", en="Latest"), Text(zh="评估标准", en="Rubric"), Text(zh="总分", en="Total"),
           Text(zh="等级", en="Grade")]
PROVISIONAL = Text(zh="（暂定）", en=" (provisional)")
LEGEND = Text(
    zh="✓ 为该届该评估类型的最新版本；比较时每届取最新的终期评估，没有终期时取中期，自评不参与比较。",
    en="✓ marks the latest version of a round and evaluation type; comparisons use the latest final "
       "evaluation of a round, else the midterm one; self-assessments are not compared.",
)


def printable(text: str) -> str:
    """Text from forms, safe to print: control characters (terminal escapes, tabs, newlines) become spaces."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def history_table(records: Sequence[EvaluationRecord], lang: Lang) -> str:
    """`records` are one project's, in store order (round, type, version)."""
    last = records[-1]
    domains = list(dict.fromkeys(d.id for r in records for d in r.domains))
    levels = sorted({level for r in records for level in r.stage_counts})
    span = f"{levels[0]}-{levels[-1]}" if levels else ""
    stages = Text(zh=f"自组织 阶段{span}", en=f"Organizations by stage {span}")   # as `evaluator score` shows them
    headers = [h(lang) for h in HEADERS] + domains + [stages(lang)]
    rows = []
    for r in records:
        by_id = {d.id: d.points for d in r.domains}
        grade = r.grade(lang) + (PROVISIONAL(lang) if r.provisional else "")
        rows.append([printable(r.round), evaluation_type_name(r.evaluation_type, lang), r.version, "✓" if r.latest else "",
                     printable(f"{r.rubric.id} {r.rubric.version}"), points(r.total), grade,
                     *(points(by_id[id]) if id in by_id else "—" for id in domains),
                     "/".join(str(r.stage_counts.get(level, 0)) for level in levels) or "—"])
    numeric = [2, 5, *range(len(HEADERS), len(HEADERS) + len(domains))]
    title = printable(f"{last.project_code}  {last.project_name}")
    return "\n".join([title, "", table(headers, rows, right=numeric), "", LEGEND(lang)])

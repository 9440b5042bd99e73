"""A project's evaluations across rounds as a plain-text table: every type and every version."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from evaluator.i18n import N_, Lang, t
from evaluator.numbers import points
from evaluator.store.records import EvaluationRecord
from evaluator.text_table import table
from evaluator.vocabulary import evaluation_type_name

HEADERS = [N_("Round"), N_("Evaluation type"), N_("Version"), N_("Latest"), N_("Rubric"), N_("Total"), N_("Grade")]
PROVISIONAL = N_(" (provisional)")
LEGEND = N_("✓ marks the latest version of a round and evaluation type; comparisons use the latest fina"
            "l evaluation of a round, else the midterm one; self-assessments are not compared.")


def printable(text: str) -> str:
    """Text from forms, safe to print: control characters (terminal escapes, tabs, newlines) become spaces."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def history_table(records: Sequence[EvaluationRecord], lang: Lang) -> str:
    """`records` are one project's, in store order (round, type, version)."""
    last = records[-1]
    domains = list(dict.fromkeys(d.id for r in records for d in r.domains))
    levels = sorted({level for r in records for level in r.stage_counts})
    span = f"{levels[0]}-{levels[-1]}" if levels else ""
    stages = t(lang, "Organizations by stage {span}", span=span)   # as `evaluator score` shows them
    headers = [t(lang, h) for h in HEADERS] + domains + [stages]
    rows = []
    for r in records:
        by_id = {d.id: d.points for d in r.domains}
        grade = r.grade(lang) + (t(lang, PROVISIONAL) if r.provisional else "")
        rows.append([printable(r.round), evaluation_type_name(r.evaluation_type, lang), r.version, "✓" if r.latest else "",
                     printable(f"{r.rubric.id} {r.rubric.version}"), points(r.total), grade,
                     *(points(by_id[id]) if id in by_id else "—" for id in domains),
                     "/".join(str(r.stage_counts.get(level, 0)) for level in levels) or "—"])
    numeric = [2, 5, *range(len(HEADERS), len(HEADERS) + len(domains))]
    title = printable(f"{last.project_code}  {last.project_name}")
    return "\n".join([title, "", table(headers, rows, right=numeric), "", t(lang, LEGEND)])

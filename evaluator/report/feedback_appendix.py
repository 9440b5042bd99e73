"""The report's appendix: how the scores were made, how complete the evidence was, and the problems
found while reading the form, so a reader can check the report without the rubric or the workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import (
    PureWindowsPath,  # the form's file name only: a reader needs no machine's folders
)

from evaluator.i18n import N_, Lang, t
from evaluator.numbers import points
from evaluator.report.feedback_domains import basis
from evaluator.report.phrasing import grade_spans, joined, ts
from evaluator.report.raters import rater_label
from evaluator.scoring.result import Result

SEVERITY = {"error": N_("Error"), "warning": N_("Warning")}


@dataclass(frozen=True)
class ProblemRow:
    where: str
    severity: str
    code: str
    message: str


@dataclass(frozen=True)
class Appendix:
    scale: str
    grades: list[tuple[str, str]]
    raters: str
    counts: str
    missing_evidence: list[tuple[str, str]]     # label, cell
    unscored: list[tuple[str, str]]             # indicator, why (missing or not applicable)
    problems: list[ProblemRow]
    source: str
    source_sha: str
    rubric: str
    rubric_sha: str
    references: list[str]                       # the rubric's sources, cited



def counts(result: Result, lang: Lang) -> str:
    status = [i.status for i in result.indicators]
    return ts(lang, "{total} indicators: {scored} scored, {missing} with evidence missing, {na} not applicable.",
              total=len(status), scored=status.count("scored"), missing=status.count("missing"),
               na=status.count("not_applicable"))


def appendix(result: Result, lang: Lang) -> Appendix:
    raters = dict.fromkeys(r.rater for i in result.indicators for r in i.ratings if r.level is not None)
    return Appendix(
        scale=points(result.total.max), grades=grade_spans(result.grades, lang),
        raters=joined([rater_label(r, lang) for r in raters], lang) or t(lang, "none"),
        counts=counts(result, lang),
        missing_evidence=[(m.label(lang), m.cell or "—") for m in result.highlights.missing_evidence],
        unscored=[(f"{i.id} {i.name(lang)}", basis(i, result.mode, lang)) for i in result.indicators
                  if i.status != "scored"],
        problems=[ProblemRow(where=p.location.render(), severity=t(lang, SEVERITY[p.severity]), code=p.code,
                             message=p.message(lang)) for p in result.problems],
        source=PureWindowsPath(result.source.file).name, source_sha=result.source.sha256,
        rubric=f"{result.rubric.id} {result.rubric.version}", rubric_sha=result.rubric.sha256,
        references=[c.text for c in result.references],
    )

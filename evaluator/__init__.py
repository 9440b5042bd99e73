"""Participatory evaluation of community-building (社区营造) projects: a rubric (YAML) makes the evaluation
form (Excel); a filled form is read, scored by the rubric, explained in a feedback report, kept in a
results store and compared across rounds.

The public Python API (the command line and the web platform use the same functions):

    import evaluator
    loaded = evaluator.load_rubric(evaluator.rubric_path())          # the bundled rubric
    reading = evaluator.read_form("samples/jt-estate-2024.xlsx", loaded)
    result = evaluator.evaluate(loaded.rubric, reading.evidence)     # result.total.points == 69.01
    pdf = evaluator.render_feedback(result, "zh")                    # the feedback report (PDF bytes)
    with evaluator.Store.open("results.db") as store:                # SQLite file or postgresql:// URL
        store.ingest(result)

Rubrics: `rubric_path`, `load_rubric` (→ `LoadedRubric`: the `Rubric` and every located `Problem`).
Forms: `build_template` (the blank form), `read_form` (→ `FormReading`: the evidence and its problems).
Scoring: `evaluate` (→ `Result`, the evaluator.result/2 model; pure), `read_result` (a result JSON file).
Reports: `render_feedback` (PDF), `feedback_view` (what the report shows), `render_handbook` (the
rubric handbook PDF). Store: `Store` (`Store.open`, `ingest`, `evaluations`, `result`), `StoreError`,
`earlier_round`. Comparison: `portfolio_from_store`, `portfolio_xlsx`, `portfolio_pdf`.
Languages are `Lang` ("zh" or "en"). See docs/python-api.md.

Names load on first use, so `import evaluator` stays fast: Django starts when the store is opened and
WeasyPrint when a PDF is made.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → the module that defines it
_API: dict[str, str] = {
    "Lang": "evaluator.i18n",
    "Problem": "evaluator.problems",
    "rubric_path": "evaluator.bundled",
    "load_rubric": "evaluator.rubric.loader",
    "LoadedRubric": "evaluator.rubric.loader",
    "Rubric": "evaluator.rubric.models",
    "build_template": "evaluator.forms.template",
    "read_form": "evaluator.forms.reader",
    "FormReading": "evaluator.forms.reader",
    "evaluate": "evaluator.scoring.engine",
    "Result": "evaluator.scoring.result",
    "read_result": "evaluator.store.files",
    "render_feedback": "evaluator.report.feedback",
    "feedback_view": "evaluator.report.feedback",
    "render_handbook": "evaluator.report.rubric_handbook",
    "Store": "evaluator.store",
    "StoreError": "evaluator.store",
    "earlier_round": "evaluator.store.earlier",
    "portfolio_from_store": "evaluator.compare.select",
    "portfolio_xlsx": "evaluator.compare.portfolio_xlsx",
    "portfolio_pdf": "evaluator.compare.portfolio_view",
}
__all__ = [
    "FormReading",
    "Lang",
    "LoadedRubric",
    "Problem",
    "Result",
    "Rubric",
    "Store",
    "StoreError",
    "__version__",
    "build_template",
    "earlier_round",
    "evaluate",
    "feedback_view",
    "load_rubric",
    "portfolio_from_store",
    "portfolio_pdf",
    "portfolio_xlsx",
    "read_form",
    "read_result",
    "render_feedback",
    "render_handbook",
    "rubric_path",
]

if TYPE_CHECKING:
    from evaluator.bundled import rubric_path
    from evaluator.compare.portfolio_view import portfolio_pdf
    from evaluator.compare.portfolio_xlsx import portfolio_xlsx
    from evaluator.compare.select import portfolio_from_store
    from evaluator.forms.reader import FormReading, read_form
    from evaluator.forms.template import build_template
    from evaluator.i18n import Lang
    from evaluator.problems import Problem
    from evaluator.report.feedback import feedback_view, render_feedback
    from evaluator.report.rubric_handbook import render_handbook
    from evaluator.rubric.loader import LoadedRubric, load_rubric
    from evaluator.rubric.models import Rubric
    from evaluator.scoring.engine import evaluate
    from evaluator.scoring.result import Result
    from evaluator.store import Store, StoreError
    from evaluator.store.earlier import earlier_round
    from evaluator.store.files import read_result


def __getattr__(name: str) -> Any:
    """The API's names, each imported when first used."""
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})

"""Regenerate the feedback report's golden files (see golden/README.md):

    .venv/bin/python -m tests.report.make_golden

Scores the `troubled` form and the sample of its earlier round into golden/*.json (the inputs, kept so
the snapshot does not move when the engine does), then writes the summary section rendered from them.
Review the diff of golden/ by hand before committing it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from evaluator.bundled import rubric_path
from evaluator.jobs import Options
from evaluator.pipeline import score_form
from evaluator.rubric import load_rubric
from evaluator.store.files import read_result
from tests.report.build import source, troubled, write

GOLDEN = Path(__file__).parent / "golden"
SUMMARY = re.compile(r'<section class="chapter" id="summary">.*?</section>', re.DOTALL)


def summary_html(lang: str) -> str:
    """The summary section of the golden result's report, with the earlier round from the golden store."""
    from evaluator.report.feedback import feedback_html, feedback_view
    from evaluator.report.render import Renderer

    result, earlier = read_result(GOLDEN / "troubled.json"), read_result(GOLDEN / "earlier.json")
    from evaluator.pipeline import rubric_of

    with Renderer() as renderer:
        html = feedback_html(feedback_view(result, lang, earlier, rubric=rubric_of(result)), renderer)
    return SUMMARY.search(html).group(0) + "\n"


def main() -> None:
    loaded = load_rubric(rubric_path())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in (("troubled", troubled()), ("earlier", source("xhy-oldcity-2023"))):
            scored = score_form(write(folder, loaded, name, data), Options(out_dir=folder / name, report=False))
            text = Path(scored.json_path).read_text(encoding="utf-8")
            (GOLDEN / f"{name}.json").write_text(text.replace(tmp, "<tmp>"), encoding="utf-8")
    for lang in ("zh", "en"):
        (GOLDEN / f"summary.{lang}.html").write_text(summary_html(lang), encoding="utf-8")
        print(f"wrote {GOLDEN / f'summary.{lang}.html'}")


if __name__ == "__main__":
    main()

"""The summary section of a golden result's report, byte for byte (see golden/README.md to regenerate),
and the HTML of the whole report with hostile form text escaped."""

from __future__ import annotations

import pytest

from tests.report.build import INJECTED
from tests.report.make_golden import GOLDEN, summary_html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_matches_the_reviewed_snapshot(lang):
    expected = (GOLDEN / f"summary.{lang}.html").read_text(encoding="utf-8")
    assert summary_html(lang) == expected, "the summary changed: run python -m tests.report.make_golden and review"


@pytest.fixture(scope="module")
def html():
    from evaluator.report.feedback import feedback_html, feedback_view
    from evaluator.report.render import Renderer
    from evaluator.store.files import read_result

    result, earlier = read_result(GOLDEN / "troubled.json"), read_result(GOLDEN / "earlier.json")
    with Renderer() as renderer:
        return feedback_html(feedback_view(result, "zh", earlier), renderer, standalone=True)


def test_form_text_never_becomes_markup(html):
    assert "<script" not in html and "<img" not in html and "<b>粗" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&#34;http://127.0.0.1:9/x.png&#34;&gt;" in html
    assert "桃枝艺术团&lt;b&gt;粗&lt;/b&gt;" in html and "&lt;tmp&gt;/troubled.xlsx" in html
    assert INJECTED not in html


def test_standalone_html_carries_its_styles_and_no_font_files(html):
    assert "<style>" in html and ".scorebox" in html and "@font-face" not in html and ".woff2" not in html

"""A hundred projects over two rounds: the PDF still lays out (tables continue over pages with their
headers, nothing sticks out of the page) and grows with the portfolio. Prints the time; asserts none."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader

from tests.compare.layout import layout, overflowing, table_pages
from tests.compare.synthetic import synthetic_portfolio


@pytest.fixture(scope="module")
def renderer():
    from evaluator.report.render import Renderer

    return Renderer()


def test_a_hundred_projects_paginate_without_overflow(renderer):
    small, large = synthetic_portfolio(projects=5), synthetic_portfolio(projects=100)
    started = time.perf_counter()
    document = layout(large, "zh", renderer)
    data = document.write_pdf()
    seconds = time.perf_counter() - started
    print(f"100 projects × 2 rounds: {len(document.pages)} pages in {seconds:.1f} s")   # shown with -s
    assert overflowing(document) == []
    assert len(document.pages) > len(layout(small, "zh", renderer).pages) + 20
    heatmap = table_pages(document, "heatmap")
    assert len(heatmap) > 2 * 3 and all(header for _, header in heatmap)   # over pages, header repeated
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert all(f"SYN-{n:03d}" in text for n in range(100))


def test_long_english_names_wrap_inside_their_cells(renderer):
    long = "Riverside Neighbourhood Courtyard Self-Governance and Community Fund Incubation Programme {} " + "x" * 60
    pf = synthetic_portfolio(projects=12, name_of=long.format)
    assert overflowing(layout(pf, "en", renderer)) == []

"""Laying out the portfolio PDF in the tests: the WeasyPrint document (pages, boxes) besides the bytes,
so a test can look for boxes that stick out of the page's content area."""

from __future__ import annotations

from weasyprint import HTML

from evaluator.compare.model import Portfolio
from evaluator.compare.portfolio_view import fixed_font_dates, portfolio_view
from evaluator.report.render import ASSETS_URL, Renderer


def layout(pf: Portfolio, lang: str, renderer: Renderer):
    """The laid-out document, as `portfolio_pdf` would write it (`.write_pdf()` gives its bytes)."""
    html = renderer.html("portfolio.html", view=portfolio_view(pf, lang), lang=lang)
    with fixed_font_dates(pf):
        return HTML(string=html, base_url=ASSETS_URL, url_fetcher=renderer.fetcher).render(
            stylesheets=renderer.stylesheets(("css/portfolio.css",)), font_config=renderer.fonts)


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def table_pages(document, cls: str) -> list[tuple[int, bool]]:
    """(page number, whether the header row is there) for every piece of a table of class `cls`."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        for box in _boxes(page._page_box):
            if type(box).__name__ == "TableBox" and cls in (box.element.get("class") or "").split():
                found.append((number, any(getattr(group, "is_header", False) for group in box.children)))
    return found


def overflowing(document) -> list[str]:
    """Every box wider than the page's content area allows, as "page N: Box 'text'" (WeasyPrint internals:
    pinned to WeasyPrint 70 by pyproject)."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width + 0.5
        for box in _boxes(page_box):
            if type(box).__name__ in ("PageBox", "MarginBox"):
                continue
            if box.position_x + box.width > right:
                found.append(f"page {number}: {type(box).__name__} {getattr(box, 'text', '')[:30]!r}")
    return found

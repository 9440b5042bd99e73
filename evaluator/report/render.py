"""HTML from Jinja2 templates, PDF from WeasyPrint, with nothing fetched from outside the package.

A `Renderer` holds what is costly to build and the same for every document: the template environment,
the loaded fonts (`FontConfiguration`) and the parsed stylesheets. Build one per batch and render many
documents with it. Safety: templates autoescape, so text from rubrics and forms never becomes markup;
`AssetFetcher` reads only files under `assets/`, so no document can reach the network or the disk.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self
from urllib.parse import unquote, urlsplit

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from evaluator import i18n
from evaluator.i18n import as_lang
from evaluator.report.phrasing import fill, ts

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
TEMPLATES = HERE / "templates"
ASSETS_URL = ASSETS.as_uri() + "/"
BASE_STYLESHEETS = ("css/fonts.css", "css/base.css")


class _Expected(logging.Filter):
    """Without the system's HarfBuzz-subset library WeasyPrint subsets fonts with fontTools and warns
    about it for every font of every document; our fonts are prepared for that path (see
    tools/build_fonts.py), so the warning says nothing a user can act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "instead of HarfBuzz-Subset" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(_Expected())

# The date fontTools stamps on the font subsets it writes (see `reproducible`): the fonts' build date.
FONT_EPOCH = "1643241600"  # 2022-01-27, Noto Sans CJK as packaged in fonts-noto-cjk 1:20220127


@contextmanager
def reproducible() -> Iterator[None]:
    """The same document gives the same bytes: fontTools stamps every font subset WeasyPrint embeds
    with the clock (`head.modified`), so a rerun would differ from second to second and could not be
    told from a changed report. It honours SOURCE_DATE_EPOCH (the reproducible-builds convention),
    which is pinned while a PDF is written unless the caller set it."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FONT_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


class AssetFetcher(URLFetcher):
    """Serves `file:` URLs inside the assets folder and refuses everything else (http, data, other files)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = asset_path(url)
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, body=path.read_bytes(),
                                  headers={"Content-Type": mime or "application/octet-stream"})


def asset_path(url: str) -> Path:
    """The file a URL names, if it is inside the assets folder; ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ValueError(f"refused to fetch {url!r}: only the report's own assets are read")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(ASSETS) or not path.is_file():
        raise ValueError(f"refused to fetch {url!r}: not a file among the report's assets")
    return path


@pass_context
def translate(context: Context, message: str, /, **params: object) -> str:
    """Template wording in the document's language: `{{ t("Handbook") }}`, `{{ t("{n} points", n=x) }}`;
    the msgid is the English, the Chinese is in the catalogue (`evaluator.i18n`)."""
    return ts(as_lang(context["lang"]), message, **params)


@pass_context
def translate_in(context: Context, msgctxt: str, message: str, /, **params: object) -> str:
    """`{{ pt("sum", "Total") }}`: where one English word needs different Chinese by context."""
    return fill(i18n.pt(as_lang(context["lang"]), msgctxt, message), params)


def environment() -> Environment:
    """Templates autoescape everything, whatever their name; undefined names are errors, not blanks."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = translate
    env.globals["pt"] = translate_in
    return env


class _Fonts(FontConfiguration):
    """WeasyPrint's font configuration, whose copies of the fonts can be removed when the renderer is done.

    WeasyPrint copies every @font-face font (9.5 MB of ours) into a temporary folder and removes it only
    when the configuration is garbage-collected. A renderer kept for a whole process is collected at
    interpreter exit, when the removal may fail, or never in a worker process (which ends with os._exit):
    each run would leave a folder behind."""

    def close(self) -> None:
        super().__del__()
        self._folder = None  # removed: nothing left for WeasyPrint's own finalizer


class Renderer:
    """Renders templates to HTML and PDF. Build one per batch: fonts and stylesheets load once and are
    shared by every document it renders (a document's own stylesheets are parsed on first use).
    Close it when done (or use it as a context manager) to remove the temporary copies of the fonts."""

    def __init__(self) -> None:
        self.fetcher = AssetFetcher()
        self.fonts = _Fonts()
        self.env = environment()
        self._sheets: dict[str, CSS] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.fonts.close()

    def stylesheets(self, names: Sequence[str] = ()) -> list[CSS]:
        """The base stylesheets then `names` (paths under assets/), each parsed once per renderer."""
        for name in (*BASE_STYLESHEETS, *names):
            if name not in self._sheets:
                path = asset_path((ASSETS / name).as_uri())
                self._sheets[name] = CSS(string=path.read_text(encoding="utf-8"), base_url=path.as_uri(),
                                         url_fetcher=self.fetcher, font_config=self.fonts)
        return [self._sheets[name] for name in (*BASE_STYLESHEETS, *names)]

    def html(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def pdf(self, template: str, *, stylesheets: Sequence[str] = (), target: Path | None = None,
            **context: Any) -> bytes:
        """The PDF of a template rendered with `context`; also written to `target` if given."""
        document = HTML(string=self.html(template, **context), base_url=ASSETS_URL, url_fetcher=self.fetcher)
        with reproducible():
            data = document.write_pdf(stylesheets=self.stylesheets(stylesheets), font_config=self.fonts)
        if target is not None:
            Path(target).write_bytes(data)
        return data

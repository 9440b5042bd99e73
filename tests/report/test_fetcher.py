"""The URL fetcher reads the report's own assets and nothing else."""

from __future__ import annotations

import logging

import pytest

from evaluator.report.render import ASSETS, ASSETS_URL, AssetFetcher, asset_path


def test_serves_a_packaged_font():
    response = AssetFetcher().fetch(ASSETS_URL + "fonts/NotoSansSC-Regular.woff2")
    assert response.read(4) == b"wOF2"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png",
    "https://example.org/font.woff2",
    "data:text/css,body{}",
    "file:///etc/passwd",
    ASSETS_URL + "../render.py",
    ASSETS_URL + "fonts/%2e%2e/%2e%2e/render.py",
    ASSETS_URL + "fonts/",
    "file://remote-host" + ASSETS.as_posix() + "/css/base.css",
])
def test_refuses_anything_else(url):
    with pytest.raises(ValueError, match="refused"):
        asset_path(url)
    with pytest.raises(ValueError):
        AssetFetcher().fetch(url)


def test_a_document_cannot_reach_out(caplog):
    from weasyprint import HTML

    html = ('<link rel="stylesheet" href="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
            '<p style="background: url(file:///etc/hostname)">x</p>')
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        HTML(string=html, base_url=ASSETS_URL, url_fetcher=AssetFetcher()).render()
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) == 3, [r.getMessage() for r in caplog.records]

"""The browser-test harness: the platform served by a live server thread on an SQLite file, a real task
worker (`evaluator worker`) on the same file, and Chromium driven by Playwright.

Chromium is Debian's /usr/bin/chromium. Where it is missing the browser tests are skipped with one line
saying so, unless EVALUATOR_REQUIRE_BROWSER is set (CI sets it): there they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


@dataclass
class Live:
    url: str
    database: Path
    screenshots: Path


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    if os.environ.get("EVALUATOR_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


def start_server(database: Path):
    """A live server thread on `database` (already migrated); returns (thread, url)."""
    from django.conf import settings
    from django.test.testcases import LiveServerThread

    settings.MEDIA_URL = "/media/"     # Django's live server sends everything under MEDIA_URL to its media handler
    # static files come from whitenoise, as on a real server
    thread = LiveServerThread("127.0.0.1", lambda application: application, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread, f"http://127.0.0.1:{thread.port}"


def start_worker(database: Path, secret: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "EVALUATOR_SECRET_KEY": secret}
    env.pop("EVALUATOR_TASKS", None)
    code = "from evaluator.cli import main; main()"
    out = log.open("wb")
    return subprocess.Popen([sys.executable, "-c", code, "worker", "--interval", "0.2"], env=env,
                            stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def shot(page, live: Live, name: str) -> None:
    """A full-page screenshot once the page's fonts have loaded (to look at, as a person would)."""
    page.evaluate("document.fonts.ready.then(() => true)")
    page.screenshot(path=live.screenshots / f"{name}.png", full_page=True)

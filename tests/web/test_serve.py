"""`evaluator serve --demo` as a new user runs it: one command, a demo store, log-ins printed, pages and
static files served, a worker beside it, everything stopped by Ctrl-C. Run again, it keeps its store."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 180) -> urllib.request.http.client.HTTPResponse:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {seconds} s")


def serve(folder: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EVALUATOR_", "DATABASE_URL"))}
    (folder / "samples").symlink_to(ROOT / "samples")
    code = "from evaluator.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "serve", "--demo", "--port", str(port)], cwd=folder,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGINT)
    try:
        out, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
    return out.decode("utf-8", "replace")


def test_serve_demo(tmp_path):
    port = free_port()
    process = serve(tmp_path, port)
    try:
        page = wait_for(f"http://127.0.0.1:{port}/accounts/login/", process)
        assert page.status == 200 and "default-src 'self'" in page.headers["Content-Security-Policy"]
        assert "登录" in page.read().decode()
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/evaluator/evaluator.css", timeout=5)
        assert css.status == 200 and b"font-family" in css.read()
    finally:
        out = stop(process)
    assert "evaluator-a" in out and "demo-evaluator-a" in out and "funder" in out, out
    key = tmp_path / "output" / "demo" / "secret_key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "output" / "demo" / "evaluations.db").is_file()
    leftover = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True, check=False).stdout.split()
    assert leftover == [], "the worker outlived the server"

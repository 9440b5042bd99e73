"""The platform under load: dashboards and result pages with 20 people at once, and upload-to-scored.

A store of ROUNDS × PROJECTS × 2 evaluations (10 × 500 × 2 = 10,000 by default; `web_store.py`) is served
by gunicorn as the README documents it (4 workers, on loopback); a second process (`load`, below) plays
the people, each a thread with its own session, and times every request. Each page is measured in two
ways: people who read what they opened for a while (0.5–1.5 s, 1 s on average) before the next click,
and people who click again the moment a page arrives (20 requests always in flight: the server's limit).
The baseline, measured in the same run and the same ways, is the log-in page (a template, no data).
Dashboards are measured once the server has computed them (the first view after a change computes
the portfolio: its time is printed apart); result pages likewise once each has been viewed (the first view
renders and keeps what it shows of the result: timed apart).

Upload-to-scored: one evaluator uploads a form (a distinct file each time) and scores it, twice the
two requests of the evaluator's flow, timed without the report (rendered later by the worker).

    python benchmarks/bench_web.py [SECONDS] [PROJECTS]   (each measurement 15 s, 500 projects by default)
"""

from __future__ import annotations

import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from http.cookiejar import CookieJar
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
ROUNDS, PROJECTS, USERS, WORKERS = 10, 500, 20, 4
PASSWORD = "bench-password-long-1"
THINK = (0.5, 1.5)
UPLOADS = 30


# -- the people: sessions, requests, timing (the load process) -------------------------------------------

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session(base: str, username: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect())
    token = csrf(opener.open(f"{base}/accounts/login/").read().decode())
    form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/"})
    status = fetch(opener, f"{base}/accounts/login/", form.encode())
    assert status == 302, f"log-in of {username}: {status}"
    return opener


def csrf(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def fetch(opener, url: str, data: bytes | None = None, headers: dict | None = None) -> int:
    try:
        with opener.open(urllib.request.Request(url, data=data, headers=headers or {})) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as answer:
        answer.read()
        return answer.code


def person(opener, urls: list[str], think: bool, until: float, start: float, times: list, errors: list) -> None:
    rnd = random.Random()
    while time.perf_counter() < until:
        url = rnd.choice(urls)
        began = time.perf_counter()
        status = fetch(opener, url)
        took = time.perf_counter() - began
        if status != 200:
            errors.append((url, status))
        elif began >= start:
            times.append(took)
        if think:
            time.sleep(rnd.uniform(*THINK))


def prewarm(openers: list, urls: list[str]) -> None:
    """Each of a few addresses asked often enough, at once, that every server process has computed it."""
    if len(urls) > 12:
        return
    for url in urls:
        threads = [threading.Thread(target=fetch, args=(opener, url)) for opener in openers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def first_views(openers: list, urls: list[str]) -> list[float]:
    """Each address asked once, by a few people at a time (the first view renders and keeps it): seconds each."""
    times: list[float] = []
    todo = list(urls)
    lock = threading.Lock()

    def work(opener) -> None:
        while True:
            with lock:
                if not todo:
                    return
                url = todo.pop()
            began = time.perf_counter()
            fetch(opener, url)
            with lock:
                times.append(time.perf_counter() - began)

    threads = [threading.Thread(target=work, args=(opener,)) for opener in openers[:4]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def load(spec: dict) -> dict:
    """Each scenario: USERS people on `urls` for `warm` seconds unmeasured, then `seconds` measured. Result
    pages are first viewed once each (rendered and kept, timed apart), as dashboards are computed first."""
    base, out = spec["base"], {}
    openers = {name: [session(base, name) if name else urllib.request.build_opener(NoRedirect())
                      for _ in range(USERS)] for name in {s["user"] for s in spec["scenarios"]}}
    kept = [base + u for u in spec["first_views"]]
    out["first views"] = {"times": first_views(openers["bench-funder"], kept), "errors": [], "error_count": 0}
    for s in spec["scenarios"]:
        times: list[float] = []
        errors: list = []
        prewarm(openers[s["user"]], [base + u for u in s["urls"]])
        now = time.perf_counter()
        start, until = now + spec["warm"], now + spec["warm"] + spec["seconds"]
        threads = [threading.Thread(target=person, args=(opener, [base + u for u in s["urls"]], s["think"], until,
                                                         start, times, errors)) for opener in openers[s["user"]]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out[s["name"]] = {"times": times, "errors": errors[:5], "error_count": len(errors)}
    return out


# -- the server and its store (the benchmark process) ----------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(folder: Path) -> dict:
    """The store, migrated and filled, and the people: a funder of every round, an evaluator with an
    assignment. Returns what the load needs to ask for."""
    os.environ.update({"DATABASE_URL": f"sqlite:///{folder / 'bench.db'}", "EVALUATOR_SECRET_KEY": secrets.token_urlsafe(40),
                       "EVALUATOR_DATA_DIR": str(folder)})
    os.environ.pop("EVALUATOR_TASKS", None)
    sys.path.insert(0, str(ROOT))
    from evaluator.cli.web import prepare as prepare_server

    prepare_server(demo=False)           # as `evaluator serve` does: the store opened (WAL), every migration
    from benchmarks.web_store import build

    began = time.perf_counter()
    built = build(ROUNDS, PROJECTS)
    made = time.perf_counter() - began
    return {"built": built, "seconds": made, **accounts(built)}


def accounts(built) -> dict:
    from django.contrib.auth.models import Group, User

    from evaluator.store.models import Evaluation, Project, Round
    from evaluator.web.accounts.models import Profile
    from evaluator.web.rounds.models import Assignment, Funder, RoundFunder

    funder = Funder.objects.create(name="基准资助方（虚构）")
    RoundFunder.objects.bulk_create(RoundFunder(round=r, funder=funder) for r in Round.objects.all())
    people = {}
    for name, role in (("bench-funder", "funder"), ("bench-evaluator", "evaluator")):
        people[role] = User.objects.create(username=name)
        people[role].set_password(PASSWORD)
        people[role].save()
        people[role].groups.add(Group.objects.get(name=role))
    Profile.objects.create(user=people["funder"], funder=funder)
    approve_all()
    sample = Evaluation.objects.select_related("project", "round").get(pk=built.samples["jt-estate-2024.xlsx"])
    assignment = Assignment.objects.create(evaluator=people["evaluator"], project=sample.project, round=sample.round,
                                           evaluation_type="final")
    rnd = random.Random(7)
    last = built.rounds[-1]
    ids = list(Evaluation.objects.filter(round__in=built.rounds).values_list("pk", flat=True))
    projects = list(Project.objects.filter(code__startswith="BENCH-").values_list("pk", flat=True))
    return {"round": last.pk, "results": rnd.sample(ids, min(300, len(ids))),
            "projects": rnd.sample(projects, min(100, len(projects))),
            "assignment": assignment.pk}


def approve_all() -> None:
    """Every latest result approved by the committee (the review process of issue 13): what a funder may read."""
    from evaluator.store.models import Evaluation
    from evaluator.web.process.models import Review

    latest = (Evaluation.objects.filter(latest=True, project__code__startswith="BENCH-")   # not the upload's project
              .values_list("pk", "project_id", "round_id", "evaluation_type"))
    Review.objects.bulk_create((Review(evaluation_id=pk, project_id=project, round_id=round_, evaluation_type=kind,
                                       state="approved") for pk, project, round_, kind in latest), batch_size=1000)


def start_server(port: int, log: Path) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "gunicorn"), "evaluator.web.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(WORKERS), "--timeout", "120"]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=log.open("wb"), stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer: see {log}")


def timed_first(base: str, url: str) -> tuple[float, int]:
    """One request with nothing computed yet (the portfolio is computed in it): seconds and page bytes."""
    opener = session(base, "bench-funder")
    began = time.perf_counter()
    with opener.open(base + url) as response:
        size = len(response.read())
    return time.perf_counter() - began, size


# -- upload to scored ------------------------------------------------------------------------------------

def distinct_form(data: bytes, n: int) -> bytes:
    """The same workbook under another zip comment: another file (another sha256), the same content."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.comment = f"bench upload {n}".encode()
    return out.getvalue()


def multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def upload_to_scored(base: str, assignment: int) -> list[float]:
    opener = session(base, "bench-evaluator")
    page = f"{base}/assignments/{assignment}/upload/"
    original = (ROOT / "samples" / "jt-estate-2024.xlsx").read_bytes()
    times = []
    for n in range(UPLOADS):
        with opener.open(page) as response:
            token = csrf(response.read().decode())
        body, kind = multipart({"csrfmiddlewaretoken": token}, "form", f"upload-{n}.xlsx", distinct_form(original, n))
        began = time.perf_counter()
        location = _post(opener, page, body, {"Content-Type": kind, "Referer": page})
        scored = _post(opener, f"{base}{location}score/", urlencode({"csrfmiddlewaretoken": token}).encode(),
                       {"Referer": page})
        times.append(time.perf_counter() - began)
        assert re.fullmatch(r"/evaluations/\d+/", scored), scored
    return times


def _post(opener, url: str, data: bytes, headers: dict) -> str:
    try:
        opener.open(urllib.request.Request(url, data=data, headers=headers))
    except urllib.error.HTTPError as answer:
        if answer.code == 302:
            return answer.headers["Location"]
        raise
    raise AssertionError(f"{url}: no redirect")


# -- the run ---------------------------------------------------------------------------------------------

def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def scenarios(ready: dict) -> list[dict]:
    districts = ["锦江区", "青羊区", "金牛区", "武侯区", "成华区", "高新区"]
    pages = {
        "log-in page (baseline)": ("", ["/accounts/login/"]),
        "round dashboard, 500 projects": ("bench-funder", [f"/portfolio/rounds/{ready['round']}/"]),
        "round dashboard, by district": ("bench-funder", [f"/portfolio/rounds/{ready['round']}/?{urlencode({'district': d})}"
                                                         for d in districts]),
        "drill-down to a project": ("bench-funder", [f"/portfolio/projects/{pk}/" for pk in ready["projects"]]),
        "result page (any of 10,000)": ("bench-funder", [f"/evaluations/{pk}/" for pk in ready["results"]]),
        "comparison of the 10 rounds": ("bench-funder", ["/portfolio/compare/"]),
    }
    return [{"name": f"{name} | {mode}", "user": user, "urls": urls, "think": mode == "think"}
            for mode in ("think", "busy") for name, (user, urls) in pages.items()]


def main(seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ready = prepare(folder)
        from django.db import connections

        connections.close_all()
        port = free_port()
        server = start_server(port, folder / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"
        try:
            first = {"round dashboard": timed_first(base, f"/portfolio/rounds/{ready['round']}/"),
                     "comparison of the 10 rounds": timed_first(base, "/portfolio/compare/")}
            spec = {"base": base, "warm": min(seconds / 3, 8), "seconds": seconds, "scenarios": scenarios(ready),
                    "first_views": [f"/evaluations/{pk}/" for pk in ready["results"]]}
            done = subprocess.run([sys.executable, __file__, "load"], input=json.dumps(spec), capture_output=True,
                                  text=True, check=True)
            measured = json.loads(done.stdout)
            try:
                uploads = upload_to_scored(base, ready["assignment"])
            except (AssertionError, urllib.error.URLError) as failed:
                print(f"upload-to-scored failed: {failed}")
                uploads = []
        finally:
            server.terminate()
            server.wait(timeout=30)
        report(ready, first, measured, uploads, seconds)


def report(ready: dict, first: dict, measured: dict, uploads: list[float], seconds: float) -> None:
    built = ready["built"]
    print(f"{built.evaluations} evaluations ({ROUNDS} rounds × {PROJECTS} projects × final and midterm, and the "
          f"samples), made in {ready['seconds']:.0f} s; gunicorn, {WORKERS} workers, loopback; {USERS} people, "
          f"{seconds:g} s each\n")
    print(f"{'':48}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p95 × baseline':>16}")
    for mode, title in (("think", "reading 0.5–1.5 s between clicks"), ("busy", "clicking again at once (20 in flight)")):
        print(f"-- {title}")
        baseline = p95(measured[f"log-in page (baseline) | {mode}"]["times"])
        for key, found in measured.items():
            if not key.endswith(f"| {mode}") or key == "first views":
                continue
            t = found["times"]
            errors = f"  ({found['error_count']} errors: {found['errors']})" if found["error_count"] else ""
            if not t:
                print(f"{key.split(' | ')[0]:48}{0:9}  no request answered 200{errors}")
                continue
            print(f"{key.split(' | ')[0]:48}{len(t):9}{statistics.median(t) * 1000:9.0f}{p95(t) * 1000:9.0f}"
                  f"{p95(t) / baseline:16.1f}{errors}")
    print("\nfirst view after a change (the portfolio computed, one request alone):")
    for name, (s, size) in first.items():
        print(f"  {name}: {s * 1000:.0f} ms ({size / 1000:.0f} kB)")
    views = measured["first views"]["times"]
    print(f"  result page, first view of each of {len(views)} (rendered and kept; 4 at a time): "
          f"p50 {statistics.median(views) * 1000:.0f} ms, p95 {p95(views) * 1000:.0f} ms")
    if not uploads:
        return
    print(f"\nupload-to-scored ({len(uploads)} forms, one after another, report excluded): "
          f"p50 {statistics.median(uploads) * 1000:.0f} ms, p95 {p95(uploads) * 1000:.0f} ms")


if __name__ == "__main__":
    if sys.argv[1:2] == ["load"]:
        print(json.dumps(load(json.loads(sys.stdin.read()))))
    else:
        if len(sys.argv) > 2:
            PROJECTS = int(sys.argv[2])
        main(float(sys.argv[1]) if len(sys.argv) > 1 else 15.0)

"""Feedback reports: seconds per report with one shared renderer, against bare WeasyPrint on the same
HTML (a new FontConfiguration and freshly parsed stylesheets for every document, as a script calling
`HTML(string=…).write_pdf()` would do), and reports per second with 1 and 2 worker processes (the second
phase of `evaluator score`, each worker starting from a fresh interpreter and making its own renderer).

    python benchmarks/bench_report.py [COPIES]     (COPIES of the 9 sample results for the worker runs; 2)
"""

from __future__ import annotations

import gc
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVALUATOR = Path(sys.executable).with_name("evaluator")


def scored(folder: Path) -> list[Path]:
    """The sample results, stored (so reports find the earlier round), without reports."""
    subprocess.run([str(EVALUATOR), "score", str(ROOT / "samples"), "-o", str(folder), "--db", str(folder / "ev.db"),
                    "--no-report"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return sorted(folder.glob("*.json"))


def bare_pdf(html: str) -> bytes:
    """WeasyPrint as documented, nothing kept between documents: same HTML, same CSS files, same fonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from evaluator.report.feedback import STYLESHEETS
    from evaluator.report.render import ASSETS, ASSETS_URL, BASE_STYLESHEETS, AssetFetcher, reproducible

    fonts, fetcher = FontConfiguration(), AssetFetcher()
    sheets = [CSS(filename=str(ASSETS / name), url_fetcher=fetcher, font_config=fonts)
              for name in (*BASE_STYLESHEETS, *STYLESHEETS)]
    with reproducible():
        return HTML(string=html, base_url=ASSETS_URL, url_fetcher=fetcher).write_pdf(stylesheets=sheets,
                                                                                      font_config=fonts)


def in_process(results: list[Path], db: Path) -> None:
    from pypdf import PdfReader

    from evaluator.store.earlier import earlier_round
    from evaluator.report.feedback import feedback_html, feedback_view, render_feedback
    from evaluator.report.render import Renderer
    from evaluator.store import Store
    from evaluator.store.files import read_result

    started = time.perf_counter()
    renderer = Renderer()
    render_feedback(read_result(results[0]), "zh", renderer=renderer)   # fonts and stylesheets load here
    print(f"first report with a new renderer (fonts and stylesheets loaded): {time.perf_counter() - started:.2f} s\n")
    print(f"{'report':44}{'lang':>5}{'pages':>6}{'ours s':>8}{'s/page':>8}{'bare s':>8}{'ours/bare':>10}")
    totals = [0.0, 0.0, 0]
    with Store.open(db, create=False) as store:
        for path in results:
            result = read_result(path)
            previous = earlier_round(store, result)
            for lang in ("zh", "en"):
                t = time.perf_counter()
                data = render_feedback(result, lang, previous, renderer=renderer)
                ours = time.perf_counter() - t
                html = feedback_html(feedback_view(result, lang, previous), renderer)
                t = time.perf_counter()
                bare_pdf(html)
                bare = time.perf_counter() - t
                gc.collect()   # WeasyPrint removes each document's temporary copies of the fonts when collected
                pages = len(PdfReader(io.BytesIO(data)).pages)
                totals[0], totals[1], totals[2] = totals[0] + ours, totals[1] + bare, totals[2] + pages
                print(f"{path.stem[:42]:44}{lang:>5}{pages:6}{ours:8.2f}{ours / pages:8.3f}{bare:8.2f}{ours / bare:10.2f}")
    renderer.close()
    n = 2 * len(results)
    print(f"{'mean per report':49}{totals[2] / n:6.1f}{totals[0] / n:8.2f}{totals[0] / totals[2]:8.3f}"
          f"{totals[1] / n:8.2f}{totals[0] / totals[1]:10.2f}\n")


def phase_two(folder: Path, workers: int) -> None:
    """Child process: render every result under `folder` as `evaluator score` does in its second phase."""
    from evaluator.batch import Options, run_reports

    results = sorted(folder.rglob("*.json"))
    options = Options(out_dir=folder, db=folder / "ev.db", force=True)
    started = time.perf_counter()
    failed = sum(r.status == "failed" for r in run_reports(results, options, workers))
    wall = time.perf_counter() - started
    cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for f in ("ru_utime", "ru_stime"))
    print(f"{len(results)} {wall:.3f} {cpu:.3f} {failed}")


def workers_runs(folder: Path, results: list[Path], copies: int) -> None:
    """`copies` of every result in subfolders, rendered with 1 and with 2 workers."""
    for k in range(copies):
        (folder / f"copy{k}").mkdir()
        for path in results:
            shutil.copy(path, folder / f"copy{k}" / path.name)
    shutil.copy(results[0].parent / "ev.db", folder / "ev.db")
    print(f"{'second phase of evaluator score':34}{'reports':>8}{'seconds':>9}{'reports/s':>11}{'speed-up':>9}"
          f"{'CPU s':>8}{'load':>6}")
    one = None
    for workers in (1, 2):
        out = subprocess.run([sys.executable, __file__, "--phase-two", str(folder), str(workers)], check=True,
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
        count, seconds, cpu, failed = int(out[0]), float(out[1]), float(out[2]), int(out[3])
        one = one or seconds
        note = f"  ({failed} failed)" if failed else ""
        print(f"{f'{workers} worker' + ('s' if workers > 1 else ''):34}{count:8}{seconds:9.2f}{count / seconds:11.2f}"
              f"{one / seconds:9.2f}{cpu:8.1f}{os.getloadavg()[0]:6.1f}{note}")


def main(copies: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = scored(Path(tmp) / "results")
        print(f"{len(results)} sample results, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
              "(other processes share the cores: read the figures with it)\n")
        in_process(results, Path(tmp) / "results" / "ev.db")
        (Path(tmp) / "runs").mkdir()
        workers_runs(Path(tmp) / "runs", results, copies)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase-two"]:
        phase_two(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)

"""Scoring a whole round: how close check+score gets to the floor (a bare calamine read of the same
files), and how the end-to-end `evaluator score` scales with workers. Figures are printed as
absolutes and as ratios to the baseline measured in the same run.

    python benchmarks/bench_round.py [N]        (make bench; N = 1000 by default)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

from evaluator.bundled import rubric_path
from evaluator.forms.reader import read_form
from evaluator.rubric import load_rubric
from evaluator.scoring.engine import evaluate

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_forms

EVALUATOR = Path(sys.executable).with_name("evaluator")


def bare_read(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    return time.perf_counter() - start


def check_and_score(paths: list[Path], loaded) -> float:
    start = time.perf_counter()
    for path in paths:
        reading = read_form(path, loaded)
        evaluate(loaded.rubric, reading.evidence, reading.problems)
    return time.perf_counter() - start


def end_to_end(folder: Path, out: Path, workers: int, extra: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one `evaluator score` run over the folder."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([str(EVALUATOR), "score", str(folder), "-o", str(out), "--db", str(out / "ev.db"),
                    "--workers", str(workers), *extra], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def main(n: int) -> None:
    loaded = load_rubric(rubric_path())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "forms"
        t = time.perf_counter()
        paths = write_forms(loaded, folder, n)
        print(f"generated {n} synthetic forms in {time.perf_counter() - t:.1f} s ({os.cpu_count()} cores)\n")
        floor = bare_read(paths)
        scored = check_and_score(paths, loaded)
        rows = [("bare calamine read (floor)", floor, 1.0), ("check + score, in process", scored, scored / floor)]
        print(f"{'':34}{'seconds':>9}{'forms/s':>10}{'× floor':>9}")
        for label, seconds, ratio in rows:
            print(f"{label:34}{seconds:9.2f}{n / seconds:10.0f}{ratio:9.2f}")
        print()
        one = end_to_end(folder, Path(tmp) / "w1", 1, ["--no-report"])
        two = end_to_end(folder, Path(tmp) / "w2", 2, ["--no-report"])
        print(f"{'evaluator score --no-report':34}{'seconds':>9}{'forms/s':>10}{'speed-up':>9}{'peak MiB':>10}")
        for label, (seconds, peak) in (("1 worker", one), ("2 workers", two)):
            print(f"{label:34}{seconds:9.2f}{n / seconds:10.0f}{one[0] / seconds:9.2f}{peak:10.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

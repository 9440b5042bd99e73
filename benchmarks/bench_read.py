"""The form-reading hot path: reading and checking a form (`read_form`: the archive's safety scan, every
cell through the `_meta` map, every located problem) against the floor, a bare python-calamine read of
the same file (open it, every sheet to Python values), measured in the same run, alternately, best of
ROUNDS. The target is at most 2 × the floor, for forms as the template writes them (and the samples). Forms
as Excel and WPS save them (the text in a shared-strings table, which differs from form to form) are
measured too, on N/2 of the same forms re-packed that way: their floor is lower and they are not there yet.

    python benchmarks/bench_read.py [N]        (make bench; N = 200 synthetic forms by default)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from python_calamine import CalamineWorkbook

from evaluator.bundled import rubric_path
from evaluator.forms.reader import read_form
from evaluator.rubric import LoadedRubric, load_rubric

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_forms

ROUNDS = 5
TARGET = 2.0
ROOT = Path(__file__).resolve().parents[1]


def bare_read(paths: list[Path]) -> None:
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()


def read_and_check(paths: list[Path], loaded: LoadedRubric | None) -> None:
    for path in paths:
        reading = read_form(path, loaded)
        assert reading.evidence is not None, [p.render("en") for p in reading.problems]


def best(runs: dict[str, Callable[[], None]]) -> dict[str, float]:
    """Each run's best time over ROUNDS rounds, the runs taking turns (so a busy moment hits all alike)."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: min(found) for name, found in times.items()}


def main(n: int) -> None:
    loaded = load_rubric(rubric_path())
    samples = sorted((ROOT / "samples").glob("*.xlsx"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_forms(loaded, Path(tmp) / "forms", n)
        shared = write_forms(loaded, Path(tmp) / "shared", n // 2, shared_strings=True)
        read_and_check(paths[:2] + shared[:2], loaded)  # imports and the rubric's first use out of the timing
        found = best({"bare": lambda: bare_read(paths), "read": lambda: read_and_check(paths, loaded),
                      "bare samples": lambda: bare_read(samples), "read samples": lambda: read_and_check(samples, None),
                      "bare shared": lambda: bare_read(shared), "read shared": lambda: read_and_check(shared, loaded)})
    print(f"reading and checking a form against a bare calamine read of the same file (best of {ROUNDS}, "
          f"{os.cpu_count()} cores)\n")
    print(f"{'':52}{'ms/form':>9}{'× floor':>9}  (the target: at most {TARGET:g} × for the first two)")
    for label, count, floor, ours in ((f"{n} synthetic forms", n, "bare", "read"),
                                      (f"the {len(samples)} samples", len(samples), "bare samples", "read samples"),
                                      (f"{n // 2} as Excel saves them", n // 2, "bare shared", "read shared")):
        ratio = found[ours] / found[floor]
        verdict = "ok" if ratio <= TARGET else f"over {TARGET:g} ×"
        print(f"{label + ': bare calamine read (the floor)':52}{found[floor] / count * 1000:9.2f}{1.0:9.2f}")
        print(f"{label + ': read_form (read and check)':52}{found[ours] / count * 1000:9.2f}{ratio:9.2f}  {verdict}")

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

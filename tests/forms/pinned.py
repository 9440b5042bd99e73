"""The forms whose located problems are pinned (`test_pinned_problems`): every bundled sample, every form the
tests read when the pins were recorded (kept in `tests/fixtures/forms-corpus.tar.xz` with the rubric each was
read against), and mutants of two good forms made by the fuzzing mutators from fixed seeds.

For each form the pin holds its problems exactly as `read_form` returns them (code, severity, location,
params) and a digest of the evidence read, so a change to the reader that makes it faster can be shown to
find the same things at the same cells. When a change is *meant* to change what a form reports, record the
pins again and review the diff of `tests/fixtures/forms-pinned.jsonl`:

    .venv/bin/python -m tests.forms.pinned
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluator.forms.reader import FormReading, read_form
from evaluator.rubric import LoadedRubric, load_rubric

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "forms-corpus.tar.xz"
PINS = FIXTURES / "forms-pinned.jsonl"
MUTANTS = {"mini": 300, "sample": 60}   # mutants of each base form
SAMPLE_BASE = ROOT / "samples" / "jt-estate-2024.xlsx"


@dataclass(frozen=True)
class Form:
    id: str                 # stable name of the form in the pins
    data: bytes
    rubric: str | None      # "mini", or None: the bundled rubric the form's `_meta` names


def mini_rubric() -> LoadedRubric:
    loaded = load_rubric(FIXTURES / "mini" / "rubric.yaml")
    assert loaded.ok
    return loaded


def forms() -> Iterator[Form]:
    """Every pinned form, in a fixed order."""
    for path in sorted((ROOT / "samples").rglob("*.xlsx")):
        yield Form(f"sample/{path.relative_to(ROOT / 'samples')}", path.read_bytes(), None)
    with tarfile.open(CORPUS, "r:xz") as tar:
        manifest = json.loads(_member(tar, "corpus.json"))
        for entry in manifest:
            yield Form(f"corpus/{entry['file']}", _member(tar, entry["file"]), entry["rubric"])
    yield from mutants()


def mutants() -> Iterator[Form]:
    from tests.forms.conftest import GOOD, build
    from tests.fuzz.mutate import FORM_MUTATIONS

    bases = {"mini": (build(mini_rubric(), GOOD), "mini"), "sample": (SAMPLE_BASE.read_bytes(), None)}
    for base, count in MUTANTS.items():
        data, rubric = bases[base]
        rnd = random.Random(f"pinned-{base}")
        for n in range(count):
            steps = [(rnd.randrange(len(FORM_MUTATIONS)), rnd.randrange(2**32)) for _ in range(rnd.choice([1, 1, 2, 3]))]
            mutant = data
            for op, seed in steps:
                mutant = _mutated(FORM_MUTATIONS[op], mutant, seed)
            yield Form(f"mutant/{base}/{n}", mutant, rubric)


def _mutated(mutation: Any, data: bytes, seed: int) -> bytes:
    """As the fuzz test does: the input unchanged when the mutation cannot apply to it."""
    try:
        return mutation(data, random.Random(seed))
    except Exception:
        return data


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    member = tar.extractfile(name)
    assert member is not None, name
    return member.read()


def reading_pin(form: Form, rubric: LoadedRubric | None) -> dict[str, Any]:
    """What `read_form` finds in the form, read under the name `form.xlsx` in the working folder."""
    path = Path("form.xlsx")
    path.write_bytes(form.data)
    try:
        reading = read_form(path, rubric)
    finally:
        path.unlink()
    return pin(form, reading)


def pin(form: Form, reading: FormReading) -> dict[str, Any]:
    """The problems as they are; the evidence as a digest of everything but its source (the file's name and
    hash: a mutant's bytes carry the time it was made), and whether the source names the file read."""
    sha = hashlib.sha256(form.data).hexdigest()
    evidence = reading.evidence
    return {"id": form.id, "sha256": sha,
            "problems": [p.model_dump(mode="json") for p in reading.problems],
            "evidence": hashlib.sha256(evidence.model_dump_json(exclude={"source"}).encode()).hexdigest()
                        if evidence is not None else None,
            "source": evidence.source.sha256 == sha and evidence.source.file == "form.xlsx" if evidence else None,
            "rubric": reading.rubric.sha256 if reading.rubric is not None else None}


def load_pins() -> dict[str, dict[str, Any]]:
    lines = PINS.read_text(encoding="utf-8").splitlines()
    return {p["id"]: p for p in map(json.loads, lines)}


def record() -> None:
    """Read every form (each in a forked child, so a form that kills its reader is left out and named) and
    write the pins."""
    from tests.isolate import isolated

    mini = mini_rubric()
    out, skipped = [], []
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        for form in forms():
            outcome = isolated(reading_pin, form, mini if form.rubric == "mini" else None, timeout=60)
            if outcome.ok:
                out.append(outcome.value)
            else:
                skipped.append((form.id, outcome.kind))
    text = io.StringIO()
    for entry in out:
        text.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
    PINS.write_text(text.getvalue(), encoding="utf-8")
    print(f"{len(out)} forms pinned in {PINS.relative_to(ROOT)}; left out (their reader did not return): {skipped}")


if __name__ == "__main__":
    record()

"""Sources are cited as public publications: nothing in the repository names a source by a file name or a
number, or points at a path outside the repository. The rubric's `references` hold the citations and
every indicator's source resolves to one of them (tests/rubric/test_bundled.py, rubric check R018)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT = {".py", ".yaml", ".yml", ".md", ".html", ".css", ".json", ".toml", ".txt", ".cfg", ".ini", ""}

# A source document's number standing on its own, a number after the word for a source, a source file's
# name, a key `seed:`, and paths of a development machine. This file spells them out and is not searched.
FORBIDDEN = {
    "a source numbered": re.compile(r"(?i)\bseeds?\W{0,3}[0-9]{3}\b|种子文献|(?<![A-Za-z0-9.,_%:/\-])(?<![0-9] )00[0-4](?![0-9])"),
    "a source file's name": re.compile(r"[0-9]{3}_[0-9a-f]{16}(?:\.txt)?"),
    "a source key": re.compile(r"\bseed:\s*\"?[0-9]"),
    "a path outside the repository": re.compile(r"/work/|shared/(?:seeds|design)|\.\./shared\b"),
}


def _files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        paths = [ROOT / line for line in listed.splitlines()]
    except (OSError, subprocess.CalledProcessError):   # an unpacked source archive: walk it
        skip = {".git", ".venv", "output", "build", "dist", "__pycache__"}
        paths = [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    here = Path(__file__).resolve()
    return sorted(p for p in paths if p.suffix in TEXT and p.is_file() and p.resolve() != here)


FILES = _files()


def test_the_repository_is_searched():
    names = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert {"README.md", "rubrics/chengdu-participatory.yaml", "indicators/d3-finance-resources.yaml",
            "docs/scoring.md", "evaluator/rubric/models.py", "samples/source/jt-estate-2023.yaml"} <= names


@pytest.mark.parametrize("what", FORBIDDEN)
def test_nothing_cites_a_source_by_number_or_file_or_names_an_outside_path(what):
    pattern = FORBIDDEN[what]
    found = []
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, f"{what}:\n" + "\n".join(found)


def test_the_patterns_catch_what_they_are_for():
    caught = ["来源见 " "seed " "002", "另见" "004" "杨浦", "0" "02_ed8865c3142e2c94.txt", "seed" ': "002"',
              "/wo" "rk/shared/seeds", "种子" "文献 001"]
    for text in caught:
        assert any(p.search(text) for p in FORBIDDEN.values()), text
    for text in ("R001", "F004", "2.004", "0.005", "error G002", "random.Random(seed)"):
        assert not any(p.search(text) for p in FORBIDDEN.values()), text

"""The bundled samples are exactly what samples/build.py makes from samples/source: they never drift."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_samples_are_rebuilt_byte_for_byte(tmp_path):
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(tmp_path)
    assert len(built) == 10
    for path, _ in built:
        committed = SAMPLES / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), f"{committed} drifted: run python samples/build.py"

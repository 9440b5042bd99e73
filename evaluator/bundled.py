"""Where the bundled rubrics live: inside the installed wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

DEFAULT_RUBRIC = "chengdu-participatory"


def data_root() -> Path:
    """The folder holding `rubrics/` and `indicators/` (the wheel copies both into `evaluator/_data`)."""
    packaged = Path(__file__).parent / "_data"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent


def rubric_path(name_or_path: str | Path | None = None) -> Path:
    """A rubric file given as a path, or as the id of a bundled rubric; the default rubric if None."""
    if name_or_path is None:
        name_or_path = DEFAULT_RUBRIC
    path = Path(name_or_path)
    if path.exists() or path.suffix in (".yaml", ".yml") or len(path.parts) > 1:
        return path
    return data_root() / "rubrics" / f"{name_or_path}.yaml"


def bundled_rubrics() -> list[str]:
    return sorted(p.stem for p in (data_root() / "rubrics").glob("*.yaml"))

"""What a rubric is read into before it is checked: each validated piece (`Located`) with the file and key
it was written at, so a check can report a problem where the user wrote the thing; `Sources` holds them
all. The loader fills these and the checks read them (neither imports the other's internals).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from evaluator.problems import Location, Problem, Severity
from evaluator.rubric.models import IndicatorDef, Ladder, RubricFile
from evaluator.rubric.yaml_source import Key, YamlDoc, format_key

T = TypeVar("T")


@dataclass
class Located(Generic[T]):
    """A validated piece together with where it was written."""

    value: T
    doc: YamlDoc
    key: Key = ()
    display: str = ""

    def at(self, subkey: Key, code: str, severity: Severity = "error", **params: Any) -> Problem:
        key = self.key + subkey
        location = Location(file=self.display, line=self.doc.line_of(key), key=format_key(key) or None)
        return Problem(code=code, severity=severity, location=location, params=params)


@dataclass
class Sources:
    """Everything read for one rubric, validated piece by piece."""

    rubric: Located[RubricFile] | None = None
    indicators: list[Located[IndicatorDef]] = field(default_factory=list)
    indicator_domains: dict[str, Located[str]] = field(default_factory=dict)  # indicator id → its file's domain
    ladder: Located[Ladder] | None = None
    files: list[Path] = field(default_factory=list)
    incomplete: bool = False  # a referenced file could not be read: what it would define is unknown

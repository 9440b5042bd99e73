"""Load a rubric and the files it references, collecting every problem instead of stopping at the first.

Each piece is validated on its own (the rubric file, each indicator, the ladder) so one broken
indicator hides nothing about the others; the semantic checks then run over what validated, and the
resolved `Rubric` is composed only when nothing is in error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from evaluator.i18n import both
from evaluator.bundled import data_root
from evaluator.inputs import InputError
from evaluator.problems import Location, Problem, errors
from evaluator.rubric.canonical import content_hash
from evaluator.rubric.models import (
    Domain,
    Indicator,
    IndicatorDef,
    IndicatorFile,
    Ladder,
    Rubric,
    RubricFile,
)
from evaluator.rubric.schema_errors import known_keys, problems_from
from evaluator.rubric.yaml_source import Key, YamlDoc, YamlError, format_key, load_yaml

T = TypeVar("T")
_VOCABULARY = known_keys(RubricFile, IndicatorDef, Ladder)


@dataclass
class Located(Generic[T]):
    """A validated piece together with where it was written."""

    value: T
    doc: YamlDoc
    key: Key = ()
    display: str = ""

    def at(self, subkey: Key, code: str, severity: str = "error", **params) -> Problem:
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


@dataclass
class LoadedRubric:
    path: Path
    rubric: Rubric | None
    problems: list[Problem]
    sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.rubric is not None


def load_rubric(path: Path | str) -> LoadedRubric:
    from evaluator.rubric.checks import check_sources

    path = Path(path)
    problems: list[Problem] = []
    sources = Sources()
    doc = _read(path, problems)
    if doc is not None:
        sources.files.append(path)
        sources.rubric = _validate(RubricFile, doc, (), problems)
        _read_indicator_files(path, doc, sources, problems)
        _read_ladder(path, doc, sources, problems)
    problems += check_sources(sources)
    rubric = _compose(sources) if not errors(problems) else None
    sha = content_hash(rubric) if rubric else None
    return LoadedRubric(path=path, rubric=rubric, problems=problems, sha256=sha)


def display_path(path: Path) -> str:
    """Paths in messages: relative to the working directory when under it, as the user typed them."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _read(path: Path, problems: list[Problem]) -> YamlDoc | None:
    shown = display_path(path)
    try:
        return load_yaml(path)
    except InputError as exc:
        code = "R001" if exc.kind == "missing" else "R007"
        problems.append(Problem(code=code, location=Location(file=shown), params={"path": shown, "detail": exc.detail}))
    except UnicodeDecodeError as exc:
        problems.append(Problem(code="R002", location=Location(file=shown), params={"detail": str(exc)}))
    except YamlError as exc:
        location = Location(file=shown, line=exc.line, key=format_key(exc.key) or None)
        problems.append(Problem(code=exc.code, location=location, params=exc.params))
    return None


def _validate(model: type[BaseModel] | TypeAdapter, doc: YamlDoc, key: Key, problems: list[Problem]):
    if not key and not isinstance(doc.data, dict):  # said without quoting it: it may not be YAML we wanted
        location = Location(file=display_path(doc.path), line=1)
        problems.append(Problem(code="R003", location=location, params={"expected": _MAPPING, "found": _kind(doc.data)}))
        return None
    data = doc.data
    for part in key:
        data = data[part]
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    try:
        value = adapter.validate_python(data)
    except ValidationError as exc:
        problems += problems_from(exc, doc, key, display_path(doc.path), _VOCABULARY)
        return None
    return Located(value, doc, key, display_path(doc.path))


def _referenced(rubric_path: Path, doc: YamlDoc, key: str, sources: Sources,
                problems: list[Problem]) -> list[tuple[Key, Path]]:
    """Files named in the rubric file, read from the raw data so a rubric file with other errors still
    has its indicator files checked; each must be a YAML file inside the rubric's folder or the bundled
    data, so a shared rubric cannot make us read (and quote) /etc/passwd or /proc."""
    data = doc.data if isinstance(doc.data, dict) else {}
    value = data.get(key)
    named: list[tuple[Key, str]] = [((key,), value)] if isinstance(value, str) else \
        [((key, i), v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []
    allowed: list[tuple[Key, Path]] = []
    for at, text in named:
        path = rubric_path.parent / text
        code = "R052" if path.suffix.lower() not in (".yaml", ".yml") else None if _inside(path, rubric_path) else "R051"
        if code:
            location = Location(file=display_path(doc.path), line=doc.line_of(at), key=format_key(at))
            problems.append(Problem(code=code, location=location, params={"path": text}))
            sources.incomplete = True
        else:
            allowed.append((at, path))
    return allowed


def _inside(path: Path, rubric_path: Path) -> bool:
    """Whether `path` (symbolic links followed) is in the rubric's folder tree or the bundled data."""
    real = Path(os.path.realpath(path))
    roots = [rubric_path.parent, data_root() / "indicators", data_root() / "rubrics"]
    return any(real.is_relative_to(os.path.realpath(root)) for root in roots)


def _kind(data: object) -> dict[str, str]:
    """What a document is instead of a mapping, without its content."""
    if data is None:
        return both("an empty file")
    if isinstance(data, list):
        return both("a list (content not shown)")
    return both("plain text or a value (content not shown)")


_MAPPING = both("a mapping (key: value)")


def _read_referenced(doc: YamlDoc, key: Key, path: Path, problems: list[Problem]) -> YamlDoc | None:
    """A file the rubric names; a missing one is reported at the line that names it."""
    if not path.exists():  # anything else that is there (a folder, a FIFO) is told by _read
        location = Location(file=display_path(doc.path), line=doc.line_of(key), key=format_key(key))
        problems.append(Problem(code="R001", location=location, params={"path": display_path(path)}))
        return None
    return _read(path, problems)


_INDICATOR = TypeAdapter(IndicatorDef)


def _read_indicator_files(rubric_path: Path, doc: YamlDoc, sources: Sources, problems: list[Problem]) -> None:
    for key, path in _referenced(rubric_path, doc, "indicator_files", sources, problems):
        ind_doc = _read_referenced(doc, key, path, problems)
        if ind_doc is None:
            sources.incomplete = True
            continue
        sources.files.append(path)
        header = _validate(IndicatorFile, ind_doc, (), problems)
        if header is None:
            sources.incomplete = True
            continue
        for i in range(len(header.value.indicators)):
            located = _validate(_INDICATOR, ind_doc, ("indicators", i), problems)
            if located is not None:
                sources.indicators.append(located)
                sources.indicator_domains[located.value.id] = Located(header.value.domain, ind_doc, ("domain",), header.display)


def _read_ladder(rubric_path: Path, doc: YamlDoc, sources: Sources, problems: list[Problem]) -> None:
    for key, path in _referenced(rubric_path, doc, "ladder_file", sources, problems):
        ladder_doc = _read_referenced(doc, key, path, problems)
        if ladder_doc is not None:
            sources.files.append(path)
            sources.ladder = _validate(Ladder, ladder_doc, (), problems)


def _compose(sources: Sources) -> Rubric:
    """The resolved rubric; only called when every piece validated and every check passed."""
    assert sources.rubric is not None and sources.ladder is not None
    written = sources.rubric.value
    defs = {located.value.id: located.value for located in sources.indicators}
    domains = []
    for ref in written.domains:
        indicators = [_place(defs[r.id], ref.id, r.points, written.default_raters) for r in ref.indicators]
        domains.append(Domain(**ref.model_dump(exclude={"indicators"}), indicators=indicators))
    base = written.model_dump(exclude={"indicator_files", "ladder_file", "domains"})
    return Rubric(**base, domains=domains, ladder=sources.ladder.value)


def _place(definition: IndicatorDef, domain: str, points: float, default_raters: list[str]) -> Indicator:
    raters = definition.raters or (default_raters if definition.rule.kind == "rating" else [])
    data = definition.model_dump(exclude={"raters"})
    return Indicator(**data, domain=domain, points=points, raters=raters)

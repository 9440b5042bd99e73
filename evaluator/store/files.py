"""Reading a RESULT.json made elsewhere: validated by the Result model, every problem located.

Only a regular file is read (never a folder, a device or a pipe, even behind a symlink), and only up to
a size limit checked before reading. JSON that nests deeper than any result, numbers too large for a
float or not finite (NaN, Infinity), and text holding lone surrogates are refused with the key path
where they are. A file that is not JSON names its line and column; a result that does not fit the
model names the line and key of each mismatch (JSON is read as YAML for positions only then).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from pydantic import ValidationError

from evaluator.i18n import both, LANGS
from evaluator.inputs import InputError, read_regular
from evaluator.problems import Location, Problem
from evaluator.rubric.loader import display_path
from evaluator.rubric.schema_errors import known_keys, problems_from
from evaluator.rubric.yaml_source import YamlDoc, YamlError, format_key, load_yaml
from evaluator.scoring.result import SCHEMA, Result
from evaluator.scoring.upgrade import READABLE, load_result
from evaluator.store.db import StoreError, problem

MAX_BYTES = 32 * 1024 * 1024      # a result of the bundled rubric is about 100 KB
MAX_DEPTH = 64                    # a result nests about 8 levels deep
_LINES_UP_TO = 4 * 1024 * 1024    # positions of model mismatches are looked up in files up to this size
_MAX_DIGITS = 60                  # an integer with more digits is no score

_VOCABULARY = known_keys(Result) | {"schema"}
# the located pydantic problems carry rubric codes; a result file gets the same kinds under S codes
_CODES = {"R003": "S005", "R004": "S006", "R005": "S007", "R006": "S008"}
_JSON_ERRORS = {
    "Expecting value": both("expecting a value"),
    "Expecting ',' delimiter": both("expecting ','"),
    "Expecting ':' delimiter": both("expecting ':'"),
    "Expecting property name enclosed in double quotes": both("expecting a key in double quotes"),
    "Unterminated string starting at": both("unterminated string"),
    "Extra data": both("extra data after the JSON"),
}


class _OutOfRange(str):
    """A JSON number no float holds (1e999, NaN, Infinity, a 5000-digit integer), kept as its text."""


def read_result(path: Path) -> Result:
    """The result in `path`, or StoreError with every problem found."""
    shown = display_path(path)
    text = _read_text(path, shown)
    data = parse_result_json(text, shown)
    schema = data.get("schema") if isinstance(data, dict) else None
    if not isinstance(data, dict) or schema not in READABLE:  # an older schema is upgraded on reading
        raise StoreError([problem("S004", shown, at="schema", found=repr(schema)[:80], expected=SCHEMA)])
    try:
        return result_from_data(data)
    except ValidationError as exc:
        raise StoreError(_located(exc, path, data, len(text))) from None


def result_from_data(data: dict) -> Result:
    """The one place parsed result JSON becomes a Result, read from a file or from the store (a result of an
    older schema is upgraded here). Raises pydantic's ValidationError."""
    return load_result(data)


def _read_text(path: Path, shown: str) -> str:
    """Only a regular file, only up to MAX_BYTES (evaluator.inputs: no hang on a pipe, no /dev/zero)."""
    try:
        data = read_regular(path, MAX_BYTES)
    except InputError as exc:
        if exc.kind == "missing":
            raise StoreError([problem("S001", shown, path=shown)]) from None
        if exc.kind in ("folder", "special"):
            raise StoreError([problem("S018", shown, path=shown)]) from None
        if exc.kind == "too_large":
            raise StoreError([problem("S019", shown, size=os.stat(path).st_size, limit=MAX_BYTES)]) from None
        raise StoreError([problem("S002", shown, detail=exc.detail)]) from None
    try:
        return data.decode("utf-8-sig")   # tolerate the BOM some Windows tools write
    except UnicodeDecodeError as exc:
        raise StoreError([problem("S002", shown, detail=f"UTF-8: {exc.reason} (byte {exc.start})")]) from None


def parse_result_json(text: str, shown: str) -> object:
    """JSON text as data, or StoreError naming where it is not JSON, too deep, or holds unusable values."""
    try:
        data = json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_OutOfRange)
    except json.JSONDecodeError as exc:
        location = Location(file=shown, line=exc.lineno)
        params = {"detail": _JSON_ERRORS.get(exc.msg, dict.fromkeys(LANGS, exc.msg)), "column": exc.colno}
        raise StoreError([Problem(code="S003", location=location, params=params)]) from None
    except RecursionError:
        raise StoreError([problem("S029", shown, limit=MAX_DEPTH)]) from None
    if found := unusable_values(data, shown):
        raise StoreError(found)
    return data


def _integer(text: str) -> int | _OutOfRange:
    return _OutOfRange(text[:24] + "…") if len(text.lstrip("-")) > _MAX_DIGITS else int(text)


def _float(text: str) -> float | _OutOfRange:
    value = float(text)
    return value if math.isfinite(value) else _OutOfRange(text[:24])


def unusable_values(data: object, shown: str) -> list[Problem]:
    """Depth beyond MAX_DEPTH, numbers out of range and lone surrogates, each at its key path (walked
    without recursion, so no depth of nesting can exhaust the stack)."""
    found: list[Problem] = []
    stack: list[tuple[object, tuple]] = [(data, ())]
    while stack and len(found) < 20:
        value, key = stack.pop()
        if len(key) > MAX_DEPTH:
            return [problem("S029", shown, at=format_key(key[:MAX_DEPTH]), limit=MAX_DEPTH)]
        if isinstance(value, _OutOfRange):
            found.append(problem("S033", shown, at=format_key(key), found=str(value)))
        elif isinstance(value, str) and not _encodable(value):
            found.append(problem("S034", shown, at=format_key(key), found=_surrogate(value)))
        elif isinstance(value, dict):
            for k, v in value.items():
                if not _encodable(k):
                    found.append(problem("S034", shown, at=format_key(key), found=_surrogate(k)))
                    continue
                stack.append((v, (*key, k)))
        elif isinstance(value, list):
            stack.extend((v, (*key, n)) for n, v in enumerate(value))
    return found


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _surrogate(text: str) -> str:
    return next(f"\\u{ord(ch):04x}" for ch in text if 0xD800 <= ord(ch) <= 0xDFFF)


def _located(error: ValidationError, path: Path, data: object, size: int) -> list[Problem]:
    lines: dict = {}
    if size <= _LINES_UP_TO:
        try:
            lines = load_yaml(path).lines
        except (YamlError, OSError, ValueError, RecursionError):
            pass  # no positions: the key path still says where
    doc = YamlDoc(path, data, lines)
    found = problems_from(error, doc, (), display_path(path), _VOCABULARY)
    return [p.model_copy(update={"code": _CODES.get(p.code, "S005")}) for p in found]

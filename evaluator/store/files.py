"""Reading a RESULT.json made elsewhere: validated by the Result model, every problem located.

A file that is not JSON names its line and column; a result that does not fit the model names the
line and key of each mismatch (JSON is read as YAML for positions only when there is a problem).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from evaluator.problems import Location, Problem
from evaluator.rubric.loader import display_path
from evaluator.rubric.schema_errors import known_keys, problems_from
from evaluator.rubric.yaml_source import YamlDoc, YamlError, load_yaml
from evaluator.scoring.result import SCHEMA, Result
from evaluator.scoring.upgrade import READABLE, result_data
from evaluator.store.db import StoreError, problem

_VOCABULARY = known_keys(Result) | {"schema"}
# the located pydantic problems carry rubric codes; a result file gets the same kinds under S codes
_CODES = {"R003": "S005", "R004": "S006", "R005": "S007", "R006": "S008"}
_JSON_ERRORS = {
    "Expecting value": {"zh": "此处应有一个值", "en": "expecting a value"},
    "Expecting ',' delimiter": {"zh": "此处应有逗号", "en": "expecting ','"},
    "Expecting ':' delimiter": {"zh": "此处应有冒号", "en": "expecting ':'"},
    "Expecting property name enclosed in double quotes": {"zh": "键名应写在双引号中", "en": "expecting a key in double quotes"},
    "Unterminated string starting at": {"zh": "字符串没有结束引号", "en": "unterminated string"},
    "Extra data": {"zh": "JSON 结束后还有多余内容", "en": "extra data after the JSON"},
}


def read_result(path: Path) -> Result:
    """The result in `path`, or StoreError with every problem found."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # tolerate the BOM some Windows tools write
    except (FileNotFoundError, NotADirectoryError):
        raise StoreError([problem("S001", shown, path=shown)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError([problem("S002", shown, detail=str(exc))]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        location = Location(file=shown, line=exc.lineno)
        params = {"detail": _JSON_ERRORS.get(exc.msg, {"zh": exc.msg, "en": exc.msg}), "column": exc.colno}
        raise StoreError([Problem(code="S003", location=location, params=params)]) from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema not in READABLE:  # an older schema is upgraded on reading
        raise StoreError([problem("S004", shown, at="schema", found=repr(schema), expected=SCHEMA)])
    data = result_data(data)
    try:
        return Result.model_validate(data)
    except ValidationError as exc:
        raise StoreError(_located(exc, path, data)) from None


def _located(error: ValidationError, path: Path, data: object) -> list[Problem]:
    try:
        lines = load_yaml(path).lines
    except (YamlError, OSError):
        lines = {}  # no positions: the key path still says where
    doc = YamlDoc(path, data, lines)
    found = problems_from(error, doc, (), display_path(path), _VOCABULARY)
    return [p.model_copy(update={"code": _CODES.get(p.code, "S005")}) for p in found]

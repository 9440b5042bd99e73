"""Pydantic validation errors turned into located, bilingual problems."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from evaluator.problems import Location, Problem, did_you_mean
from evaluator.rubric.yaml_source import Key, YamlDoc, format_key

# What a pydantic error type expected, in words a rubric author reads.
_EXPECTED: dict[str, tuple[str, str]] = {
    "string_type": ("文本", "text"),
    "float_type": ("数值", "a number"),
    "float_parsing": ("数值", "a number"),
    "int_type": ("整数", "a whole number"),
    "int_parsing": ("整数", "a whole number"),
    "int_from_float": ("整数", "a whole number"),
    "bool_type": ("true 或 false", "true or false"),
    "bool_parsing": ("true 或 false", "true or false"),
    "list_type": ("列表", "a list"),
    "tuple_type": ("列表 [最小值, 最大值]", "a list [min, max]"),
    "dict_type": ("映射（键: 值）", "a mapping (key: value)"),
    "model_type": ("映射（键: 值）", "a mapping (key: value)"),
    "model_attributes_type": ("映射（键: 值）", "a mapping (key: value)"),
    "greater_than": ("大于 {gt} 的数", "a number greater than {gt}"),
    "greater_than_equal": ("不小于 {ge} 的数", "a number of at least {ge}"),
    "less_than_equal": ("不大于 {le} 的数", "a number of at most {le}"),
    "string_pattern_mismatch": ("符合格式 {pattern} 的文本", "text matching {pattern}"),
    "string_too_short": ("非空文本", "non-empty text"),
    "too_short": ("至少 {min_length} 项", "at least {min_length} items"),
    "too_long": ("至多 {max_length} 项", "at most {max_length} items"),
}


def known_keys(*models: type[BaseModel]) -> set[str]:
    """Every key any of these models (and the models inside them) accepts: the did-you-mean vocabulary."""
    seen: set[type] = set()
    keys: set[str] = set()

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.add(tp)
            for name, info in tp.model_fields.items():
                keys.add(name)
                walk(info.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            walk(arg)
        for meta in getattr(tp, "__metadata__", ()) or ():
            walk(meta)

    for model in models:
        walk(model)
    return keys


def problems_from(error: ValidationError, doc: YamlDoc, prefix: Key, display: str, vocabulary: set[str]) -> list[Problem]:
    out = []
    for err in error.errors(include_url=False):
        key = doc.resolve(prefix + tuple(err["loc"]))
        location = Location(file=display, line=doc.line_of(key), key=format_key(key) or None)
        out.append(Problem(code=_code(err), location=location, params=_params(err, key, vocabulary)))
    return out


def _code(err: dict) -> str:
    kind = err["type"]
    if kind in ("missing", "union_tag_not_found"):
        return "R004"
    if kind == "extra_forbidden":
        return "R005"
    if kind in ("literal_error", "enum", "union_tag_invalid"):
        return "R006"
    return "R003"


def _params(err: dict, key: Key, vocabulary: set[str]) -> dict[str, Any]:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "missing":
        return {"key": key[-1] if key else "?"}
    if kind == "union_tag_not_found":
        return {"key": ctx.get("discriminator", "kind").strip("'")}
    if kind == "extra_forbidden":
        name = str(key[-1]) if key else "?"
        return {"key": name, "hint": did_you_mean(name, vocabulary)}
    if kind == "union_tag_invalid":
        return {"found": repr(ctx.get("tag")), "expected": ctx.get("expected_tags", "")}
    if kind in ("literal_error", "enum"):
        return {"found": repr(err.get("input")), "expected": ctx.get("expected", "")}
    zh, en = _EXPECTED.get(kind, (err["msg"], err["msg"]))
    return {
        "expected": {"zh": zh.format(**ctx), "en": en.format(**ctx)},
        "found": _found(err.get("input")),
    }


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"

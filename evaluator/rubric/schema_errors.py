"""Pydantic validation errors turned into located, bilingual problems."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from evaluator.i18n import both, LANGS, N_
from evaluator.problems import Location, Problem, did_you_mean
from evaluator.rubric.yaml_source import Key, YamlDoc, format_key

# What a pydantic error type expected, in words a rubric author reads.
_EXPECTED: dict[str, str] = {
    "string_type": N_("text"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "list_type": N_("a list"),
    "tuple_type": N_("a list [min, max]"),
    "dict_type": N_("a mapping (key: value)"),
    "model_type": N_("a mapping (key: value)"),
    "model_attributes_type": N_("a mapping (key: value)"),
    "greater_than": N_("a number greater than {gt}"),
    "greater_than_equal": N_("a number of at least {ge}"),
    "less_than_equal": N_("a number of at most {le}"),
    "string_pattern_mismatch": N_("text matching {pattern}"),
    "string_too_short": N_("non-empty text"),
    "too_short": N_("at least {min_length} items"),
    "too_long": N_("at most {max_length} items"),
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
    known = _EXPECTED.get(kind)
    return {
        "expected": both(known, **ctx) if known else dict.fromkeys(LANGS, err["msg"].format(**ctx)),
        "found": _found(err.get("input")),
    }


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"

"""Safe typed expressions for rules, red lines and stage criteria, behind a small interface.

rule-engine parses and type-checks the expression against the declared field types (no `eval`);
this module turns its errors into ours and reports which names an expression reads.

A rubric may come from anyone, so before rule-engine sees an expression its tokens are screened:
regular-expression operators (=~ and the like) are refused, since a backtracking pattern can run for
hours, and rule-engine folds constant expressions while compiling (so `rubric check` itself would
hang), and so are the `$` built-ins ($range(1e12) fills memory, $now and $random make results
differ from run to run). Nothing the rubrics need is lost: arithmetic, comparisons and logic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Literal

import rule_engine

ResultType = Literal["number", "boolean", "text", "date", "unknown"]

_ENGINE_TYPES = {
    "integer": rule_engine.DataType.FLOAT,
    "number": rule_engine.DataType.FLOAT,
    "percent": rule_engine.DataType.FLOAT,
    "boolean": rule_engine.DataType.BOOLEAN,
    "choice": rule_engine.DataType.STRING,
    "text": rule_engine.DataType.STRING,
    "date": rule_engine.DataType.DATETIME,
}
_RESULT_TYPES: dict[Any, ResultType] = {
    rule_engine.DataType.FLOAT: "number",
    rule_engine.DataType.BOOLEAN: "boolean",
    rule_engine.DataType.STRING: "text",
    rule_engine.DataType.DATETIME: "date",
}


MAX_LENGTH = 2000  # characters; the bundled rubric's longest expression has under 100
# =~ =~~ !~ !~~, and comprehensions: three nested ones over literal lists of a few hundred items build
# tens of millions of values, while compiling
_REFUSED_TOKENS = {"EQ_FZM", "EQ_FZS", "NE_FZM", "NE_FZS", "FOR"}


class ExpressionError(Exception):
    """Compile-time: `kind` is syntax, unknown (a name not declared), type, refused (`name` is the token)
    or long; run-time: arithmetic."""

    def __init__(self, kind: Literal["syntax", "unknown", "type", "refused", "long", "arithmetic"], detail: str,
                 name: str | None = None):
        super().__init__(detail)
        self.kind, self.detail, self.name = kind, detail, name


class Expression:
    """A compiled expression: its source, the names it reads and the type it yields."""

    def __init__(self, source: str, types: Mapping[str, str]):
        self.source = source
        seen: list[str] = []

        def resolve(name: str):
            if name not in types:
                raise rule_engine.SymbolResolutionError(name)
            if name not in seen:
                seen.append(name)
            return _ENGINE_TYPES[types[name]]

        _screen(source)
        context = rule_engine.Context(type_resolver=resolve, default_timezone="local")
        try:
            self._rule = rule_engine.Rule(source, context=context)
        except rule_engine.SymbolResolutionError as exc:
            raise ExpressionError("unknown", str(exc), exc.symbol_name) from None
        except rule_engine.RuleSyntaxError as exc:
            raise ExpressionError("syntax", f"{exc.message}: {source}") from None
        except rule_engine.EngineError as exc:
            raise ExpressionError("type", f"{getattr(exc, 'message', exc)}: {source}") from None
        self.references: tuple[str, ...] = tuple(seen)
        self.result_type: ResultType = _RESULT_TYPES.get(self._rule.statement.expression.result_type, "unknown")

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        """The value for these inputs (numbers come back as float); ExpressionError on arithmetic faults."""
        result = self._evaluate(values)
        return float(result) if isinstance(result, Decimal) else result

    def number(self, values: Mapping[str, Any]) -> Fraction:
        """A numeric result as computed, exactly: rule-engine works in decimal arithmetic (28 significant
        digits), so sums and products of the inputs and every division that terminates are exact."""
        result = self._evaluate(values)
        if isinstance(result, bool) or not isinstance(result, (Decimal, int, float)):
            raise ExpressionError("arithmetic", f"not a number: {result!r}")
        try:
            return Fraction(result)
        except (ValueError, OverflowError) as exc:  # infinity or NaN
            raise ExpressionError("arithmetic", str(exc)) from None

    def _evaluate(self, values: Mapping[str, Any]) -> Any:
        things = {name: _to_engine(values.get(name)) for name in self.references}
        try:
            return self._rule.evaluate(things)
        except (ArithmeticError, rule_engine.EngineError) as exc:
            raise ExpressionError("arithmetic", str(getattr(exc, "message", exc))) from None


def _screen(source: str) -> None:
    """Refuse what must never reach rule-engine (see the module's note); syntax errors are its to report."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError("long", str(len(source)))
    lexer = rule_engine.Rule.parser._lexer.clone()  # rule-engine's own tokenizer: strings and comments as it sees them
    lexer.input(source)
    try:
        for token in iter(lexer.token, None):
            if token.type in _REFUSED_TOKENS or (token.type == "SYMBOL" and token.value.startswith("$")):
                raise ExpressionError("refused", token.value, token.value)
    except rule_engine.RuleSyntaxError:
        return


def _to_engine(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


@lru_cache(maxsize=2048)
def _cached(source: str, types: tuple[tuple[str, str], ...]) -> Expression:
    return Expression(source, dict(types))


def compiled(source: str, types: Mapping[str, str]) -> Expression:
    """A compiled expression, compiled once per source and scope: compiling is the slow part."""
    return _cached(source, tuple(sorted(types.items())))

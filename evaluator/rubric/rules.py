"""Scoring rule kinds, a discriminated union on `kind`.

Every rule yields a score in [0, 1]; the indicator's points are that score times the points the rubric
gives the indicator. Each rule declares what it reads (`inputs`, `expressions`) so the checker can
verify references and types without knowing the kinds, and how it treats missing evidence.
"""

from __future__ import annotations

from typing import Annotated, Literal, NamedTuple, Union

from pydantic import Field

from evaluator.rubric.fields import BOOLEAN, NUMERIC
from evaluator.rubric.text import Strict, Text

OnMissing = Literal["missing", "zero", "not_applicable"]
OnZeroDenominator = Literal["not_applicable", "zero", "full"]
Scope = Literal["evidence", "roster"]


class Input(NamedTuple):
    """A reference from a rule to an evidence field, with the key that holds it."""

    key: tuple[str | int, ...]
    field_id: str
    types: frozenset[str]


class ExpressionRef(NamedTuple):
    key: tuple[str | int, ...]
    source: str
    scope: Scope
    result: Literal["number", "boolean"]


class Band(Strict):
    min: float
    score: float = Field(ge=0, le=1)


class _Rule(Strict):
    on_missing: OnMissing

    def inputs(self) -> list[Input]:
        return []

    def expressions(self) -> list[ExpressionRef]:
        return []

    def band_lists(self) -> list[tuple[tuple[str, ...], list[Band], str | None]]:
        """Band lists with the evidence field that bounds them from below (None: bounded at 0)."""
        return []


class RatingRule(_Rule):
    kind: Literal["rating"]
    levels: dict[int, Text]


class BandsRule(_Rule):
    kind: Literal["bands"]
    input: str
    bands: list[Band] = Field(min_length=1)

    def inputs(self) -> list[Input]:
        return [Input(("input",), self.input, NUMERIC)]

    def band_lists(self):
        return [(("bands",), self.bands, self.input)]


class RatioRule(_Rule):
    kind: Literal["ratio"]
    numerator: str
    denominator: str
    on_zero_denominator: OnZeroDenominator
    bands: list[Band] = Field(min_length=1)

    def inputs(self) -> list[Input]:
        return [
            Input(("numerator",), self.numerator, NUMERIC),
            Input(("denominator",), self.denominator, NUMERIC),
        ]

    def band_lists(self):
        return [(("bands",), self.bands, None)]


class ChecklistItem(Strict):
    input: str
    weight: float = Field(default=1, gt=0)


class ChecklistRule(_Rule):
    kind: Literal["checklist"]
    items: list[ChecklistItem] = Field(min_length=1)

    def inputs(self) -> list[Input]:
        return [Input(("items", i, "input"), item.input, BOOLEAN) for i, item in enumerate(self.items)]


class RosterRule(_Rule):
    kind: Literal["roster"]
    measure: Literal["count", "share"]
    where: str  # an empty roster is missing evidence: `on_missing` says what it scores
    bands: list[Band] = Field(min_length=1)

    def expressions(self) -> list[ExpressionRef]:
        return [ExpressionRef(("where",), self.where, "roster", "boolean")]

    def band_lists(self):
        return [(("bands",), self.bands, None)]


class ExpressionRule(_Rule):
    kind: Literal["expression"]
    expression: str
    on_error: OnMissing = "missing"
    bands: list[Band] = Field(min_length=1)

    def expressions(self) -> list[ExpressionRef]:
        return [ExpressionRef(("expression",), self.expression, "evidence", "number")]

    def band_lists(self):
        return [(("bands",), self.bands, None)]


Rule = Annotated[
    Union[RatingRule, BandsRule, RatioRule, ChecklistRule, RosterRule, ExpressionRule],
    Field(discriminator="kind"),
]
RULE_KINDS: tuple[str, ...] = ("rating", "bands", "ratio", "checklist", "roster", "expression")

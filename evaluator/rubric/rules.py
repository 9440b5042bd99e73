"""Scoring rule kinds, a discriminated union on `kind`.

Every rule yields a score in [0, 1]; the indicator's points are that score times the points the rubric
gives the indicator. Each rule declares what it reads (`inputs`, `expressions`) so the checker can
verify references and types without knowing the kinds, and how it treats missing evidence.
"""

from __future__ import annotations

from typing import Annotated, Literal, NamedTuple, get_args

from pydantic import Field

from evaluator.rubric.bilingual import Strict, Text
from evaluator.rubric.fields import BOOLEAN, NUMERIC

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


class MinSample(Strict):
    """The smallest sample a measure may rest on: at least `at_least`, and at least `share` of the
    population in `share_of`; never more than the whole population (a census is always enough).
    Below it the evidence is thin and the indicator cannot reach full marks."""

    size: str                                  # integer field: how many were sampled or asked
    at_least: int = Field(ge=1)
    share_of: str | None = None                # integer field: the population the sample is drawn from
    share: float = Field(default=0, ge=0, le=1)

    def fields(self) -> list[tuple[tuple[str, ...], str]]:
        named: list[tuple[tuple[str, ...], str]] = [(("size",), self.size)]
        return named + ([(("share_of",), self.share_of)] if self.share_of else [])


class _Rule(Strict):
    on_missing: OnMissing

    def inputs(self) -> list[Input]:
        return []

    def expressions(self) -> list[ExpressionRef]:
        return []

    def band_lists(self) -> list[tuple[tuple[str, ...], list[Band], str | None]]:
        """Band lists with the evidence field that bounds them from below (None: bounded at 0)."""
        return []

    def sample(self) -> MinSample | None:
        """The minimum sample the measure rests on, if the rule declares one."""
        return None


class _Sampled(_Rule):
    """A rule scored by bands over something measured, possibly on a sample (a survey, vouchers sampled)."""

    min_sample: MinSample | None = None

    def sample(self) -> MinSample | None:
        return self.min_sample


class RatingRule(_Rule):
    kind: Literal["rating"]
    levels: dict[int, Text]


class BandsRule(_Sampled):
    kind: Literal["bands"]
    input: str
    bands: list[Band] = Field(min_length=1)

    def inputs(self) -> list[Input]:
        return [Input(("input",), self.input, NUMERIC)]

    def band_lists(self) -> list[tuple[tuple[str, ...], list[Band], str | None]]:
        return [(("bands",), self.bands, self.input)]


class RatioRule(_Sampled):
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

    def band_lists(self) -> list[tuple[tuple[str, ...], list[Band], str | None]]:
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

    def band_lists(self) -> list[tuple[tuple[str, ...], list[Band], str | None]]:
        return [(("bands",), self.bands, None)]


class ExpressionRule(_Sampled):
    kind: Literal["expression"]
    expression: str
    on_error: OnMissing = "missing"
    bands: list[Band] = Field(min_length=1)

    def expressions(self) -> list[ExpressionRef]:
        return [ExpressionRef(("expression",), self.expression, "evidence", "number")]

    def band_lists(self) -> list[tuple[tuple[str, ...], list[Band], str | None]]:
        return [(("bands",), self.bands, None)]


Rule = Annotated[
    RatingRule | BandsRule | RatioRule | ChecklistRule | RosterRule | ExpressionRule,
    Field(discriminator="kind"),
]
RuleKind = Literal["rating", "bands", "ratio", "checklist", "roster", "expression"]
RULE_KINDS: tuple[RuleKind, ...] = get_args(RuleKind)

"""Evidence fields: what a form asks, typed, so reading and rules agree on what a value is."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from evaluator.rubric.bilingual import Strict, Text

FieldType = Literal["integer", "number", "percent", "boolean", "choice", "text", "date"]
NUMERIC: frozenset[str] = frozenset({"integer", "number", "percent"})
BOOLEAN: frozenset[str] = frozenset({"boolean"})

FIELD_ID = r"^[a-z][a-z0-9_]*$"


class Choice(Strict):
    id: str = Field(pattern=FIELD_ID)
    label: Text


class EvidenceField(Strict):
    id: str = Field(pattern=FIELD_ID)
    label: Text
    type: FieldType
    required: bool = False
    unit: Text | None = None
    range: tuple[float, float] | None = None
    help: Text | None = None
    choices: list[Choice] | None = None

    @property
    def lowest(self) -> float:
        """The lowest value this field can take: its declared minimum, else 0 (counts, money, shares)."""
        return self.range[0] if self.range else 0.0

"""What the rule scorers read: evidence values with their cells, the roster with stages, the mode."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from evaluator.evidence import Evidence, Value
from evaluator.expressions import Expression, compiled
from evaluator.rubric.bilingual import Text
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Rater, Rubric
from evaluator.scoring.readable import cell_of, shown
from evaluator.scoring.result import Mode, TraceInput


@dataclass(frozen=True)
class RosterEntry:
    name: str
    row: int
    cell: str | None
    values: dict[str, Any]   # column id → value, plus `stage`


@dataclass(frozen=True)
class ScoringContext:
    rubric: Rubric
    evidence: Evidence
    fields: dict[str, EvidenceField]
    roster: tuple[RosterEntry, ...]
    mode: Mode
    memo: dict[str, Any] = field(default_factory=dict)  # per-form values computed once (ratings)

    @cached_property
    def raters(self) -> dict[str, Rater]:
        return {r.id: r for r in self.rubric.raters}

    @cached_property
    def _types(self) -> dict[str, dict[str, str]]:
        roster: dict[str, str] = {c.id: c.type for c in self.rubric.ladder.roster_columns}
        roster["stage"] = "integer"
        return {"roster": roster, "evidence": {k: f.type for k, f in self.fields.items()}}

    def value(self, field_id: str) -> Any:
        held = self.evidence.values.get(field_id)
        return held.value if held is not None else None

    def trace_input(self, field_id: str) -> TraceInput:
        held: Value | None = self.evidence.values.get(field_id)
        field = self.fields.get(field_id)
        label = field.label if field is not None else Text(zh=field_id, en=field_id)
        value = held.value if held is not None else None
        return TraceInput(id=field_id, label=label, value=value, shown=shown(field, value), cell=cell_of(held))

    def expression(self, source: str, scope: str) -> Expression:
        return compiled(source, self._types[scope])

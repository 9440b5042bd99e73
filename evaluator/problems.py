"""Problems a user can cause, located precisely and rendered in Chinese or English.

Every error or warning the tool reports about user input is a `Problem`: a stable code from the
catalogue in `evaluator.messages`, a location (YAML file, line and key path, or sheet and cell), and
the parameters the message needs. Rendering is separate so the same problem reads in either language.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from evaluator.messages import CATALOGUE, Lang

Severity = Literal["error", "warning"]


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    key: str | None = None
    sheet: str | None = None
    cell: str | None = None

    def render(self) -> str:
        if self.sheet is not None:
            where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
            return f"{self.file} [{where}]"
        text = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{text} {self.key}" if self.key else text


class Problem(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity = "error"
    location: Location
    params: dict[str, Any] = {}

    def message(self, lang: Lang = "zh") -> str:
        template = CATALOGUE[self.code][lang]
        return template.format(**{k: _show(v, lang) for k, v in self.params.items()})

    def render(self, lang: Lang = "zh") -> str:
        label = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}
        return f"{self.location.render()}: {label[lang][self.severity]} {self.code}: {self.message(lang)}"


def _show(value: Any, lang: Lang) -> str:
    """Values inside messages: lists joined, localized pairs picked, text quoted as found."""
    if isinstance(value, dict) and set(value) == {"zh", "en"}:
        return value[lang]
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value)) if lang == "zh" else ", ".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def did_you_mean(word: str, candidates: Iterable[str]) -> dict[str, str]:
    """A `hint` parameter naming the closest known id, or an empty hint."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    if not close:
        return {"zh": "", "en": ""}
    return {"zh": f"（是否想写 {close[0]}？）", "en": f" (did you mean {close[0]}?)"}

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

from evaluator.i18n import LANGS, Lang, N_, both, pt, t
from evaluator.messages import CATALOGUE

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
        return t(lang, CATALOGUE[self.code]).format(**{k: _show(v, lang) for k, v in self.params.items()})

    def messages(self) -> dict[Lang, str]:
        """The message in every language (a problem quoted as the `detail` of another)."""
        return {lang: self.message(lang) for lang in LANGS}

    def render(self, lang: Lang = "zh") -> str:
        return f"{self.location.render()}: {t(lang, SEVERITY_NAMES[self.severity])} {self.code}: {self.message(lang)}"


SEVERITY_NAMES: dict[Severity, str] = {"error": N_("error"), "warning": N_("warning")}


def _show(value: Any, lang: Lang) -> str:
    """Values inside messages: lists joined, localized pairs picked, text quoted as found."""
    if isinstance(value, dict) and set(value) == {"zh", "en"}:
        return value[lang]
    if isinstance(value, (list, tuple)):
        return list_separator(lang).join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def list_separator(lang: Lang) -> str:
    """What goes between the items of a list inside a sentence: "、" in Chinese, ", " in English."""
    return pt(lang, "list separator", ", ")


NO_HINT: dict[Lang, str] = dict.fromkeys(LANGS, "")


def did_you_mean(word: str, candidates: Iterable[str]) -> dict[Lang, str]:
    """A `hint` parameter naming the closest known id, or an empty hint."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    if not close:
        return dict(NO_HINT)
    return both(" (did you mean {word}?)", word=close[0])

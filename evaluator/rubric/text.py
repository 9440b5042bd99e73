"""Small shared building blocks of rubric models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from evaluator.messages import Lang


class Strict(BaseModel):
    """Rubric models refuse unknown keys, so a misspelt key is reported instead of ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A user-facing text in Simplified Chinese with its English counterpart."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

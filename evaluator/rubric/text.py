"""Small shared building blocks of rubric models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from evaluator.i18n import Lang


class Strict(BaseModel):
    """Rubric models refuse unknown keys, so a misspelt key is reported instead of ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A user-facing text of a rubric (its own content, from its YAML) in Simplified Chinese with its English
    counterpart. The program's own phrases are not `Text`s written in code: they are msgids of the catalogue
    (`evaluator.i18n`)."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: Lang) -> str:
        text: str = getattr(self, lang)
        return text

"""One way to say a thing in two languages: gettext catalogues shared by the engine, the CLI, the reports
and the web platform.

    from evaluator.i18n import Lang, t, tn, pt, N_

    t(lang, "{n} problems in {path}", n=3, path="a.xlsx")     # the msgid is the English text
    tn(lang, "{n} form", "{n} forms", n)                       # English plurals; Chinese has one form
    pt(lang, "answer", "no")                                   # msgctxt where one English word has two
    TOTAL = N_("Total")                                        # marks a module-level phrase for extraction;
    t(lang, TOTAL)                                             # it is translated where it is used
    both("no such file")                                       # {"zh": …, "en": …} for outputs that carry
                                                               # both (problem parameters, result JSON)

The Chinese lives in `evaluator/locale/zh_Hans/LC_MESSAGES/django.po` (compiled to the `.mo` beside it by
`make messages`, both committed). The web platform has the same directory on Django's `LOCALE_PATHS`, so a
template can `{% translate %}` an engine phrase and gets the same words. Parameters are filled with
`str.format` after translation, so a translation may move them; numbers are formatted by the caller with
`evaluator.numbers` before they are passed in.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Literal, get_args

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "zh"

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "django"  # Django's domain name, so the platform reads the same catalogue
_LOCALE_NAMES: dict[Lang, str] = {"zh": "zh_Hans", "en": "en"}


@cache
def _catalogue(lang: Lang) -> gettext.NullTranslations:
    """The translations into `lang`; English is the msgid itself."""
    if lang == DEFAULT_LANG:
        with open(LOCALE_DIR / _LOCALE_NAMES[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
            return gettext.GNUTranslations(mo)
    return gettext.NullTranslations()


def as_lang(value: object) -> Lang:
    """A language code from outside (an option, a setting, a stored field) as a `Lang`; unknown → default."""
    text = str(value or "").lower()
    return "en" if text.startswith("en") else DEFAULT_LANG


def t(lang: Lang, message: str, /, **params: object) -> str:
    """`message` (English) in `lang`, with `params` filled in."""
    text = _catalogue(lang).gettext(message)
    return text.format(**params) if params else text


def tn(lang: Lang, singular: str, plural: str, n: int, /, **params: object) -> str:
    """The singular or plural phrase for `n` in `lang`; `n` is available to the phrase as `{n}`."""
    text = _catalogue(lang).ngettext(singular, plural, n)
    return text.format(n=n, **params)


def pt(lang: Lang, context: str, message: str, /, **params: object) -> str:
    """`message` in `lang` where the same English needs different words by `context` ("no" as 否 or 无)."""
    text = _catalogue(lang).pgettext(context, message)
    return text.format(**params) if params else text


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (module-level constants)."""
    return message


def both(message: str, /, **params: object) -> dict[Lang, str]:
    """The phrase in every language, for outputs that carry both (result JSON, xlsx headers)."""
    return {lang: t(lang, message, **params) for lang in LANGS}


def pboth(context: str, message: str, /, **params: object) -> dict[Lang, str]:
    """`both` for a phrase with a context (`pt`)."""
    return {lang: pt(lang, context, message, **params) for lang in LANGS}

"""The translation catalogues: `make messages` (= `python tools/messages.py --extract`) collects the texts
and compiles every .po into its .mo; `python tools/messages.py` only compiles.

- The engine's catalogue, `evaluator/locale/zh_Hans/LC_MESSAGES/django.po`: Babel collects the msgids of
  `t(lang, "…")`, `tn(lang, "…", "…", n)`, `pt(lang, "context", "…")`, `N_("…")`, `both("…")` and
  `pboth("context", "…")` (evaluator/i18n.py) from every module and `t("…")`, `pt("context", "…")` from the
  report templates, keeps the
  translations already made, adds new msgids untranslated (tests/test_i18n.py fails until they have
  their Chinese) and drops the ones no code uses any more.
- The web apps' catalogues, `evaluator/web/<app>/locale/…`: Django's makemessages (it needs GNU gettext's
  xgettext) collects `{% translate %}` and `gettext` texts.

The .mo files are written with polib (no GNU gettext needed to compile). Both .po and .mo are committed;
tests fail when they differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "evaluator"
WEB = PACKAGE / "web"
ENGINE_PO = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# where a msgid sits among the arguments of each marker (1-based), as Babel spells it
# `ts`/`tns` (evaluator/report/phrasing.py) are `t`/`tn` that space filled-in values by the Chinese typesetting rule
KEYWORDS = {"t": (2,), "tn": (2, 3), "pt": ((2, "c"), 3), "N_": None, "both": (1,), "pboth": ((1, "c"), 2),
            "ts": (2,), "tns": (2, 3)}
# the report templates (evaluator/report/templates) call `t` and `pt` bound to the document's language
TEMPLATES = PACKAGE / "report" / "templates"
TEMPLATE_KEYWORDS = {"t": None, "pt": ((1, "c"), 2)}


def engine_template():  # -> babel.messages.catalog.Catalog
    """Every msgid the engine's code uses, with the modules that use it."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="evaluator", fuzzy=False)
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
                             comment_tags=("Translators:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        template.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    pages = extract_from_dir(str(TEMPLATES), method_map=[("**.html", "jinja2")], keywords=TEMPLATE_KEYWORDS,
                             options_map={"**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}})
    for filename, lineno, message, comments, context in pages:
        template.add(message, locations=[(f"report/templates/{filename}", lineno)], auto_comments=comments,
                     context=context)
    return template


def extract_engine() -> None:
    from babel.messages.pofile import read_po, write_po

    with open(ENGINE_PO, "rb") as handle:
        catalogue = read_po(handle, locale="zh_Hans")
    catalogue.update(engine_template(), no_fuzzy_matching=True)
    with open(ENGINE_PO, "wb") as handle:
        write_po(handle, catalogue, width=0, no_location=True, omit_header=False, sort_output=True,
                 ignore_obsolete=True, include_previous=False)


def extract_web() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "evaluator.settings", "EVALUATOR_SECRET_KEY": "extract"}
    admin = [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-location", "-v0"]
    apps = sorted(p.parent.name for p in WEB.glob("*/apps.py"))
    for app in apps:
        subprocess.run(admin, cwd=WEB / app, env=env, check=True)
    subprocess.run([*admin, *[f"--ignore={app}/*" for app in apps]], cwd=WEB, env=env, check=True)


def compile_all() -> list[Path]:
    done = []
    for po_path in sorted(PACKAGE.rglob("locale/*/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        done.append(po_path.with_suffix(".mo"))
    return done


if __name__ == "__main__":
    if "--extract" in sys.argv:
        extract_engine()
        if "--engine-only" not in sys.argv:
            extract_web()
    for path in compile_all():
        print(path.relative_to(ROOT))

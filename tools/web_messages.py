"""The web platform's translations: `python tools/web_messages.py` compiles every .po into its .mo (with
polib: no GNU gettext needed); `--extract` first collects the texts of the code and templates into the
.po files (Django's makemessages, which needs GNU gettext's xgettext). Both the .po and the .mo files are
committed; tests/web/test_translations.py fails when they differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

WEB = Path(__file__).resolve().parents[1] / "evaluator" / "web"
APPS = ["accounts", "audit", "rounds", "evaluations", "portfolio", "process"]


def extract() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "evaluator.settings", "EVALUATOR_SECRET_KEY": "extract"}
    admin = [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-location", "-v0"]
    for app in APPS:
        subprocess.run(admin, cwd=WEB / app, env=env, check=True)
    subprocess.run([*admin, *[f"--ignore={app}/*" for app in APPS]], cwd=WEB, env=env, check=True)


def compile_all() -> list[Path]:
    done = []
    for po_path in sorted(WEB.rglob("locale/*/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        done.append(po_path.with_suffix(".mo"))
    return done


if __name__ == "__main__":
    if "--extract" in sys.argv:
        extract()
    for path in compile_all():
        print(path.relative_to(WEB.parents[1]))

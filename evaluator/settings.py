"""Django settings shared by the command line and the web platform: everything from the environment.

    DATABASE_URL=postgresql://user@host:5432/name    the results store on PostgreSQL (dj-database-url)
    (unset)                                          the SQLite file output/evaluations.db under the
                                                     working folder

The command line opens the store it is given (`--db PATH|URL`) under a connection alias of its own
(`evaluator.store.targets`); the `default` alias is the store named here, used by the server.
No secret lives in the repository: the server reads its key from EVALUATOR_SECRET_KEY.
"""

from __future__ import annotations

import os

from evaluator.store.targets import database_settings, default_target

SECRET_KEY = os.environ.get("EVALUATOR_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "evaluator.store",
]

DATABASES = {"default": database_settings(default_target(), write=True)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
USE_I18N = True

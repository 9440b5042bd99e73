"""Django settings shared by the command line and the web platform: everything from the environment.

    DATABASE_URL=postgresql://user@host:5432/name    the results store on PostgreSQL (dj-database-url)
    (unset)                                          the SQLite file output/evaluations.db under the
                                                     working folder
    EVALUATOR_SECRET_KEY                             the server's key (`evaluator serve` makes one in the
                                                     data folder when it is unset; a server must set it)
    EVALUATOR_ALLOWED_HOSTS=ev.example.org,…         host names the server answers (default: this machine)
    EVALUATOR_HTTPS=1                                behind a TLS proxy: secure cookies, HSTS, redirect to
                                                     https (the proxy sets X-Forwarded-Proto)
    EVALUATOR_DATA_DIR                               where the server keeps its key (default: the folder
                                                     of the SQLite store, else output/)
    EVALUATOR_MAX_UPLOAD_MB=200                      the largest request the server reads (a round's zip)
    EVALUATOR_TASKS=immediate                        run tasks in the request instead of the worker queue
    EVALUATOR_SMTP_HOST=mail.example.org             also send the review process's notifications by e-mail
                                                     (EVALUATOR_SMTP_PORT, _USER, _PASSWORD, _TLS,
                                                     EVALUATOR_MAIL_FROM)

The command line opens the store it is given (`--db PATH|URL`) under a connection alias of its own
(`evaluator.store.targets`); the `default` alias is the store named here, used by the server.
No secret lives in the repository.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from evaluator.store.targets import DEFAULT_DB, database_settings, default_target


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _flag(name: str) -> bool:
    return _env(name).lower() in ("1", "true", "yes", "on")


WEB = Path(__file__).resolve().parent / "web"
_TARGET = default_target()
DATA_DIR = Path(_env("EVALUATOR_DATA_DIR") or (_TARGET.path or DEFAULT_DB).parent).absolute()

SECRET_KEY = _env("EVALUATOR_SECRET_KEY")
DEBUG = _flag("EVALUATOR_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in _env("EVALUATOR_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in _env("EVALUATOR_TRUSTED_ORIGINS").split(",") if o.strip()]

INSTALLED_APPS = [
    "evaluator.store",
    "evaluator.web.admin_site.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "evaluator.web.accounts",
    "evaluator.web.audit",
    "evaluator.web.rounds",
    "evaluator.web.evaluations",
    "evaluator.web.portfolio",
    "evaluator.web.process",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # before anything reads the body (CSRF reads the form): too large a request is refused unread
    "evaluator.web.middleware.RequestSizeLimit",
    "evaluator.web.middleware.SecurityHeaders",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "evaluator.web.urls"
WSGI_APPLICATION = "evaluator.web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [WEB / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "evaluator.web.accounts.context.roles",
    ]},
}]

DATABASES = {"default": database_settings(_TARGET, write=True)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- accounts: Argon2 first, login attempts throttled (django-axes) ------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend",
                           "evaluator.web.accounts.backends.RolePermissions"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

# -- sessions, cookies and TLS ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 3600
CSRF_COOKIE_HTTPONLY = True          # pages carry the token; htmx sends it from the page, never from the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
if _flag("EVALUATOR_HTTPS"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(_env("EVALUATOR_HSTS_SECONDS", "31536000"))

# -- uploads: forms and round archives ---------------------------------------------------------------------
MAX_REQUEST_BYTES = int(_env("EVALUATOR_MAX_UPLOAD_MB", "200")) * 2**20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 2**20
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20        # the non-file part of a request
DATA_UPLOAD_MAX_NUMBER_FILES = 300
FILE_UPLOAD_PERMISSIONS = 0o600

# -- static files: served by whitenoise from the apps' static folders (no collectstatic needed) ------------
STATIC_URL = "/static/"
# the report's Noto Sans SC, for devices without a Chinese font (browsers fetch it only for missing glyphs)
STATICFILES_DIRS = [WEB / "static", ("fonts", WEB.parent / "report" / "assets" / "fonts")]
STATIC_ROOT = _env("EVALUATOR_STATIC_ROOT") or None     # for `evaluator manage collectstatic` behind a web server
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# -- tasks: report rendering and batch scoring in `evaluator worker` (django-tasks-db) ---------------------
TASKS = {"default": {
    "BACKEND": ("django_tasks.backends.immediate.ImmediateBackend" if _env("EVALUATOR_TASKS") == "immediate"
                else "django_tasks_db.DatabaseBackend"),
    "QUEUES": ["default"],
}}

# -- e-mail: the review process's notifications also go by mail when an SMTP server is named -------------
EMAIL_HOST = _env("EVALUATOR_SMTP_HOST")
EMAIL_PORT = int(_env("EVALUATOR_SMTP_PORT", "587"))
EMAIL_HOST_USER = _env("EVALUATOR_SMTP_USER")
EMAIL_HOST_PASSWORD = _env("EVALUATOR_SMTP_PASSWORD")
EMAIL_USE_TLS = _env("EVALUATOR_SMTP_TLS", "1").lower() in ("1", "true", "yes", "on")
DEFAULT_FROM_EMAIL = _env("EVALUATOR_MAIL_FROM", "evaluator@localhost")
EVALUATOR_MAIL = bool(EMAIL_HOST)

# -- languages: Chinese first, English on request ----------------------------------------------------------
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
USE_I18N = True
LOCALE_PATHS = [WEB / "locale", WEB.parent / "locale"]  # the platform's own texts, then the engine's

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": _env("EVALUATOR_LOG_LEVEL", "WARNING")}},
}

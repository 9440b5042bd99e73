"""The WSGI application for gunicorn (or any WSGI server):

    EVALUATOR_SECRET_KEY=… DATABASE_URL=postgresql://… gunicorn evaluator.web.wsgi --workers 4
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "evaluator.settings")
if not os.environ.get("EVALUATOR_SECRET_KEY", "").strip():
    raise ImproperlyConfigured("EVALUATOR_SECRET_KEY is not set: a server needs a secret key of its own "
                               "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')")
application = get_wsgi_application()

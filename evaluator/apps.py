"""The engine as a Django app, for one reason: Django then reads the engine's translation catalogue
(`evaluator/locale`) as an app catalogue. Listed last in INSTALLED_APPS, it has the lowest precedence, so
where a page's own catalogue words the same English differently for its context, the page's words win;
templates can still `{% translate %}` any engine phrase and say it as the CLI and the reports do."""

from django.apps import AppConfig


class EngineConfig(AppConfig):
    name = "evaluator"
    label = "evaluator_engine"
    verbose_name = "evaluator"

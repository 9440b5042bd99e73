"""`Audited`: a ModelAdmin mixin that records every add, change and delete made in the admin site."""

from __future__ import annotations

from evaluator.web.audit.log import record


class Audited:
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        changed = sorted(form.changed_data) if form is not None else []
        record(request.user, f"{obj._meta.model_name}.{'change' if change else 'add'}", obj, fields=changed)

    def delete_model(self, request, obj) -> None:
        record(request.user, f"{obj._meta.model_name}.delete", obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            record(request.user, f"{obj._meta.model_name}.delete", obj)
        super().delete_queryset(request, queryset)  # type: ignore[misc]

"""People and their roles in the admin site: a user's groups are their roles; the profile links an
organization's or a funder's account to what it may see."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from evaluator.web.accounts.models import Profile
from evaluator.web.audit.admin_mixins import Audited


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    max_num = 1
    autocomplete_fields = ("organization", "funder")


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles are the five groups made by the migration; their names are ids the code relies on."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class PersonAdmin(Audited, UserAdmin):
    inlines = (ProfileInline,)
    list_display = ("username", "first_name", "last_name", "email", "is_active", "role_names")
    list_filter = ("groups", "is_active", "is_superuser")

    @admin.display(description="角色 · roles")
    def role_names(self, user: User) -> str:
        return ", ".join(user.groups.values_list("name", flat=True))

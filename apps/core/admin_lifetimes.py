"""Admin side of councils' lifetimes: records of a predecessor council are read-only.

The scoping rule (apps/core/scoping.py) lets the clerks of a successor council view the records of
the councils theirs was formed from; this mixin turns that into the admin's object permissions,
so the change view of such a record (by the changelist or by typing its id) shows it read-only,
its inlines cannot be edited, "delete selected" refuses it, and a new record can only be filed
under a council the user may change.
"""
from .scoping import may_change, visible_council_ids


class PredecessorReadOnlyMixin:
    """For CouncilOwnedAdmin and ScopedInline: change and delete only inside the change scope."""

    def _record_changeable(self, request, obj):
        if obj is None:
            return True
        council_id = getattr(obj, "council_id", None)
        return council_id is None or may_change(request.user, council_id)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._record_changeable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._record_changeable(request, obj)

    def has_add_permission(self, request, *args):
        # Inlines are asked with the parent record: nothing is added under a read-only parent.
        obj = args[0] if args else None
        return super().has_add_permission(request, *args) and self._record_changeable(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from .models import Council

        if db_field.name == "council" and db_field.related_model is Council and "queryset" not in kwargs:
            # A record is filed only under a council the user may change, not a predecessor they only read.
            kwargs["queryset"] = Council.objects.for_user(request.user, "change")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def changeable(queryset, user):
    """The part of a selection the user may change (admin actions act only on that)."""
    ids = visible_council_ids(user, "change")
    return queryset if ids is None else queryset.filter(council_id__in=ids)

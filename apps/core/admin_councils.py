"""Council fields in admin forms: a search (autocomplete) once a user sees many councils.

With every council of the country loaded (3,373 with Móng Cái's history) a select listing them
all is unusable and heavy; the autocomplete asks the council admin, which searches by name or
unit code among the councils the user may see (CouncilAdmin.get_queryset is scoped).
"""
from .filters import COUNCIL_LIST_LIMIT
from .scoping import visible_council_ids


def sees_many_councils(user):
    ids = visible_council_ids(user)
    return ids is None or len(ids) > COUNCIL_LIST_LIMIT


class CouncilAutocompleteMixin:
    """Adds the model's council fields (the record's council, a parent council, the ward of a voter
    meeting, the councils taking part in a meeting) to autocomplete_fields for users who see many councils."""

    def get_autocomplete_fields(self, request):
        fields = list(super().get_autocomplete_fields(request))
        if not sees_many_councils(request.user):
            return fields
        from .models import Council

        for field in (*self.model._meta.concrete_fields, *self.model._meta.many_to_many):
            if getattr(field, "related_model", None) is Council and field.name not in fields:
                fields.append(field.name)
        return fields

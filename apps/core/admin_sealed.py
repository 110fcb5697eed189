"""URL lookups that read sealed personal data, or run a regular expression, are refused.

A changelist (and the export page, autocomplete and every view built on the changelist) turns
any query parameter into a filter: ``?sender_name__startswith=Ng`` answers "is there such a
row" even where the column shows ``***``, and a few thousand such questions spell out a name.
So, for every admin built on the base class:

- a lookup that passes through a model's ``IDENTITY_FIELDS`` (a denouncer's name, address, ID
  number; also through a relation, such as a visit's ``letters__sender_name``) is refused unless
  the user holds that model's ``IDENTITY_PERMISSION`` — whatever the record's seal, since the
  lookup itself would tell sealed rows from the others;
- a regular-expression lookup (``regex``, ``iregex``) is refused on every field: nothing in the
  admin offers one, and the database runs whatever pattern it is given (``(`` is an error,
  ``a{99999}`` a denial of service).

Refused means Django's DisallowedModelAdminLookup: the answer is "400 Bad Request", no rows.
Models opt in by their attributes, so core needs no knowledge of the apps that seal data.
"""
from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP

REGEX_LOOKUPS = frozenset({"regex", "iregex"})


def reads_sealed_field(model, lookup, user):
    """Whether ``lookup`` (a query parameter of a changelist of ``model``) reads an identity field
    the user may not read."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        sealed = getattr(model, "IDENTITY_FIELDS", ())
        if part in sealed and not user.has_perm(getattr(model, "IDENTITY_PERMISSION", "")):
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


class SealedLookupMixin:
    """Refuses URL lookups on sealed identity fields and regular-expression lookups (see above)."""

    def lookup_allowed(self, lookup, value, request=None):
        if REGEX_LOOKUPS.intersection(lookup.split(LOOKUP_SEP)):
            return False
        if request is not None and reads_sealed_field(self.model, lookup, request.user):
            return False
        return super().lookup_allowed(lookup, value, request)

"""Choices that make sense: a record's terms, bodies, delegates, sittings, activities and agencies are its
own council's.

On a register's form every choice of a council-owned record (term, body, delegate, sitting, activity…)
and of an agency offers only what belongs to the record's council and to the user's scope:

- a user who may change records of one council (a ward clerk) gets plain selects of that council's
  options (a term only when it covers the record's date);
- a user who may change a few councils (a district's secretariat) gets selects whose options carry their
  council (and a term its dates), labelled with the council's name; council/choices.js shows only the
  options of the council and date chosen in the form;
- a user who may change many councils (a province's secretariat, a superuser) gets searches
  (autocompletes) instead, so that a form never lists every term or body of the country; the script
  sends the form's council and date with each search, and the answer holds only that council's
  options (apps/core/admin_choice_widgets.py).

A form without a council field (an agenda item, a commitment, a follow-up: the council is the parent
record's, the model's ``parent_field``) takes the record's council, or on a new record the parent's named in
the address (``parent_named``). When the parent is chosen in the form itself (a new agenda item opened from
the list), the choices marked ``data-parent-field`` follow it: the script sends the parent's id with each
search and the answer holds only that parent's council's options (``forwarded_parent``: only a parent the
user may change counts), and plain selects show only the options of the parent's council, known from the
parent search's answer. Without the script the choices cover the user's scope. Agencies are those of the
council's area (apps/core/agencies.py). The model's clean() refuses a wrong pair after saving with a message
naming both. List filters list the options of the council filtered on, labelled the same way; for a user
who sees many councils, only once a council is chosen.
"""
import datetime

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Q

from .admin_choice_widgets import (
    CouncilAutocompleteSelect, CouncilAutocompleteSelectMultiple, CouncilOptionSelect, ForwardingAutocompleteSelect, ForwardingAutocompleteSelectMultiple, council_label,
    is_agency, owned_by_council, parent_attrs,
)
from .agencies import agencies_of
from .council_labels import council_namer, with_labels
from .filters import COUNCIL_LIST_LIMIT
from .scoping import visible_council_ids
from .terms import valid_on

# The date a term must cover, by register: the first of these fields the model has.
TERM_DATE_FIELDS = ("start_date", "date", "asked_date", "adopted_date", "fieldwork_start", "held_date", "received_date")


def sees_several_councils(user, action="view"):
    ids = visible_council_ids(user, action)
    return ids is None or len(ids) > 1


def changes_many_councils(user):
    """Too many councils to list their options in a form: choices become searches."""
    ids = visible_council_ids(user, "change")
    return ids is None or len(ids) > COUNCIL_LIST_LIMIT


def only_council(user):
    """The one council whose records ``user`` may change, or None."""
    ids = visible_council_ids(user, "change")
    return next(iter(ids)) if ids is not None and len(ids) == 1 else None


def namer_for(request):
    """council_namer for the councils ``request.user`` may see, once per request."""
    if not hasattr(request, "_council_namer"):
        request._council_namer = council_namer(visible_council_ids(request.user))
    return request._council_namer


def is_council(model):
    return model._meta.label == "core.Council"


def narrowed(related, queryset, council_ids):
    """``queryset`` of ``related`` (council-owned or Agency) limited to ``council_ids`` (None: no limit)."""
    if council_ids is None:
        return queryset
    if is_agency(related):
        return queryset.filter(agencies_of(council_ids))
    return queryset.filter(council_id__in=council_ids)


def record_date(obj):
    """The date a term must cover on ``obj``'s form: its first field of TERM_DATE_FIELDS that is set."""
    if obj is None:
        return None
    return next((getattr(obj, f) for f in TERM_DATE_FIELDS if hasattr(obj, f) and getattr(obj, f)), None)


def parent_named(model, request):
    """On a new record of a register whose council comes from a parent record (an agenda item's sitting, a
    commitment's question, a follow-up's recommendation: the model's ``parent_field``; the form has no
    council field), the parent given in the address (``?sitting=12``, as the parent's "add" links do) when
    the user may change it; else None. Its council is the one the form's choices belong to."""
    return parent_for(model, request.user, request.GET.get(getattr(model, "parent_field", None) or "", ""))


def parent_for(model, user, value):
    """The parent record (``model.parent_field``) whose id is ``value``, when ``user`` may change it; else None
    (no parent field, no id, or a parent out of the user's scope: an id is never trusted unscoped)."""
    name = getattr(model, "parent_field", None)
    value = str(value or "")
    if not (name and value.isdigit()):
        return None
    parent_model = model._meta.get_field(name).related_model
    return parent_model.objects.for_user(user, "change").filter(pk=value).first()


class CouncilChoicesMixin:
    """Hooked into the register base class and its inlines: see the module's docstring."""

    def get_form(self, request, obj=None, **kwargs):
        request._choices_for = self.choice_context(request, obj)
        return super().get_form(request, obj, **kwargs)

    def choice_context(self, request, obj):
        """(council id or None, date or None, the record) that the form's choices must fit: the record's
        council and date when it is shown, the user's only council in any case."""
        # A posted form keeps every option in the user's scope: a term of another council is then refused by
        # the model's clean(), which names both councils, rather than by a bare "not a valid choice".
        council_id = getattr(obj, "council_id", None) if request.method != "POST" else None
        parent = parent_named(self.model, request) if obj is None and request.method != "POST" else None
        if council_id is None and parent is not None:
            council_id = parent.council_id
        if council_id is None:
            council_id = only_council(request.user)
        day = None
        if request.method != "POST":
            day = record_date(obj) or record_date(parent)
        return council_id, day, obj

    def _choice_kind(self, db_field, request):
        """'search' (autocomplete sending the form's council), 'select' (plain, filtered) or None (untouched)."""
        related = db_field.related_model
        if not (owned_by_council(related) or is_agency(related)):
            return None
        if db_field.name in (*self.raw_id_fields, *getattr(self, "radio_fields", {})):
            return None
        searchable = self.admin_site.is_registered(related) and self.admin_site.get_model_admin(
            related).get_search_fields(request)
        if searchable and (db_field.name in self.get_autocomplete_fields(request) or changes_many_councils(request.user)):
            return "search"
        return "select"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if is_council(related):
            if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = CouncilAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            if field is not None and hasattr(field, "queryset"):
                field.queryset = with_labels(field.queryset)
                field.label_from_instance = namer_for(request)
            return field
        kind = self._choice_kind(db_field, request) if "widget" not in kwargs else None
        if kind is None:
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        council_id, day, obj = getattr(request, "_choices_for", (None, None, None))
        if kind == "search":
            kwargs["widget"] = ForwardingAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using"), council_id=council_id)
        elif owned_by_council(related):
            kwargs["widget"] = CouncilOptionSelect(attrs=parent_attrs(db_field))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or not hasattr(field, "queryset"):
            return field
        queryset = field.queryset
        if owned_by_council(related):
            queryset = with_labels(queryset, "council__")
        if kind == "select":
            queryset = narrowed(related, queryset, None if council_id is None else [council_id])
            if related._meta.label == "core.Term" and day is not None:
                valid = valid_on(day)
                current = getattr(obj, db_field.attname, None)  # kept, so the form shows what is stored
                queryset = queryset.filter(valid | Q(pk=current) if current else valid)
        field.queryset = queryset
        if council_id is None and owned_by_council(related) and sees_several_councils(request.user, "change"):
            namer = namer_for(request)
            field.label_from_instance = lambda obj: council_label(obj, namer)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.related_model
        kind = self._choice_kind(db_field, request) if "widget" not in kwargs else None
        council_id = getattr(request, "_choices_for", (None,))[0]
        if is_council(related) and "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CouncilAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        if kind == "search":
            kwargs["widget"] = ForwardingAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using"), council_id=council_id)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is None:
            return field
        if is_council(related):  # the councils taking part in a meeting: a search for many (CouncilAutocompleteMixin)
            field.queryset = with_labels(field.queryset)
            field.label_from_instance = namer_for(request)
        elif kind == "search" and owned_by_council(related):
            field.queryset = with_labels(field.queryset, "council__")
            field.label_from_instance = council_label
        elif kind == "select" and council_id is not None:
            field.queryset = narrowed(related, field.queryset, [council_id])
        return field


def council_choices(queryset, request):
    """A related-field list filter's options: those of the council filtered on; named with their council
    when the user sees several councils and none is filtered on. For a user who sees many councils, none
    until a council is chosen (the filter then appears), rather than every term of the country."""
    related = queryset.model
    if not (owned_by_council(related) or is_agency(related)):
        return [(obj.pk, str(obj)) for obj in queryset]
    council = request.GET.get("council", "")
    if council.isdigit():
        return [(obj.pk, str(obj)) for obj in narrowed(related, queryset, [int(council)])]
    ids = visible_council_ids(request.user)
    if ids is None or len(ids) > COUNCIL_LIST_LIMIT:
        return []
    if is_agency(related):
        return [(obj.pk, str(obj)) for obj in narrowed(related, queryset, ids)]
    if len(ids) > 1:
        namer = namer_for(request)
        return [(obj.pk, council_label(obj, namer)) for obj in with_labels(queryset, "council__")]
    return [(obj.pk, str(obj)) for obj in queryset]


def forwarded_council(request):
    value = request.GET.get("council", "")
    return int(value) if value.isdigit() else None


def forwarded_parent(request, source_field):
    """The parent record sent with a search (``parent``: the id chosen in the parent's field of a form without a
    council field, see council/choices.js), when the user may change it; never for the parent's own search."""
    model = source_field.model
    if source_field.name == getattr(model, "parent_field", None):
        return None
    return parent_for(model, request.user, request.GET.get("parent", ""))


def forwarded_date(request):
    try:
        return datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return None


class CouncilAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete answers for the choices of a form: only the council sent with the search (the form's
    council, see council/choices.js) or the user's only council, a term only when it covers the date sent,
    agencies of that council's area; labelled with the council (name, code, province) when the council is
    not known and the user sees several councils. Councils are labelled so that none look alike."""

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        if is_council(model):
            return with_labels(queryset)
        if not (owned_by_council(model) or is_agency(model)):
            return queryset
        parent = forwarded_parent(self.request, self.source_field)
        council_id = (parent.council_id if parent is not None else None) or forwarded_council(self.request) \
            or only_council(self.request.user)
        if council_id is not None:
            queryset = narrowed(model, queryset, [council_id])
        elif owned_by_council(model):
            # A record is filed only under a council the user may change: a predecessor's rows are read, not chosen.
            queryset = narrowed(model, queryset, visible_council_ids(self.request.user, "change"))
        else:
            ids = visible_council_ids(self.request.user, "change")
            queryset = narrowed(model, queryset, ids)
        day = forwarded_date(self.request) or record_date(parent)
        if model._meta.label == "core.Term" and day is not None:
            queryset = queryset.filter(valid_on(day))
        self.council_known = council_id is not None
        return with_labels(queryset, "council__") if owned_by_council(model) else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if not hasattr(self, "namer"):
            self.namer = namer_for(self.request)
        if is_council(type(obj)):
            result["text"] = self.namer(obj)
        elif owned_by_council(type(obj)):
            # A parent chosen by search tells council/choices.js its council, to filter the form's plain selects.
            result["council"] = obj.council_id
        if owned_by_council(type(obj)) and not getattr(self, "council_known", False) \
                and sees_several_councils(self.request.user):
            result["text"] = council_label(obj, self.namer)
        return result

"""Choices that make sense: a record's terms, bodies, delegates, sittings and activities are its own council's.

On a register's form every select of a council-owned record (term, body, delegate, sitting, activity…)
offers only what belongs to the record's council — the council of the record being changed, of the
form being posted, or the user's only council — and, for a term, only the terms valid on the record's
date. Where the council is still to be chosen (a secretariat adding a record), each option carries its
council (and a term its dates), is labelled with the council's name, and a small script shows only the
options of the council and date typed in the form; the model's clean() refuses a wrong pair after saving
with a message naming both. List filters list the options of the council filtered on, labelled the
same way.
"""
from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Q

from .scoping import visible_council_ids
from .terms import valid_on

# The date a term must cover, by register: the first of these fields the model has.
TERM_DATE_FIELDS = ("start_date", "date", "asked_date", "adopted_date", "fieldwork_start", "held_date", "received_date")


def owned_by_council(model):
    return any(f.name == "council" for f in model._meta.concrete_fields) and model._meta.label != "core.Council"


def sees_several_councils(user):
    ids = visible_council_ids(user)
    return ids is None or len(ids) > 1


def council_label(obj):
    """'Nhiệm kỳ 2021–2026 — HĐND phường Ka Long': an option that names its council."""
    return f"{obj} — {obj.council.name}" if getattr(obj, "council_id", None) else str(obj)




class CouncilOptionSelect(forms.Select):
    """A select whose options carry ``data-council`` (and a term's ``data-start``/``data-end``), read by
    council/choices.js to show only the options of the council and date chosen in the form."""

    class Media:
        js = ["council/choices.js"]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        obj = getattr(value, "instance", None)
        if obj is not None and getattr(obj, "council_id", None):
            option["attrs"]["data-council"] = obj.council_id
            for attr, key in (("start_date", "data-start"), ("end_date", "data-end")):
                day = getattr(obj, attr, None) if obj._meta.label == "core.Term" else None
                if day:
                    option["attrs"][key] = day.isoformat()
        return option

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-council-choices"] = "1"
        return attrs


class CouncilChoicesMixin:
    """Hooked into the register base class: see the module's docstring."""

    def get_form(self, request, obj=None, **kwargs):
        request._choices_for = self.choice_context(request, obj)
        return super().get_form(request, obj, **kwargs)

    def choice_context(self, request, obj):
        """(council id or None, date or None, the record) that the form's choices must fit: the record's
        council and date when it is shown, the user's only council in any case."""
        # A posted form keeps every option in the user's scope: a term of another council is then refused by
        # the model's clean(), which names both councils, rather than by a bare "not a valid choice".
        council_id = getattr(obj, "council_id", None) if request.method != "POST" else None
        if council_id is None:
            ids = visible_council_ids(request.user)
            if ids is not None and len(ids) == 1:
                council_id = next(iter(ids))
        day = None
        if obj is not None and request.method != "POST":
            day = next((getattr(obj, f) for f in TERM_DATE_FIELDS if hasattr(obj, f) and getattr(obj, f)), None)
        return council_id, day, obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if not owned_by_council(related):
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        plain_select = db_field.name not in (
            *self.get_autocomplete_fields(request), *self.raw_id_fields, *self.radio_fields)
        if plain_select and "widget" not in kwargs:
            kwargs["widget"] = CouncilOptionSelect
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or not hasattr(field, "queryset"):
            return field
        council_id, day, obj = getattr(request, "_choices_for", (None, None, None))
        queryset = field.queryset.select_related("council")
        if council_id is not None:
            queryset = queryset.filter(council_id=council_id)
        if related._meta.label == "core.Term" and day is not None:
            valid = valid_on(day)
            current = getattr(obj, db_field.attname, None)  # kept, so the form shows what is stored
            queryset = queryset.filter(valid | Q(pk=current) if current else valid)
        field.queryset = queryset
        if council_id is None and sees_several_councils(request.user):
            field.label_from_instance = council_label
        return field


def council_choices(queryset, request):
    """A related-field list filter's options: those of the council filtered on; named with their council
    when the user sees several councils and none is filtered on."""
    if not owned_by_council(queryset.model):
        return [(obj.pk, str(obj)) for obj in queryset]
    council = request.GET.get("council", "")
    if council.isdigit():
        return [(obj.pk, str(obj)) for obj in queryset.filter(council_id=int(council))]
    if sees_several_councils(request.user):
        return [(obj.pk, council_label(obj)) for obj in queryset.select_related("council")]
    return [(obj.pk, str(obj)) for obj in queryset]


class CouncilAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete answers labelled like the selects: with the council's name when the user sees
    several councils (18 × "Kỳ họp thứ 3" are told apart), in one query per page."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.select_related("council") if owned_by_council(queryset.model) else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if owned_by_council(type(obj)) and sees_several_councils(self.request.user):
            result["text"] = council_label(obj)
        return result

"""The widgets of apps/core/admin_choices.py: options that carry their council, and autocompletes that
send the form's council and date with each search (council/choices.js)."""
from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from .council_labels import council_choice_label


def owned_by_council(model):
    return any(f.name == "council" for f in model._meta.concrete_fields) and model._meta.label != "core.Council"


def is_agency(model):
    return model._meta.label == "core.Agency"


def council_label(obj, namer=council_choice_label):
    """'Nhiệm kỳ 2021–2026 — HĐND phường Ka Long': an option that names its council; ``namer`` adds the
    unit code and province where council names repeat (apps/core/council_labels.py)."""
    return f"{obj} — {namer(obj.council)}" if getattr(obj, "council_id", None) else str(obj)


def parent_attrs(db_field):
    """``data-parent-field`` on a choice of a form without a council field whose council is a parent record's
    (``parent_field``: an agenda item's sitting…): council/choices.js then follows the parent chosen in the form.
    Not on the parent's own field, whose choices do not depend on itself."""
    name = getattr(db_field.model, "parent_field", None)
    return {"data-parent-field": name} if name and db_field.name != name else {}


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


class NothingChosenMixin:
    """An autocomplete that, with nothing chosen yet (an add form), renders without building a query: Django's
    would compile one that matches nothing, and with a council's labels (three joins) that is a cost per field."""

    def optgroups(self, name, value, attr=None):
        if any(str(v) not in self.choices.field.empty_values for v in value):
            return super().optgroups(name, value, attr)
        group = []
        if not self.is_required and not self.allow_multiple_selected:
            group.append(self.create_option(name, "", "", False, 0))
        return [(None, group, 0)]


class CouncilAutocompleteSelect(NothingChosenMixin, AutocompleteSelect):
    """The council search of a form (users who see many councils)."""


class CouncilAutocompleteSelectMultiple(NothingChosenMixin, AutocompleteSelectMultiple):
    """The councils taking part in a meeting, searched (users who see many councils)."""


class ForwardingMixin(NothingChosenMixin):
    """An admin autocomplete marked ``data-council-forward``: council/choices.js adds the form's council
    (or ``data-council``, the record's council when the form has no council field), the parent chosen in the
    form (``data-parent-field``, see parent_attrs) and the date to its searches."""

    def __init__(self, field, admin_site, attrs=None, choices=(), using=None, council_id=None):
        super().__init__(field, admin_site, attrs=attrs, choices=choices, using=using)
        self.council_id = council_id

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-council-forward"] = "1"
        attrs.update(parent_attrs(self.field))
        if self.council_id is not None:
            attrs["data-council"] = str(self.council_id)
        return attrs

    @property
    def media(self):
        return super().media + forms.Media(js=["council/choices.js"])


class ForwardingAutocompleteSelect(ForwardingMixin, AutocompleteSelect):
    pass


class ForwardingAutocompleteSelectMultiple(ForwardingMixin, AutocompleteSelectMultiple):
    pass


__all__ = ["CouncilAutocompleteSelect", "CouncilAutocompleteSelectMultiple", "CouncilOptionSelect", "ForwardingAutocompleteSelect", "ForwardingAutocompleteSelectMultiple",
           "council_choice_label", "council_label", "is_agency", "owned_by_council", "parent_attrs"]

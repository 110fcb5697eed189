"""Search as clerks type: folded text, register numbers as displayed, one indexed column.

Every searchable model keeps its text folded in ``search_text`` (apps/core/text.py: no diacritics,
lower case, numbers such as "0017/2022" or "KN-2022-0017" as the register shows them). A query is
folded the same way and each of its words must start a word of that column, so "hai hoa", "Hải Hoà"
and "HẢI HÒA" find the same rows (and "hai" does not find "thải"), on SQLite as on PostgreSQL, where a trigram index serves the LIKE.

Columns a user may search come from ``get_search_columns(request)``: a register whose rows may hold
a denouncer's identity adds its sealed column only for users allowed to see it.
"""
import re
from functools import reduce
from operator import or_

from django.contrib import messages
from django.db.models import Q
from django.utils.translation import gettext as _

from .text import SEARCH_COLUMN, search_words


def has_column(model, name):
    return any(f.name == name for f in model._meta.concrete_fields)


RELATED_LIMIT = 1000  # related rows matched per word and relation (a page of hits, not a scan)


def related_paths(model, search_fields):
    """[(first hop, field)] of the ``search_fields`` that reach another searchable model ("agency__name",
    "agenda_items__title"): their rows are matched on that model's own folded column."""
    paths = {}
    for name in search_fields or ():
        name = name.lstrip("^=@")
        if "__" not in name:
            continue
        first = name.split("__", 1)[0]
        try:
            field = model._meta.get_field(first)
        except Exception:  # a lookup, not a field: Django's own search would refuse it too
            continue
        related = getattr(field, "related_model", None)
        if related is not None and related is not model and has_column(related, SEARCH_COLUMN):
            paths.setdefault(first, field)
    return list(paths.items())


def _related_match(model, first, field, word, user):
    """A Q on ``model`` for rows whose relation ``first`` holds ``word`` in its folded column. The
    related keys are read first (one small indexed query), so the main filter stays an index lookup."""
    related = field.related_model
    rows = related._default_manager.all()
    if user is not None and hasattr(rows, "for_user"):
        rows = rows.for_user(user)
    rows = rows.filter(**{f"{SEARCH_COLUMN}__contains": f" {word}"})
    if field.many_to_one or field.one_to_one and field.concrete:
        return Q(**{f"{field.attname}__in": list(rows.values_list("pk", flat=True)[:RELATED_LIMIT])})
    if field.one_to_many or field.one_to_one:  # a reverse foreign key: the rows point at ours
        keys = rows.values_list(field.field.attname, flat=True)[:RELATED_LIMIT]
        return Q(pk__in=[k for k in keys if k is not None])
    # many-to-many, either side
    keys = model._default_manager.filter(**{f"{first}__in": list(rows.values_list("pk", flat=True)[:RELATED_LIMIT])})
    return Q(pk__in=list(keys.values_list("pk", flat=True)[:RELATED_LIMIT]))


# A register number typed without its leading zeros: "15/2026", "15 / 2026", "15" (the register shows "0015/2026").
_REGISTER_NUMBER = re.compile(r"0*(\d{1,9})(?:\s*/\s*(\d{4}))?")


def register_number_match(model, search_term):
    """A Q on the register number (and year) when ``search_term`` is one, else None: exact, indexed
    filters, so "15/2026" finds "0015/2026" without the leading zeros the folded text holds."""
    if not (has_column(model, "register_number") and has_column(model, "register_year")):
        return None
    found = _REGISTER_NUMBER.fullmatch((search_term or "").strip())
    if not found or not int(found.group(1)):
        return None
    match = Q(register_number=int(found.group(1)))
    if found.group(2):
        match &= Q(register_year=int(found.group(2)))
    return match


def folded_filter(queryset, columns, search_term, search_fields=(), user=None):
    """``queryset`` narrowed to rows whose folded ``columns`` (or a related record named in
    ``search_fields``) hold every word of ``search_term``, or whose register number is the one typed."""
    paths = related_paths(queryset.model, search_fields)
    number = register_number_match(queryset.model, search_term)
    for word in search_words(search_term):
        # The column holds " word word ": a leading space anchors the word where a word starts.
        match = reduce(or_, (Q(**{f"{column}__contains": f" {word}"}) for column in columns))
        if number is not None:  # OR-ed into every word: (all words) or (the number)
            match |= number
        for first, field in paths:
            match |= _related_match(queryset.model, first, field, word, user)
        queryset = queryset.filter(match)
    return queryset


class VietnameseSearchMixin:
    """Search without diacritics through the folded column (``search_fields`` still switch the search
    box on; on a model without the column Django's own search applies)."""

    def get_search_columns(self, request):
        return [SEARCH_COLUMN] if has_column(self.model, SEARCH_COLUMN) else []

    def get_search_results(self, request, queryset, search_term):
        columns = self.get_search_columns(request)
        if not columns or not search_words(search_term):
            return super().get_search_results(request, queryset, search_term)
        return folded_filter(queryset, columns, search_term, self.get_search_fields(request), request.user), False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = getattr(response, "context_data", {}).get("cl") if hasattr(response, "context_data") else None
        if cl is not None and cl.result_count == 0:
            text = empty_result_text(cl, request)
            if text:
                # A warning, not a success: the clerk should notice that the list is empty and why.
                messages.warning(request, text)
        return response


def active_filters(cl, request):
    """[(title, chosen value)] of the list filters in use on a changelist."""
    chosen = []
    for spec in cl.filter_specs:
        if not getattr(spec, "used_parameters", None):
            continue
        label = next((str(c["display"]) for c in spec.choices(cl) if c.get("selected")), "")
        chosen.append((str(spec.title), label))
    return chosen


def empty_result_text(cl, request):
    """What was searched and which filters are on, when a changelist shows nothing."""
    filters = active_filters(cl, request)
    filter_text = "; ".join(f"{title}: {value}" if value else title for title, value in filters)
    if cl.query and filters:
        return _("Không tìm thấy hồ sơ nào chứa “%(q)s” với bộ lọc đang chọn (%(f)s). Có thể gõ không dấu; "
                 "thử bớt từ hoặc bỏ bộ lọc.") % {"q": cl.query, "f": filter_text}
    if cl.query:
        return _("Không tìm thấy hồ sơ nào chứa “%(q)s”. Có thể gõ không dấu, hoặc tìm theo số sổ như "
                 "“0017/2022”; thử bớt từ.") % {"q": cl.query}
    if filters:
        return _("Không có hồ sơ nào với bộ lọc đang chọn (%(f)s).") % {"f": filter_text}
    return ""

"""One search across registers (/admin/search/?q=): the matches of every register the user may see.

Each register is searched through its own admin, so the rows are scoped (``for_user``) and sealed
(a denouncer's identity only for users allowed to see it) exactly as on its changelist, and the
folded, indexed column serves every register. One query per register, whatever the data size:
the first ``PER_REGISTER`` matches, no count; "more" links to the changelist with the same search.
"""
from django.contrib.admin.views.main import SEARCH_VAR
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .admin_base import CouncilOwnedAdmin, short
from .admin_search import has_column
from .text import SEARCH_COLUMN, search_words

PER_REGISTER = 10
EXCERPT_FIELDS = ("content", "summary", "title", "topic", "conclusion", "note")


def searchable_admins(site, request):
    """The register admins the user may view, in the order the secretariat works in."""
    rank = {label: i for i, label in enumerate(getattr(site, "app_order", []))}
    found = []
    for model, model_admin in site._registry.items():
        if not isinstance(model_admin, CouncilOwnedAdmin) or not model_admin.search_fields:
            continue
        if not has_column(model, SEARCH_COLUMN) or not model_admin.has_view_permission(request):
            continue
        found.append((rank.get(model._meta.app_label, len(rank)), str(model._meta.verbose_name_plural), model_admin))
    return [model_admin for _rank, _name, model_admin in sorted(found, key=lambda item: item[:2])]


def excerpt(obj):
    for name in EXCERPT_FIELDS:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value and value not in str(obj):
            return short(value, 160)
    return ""


def register_matches(model_admin, request, query):
    queryset, _dup = model_admin.get_search_results(request, model_admin.get_queryset(request), query)
    related = model_admin.list_select_related
    queryset = queryset.select_related("council", *(related if isinstance(related, (list, tuple)) else ()))
    rows = list(queryset[: PER_REGISTER + 1])
    opts = model_admin.model._meta
    return {
        "title": opts.verbose_name_plural,
        "app": opts.app_config.verbose_name,
        "results": [
            {"text": str(obj), "excerpt": excerpt(obj), "council": obj.council.name,
             "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])}
            for obj in rows[:PER_REGISTER]
        ],
        "more": len(rows) > PER_REGISTER,
        "changelist": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?" + urlencode({SEARCH_VAR: query}),
    }


def search_view(site, request):
    query = (request.GET.get("q") or "").strip()
    groups = []
    if search_words(query):
        for model_admin in searchable_admins(site, request):
            group = register_matches(model_admin, request, query)
            if group["results"]:
                groups.append(group)
    context = {
        **site.each_context(request),
        "title": _("Tìm trong mọi sổ"),
        "query": query,
        "groups": groups,
        "searched": bool(search_words(query)),
        "per_register": PER_REGISTER,
    }
    return TemplateResponse(request, "core/search.html", context)

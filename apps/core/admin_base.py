"""The one admin base class for council-owned registers (CONVENTIONS §3–4).

It applies the scoping rule to: the changelist queryset, change/history/delete
views reached by id, foreign-key and many-to-many choices, list filters,
autocomplete (through get_queryset of the related admin), import and export.
"""
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .importexport import CheckedImportForm
from .filters import CouncilListFilter, ScopedRelatedFieldListFilter, due_state
from .scoping import home_council, visible_council_ids
from .text import search_variants


def scoped_queryset(model, user):
    qs = model._default_manager.all()
    return qs.for_user(user) if hasattr(qs, "for_user") else qs


class ScopedFormFieldsMixin:
    """Foreign-key and many-to-many choices limited to what the user may see."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped_queryset(db_field.related_model, request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped_queryset(db_field.related_model, request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class VietnameseSearchMixin:
    """Search that finds "Hải Hòa" whether typed NFC, NFD, "Hoà" or in another case."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return super().get_search_results(request, queryset, search_term)
        variants = []
        for variant in search_variants(search_term):
            # SQLite's LIKE folds only ASCII case, so also try the usual capitalisations.
            for cased in (variant, variant.lower(), variant.title(), variant.upper()):
                if cased not in variants:
                    variants.append(cased)
        combined, duplicates = None, False
        for variant in variants:
            qs, dup = super().get_search_results(request, queryset, variant)
            combined = qs if combined is None else combined | qs
            duplicates = duplicates or dup
        return combined, duplicates


class ScopedInline(ScopedFormFieldsMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


class ScopedStackedInline(ScopedFormFieldsMixin, admin.StackedInline):
    extra = 0


class CouncilOwnedAdmin(VietnameseSearchMixin, ScopedFormFieldsMixin, SimpleHistoryAdmin, ImportExportModelAdmin):
    list_per_page = 50
    show_full_result_count = False
    import_form_class = CheckedImportForm  # upload checks before the preview, with the reason in Vietnamese
    show_facets = admin.ShowFacets.NEVER  # facet counts are a COUNT per filter option: too slow on big registers
    save_on_top = True
    # Subclasses add their own; the council filter is prepended for users who see several councils.
    list_filter = ()

    # -- scoping -----------------------------------------------------------
    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def get_list_filter(self, request):
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and "__" not in item:
                field = self.model._meta.get_field(item)
                if isinstance(field, (models.ForeignKey, models.ManyToManyField)) and item != "council":
                    item = (item, ScopedRelatedFieldListFilter)
            filters.append(item)
        if "council" in filters:
            filters.remove("council")
        ids = visible_council_ids(request.user)
        if ids is None or len(ids) > 1:
            filters.insert(0, CouncilListFilter)
        return filters

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        council = home_council(request.user)
        if council is not None:
            initial.setdefault("council", council.pk)
        return initial

    def history_view(self, request, object_id, extra_context=None):
        """History only of records in scope.

        A live record outside the user's scope has no history for them, even when older
        history rows were written while it belonged to a council they can see. For a deleted
        record (simple-history falls back to its last history row) that last row decides.
        """
        try:
            in_scope = self.get_queryset(request).filter(pk=object_id).exists()
            exists = in_scope or self.model._default_manager.filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            raise Http404
        if not in_scope:
            if exists:
                raise Http404
            history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
            last = history.filter(**{self.model._meta.pk.attname: object_id}).order_by("-history_date").first()
            ids = visible_council_ids(request.user)
            if last is None or (ids is not None and last.council_id not in ids):
                raise Http404
        return super().history_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if hasattr(obj, "created_by_id") and obj.pk is None:
                obj.created_by = request.user
            if hasattr(obj, "updated_by_id"):
                obj.updated_by = request.user
            if hasattr(obj, "council_id") and not obj.council_id and hasattr(form.instance, "council_id"):
                obj.council_id = form.instance.council_id
            obj.save()
        formset.save_m2m()

    # -- import / export: explicit permissions, scoped resources ---------------
    def has_import_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.import_{opts.model_name}")

    def has_export_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.export_{opts.model_name}")

    def get_import_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_import_resource_kwargs(request, **kwargs)
        kwargs["user"] = request.user
        return kwargs

    def get_export_resource_kwargs(self, request, **kwargs):
        kwargs = super().get_export_resource_kwargs(request, **kwargs)
        kwargs["user"] = request.user
        return kwargs


def due_badge(due_date, done, soon_days=7):
    """A coloured due date for list_display: red overdue, amber due soon."""
    if due_date is None:
        return "—"
    state = due_state(due_date, done, soon_days)
    labels = {"overdue": _("quá hạn"), "soon": _("sắp đến hạn"), "open": "", "done": ""}
    return format_html(
        '<span class="due due-{}">{}</span>{}', state, f"{due_date:%d/%m/%Y}",
        format_html(' <small class="due-label">{}</small>', labels[state]) if labels[state] else "",
    )


def admin_link(obj, text=None):
    """A link to an object's change page in this admin (for cross-register links)."""
    if obj is None:
        return "—"
    from django.urls import reverse

    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text or str(obj))

"""The one admin base class for council-owned registers (CONVENTIONS §3–4).

It applies the scoping rule to: the changelist queryset, change/history/delete
views reached by id, foreign-key and many-to-many choices, list filters,
autocomplete (through get_queryset of the related admin), import and export.
"""
import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .admin_concurrency import InlineVersionMixin, OptimisticLockAdminMixin
from .admin_councils import CouncilAutocompleteMixin
from .admin_sealed import SealedLookupMixin
from .admin_files import VietnameseFilesMixin
from .admin_work import BulkWorkMixin
from .admin_lifetimes import PredecessorReadOnlyMixin, changeable
from .import_checks import ImportConfirmMixin
from .importexport import CheckedImportForm, xlsx_only
from .export_jobs import QueuedExportMixin
from .paginator import EstimatedCountPaginator
from .admin_choices import CouncilChoicesMixin
from .admin_history import HistoryInWordsMixin
from .admin_scale import ScaledChangelistMixin
from .admin_search import VietnameseSearchMixin
from .filters import CouncilListFilter, ScopedRelatedFieldListFilter, due_state
from .scoping import home_council, visible_council_ids


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


class RegisterModelForm(forms.ModelForm):
    """Model clean() errors on fields the form does not show (an inline's few columns, masked identity
    fields, read-only due dates) become form-wide errors instead of a server error."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            remapped = {}
            for field, messages in errors.error_dict.items():
                key = field if field == NON_FIELD_ERRORS or field in self.fields else NON_FIELD_ERRORS
                remapped.setdefault(key, []).extend(messages)
            errors = ValidationError(remapped)
        super()._update_errors(errors)


class ScopedInline(InlineVersionMixin, PredecessorReadOnlyMixin, CouncilChoicesMixin, ScopedFormFieldsMixin,
                   admin.TabularInline):
    form = RegisterModelForm
    extra = 0
    show_change_link = True


class DisplayOnlyInline(ScopedInline):
    """A read-only list of related records (links to their own pages, e.g. from another register):
    nothing is added, changed or deleted here, and CouncilOwnedAdmin leaves it out of a POST."""

    display_only = True
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def mark_on_chosen_date(model_admin, request, queryset, pending, mark, done_message, skipped_message):
    """An admin action "mark … on the date typed in the action bar (empty: today)".

    ``pending(queryset, day)``: the selected records still to mark; ``mark(obj, day)`` sets their fields
    (each is then saved with the user as updated_by); ``done_message(n, day)``: the text for n marked;
    ``skipped_message``: a text with %(n)d for the selected records left as they were.
    """
    from django.contrib import messages

    day = chosen_date(request)
    if day is None:
        model_admin.message_user(request, _("Ngày không hợp lệ; viết theo dạng dd/mm/yyyy."), messages.ERROR)
        return
    changed = 0
    for obj in pending(changeable(queryset, request.user), day):
        mark(obj, day)
        obj.updated_by = request.user
        obj.save()
        changed += 1
    skipped = queryset.count() - changed
    text = done_message(changed, day)
    if skipped:
        text += " " + skipped_message % {"n": skipped}
    model_admin.message_user(request, text, messages.SUCCESS)


class XlsxOnlyMixin:
    """Import and export in xlsx only, through the safe reader and writer, and only for an admin that
    declares its resource (``resource_classes``, keyed by business keys): without one, django-import-export
    would fall back to a resource by database id. Child rows (agenda items, commitments, follow-ups),
    kept under their parent, declare none and so have no import or export (their URLs answer 403)."""

    def get_import_formats(self):
        return xlsx_only() if self.resource_classes else []

    def get_export_formats(self):
        return xlsx_only() if self.resource_classes else []


class CompactTextMixin:
    """Inline text areas two lines high, so an inline row stays one screen line."""

    compact_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in self.compact_fields and field is not None:
            field.widget.attrs.update(rows=2, cols=50)
        return field


class DoneDateActionForm(ActionForm):
    """The action bar with an optional date: "mark done on …" uses it, empty means today."""

    done_on = forms.DateField(label=_("Ngày"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                              widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}))


def chosen_date(request):
    """The date typed in the action bar (dd/mm/yyyy), today when empty; None if unreadable."""
    raw = (request.POST.get("done_on") or "").strip()
    if not raw:
        return timezone.localdate()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None



def drop_malformed_relations(model, initial):
    """An add page's initial values from its address (``?council=…&visit=…``) without those that cannot
    be an id of the related model ("abc"): the form opens with the field empty instead of failing."""
    for name, value in list(initial.items()):
        try:
            field = model._meta.get_field(name)
        except Exception:  # FieldDoesNotExist: not a model field, left to the form
            continue
        if not field.is_relation or field.related_model is None:
            continue
        pk = field.related_model._meta.pk
        try:
            for item in (value if isinstance(value, (list, tuple)) else [value]):
                pk.to_python(item)
        except (ValidationError, ValueError, TypeError):
            del initial[name]
    return initial


class CouncilOwnedAdmin(ScaledChangelistMixin, QueuedExportMixin,
                        PredecessorReadOnlyMixin, XlsxOnlyMixin, BulkWorkMixin, VietnameseFilesMixin, SealedLookupMixin,
                        OptimisticLockAdminMixin, CouncilAutocompleteMixin, VietnameseSearchMixin, CouncilChoicesMixin,
                        HistoryInWordsMixin, ScopedFormFieldsMixin,
                        SimpleHistoryAdmin,
                        ImportConfirmMixin,
                        ImportExportModelAdmin):
    """The base of every register's admin: scoping, history, Vietnamese search, xlsx import/export."""

    list_per_page = 50
    show_full_result_count = False
    paginator = EstimatedCountPaginator  # page links without counting a million rows
    form = RegisterModelForm  # model rule errors on fields the form does not show: form errors, not a crash
    import_form_class = CheckedImportForm  # upload checks before the preview, with the reason in Vietnamese
    show_facets = admin.ShowFacets.NEVER  # facet counts are a COUNT per filter option: too slow on big registers
    save_on_top = True
    # Subclasses add their own; the council filter is prepended for users who see several councils.
    list_filter = ()

    # -- scoping -----------------------------------------------------------
    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def get_list_display(self, request):
        # The council column names councils short ("P. Móng Cái 1"): cut to fit 1366 px, every full name
        # begins "HĐND phường…" and the part that tells them apart was lost.
        return ["council_column" if name == "council" else name for name in super().get_list_display(request)]

    @admin.display(description=_("HĐND"), ordering="council")
    def council_column(self, obj):
        from .council_labels import short_name

        return short_name(obj.council)

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
        initial = drop_malformed_relations(self.model, super().get_changeform_initial_data(request))
        council = home_council(request.user)
        if council is not None:
            initial.setdefault("council", council.pk)
        return initial

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not queryset.ordered:
            # An annotated queryset (GROUP BY) loses Meta.ordering; autocomplete pages it, so order it here.
            ordering = list(self.get_ordering(request) or self.model._meta.ordering)
            if not {"pk", "-pk", "id", "-id"} & set(ordering):
                ordering.append("-pk")
            queryset = queryset.order_by(*ordering)
        return queryset, may_have_duplicates

    def check_history_scope(self, request, object_id, version_id=None):
        """404 unless the record's history is the user's to see.

        A live record outside the user's scope has no history for them, even when older
        history rows were written while it belonged to a council they can see. For a deleted
        record (simple-history falls back to its last history row) that last row decides.
        One version (``version_id``) must itself belong to a council the user can see.
        """
        try:
            in_scope = self.get_queryset(request).filter(pk=object_id).exists()
            exists = in_scope or self.model._default_manager.filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            raise Http404
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        ids = visible_council_ids(request.user)
        if not in_scope:
            if exists:
                raise Http404
            last = history.filter(**{self.model._meta.pk.attname: object_id}).order_by("-history_date").first()
            if last is None or (ids is not None and last.council_id not in ids):
                raise Http404
        if version_id is not None:
            try:
                rows = history.filter(**{self.model._meta.pk.attname: object_id, "history_id": version_id})
                if ids is not None:
                    rows = rows.filter(council_id__in=ids)
                found = rows.exists()
            except (ValueError, ValidationError):
                raise Http404
            if not found:
                raise Http404

    def history_view(self, request, object_id, extra_context=None):
        """History only of records in scope (see check_history_scope)."""
        self.check_history_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's page for one version, scoped like history_view."""
        self.check_history_scope(request, object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_formsets_with_inlines(self, request, obj=None):
        # A display-only inline (read-only links to another register) has nothing to save: a form
        # posted without its management data (a script, a test) is not refused because of it.
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if request.method == "POST" and getattr(inline, "display_only", False):
                continue
            yield formset, inline

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
    # A register without formats (child rows, ward reports) has no import or export at all:
    # its URLs answer 403 rather than failing on an empty format list.
    def has_import_permission(self, request):
        opts = self.model._meta
        return bool(self.get_import_formats()) and request.user.has_perm(f"{opts.app_label}.import_{opts.model_name}")

    def has_export_permission(self, request):
        opts = self.model._meta
        return bool(self.get_export_formats()) and request.user.has_perm(f"{opts.app_label}.export_{opts.model_name}")

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


def explained_due(due, stored=None, done=None, soon_days=7,
                  empty=_("Chưa tính được (thiếu ngày bắt đầu hoặc chưa có quy tắc).")):
    """A computed due date (deadlines.DueDate) with the engine's explanation and, for a rule the legal
    officer has not verified, a mark saying so.

    ``stored``: the due date kept on the record (shown instead of the computed one when given);
    ``done``: when given, the date is shown as a due badge (overdue / due soon).
    """
    day = stored or (due.date if due is not None else None)
    if day is None:
        return empty
    head = due_badge(day, done, soon_days) if done is not None else format_html("<strong>{}</strong>", f"{day:%d/%m/%Y}")
    if due is None:
        return head
    mark = ""
    if not due.rule.verified:
        mark = format_html(' <strong class="rule-unverified" title="{}">⚠ {}</strong>',
                           _("Quy tắc chưa được cán bộ pháp chế xác minh."), due.rule.get_status_display())
    return format_html('{}{}<br><small class="due-explanation">{}</small>', head, mark, due.explanation)


def admin_link(obj, text=None):
    """A link to an object's change page in this admin (for cross-register links)."""
    if obj is None:
        return "—"
    from django.urls import reverse

    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, text or str(obj))


def links(objects, separator=mark_safe("<br>"), text=None):
    """Links to the admin pages of ``objects`` (one per line by default), or a dash.
    ``text(obj)``, when given, is the link text."""
    objects = list(objects)
    if not objects:
        return "—"
    return format_html_join(separator, "{}", ((admin_link(o, text(o) if text else None),) for o in objects))


def followed_up_by(obj):
    """Links to the recommendations after oversight whose follow-up led to ``obj`` (an explanation
    session, a question, a resolution, a re-supervision): the other side of a follow-up's links."""
    if obj is None or obj.pk is None:
        return "—"
    follow_ups = obj.recommendation_follow_ups.select_related("recommendation")
    return links(dict.fromkeys(f.recommendation for f in follow_ups))


def reverse_links(obj, accessor, limit=20):
    """Links to the records of ``obj.<accessor>`` (a reverse relation, possibly from another app)
    that belong to the same council as ``obj``, which the user already may see."""
    if obj is None or obj.pk is None:
        return "—"
    manager = getattr(obj, accessor, None)
    if manager is None:
        return "—"
    rows = list(manager.filter(council_id=obj.council_id)[: limit + 1])
    more = len(rows) > limit
    html = links(rows[:limit])
    if more:
        html = format_html("{}<br><small>{}</small>", html, _("… và các hồ sơ khác"))
    return html


def short(text, length=90):
    """``text`` cut to ``length`` characters with an ellipsis (list columns)."""
    text = text or ""
    return text if len(text) <= length else text[: length - 1] + "…"

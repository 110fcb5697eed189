"""django-filter FilterSets of the reports app: the summary page's choice of council and period."""
import django_filters
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core import periods
from apps.core.admin_councils import sees_many_councils
from apps.core.council_labels import council_namer, with_labels
from apps.core.models import Council, ReportingPeriod
from apps.core.scoping import home_council

FIRST_YEAR = 2021  # the first year with records (khóa 2021–2026)


def period_choices():
    """Half-years and years from FIRST_YEAR to this year, plus any other stored period; newest first."""
    stored = ReportingPeriod.objects.filter(kind__in=periods.REPORT_KINDS).values_list("year", "kind")
    return periods.report_choices(FIRST_YEAR, timezone.localdate().year, extra=stored)


class CouncilChoiceFilter(django_filters.ModelChoiceFilter):
    """The council to report on: a select, or for a user who sees many councils (a province's secretariat,
    a superuser with every council of the country) the admin's council search, which lists none until typed."""

    search = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "pk")
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        if self.search and not isinstance(field.widget, AutocompleteSelect):
            from django.contrib import admin

            from apps.core.models import StaffProfile

            # The council admin's search (by name or unit code, scoped to the user): a profile's council field
            # names it for the autocomplete view.
            field.widget = AutocompleteSelect(StaffProfile._meta.get_field("council"), admin.site)
            field.widget.choices = field.choices
            field.widget.is_required = True
        if not hasattr(self, "_namer"):
            # "HĐND phường Ka Long (06709)"; the code and province, and the end of a council that ended,
            # where two councils share a name (Hải Sơn until 30/06/2025 and Hải Sơn since, both 06724).
            self._namer = council_namer(field.queryset.values_list("pk", flat=True),
                                        plain=lambda c: f"{c.name} ({c.admin_unit.code})")
        field.label_from_instance = self._namer
        return field


class SummaryFilterSet(django_filters.FilterSet):
    """Council (only those the user may see) and period (a code such as 2022-H1).

    Both filters only choose; the page reads ``form.cleaned_data`` and builds the summary.
    """

    council = CouncilChoiceFilter(label=_("HĐND"), queryset=Council.objects.none(), method="choose",
                                  required=True, empty_label=None)
    period = django_filters.ChoiceFilter(label=_("Kỳ báo cáo"), choices=[], method="choose", required=True,
                                         empty_label=None)

    class Meta:
        model = Council
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        user = request.user
        councils = with_labels(Council.objects.for_user(user)).order_by(
            "level", "admin_unit__code", "admin_unit__valid_from")
        if data is not None:
            data = data.copy()
            home = None
            if not data.get("council"):
                home = home_council(user) or councils.filter(parent__isnull=True).first() or councils.first()
                if home is not None:
                    data["council"] = str(home.pk)
            elif str(data["council"]).isdigit():
                home = councils.filter(pk=data["council"]).first()
            if not data.get("period"):
                data["period"] = default_period(home)
            else:
                data["period"] = data["period"].strip().upper()  # "2022-h1" is 2022-H1
        super().__init__(data, *args, queryset=councils, request=request, **kwargs)
        self.filters["council"].queryset = councils
        self.filters["council"].search = sees_many_councils(user)
        self.filters["period"].extra["choices"] = period_choices()

    def choose(self, queryset, name, value):
        return queryset

    @property
    def chosen_council(self):
        return self.form.cleaned_data.get("council") if self.is_valid() else None

    @property
    def chosen_period(self):
        if not self.is_valid():
            return None
        return ReportingPeriod.objects.from_code(self.form.cleaned_data["period"])


def default_period(council=None):
    """The half-year the page opens on: for a council, the latest one with data for its summary (its
    registers, its own or its wards' reports; ``latest_data``), up to the last half-year that has ended
    (what a clerk reports on) — or the council's last half-year when its unit has ceased to exist (e.g.
    a district-level council after 2025-06-30). A council with nothing before that opens on the latest
    half-year with data at all; one with no data, on the last ended half-year.
    """
    day = timezone.localdate()
    end = council.admin_unit.valid_to if council is not None else None
    if end is not None and end < day:
        code = periods.half_year_of(end)
    else:
        code = f"{day.year}-H1" if day.month > 6 else f"{day.year - 1}-H2"
    if council is None:
        return code
    from .latest_data import latest_half_year

    return latest_half_year(council, code, min(day, end) if end else day)

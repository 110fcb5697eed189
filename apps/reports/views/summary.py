"""Admin page "Báo cáo 6 tháng": the summary on screen with charts, and its xlsx and docx.

Routed by ``apps/reports/admin_urls.py`` (``urlpatterns(site)``); each view is wrapped in
``site.admin_view`` and rendered with ``site.each_context(request)``. Who may see it: a superuser,
or staff with a council profile (leaders, secretariat, ward clerks — the latter choose only their
own ward, so they see their own figures).
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.scoping import may_read_reports

from ..filtersets import SummaryFilterSet
from ..summary import build_summary, charts
from . import XLSX_TYPE
from . import narrative as narrative_views

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE = gettext_lazy("Báo cáo 6 tháng")


def _chosen(request):
    if not may_read_reports(request.user):
        raise PermissionDenied
    filterset = SummaryFilterSet(request.GET, request=request)
    council, period, problem = filterset.chosen_council, filterset.chosen_period, ""
    if council is not None and not council.__class__.objects.filter(pk=council.pk).overlapping(
            period.start_date, period.end_date).exists():
        problem = _("%(council)s không tồn tại trong %(period)s; hãy chọn kỳ khác.") % {
            "council": council.name, "period": period.wording}
        council = None
    return filterset, council, period, problem


def summary_page(request, site):
    filterset, council, period, problem = _chosen(request)
    written = {}
    if request.method == "POST":
        # The sections are saved for the council and period named in the address, never a default one.
        if not (request.GET.get("council") and request.GET.get("period")):
            return HttpResponseBadRequest(_("Thiếu HĐND hoặc kỳ báo cáo."), content_type="text/plain; charset=utf-8")
        if not narrative_views.may_write(request.user, council):
            raise PermissionDenied
        saved, form, version = narrative_views.save(request, council, period)
        if saved:
            messages.success(request, _("Đã lưu phần đánh giá của báo cáo %(period)s.") % {"period": period.wording})
            query = urlencode({"council": council.pk, "period": period.code})
            return redirect(f"{reverse('admin:reports_summary')}?{query}#summary-narrative")
        written = {"form": form, "version": version}
    summary = build_summary(council, period) if council is not None else None
    context = {
        **site.each_context(request),
        "title": TITLE,
        "filterset": filterset,
        "problem": problem,
        "summary": summary,
    }
    if summary is not None:
        query = urlencode({"council": council.pk, "period": period.code})
        context.update(
            charts=[(_(title), charts.data_uri(png)) for _key, title, png in charts.all_charts(summary)],
            xlsx_url=f"{reverse('admin:reports_summary_xlsx')}?{query}",
            summary_council_id=council.pk, summary_period_code=period.code,
            docx_url=f"{reverse('admin:reports_summary_docx')}?{query}",
            comparison=_comparison(summary),
            table=[(row, [(code, row.value(code)) for code in summary.codes]) for row in summary.table_rows],
            narrative_url=f"{reverse('admin:reports_summary')}?{query}",
            **narrative_views.context(request.user, summary, council, period, **written),
        )
    return TemplateResponse(request, "reports/summary.html", context)


def _comparison(summary):
    if summary.previous is None:
        return []
    return [(d, summary.total(d.code), summary.previous.total(d.code)) for d in summary.indicators
            if not d.is_breakdown]


def summary_file(request, fmt):
    filterset, council, period, problem = _chosen(request)
    if council is None:
        return HttpResponse(problem or _("Chưa chọn HĐND và kỳ báo cáo hợp lệ."), status=400,
                            content_type="text/plain; charset=utf-8")
    # Official documents: built and written in Vietnamese whatever language the clerk reads the admin in.
    with translation.override("vi"):
        summary = build_summary(council, period)
        if fmt == "xlsx":
            from ..summary.xlsx import summary_xlsx

            data, content_type = summary_xlsx(summary), XLSX_TYPE
        else:
            from ..summary.docx import summary_docx

            data, content_type = summary_docx(summary), DOCX_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-6-thang-{summary.council_code}-{period.code}.{fmt}"'
    return response

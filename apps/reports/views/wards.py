"""The wards' reports: who has reported in a period, blank templates to send them, the files they sent."""
from django.http import FileResponse, Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _

from apps.core import periods
from apps.core.dashboard import current_half_year
from apps.core.models import ReportingPeriod
from apps.reception import confidential

from ..choices import WardStatus
from ..models import WardReport
from ..selectors import status_rows, wards_for
from ..workbook.redact import without_identities
from ..workbook.template import template_filename, templates_zip, ward_template
from . import XLSX_TYPE, require


def chosen_period(request):
    code = request.GET.get("period") or request.POST.get("period") or current_half_year()
    try:
        return ReportingPeriod.objects.from_code(code, create=False)
    except (ValueError, ReportingPeriod.DoesNotExist):
        return ReportingPeriod.objects.from_code(current_half_year())


def status_view(request, site):
    require(request, "view_wardreport")
    period = chosen_period(request)
    rows = status_rows(request.user, period)
    template_url = reverse("admin:reports_wardreport_template")
    context = {
        **site.each_context(request), "title": _("Tình trạng báo cáo của xã, phường"),
        "period": period,
        "periods": ReportingPeriod.objects.filter(kind__in=periods.REPORT_KINDS).order_by("-year", "kind"),
        "rows": [
            (ward, state, WardStatus(state).label, report,
             template_url + "?" + urlencode({"period": period.code, "ward": ward.pk}))
            for ward, state, report in rows
        ],
        "reported": sum(1 for _w, state, _r in rows if state != WardStatus.MISSING),
        "total": len(rows),
        "zip_url": template_url + "?" + urlencode({"period": period.code}),
        "upload_url": reverse("admin:reports_wardreport_upload"),
        "can_upload": request.user.has_perm("reports.add_wardreport"),
        "changelist_url": reverse("admin:reports_wardreport_changelist") + "?" + urlencode({"period__id__exact": period.pk}),
    }
    return TemplateResponse(request, "reports/ward_status.html", context)


def template_view(request):
    require(request, "view_wardreport")
    period = chosen_period(request)
    wards = wards_for(request.user, period)
    ward_id = request.GET.get("ward")
    if ward_id:
        ward = next((w for w in wards if str(w.pk) == ward_id), None)
        if ward is None:
            raise Http404("Không có đơn vị này trong phạm vi của bạn.")
        response = HttpResponse(ward_template(ward, period), content_type=XLSX_TYPE)
        filename = template_filename(ward, period)
    else:
        if not wards:
            raise Http404("Không có xã, phường nào trong kỳ này.")
        response = HttpResponse(templates_zip(wards, period), content_type="application/zip")
        filename = f"mau-bao-cao-{period.code}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def file_view(request, pk):
    """The uploaded workbook: as sent to users who may see every denouncer's identity (and logged,
    with the client address), otherwise a copy without the letter senders' identities."""
    require(request, "view_wardreport")
    report = WardReport.objects.for_user(request.user).filter(pk=pk).first()
    if report is None or not report.source_file:
        raise Http404
    try:
        handle = report.source_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Không tìm thấy tệp đã tải lên của báo cáo này trên máy chủ; hãy tải lại tệp của xã, phường.")
    if confidential.may_see_all(request.user):
        confidential.log_access(request.user, confidential.EXPORTED,
                                f"Tệp nguồn báo cáo: {report} ({report.original_filename})", request=request)
        return FileResponse(handle, as_attachment=True, filename=report.original_filename)
    with handle:
        data = without_identities(handle.read())
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, report.original_filename)
    return response

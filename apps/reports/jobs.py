"""Background jobs of the reports app: the semi-annual summary (xlsx or docx) of a council.

A province's (or the nation's) summary takes too long for a request; the summary page offers to
make it in the background, and the file is then downloaded from the jobs page.
"""
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.jobs import JobFailed, JobKind, job_kind, output_path
from apps.core.models import Council, ReportingPeriod
from apps.core.replica import reading_from_replica
from apps.core.scoping import may_read_reports

FORMATS = {"xlsx": "bảng tổng hợp (xlsx)", "docx": "báo cáo (docx)"}


def _summary_access(user):
    if not may_read_reports(user):
        raise PermissionDenied


@job_kind("summary_export", label="Báo cáo 6 tháng")
class SummaryExport(JobKind):
    @staticmethod
    def prepare(user, data):
        _summary_access(user)
        fmt = str(data.get("format", "")).strip().lower()
        if fmt not in FORMATS:
            raise JobFailed(f"Định dạng «{fmt}» không hỗ trợ; chọn xlsx hoặc docx.")
        raw = str(data.get("council", "")).strip()
        council = Council.objects.for_user(user).filter(pk=raw).first() if raw.isdigit() else None
        if council is None:
            raise JobFailed("Chưa chọn HĐND trong phạm vi của bạn.")
        try:
            period = ReportingPeriod.objects.from_code(data.get("period", ""))
        except ValueError as exc:
            raise JobFailed(str(exc)) from None
        if not Council.objects.filter(pk=council.pk).overlapping(period.start_date, period.end_date).exists():
            raise JobFailed(_("%(council)s không tồn tại trong %(period)s; hãy chọn kỳ khác.") % {
                "council": council.name, "period": period.wording})
        with translation.override("vi"):  # kept with the job: in Vietnamese, like the file it names
            title = f"Báo cáo {period} – {council.name}: {FORMATS[fmt]}"
        return council, title, {"council": council.pk, "period": period.code, "format": fmt}

    @staticmethod
    def run(job, progress, workdir):
        from .summary import build_summary

        council = Council.objects.select_related("admin_unit").get(pk=job.params["council"])
        period = ReportingPeriod.objects.from_code(job.params["period"])
        fmt = job.params["format"]
        if fmt == "xlsx":
            from .summary.xlsx import summary_xlsx as render
        else:
            from .summary.docx import summary_docx as render
        # Figures from the replica when there is one: a report bears seconds of lag, the clerks' pages not.
        # An official document: Vietnamese whatever the language of the clerk who asked for it.
        with reading_from_replica(), translation.override("vi"):
            progress(10, "Đang tổng hợp số liệu")
            summary = build_summary(council, period)
            progress(50, "Đang tạo tệp")
            data = render(summary)
        filename = f"bao-cao-6-thang-{summary.council_code}-{period.code}.{fmt}"
        path = output_path(workdir, filename)
        with open(path, "wb") as handle:
            handle.write(data)
        return filename, path

    @staticmethod
    def may_download(user, job):
        return may_read_reports(user)


from . import confirm_job  # noqa: E402,F401  (registers the ward upload confirm job)

"""Confirming a large ward upload as a background job.

Above ``WARD_CONFIRM_IN_REQUEST_MAX_ROWS`` KienNghi and DonThu rows (the preview counts them), «Xác
nhận» queues this job instead of writing in the request; the clerk follows it on «Công việc nền».

- The previewed files stay where the preview stored them (``apps.reports.preview``); the job names
  them and removes them once every file has been dealt with.
- Each workbook is written by ``WardReportImporter`` as in the request: all of it in one transaction
  or nothing, so a worker killed in the middle leaves no half-written workbook.
- Re-running is safe: a workbook already written is the ward's current report with the same
  checksum, which the importer recognises and leaves as it is («không thay đổi»), so no row is
  written twice. If the files were already removed by a run that then died, the checksums kept in
  the job tell which workbooks were written.
- Scoped like the upload: the user needs the upload permission when the job is started and when it
  runs, and each workbook is checked against the user's councils by the importer.
"""
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from openpyxl import Workbook

from apps.core.jobs import JobFailed, JobKind, job_kind, output_path
from apps.core.scoping import home_council
from apps.core.spreadsheet import write_table_streaming

from .choices import AttemptOutcome, ReportStatus
from .models import WardReport
from .preview import TMP_DIR, stored_bytes

PERMISSION = "reports.add_wardreport"
OUTCOME_TEXT = {
    AttemptOutcome.IMPORTED: "Đã nhập", AttemptOutcome.REPLACED: "Đã nhập (thay báo cáo trước)",
    AttemptOutcome.UNCHANGED: "Không thay đổi (đã nhập trước đó)",
    AttemptOutcome.NEEDS_CONFIRM: "Chưa nhập: đã có báo cáo khác của xã, phường này (chưa chọn thay thế)",
    AttemptOutcome.REFUSED: "Không nhập",
}


def in_request_limit():
    return int(getattr(settings, "WARD_CONFIRM_IN_REQUEST_MAX_ROWS", 2000))


def sha256_of(stored):
    data = stored_bytes(stored)
    return hashlib.sha256(data).hexdigest() if data is not None else ""


@job_kind("ward_upload_confirm", label="Nhập báo cáo của xã, phường")
class WardUploadConfirm(JobKind):
    @staticmethod
    def prepare(user, data):
        if user is None or not user.has_perm(PERMISSION):
            raise PermissionDenied
        files = []
        for stored, name in data.get("files") or ():
            if stored is not None and (not str(stored).startswith(f"{TMP_DIR}/") or ".." in str(stored)):
                raise JobFailed("Tệp tạm không hợp lệ; hãy tải các tệp lên lại.")
            files.append([stored, str(name), sha256_of(stored) if stored else ""])
        if not files:
            raise JobFailed("Không có tệp nào để nhập.")
        replace = sorted({int(i) for i in data.get("replace") or () if str(i).isdigit()})
        rows = int(data.get("rows") or 0)
        title = f"Nhập {len(files)} tệp báo cáo của xã, phường ({rows:,} dòng kiến nghị, đơn thư)".replace(",", ".")
        return home_council(user), title, {"files": files, "replace": replace, "rows": rows}

    @staticmethod
    def run(job, progress, workdir):
        from .importer import WardReportImporter
        from .results import FileResult

        user = job.user
        if user is None or not user.is_active or not user.has_perm(PERMISSION):
            raise JobFailed("Tài khoản không còn quyền nhập báo cáo của xã, phường.")
        files = job.params.get("files") or []
        replace = set(job.params.get("replace") or ())
        lines = []
        for index, (stored, name, sha) in enumerate(files):
            progress(100 * index // max(1, len(files)), f"Đang nhập tệp {name}")
            data = stored_bytes(stored)
            if data is None:
                written = sha and WardReport.objects.filter(sha256=sha, status=ReportStatus.CURRENT).exists()
                result = FileResult(filename=name, outcome=AttemptOutcome.UNCHANGED if written else
                                    AttemptOutcome.REFUSED, errors=[] if written else [
                                        f"Tệp {name}: không còn tệp tạm để nhập (đã quá hạn hoặc đã bị xóa). "
                                        "Hãy tải lên lại."])
            else:
                result = WardReportImporter(user, replace=index in replace, source="admin").run(data, name)
            lines.append(result)
        # Only when every workbook has been dealt with: a run that dies before keeps its files for the next.
        for stored, _name, _sha in files:
            if stored and default_storage.exists(stored):
                default_storage.delete(stored)
        if lines and all(result.errors for result in lines):
            raise JobFailed(" ".join(str(error) for result in lines for error in result.errors[:3])[:2000])
        return _result_workbook(job, lines, workdir)


def _result_workbook(job, results, workdir):
    rows = []
    for result in results:
        text = OUTCOME_TEXT.get(result.outcome, "Không nhập" if result.errors else result.outcome)
        detail = "\n".join(str(error) for error in result.errors) if result.errors else result.summary()
        rows.append([result.filename, result.ward_label, str(result.period or "—"), text, detail])
    workbook = Workbook(write_only=True)
    write_table_streaming(workbook, "KetQua", ["Tệp", "Xã, phường", "Kỳ báo cáo", "Kết quả", "Chi tiết"], rows,
                          widths=[30, 35, 15, 30, 80])
    filename = f"ket-qua-nhap-bao-cao-{job.pk}.xlsx"
    path = output_path(workdir, filename)
    workbook.save(path)
    return filename, path

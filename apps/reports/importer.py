"""Import ward report workbooks: read (``workbook``), check against the rules (``workbook.rules``),
validate against the database (``validation``), write (here and ``sheet_rows``, through the registers'
services and ``apps.core.bulk``).

One workbook is all-or-nothing: every problem is collected first (file, sheet,
cell or row, column, in Vietnamese), and only a workbook without any problem is
written, in one transaction, together with its KienNghi and DonThu rows.

Used by the admin upload (preview, then confirm), the ``import_ward_reports``
command and the bench; all three go through ``WardReportImporter``.
"""
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core.bulk import create_with_history

from .choices import AttemptOutcome, ReportStatus
from .models import ImportAttempt, WardReport, WardReportValue
from .results import FileResult  # noqa: F401  (the result type callers receive)
from .sheet_rows import create_letters, create_petitions
from .validation import WardReportChecker


class WardReportImporter(WardReportChecker):
    """Validate and import ward workbooks for ``user`` (None = the system, e.g. the command).

    ``replace``: a different file for a ward and period that already has a report
    replaces it (the previous report, its file and values are kept, marked replaced).
    ``dry_run``: validate only, write nothing.
    """

    def __init__(self, user=None, *, replace=False, dry_run=False, source="admin"):
        super().__init__(user, replace=replace)
        self.dry_run = dry_run
        self.source = source

    def run(self, data, filename):
        """Validate, then (unless dry run) write; log the attempt. Never raises for a bad file."""
        result = self.check(data, filename)
        if self.dry_run:
            if result.outcome == "":
                result.outcome = AttemptOutcome.CHECKED
            return result
        if result.outcome == "":
            try:
                # What is written (a petition's source "Báo cáo 6 tháng đầu năm 2022 của …", history) is
                # Vietnamese whatever language the uploading clerk reads the pages in.
                with translation.override("vi"):
                    self._write(result, data)
            except IntegrityError:
                result.errors.append(format_lazy(
                    _("Tệp {file}: một người khác vừa nhập báo cáo của {ward} kỳ {period}. Hãy tải tệp lên lại "
                      "để xem thay đổi rồi xác nhận."), file=result.filename, ward=result.ward_label,
                    period=result.period))
                result.outcome = AttemptOutcome.REFUSED
        self._log(result)
        return result

    # -- writing ---------------------------------------------------------------
    def _write(self, result, data):
        stored = None
        try:
            with transaction.atomic():
                previous = (
                    WardReport.objects.select_for_update()
                    .filter(council=result.council, period=result.period, status=ReportStatus.CURRENT).first()
                )
                if previous is not None and previous.sha256 == result.sha256:
                    result.outcome, result.previous = AttemptOutcome.UNCHANGED, previous
                    return
                if previous is not None and not self.replace:
                    result.previous = previous
                    result.outcome = AttemptOutcome.NEEDS_CONFIRM
                    return
                now = timezone.now()
                if previous is not None:
                    previous.status = ReportStatus.REPLACED
                    previous.updated_by = self.user
                    previous.save()
                report = WardReport(
                    council=result.council, period=result.period, original_filename=result.filename,
                    sha256=result.sha256, uploaded_by=self.user, uploaded_at=now,
                    created_by=self.user, updated_by=self.user,
                )
                report.source_file.save(result.filename, ContentFile(data), save=False)
                stored = report.source_file.name
                report.save()
                if previous is not None:
                    previous.replaced_by = report
                    previous.save(update_fields=["replaced_by"])
                create_with_history(
                    [WardReportValue(report=report, council=result.council, indicator_code=code, value=value,
                                     created_by=self.user, updated_by=self.user)
                     for code, value in result.values.items()],
                    self.user,
                )
                petition_ids = create_petitions(self, result, previous)
                letter_ids = create_letters(self, result, previous)
                if petition_ids or letter_ids:
                    WardReport.objects.filter(pk=report.pk).update(petition_ids=petition_ids, letter_ids=letter_ids)
                    report.petition_ids, report.letter_ids = petition_ids, letter_ids
                result.report = report
                result.previous = previous
                result.outcome = AttemptOutcome.REPLACED if previous else AttemptOutcome.IMPORTED
        except BaseException:
            if stored:
                default_storage.delete(stored)
            raise

    def _log(self, result):
        # The log is kept in Vietnamese whatever language the uploading clerk reads the pages in.
        with translation.override(settings.LANGUAGE_CODE):
            lines = [str(line) for line in
                     result.errors or (result.notes + [c.line() for c in result.corrections]) or [result.summary()]]
        ImportAttempt.objects.create(
            filename=result.filename[:255], sha256=result.sha256, user=self.user, council=result.council,
            period=result.period, report=result.report, source=self.source, outcome=result.outcome,
            messages="\n".join(lines),
        )


def import_files(files, user=None, *, replace=False, dry_run=False, source="admin"):
    """[(filename, bytes)] -> [FileResult]; each file in its own transaction."""
    importer = WardReportImporter(user, replace=replace, dry_run=dry_run, source=source)
    return [importer.run(data, name) for name, data in files]

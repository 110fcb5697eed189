"""Import ward report workbooks: read (workbook.py), validate against the database, write.

One workbook is all-or-nothing: every problem is collected first (file, sheet,
cell or row, column, in Vietnamese), and only a workbook without any problem is
written, in one transaction, together with its KienNghi and DonThu rows.

Used by the admin upload (preview, then confirm), the ``import_ward_reports``
command and the bench; all three go through ``WardReportImporter``.
"""
import datetime
import io
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from apps.core.choices import CouncilLevel, Role
from apps.core import periods
from apps.core.models import Council, RegisterCounter, ReportingPeriod
from apps.core.scoping import home_council, role_of, visible_council_ids

from . import workbook
from .choices import AttemptOutcome, ReportStatus
from .models import ConsistencyRule, ImportAttempt, Indicator, WardReport, WardReportValue

BATCH_SIZE = 500


@dataclass
class Change:
    code: str
    name: str
    old: object
    new: object


@dataclass
class FileResult:
    """What happened (or would happen) to one workbook."""

    filename: str
    sha256: str = ""
    council: Council | None = None
    period: ReportingPeriod | None = None
    values: dict = field(default_factory=dict)
    indicators: list = field(default_factory=list)  # Indicator rows in force for the period
    errors: list = field(default_factory=list)  # Vietnamese lines, each naming the file
    outcome: str = ""
    previous: WardReport | None = None
    previous_values: dict = field(default_factory=dict)
    report: WardReport | None = None
    petitions: list = field(default_factory=list)  # rows read from KienNghi
    letters: list = field(default_factory=list)  # rows read from DonThu
    petitions_created: int = 0
    letters_created: int = 0
    notes: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors and self.outcome != AttemptOutcome.NEEDS_CONFIRM

    @property
    def needs_confirm(self):
        return not self.errors and self.outcome == AttemptOutcome.NEEDS_CONFIRM

    @property
    def changes(self):
        """Indicator values that differ from the current report (empty when there is none)."""
        if self.previous is None:
            return []
        return [
            Change(ind.code, ind.name, self.previous_values.get(ind.code), self.values.get(ind.code))
            for ind in self.indicators
            if self.previous_values.get(ind.code) != self.values.get(ind.code)
        ]

    @property
    def rows(self):
        """(indicator, value, previous value) for the preview table."""
        return [(ind, self.values.get(ind.code), self.previous_values.get(ind.code)) for ind in self.indicators]

    @property
    def ward_label(self):
        return f"{self.council.name} ({self.council.code})" if self.council else "—"

    def summary(self):
        """One Vietnamese sentence for the command output and the result page."""
        head = f"Tệp {self.filename}: {self.ward_label}, {self.period or '—'}"
        if self.errors:
            return f"Tệp {self.filename}: không nhập, có {len(self.errors)} lỗi."
        reported = sum(1 for v in self.values.values() if v is not None)
        figures = f"{reported}/{len(self.indicators)} chỉ tiêu có số liệu"
        extra = ""
        if self.petitions or self.letters:
            extra = f", {len(self.petitions)} kiến nghị cử tri, {len(self.letters)} đơn thư"
        if self.outcome == AttemptOutcome.UNCHANGED:
            return f"{head} — đã nhập trước đó, không thay đổi (tệp giống hệt)."
        if self.outcome == AttemptOutcome.NEEDS_CONFIRM:
            return f"{head} — đã có báo cáo, cần xác nhận thay thế ({len(self.changes)} chỉ tiêu thay đổi)."
        if self.outcome == AttemptOutcome.CHECKED:
            verb = "sẽ thay thế báo cáo trước" if self.previous else "hợp lệ, sẽ nhập"
            return f"{head} — {verb}: {figures}{extra} (chạy thử, chưa ghi)."
        created = ""
        if self.petitions or self.letters:
            created = f", {self.petitions_created} kiến nghị cử tri, {self.letters_created} đơn thư"
        verb = "đã nhập, thay thế báo cáo trước" if self.outcome == AttemptOutcome.REPLACED else "đã nhập"
        return f"{head} — {verb}: {figures}{created}."


class WardReportImporter:
    """Validate and import ward workbooks for ``user`` (None = the system, e.g. the command).

    ``replace``: a different file for a ward and period that already has a report
    replaces it (the previous report, its file and values are kept, marked replaced).
    ``dry_run``: validate only, write nothing.
    """

    def __init__(self, user=None, *, replace=False, dry_run=False, source="admin"):
        self.user = user
        self.replace = replace
        self.dry_run = dry_run
        self.source = source
        self._lookups = {}

    # -- public ------------------------------------------------------------
    def check(self, data, filename):
        """Read and validate, writing nothing."""
        parsed = workbook.read_ward_workbook(data, filename, known_codes=None, rules=[])
        result = FileResult(filename=parsed.filename, sha256=parsed.sha256)
        errors = list(parsed.errors)
        period = self._period(parsed, errors)
        on = period.end_date if period else timezone.localdate()
        indicators = list(Indicator.objects.in_force(on).order_by("order", "code"))
        codes = {ind.code for ind in indicators}
        if set(parsed.values) - codes:
            # Some codes are not in this period's form: read again with the codes, so that the
            # reader names each offending cell (rare, only on the failure path).
            parsed = workbook.read_ward_workbook(data, filename, known_codes=codes, rules=[])
            errors = list(parsed.errors)
        rules = [(r.left, r.operator, r.right) for r in ConsistencyRule.objects.in_force(on)]
        errors.extend(workbook.check_consistency(parsed.values, parsed.value_cells, rules))
        council = self._ward(parsed, period, errors) if period and parsed.unit_code else None
        if parsed.unit_code and period is None:
            # Which ward a reused code means depends on the period, but an unknown code is
            # unknown in every period: say so now, so that the clerk sees every error at once.
            self._unit_known(parsed, errors)

        result.period, result.council, result.indicators = period, council, indicators
        result.values = {ind.code: parsed.values.get(ind.code) for ind in indicators}
        result.petitions, result.letters = parsed.petitions, parsed.letters
        self._check_sheets(result, errors)
        result.errors = [workbook.format_error(parsed.filename, e) for e in errors]
        if result.errors:
            result.outcome = AttemptOutcome.REFUSED
            return result
        self._compare_with_current(result)
        return result

    def run(self, data, filename):
        """Validate, then (unless dry run) write; log the attempt. Never raises for a bad file."""
        result = self.check(data, filename)
        if self.dry_run:
            if result.outcome == "":
                result.outcome = AttemptOutcome.CHECKED
            return result
        if result.outcome == "":
            try:
                self._write(result, data)
            except IntegrityError:
                result.errors.append(
                    f"Tệp {result.filename}: một người khác vừa nhập báo cáo của {result.ward_label} "
                    f"kỳ {result.period}. Hãy tải tệp lên lại để xem thay đổi rồi xác nhận."
                )
                result.outcome = AttemptOutcome.REFUSED
        self._log(result)
        return result

    # -- validation against the database ---------------------------------------
    def _period(self, parsed, errors):
        if not parsed.period_code:
            return None
        try:
            year, kind = periods.parse_code(parsed.period_code)
            return ReportingPeriod.objects.get(year=year, kind=kind)
        except (ValueError, ReportingPeriod.DoesNotExist):
            errors.append(workbook.CellError(
                workbook.SHEET_VALUES, parsed.period_cell, None, workbook.PERIOD_LABEL,
                f"kỳ báo cáo {parsed.period_code} chưa có trong danh mục kỳ báo cáo của hệ thống. "
                "Hãy kiểm tra lại năm, hoặc báo quản trị hệ thống thêm kỳ này.",
            ))
            return None

    @staticmethod
    def _councils_with_code(code):
        """(code, councils with that code in any period). A code typed with extra leading zeros
        ("00194" for the city) still finds its council."""
        same_code = Council.objects.with_code(code, on=False).select_related("admin_unit")
        if code.startswith("0") and not same_code.exists():
            shorter = Council.objects.with_code(code.lstrip("0"), on=False).select_related("admin_unit")
            if shorter.exists():
                return code.lstrip("0"), shorter
        return code, same_code

    def _unit_known(self, parsed, errors):
        code, same_code = self._councils_with_code(parsed.unit_code)
        if not same_code.exists():
            errors.append(workbook.CellError(
                workbook.SHEET_VALUES, parsed.unit_code_cell, None, workbook.UNIT_LABEL,
                f"mã đơn vị {code} không có trong danh mục đơn vị hành chính. "
                "Hãy ghi đúng mã 5 chữ số của xã, phường (ví dụ 06709).",
            ))

    def _ward(self, parsed, period, errors):
        """The ward council with this code during ``period`` that this user may report for."""
        code = parsed.unit_code

        def refuse(message):
            errors.append(workbook.CellError(
                workbook.SHEET_VALUES, parsed.unit_code_cell, None, workbook.UNIT_LABEL, message))

        code, same_code = self._councils_with_code(code)
        candidates = list(same_code.overlapping(period.start_date, period.end_date))
        if not candidates:
            if same_code.exists():
                refuse(f"đơn vị có mã {code} không tồn tại trong kỳ {period} "
                       f"({period.start_date:%d/%m/%Y}–{period.end_date:%d/%m/%Y}). "
                       "Hãy kiểm tra lại mã đơn vị và kỳ báo cáo.")
            else:
                refuse(f"mã đơn vị {code} không có trong danh mục đơn vị hành chính. "
                       "Hãy ghi đúng mã 5 chữ số của xã, phường (ví dụ 06709).")
            return None
        wards = [c for c in candidates if c.level == CouncilLevel.COMMUNE and c.parent_id]
        if not wards:
            names = ", ".join(c.name for c in candidates)
            refuse(f"mã đơn vị {code} là của {names}, không phải HĐND xã, phường có HĐND cấp trên "
                   f"trong kỳ {period}. Hãy ghi mã của xã, phường báo cáo.")
            return None
        allowed = self._in_scope(wards)
        if not allowed:
            home = home_council(self.user)
            names = ", ".join(f"{w.name} ({w.code})" for w in wards)
            if role_of(self.user) == Role.WARD:
                refuse(f"tệp là báo cáo của {names}; tài khoản của bạn chỉ được tải lên báo cáo của "
                       f"{home.name if home else 'đơn vị mình'}.")
            else:
                refuse(f"{names} không phải là xã, phường thuộc "
                       f"{home.name if home else 'đơn vị của bạn'} trong kỳ {period}.")
            return None
        if len(allowed) > 1:
            names = "; ".join(
                f"{w.name} (hiệu lực {w.valid_from or '…'}–{w.valid_to or 'nay'})" for w in allowed)
            refuse(f"mã đơn vị {code} ứng với nhiều đơn vị trong kỳ {period}: {names}. "
                   "Không xác định được đơn vị báo cáo; hãy báo quản trị hệ thống.")
            return None
        return allowed[0]

    def _in_scope(self, wards):
        if self.user is None:
            return wards
        ids = visible_council_ids(self.user)
        if ids is None:
            return wards
        home = home_council(self.user)
        if role_of(self.user) == Role.WARD:
            return [w for w in wards if home and w.pk == home.pk]
        if role_of(self.user) == Role.SECRETARIAT:
            return [w for w in wards if w.pk in ids and (home is None or w.pk != home.pk)]
        return []  # leaders read, they do not upload

    def _check_sheets(self, result, errors):
        """Resolve the KienNghi / DonThu rows' lookups; unknown names are cell errors."""
        if result.petitions:
            errors.extend(check_petitions(self, result))
        if result.letters:
            errors.extend(check_letters(self, result))

    def _compare_with_current(self, result):
        previous = (
            WardReport.objects.filter(council=result.council, period=result.period, status=ReportStatus.CURRENT)
            .select_related("uploaded_by").first()
        )
        if previous is None:
            return
        result.previous = previous
        if previous.sha256 == result.sha256:
            result.outcome = AttemptOutcome.UNCHANGED
            return
        result.previous_values = dict(previous.values.values_list("indicator_code", "value"))
        if not self.replace:
            result.outcome = AttemptOutcome.NEEDS_CONFIRM
            result.notes.append(
                f"{result.ward_label} đã có báo cáo kỳ {result.period} (tệp {previous.original_filename}, "
                f"tải lên {timezone.localtime(previous.uploaded_at):%d/%m/%Y %H:%M}). "
                "Tệp mới chỉ được nhập khi xác nhận thay thế (lệnh: --replace); báo cáo cũ vẫn được lưu."
            )

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
                    WardReportValue, self.user,
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
        lines = result.errors or result.notes or [result.summary()]
        ImportAttempt.objects.create(
            filename=result.filename[:255], sha256=result.sha256, user=self.user, council=result.council,
            period=result.period, report=result.report, source=self.source, outcome=result.outcome,
            messages="\n".join(lines),
        )

    # -- lookups shared by the sheet importers (one query per model per importer) ---
    def lookup(self, key, loader):
        if key not in self._lookups:
            self._lookups[key] = loader()
        return self._lookups[key]


def import_files(files, user=None, *, replace=False, dry_run=False, source="admin"):
    """[(filename, bytes)] -> [FileResult]; each file in its own transaction."""
    importer = WardReportImporter(user, replace=replace, dry_run=dry_run, source=source)
    return [importer.run(data, name) for name, data in files]



# ---------------------------------------------------------------------------
# The optional sheets: KienNghi -> petitions.Petition, DonThu -> reception.Letter
# ---------------------------------------------------------------------------
# Those apps are imported lazily: reports depends on them, never the other way round,
# and the values sheet alone must keep working if one of them is not installed.

def _key(text):
    """Match names as a clerk types them: NFC, case and spacing ignored."""
    return " ".join(str(text or "").casefold().split())


def _choice_map(choices, extra=None):
    mapping = {_key(label): value for value, label in choices.choices}
    mapping.update({_key(k): v for k, v in (extra or {}).items()})
    return mapping


def _fields(importer):
    from apps.core.models import Field

    def load():
        mapping = {}
        for pk, code, name in Field.objects.values_list("pk", "code", "name"):
            mapping[_key(name)] = pk
            mapping[_key(code)] = pk
        return mapping

    return importer.lookup("fields", load)


def _agencies(importer):
    from apps.core.models import Agency

    def load():
        mapping = {}
        for pk, name, short, level in Agency.objects.filter(active=True).values_list("pk", "name", "short_name", "level"):
            mapping[_key(name)] = (pk, level)
            if short:
                mapping.setdefault(("short", _key(short)), []).append((pk, level))
        return mapping

    return importer.lookup("agencies", load)


def _agency(importer, text):
    """(pk, level) for a name, or a short name only if it names one agency; else None."""
    if not text:
        return None
    agencies = _agencies(importer)
    found = agencies.get(_key(text))
    if found:
        return found
    shorts = agencies.get(("short", _key(text)), [])
    return shorts[0] if len(shorts) == 1 else None


def _deadline_kwargs(importer, start, end):
    """Rules and holiday calendar loaded once, so per-row due dates cost no query."""
    from apps.core.deadlines import WorkCalendar
    from apps.core.models import DeadlineRule

    rules = importer.lookup("deadline_rules", lambda: list(DeadlineRule.objects.all()))
    key = ("calendar", start, end)
    calendar = importer.lookup(key, lambda: WorkCalendar.load(start, end + datetime.timedelta(days=400)))
    return {"rules": rules, "calendar": calendar}


def _date_span(dates, period):
    dates = [d for d in dates if d] + [period.start_date, period.end_date]
    return min(dates), max(dates)


def _err(sheet, row, column, message):
    return workbook.CellError(sheet, None, row, column, message)


def _extra_note(note, labelled):
    extra = "; ".join(f"{label} (ghi trong tệp): {text}" for label, text in labelled if text)
    return "\n".join(part for part in (note or "", extra) if part)


def check_petitions(importer, result):
    from apps.petitions.choices import CompetenceLevel, PetitionStatus

    sheet, cols = workbook.SHEET_PETITIONS, workbook.PETITIONS.columns
    statuses = _choice_map(PetitionStatus, {
        "Đã giải trình": PetitionStatus.EXPLAINED, "Đã cung cấp thông tin": PetitionStatus.EXPLAINED,
        "Đã giải trình, cung cấp thông tin": PetitionStatus.EXPLAINED,
    })
    levels = set(CompetenceLevel.values)
    fields = _fields(importer)
    today = timezone.localdate()
    errors = []
    for row in result.petitions:
        number = row["row"]
        status = PetitionStatus.UNRESOLVED
        if row.get("status"):
            status = statuses.get(_key(row["status"]))
            if status is None:
                allowed = ", ".join(f"«{label}»" for label in PetitionStatus.labels)
                errors.append(_err(sheet, number, cols["status"],
                                   f"tình trạng «{row['status']}» không hợp lệ. Hãy ghi một trong: {allowed}."))
        elif row.get("answer_date"):
            status = PetitionStatus.RESOLVED
        forwarded, answered = row.get("forwarded_date"), row.get("answer_date")
        if answered and forwarded and answered < forwarded:
            errors.append(_err(sheet, number, cols["answer_date"],
                               f"ngày trả lời {answered:%d/%m/%Y} trước ngày chuyển {forwarded:%d/%m/%Y}. "
                               "Hãy kiểm tra lại hai ngày này."))
        for key in ("forwarded_date", "answer_date"):
            if row.get(key) and row[key] > today:
                errors.append(_err(sheet, number, cols[key],
                                   f"ngày {row[key]:%d/%m/%Y} ở sau ngày hôm nay. Hãy kiểm tra lại năm."))
        agency = _agency(importer, row.get("agency"))
        row["_status"] = status
        row["_field_id"] = fields.get(_key(row.get("field"))) if row.get("field") else None
        row["_agency_id"] = agency[0] if agency else None
        row["_level"] = agency[1] if agency and agency[1] in levels else CompetenceLevel.COMMUNE
        row["_unmatched"] = [
            (cols["field"], row.get("field") if row.get("field") and not row["_field_id"] else None),
            (cols["agency"], row.get("agency") if row.get("agency") and not agency else None),
        ]
    unmatched = sum(1 for row in result.petitions if any(text for _l, text in row["_unmatched"]))
    if unmatched:
        result.notes.append(
            f"{unmatched} kiến nghị có lĩnh vực hoặc cơ quan giải quyết không có trong danh mục: "
            "nội dung được ghi vào phần ghi chú của kiến nghị để chuyên viên chọn lại."
        )
    return errors


def check_letters(importer, result):
    from apps.reception.choices import LetterContentType, LetterHandling, LetterStatus

    sheet, cols = workbook.SHEET_LETTERS, workbook.LETTERS.columns
    kinds = _choice_map(LetterContentType, {
        "Đơn khiếu nại": LetterContentType.COMPLAINT, "Đơn tố cáo": LetterContentType.DENUNCIATION,
        "Đơn kiến nghị": LetterContentType.PETITION, "Đơn phản ánh": LetterContentType.FEEDBACK,
        "Kiến nghị, phản ánh": LetterContentType.PETITION, "Đơn kiến nghị, phản ánh": LetterContentType.PETITION,
    })
    handlings = _choice_map(LetterHandling)
    statuses = _choice_map(LetterStatus)
    today = timezone.localdate()
    errors = []
    for row in result.letters:
        number = row["row"]
        if not row.get("received_date"):
            errors.append(_err(sheet, number, cols["received_date"],
                               "thiếu ngày nhận đơn. Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2022."))
        elif row["received_date"] > today:
            errors.append(_err(sheet, number, cols["received_date"],
                               f"ngày nhận {row['received_date']:%d/%m/%Y} ở sau ngày hôm nay. Hãy kiểm tra lại năm."))
        row["_kind"] = kinds.get(_key(row.get("letter_type")))
        if row["_kind"] is None:
            allowed = ", ".join(f"«{label}»" for label in LetterContentType.labels)
            what = f"loại đơn «{row['letter_type']}» không hợp lệ" if row.get("letter_type") else "thiếu loại đơn"
            errors.append(_err(sheet, number, cols["letter_type"], f"{what}. Hãy ghi một trong: {allowed}."))
        row["_handling"] = ""
        if row.get("handling"):
            row["_handling"] = handlings.get(_key(row["handling"]))
            if row["_handling"] is None:
                allowed = ", ".join(f"«{label}»" for label in LetterHandling.labels)
                errors.append(_err(sheet, number, cols["handling"],
                                   f"hướng xử lý «{row['handling']}» không hợp lệ. Hãy ghi một trong: {allowed}."))
        row["_status"] = LetterStatus.NEW
        if row.get("status"):
            row["_status"] = statuses.get(_key(row["status"]))
            if row["_status"] is None:
                allowed = ", ".join(f"«{label}»" for label in LetterStatus.labels)
                errors.append(_err(sheet, number, cols["status"],
                                   f"tình trạng «{row['status']}» không hợp lệ. Hãy ghi một trong: {allowed}."))
        agency = _agency(importer, row.get("forwarded_agency"))
        row["_agency_id"] = agency[0] if agency else None
        row["_unmatched"] = [(cols["forwarded_agency"],
                              row.get("forwarded_agency") if row.get("forwarded_agency") and not agency else None)]
    unmatched = sum(1 for row in result.letters if row["_unmatched"][0][1])
    if unmatched:
        result.notes.append(
            f"{unmatched} đơn có cơ quan nhận chuyển không có trong danh mục: tên cơ quan được ghi vào "
            "phần ghi chú của đơn để chuyên viên chọn lại."
        )
    return errors


def allocate_numbers(council_id, register, year, count):
    """``count`` consecutive register numbers in one locked step."""
    from apps.core.numbering import next_numbers

    return list(next_numbers(council_id, register, year, count))


def _previous_contents(model, ids):
    """Contents already imported by the report being replaced (re-sent rows are not duplicated)."""
    if not ids:
        return set()
    return {_key(text) for text in model.objects.filter(pk__in=ids).values_list("content", flat=True)}


def create_petitions(importer, result, previous):
    if not result.petitions:
        return []
    from apps.petitions.models import CODE_PREFIX, Petition

    from apps.core.text import normalise_model_text

    ward, period, user = result.council, result.period, importer.user
    seen = _previous_contents(Petition, previous.petition_ids if previous else [])
    rows = [row for row in result.petitions if _key(row["content"]) not in seen]
    skipped = len(result.petitions) - len(rows)
    if skipped:
        result.notes.append(f"{skipped} kiến nghị đã có từ báo cáo trước, không nhập lại.")
    source = f"Báo cáo {period} của {ward.name} (tệp {result.filename})"
    deadline = _deadline_kwargs(importer, *_date_span([r.get("forwarded_date") for r in rows], period))
    due_dates = {}
    objs = []
    for row in rows:
        forwarded = row.get("forwarded_date")
        received = forwarded if forwarded and forwarded <= period.end_date else period.end_date
        petition = Petition(
            council=ward, source=source, received_date=received, content=row["content"],
            field_id=row["_field_id"], competence_level=row["_level"], agency_id=row["_agency_id"],
            forwarded_date=forwarded, answered_date=row.get("answer_date"), status=row["_status"],
            note=_extra_note(row.get("note"), row["_unmatched"]), created_by=user, updated_by=user,
        )
        due_key = (petition.answer_rule, forwarded)
        if due_key not in due_dates:  # rows share a handful of forwarding dates: compute each once
            petition.compute_deadlines(**deadline)
            due_dates[due_key] = petition.answer_due
        petition.answer_due = due_dates[due_key]
        normalise_model_text(petition)
        objs.append(petition)
    by_year = {}
    for petition in objs:
        by_year.setdefault(petition.received_date.year, []).append(petition)
    for year, group in by_year.items():
        for petition, number in zip(group, allocate_numbers(ward.pk, RegisterCounter.Register.PETITION, year,
                                                            len(group))):
            petition.code = f"{CODE_PREFIX}-{year}-{number:04d}"
    created = create_with_history(objs, Petition, user)
    result.petitions_created = len(created)
    return sorted([p.pk for p in created] + (previous.petition_ids if previous else []))


def create_letters(importer, result, previous):
    if not result.letters:
        return []
    from apps.reception.choices import LetterStatus
    from apps.reception.models import Letter

    from apps.core.text import normalise_model_text

    ward, user = result.council, importer.user
    seen = _previous_contents(Letter, previous.letter_ids if previous else [])
    rows = [row for row in result.letters if _key(row["content"]) not in seen]
    skipped = len(result.letters) - len(rows)
    if skipped:
        result.notes.append(f"{skipped} đơn thư đã có từ báo cáo trước, không nhập lại.")
    deadline = _deadline_kwargs(importer, *_date_span([r.get("received_date") for r in rows], result.period))
    objs = []
    for row in rows:
        sender = row.get("sender") or ""
        anonymous = not sender or _key(sender) in {"nặc danh", "không rõ", "không ghi tên"}
        letter = Letter(
            council=ward, received_date=row["received_date"], sender_name="" if anonymous else sender,
            sender_address=row.get("address") or "", is_anonymous=anonymous, content_type=row["_kind"],
            content=row["content"], handling=row["_handling"], forwarded_agency_id=row["_agency_id"],
            status=row["_status"], note=_extra_note("", row["_unmatched"]), created_by=user, updated_by=user,
        )
        if letter.status == LetterStatus.NEW:
            letter.status = letter.derive_status()
        letter.register_year = letter.received_date.year
        letter.compute_deadlines(**deadline)
        normalise_model_text(letter)
        objs.append(letter)
    by_year = {}
    for letter in objs:
        by_year.setdefault(letter.register_year, []).append(letter)
    for year, group in by_year.items():
        for letter, number in zip(group, allocate_numbers(ward.pk, RegisterCounter.Register.LETTER, year,
                                                          len(group))):
            letter.register_number = number
    created = create_with_history(objs, Letter, user)
    result.letters_created = len(created)
    return sorted([x.pk for x in created] + (previous.letter_ids if previous else []))


# ---------------------------------------------------------------------------
# Writing rows with their history in batches
# ---------------------------------------------------------------------------
def create_with_history(objs, model, user):
    """Insert ``objs`` and their "+" history rows in batches; returns the objects, with pks.

    Django's bulk_create and simple_history's bulk_history_create prepare every value of
    every row through the field API and build a model instance per historical row; for a
    5,000-row sheet that was three quarters of the import. Here the values are taken from
    the instances (field defaults, NFC text and due dates already set) and sent with one
    statement per batch: multi-row INSERT … RETURNING on PostgreSQL (execute_values) and
    SQLite, the history rows likewise without RETURNING. Other databases use Django's path.
    """
    if not objs:
        return []
    history_model = model.history.model
    connection = transaction.get_connection(model.objects.db)
    now = timezone.now()
    if connection.vendor not in ("sqlite", "postgresql"):
        created = model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        history_model.objects.bulk_history_create(created, batch_size=BATCH_SIZE, default_user=user,
                                                  default_date=now)
        return created
    for model_field in model._meta.concrete_fields:  # what pre_save would do for auto_now fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, model_field.attname, now)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ids = _insert_rows(connection, model._meta, fields, [[f.attname for f in fields]], objs, returning=True)
    for obj, pk in zip(objs, ids):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, model.objects.db
    opts = history_model._meta
    tracked = [opts.get_field(f.name) for f in history_model.tracked_fields]
    extra = [opts.get_field(name) for name in ("history_date", "history_type", "history_user", "history_change_reason")]
    constants = {"history_date": now, "history_type": "+", "history_user_id": getattr(user, "pk", None),
                 "history_change_reason": None}
    _insert_rows(connection, opts, tracked + extra, [[f.attname for f in history_model.tracked_fields], constants],
                 objs, returning=False)
    return objs


# Values of these field types go to the driver as they are; others (dates, JSON…) through the field.
_PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


def _insert_rows(connection, opts, fields, sources, objs, returning):
    """INSERT the rows of ``objs`` into ``opts.db_table``; [pk, …] in order when ``returning``.

    ``sources`` = [attnames read from each obj (one per leading field), {attname: constant}].
    """
    attnames = sources[0]
    constants = sources[1] if len(sources) > 1 else {}
    prep = [None if isinstance(f, _PLAIN_FIELDS) else f for f in fields]
    constant_values = [
        f.get_db_prep_save(constants[f.attname], connection) if p is not None else constants[f.attname]
        for f, p in zip(fields[len(attnames):], prep[len(attnames):])
    ]
    leading = list(zip(attnames, prep[:len(attnames)]))
    rows = [
        [getattr(obj, a) if p is None else p.get_db_prep_save(getattr(obj, a), connection) for a, p in leading]
        + constant_values
        for obj in objs
    ]
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    suffix = f" RETURNING {quote(opts.pk.column)}" if returning else ""
    ids = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgres_insert(cursor, opts, fields, rows, returning)
        per_row = len(fields)
        size = max(1, min(BATCH_SIZE, connection.features.max_query_params // per_row))
        mark = "(" + ", ".join(["%s"] * per_row) + ")"
        for start in range(0, len(rows), size):
            batch = rows[start:start + size]
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {', '.join([mark] * len(batch))}{suffix}",
                           [value for row in batch for value in row])
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _postgres_insert(cursor, opts, fields, rows, returning):
    """COPY the rows (ids drawn from the table's sequence first when needed); execute_values as fallback."""
    quote = cursor.db.ops.quote_name
    ids = []
    if returning:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [opts.db_table, opts.pk.column, len(rows)])
        ids = [row[0] for row in cursor.fetchall()]
        fields = [opts.pk] + list(fields)
        rows = [[pk] + row for pk, row in zip(ids, rows)]
    names = ", ".join(quote(f.column) for f in fields)
    try:
        text = "".join("\t".join(_copy_text(v) for v in row) + "\n" for row in rows)
    except TypeError:  # a value COPY's text format is not written for here: let the driver adapt it
        from psycopg2.extras import execute_values

        execute_values(cursor.cursor, f"INSERT INTO {quote(opts.db_table)} ({names}) VALUES %s", rows,
                       page_size=BATCH_SIZE)
        return ids
    cursor.cursor.copy_expert(f"COPY {quote(opts.db_table)} ({names}) FROM STDIN", io.StringIO(text))
    return ids


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _copy_text(value):
    """One value in PostgreSQL COPY text format (most frequent types first)."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(type(value))

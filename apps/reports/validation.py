"""Validating a read workbook against the database: its period, its ward (a reused unit code
means the council of that period), the user's right to report for it, the list sheets' names,
and the report already on file for that ward and period. Nothing is written here.
"""
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core import periods, unitcodes
from apps.core.choices import CouncilLevel, Role
from apps.core.models import ReportingPeriod
from apps.core.lifetimes import outside_period
from apps.core.scoping import home_council, report_wards, role_of

from . import workbook
from .choices import AttemptOutcome, ReportStatus
from .list_sheets import check_letters, check_petitions
from .models import ConsistencyRule, Indicator, WardReport
from .results import FileResult

UNKNOWN_CODE = _("mã đơn vị {code} không có trong danh mục đơn vị hành chính. "
                 "Hãy ghi đúng mã 5 chữ số của xã, phường (ví dụ 06709).")


class WardReportChecker:
    """Validate ward workbooks for ``user`` (None = the system, e.g. the command); writes nothing.

    ``replace``: a different file for a ward and period that already has a report may replace it.
    """

    def __init__(self, user=None, *, replace=False):
        self.user = user
        self.replace = replace
        self._lookups = {}

    def check(self, data, filename):
        """Read and validate, writing nothing."""
        parsed = workbook.read_ward_workbook(data, filename)
        result = FileResult(filename=parsed.filename, sha256=parsed.sha256)
        errors = list(parsed.errors)
        period = self._period(parsed, errors)
        on = period.end_date if period else timezone.localdate()
        indicators = list(Indicator.objects.in_force(on).order_by("order", "code"))
        codes = {ind.code for ind in indicators}
        if set(parsed.values) - codes:
            # Some codes are not in this period's form (known only once the period is read):
            # name each offending cell, on what was read.
            workbook.restrict_to_codes(parsed, codes)
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
        result.petitions, result.letters, result.list_columns = parsed.petitions, parsed.letters, parsed.list_columns
        self._check_sheets(result, errors)
        result.errors = [workbook.format_error(parsed.filename, e) for e in errors]
        if result.errors:
            result.outcome = AttemptOutcome.REFUSED
            return result
        self._compare_with_current(result)
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
                format_lazy(_("kỳ báo cáo {period} chưa có trong danh mục kỳ báo cáo của hệ thống. "
                              "Hãy kiểm tra lại năm, hoặc báo quản trị hệ thống thêm kỳ này."), period=parsed.period_code),
            ))
            return None

    def _unit_known(self, parsed, errors):
        code, same_code = unitcodes.councils_with_code(parsed.unit_code)
        if not same_code.exists():
            errors.append(workbook.CellError(
                workbook.SHEET_VALUES, parsed.unit_code_cell, None, workbook.UNIT_LABEL,
                format_lazy(UNKNOWN_CODE, code=code),
            ))

    def _ward(self, parsed, period, errors):
        """The ward council with this code during ``period`` that this user may report for."""
        code = parsed.unit_code

        def refuse(message):
            errors.append(workbook.CellError(
                workbook.SHEET_VALUES, parsed.unit_code_cell, None, workbook.UNIT_LABEL, message))

        code, same_code = unitcodes.councils_with_code(code)
        candidates = unitcodes.overlapping(list(same_code), period.start_date, period.end_date)
        if not candidates:
            if same_code.exists():
                # The council's life (apps/core/lifetimes.py) says when each council of this code lived.
                lives = "; ".join(outside_period(c, period.start_date, period.end_date)
                                  for c in same_code.select_related("admin_unit"))
                refuse(format_lazy(_("đơn vị có mã {code} không tồn tại trong kỳ {period} ({start}–{end}): "
                                     "{lives}. Hãy kiểm tra lại mã đơn vị và kỳ báo cáo."),
                                   code=code, period=period, start=f"{period.start_date:%d/%m/%Y}",
                                   end=f"{period.end_date:%d/%m/%Y}", lives=lives))
            else:
                refuse(format_lazy(UNKNOWN_CODE, code=code))
            return None
        wards = [c for c in candidates if c.level == CouncilLevel.COMMUNE and c.parent_id]
        if not wards:
            names = ", ".join(c.name for c in candidates)
            refuse(format_lazy(_("mã đơn vị {code} là của {names}, không phải HĐND xã, phường có HĐND cấp trên "
                                 "trong kỳ {period}. Hãy ghi mã của xã, phường báo cáo."),
                               code=code, names=names, period=period))
            return None
        allowed = self._in_scope(wards, period)
        if not allowed:
            home = home_council(self.user)
            names = ", ".join(f"{w.name} ({w.code})" for w in wards)
            if role_of(self.user) == Role.WARD:
                refuse(format_lazy(_("tệp là báo cáo của {names}; tài khoản của bạn chỉ được tải lên báo cáo "
                                     "của {home}."), names=names, home=home.name if home else _("đơn vị mình")))
            else:
                refuse(format_lazy(_("{names} không phải là xã, phường thuộc {home} trong kỳ {period}."),
                                   names=names, home=home.name if home else _("đơn vị của bạn"), period=period))
            return None
        try:
            # Figures are written to one ward: a code that meant two wards during the period is refused.
            return unitcodes.council_during(code, period.start_date, period.end_date, allowed, several="error")
        except unitcodes.UnitCodeError:
            names = "; ".join(
                f"{w.name} (hiệu lực {w.valid_from or '…'}–{w.valid_to or 'nay'})" for w in allowed)
            refuse(format_lazy(_("mã đơn vị {code} ứng với nhiều đơn vị trong kỳ {period}: {names}. "
                                 "Không xác định được đơn vị báo cáo; hãy báo quản trị hệ thống."),
                               code=code, period=period, names=names))
            return None

    def _in_scope(self, wards, period):
        """The wards among ``wards`` this user may upload for: their report wards (the scoping rule);
        leaders read, they do not upload; the system (no user, e.g. the command) may upload for any."""
        if self.user is None:
            return wards
        if role_of(self.user) == Role.LEADER:
            return []
        mine = {w.pk for w in report_wards(self.user, period.start_date, period.end_date)}
        return [w for w in wards if w.pk in mine]

    def _check_sheets(self, result, errors):
        """Resolve the KienNghi / DonThu rows' lookups; unknown names are cell errors."""
        if result.petitions:
            errors.extend(check_petitions(self, result))
        if result.letters:
            errors.extend(check_letters(self, result))
        # Top to bottom, sheet by sheet, left to right: the order the clerk reads the file in.
        result.corrections.sort(
            key=lambda c: (c.sheet != workbook.SHEET_PETITIONS, c.row, len(c.cell or ""), c.cell or ""))

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
        result.previous_values = previous.values_dict()
        if not self.replace:
            result.outcome = AttemptOutcome.NEEDS_CONFIRM
            result.notes.append(format_lazy(
                _("{ward} đã có báo cáo kỳ {period} (tệp {file}, tải lên {at}). Tệp mới chỉ được nhập khi xác "
                  "nhận thay thế (lệnh: --replace); báo cáo cũ vẫn được lưu."),
                ward=result.ward_label, period=result.period, file=previous.original_filename,
                at=f"{timezone.localtime(previous.uploaded_at):%d/%m/%Y %H:%M}"))


    # -- lookups shared by the sheet importers (one query per model per importer) ---
    def lookup(self, key, loader):
        if key not in self._lookups:
            self._lookups[key] = loader()
        return self._lookups[key]

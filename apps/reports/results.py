"""What happened (or would happen) to one uploaded ward workbook, in a clerk's words."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from apps.core.models import Council, ReportingPeriod

from .choices import AttemptOutcome
from .models import WardReport


@dataclass
class Change:
    code: str
    name: str
    old: object
    new: object


@dataclass
class Correction:
    """A choice written as a short form or another spelling, taken as the full choice."""

    sheet: str
    cell: str | None  # "I5"
    row: int
    column: str  # header, e.g. "Tình trạng"
    typed: str
    label: str  # the choice taken

    def line(self):
        """In the page's language (the import log writes it under Vietnamese)."""
        where = _("ô %(cell)s") % {"cell": self.cell} if self.cell else _("dòng %(row)s") % {"row": self.row}
        return _("Trang tính %(sheet)s, %(where)s (%(column)s): «%(typed)s» → «%(label)s»") % {
            "sheet": self.sheet, "where": where, "column": self.column, "typed": self.typed, "label": self.label}


@dataclass
class FileResult:
    """What happened (or would happen) to one workbook."""

    filename: str
    sha256: str = ""
    council: Council | None = None
    period: ReportingPeriod | None = None
    values: dict = field(default_factory=dict)
    indicators: list = field(default_factory=list)  # Indicator rows in force for the period
    errors: list = field(default_factory=list)  # lines naming the file; lazy (page language), str() them to join
    outcome: str = ""
    previous: WardReport | None = None
    previous_values: dict = field(default_factory=dict)
    report: WardReport | None = None
    petitions: list = field(default_factory=list)  # rows read from KienNghi
    letters: list = field(default_factory=list)  # rows read from DonThu
    petitions_created: int = 0
    letters_created: int = 0
    notes: list = field(default_factory=list)
    corrections: list = field(default_factory=list)  # Correction: short forms taken as full choices
    list_columns: dict = field(default_factory=dict)  # {"DonThu": {"status": "I"}}, from the reader

    def cell_of(self, sheet, key, row):
        """"I5": the cell of column ``key`` of a list sheet's row, or None when the column is missing."""
        letter = self.list_columns.get(sheet, {}).get(key)
        return f"{letter}{row}" if letter else None

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
        """One sentence for the command output and the result page (Vietnamese; English when chosen)."""
        head = _("Tệp %(file)s: %(ward)s, %(period)s") % {
            "file": self.filename, "ward": self.ward_label, "period": self.period or "—"}
        if self.errors:
            return _("Tệp %(file)s: không nhập, có %(n)d lỗi.") % {"file": self.filename, "n": len(self.errors)}
        reported = sum(1 for v in self.values.values() if v is not None)
        figures = _("%(reported)d/%(total)d chỉ tiêu có số liệu") % {"reported": reported, "total": len(self.indicators)}
        extra = ""
        if self.petitions or self.letters:
            extra = _(", %(petitions)d kiến nghị cử tri, %(letters)d đơn thư") % {
                "petitions": len(self.petitions), "letters": len(self.letters)}
        if self.outcome == AttemptOutcome.UNCHANGED:
            return _("%(head)s — đã nhập trước đó, không thay đổi (tệp giống hệt).") % {"head": head}
        if self.outcome == AttemptOutcome.NEEDS_CONFIRM:
            return _("%(head)s — đã có báo cáo, cần xác nhận thay thế (%(n)d chỉ tiêu thay đổi).") % {
                "head": head, "n": len(self.changes)}
        if self.outcome == AttemptOutcome.CHECKED:
            verb = _("sẽ thay thế báo cáo trước") if self.previous else _("hợp lệ, sẽ nhập")
            return _("%(head)s — %(verb)s: %(figures)s%(extra)s (chạy thử, chưa ghi).") % {
                "head": head, "verb": verb, "figures": figures, "extra": extra}
        created = ""
        if self.petitions or self.letters:
            created = _(", %(petitions)d kiến nghị cử tri, %(letters)d đơn thư") % {
                "petitions": self.petitions_created, "letters": self.letters_created}
        verb = _("đã nhập, thay thế báo cáo trước") if self.outcome == AttemptOutcome.REPLACED else _("đã nhập")
        return _("%(head)s — %(verb)s: %(figures)s%(created)s.") % {
            "head": head, "verb": verb, "figures": figures, "created": created}

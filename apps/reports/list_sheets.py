"""The optional list sheets against the database: KienNghi rows become petitions, DonThu rows
letters, once their names (field, agency, status, handling…) are matched to the reference data.

Unknown choices are cell errors; an unknown field or agency is not: its text is kept in the
row's note, so the clerk can choose the right one later. The petitions and reception apps are
imported lazily: reports depends on them, never the other way round.
"""
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core.choice_match import ChoiceMatcher
from apps.core.reference_units import REFORM_DAY

from . import workbook
from .results import Correction


def _key(text):
    """Match names as a clerk types them: NFC, case and spacing ignored."""
    return " ".join(str(text or "").casefold().split())


def _matcher(importer, choices):
    """One matcher per choice list per importer (apps/core/choice_match.py: the one matching rule), on
    the Vietnamese labels the workbook is written in, whatever the language of the clerk's page."""
    def build():
        with translation.override("vi"):
            return ChoiceMatcher(choices)

    return importer.lookup(("choices", choices), build)


def _choose(result, sheet, row, key, label, matcher, what, errors):
    """The stored value a choice cell means, or None. A short form or another spelling is taken and
    listed in ``result.corrections``; an ambiguous one is an error naming the candidates; an unknown
    one returns None for the caller to decide."""
    found = matcher.match(row.get(key))
    cell = result.cell_of(sheet, key, row["row"])
    if found.ambiguous:
        errors.append(workbook.CellError(sheet, cell, row["row"], label, found.ambiguity_message(what)))
        return None
    if found.corrected:
        result.corrections.append(Correction(sheet, cell, row["row"], label, found.typed, found.label))
    return found.value


def _fields(importer):
    """Fields of work matched by name (or code), short forms included; no initials: an unknown
    field is kept in the note rather than guessed."""
    from apps.core.models import Field

    def load():
        rows = list(Field.objects.values_list("pk", "code", "name"))
        return ChoiceMatcher([(pk, name) for pk, _code, name in rows],
                             {code: pk for pk, code, _name in rows}, initials=False)

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
    """(pk, level) for a name, or a short name only if it names one agency; else None. Remembered per
    text: a sheet's rows name a handful of agencies."""
    if not text:
        return None
    found = importer.lookup("agency_of_text", dict)
    if text not in found:
        found[text] = _agency_named(importer, text)
    return found[text]


def _agency_named(importer, text):
    agencies = _agencies(importer)
    found = agencies.get(_key(text))
    if found:
        return found
    shorts = agencies.get(("short", _key(text)), [])
    return shorts[0] if len(shorts) == 1 else None


def _err(result, sheet, row, key, column, message):
    """An error of column ``key`` (headed ``column``) of a list sheet's row, naming its cell (F5)."""
    return workbook.CellError(sheet, result.cell_of(sheet, key, row), row, column, message)


def _extra_note(note, labelled):
    extra = "; ".join(f"{label} (ghi trong tệp): {text}" for label, text in labelled if text)
    return "\n".join(part for part in (note or "", extra) if part)


def _unknown(result, sheet, row, key, label, what, matcher):
    allowed = ", ".join(f"«{choice}»" for choice in matcher.labels.values())  # in Vietnamese, as the file is
    message = (format_lazy(_("{what} «{typed}» không hợp lệ. Hãy ghi một trong: {allowed}."),
                           what=what, typed=row[key], allowed=allowed) if row.get(key) else
               format_lazy(_("thiếu {what}. Hãy ghi một trong: {allowed}."), what=what, allowed=allowed))
    return workbook.CellError(sheet, result.cell_of(sheet, key, row["row"]), row["row"], label, message)


def _choice_cell(importer, result, sheet, row, key, label, choices, what, errors, *, default=None, required=False):
    """The stored value of a closed choice column (status, kind, handling) of one row; ``default``
    when the cell is empty and not ``required``; an error when unknown or ambiguous."""
    if not row.get(key) and not required:
        return default
    before = len(errors)
    matcher = _matcher(importer, choices)
    value = _choose(result, sheet, row, key, label, matcher, what, errors)
    if value is None and len(errors) == before:
        errors.append(_unknown(result, sheet, row, key, label, what, matcher))
    return value


def _received(result, forwarded):
    """The date a ward's petition is recorded on (apps/reports/sheet_rows.py): its forwarding date within
    the period, else the period's last day."""
    end = result.period.end_date
    return forwarded if forwarded and forwarded <= end else end


def check_petitions(importer, result):
    from apps.petitions.choices import CompetenceLevel, PetitionStatus

    sheet, cols = workbook.SHEET_PETITIONS, workbook.PETITIONS.columns
    levels = set(CompetenceLevel.values)
    fields = _fields(importer)
    today = timezone.localdate()
    errors = []
    for row in result.petitions:
        number = row["row"]
        default = PetitionStatus.RESOLVED if row.get("answer_date") else PetitionStatus.UNRESOLVED
        status = _choice_cell(importer, result, sheet, row, "status", cols["status"], PetitionStatus,
                              _("tình trạng"), errors, default=default)
        forwarded, answered = row.get("forwarded_date"), row.get("answer_date")
        if answered and forwarded and answered < forwarded:
            errors.append(_err(result, sheet, number, "answer_date", cols["answer_date"],
                               format_lazy(_("ngày trả lời {answered} trước ngày chuyển {forwarded}. "
                                             "Hãy kiểm tra lại hai ngày này."),
                                           answered=f"{answered:%d/%m/%Y}", forwarded=f"{forwarded:%d/%m/%Y}")))
        if status and status != PetitionStatus.UNRESOLVED and not answered:
            # The form's rule: a status other than «Chưa giải quyết» is the agency's answer, so it has a date.
            errors.append(_err(result, sheet, number, "answer_date", cols["answer_date"],
                               format_lazy(_("tình trạng «{status}» là theo trả lời của cơ quan nên cần ngày trả "
                                             "lời. Hãy ghi ngày cơ quan trả lời; nếu cơ quan chưa trả lời, ghi "
                                             "tình trạng «Chưa giải quyết»."),
                                           status=PetitionStatus(status).label)))
        for key in ("forwarded_date", "answer_date"):
            if row.get(key) and row[key] > today:
                errors.append(_err(result, sheet, number, key, cols[key],
                                   format_lazy(_("ngày {day} ở sau ngày hôm nay. Hãy kiểm tra lại năm."),
                                               day=f"{row[key]:%d/%m/%Y}")))
        agency = _agency(importer, row.get("agency"))
        row["_status"] = status
        row["_field_id"] = (_choose(result, sheet, row, "field", cols["field"], fields, _("lĩnh vực"), errors)
                            if row.get("field") else None)
        row["_agency_id"] = agency[0] if agency else None
        row["_level"] = agency[1] if agency and agency[1] in levels else CompetenceLevel.COMMUNE
        if row["_level"] == CompetenceLevel.DISTRICT and result.period and _received(result, forwarded) >= REFORM_DAY:
            errors.append(_err(result, sheet, number, "agency", cols["agency"],
                               format_lazy(_("cơ quan «{agency}» là cấp huyện, không còn từ ngày {day} (chính "
                                             "quyền hai cấp). Hãy chọn cơ quan cấp tỉnh hoặc cấp xã trong danh sách."),
                                           agency=row["agency"], day=f"{REFORM_DAY:%d/%m/%Y}")))
        row["_unmatched"] = [
            (cols["field"], row.get("field") if row.get("field") and not row["_field_id"] else None),
            (cols["agency"], row.get("agency") if row.get("agency") and not agency else None),
        ]
    unmatched = sum(1 for row in result.petitions if any(text for _l, text in row["_unmatched"]))
    if unmatched:
        result.notes.append(format_lazy(_(
            "{n} kiến nghị có lĩnh vực hoặc cơ quan giải quyết không có trong danh mục: "
            "nội dung được ghi vào phần ghi chú của kiến nghị để chuyên viên chọn lại."), n=unmatched))
    return errors


def check_letters(importer, result):
    from apps.reception.choices import LetterContentType, LetterHandling, LetterStatus

    sheet, cols = workbook.SHEET_LETTERS, workbook.LETTERS.columns
    today = timezone.localdate()
    errors = []
    for row in result.letters:
        number = row["row"]
        if not row.get("received_date"):
            errors.append(_err(result, sheet, number, "received_date", cols["received_date"],
                               _("thiếu ngày nhận đơn. Hãy ghi ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2022.")))
        elif row["received_date"] > today:
            errors.append(_err(result, sheet, number, "received_date", cols["received_date"],
                               format_lazy(_("ngày nhận {day} ở sau ngày hôm nay. Hãy kiểm tra lại năm."),
                                           day=f"{row['received_date']:%d/%m/%Y}")))
        row["_kind"] = _choice_cell(importer, result, sheet, row, "letter_type", cols["letter_type"],
                                    LetterContentType, _("loại đơn"), errors, required=True)
        row["_handling"] = _choice_cell(importer, result, sheet, row, "handling", cols["handling"],
                                        LetterHandling, _("hướng xử lý"), errors, default="") or ""
        row["_status"] = _choice_cell(importer, result, sheet, row, "status", cols["status"], LetterStatus,
                                      _("tình trạng"), errors, default=LetterStatus.NEW)
        agency = _agency(importer, row.get("forwarded_agency"))
        row["_agency_id"] = agency[0] if agency else None
        row["_unmatched"] = [(cols["forwarded_agency"],
                              row.get("forwarded_agency") if row.get("forwarded_agency") and not agency else None)]
    unmatched = sum(1 for row in result.letters if row["_unmatched"][0][1])
    if unmatched:
        result.notes.append(format_lazy(_(
            "{n} đơn có cơ quan nhận chuyển không có trong danh mục: tên cơ quan được ghi vào "
            "phần ghi chú của đơn để chuyên viên chọn lại."), n=unmatched))
    return errors

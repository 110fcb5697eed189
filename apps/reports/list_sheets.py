"""The optional list sheets against the database: KienNghi rows become petitions, DonThu rows
letters, once their names (field, agency, status, handling…) are matched to the reference data.

Unknown choices are cell errors; an unknown field or agency is not: its text is kept in the
row's note, so the clerk can choose the right one later. The petitions and reception apps are
imported lazily: reports depends on them, never the other way round.
"""
from django.utils import timezone

from . import workbook


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

"""The ward importer's creation of petitions (KienNghi) and letters (DonThu) from checked rows.

Rows already imported by the report being replaced are not created twice. This module only maps a
sheet's columns to a register's fields: numbers, codes, status, due dates and the text's normal form
are the registers' own services' (apps/petitions/services.py, apps/reception/services.py), the same
rules as a clerk's form, applied to the whole sheet at once.
"""
import datetime

from .list_sheets import _extra_note, _key


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


def _previous_contents(model, ids):
    """Contents already imported by the report being replaced (re-sent rows are not duplicated)."""
    if not ids:
        return set()
    return {_key(text) for text in model.objects.filter(pk__in=ids).values_list("content", flat=True)}


def create_petitions(importer, result, previous):
    if not result.petitions:
        return []
    from apps.petitions import services
    from apps.petitions.models import Petition

    ward, period, user = result.council, result.period, importer.user
    seen = _previous_contents(Petition, previous.petition_ids if previous else [])
    rows = [row for row in result.petitions if _key(row["content"]) not in seen]
    skipped = len(result.petitions) - len(rows)
    if skipped:
        result.notes.append(f"{skipped} kiến nghị đã có từ báo cáo trước, không nhập lại.")
    source = f"Báo cáo {period} của {ward.name} (tệp {result.filename})"
    deadline = _deadline_kwargs(importer, *_date_span([r.get("forwarded_date") for r in rows], period))
    objs = []
    for row in rows:
        forwarded = row.get("forwarded_date")
        received = forwarded if forwarded and forwarded <= period.end_date else period.end_date
        objs.append(Petition(
            council=ward, source=source, received_date=received, content=row["content"],
            field_id=row["_field_id"], competence_level=row["_level"], agency_id=row["_agency_id"],
            forwarded_date=forwarded, answered_date=row.get("answer_date"), status=row["_status"],
            note=_extra_note(row.get("note"), row["_unmatched"]), created_by=user, updated_by=user,
        ))
    created = services.create(objs, user, deadline)
    result.petitions_created = len(created)
    return sorted([p.pk for p in created] + (previous.petition_ids if previous else []))


def create_letters(importer, result, previous):
    if not result.letters:
        return []
    from apps.reception import services
    from apps.reception.models import Letter

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
        objs.append(Letter(
            council=ward, received_date=row["received_date"], sender_name="" if anonymous else sender,
            sender_address=row.get("address") or "", is_anonymous=anonymous, content_type=row["_kind"],
            content=row["content"], handling=row["_handling"], forwarded_agency_id=row["_agency_id"],
            status=row["_status"], note=_extra_note("", row["_unmatched"]), created_by=user, updated_by=user,
        ))
    created = services.create(objs, user, deadline)
    result.letters_created = len(created)
    return sorted([x.pk for x in created] + (previous.letter_ids if previous else []))

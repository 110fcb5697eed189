"""A council's life: the dates it existed, and the rule that a record stays inside them.

A council lives as long as its administrative unit (``valid_from`` … ``valid_to``; empty means
"before the data begins" / "still in office"). Unit codes were reused in the 2025 reorganisation,
so a date outside the chosen council's life usually means the clerk picked the council of the
same code in the other era: the message names the councils that held that date (the successors
of an ended council, the predecessors of one not yet formed), so the clerk can act on it.

Every register's ``clean()`` calls :func:`check_record`, with the date that places that register
in time (``life_date_field`` on the model, or its ``life_date()``); register imports reach it
through ``full_clean``, and the ward workbook import calls :func:`outside_life` for its period.

A record is only checked when it is new, or when its council or that date changed: a record
carried over from an ended council to its successor (see ``apps/core/carryover.py``) keeps its
original date, which lies before the successor began, and may still be edited there.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_LOADED_ATTR = "_life_loaded"


def life_of(council):
    """(start, end) of the council's life; either may be None (open)."""
    unit = council.admin_unit
    return unit.valid_from, unit.valid_to


def is_alive_on(council, day):
    start, end = life_of(council)
    return (start is None or start <= day) and (end is None or day <= end)


def overlaps(council, start, end):
    """Whether the council lived on at least one day of [start, end]."""
    life_start, life_end = life_of(council)
    return (life_start is None or life_start <= end) and (life_end is None or start <= life_end)


def successors_of(council):
    """The councils of the units that took over this council's unit, by code."""
    from .models import Council

    return list(Council.objects.filter(admin_unit__predecessors=council.admin_unit_id)
                .select_related("admin_unit").order_by("admin_unit__code", "name"))


def predecessors_of(council):
    """The councils of the units this council's unit was formed from, by code."""
    from .models import Council

    return list(Council.objects.filter(admin_unit__successors=council.admin_unit_id)
                .select_related("admin_unit").order_by("admin_unit__code", "name"))


def _names(councils):
    return ", ".join(c.name for c in councils)


def outside_life(council, day):
    """None when ``day`` is inside the council's life; otherwise the Vietnamese message saying so and
    naming the councils of that date (successors of an ended council, predecessors of a new one)."""
    if council is None or day is None:
        return None
    start, end = life_of(council)
    if end is not None and day > end:
        others = [c for c in successors_of(council) if is_alive_on(c, day)] or successors_of(council)
        text = _("Ngày %(day)s %(council)s đã thôi hoạt động (đến %(end)s)") % {
            "day": f"{day:%d/%m/%Y}", "council": council.name, "end": f"{end:%d/%m/%Y}"}
        if others:
            return text + _("; đơn vị kế thừa: %(names)s") % {"names": _names(others)}
        return text + _("; chọn HĐND đang hoạt động vào ngày đó.")
    if start is not None and day < start:
        others = [c for c in predecessors_of(council) if is_alive_on(c, day)]
        text = _("Ngày %(day)s %(council)s chưa hoạt động (bắt đầu từ %(start)s)") % {
            "day": f"{day:%d/%m/%Y}", "council": council.name, "start": f"{start:%d/%m/%Y}"}
        if others:
            return text + _("; ngày đó thuộc đơn vị tiền thân: %(names)s") % {"names": _names(others)}
        return text + _("; chọn HĐND đang hoạt động vào ngày đó.")
    return None


def outside_period(council, start, end):
    """None when the council lived during some of [start, end]; otherwise the message saying when it lived
    (for a ward workbook whose period lies wholly outside its council's life)."""
    if overlaps(council, start, end):
        return None
    return outside_life(council, end if life_of(council)[0] and end < life_of(council)[0] else start)


# -- records -------------------------------------------------------------------
def record_date(record):
    if hasattr(record, "life_date"):
        return record.life_date()
    return getattr(record, record.life_date_field)


def remember_loaded(record):
    """Called when a record is read from the database: its council and date as stored."""
    if record.life_date_field:
        setattr(record, _LOADED_ATTR, (record.__dict__.get("council_id"), record.__dict__.get(record.life_date_field)))


def check_record(record):
    """Raise ValidationError on the record's date field when its date lies outside its council's life.

    Only for a new record or one whose council or date changed (see the module's note).
    """
    field = record.life_date_field
    if not field or not record.council_id:
        return
    day = record_date(record)
    if day is None:
        return
    loaded = getattr(record, _LOADED_ATTR, None)
    if record.pk is not None and loaded == (record.council_id, getattr(record, field)):
        return
    message = outside_life(record.council, day)
    if message:
        raise ValidationError({field: message})


def record_errors(record):
    """check_record as {field: message}, for a clean() that gathers its errors in a dict."""
    try:
        check_record(record)
    except ValidationError as error:
        return {field: messages[0] for field, messages in error.message_dict.items()}
    return {}


def same_or_predecessor(council_id, other_council_id):
    """Whether a record of ``council_id`` may link to one of ``other_council_id``: the same council, or one
    it was formed from (a petition carried over to Móng Cái 2 keeps its Ka Long voter meeting)."""
    if council_id == other_council_id:
        return True
    from .scoping import predecessor_ids

    return other_council_id in predecessor_ids({council_id})

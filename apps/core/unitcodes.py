"""Which council a unit code means: one rule for imports, exports, commands and reports.

Unit codes were reused in the 2025 reorganisation (06709 is HĐND phường Ka Long until 30/06/2025
and HĐND phường Móng Cái 2 from 01/07/2025), so a code names a council only together with a day:

- ``council_on(code, day)``: the council whose unit is valid on ``day``;
- ``council_during(code, start, end)``: the council whose unit existed during the span; when two
  did (06709 in 2025), ``several="last"`` takes the one valid on the span's last day (a report of
  2025 for 06709 is Móng Cái 2's, for the part of the year it covers) and ``several="error"``
  refuses (a ward workbook for 2025 could be either ward's);
- both raise ``UnitCodeError`` (a ``ValueError`` with a Vietnamese message naming the councils the
  code did mean, with their dates) when no council fits.

No day is ever assumed: a caller that means "today" passes today's date. A code typed with extra
leading zeros ("00194" for 194) still finds its council. ``among`` limits the search to some
councils (those a user may see): a queryset, or a list already fetched (imports cache them).
"""
from .text import normalise_unit_code


class UnitCodeError(ValueError):
    pass


def councils_with_code(code, queryset=None):
    """(code as stored, councils with that code in any period, with their units). A code typed with
    extra leading zeros finds the shorter one ("00194" -> "194")."""
    from .models import Council

    base = (Council.objects.all() if queryset is None else queryset).select_related("admin_unit")
    code = normalise_unit_code(code)
    same = base.filter(admin_unit__code=code)
    if code.startswith("0") and not same.exists():
        shorter = base.filter(admin_unit__code=code.lstrip("0"))
        if shorter.exists():
            return code.lstrip("0"), shorter
    return code, same


def _candidates(code, among):
    if among is None or hasattr(among, "filter"):
        code, found = councils_with_code(code, among)
        return code, list(found)
    code = normalise_unit_code(code)
    found = [c for c in among if c.admin_unit.code == code]
    if not found and code.startswith("0"):
        shorter = [c for c in among if c.admin_unit.code == code.lstrip("0")]
        if shorter:
            return code.lstrip("0"), shorter
    return code, found


def valid_on(councils, day):
    """The councils among ``councils`` whose unit is valid on ``day``."""
    return [c for c in councils if c.admin_unit.is_valid_on(day)]


def overlapping(councils, start, end):
    """The councils among ``councils`` whose unit existed at some day of [start, end]."""
    return [c for c in councils
            if (c.admin_unit.valid_from is None or c.admin_unit.valid_from <= end)
            and (c.admin_unit.valid_to is None or c.admin_unit.valid_to >= start)]


def lifetimes(councils):
    """'HĐND phường Ka Long (… – 30/06/2025); HĐND phường Móng Cái 2 (01/07/2025 – nay)'."""
    def span(c):
        first = f"{c.admin_unit.valid_from:%d/%m/%Y}" if c.admin_unit.valid_from else "…"
        last = f"{c.admin_unit.valid_to:%d/%m/%Y}" if c.admin_unit.valid_to else "nay"
        return f"{c.name} ({first} – {last})"

    return "; ".join(span(c) for c in councils)


def council_on(code, day, among=None):
    """The one council ``code`` means on ``day``; UnitCodeError otherwise."""
    code, found = _candidates(code, among)
    if not found:
        raise UnitCodeError(f"Không có HĐND nào với mã đơn vị «{code}».")
    dated = valid_on(found, day)
    if not dated:
        raise UnitCodeError(f"Mã đơn vị «{code}» không có HĐND nào vào ngày {day:%d/%m/%Y}: {lifetimes(found)}.")
    if len(dated) > 1:
        raise UnitCodeError(f"Mã đơn vị «{code}» ứng với nhiều HĐND vào ngày {day:%d/%m/%Y}: {lifetimes(dated)}.")
    return dated[0]


def council_during(code, start, end, among=None, *, several="last"):
    """The council ``code`` means during [start, end]; see the module's note for ``several``."""
    code, found = _candidates(code, among)
    if not found:
        raise UnitCodeError(f"Không có HĐND nào với mã đơn vị «{code}».")
    during = overlapping(found, start, end)
    if not during:
        raise UnitCodeError(
            f"Mã đơn vị «{code}» không có HĐND nào từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}: {lifetimes(found)}.")
    if len(during) > 1:
        last = valid_on(during, end)
        if several == "last" and len(last) == 1:
            return last[0]
        raise UnitCodeError(
            f"Mã đơn vị «{code}» ứng với nhiều HĐND từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}: {lifetimes(during)}.")
    return during[0]

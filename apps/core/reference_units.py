"""Administrative units and their councils, written in bulk by load_reference_data.

Two sources:
- fixtures/admin_units.csv: Móng Cái's history (the city, its wards and communes until
  30/06/2025 and the six units formed on 01/07/2025), with successors; always loaded;
- the `vietnam-provinces` package: every province and commune-level unit current since
  01/07/2025 (34 and 3,321), with the official unit codes; optionally limited to some provinces.

A unit's identity is (code, valid_from): the package's Phường Móng Cái 2 (06709 from
01/07/2025) is the same unit as the CSV's, so it is written once. A province the 2025 reform
left whole keeps its unit (valid_from empty); a province formed by merging begins on
01/07/2025. Writes are bulk (a fixed number of queries whatever the number of rows) and a
second run writes nothing.
"""
import csv
import datetime

from .choices import CouncilLevel, UnitType
from .models import AdminUnit, Council
from .text import normalise_model_text

REFORM_DAY = datetime.date(2025, 7, 1)
BATCH = 500

# The eleven provinces the 2025 reform left whole (NQ 202/2025/QH15): their unit goes on.
UNMERGED_PROVINCES = {"01", "04", "11", "12", "14", "20", "22", "38", "40", "42", "46"}

UNIT_TYPES = {
    "tỉnh": UnitType.PROVINCE, "thành phố thuộc tỉnh": UnitType.PROVINCIAL_CITY, "phường": UnitType.WARD,
    "xã": UnitType.COMMUNE, "huyện": UnitType.DISTRICT, "quận": UnitType.URBAN_DISTRICT,
    "thị xã": UnitType.TOWN, "thị trấn": UnitType.TOWNSHIP, "đặc khu": UnitType.SPECIAL_ZONE,
    "thành phố trung ương": UnitType.CENTRAL_CITY,
}
LEVELS = {
    UnitType.PROVINCE: CouncilLevel.PROVINCE, UnitType.CENTRAL_CITY: CouncilLevel.PROVINCE,
    UnitType.PROVINCIAL_CITY: CouncilLevel.DISTRICT, UnitType.DISTRICT: CouncilLevel.DISTRICT,
    UnitType.URBAN_DISTRICT: CouncilLevel.DISTRICT, UnitType.TOWN: CouncilLevel.DISTRICT,
}
COUNCIL_PREFIX = {
    UnitType.PROVINCE: "HĐND tỉnh", UnitType.CENTRAL_CITY: "HĐND thành phố", UnitType.PROVINCIAL_CITY: "HĐND thành phố",
    UnitType.WARD: "HĐND phường", UnitType.COMMUNE: "HĐND xã", UnitType.DISTRICT: "HĐND huyện",
    UnitType.TOWN: "HĐND thị xã", UnitType.TOWNSHIP: "HĐND thị trấn", UnitType.URBAN_DISTRICT: "HĐND quận",
    UnitType.SPECIAL_ZONE: "HĐND đặc khu",
}
UNIT_WORDS = ("Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Tỉnh ", "Phường ", "Xã ", "Huyện ", "Quận ")


def parse_date(text):
    return datetime.date.fromisoformat(text) if text else None


def bare_name(name):
    """'Phường Móng Cái 2' -> 'Móng Cái 2'; 'Thành phố Hà Nội' -> 'Hà Nội'."""
    for word in UNIT_WORDS:
        if name.startswith(word):
            return name[len(word):]
    return name


def council_name(unit):
    return f"{COUNCIL_PREFIX.get(unit.unit_type, 'HĐND')} {bare_name(unit.name)}"


def province_code(value):
    """'22', 22, '1' -> '22', '22', '01' (ValueError when not a province code)."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 99:
        raise ValueError(f"Mã tỉnh «{value}» không hợp lệ (ví dụ: 22 cho Quảng Ninh).")
    return f"{int(text):02d}"


def country_rows(provinces=None):
    """Rows (code, name, type, parent_code, valid_from) of today's provinces and communes.

    ``provinces``: a set of province codes to keep, or None for all.
    """
    from vietnam_provinces import Province, Ward

    known = {f"{int(p.code):02d}" for p in Province.iter_all()}
    unknown = sorted(set(provinces or ()) - known)
    if unknown:
        raise ValueError(f"Không có tỉnh mã {', '.join(unknown)} trong danh mục hiện hành (34 tỉnh, thành phố).")
    rows = []
    for province in Province.iter_all():
        code = f"{int(province.code):02d}"
        if provinces is not None and code not in provinces:
            continue
        unit_type = UNIT_TYPES[province.division_type.value]
        name = province.name if unit_type == UnitType.CENTRAL_CITY else f"Tỉnh {province.name}"
        rows.append({"code": code, "name": name, "unit_type": unit_type, "parent_code": "",
                     "valid_from": None if code in UNMERGED_PROVINCES else REFORM_DAY})
    for ward in Ward.iter_all():
        code = f"{int(ward.province_code):02d}"
        if provinces is not None and code not in provinces:
            continue
        rows.append({"code": f"{int(ward.code):05d}", "name": ward.name,
                     "unit_type": UNIT_TYPES[ward.division_type.value], "parent_code": code,
                     "valid_from": REFORM_DAY})
    return rows


def csv_rows(path):
    rows = []
    for row in csv.DictReader(path.open(encoding="utf-8")):
        rows.append({"code": row["code"], "name": row["name"], "unit_type": UNIT_TYPES[row["type"].strip().lower()],
                     "parent_code": row["parent_code"], "valid_from": parse_date(row["valid_from"]),
                     "valid_to": parse_date(row["valid_to"]), "note": row["note"],
                     "successor_codes": [c for c in row["successor_codes"].split(";") if c]})
    return rows


def _valid_on(units, code, day):
    """The unit with ``code`` valid on ``day`` (None: the one without a start date)."""
    for unit in units.get(code, ()):
        if day is None and unit.valid_from is None or day is not None and unit.is_valid_on(day):
            return unit
    raise ValueError(f"Không tìm thấy đơn vị {code} hiệu lực ngày {day}")


def _bulk_save(model, new, changed, fields):
    for obj in new + changed:
        normalise_model_text(obj)
    model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=BATCH)
    return len(new) + len(changed)


def load_units(csv_path, provinces=None):
    """Write the units; return (number of rows written, {code: [units]})."""
    rows = csv_rows(csv_path)
    seen = {(r["code"], r["valid_from"]) for r in rows}
    # The CSV is the richer source (end dates, successors, notes): it wins where both name a unit.
    rows += [r for r in country_rows(provinces) if (r["code"], r["valid_from"]) not in seen]
    existing = {(u.code, u.valid_from): u for u in AdminUnit.objects.all()}
    new, changed = [], []
    fields = ("name", "unit_type", "valid_to", "note")
    for row in rows:
        values = {"name": row["name"], "unit_type": row["unit_type"], "valid_to": row.get("valid_to"),
                  "note": row.get("note", "")}
        unit = existing.get((row["code"], row["valid_from"]))
        if unit is None:
            new.append(AdminUnit(code=row["code"], valid_from=row["valid_from"], **values))
        elif any(getattr(unit, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(unit, k, v)
            changed.append(unit)
    written = _bulk_save(AdminUnit, new, changed, fields)

    units = {}
    for unit in AdminUnit.objects.all():
        units.setdefault(unit.code, []).append(unit)
    # Parents: the unit with the parent code valid when this unit begins.
    by_key = {(u.code, u.valid_from): u for group in units.values() for u in group}
    reparented = []
    for row in rows:
        unit = by_key[(row["code"], row["valid_from"])]
        parent = _valid_on(units, row["parent_code"], unit.valid_from) if row["parent_code"] else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            reparented.append(unit)
    if reparented:
        AdminUnit.objects.bulk_update(reparented, ["parent"], batch_size=BATCH)
        written += len(reparented)
    # Successors (only the CSV records them).
    through = AdminUnit.successors.through
    current = {}
    for from_id, to_id in through.objects.values_list("from_adminunit_id", "to_adminunit_id"):
        current.setdefault(from_id, set()).add(to_id)
    for row in rows:
        if not row.get("successor_codes"):
            continue
        unit = by_key[(row["code"], row["valid_from"])]
        day_after = unit.valid_to + datetime.timedelta(days=1)
        wanted = {_valid_on(units, code, day_after).pk for code in row["successor_codes"]}
        if current.get(unit.pk, set()) != wanted:
            unit.successors.set(wanted)
            written += 1
    return written, [by_key[(r["code"], r["valid_from"])] for r in rows]


def load_councils(units):
    """A council for each unit, its parent the council of the parent unit; returns rows written."""
    existing = {c.admin_unit_id: c for c in Council.objects.all()}
    new, changed = [], []
    for unit in units:
        values = {"name": council_name(unit), "level": LEVELS.get(unit.unit_type, CouncilLevel.COMMUNE)}
        council = existing.get(unit.pk)
        if council is None:
            new.append(Council(admin_unit=unit, **values))
        elif any(getattr(council, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(council, k, v)
            changed.append(council)
    written = _bulk_save(Council, new, changed, ["name", "level"])
    by_unit = {c.admin_unit_id: c for c in Council.objects.all()}
    reparented = []
    for unit in units:
        council = by_unit[unit.pk]
        parent = by_unit.get(unit.parent_id)
        if council.parent_id != (parent.pk if parent else None):
            council.parent = parent
            reparented.append(council)
    if reparented:
        Council.objects.bulk_update(reparented, ["parent"], batch_size=BATCH)
        written += len(reparented)
    for unit in units:
        by_unit[unit.pk].admin_unit = unit   # the caller reads it: no query per council
    return written, [by_unit[unit.pk] for unit in units]

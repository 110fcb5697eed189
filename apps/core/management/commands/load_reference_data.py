"""Load the reference data of fixtures/ (idempotent: a second run changes nothing)."""
import csv
import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F

from apps.core import roles
from apps.core.choices import CouncilLevel, UnitType
from apps.core.models import AdminUnit, Agency, Body, Council, DeadlineRule, Field, Holiday, ReportingPeriod, Term
from apps.core.registry import app_modules

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

UNIT_TYPES = {
    "tỉnh": UnitType.PROVINCE, "thành phố thuộc tỉnh": UnitType.PROVINCIAL_CITY, "phường": UnitType.WARD,
    "xã": UnitType.COMMUNE, "huyện": UnitType.DISTRICT, "quận": UnitType.URBAN_DISTRICT,
    "thị xã": UnitType.TOWN, "thị trấn": UnitType.TOWNSHIP, "đặc khu": UnitType.SPECIAL_ZONE,
}
LEVELS = {
    UnitType.PROVINCE: CouncilLevel.PROVINCE, UnitType.CENTRAL_CITY: CouncilLevel.PROVINCE,
    UnitType.PROVINCIAL_CITY: CouncilLevel.DISTRICT, UnitType.DISTRICT: CouncilLevel.DISTRICT,
    UnitType.URBAN_DISTRICT: CouncilLevel.DISTRICT, UnitType.TOWN: CouncilLevel.DISTRICT,
}
COUNCIL_PREFIX = {
    UnitType.PROVINCE: "HĐND tỉnh", UnitType.PROVINCIAL_CITY: "HĐND thành phố", UnitType.WARD: "HĐND phường",
    UnitType.COMMUNE: "HĐND xã", UnitType.DISTRICT: "HĐND huyện", UnitType.TOWN: "HĐND thị xã",
    UnitType.TOWNSHIP: "HĐND thị trấn", UnitType.URBAN_DISTRICT: "HĐND quận", UnitType.SPECIAL_ZONE: "HĐND đặc khu",
}


def parse_date(text):
    return datetime.date.fromisoformat(text) if text else None


def council_name(unit):
    prefix = COUNCIL_PREFIX.get(unit.unit_type, "HĐND")
    words = unit.name.split(" ", 1)
    bare = words[1] if len(words) > 1 and words[0] in {"Tỉnh", "Phường", "Xã", "Huyện", "Quận", "Thị"} else unit.name
    if unit.name.startswith("Thành phố "):
        bare = unit.name[len("Thành phố "):]
    if unit.name.startswith("Thị trấn ") or unit.name.startswith("Thị xã "):
        bare = unit.name.split(" ", 2)[2]
    return f"{prefix} {bare}"


class Command(BaseCommand):
    help = "Nạp dữ liệu danh mục (đơn vị hành chính, HĐND, lịch nghỉ, quy tắc thời hạn, vai trò). Chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        self.changed = 0
        with transaction.atomic():
            units = self.load_units()
            self.load_councils(units)
            data = json.loads((FIXTURES / "reference.json").read_text(encoding="utf-8"))
            self.load_terms_and_bodies(data)
            self.load_fields_and_agencies(data)
            self.load_holidays()
            self.load_rules(data["deadline_rules"])
            for year in range(2021, 2027):
                for kind in ("H1", "H2", "Y"):
                    _p, created = ReportingPeriod.objects.get_or_create(year=year, kind=kind)
                    self.changed += created
            for module in app_modules("reference"):
                self.changed += module.load(FIXTURES) or 0
            changed_groups = []
            roles.sync_groups(changed_groups)
            self.changed += len(changed_groups)
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu danh mục ({self.changed} bản ghi mới hoặc thay đổi)."))

    def upsert(self, model, lookup, values):
        obj, created = model.objects.get_or_create(**lookup, defaults=values)
        if created:
            self.changed += 1
            return obj
        dirty = [k for k, v in values.items() if getattr(obj, k) != v]
        if dirty:
            for k in dirty:
                setattr(obj, k, values[k])
            obj.save()
            self.changed += 1
        return obj

    def load_units(self):
        rows = list(csv.DictReader((FIXTURES / "admin_units.csv").open(encoding="utf-8")))
        units = {}
        for row in rows:
            valid_from, valid_to = parse_date(row["valid_from"]), parse_date(row["valid_to"])
            unit = self.upsert(
                AdminUnit, {"code": row["code"], "valid_from": valid_from},
                {"name": row["name"], "unit_type": UNIT_TYPES[row["type"].strip().lower()],
                 "valid_to": valid_to, "note": row["note"]},
            )
            units[(row["code"], valid_from)] = (unit, row)
        for unit, row in units.values():
            # The parent is the unit with that code valid when this unit begins.
            parent = self.unit_valid(units, row["parent_code"], unit.valid_from) if row["parent_code"] else None
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                unit.save()
                self.changed += 1
            if row["successor_codes"]:
                day_after = unit.valid_to + datetime.timedelta(days=1)
                wanted = {self.unit_valid(units, code, day_after).pk for code in row["successor_codes"].split(";")}
                if set(unit.successors.values_list("pk", flat=True)) != wanted:
                    unit.successors.set(wanted)
                    self.changed += 1
        return units

    @staticmethod
    def unit_valid(units, code, day):
        for unit, _row in units.values():
            if unit.code == code and (day is None and unit.valid_from is None or day is not None and unit.is_valid_on(day)):
                return unit
        raise ValueError(f"Không tìm thấy đơn vị {code} hiệu lực ngày {day}")

    def load_councils(self, units):
        by_unit = {}
        ordered = sorted(units.values(), key=lambda pair: pair[0].parent_id is not None)
        for unit, _row in ordered:
            level = LEVELS.get(unit.unit_type, CouncilLevel.COMMUNE)
            council = self.upsert(Council, {"admin_unit": unit}, {"name": council_name(unit), "level": level})
            by_unit[unit.pk] = council
        for unit, _row in units.values():
            council = by_unit[unit.pk]
            parent = by_unit.get(unit.parent_id)
            if council.parent_id != (parent.pk if parent else None):
                council.parent = parent
                council.save()
                self.changed += 1

    def load_terms_and_bodies(self, data):
        for council in Council.objects.select_related("admin_unit"):
            for term in data["terms"]:
                if term["council"] not in ("*", council.admin_unit.code):
                    continue
                if term["council"] == "*" and any(t["council"] == council.admin_unit.code for t in data["terms"]):
                    continue
                start = max(parse_date(term["start_date"]), council.admin_unit.valid_from or datetime.date.min)
                end = parse_date(term["end_date"])
                if council.admin_unit.valid_to and council.admin_unit.valid_to < start:
                    continue
                self.upsert(Term, {"council": council, "name": term["name"]}, {"start_date": start, "end_date": end})
            for body in data["bodies"]:
                self.upsert(Body, {"council": council, "name": body["name"]}, {"kind": body["kind"]})

    def load_fields_and_agencies(self, data):
        for code, name in data["fields"]:
            self.upsert(Field, {"code": code}, {"name": name})
        for agency in data["agencies"]:
            unit = AdminUnit.objects.filter(code=agency["unit"]).order_by(F("valid_from").asc(nulls_first=True)).first()
            self.upsert(Agency, {"name": agency["name"]},
                        {"short_name": agency["short_name"], "level": agency["level"], "admin_unit": unit})
        for unit in AdminUnit.objects.filter(unit_type__in=[UnitType.WARD, UnitType.COMMUNE]):
            name = data["ward_agency_template"].format(name=unit.name.replace("Phường", "phường").replace("Xã", "xã"))
            if unit.valid_from:
                name += f" (từ {unit.valid_from:%d/%m/%Y})"
            self.upsert(Agency, {"name": name}, {"short_name": "UBND xã/phường", "level": "xa", "admin_unit": unit})

    def load_holidays(self):
        for row in csv.DictReader((FIXTURES / "holidays.csv").open(encoding="utf-8")):
            self.upsert(Holiday, {"date": parse_date(row["date"])}, {"kind": row["kind"], "note": row["note"]})

    def load_rules(self, rules):
        for rule in rules:
            self.upsert(
                DeadlineRule, {"code": rule["code"], "effective_from": parse_date(rule["effective_from"])},
                {"name": rule["name"], "days": rule["days"], "day_type": rule["day_type"],
                 "direction": rule.get("direction", 1), "extensions": rule.get("extensions", []),
                 "legal_basis": rule["legal_basis"], "status": rule["status"],
                 "effective_to": parse_date(rule["effective_to"]), "note": rule.get("note", "")},
            )

"""Load the reference data of fixtures/ and of the vietnam-provinces package.

Idempotent: rows are matched by their business keys and a second run writes nothing. Units,
councils, terms, bodies and the communes' agencies are written in bulk (a fixed number of
queries however many councils), so the whole country loads in seconds.
"""
import csv
import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.core import roles
from apps.core.choices import UnitType
from apps.core.models import AdminUnit, Agency, DeadlineRule, Field, Holiday, ReportingPeriod
from apps.core.reference_terms import load_bodies, load_terms
from apps.core.reference_units import BATCH, bare_name, load_councils, load_units, parse_date, province_code
from apps.core.registry import app_modules
from apps.core.text import normalise_model_text

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
# Holiday notes as shipped before they were written in Vietnamese ("... statutory [Fri]"):
# replaced by the Vietnamese text; a note an administrator wrote is left alone.
SHIPPED_ENGLISH_NOTE = re.compile(r"\[(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\]$")


class Command(BaseCommand):
    help = ("Nạp dữ liệu danh mục: đơn vị hành chính và HĐND (lịch sử Móng Cái và toàn bộ 34 tỉnh, 3.321 xã, phường "
            "hiện hành), nhiệm kỳ, cơ quan, lịch nghỉ, quy tắc thời hạn, vai trò. Chạy lại không thay đổi gì.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--province", action="append", metavar="MÃ",
            help="Chỉ nạp tỉnh này (mã 2 chữ số, ví dụ 22 cho Quảng Ninh); lặp lại cho nhiều tỉnh. "
                 "Lịch sử Móng Cái luôn được nạp.",
        )

    def handle(self, *args, **options):
        try:
            provinces = {province_code(code) for code in options["province"]} if options["province"] else None
        except ValueError as exc:
            raise CommandError(str(exc))
        self.changed = 0
        data = json.loads((FIXTURES / "reference.json").read_text(encoding="utf-8"))
        with transaction.atomic():
            try:
                written, units = load_units(FIXTURES / "admin_units.csv", provinces)
            except ValueError as exc:
                raise CommandError(str(exc))
            self.changed += written
            written, councils = load_councils(units)
            self.changed += written
            self.changed += load_terms(councils, data["terms"])
            self.changed += load_bodies(councils, data)
            self.load_fields_and_agencies(data, units)
            self.load_holidays()
            self.load_rules(data["deadline_rules"])
            # Periods through next year: a ward's report for a later period is refused as unknown.
            for year in range(2021, timezone.localdate().year + 2):
                for kind in ("H1", "H2", "Y"):
                    _p, created = ReportingPeriod.objects.get_or_create(year=year, kind=kind)
                    self.changed += created
            for module in app_modules("reference"):
                self.changed += module.load(FIXTURES) or 0
            changed_groups = []
            roles.sync_groups(changed_groups)
            self.changed += len(changed_groups)
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(
                f"Đã nạp dữ liệu danh mục: {len(councils)} HĐND ({self.changed} bản ghi mới hoặc thay đổi)."
            ))

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

    def load_fields_and_agencies(self, data, units):
        for code, name in data["fields"]:
            self.upsert(Field, {"code": code}, {"name": name})
        for agency in data["agencies"]:
            unit = AdminUnit.objects.filter(code=agency["unit"]).order_by(F("valid_from").asc(nulls_first=True)).first()
            self.upsert(Agency, {"name": agency["name"]},
                        {"short_name": agency["short_name"], "level": agency["level"], "admin_unit": unit})
        # The people's committee of each province and commune-level unit, in bulk.
        existing = set(Agency.objects.values_list("name", flat=True))
        new = []
        by_pk = {unit.pk: unit for unit in units}
        for unit in units:
            name, values = self.committee(data, unit, by_pk.get(unit.parent_id))
            if name and name not in existing:
                existing.add(name)
                new.append(Agency(name=name, admin_unit=unit, **values))
        for agency in new:
            normalise_model_text(agency)
        Agency.objects.bulk_create(new, batch_size=BATCH)
        self.changed += len(new)

    @staticmethod
    def committee(data, unit, parent):
        """(name, values) of the UBND agency of a unit, or (None, None) for district-level units."""
        if unit.unit_type in (UnitType.PROVINCE, UnitType.CENTRAL_CITY):
            kind = "tỉnh" if unit.unit_type == UnitType.PROVINCE else "thành phố"
            return f"UBND {kind} {bare_name(unit.name)}", {"short_name": f"UBND {kind}", "level": "tinh"}
        if unit.unit_type not in (UnitType.WARD, UnitType.COMMUNE, UnitType.SPECIAL_ZONE, UnitType.TOWNSHIP):
            return None, None
        lowered = unit.name[0].lower() + unit.name[1:]
        if parent and parent.unit_type in (UnitType.PROVINCE, UnitType.CENTRAL_CITY) and not unit.note:
            # Commune names repeat across provinces: the province names the committee apart.
            name = f"{data['ward_agency_template'].format(name=lowered)}, {parent.name[0].lower()}{parent.name[1:]}"
        else:
            name = data["ward_agency_template"].format(name=lowered)
            if unit.valid_from:
                name += f" (từ {unit.valid_from:%d/%m/%Y})"
        return name, {"short_name": "UBND xã/phường", "level": "xa"}

    def load_holidays(self):
        existing = {h.date: h for h in Holiday.objects.all()}
        new, changed = [], []
        for row in csv.DictReader((FIXTURES / "holidays.csv").open(encoding="utf-8")):
            day = parse_date(row["date"])
            holiday = existing.get(day)
            if holiday is None:
                new.append(Holiday(date=day, kind=row["kind"], note=row["note"]))
            elif holiday.note != row["note"] and SHIPPED_ENGLISH_NOTE.search(holiday.note):
                holiday.note = row["note"]
                changed.append(holiday)
        Holiday.objects.bulk_create(new)
        if changed:
            Holiday.objects.bulk_update(changed, ["note"])
        self.changed += len(new) + len(changed)

    def load_rules(self, rules):
        for rule in rules:
            self.upsert(
                DeadlineRule, {"code": rule["code"], "effective_from": parse_date(rule["effective_from"])},
                {"name": rule["name"], "days": rule["days"], "day_type": rule["day_type"],
                 "direction": rule.get("direction", 1), "extensions": rule.get("extensions", []),
                 "legal_basis": rule["legal_basis"], "status": rule["status"],
                 "effective_to": parse_date(rule["effective_to"]), "note": rule.get("note", "")},
            )

"""Recommendations are numbered from the register counter (apps.core.numbering), like petitions.

Existing codes are kept as they are (KN-2022-001 stays KN-2022-001); each council's counter for a
year starts after the highest number already used, so new codes (KN-2022-0004 …) never repeat one.
"""
import re

from django.db import migrations

CODE = re.compile(r"^KN-(\d{4})-(\d+)$")


def counters_from_codes(apps, schema_editor):
    Recommendation = apps.get_model("oversight", "Recommendation")
    RegisterCounter = apps.get_model("core", "RegisterCounter")
    last = {}
    for council_id, code in Recommendation.objects.exclude(code="").values_list("council_id", "code").iterator():
        match = CODE.match(code)
        if match:
            key = (council_id, int(match.group(1)))
            last[key] = max(last.get(key, 0), int(match.group(2)))
    for (council_id, year), number in last.items():
        counter, _created = RegisterCounter.objects.get_or_create(
            council_id=council_id, register="recommendation", year=year, defaults={"last_number": 0})
        if counter.last_number < number:
            counter.last_number = number
            counter.save(update_fields=["last_number"])


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0007_register_counter_recommendations"),
        ("oversight", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(counters_from_codes, migrations.RunPython.noop),
    ]

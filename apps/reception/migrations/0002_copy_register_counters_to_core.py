"""RegisterCounter moved to core (petitions number their codes with it too): copy the counters.

Runs after core's 0003 created core_registercounter and before 0003 here drops the reception table.
Reversible: going back copies core's counters into the recreated reception table.
"""
from django.db import migrations

FIELDS = ("council_id", "register", "year", "last_number")


def copy(apps, source_label, target_label):
    source = apps.get_model(*source_label.split("."))
    target = apps.get_model(*target_label.split("."))
    rows = [target(**{f: getattr(row, f) for f in FIELDS}) for row in source.objects.all().iterator()]
    existing = set(target.objects.values_list("council_id", "register", "year"))
    target.objects.bulk_create([r for r in rows if (r.council_id, r.register, r.year) not in existing],
                               batch_size=1000)


def forwards(apps, schema_editor):
    copy(apps, "reception.RegisterCounter", "core.RegisterCounter")


def backwards(apps, schema_editor):
    copy(apps, "core.RegisterCounter", "reception.RegisterCounter")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_registercounter"),
        ("reception", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]

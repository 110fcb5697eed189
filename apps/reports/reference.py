"""Load the ward report form (indicators and consistency rules) from fixtures/indicators.json.

Called by ``load_reference_data`` through the registry. Rows are matched by their
business key (code, effective_from), so running it again changes nothing.
"""
import datetime
import json
from pathlib import Path

from .models import ConsistencyRule, Indicator

FILENAME = "indicators.json"


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _upsert(model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return 1
    dirty = [k for k, v in values.items() if getattr(obj, k) != v]
    if not dirty:
        return 0
    for k in dirty:
        setattr(obj, k, values[k])
    obj.save()
    return 1


def load(fixtures_dir):
    path = Path(fixtures_dir) / FILENAME
    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = 0
    for row in data.get("indicators", []):
        changed += _upsert(
            Indicator, {"code": row["code"], "effective_from": _date(row.get("effective_from"))},
            {"name": row["name"], "unit": row["unit"], "order": row.get("order", 0),
             "parent_code": row.get("parent") or "", "effective_to": _date(row.get("effective_to"))},
        )
    for row in data.get("rules", []):
        changed += _upsert(
            ConsistencyRule, {"code": row["code"], "effective_from": _date(row.get("effective_from"))},
            {"left": list(row["left"]), "operator": row["operator"], "right": list(row["right"]),
             "effective_to": _date(row.get("effective_to")), "note": row.get("note", "")},
        )
    return changed

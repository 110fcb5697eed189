"""Terms and bodies of every council, written in bulk by load_reference_data.

Terms (fixtures/reference.json "terms"): each shipped term has a key ("2021-2026"); a council
gets it when its life overlaps the term, cut to that life: a council dissolved on 30/06/2025
ends its 2021–2026 term then, one formed on 01/07/2025 begins it then, and a council that goes
on ends it the day before the 2026–2031 term begins. The key, not the name, finds the row again,
so an administrator may rename a term and a later load leaves the name alone.

Bodies follow the level (Luật Tổ chức chính quyền địa phương): a province's council has
Ban Kinh tế – Ngân sách, Ban Văn hóa – Xã hội, Ban Pháp chế (and Ban Dân tộc where it has one);
a commune's has Ban Kinh tế – Xã hội and Ban Pháp chế. A body is looked up by its kind, so a
renamed one is not created again.
"""
import datetime

from simple_history.utils import bulk_create_with_history

from .choices import CouncilLevel
from .models import Body, Term
from .reference_units import BATCH, parse_date
from .text import normalise_model_text

# The end date every 2021–2026 term had before terms were cut to their councils' lives.
FORMER_SHIPPED_END = datetime.date(2026, 6, 30)


def term_span(term, council):
    """(start, end) of a shipped term for this council, or None when they do not overlap."""
    start, end = parse_date(term["start_date"]), parse_date(term["end_date"])
    unit = council.admin_unit
    if unit.valid_from and unit.valid_from > start:
        start = unit.valid_from
    if unit.valid_to and (end is None or unit.valid_to < end):
        end = unit.valid_to
    if end is not None and end < start:
        return None
    return start, end


def load_terms(councils, terms):
    """Give each council the shipped terms its life overlaps; returns rows written."""
    existing = {(t.council_id, t.reference_key): t
                for t in Term.objects.exclude(reference_key="")}
    new, changed = [], []
    for council in councils:
        for term in terms:
            span = term_span(term, council)
            if span is None:
                continue
            row = existing.get((council.pk, term["key"]))
            if row is None:
                name = term.get("names", {}).get(council.admin_unit.code, term["name"])
                new.append(Term(council=council, reference_key=term["key"], name=name,
                                start_date=span[0], end_date=span[1]))
            elif row.end_date == FORMER_SHIPPED_END and span[1] != FORMER_SHIPPED_END:
                # Written by an earlier load, never edited: cut it to the council's life.
                row.end_date = span[1]
                changed.append(row)
    for obj in new + changed:
        normalise_model_text(obj)
    Term.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        Term.objects.bulk_update(changed, ["end_date"], batch_size=BATCH)
    return len(new) + len(changed)


def bodies_for(council, data):
    """The bodies a council of this level has (list of {"kind", "name"})."""
    bodies = list(data["bodies"].get(council.level, []))
    if council.level == CouncilLevel.PROVINCE and council.admin_unit.code in data.get("ethnic_committee_provinces", []):
        bodies += data["bodies"]["ethnic_committee"]
    return bodies


def load_bodies(councils, data):
    """Create the bodies each council lacks (by kind); never renames or removes one."""
    have = set(Body.objects.values_list("council_id", "kind"))
    new = []
    for council in councils:
        for body in bodies_for(council, data):
            if (council.pk, body["kind"]) not in have:
                new.append(Body(council=council, kind=body["kind"], name=body["name"]))
                have.add((council.pk, body["kind"]))
    for obj in new:
        normalise_model_text(obj)
    if new:
        bulk_create_with_history(new, Body, batch_size=BATCH)
    return len(new)

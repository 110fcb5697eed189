"""Which agencies a council's records are forwarded to: those of its own area.

An agency (cơ quan giải quyết) belongs to an administrative unit. A record of a council may be sent to
the agencies of that council's unit, of the units above it (the province's departments, the district's
offices before 2025) and of the units below it (a province's communes), and to agencies with no unit
(central bodies). Selects, autocompletes and list filters of agencies offer only these.
"""
from django.db.models import Q


def area_unit_ids(council_ids):
    """The ids of the units of ``council_ids``, of every unit above them and of every unit below them."""
    from .models import AdminUnit, Council

    units = set(Council.objects.filter(pk__in=council_ids).values_list("admin_unit_id", flat=True))
    found = set(units)
    frontier = set(units)
    while frontier:  # up: one query per level
        frontier = set(AdminUnit.objects.filter(pk__in=frontier, parent__isnull=False)
                       .values_list("parent_id", flat=True)) - found
        found |= frontier
    frontier = set(units)
    while frontier:  # down
        frontier = set(AdminUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def agencies_of(council_ids):
    """A Q on Agency: the agencies of the area of ``council_ids`` (see the module's docstring)."""
    return Q(admin_unit__isnull=True) | Q(admin_unit_id__in=area_unit_ids(council_ids))

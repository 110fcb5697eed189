"""How a council is named in a list of choices, so that no two entries look the same.

Commune names repeat across provinces ("HĐND phường An Bình" is in four of them), and a unit code is
reused after the 2025 reorganisation (06709 was Ka Long until 30/06/2025 and is Móng Cái 2 since). A
choice therefore carries the unit code and the province, and the end date of a council that ended:

    HĐND phường Móng Cái 2 (06709, tỉnh Quảng Ninh)
    HĐND phường Ka Long (06709, tỉnh Quảng Ninh, đến 30/06/2025)
    HĐND tỉnh Quảng Ninh (22)

``str(council)`` stays the bare name: reports, titles and messages name a council as it calls itself.
A register's council column uses ``short_name``: "P. Móng Cái 1", as addresses abbreviate units.
"""
from django.utils.html import format_html

# What a queryset of councils needs so that labelling them costs no further query (a commune sits under
# its province since 01/07/2025, a ward of before under its district, which sits under the province).
LABEL_RELATED = ("admin_unit", "parent__admin_unit", "parent__parent__admin_unit")


def with_labels(queryset, prefix=""):
    """``queryset`` with what ``council_choice_label`` reads; ``prefix`` for a relation ("council__")."""
    return queryset.select_related(*(f"{prefix}{path}" for path in LABEL_RELATED))


def province_name(council):
    """'tỉnh Quảng Ninh': the name of the council at the top of ``council``'s chain, without "HĐND"."""
    top = council
    for _level in range(4):
        if top.parent_id is None:
            break
        top = top.parent
    if top is council:
        return ""
    name = top.name
    return name[5:] if name.startswith("HĐND ") else name


def council_choice_label(council):
    """The council's name with its unit code, its province and, for a council that ended, its end."""
    if council is None:
        return ""
    details = [council.admin_unit.code] if council.admin_unit_id else []
    province = province_name(council)
    if province:
        details.append(province)
    ended = council.admin_unit.valid_to if council.admin_unit_id else None
    if ended:
        details.append(f"đến {ended:%d/%m/%Y}")
    return f"{council.name} ({', '.join(details)})" if details else council.name


def council_namer(council_ids, plain=None):
    """A function naming a council in a list of the councils ``council_ids``: ``plain(council)`` (its bare
    name by default), or its full label where that name is shared (Hải Sơn until 30/06/2025 and Hải Sơn
    since, both 06724). None: every council of the country may be listed, so always the full label."""
    if council_ids is None:
        return council_choice_label
    plain = plain or (lambda council: council.name)
    from django.db.models import Count

    from .models import Council

    repeated = []  # read on first use: a form whose council choice is a search may name no council at all

    def name(council):
        if not repeated:
            repeated.append(set(Council.objects.filter(pk__in=council_ids).values("name").annotate(n=Count("pk"))
                                .filter(n__gt=1).values_list("name", flat=True)))
        return council_choice_label(council) if council.name in repeated[0] else plain(council)

    return name


# How addresses abbreviate a unit's type; the longest first ("thị xã" before "xã").
_SHORT_TYPES = (("thành phố ", "TP. "), ("thị trấn ", "TT. "), ("thị xã ", "TX. "), ("đặc khu ", "ĐK. "),
                ("phường ", "P. "), ("huyện ", "H. "), ("quận ", "Q. "), ("xã ", "X. "), ("tỉnh ", "Tỉnh "))


def short_name(council):
    """'P. Móng Cái 1' for "HĐND phường Móng Cái 1": what tells councils apart, in a narrow column
    whose heading already says HĐND (the whole name is its hover text)."""
    if council is None:
        return ""
    name = council.name[5:] if council.name.startswith("HĐND ") else council.name
    for long, short in _SHORT_TYPES:
        if name.startswith(long):
            name = short + name[len(long):]
            break
    return format_html('<span title="{}">{}</span>', council.name, name)

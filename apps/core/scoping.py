"""The one scoping rule: which councils' records a user may see, and which they may change (docs/ROLES.md).

Change (``action="change"``):
- superuser: every council (returns None = no restriction);
- secretariat and leader: their council and every council below it;
- ward: their own council only;
- anyone else: nothing.

View (``action="view"``, the default): the councils they may change, plus every predecessor of
those councils (the councils of the units theirs was formed from, and theirs before them): the
clerks of Phường Móng Cái 2 read, but never change, the records of Ka Long, Ninh Dương and Vạn Ninh.
Whether a role may change anything at all is the role's permissions (a leader only views).

Querysets apply it with ``for_user(user, action)``; the admin's object permissions
(apps/core/admin_lifetimes.py) and imports ask for ``"change"``. The answers are cached on the
user object, so a request pays for them once.
"""
from .choices import Role

_CACHE_ATTR = "_visible_council_ids"
_CHANGE_CACHE_ATTR = "_changeable_council_ids"
ACTIONS = ("view", "change")


def profile_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.council_profile
    except Exception:  # RelatedObjectDoesNotExist
        return None


def visible_council_ids(user, action="view"):
    """The ids of the councils whose records ``user`` may view (or change); None means all."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    attr = _CACHE_ATTR if action == "view" else _CHANGE_CACHE_ATTR
    cached = getattr(user, attr, None)
    if cached is not None:
        return cached
    if action == "change":
        profile = profile_of(user)
        if profile is None or not user.is_active:
            ids = frozenset()
        elif profile.role == Role.WARD:
            ids = frozenset({profile.council_id})
        else:
            ids = frozenset(descendant_ids(profile.council_id))
    else:
        changeable = visible_council_ids(user, "change")
        ids = frozenset(changeable | predecessor_ids(changeable)) if changeable else changeable
    setattr(user, attr, ids)
    return ids


def may_change(user, council_id):
    ids = visible_council_ids(user, "change")
    return ids is None or council_id in ids


def reads_predecessors(user):
    """True when ``user`` works for several councils and also reads records of councils they were formed
    from, which they cannot change: their lists can then be narrowed to the councils they work for."""
    working = visible_council_ids(user, "change")
    return working is not None and len(working) > 1 and working != visible_council_ids(user)


def predecessor_ids(council_ids):
    """The councils of every unit the given councils' units were formed from, transitively."""
    from .models import Council

    found = set()
    frontier = set(council_ids)
    while frontier:
        frontier = set(Council.objects.filter(admin_unit__successors__councils__in=frontier)
                       .values_list("pk", flat=True)) - found - set(council_ids)
        found |= frontier
    return found


def descendant_ids(council_id):
    """The council and all councils below it, one query per level."""
    from .models import Council

    found = {council_id}
    frontier = {council_id}
    while frontier:
        frontier = set(Council.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def role_of(user):
    profile = profile_of(user)
    return profile.role if profile else None


def home_council(user):
    profile = profile_of(user)
    return profile.council if profile else None


# ---------------------------------------------------------------------------
# Reports: "my wards" and who may read the summaries
# ---------------------------------------------------------------------------
def report_wards(user, start, end):
    """The commune-level councils whose half-year reports this user uploads or reads for [start, end],
    by unit code. One rule for the status page, the templates, the dashboard and the ward importer:

    - a ward clerk: their own council, if it existed during the span;
    - secretariat and leaders: the commune-level councils directly below their council during the
      span (a province's communes from 01/07/2025; never a district-level council such as HĐND
      thành phố Móng Cái, whose own wards are that council's to report on);
    - a superuser: every commune-level council that has a council above it;
    - anyone else: none.
    """
    from .choices import CouncilLevel
    from .models import Council

    qs = (Council.objects.overlapping(start, end).filter(level=CouncilLevel.COMMUNE)
          .select_related("admin_unit").order_by("admin_unit__code", "admin_unit__valid_from"))
    if getattr(user, "is_superuser", False) and user.is_active:
        return list(qs.filter(parent__isnull=False))
    profile = profile_of(user)
    if profile is None or not user.is_active:
        return []
    if profile.role == Role.WARD:
        return list(qs.filter(pk=profile.council_id))
    return list(qs.filter(parent_id=profile.council_id))


def may_read_reports(user):
    """Summaries and report pages: a superuser, or staff with a council (ward clerks see their own)."""
    return user.is_active and (user.is_superuser or (user.is_staff and profile_of(user) is not None))

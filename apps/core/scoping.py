"""The one scoping rule: which councils' records a user may see (docs/ROLES.md).

- superuser: every council (returns None = no restriction);
- secretariat and leader: their council and every council below it;
- ward: their own council only;
- anyone else: nothing.

The answer is cached on the user object, so a request pays for it once.
"""
from .choices import Role

_CACHE_ATTR = "_visible_council_ids"


def profile_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.council_profile
    except Exception:  # RelatedObjectDoesNotExist
        return None


def visible_council_ids(user):
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    profile = profile_of(user)
    if profile is None or not user.is_active:
        ids = frozenset()
    elif profile.role == Role.WARD:
        ids = frozenset({profile.council_id})
    else:
        ids = frozenset(descendant_ids(profile.council_id))
    setattr(user, _CACHE_ATTR, ids)
    return ids


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

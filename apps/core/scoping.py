"""The one scoping rule: which councils' records a user may see (DESIGN §1).

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

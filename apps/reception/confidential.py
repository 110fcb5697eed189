"""Confidentiality of denouncers (người tố cáo; Luật Tố cáo 2018 Đ.47–48): the one home of masking.

A record is *sealed* when it may carry a denouncer's identity (``is_sealed`` on the model, and
``sealed_q()`` for querysets): a denunciation, a letter of several contents (one of them may be a
denunciation), a letter handed in at a denunciation visit (its sender was copied from the visit).

The name, address and ID number of a sealed record are shown, exported and searchable only for
users holding ``reception.view_denouncer_identity`` (secretariat and leaders through roles.py;
superusers), or for the one record a user was granted (``IdentityGrant``: the person handling the
denunciation). Everyone else sees ``***`` in place of each of them, on every surface: changelists,
change and history views, search, URL lookups, exports and downloads. Every unmasked view, export
or download is logged (apps.core.audit) with the client's address.

Every surface calls this module; nothing else decides what is masked or how.
"""
from django.db.models import Q

from apps.core.audit import log_sensitive_access

PERMISSION = "reception.view_denouncer_identity"
MASK = "***"
VIEWED, EXPORTED = "viewed", "exported"  # the actions of apps.core.audit


def may_see_all(user):
    """The user sees every identity in the records they may read (the permission)."""
    return bool(user and user.is_active and user.has_perm(PERMISSION))


def can_view_identity(user, obj=None):
    """The user may see the identity on ``obj`` (or, without ``obj``, on every record)."""
    if may_see_all(user):
        return True
    return obj is not None and obj.pk is not None and bool(user and user.is_active) and _granted(user, obj)


def _granted(user, obj):
    from .models import IdentityGrant

    return IdentityGrant.objects.for_record(obj).filter(user=user).exists()


def granted_pks(user, model):
    """The pks of ``model`` records whose identity the user was granted (one query; a changelist page)."""
    from .models import IdentityGrant

    if not (user and user.is_active and user.is_authenticated):
        return set()
    return set(IdentityGrant.objects.filter(user=user).values_list(IdentityGrant.field_for(model), flat=True)
               .exclude(**{f"{IdentityGrant.field_for(model)}__isnull": True}))


def is_sealed(obj):
    return bool(getattr(obj, "is_sealed", False))


def sealed_q(model):
    """The sealed records of ``model`` as a filter (search, lookups, the access log)."""
    return model.sealed_q() if hasattr(model, "sealed_q") else Q(pk__in=[])


def mask(value):
    """The whole value hidden: no family name, no initials, no length."""
    return MASK if value else ""


def shown(obj, field, can_view):
    """The value of identity ``field`` of ``obj`` for a viewer; ``can_view`` is a bool or a
    callable(obj) (a changelist asks once per page, not once per row)."""
    value = getattr(obj, field) or ""
    if not is_sealed(obj):
        return value
    allowed = can_view(obj) if callable(can_view) else can_view
    return value if allowed else mask(value)


def viewer(user, model):
    """A callable(obj) -> may ``user`` see this record's identity, for a list of ``model`` records:
    the permission, or a grant (read once)."""
    if may_see_all(user):
        return lambda obj: True
    granted = granted_pks(user, model)
    return lambda obj: obj.pk in granted


def masked(obj, field, user):
    """The value of identity ``field`` of ``obj`` as ``user`` may see it."""
    return shown(obj, field, lambda o: can_view_identity(user, o))


def log_access(user, action, obj_or_description, request=None):
    """Record that ``user`` saw, exported or downloaded unmasked identities (with the client address)."""
    return log_sensitive_access(user, action, obj_or_description, request=request)

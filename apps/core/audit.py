"""Who viewed, exported or downloaded personal data that is otherwise masked.

Call ``log_sensitive_access`` wherever a user with a ``view_denouncer_identity``-style
permission sees or exports unmasked identities::

    from apps.core.audit import log_sensitive_access
    log_sensitive_access(request.user, "viewed", denunciation, request=request)
    log_sensitive_access(request.user, "exported", queryset, request=request)

Rows are read in the admin (apps.core.admin_audit) by administrators only.

``client_ip`` is also the address django-axes locks out (AXES_CLIENT_IP_CALLABLE), so the
audit log and the lockout agree on who "the address" is behind a reverse proxy.
"""
import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

ACTIONS = ("viewed", "exported")
_DESCRIPTION_MAX = 500
_OBJECT_ID_MAX = 255


def client_ip(request):
    """The client's address as this deployment sees it.

    REMOTE_ADDR, unless the peer is one of our own proxies (TRUSTED_PROXIES: addresses or
    networks). Only then is X-Forwarded-For read, right to left: each proxy appends the address
    it saw, so the first entry that is not one of our proxies is the client. Entries further
    left were written by the client and prove nothing. A peer that is not a trusted proxy (a
    direct connection to gunicorn) cannot choose its address by sending the header.
    """
    if request is None:
        return None
    meta = request.META
    remote = _valid_ip(meta.get("REMOTE_ADDR", ""))
    proxies = trusted_proxies()
    if remote is None or not _is_proxy(remote, proxies):
        return remote or meta.get("REMOTE_ADDR") or None
    client = remote
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _valid_ip(hop.strip())
        if address is None:
            break  # garbage in the header: the last address a proxy of ours vouched for stands
        client = address
        if not _is_proxy(address, proxies):
            break
    return client


def trusted_proxies():
    """TRUSTED_PROXIES as networks (a bare address is a /32 or /128); none by default."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


@functools.lru_cache(maxsize=8)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is not an address or a network")
    return tuple(networks)


def _is_proxy(address, proxies):
    ip = ipaddress.ip_address(address)
    return any(ip.version == net.version and ip in net for net in proxies)


def _valid_ip(text):
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _describe(target):
    """(model label, object id, description) for an instance, a queryset, a list or a text."""
    if isinstance(target, models.Model):
        return target._meta.label, str(target.pk), str(target)
    if isinstance(target, models.QuerySet):
        count = target.count()
        ids = [str(pk) for pk in target.values_list("pk", flat=True)[:50]]
        name = target.model._meta.verbose_name_plural
        return target.model._meta.label, ",".join(ids), f"{count} {name}"
    if isinstance(target, (list, tuple)) and all(isinstance(t, models.Model) for t in target):
        if not target:
            return "", "", "0 bản ghi"
        opts = target[0]._meta
        ids = ",".join(str(t.pk) for t in target)
        shown = "; ".join(str(t) for t in target[:5]) + ("…" if len(target) > 5 else "")
        return opts.label, ids, f"{len(target)} {opts.verbose_name_plural}: {shown}"
    return "", "", str(target or "")


def log_sensitive_access(user, action, obj_or_description, request=None):
    """Record that ``user`` viewed or exported the personal data in ``obj_or_description``.

    ``action`` is "viewed" or "exported"; the target is a model instance, a queryset, a list of
    instances or a plain description. Returns the SensitiveAccessLog row.
    """
    from .models import SensitiveAccessLog

    if action not in ACTIONS:
        raise ValueError(f"action must be one of {ACTIONS}, not {action!r}")
    model_label, object_id, description = _describe(obj_or_description)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return SensitiveAccessLog.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        model=model_label[:100],
        object_id=object_id[:_OBJECT_ID_MAX],
        description=description[:_DESCRIPTION_MAX],
        ip_address=client_ip(request),
    )

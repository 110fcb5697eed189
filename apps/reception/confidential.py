"""Confidentiality of denouncers (người tố cáo; Luật Tố cáo 2018 Đ.47).

The name, address and ID number of a denouncer are shown, exported and searchable
only for users holding ``reception.view_denouncer_identity`` (secretariat and
leaders through roles.py; superusers). Everyone else sees them masked, on every
surface: changelists, change and history views, search and exports.
"""
PERMISSION = "reception.view_denouncer_identity"
MASK = "***"

try:  # the shared audit log is optional (being written in core)
    from apps.core.audit import log_sensitive_access
except ImportError:  # pragma: no cover - depends on core's progress
    log_sensitive_access = None


def can_view_identity(user):
    return bool(user and user.is_active and user.has_perm(PERMISSION))


def mask_name(name):
    """'Nguyễn Văn An' -> 'Nguyễn *** ***': the family name only, as in the usual notices."""
    words = (name or "").split()
    if not words:
        return ""
    return " ".join([words[0]] + [MASK] * max(1, len(words) - 1))


def mask_text(value):
    return MASK if value else ""


def masked(obj, field, user):
    """The value of identity ``field`` of ``obj`` as ``user`` may see it."""
    value = getattr(obj, field) or ""
    if not obj.is_denunciation or can_view_identity(user):
        return value
    return mask_name(value) if field in obj.NAME_FIELDS else mask_text(value)


VIEWED, EXPORTED = "viewed", "exported"  # the actions of apps.core.audit


def log_access(user, action, obj_or_description, request=None):
    """Record that ``user`` saw or exported unmasked denouncer identities (when core has the audit log)."""
    if log_sensitive_access is not None:
        try:
            log_sensitive_access(user, action, obj_or_description, request=request)
        except Exception:  # the audit log must never break a clerk's work; pragma: no cover
            import logging

            logging.getLogger(__name__).exception("audit log failed")

"""Tiếp công dân and đơn thư, one module per subject; every name is re-exported here, so that
``from apps.reception.models import Letter`` works everywhere and Django finds the models when it loads the app.

- records: what both registers share (numbering per council and year, the denouncer's identity);
- visits: reception sessions and the sổ tiếp công dân;
- letters: the sổ xử lý đơn;
- grants: who may see one denunciation's denouncer.
"""
from .grants import IdentityGrant, IdentityGrantQuerySet
from .letters import Letter, LetterQuerySet
from .records import IdentityMixin, NumberedRecord, Register, due_or_none
from .visits import LARGE_GROUP, ReceptionSession, Visit

__all__ = [
    "LARGE_GROUP", "IdentityGrant", "IdentityGrantQuerySet", "IdentityMixin", "Letter", "LetterQuerySet",
    "NumberedRecord", "ReceptionSession", "Register", "Visit", "due_or_none",
]

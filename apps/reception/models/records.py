"""What the two reception registers share: numbering per council and year, and the denouncer's identity."""
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from apps.core import numbering
from apps.core.deadlines import NoRuleInForce, compute_due
from apps.core.models import CouncilOwnedModel, RegisterCounter

from .. import services

Register = RegisterCounter.Register  # the numbered registers (apps.core.numbering)


def due_or_none(rule, start, **kwargs):
    """The due date of ``rule`` counted from ``start``; None without a start, a rule, or a rule in force."""
    if start is None or rule is None:
        return None
    try:
        return compute_due(rule, start, **kwargs)
    except NoRuleInForce:
        return None


class NumberedRecord(CouncilOwnedModel):
    """A register row numbered per council and year (số thứ tự trong sổ)."""

    register = None  # Register value, set by subclasses
    date_field = None

    register_year = models.PositiveSmallIntegerField(_("năm của sổ"), null=True, blank=True, editable=False)
    register_number = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True, editable=False)
    # The folded identity of a denouncer (IdentityMixin.sealed_search_fields), apart from search_text.
    search_sealed = models.TextField(_("danh tính người tố cáo (tìm kiếm)"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    @property
    def register_code(self):
        return f"{self.register_number:04d}/{self.register_year}" if self.register_number else "—"

    def clean_fields(self, exclude=None):
        """A register number given by an import must not jump past the register's next number."""
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self._state.adding and isinstance(self.register_number, int) and self.council_id:
            # Replaces the column's range error too: the next number is what the clerk needs to know.
            year = self.register_year or getattr(getattr(self, self.date_field), "year", None)
            if year is not None:
                try:
                    numbering.check_given_number(self.council_id, self.register, year, self.register_number,
                                                 taken_before=getattr(self, "_numbers_taken_in_import", {}).get(
                                                     (self.council_id, year), 0))
                except ValidationError as error:
                    errors["register_number"] = error.messages
        if errors:
            raise ValidationError(errors)

    def search_extra(self):
        """The number as the register shows it ("0017/2022"), for search."""
        return [self.register_code] if self.register_number else []

    def save(self, *args, **kwargs):
        # The same rules as every bulk path (services.create): due dates, status, then the number.
        services.prepare(self, getattr(self, "_deadline_kwargs", None))
        with transaction.atomic():
            services.number([self])
            super().save(*args, **kwargs)


class IdentityMixin:
    """Records that may carry a denouncer's identity (see confidential.py).

    ``is_sealed`` / ``sealed_q()``: the identity is confidential on this record. ``IDENTITY_FIELDS``
    and ``IDENTITY_PERMISSION`` are read by the admin base (apps.core.admin_sealed) to refuse URL
    lookups on them, without core importing this app.

    A sealed identity is folded into ``search_sealed`` (NumberedRecord) instead of ``search_text``:
    only users who may see every identity search that column (apps/core/text.py, IdentityMaskingAdmin).
    """

    IDENTITY_FIELDS = ()
    NAME_FIELDS = ()
    IDENTITY_PERMISSION = "reception.view_denouncer_identity"

    @property
    def is_denunciation(self):
        raise NotImplementedError

    @property
    def is_sealed(self):
        raise NotImplementedError

    @classmethod
    def sealed_q(cls, prefix=""):
        raise NotImplementedError

    def sealed_search_fields(self):
        return self.IDENTITY_FIELDS if self.is_sealed else ()

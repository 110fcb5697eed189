"""History in words: the history pages show what a clerk reads on the form, not stored codes.

A change reads "Tình trạng: Chưa giải quyết → Đang giải quyết", dates dd/mm/yyyy, yes/no as Có/Không,
an empty value (an empty link too) as "—", a link to a record since deleted as "kiến nghị cử tri đã xóa";
the folded search columns (internal copies of the text) are not listed.
"""
import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from .text import SEALED_SEARCH_COLUMN, SEARCH_COLUMN

HIDDEN = {SEARCH_COLUMN, SEALED_SEARCH_COLUMN}
EMPTY = "—"


def in_words(field, value):
    """``value`` of model ``field`` as the form shows it."""
    if isinstance(value, DeletedObject):
        # simple-history gives an empty link as a "deleted" object without a key: it was empty, not deleted.
        if value.pk is None:
            return EMPTY
        return _("%(what)s đã xóa") % {"what": value.model._meta.verbose_name}
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list):
        return [in_words(field, v) for v in value]
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value) if timezone.is_aware(value) else value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(field, models.ForeignKey) and not isinstance(value, models.Model):
        return str(value)
    return value


class WordsHistoryHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        # As simple-history's own, without the internal search columns (its ModelDelta is frozen).
        formatted = (self.format_delta_change(change) for change in delta.changes if change.field not in HIDDEN)
        return [{"field": change.field, "old": change.old, "new": change.new} for change in formatted]

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return in_words(self.model._meta.get_field(change.field), value)


class HistoryInWordsMixin:
    """Hooked into the register base class: history pages in words."""

    def get_historical_record_context_helper(self, request, historical_record):
        return WordsHistoryHelper(self.model, historical_record)

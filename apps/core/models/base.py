"""The bases every register model builds on: text kept NFC-normalised with a folded search column,
created/updated tracking, and rows owned by one council and scoped by the one scoping rule."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..text import SEALED_SEARCH_COLUMN, SEARCH_COLUMN, normalise_model_text


class NormalisedQuerySet(models.QuerySet):
    """Bulk writes normalise each object like save() does, so the folded search column never
    misses a row created or changed in bulk (imports, seeds, carry-over)."""

    normalises_text = True

    def bulk_create(self, objs, *args, normalised=False, **kwargs):
        """``normalised``: the caller (apps/core/bulk.py) has just normalised every object."""
        objs = list(objs)
        if not normalised:
            for obj in objs:
                normalise_model_text(obj)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        fields = list(fields)
        text_fields = {f.name for f in self.model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))}
        if not text_fields & set(fields):  # dates, parents, counts: the folded text is unchanged
            return super().bulk_update(objs, fields, *args, **kwargs)
        for obj in objs:
            normalise_model_text(obj)
        for column in (SEARCH_COLUMN, SEALED_SEARCH_COLUMN):
            if column not in fields and any(f.name == column for f in self.model._meta.concrete_fields):
                fields.append(column)
        return super().bulk_update(objs, fields, *args, **kwargs)


class NormalisedTextModel(models.Model):
    """Stores every text field NFC-normalised and trimmed (docs/DESIGN.md §5), with its folded text in
    ``search_text`` for search without diacritics (apps/core/text.py, apps/core/admin_search.py)."""

    search_text = models.TextField(_("nội dung tìm kiếm"), blank=True, default="", editable=False)

    objects = NormalisedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        normalise_model_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields:
            # A partial save of text keeps its folded copy in step.
            names = {f.name for f in self._meta.concrete_fields}
            kwargs["update_fields"] = set(update_fields) | ({SEARCH_COLUMN, SEALED_SEARCH_COLUMN} & names)
        super().save(*args, **kwargs)


class TrackedModel(NormalisedTextModel):
    """Created/updated timestamps and users; the admin base class fills the users."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+",
    )

    class Meta:
        abstract = True


class CouncilScopedQuerySet(NormalisedQuerySet):
    def for_user(self, user, action="view"):
        """The rows this user may see (or, ``action="change"``, change): the one scoping rule (docs/ROLES.md)."""
        from ..scoping import visible_council_ids

        ids = visible_council_ids(user, action)
        if ids is None:
            return self
        return self.filter(**{f"{self.model.council_field}__in": ids})


class CouncilOwnedModel(TrackedModel):
    """A register row: belongs to exactly one council, tracked, with history."""

    council_field = "council_id"

    council = models.ForeignKey(
        "core.Council", verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="+",
    )

    objects = CouncilScopedQuerySet.as_manager()

    # The date that places the record in its council's life (apps/core/lifetimes.py); None: not checked.
    life_date_field = None

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        from ..lifetimes import remember_loaded

        instance = super().from_db(db, field_names, values)
        remember_loaded(instance)
        return instance

"""Councils as tenants (docs/DESIGN.md §6): every register's indexes lead with `council`."""
from django.apps import apps
from django.db import models

from apps.core.models import CouncilOwnedModel


def council_owned_models():
    return [
        model for model in apps.get_models()
        if issubclass(model, CouncilOwnedModel) and not model.__name__.startswith("Historical")
    ]


def leading_fields(model):
    firsts = []
    for index in model._meta.indexes:
        if index.fields:
            firsts.append(index.fields[0].lstrip("-"))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            firsts.append(constraint.fields[0])
    for together in model._meta.unique_together:
        firsts.append(together[0])
    return firsts


def test_there_are_council_owned_registers():
    assert len(council_owned_models()) >= 2


def test_every_council_owned_register_has_an_index_leading_with_council():
    lacking = sorted(model._meta.label for model in council_owned_models() if "council" not in leading_fields(model))

    assert not lacking, f"no index or unique constraint leading with council: {', '.join(lacking)}"

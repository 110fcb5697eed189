"""The summary names its sources explicitly: a renamed register module or field fails here, it does
not leave a blank cell or a missing column in an official report."""
import pytest
from django.core.exceptions import FieldDoesNotExist

from apps.petitions.models import Petition
from apps.reception.models import Letter
from apps.reports.summary import builder
from apps.reports.summary.xlsx import LIST_SHEETS, list_columns, period_filter


def test_every_register_counts_the_councils_own_figures():
    labels = {module.__name__ for module in builder.REGISTER_INDICATORS}
    assert labels == {"apps.sittings.indicators", "apps.oversight.indicators", "apps.petitions.indicators",
                      "apps.reception.indicators"}
    assert all(callable(module.count_indicators) for module in builder.REGISTER_INDICATORS)


@pytest.mark.parametrize("spec", LIST_SHEETS, ids=[spec[0] for spec in LIST_SHEETS])
def test_every_listed_column_is_a_field_of_its_register(spec):
    _sheet, _title, model, date_name, names = spec
    assert [f.name for f in list_columns(model, names)] == names
    model._meta.get_field(date_name)


def test_an_unknown_column_is_an_error_not_a_column_left_out():
    with pytest.raises(FieldDoesNotExist):
        list_columns(Petition, ["content", "no_such_field"])


def test_the_senders_identity_is_never_a_column():
    with pytest.raises(ValueError, match="sender_name"):
        list_columns(Letter, ["content", "sender_name"])


def test_an_unknown_date_field_is_an_error():
    import datetime

    with pytest.raises(FieldDoesNotExist):
        period_filter(Letter, "no_such_date", datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))

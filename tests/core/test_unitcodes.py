"""Which council a (reused) unit code means: on a day, during a span; never an assumed "today"."""
import datetime

import pytest

from apps.core import unitcodes
from apps.core.models import Council

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_reused_code_means_the_council_of_the_day():
    assert unitcodes.council_on("06709", D(2025, 6, 30)).name == "HĐND phường Ka Long"
    assert unitcodes.council_on("06709", D(2025, 7, 1)).name == "HĐND phường Móng Cái 2"


def test_extra_or_missing_leading_zeros_still_find_the_council():
    assert unitcodes.council_on("00194", D(2022, 1, 1)).name == "HĐND thành phố Móng Cái"
    assert unitcodes.council_on("6709", D(2022, 1, 1)).name == "HĐND phường Ka Long"


def test_a_day_outside_every_life_of_the_code_names_the_councils_it_meant():
    with pytest.raises(unitcodes.UnitCodeError) as caught:
        unitcodes.council_on("194", D(2025, 8, 1))
    assert str(caught.value) == ("Mã đơn vị «194» không có HĐND nào vào ngày 01/08/2025: "
                                 "HĐND thành phố Móng Cái (… – 30/06/2025).")


def test_an_unknown_code_is_said_so():
    with pytest.raises(unitcodes.UnitCodeError, match="Không có HĐND nào với mã đơn vị «99999»"):
        unitcodes.council_on("99999", D(2022, 1, 1))


def test_during_a_span_across_the_change_the_span_ends_with_the_successor():
    year = (D(2025, 1, 1), D(2025, 12, 31))
    assert unitcodes.council_during("06709", *year).name == "HĐND phường Móng Cái 2"
    assert unitcodes.council_during("06709", D(2025, 1, 1), D(2025, 6, 30)).name == "HĐND phường Ka Long"
    assert unitcodes.council_during("194", *year).name == "HĐND thành phố Móng Cái"


def test_when_asked_to_a_span_with_two_councils_is_refused():
    with pytest.raises(unitcodes.UnitCodeError, match="ứng với nhiều HĐND từ 01/01/2025 đến 31/12/2025"):
        unitcodes.council_during("06709", D(2025, 1, 1), D(2025, 12, 31), several="error")


def test_among_limits_the_search_to_the_given_councils():
    ka_long_only = Council.objects.filter(admin_unit__valid_from__isnull=True)
    assert unitcodes.council_during("06709", D(2025, 1, 1), D(2025, 12, 31), ka_long_only).name == "HĐND phường Ka Long"
    fetched = list(ka_long_only.select_related("admin_unit"))
    with pytest.raises(unitcodes.UnitCodeError):
        unitcodes.council_on("06709", D(2025, 8, 1), among=fetched)

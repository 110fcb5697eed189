"""Council filters and fields stay usable with every council of the country: a search, not a list."""
import pytest
from django.urls import reverse

from apps.core.filters import COUNCIL_LIST_LIMIT
from apps.core.models import Council

pytestmark = pytest.mark.django_db


def sidebar(response):
    text = response.content.decode()
    start = text.index('id="changelist-filter"')
    return text[start:]


def test_a_superuser_gets_a_council_search_instead_of_a_list(client_for, superuser):
    assert Council.objects.count() > COUNCIL_LIST_LIMIT
    response = client_for(superuser).get(reverse("admin:reception_letter_changelist"))
    assert response.status_code == 200
    html = sidebar(response)
    assert 'name="council_q"' in html
    assert "HĐND phường Móng Cái 2" not in html   # no list of every council


def test_the_council_search_lists_the_matches_and_keeps_other_filters(client_for, superuser):
    response = client_for(superuser).get(reverse("admin:reception_letter_changelist"),
                                         {"council_q": "Móng Cái", "status__exact": "moi"})
    assert response.status_code == 200
    html = sidebar(response)
    # Matches from the whole country: each named with its code and province, and its end if it ended.
    assert "HĐND phường Móng Cái 2 (06709, tỉnh Quảng Ninh)" in html
    assert "HĐND thành phố Móng Cái (194, tỉnh Quảng Ninh, đến 30/06/2025)" in html
    assert "HĐND xã Hải Sơn" not in html
    assert 'name="status__exact" value="moi"' in html


def test_the_council_search_finds_a_unit_code(client_for, superuser):
    response = client_for(superuser).get(reverse("admin:reception_letter_changelist"), {"council_q": "0673"})
    assert "HĐND phường Móng Cái 3 (06736, tỉnh Quảng Ninh)" in sidebar(response)


def test_a_chosen_council_filters_and_stays_shown(client_for, superuser, ward):
    from tests.reception.helpers import make_letter

    make_letter(ward, content="đơn của Ka Long")
    response = client_for(superuser).get(reverse("admin:reception_letter_changelist"), {"council": ward.pk})
    assert response.status_code == 200
    assert {letter.content for letter in response.context["cl"].result_list} == {"đơn của Ka Long"}
    assert "HĐND phường Ka Long (06709, tỉnh Quảng Ninh, đến 30/06/2025)" in sidebar(response)
    bad = client_for(superuser).get(reverse("admin:reception_letter_changelist"), {"council": "x"})
    assert bad.status_code == 200 and list(bad.context["cl"].result_list) == []


def test_the_council_field_of_a_form_is_a_search_for_a_superuser(client_for, superuser):
    response = client_for(superuser).get(reverse("admin:reception_letter_add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-model-name="council"' in html or "admin-autocomplete" in html
    assert html.count("<option") < 200


def test_the_council_autocomplete_searches_by_name_and_code(client_for, superuser):
    url = reverse("admin:autocomplete")
    params = {"app_label": "reception", "model_name": "letter", "field_name": "council"}
    found = client_for(superuser).get(url, {**params, "term": "Móng Cái 2"}).json()
    texts = [r["text"] for r in found["results"]]
    assert "HĐND phường Móng Cái 2 (06709, tỉnh Quảng Ninh)" in texts
    assert not any("Móng Cái 3" in text for text in texts)
    by_code = client_for(superuser).get(url, {**params, "term": "06736"}).json()
    # The code names Hải Yên until 2025 and Móng Cái 3 since: both are offered, told apart.
    assert {r["text"] for r in by_code["results"]} == {
        "HĐND phường Hải Yên (06736, tỉnh Quảng Ninh, đến 30/06/2025)", "HĐND phường Móng Cái 3 (06736, tỉnh Quảng Ninh)"}


def test_a_ward_clerk_keeps_a_plain_form(client_for, ward_clerk):
    html = client_for(ward_clerk).get(reverse("admin:reception_letter_add")).content.decode()
    assert "admin-autocomplete" not in html.split('id="id_council"')[1][:300] if 'id="id_council"' in html else True

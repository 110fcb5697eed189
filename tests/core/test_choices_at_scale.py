"""Choices that stay usable with every council of the country: a province's secretariat and a superuser
search (autocomplete) the terms, bodies, delegates, sittings and agencies of the council chosen in the
form; a ward clerk keeps a short select of their own council's; agencies are those of the council's area;
councils whose names repeat are told apart."""
import datetime
import json
import re

import pytest

from apps.core.agencies import agencies_of
from apps.core.choices import Role
from apps.core.council_labels import council_choice_label, council_namer, with_labels
from apps.core.models import Agency, Council, StaffProfile, Term
from tests.conftest import council, make_user
from tests.sittings import factories as f

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/"


def select_html(html, name):
    found = re.search(rf'<select name="{name}"[^>]*>.*?</select>', html, re.S)
    assert found, f"no select {name}"
    return found.group(0)


def option_values(html, name):
    return [v for v in re.findall(r'<option value="([^"]*)"', select_html(html, name)) if v]


def search(client, model, field, **params):
    app = {"sitting": "sittings", "supervisionactivity": "oversight", "petition": "petitions",
           "recommendation": "oversight", "question": "sittings"}[model]
    response = client.get(AUTOCOMPLETE, {"app_label": app, "model_name": model, "field_name": field,
                                         "term": "", **params})
    assert response.status_code == 200, response.content[:300]
    return [r["text"] for r in json.loads(response.content)["results"]]


@pytest.fixture
def province_clerk(db):
    """The secretariat of HĐND tỉnh Quảng Ninh: the province and its 54 communes (and the history below)."""
    return make_user("quangninh_t", "22", Role.SECRETARIAT)


@pytest.fixture
def mong_cai_1(db):
    return council("06712", on_or_before_2025=False)


@pytest.fixture
def mong_cai_1_clerk(mong_cai_1):
    user = make_user("mongcai1_t", "22", Role.WARD)
    StaffProfile.objects.filter(user=user).update(council=mong_cai_1)
    return user


def test_a_provinces_sitting_form_searches_terms_and_bodies_instead_of_listing_them(client_for, province_clerk):
    html = client_for(province_clerk).get("/admin/sittings/sitting/add/").content.decode()
    term = select_html(html, "term")
    assert "admin-autocomplete" in term and 'data-council-forward="1"' in term
    assert option_values(html, "term") == []  # nothing listed until searched
    assert 'data-field-name="examining_body"' in html  # the agenda's examining body too
    assert "council/choices.js" in html
    assert html.count("<option") < 150


def test_a_superusers_forms_list_no_councils_terms_or_bodies(client_for, superuser):
    client = client_for(superuser)
    for url in ("/admin/sittings/sitting/add/", "/admin/oversight/supervisionactivity/add/",
                "/admin/petitions/petition/add/", "/admin/oversight/recommendation/add/",
                "/admin/sittings/question/add/", "/admin/sittings/standingmeeting/add/",
                "/admin/petitions/votermeeting/add/"):
        html = client.get(url).content.decode()
        assert html.count("<option") < 150, url
        assert "HĐND phường Trần Phú" not in html, url


def test_the_search_holds_only_the_terms_of_the_council_sent_and_valid_on_the_date(client_for, province_clerk,
                                                                                    mong_cai_1):
    client = client_for(province_clerk)
    texts = search(client, "sitting", "term", council=mong_cai_1.pk)
    assert sorted(texts) == sorted(str(t) for t in Term.objects.filter(council=mong_cai_1))
    assert len(texts) == 2
    on_date = search(client, "sitting", "term", council=mong_cai_1.pk, date="2026-05-20")
    assert on_date == ["Nhiệm kỳ 2026–2031"]
    # Without a council (not chosen yet) a search names each term's council.
    unsent = search(client, "sitting", "term", term="Móng Cái 1")
    assert {"Nhiệm kỳ 2026–2031 — HĐND phường Móng Cái 1", "Nhiệm kỳ 2021–2026 (2025–2026) — HĐND phường Móng Cái 1"} \
        <= set(unsent)
    assert all(" — HĐND " in text for text in unsent), unsent


def test_a_search_without_a_council_offers_only_councils_the_user_may_file_under(client_for, mong_cai_1_clerk,
                                                                              mong_cai_1, ward):
    f.sitting(ward, number=4)  # Ka Long: a predecessor, read but not filed under
    mine = f.sitting(mong_cai_1, number=4, start=datetime.date(2025, 12, 10))
    texts = search(client_for(mong_cai_1_clerk), "question", "sitting")
    assert texts == [str(mine)]


def test_bodies_are_searched_in_the_chosen_council(client_for, province_clerk, mong_cai_1, ward):
    texts = search(client_for(province_clerk), "supervisionactivity", "conducting_body", council=mong_cai_1.pk)
    assert sorted(texts) == ["Ban Kinh tế – Xã hội", "Ban Pháp chế", "HĐND", "Thường trực HĐND"]


def test_a_ward_clerk_keeps_a_short_select_of_their_councils_terms(client_for, mong_cai_1_clerk, mong_cai_1):
    html = client_for(mong_cai_1_clerk).get("/admin/sittings/sitting/add/").content.decode()
    values = {int(v) for v in option_values(html, "term")}
    assert values == set(Term.objects.filter(council=mong_cai_1).values_list("pk", flat=True))
    assert len(values) == 2  # 2021–2026 (from 01/07/2025) and 2026–2031; no predecessor's term


def test_agencies_are_those_of_the_councils_area(client_for, province_clerk, mong_cai_1, ward):
    client = client_for(province_clerk)
    new = set(search(client, "petition", "agency", council=mong_cai_1.pk, term="UBND"))
    assert "UBND phường Móng Cái 1 (từ 01/07/2025)" in new and "UBND tỉnh Quảng Ninh" in new
    assert not any("Móng Cái 2" in name or "Móng Cái 3" in name for name in new)
    assert "UBND thành phố Móng Cái" not in new  # the district ended before this council began
    old = set(search(client, "recommendation", "addressee", council=ward.pk, term="Móng Cái"))
    assert {"UBND thành phố Móng Cái", "Phòng Tài nguyên và Môi trường thành phố Móng Cái"} <= old
    assert not any("Trần Phú" in name or "Móng Cái 1" in name for name in old)


def test_a_ward_clerks_agency_filter_lists_their_area_only(client_for, ward_clerk):
    html = client_for(ward_clerk).get("/admin/oversight/recommendation/").content.decode()
    sidebar = html[html.index('id="changelist-filter"'):]
    assert "UBND phường Ka Long" in sidebar and "UBND tỉnh Quảng Ninh" in sidebar
    assert "UBND phường Trần Phú" not in sidebar and "Móng Cái 1" not in sidebar
    area = Agency.objects.filter(agencies_of([ward_clerk.council_profile.council_id]))
    assert len(set(re.findall(r"addressee__id__exact=(\d+)", sidebar))) == area.count()


def test_a_superusers_term_filter_waits_for_a_council(client_for, superuser, mong_cai_1):
    client = client_for(superuser)
    html = client.get("/admin/sittings/sitting/").content.decode()
    assert "term__id__exact" not in html  # not every term of the country
    html = client.get("/admin/sittings/sitting/", {"council": mong_cai_1.pk}).content.decode()
    links = set(re.findall(r"term__id__exact=(\d+)", html))
    assert links == {str(pk) for pk in Term.objects.filter(council=mong_cai_1).values_list("pk", flat=True)}
    assert len(links) == 2


def test_councils_with_the_same_name_and_code_are_told_apart():
    pair = list(with_labels(Council.objects.filter(name="HĐND xã Hải Sơn")))
    assert len(pair) == 2
    labels = {council_choice_label(c) for c in pair}
    assert labels == {"HĐND xã Hải Sơn (06724, tỉnh Quảng Ninh)",
                      "HĐND xã Hải Sơn (06724, tỉnh Quảng Ninh, đến 30/06/2025)"}
    namer = council_namer([c.pk for c in pair] + [council("06709").pk])
    assert {namer(c) for c in pair} == labels
    assert namer(with_labels(Council.objects.filter(pk=council("06709").pk)).get()) == "HĐND phường Ka Long"
    assert council_choice_label(with_labels(Council.objects.filter(admin_unit__code="22")).get()) == \
        "HĐND tỉnh Quảng Ninh (22)"


def test_the_provinces_council_field_names_each_council_with_its_code(client_for, province_clerk):
    response = client_for(province_clerk).get(AUTOCOMPLETE, {
        "app_label": "sittings", "model_name": "sitting", "field_name": "council", "term": "Hải Sơn"})
    texts = [r["text"] for r in json.loads(response.content)["results"]]
    assert set(texts) >= {"HĐND xã Hải Sơn (06724, tỉnh Quảng Ninh)", "HĐND xã Hải Sơn (06724, tỉnh Quảng Ninh, đến 30/06/2025)"}


def test_the_summary_page_searches_the_council_for_a_user_who_sees_many(client_for, superuser, province_clerk,
                                                                         secretariat_clerk):
    for user in (superuser, province_clerk):
        html = client_for(user).get("/admin/reports/summary/?period=2025-H2").content.decode()
        council = select_html(html, "council")
        assert "admin-autocomplete" in council and council.count("<option") == 1, council
        assert "autocomplete.js" in html
    html = client_for(secretariat_clerk).get("/admin/reports/summary/").content.decode()
    assert "admin-autocomplete" not in select_html(html, "council")  # a district's 18 councils: a select
    assert "HĐND phường Ka Long (06709)" in select_html(html, "council")

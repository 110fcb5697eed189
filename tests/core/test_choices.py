"""Choices that make sense: terms, bodies, delegates and sittings of the record's own council, told apart."""
import datetime
import json
import re

import pytest

from apps.core.models import Body, Term
from apps.sittings.models import Sitting
from tests.sittings import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return [(value, label.strip()) for value, label in
            re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)) if value]


def test_the_secretariat_tells_every_councils_term_apart_on_a_new_sitting(client_for, secretariat_clerk):
    html = client_for(secretariat_clerk).get("/admin/sittings/sitting/add/").content.decode()
    labels = [label for _value, label in options(html, "term")]
    assert len(labels) > 1
    assert len(set(labels)) == len(labels), "two terms look the same"
    assert any(label.endswith("— HĐND phường Ka Long") for label in labels)
    assert 'data-council-choices="1"' in html and "council/choices.js" in html


def test_a_sittings_form_offers_only_its_councils_terms_and_bodies(client_for, secretariat_clerk, ward, other_ward):
    sitting = f.sitting(ward)
    html = client_for(secretariat_clerk).get(f"/admin/sittings/sitting/{sitting.pk}/change/").content.decode()
    terms = options(html, "term")
    assert [int(v) for v, _label in terms] == list(Term.objects.filter(council=ward).values_list("pk", flat=True))
    assert all("Trần Phú" not in label for _v, label in terms)


def test_a_sittings_form_offers_only_the_terms_valid_on_its_date(client_for, secretariat_clerk, ward):
    sitting = f.sitting(ward, start=D(2022, 4, 15))
    current = sitting.term
    later = Term.objects.create(council=ward, name="Khóa thử 2026–2031", start_date=(current.end_date or D(2026, 6, 30))
                                + datetime.timedelta(days=1))
    html = client_for(secretariat_clerk).get(f"/admin/sittings/sitting/{sitting.pk}/change/").content.decode()
    values = [int(v) for v, _label in options(html, "term")]
    assert current.pk in values and later.pk not in values


def test_a_ward_clerk_sees_only_own_terms_without_council_names(client_for, ward_clerk, ward):
    html = client_for(ward_clerk).get("/admin/sittings/sitting/add/").content.decode()
    terms = options(html, "term")
    assert {int(v) for v, _l in terms} == set(Term.objects.filter(council=ward).values_list("pk", flat=True))
    assert all("— HĐND" not in label for _v, label in terms)


def test_an_activitys_conducting_body_is_one_of_its_councils(client_for, secretariat_clerk, ward):
    html = client_for(secretariat_clerk).get("/admin/oversight/supervisionactivity/add/").content.decode()
    labels = [label for _v, label in options(html, "conducting_body")]
    assert len(set(labels)) == len(labels)
    assert "Ban Pháp chế — HĐND phường Ka Long" in labels


def test_another_councils_term_is_refused_with_a_message_naming_both(client_for, secretariat_clerk, ward, other_ward):
    other_term = Term.objects.filter(council=other_ward).first()
    response = client_for(secretariat_clerk).post("/admin/sittings/sitting/add/", {
        "council": ward.pk, "term": other_term.pk, "number": 7, "sitting_type": "thuong_le",
        "start_date": "15/04/2022", "end_date": "", "venue": "", "note": "",
        "agenda_items-TOTAL_FORMS": 0, "agenda_items-INITIAL_FORMS": 0,
        "resolutions-TOTAL_FORMS": 0, "resolutions-INITIAL_FORMS": 0,
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Khóa “{other_term.name}” là của HĐND phường Trần Phú, không phải của HĐND phường Ka Long" in html
    assert not Sitting.objects.filter(number=7, council=ward).exists()


def test_a_term_that_does_not_cover_the_sittings_date_is_refused(ward):
    from django.core.exceptions import ValidationError

    term = Term.objects.filter(council=ward).order_by("-start_date").first()
    term.end_date = D(2026, 6, 30)
    term.save()
    sitting = Sitting(council=ward, term=term, number=9, sitting_type="thuong_le", start_date=D(2027, 3, 15))
    with pytest.raises(ValidationError) as caught:
        sitting.clean()
    message = caught.value.message_dict["term"][0]
    assert "Ngày bắt đầu kỳ họp 15/03/2027 không thuộc khóa" in message and "đến 30/06/2026" in message


def test_list_filters_name_the_council_or_follow_the_council_filter(client_for, secretariat_clerk, ward):
    client = client_for(secretariat_clerk)
    html = client.get("/admin/sittings/sitting/").content.decode()
    assert "— HĐND phường Ka Long<" in html
    html = client.get("/admin/sittings/sitting/", {"council": ward.pk}).content.decode()
    assert "— HĐND phường Ka Long" not in html
    assert "— HĐND phường Trần Phú" not in html


def test_autocomplete_names_the_council_of_each_sitting(client_for, secretariat_clerk, ward, other_ward):
    f.sitting(ward, number=3)
    f.sitting(other_ward, number=3)
    response = client_for(secretariat_clerk).get("/admin/autocomplete/", {
        "app_label": "sittings", "model_name": "resolution", "field_name": "sitting", "term": "ky hop thu 3"})
    texts = [r["text"] for r in json.loads(response.content)["results"]]
    assert len(texts) == 2 and len(set(texts)) == 2
    assert any(t.endswith("— HĐND phường Ka Long") for t in texts)


def test_body_choices_exist_for_the_test_councils(ward):
    assert Body.objects.filter(council=ward, name="Ban Pháp chế").exists()

"""Forms whose council is a parent record's (agenda item, commitment, follow-up: no council field) offer
the choices of that council, not every council the user may change."""
import json
import re

import pytest

from apps.core.models import Body
from tests.core.test_choices import options
from tests.sittings import factories as f

pytestmark = pytest.mark.django_db


def test_a_new_agenda_item_of_a_sitting_offers_that_councils_bodies(client_for, secretariat_clerk, ward, other_ward):
    sitting = f.sitting(ward)
    html = client_for(secretariat_clerk).get(f"/admin/sittings/agendaitem/add/?sitting={sitting.pk}").content.decode()
    offered = {int(v) for v, _label in options(html, "examining_body")}
    assert offered == set(Body.objects.filter(council=ward).values_list("pk", flat=True))
    assert not offered & set(Body.objects.filter(council=other_ward).values_list("pk", flat=True))


def test_an_agenda_items_own_page_and_the_sittings_inline_offer_the_sittings_bodies(client_for, secretariat_clerk, ward):
    sitting = f.sitting(ward)
    item = f.agenda_item(sitting)
    client = client_for(secretariat_clerk)
    wards_bodies = set(Body.objects.filter(council=ward).values_list("pk", flat=True))
    html = client.get(f"/admin/sittings/agendaitem/{item.pk}/change/").content.decode()
    assert {int(v) for v, _label in options(html, "examining_body")} == wards_bodies
    html = client.get(f"/admin/sittings/sitting/{sitting.pk}/change/").content.decode()
    assert {int(v) for v, _label in options(html, "agenda_items-0-examining_body")} == wards_bodies


def test_a_sitting_the_user_may_not_change_does_not_choose_the_council(client_for, ward_clerk, other_ward, ward):
    """A parent out of the user's scope named in the address is ignored: the user's own council is used."""
    sitting = f.sitting(other_ward)
    html = client_for(ward_clerk).get(f"/admin/sittings/agendaitem/add/?sitting={sitting.pk}").content.decode()
    assert {int(v) for v, _label in options(html, "examining_body")} == set(
        Body.objects.filter(council=ward).values_list("pk", flat=True))


def test_a_new_follow_up_searches_the_recommendations_council(client_for, secretariat_clerk, ward):
    recommendation = f.recommendation(ward)
    html = client_for(secretariat_clerk).get(
        f"/admin/oversight/followup/add/?recommendation={recommendation.pk}").content.decode()
    for name in ("explanation_session", "question", "resolution", "activity"):
        select = re.search(rf'<select name="{name}"[^>]*>', html).group(0)
        assert f'data-council="{ward.pk}"' in select, select


def test_a_new_commitment_of_a_question_knows_its_council(client_for, secretariat_clerk, ward, rf):
    """The commitment form has no council-owned choice besides its question; its context is the question's."""
    from django.contrib import admin

    from apps.sittings.models import Commitment

    question = f.question(ward)
    request = rf.get(f"/admin/sittings/commitment/add/?question={question.pk}")
    request.user = secretariat_clerk
    council_id, day, _obj = admin.site.get_model_admin(Commitment).choice_context(request, None)
    assert council_id == ward.pk and day == question.asked_date


AUTOCOMPLETE = "/admin/autocomplete/"


def answers(client, field_name, model_name="agendaitem", app_label="sittings", **params):
    response = client.get(AUTOCOMPLETE, {"app_label": app_label, "model_name": model_name,
                                         "field_name": field_name, "term": "", **params})
    assert response.status_code == 200
    return json.loads(response.content)["results"]


def body_ids(council):
    return set(Body.objects.filter(council=council).values_list("pk", flat=True))


def test_a_body_search_follows_the_sitting_chosen_in_the_form(client_for, secretariat_clerk, ward, other_ward):
    """A new agenda item opened from the list: the sitting is chosen in the form and sent with the search."""
    sitting = f.sitting(other_ward)
    client = client_for(secretariat_clerk)
    found = answers(client, "examining_body", parent=sitting.pk)
    assert {int(r["id"]) for r in found} == body_ids(other_ward) != set()
    assert not any("—" in r["text"] for r in found)  # the council is known: no council names needed
    # The parent is the record's truth: it wins over the council the form was shown with.
    found = answers(client, "examining_body", parent=sitting.pk, council=ward.pk)
    assert {int(r["id"]) for r in found} == body_ids(other_ward)


def test_a_sitting_the_user_may_not_change_sent_with_a_search_is_ignored(client_for, ward_clerk, ward, other_ward):
    sitting = f.sitting(other_ward)
    found = answers(client_for(ward_clerk), "examining_body", parent=sitting.pk)
    assert {int(r["id"]) for r in found} == body_ids(ward)
    assert not {int(r["id"]) for r in found} & body_ids(other_ward)


def test_the_sittings_own_search_is_not_narrowed_by_the_sitting_chosen(client_for, secretariat_clerk, ward,
                                                                       other_ward):
    chosen, elsewhere = f.sitting(ward), f.sitting(other_ward)
    found = answers(client_for(secretariat_clerk), "sitting", parent=chosen.pk)
    assert {int(r["id"]) for r in found} >= {chosen.pk, elsewhere.pk}
    # Each answer tells council/choices.js its council, to filter the form's plain selects.
    assert {r["council"] for r in found if int(r["id"]) in (chosen.pk, elsewhere.pk)} == {ward.pk, other_ward.pk}


def test_a_follow_up_search_follows_the_recommendation_chosen(client_for, secretariat_clerk, ward, other_ward):
    recommendation = f.recommendation(other_ward)
    mine, theirs = f.question(ward), f.question(other_ward)
    found = answers(client_for(secretariat_clerk), "question", model_name="followup", app_label="oversight",
                    parent=recommendation.pk)
    assert theirs.pk in {int(r["id"]) for r in found} and mine.pk not in {int(r["id"]) for r in found}


def test_the_form_marks_the_choices_that_follow_the_parent(client_for, secretariat_clerk):
    html = client_for(secretariat_clerk).get("/admin/sittings/agendaitem/add/").content.decode()
    assert 'data-parent-field="sitting"' in re.search(r'<select name="examining_body"[^>]*>', html).group(0)
    assert "data-parent-field" not in re.search(r'<select name="sitting"[^>]*>', html).group(0)

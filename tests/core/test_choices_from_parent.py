"""Forms whose council is a parent record's (agenda item, commitment, follow-up: no council field) offer
the choices of that council, not every council the user may change."""
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

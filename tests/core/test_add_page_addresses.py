"""An add page opened from a hand-edited or broken address: a malformed id leaves its field empty, never a 500."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url, query", [
    ("admin:reception_letter_add", "council=abc"),
    ("admin:reception_letter_add", "visit=abc"),
    ("admin:petitions_petition_add", "meeting=abc"),
    ("admin:petitions_petition_add", "council=abc"),
    ("admin:sittings_sitting_add", "term=abc"),
    ("admin:sittings_sitting_add", "council=1;DROP"),
])
def test_a_malformed_id_in_the_address_opens_the_form_with_that_field_empty(client_for, secretariat_clerk, url, query):
    response = client_for(secretariat_clerk).get(f"{reverse(url)}?{query}")
    assert response.status_code == 200
    name = query.split("=")[0]
    initial = response.context["adminform"].form.initial
    if name == "council":
        assert initial["council"] == secretariat_clerk.council_profile.council_id  # the user's own, as without it
    else:
        assert name not in initial


def test_a_well_formed_id_in_the_address_is_still_taken(client_for, secretariat_clerk, ward):
    response = client_for(secretariat_clerk).get(f"{reverse('admin:reception_letter_add')}?council={ward.pk}")
    assert response.context["adminform"].form.initial["council"] == str(ward.pk)

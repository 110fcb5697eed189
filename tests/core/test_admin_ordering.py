"""Register admins that annotate counts (GROUP BY drops Meta.ordering) still page their autocomplete in order."""
import datetime
import warnings

import pytest
from django.core.paginator import UnorderedObjectListWarning
from django.urls import reverse

from tests.reception.helpers import make_meeting
from tests.sittings import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date

# (model with the autocomplete field, field) -> the annotated admin it searches
CASES = [
    ("sittings", "resolution", "sitting"),
    ("petitions", "petition", "meeting"),
    ("petitions", "petition", "supervision_activity"),
    ("oversight", "recommendation", "explanation_session"),
    ("reception", "visit", "session"),
]


@pytest.fixture
def records(ward):
    from apps.reception.models import ReceptionSession

    for i in range(3):
        f.sitting(ward, i + 1, D(2022, 4, 1 + i))
        make_meeting(ward, date=D(2022, 3, 1 + i))
        f.activity(ward, f"Giám sát {i}", D(2022, 5, 1 + i))
        f.explanation(ward, f"Giải trình {i}", D(2022, 6, 1 + i))
        ReceptionSession.objects.create(council=ward, date=D(2022, 2, 1 + i), kind="dinh_ky")


@pytest.mark.parametrize("app_label,model_name,field_name", CASES, ids=lambda v: v)
def test_autocomplete_of_an_annotated_register_is_ordered(client_for, secretariat_clerk, records, app_label,
                                                          model_name, field_name):
    client = client_for(secretariat_clerk)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = client.get(reverse("admin:autocomplete"), {
            "app_label": app_label, "model_name": model_name, "field_name": field_name, "term": ""})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3

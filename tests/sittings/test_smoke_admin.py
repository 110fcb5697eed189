import pytest
from django.urls import reverse

from . import factories as f

MODELS = ["sittings/sitting", "sittings/agendaitem", "sittings/resolution", "sittings/question",
          "sittings/commitment", "sittings/standingmeeting", "oversight/supervisionactivity",
          "oversight/explanationsession", "oversight/recommendation", "oversight/followup"]


@pytest.fixture
def one_of_everything(ward):
    s = f.sitting(ward)
    f.agenda_item(s)
    f.resolution(ward, sitting=s)
    q = f.question(ward, sitting=s)
    f.commitment(q, due=f.D(2022, 9, 30))
    f.standing_meeting(ward)
    rec = f.recommendation(ward)
    f.follow_up(rec, question=q)
    f.explanation(ward)
    return ward


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_every_register_lists_and_opens_for_the_secretariat(client_for, secretariat_clerk, one_of_everything, model):
    client = client_for(secretariat_clerk)
    app, name = model.split("/")
    response = client.get(reverse(f"admin:{app}_{name}_changelist"))
    assert response.status_code == 200
    klass = response.context["cl"].result_list[0].__class__
    obj = response.context["cl"].result_list[0]
    assert client.get(reverse(f"admin:{app}_{name}_change", args=[obj.pk])).status_code == 200
    assert client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200
    assert klass._meta.model_name == name

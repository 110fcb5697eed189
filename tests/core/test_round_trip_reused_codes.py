"""Export → import changes nothing for the councils formed on 01/07/2025 too.

Unit codes were reused in the 2025 reorganisation: 06709 is Ka Long until 30/06/2025 and Móng Cái 2
from 01/07/2025. Both councils here hold the same kinds of records (same sitting number, resolution
number, activity title, delegate name), so a lookup made on the wrong council shows as an error, an
update or a duplicate.
"""
import pytest

from apps.core import resources as core_resources
from apps.core.choices import Role
from apps.core.models import Body, Delegate
from apps.oversight import resources as oversight_resources
from apps.oversight.models import ExplanationSession, Recommendation, SupervisionActivity
from apps.petitions import resources as petitions_resources
from apps.petitions.models import Petition
from apps.reception import resources as reception_resources
from apps.reception.models import Letter, Visit
from apps.sittings import resources as sittings_resources
from apps.sittings.models import Question, Resolution, Sitting, StandingMeeting
from tests.conftest import council, make_user
from tests.reception.helpers import make_letter, make_petition, make_visit
from tests.sittings import factories as f
from tests.sittings.xlsx import export_bytes, import_bytes, row_errors

D = f.D

CASES = [
    (sittings_resources.SittingResource, Sitting),
    (sittings_resources.ResolutionResource, Resolution),
    (sittings_resources.StandingMeetingResource, StandingMeeting),
    (sittings_resources.QuestionResource, Question),
    (oversight_resources.SupervisionActivityResource, SupervisionActivity),
    (oversight_resources.ExplanationSessionResource, ExplanationSession),
    (oversight_resources.RecommendationResource, Recommendation),
    (petitions_resources.PetitionResource, Petition),
    (reception_resources.LetterResource, Letter),
    (reception_resources.VisitResource, Visit),
    (core_resources.BodyResource, Body),
    (core_resources.DelegateResource, Delegate),
]


def same_records(council_, day, number=3):
    """One record of every register for ``council_`` around ``day``."""
    s = f.sitting(council_, number, day, end_date=day + f.datetime.timedelta(days=1))
    f.resolution(council_, "15/NQ-HĐND", day + f.datetime.timedelta(days=1), s)
    meeting = f.standing_meeting(council_, day - f.datetime.timedelta(days=3))
    f.question(council_, day + f.datetime.timedelta(days=1), sitting=s)
    f.question(council_, meeting.date, standing_meeting=meeting, respondent_name="Vũ Thị Hà")
    activity = f.activity(council_, "Giám sát công tác quản lý đất đai", day + f.datetime.timedelta(days=25))
    session = f.explanation(council_, "Chậm giải phóng mặt bằng", day + f.datetime.timedelta(days=40))
    f.recommendation(council_, activity, day + f.datetime.timedelta(days=45))
    f.recommendation(council_, session, day + f.datetime.timedelta(days=46))
    make_petition(council_, received_date=day)
    make_letter(council_, received_date=day)
    make_visit(council_, date=day)


@pytest.fixture
def records(db):
    ka_long = council("06709")                                    # until 30/06/2025
    mong_cai_2 = council("06709", on_or_before_2025=False)        # from 01/07/2025
    mong_cai_1 = council("06712", on_or_before_2025=False)
    same_records(ka_long, D(2022, 4, 15))
    same_records(mong_cai_2, D(2025, 9, 15))
    same_records(mong_cai_1, D(2025, 9, 15), number=1)
    return ka_long, mong_cai_2


@pytest.fixture
def province_clerk(db):
    return make_user("tinh_t", "22", Role.SECRETARIAT)


@pytest.fixture
def mong_cai_2_clerk(db):
    from django.contrib.auth import get_user_model

    from apps.core import roles
    from apps.core.models import StaffProfile

    user = get_user_model().objects.create_user("mongcai2_t", password="pw-Strong-2022", is_staff=True)
    StaffProfile.objects.create(user=user, council=council("06709", on_or_before_2025=False), role=Role.WARD)
    user.groups.add(roles.group_for(Role.WARD))
    return user


def snapshot(model):
    return sorted((obj.pk, obj.council_id, obj.updated_at) for obj in model.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("resource,model", CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_export_then_import_changes_nothing_across_the_reorganisation(province_clerk, records, resource, model):
    before = snapshot(model)
    assert {council_id for _pk, council_id, _at in before} >= {records[0].pk, records[1].pk}
    result = import_bytes(resource, province_clerk, export_bytes(resource, province_clerk))
    assert not row_errors(result), row_errors(result)
    assert result.totals["new"] == 0 and result.totals["update"] == 0, result.totals
    assert snapshot(model) == before


@pytest.mark.django_db
@pytest.mark.parametrize("resource,model", CASES[:7], ids=lambda c: getattr(c, "__name__", ""))
def test_the_clerk_of_a_council_formed_in_2025_gets_its_own_records_back_unchanged(mong_cai_2_clerk, records,
                                                                                   resource, model):
    before = snapshot(model)
    data = export_bytes(resource, mong_cai_2_clerk)
    result = import_bytes(resource, mong_cai_2_clerk, data)
    assert not row_errors(result), row_errors(result)
    assert result.totals["new"] == 0 and result.totals["update"] == 0, result.totals
    # The export holds its own records and, read-only, those of the councils it was formed from
    # (Ka Long's): all come back unchanged.
    assert model.objects.filter(council=records[1]).count() > 0
    assert result.totals["skip"] == model.objects.for_user(mong_cai_2_clerk).count()
    assert snapshot(model) == before

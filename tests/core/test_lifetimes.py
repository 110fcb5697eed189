"""A record dated outside its council's life is refused, with a message naming the council of that date."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.core.choices import Role
from apps.core.lifetimes import outside_life
from apps.oversight.models import ExplanationSession, FollowUp, Recommendation, SupervisionActivity
from apps.petitions.models import Petition, VoterMeeting
from apps.reception.models import Letter, ReceptionSession, Visit
from apps.sittings.models import Question, Resolution, Sitting, StandingMeeting

from ..conftest import council, make_user
from ..reception.test_import_export import LETTER_HEADERS, upload, xlsx

pytestmark = pytest.mark.django_db

D = datetime.date
KA_LONG_ENDED = "Ngày 15/08/2025 HĐND phường Ka Long đã thôi hoạt động (đến 30/06/2025); đơn vị kế thừa: HĐND phường Móng Cái 2"
MONG_CAI_2_NOT_YET = ("Ngày 15/05/2025 HĐND phường Móng Cái 2 chưa hoạt động (bắt đầu từ 01/07/2025); ngày đó thuộc "
                      "đơn vị tiền thân: HĐND phường Ka Long, HĐND phường Ninh Dương, HĐND xã Vạn Ninh")

# Every register and the date that places it in time.
REGISTERS = [
    (Letter, "received_date"), (Visit, "date"), (ReceptionSession, "date"), (Petition, "received_date"),
    (VoterMeeting, "date"), (Sitting, "start_date"), (Resolution, "adopted_date"), (StandingMeeting, "date"),
    (Question, "asked_date"), (SupervisionActivity, "fieldwork_start"), (ExplanationSession, "held_date"),
    (Recommendation, "issued_date"), (FollowUp, "date"),
]


@pytest.fixture
def ka_long():
    return council("06709")


@pytest.fixture
def mong_cai_2():
    return council("06709", on_or_before_2025=False)


def errors_of(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_a_letter_of_ka_long_after_it_ended_is_refused_naming_its_successor(ka_long):
    letter = Letter(council=ka_long, received_date=D(2025, 8, 15), sender_name="Trần Văn Bình",
                    content_type="kien_nghi", content="Đề nghị sửa đường.")
    assert errors_of(letter)["received_date"] == [KA_LONG_ENDED]


def test_a_letter_of_mong_cai_2_before_it_began_is_refused_naming_its_predecessors(mong_cai_2):
    letter = Letter(council=mong_cai_2, received_date=D(2025, 5, 15), sender_name="Trần Văn Bình",
                    content_type="kien_nghi", content="Đề nghị sửa đường.")
    assert errors_of(letter)["received_date"] == [MONG_CAI_2_NOT_YET]


@pytest.mark.parametrize("model,field", REGISTERS, ids=[m.__name__ for m, _f in REGISTERS])
def test_every_register_refuses_a_date_outside_its_council_life(model, field, ka_long, mong_cai_2):
    assert errors_of(model(council=ka_long, **{field: D(2025, 8, 15)}))[field] == [KA_LONG_ENDED]
    assert errors_of(model(council=mong_cai_2, **{field: D(2025, 5, 15)}))[field] == [MONG_CAI_2_NOT_YET]


@pytest.mark.parametrize("model,field", REGISTERS, ids=[m.__name__ for m, _f in REGISTERS])
def test_a_date_inside_the_life_raises_no_lifetime_error(model, field, ka_long, mong_cai_2):
    for record in (model(council=ka_long, **{field: D(2025, 6, 30)}), model(council=mong_cai_2, **{field: D(2025, 7, 1)})):
        try:
            record.full_clean()
        except ValidationError as error:
            assert field not in error.message_dict or "hoạt động" not in " ".join(error.message_dict[field])


def test_a_petition_without_a_received_date_takes_its_meeting_date(ka_long):
    meeting = VoterMeeting.objects.create(council=ka_long, date=D(2025, 6, 20), timing="truoc_ky_hop",
                                          form="truc_tiep", voters_attending=50)
    # Stored before the rule (created without validation): the clean of a new petition reads the meeting's date.
    VoterMeeting.objects.filter(pk=meeting.pk).update(date=D(2025, 8, 15))
    meeting.refresh_from_db()
    petition = Petition(council=ka_long, meeting=meeting, content="Sửa đèn đường")
    assert "đã thôi hoạt động" in errors_of(petition)["received_date"][0]


def test_a_city_that_ended_without_successor_units_says_which_council_to_choose():
    message = outside_life(council("194"), D(2026, 1, 10))
    assert message == ("Ngày 10/01/2026 HĐND thành phố Móng Cái đã thôi hoạt động (đến 30/06/2025); "
                       "chọn HĐND đang hoạt động vào ngày đó.")


def test_a_carried_over_record_stays_editable_but_its_date_cannot_be_moved(mong_cai_2):
    # A letter of Ka Long carried over to Móng Cái 2 keeps its 2025-05 date.
    letter = Letter.objects.create(council=mong_cai_2, received_date=D(2025, 5, 15), sender_name="Trần Văn Bình",
                                   content_type="kien_nghi", content="Đề nghị sửa đường.")
    letter = Letter.objects.get(pk=letter.pk)
    letter.note = "Đã đôn đốc"
    letter.full_clean()
    letter.received_date = D(2025, 5, 16)
    assert "chưa hoạt động" in errors_of(letter)["received_date"][0]


def test_an_import_row_outside_the_council_life_is_a_row_error_and_nothing_is_written(client_for):
    clerk = make_user("kalong_life", "06709", Role.WARD)
    row = ["06709", None, None, D(2025, 8, 15), "Trực tiếp", "Lý Văn Nam", "Khu 1", "Kiến nghị", "Đơn sau khi giải thể",
           None, None, None, None, "Chưa xử lý"]
    result = upload(client_for(clerk), "letter", xlsx(LETTER_HEADERS, [row])).context["result"]
    assert result.has_validation_errors()
    assert KA_LONG_ENDED in str(result.invalid_rows[0].error_dict)
    assert not Letter.objects.filter(content="Đơn sau khi giải thể").exists()


def test_the_admin_form_shows_the_message(client_for):
    from django.urls import reverse

    clerk = make_user("mongcai2_life", "06709", Role.WARD)
    from apps.core.models import StaffProfile

    StaffProfile.objects.filter(user=clerk).update(council=council("06709", on_or_before_2025=False))
    response = client_for(clerk).post(reverse("admin:reception_receptionsession_add"), {
        "council": council("06709", on_or_before_2025=False).pk, "kind": "dinh_ky", "date": "15/05/2025",
        "receivers_text": "Chủ tịch HĐND"})
    assert response.status_code == 200
    assert MONG_CAI_2_NOT_YET in response.content.decode()
    assert not ReceptionSession.objects.exists()

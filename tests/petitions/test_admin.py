"""Voter meetings and petitions in the admin: scope, deadlines, links to sittings and supervision."""
import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.petitions.models import Petition, VoterMeeting
from tests.reception.helpers import D, agency, make_meeting, make_petition

pytestmark = pytest.mark.django_db
REGISTERS = ["votermeeting", "petition"]


@pytest.fixture
def records(city, ward, other_ward):
    out = {}
    for key, council in (("city", city), ("ward", ward), ("other", other_ward)):
        meeting = make_meeting(council, location=f"Nhà văn hóa của {key}")
        petition = make_petition(council, meeting=meeting, content=f"Kiến nghị của {key}")
        out[key] = {"votermeeting": meeting, "petition": petition}
    return out


@pytest.mark.parametrize("persona", ["superuser", "secretariat", "ward", "leader"])
@pytest.mark.parametrize("model", REGISTERS)
def test_every_register_opens_for_every_role(client_for, personas, records, persona, model):
    client = client_for(personas[persona])
    assert client.get(reverse(f"admin:petitions_{model}_changelist")).status_code == 200
    obj = records["ward"][model]
    assert client.get(reverse(f"admin:petitions_{model}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("model", REGISTERS)
def test_ward_clerk_sees_only_own_rows(client_for, ward_clerk, records, model):
    response = client_for(ward_clerk).get(reverse(f"admin:petitions_{model}_changelist"))
    assert list(response.context["cl"].result_list) == [records["ward"][model]]


@pytest.mark.parametrize("model", REGISTERS)
def test_other_councils_record_by_url_shows_nothing(client_for, ward_clerk, records, model):
    client = client_for(ward_clerk)
    other = records["other"][model]
    for view in ("change", "history"):
        response = client.get(reverse(f"admin:petitions_{model}_{view}", args=[other.pk]), follow=True)
        assert "của other" not in response.content.decode()


def test_codes_are_given_per_council_and_year(ward, other_ward):
    first, second = make_petition(ward), make_petition(ward)
    assert (first.code, second.code) == ("KN-2022-0001", "KN-2022-0002")
    assert make_petition(other_ward).code == "KN-2022-0001"
    assert make_petition(ward, code="KN-2022-0099").code == "KN-2022-0099"


def test_answer_due_follows_the_rule_of_who_forwarded_it(ward):
    local = make_petition(ward, forwarded_date=D(2022, 3, 14))
    national = make_petition(ward, forwarded_date=D(2022, 3, 14), forwarded_by_na=True)
    assert local.answer_due == D(2022, 4, 13)  # 30 days (petition_answer)
    assert national.answer_due == D(2022, 5, 13)  # 60 days (na_petition_answer)
    assert make_petition(ward).answer_due is None  # not forwarded yet


def test_petition_page_shows_the_deadline_explanation_and_unverified_mark(client_for, ward_clerk, ward):
    petition = make_petition(ward, agency=agency(), forwarded_date=D(2022, 3, 14))
    html = client_for(ward_clerk).get(reverse("admin:petitions_petition_change", args=[petition.pk])).content.decode()
    assert "13/04/2022" in html and "chưa xác minh" in html


def test_overdue_filter_lists_unanswered_petitions_past_due(client_for, ward_clerk, ward):
    late = make_petition(ward, forwarded_date=D(2022, 3, 14))
    make_petition(ward, forwarded_date=D(2022, 3, 14), answered_date=D(2022, 4, 1), answer="Đã trả lời",
                  status="da_giai_quyet")
    make_petition(ward, forwarded_date=datetime.date.today())
    response = client_for(ward_clerk).get(reverse("admin:petitions_petition_changelist"), {"due": "overdue"})
    assert list(response.context["cl"].result_list) == [late]


def test_rules_are_checked_with_vietnamese_messages(ward):
    from django.core.exceptions import ValidationError

    petition = Petition(council=ward, content="Đề nghị nạo vét kênh", forwarded_date=D(2022, 3, 14),
                        answered_date=D(2022, 3, 1), status="da_giai_quyet", answer="x")
    with pytest.raises(ValidationError) as error:
        petition.full_clean()
    assert "Ngày trả lời không được trước ngày chuyển kiến nghị." in str(error.value)
    assert "Chọn cuộc tiếp xúc cử tri hoặc ghi nguồn kiến nghị." in str(error.value)


def test_petition_links_to_its_sitting_and_supervision_both_ways(client_for, secretariat_clerk, city):
    from apps.oversight.models import SupervisionActivity
    from apps.petitions.inlines import PetitionsOfActivityInline, PetitionsOfSittingInline
    from apps.sittings.models import Sitting
    from tests.sittings import factories

    sitting = factories.sitting(city)
    activity = factories.activity(city)
    petition = make_petition(city, sitting=sitting, supervision_activity=activity)
    client = client_for(secretariat_clerk)
    html = client.get(reverse("admin:petitions_petition_change", args=[petition.pk])).content.decode()
    assert reverse("admin:sittings_sitting_change", args=[sitting.pk]) in html
    assert reverse("admin:oversight_supervisionactivity_change", args=[activity.pk]) in html
    # The other side: the inlines offered to the sittings and oversight admins.
    from django.contrib import admin

    request = RequestFactory().get("/")
    request.user = secretariat_clerk
    for inline_class, model, obj in ((PetitionsOfSittingInline, Sitting, sitting),
                                     (PetitionsOfActivityInline, SupervisionActivity, activity)):
        inline = inline_class(model, admin.site)
        assert list(inline.get_queryset(request).filter(**{inline.fk_name: obj})) == [petition]
        assert inline.petition(petition).startswith('<a href="/admin/petitions/petition/')


def test_changelist_query_count_does_not_grow_with_rows(client_for, secretariat_clerk, ward):
    client = client_for(secretariat_clerk)
    counts = {model: [] for model in REGISTERS}
    for added in (1, 49):
        for _i in range(added):
            meeting = make_meeting(ward)
            make_petition(ward, meeting=meeting, agency=agency(), forwarded_date=D(2022, 3, 14))
        for model in REGISTERS:
            client.get(reverse(f"admin:petitions_{model}_changelist"))
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(f"admin:petitions_{model}_changelist")).status_code == 200
            counts[model].append(len(ctx))
    for model, (one, fifty) in counts.items():
        assert one == fifty, f"{model}: {one} queries at 1 row, {fifty} at 50"


def test_search_finds_vietnamese_whichever_unicode_form(client_for, ward_clerk, ward):
    import unicodedata

    petition = make_petition(ward, content="Đề nghị sửa đường khu Hòa Lạc")
    client = client_for(ward_clerk)
    for typed in ("Hòa Lạc", unicodedata.normalize("NFD", "Hòa Lạc"), "Hoà Lạc", "hòa lạc"):
        response = client.get(reverse("admin:petitions_petition_changelist"), {"q": typed})
        assert list(response.context["cl"].result_list) == [petition], typed


def test_text_is_stored_nfc_and_trimmed(ward):
    import unicodedata

    petition = make_petition(ward, content="  " + unicodedata.normalize("NFD", "Đề nghị cải tạo chợ Hòa Lạc") + " ")
    petition.refresh_from_db()
    assert petition.content == "Đề nghị cải tạo chợ Hòa Lạc"


def test_meetings_and_sessions_export_but_do_not_import(client_for, ward_clerk, records, ward):
    import io

    from openpyxl import load_workbook

    from tests.reception.helpers import make_session

    make_session(ward)
    client = client_for(ward_clerk)
    for app, model, prefix in (("petitions", "votermeeting", "votermeetingresource_"),
                               ("reception", "receptionsession", "receptionsessionresource_")):
        assert client.get(reverse(f"admin:{app}_{model}_import")).status_code == 403
        url = reverse(f"admin:{app}_{model}_export")
        form = client.get(url).context["form"]
        data = {"format": "0", "resource": "0", **{n: "on" for n in form.fields if n.startswith(prefix)}}
        response = client.post(url, data)
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert len(rows) == 2 and rows[1][0] == "06709", (model, rows)


def test_a_clerk_records_a_meeting_with_its_petitions_in_one_form(client_for, ward_clerk, ward):
    client = client_for(ward_clerk)
    prefix = "petitions"
    data = {
        "council": ward.pk, "date": "15/03/2022", "timing": "truoc_ky_hop", "form": "truc_tiep",
        "location": "Nhà văn hóa khu 6", "voters_attending": "95", "_save": "1",
        f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-content": "Đề nghị nâng cấp sân chơi cho trẻ em khu 6", f"{prefix}-0-competence_level": "xa",
        f"{prefix}-0-status": "chua_giai_quyet", f"{prefix}-0-agency": agency().pk,
        f"{prefix}-1-content": "Đề nghị bố trí thêm thùng rác công cộng", f"{prefix}-1-competence_level": "xa",
        f"{prefix}-1-status": "chua_giai_quyet",
    }
    response = client.post(reverse("admin:petitions_votermeeting_add"), data)
    assert response.status_code == 302
    meeting = VoterMeeting.objects.get(location="Nhà văn hóa khu 6")
    petitions = list(meeting.petitions.order_by("code"))
    assert [p.code for p in petitions] == ["KN-2022-0001", "KN-2022-0002"]
    assert all(p.council_id == ward.pk and p.received_date == D(2022, 3, 15) for p in petitions)


def test_the_offered_inlines_work_on_the_sitting_and_activity_pages(monkeypatch, client_for, secretariat_clerk, city):
    """What the sittings and oversight admins get by adding the inlines (patched in here, not in their files)."""
    from django.contrib import admin

    from apps.oversight.models import SupervisionActivity
    from apps.petitions.inlines import PetitionsOfActivityInline, PetitionsOfSittingInline, VoterMeetingsOfSittingInline
    from apps.sittings.models import Sitting
    from tests.sittings import factories

    sitting, activity = factories.sitting(city), factories.activity(city)
    meeting = make_meeting(city, sitting=sitting)
    petition = make_petition(city, meeting=meeting, sitting=sitting, supervision_activity=activity)
    sitting_admin, activity_admin = admin.site._registry[Sitting], admin.site._registry[SupervisionActivity]
    monkeypatch.setattr(sitting_admin, "inlines",
                        [*sitting_admin.inlines, VoterMeetingsOfSittingInline, PetitionsOfSittingInline])
    monkeypatch.setattr(activity_admin, "inlines", [*activity_admin.inlines, PetitionsOfActivityInline])
    client = client_for(secretariat_clerk)
    petition_url = reverse("admin:petitions_petition_change", args=[petition.pk])
    html = client.get(reverse("admin:sittings_sitting_change", args=[sitting.pk])).content.decode()
    assert petition_url in html and reverse("admin:petitions_votermeeting_change", args=[meeting.pk]) in html
    html = client.get(reverse("admin:oversight_supervisionactivity_change", args=[activity.pk])).content.decode()
    assert petition_url in html


def test_a_petitions_form_names_its_voter_meeting_once_and_offers_to_open_it(client_for, ward_clerk, records):
    import re

    petition, meeting = records["ward"]["petition"], records["ward"]["votermeeting"]
    page = client_for(ward_clerk).get(reverse("admin:petitions_petition_change", args=[petition.pk])).content.decode()
    labels = [re.sub(r"<[^>]+>", "", label).strip().rstrip(":") for label in re.findall(r"<label[^>]*>(.*?)</label>",
                                                                                        page, re.S)]
    assert labels.count("Cuộc tiếp xúc cử tri") == 1, labels
    assert "Xem cuộc tiếp xúc cử tri" in labels
    assert reverse("admin:petitions_votermeeting_change", args=[meeting.pk]) in page


@pytest.mark.parametrize("persona, level", [("ward", "xa"), ("secretariat", "huyen")])
def test_a_new_petition_is_first_taken_to_be_within_its_councils_own_level(client_for, personas, persona, level):
    response = client_for(personas[persona]).get(reverse("admin:petitions_petition_add"))
    assert response.context["adminform"].form.initial["competence_level"] == level


def test_the_district_level_is_refused_on_petitions_from_the_2025_reform_day(db):
    """Since 01/07/2025 there is no district level (two-level local government): a petition the province's
    council received on or after that day cannot be within «Huyện»'s competence; one received before can."""
    from django.core.exceptions import ValidationError

    from tests.conftest import council

    province = council("22")

    after = Petition(council=province, content="Đề nghị nạo vét kênh", source="MTTQ", received_date=D(2025, 7, 1),
                     competence_level="huyen")
    with pytest.raises(ValidationError) as error:
        after.clean()
    assert "không còn cấp huyện" in " ".join(error.value.message_dict["competence_level"])
    after.competence_level = "xa"
    after.clean()
    Petition(council=province, content="Đề nghị nạo vét kênh", source="MTTQ", received_date=D(2025, 6, 30),
             competence_level="huyen").clean()


def test_the_add_form_of_a_council_formed_in_2025_does_not_offer_the_district_level(client_for, ward_clerk):
    from apps.core.models import StaffProfile
    from tests.conftest import council

    StaffProfile.objects.filter(user=ward_clerk).update(council=council("06712", on_or_before_2025=False))
    form = client_for(ward_clerk).get(reverse("admin:petitions_petition_add")).context["adminform"].form
    assert [value for value, _label in form.fields["competence_level"].choices] == ["trung_uong", "tinh", "xa"]
    assert form.initial["competence_level"] == "xa"


def test_a_meeting_of_a_council_formed_in_2025_offers_its_petitions_without_the_district_level(client_for, ward_clerk):
    from apps.core.models import StaffProfile
    from tests.conftest import council

    StaffProfile.objects.filter(user=ward_clerk).update(council=council("06712", on_or_before_2025=False))
    page = client_for(ward_clerk).get(reverse("admin:petitions_votermeeting_add"))
    inline = next(f for f in page.context["inline_admin_formsets"] if f.formset.model is Petition).formset
    field = inline.empty_form.fields["competence_level"]
    assert "huyen" not in [value for value, _label in field.choices] and field.initial == "xa"

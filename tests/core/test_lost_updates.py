"""No lost updates: saving a record that someone else changed since you opened it is refused.

The attack: two secretariat clerks open the same petition; the first saves an answer, the second
saves a note. Both saves succeeded and the answer was gone without a word.
"""
import re

import pytest
from django.urls import reverse

from apps.core.choices import Role
from apps.petitions.models import Petition
from apps.reception.models import Letter

from ..conftest import make_user
from ..reception.helpers import make_letter, make_petition

pytestmark = pytest.mark.django_db


def form_data(response):
    """What a browser posts back from an admin change page, unchanged: the form, its inlines and the version."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = bound.field.widget.format_value(value) or ""

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    # The versions of the record and of each row of its inlines.
    for name, version in re.findall(r'name="((?:[\w-]+-)?_record_version)" value="([^"]*)"', response.content.decode()):
        data[name] = version
    return data


@pytest.fixture
def second_clerk(db):
    return make_user("vanphong2_t", "194", Role.SECRETARIAT)


def open_change_page(client, user, obj):
    client.force_login(user)
    response = client.get(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]))
    assert response.status_code == 200
    return form_data(response)


def save(client, user, obj, data):
    client.force_login(user)
    return client.post(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]), data)


def test_the_second_clerk_cannot_overwrite_an_answer_saved_since_they_opened_the_petition(
        client, secretariat_clerk, second_clerk, ward):
    petition = make_petition(ward)
    first = open_change_page(client, secretariat_clerk, petition)
    second = open_change_page(client, second_clerk, petition)

    answered = save(client, secretariat_clerk, petition,
                    {**first, "answer": "UBND phường đã lắp 12 đèn chiếu sáng.", "answered_date": "20/04/2022"})
    assert answered.status_code == 302
    refused = save(client, second_clerk, petition, {**second, "note": "Cử tri hỏi lại tại kỳ họp"})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "đã được người khác sửa sau khi bạn mở nó" in page
    assert "vanphong_t đã lưu lúc" in page
    assert "«—» → «UBND phường đã lắp 12 đèn chiếu sáng.»" in page
    petition.refresh_from_db()
    assert petition.answer == "UBND phường đã lắp 12 đèn chiếu sáng." and petition.note == ""


def test_after_reading_the_message_the_second_clerk_may_save_on_purpose(client, secretariat_clerk, second_clerk,
                                                                       ward):
    petition = make_petition(ward)
    first = open_change_page(client, secretariat_clerk, petition)
    second = open_change_page(client, second_clerk, petition)
    save(client, secretariat_clerk, petition, {**first, "answer": "Đã trả lời"})
    refused = save(client, second_clerk, petition, {**second, "note": "Ghi chú"})
    again = form_data(refused)  # the form as shown again: the clerk's input and the version it was refused on

    assert save(client, second_clerk, petition, again).status_code == 302
    petition.refresh_from_db()
    assert petition.note == "Ghi chú"


def test_a_clerk_saving_twice_in_a_row_is_never_refused(client, secretariat_clerk, ward):
    petition = make_petition(ward)
    data = open_change_page(client, secretariat_clerk, petition)
    assert save(client, secretariat_clerk, petition, {**data, "note": "Lần 1"}).status_code == 302
    data = open_change_page(client, secretariat_clerk, petition)
    assert save(client, secretariat_clerk, petition, {**data, "note": "Lần 2"}).status_code == 302
    assert Petition.objects.get(pk=petition.pk).note == "Lần 2"


def test_a_ward_clerk_is_told_of_a_change_without_seeing_a_sealed_identity(client, secretariat_clerk, ward_clerk,
                                                                          ward):
    letter = make_letter(ward, content_type="to_cao", sender_name="Ngô Văn Bí Mật")
    stale = open_change_page(client, ward_clerk, letter)
    current = open_change_page(client, secretariat_clerk, letter)
    assert save(client, secretariat_clerk, letter,
                {**current, "sender_name": "Ngô Văn Đổi Tên", "note": "Đã xác minh"}).status_code == 302

    refused = save(client, ward_clerk, letter, {**stale, "note": "Ghi chú của phường"})

    page = refused.content.decode()
    assert refused.status_code == 200 and "đã được người khác sửa sau khi bạn mở nó" in page
    assert "Đã xác minh" in page
    assert "Bí Mật" not in page and "Đổi Tên" not in page and "trường bạn không xem được" in page
    assert Letter.objects.get(pk=letter.pk).note == "Đã xác minh"


# --- rows of an inline: a sitting's resolutions ---------------------------------------------------------------
def resolution_row(data, resolution):
    """The prefix of ``resolution``'s row in the posted form of its sitting."""
    for key, value in data.items():
        if key.endswith("-id") and str(value) == str(resolution.pk):
            return key[: -len("id")]
    raise AssertionError("the resolution is not on the sitting's page")


def test_a_resolution_changed_since_the_sitting_was_opened_is_not_overwritten_from_the_sitting_page(
        client, secretariat_clerk, second_clerk, ward):
    from apps.sittings.models import Resolution

    from ..sittings import factories

    sitting = factories.sitting(ward)
    resolution = factories.resolution(ward, sitting=sitting, summary="Về kế hoạch đầu tư công năm 2022")
    stale = open_change_page(client, second_clerk, sitting)
    current = open_change_page(client, secretariat_clerk, resolution)
    assert save(client, secretariat_clerk, resolution,
                {**current, "summary": "Về kế hoạch đầu tư công trung hạn 2021–2025"}).status_code == 302

    row = resolution_row(stale, resolution)
    refused = save(client, second_clerk, sitting, {**stale, f"{row}status": "het_hieu_luc", "note": "Đã rà soát"})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Dòng này đã được người khác sửa sau khi bạn mở trang" in page
    assert "vanphong_t đã lưu lúc" in page
    assert "«Về kế hoạch đầu tư công năm 2022» → «Về kế hoạch đầu tư công trung hạn 2021–2025»" in page
    resolution.refresh_from_db()
    sitting.refresh_from_db()
    assert resolution.summary == "Về kế hoạch đầu tư công trung hạn 2021–2025" and resolution.status != "het_hieu_luc"
    assert sitting.note == ""  # nothing of the page is saved

    again = form_data(refused)  # shown again with the row's current version: saving again is on purpose
    assert save(client, second_clerk, sitting, again).status_code == 302
    assert Resolution.objects.get(pk=resolution.pk).status == "het_hieu_luc"


def test_a_row_left_untouched_still_shows_the_old_values_so_it_is_not_written_back_silently(
        client, secretariat_clerk, second_clerk, ward):
    from ..sittings import factories

    sitting = factories.sitting(ward)
    resolution = factories.resolution(ward, sitting=sitting)
    stale = open_change_page(client, second_clerk, sitting)
    current = open_change_page(client, secretariat_clerk, resolution)
    assert save(client, secretariat_clerk, resolution, {**current, "summary": "Nội dung mới"}).status_code == 302

    # The page posts the row as it was shown (the old summary): saving it would undo the colleague's change.
    refused = save(client, second_clerk, sitting, {**stale, "note": "Đã rà soát"})

    assert refused.status_code == 200 and "Dòng này đã được người khác sửa" in refused.content.decode()
    resolution.refresh_from_db()
    assert resolution.summary == "Nội dung mới"


def test_a_sitting_saved_with_its_resolutions_as_they_are_is_not_refused(client, secretariat_clerk, ward):
    from ..sittings import factories

    sitting = factories.sitting(ward)
    factories.resolution(ward, sitting=sitting)
    data = open_change_page(client, secretariat_clerk, sitting)
    assert save(client, secretariat_clerk, sitting, {**data, "note": "Lần 1"}).status_code == 302
    data = open_change_page(client, secretariat_clerk, sitting)
    assert save(client, secretariat_clerk, sitting, {**data, "note": "Lần 2"}).status_code == 302


def test_deleting_a_follow_up_someone_changed_since_the_page_was_opened_is_refused(
        client, secretariat_clerk, second_clerk, ward):
    from apps.oversight.models import FollowUp

    from ..sittings import factories

    recommendation = factories.recommendation(ward)
    follow_up = factories.follow_up(recommendation, note="Gửi văn bản đôn đốc lần 1")
    stale = open_change_page(client, second_clerk, recommendation)
    follow_up.note = "Đã gửi văn bản đôn đốc, UBND hẹn trả lời trong tháng 7"
    follow_up.save()

    row = resolution_row(stale, follow_up)
    refused = save(client, second_clerk, recommendation, {**stale, f"{row}DELETE": "on"})

    assert refused.status_code == 200
    assert "Dòng này đã được người khác sửa sau khi bạn mở trang" in refused.content.decode()
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()

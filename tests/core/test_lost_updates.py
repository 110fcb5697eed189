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
    version = re.search(r'name="_record_version" value="([^"]*)"', response.content.decode())
    if version:
        data["_record_version"] = version.group(1)
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

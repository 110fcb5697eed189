"""History in words: choice labels, dd/mm/yyyy, "—" for empty, no internal columns."""
import datetime

import pytest

from tests.reception.helpers import make_petition

pytestmark = pytest.mark.django_db


def test_history_shows_labels_dates_and_dashes(client_for, ward_clerk, ward):
    petition = make_petition(ward, content="Đề nghị sửa đường khu 4.")
    petition.status = "dang_giai_quyet"
    petition.forwarded_date = datetime.date(2022, 4, 5)
    petition.content = "Đề nghị sửa đường khu 4 và khu 5."
    petition.save()
    html = client_for(ward_clerk).get(f"/admin/petitions/petition/{petition.pk}/history/").content.decode()
    assert "Chưa giải quyết" in html and "Đang giải quyết" in html
    assert "chua_giai_quyet" not in html and "dang_giai_quyet" not in html
    assert "05/04/2022" in html and "2022-04-05" not in html
    assert "None" not in html
    assert "nội dung tìm kiếm" not in html.lower()
    assert "—" in html


def test_a_link_given_later_was_empty_before_and_a_deleted_one_is_named_as_deleted(client_for, ward_clerk, ward):
    first = make_petition(ward, content="Đề nghị sửa cống khu 2.")
    merged = make_petition(ward, content="Đề nghị sửa cống khu 2 (lần hai).")
    merged.merged_into = first
    merged.save()
    client = client_for(ward_clerk)
    html = client.get(f"/admin/petitions/petition/{merged.pk}/history/").content.decode()
    assert "pk=None" not in html and "đã xóa" not in html
    import re

    change = re.search(r"<strong>Gộp vào kiến nghị:</strong>(.*?)</li>", html, re.S).group(1)
    assert change.split() == ["—", "&nbsp;&rarr;&nbsp;&nbsp;" + str(first).split()[0], *str(first).split()[1:]]
    # The record linked to is deleted afterwards: the history says so, in words, without its key.
    from apps.petitions.models import Petition

    Petition.objects.filter(pk=merged.pk).update(merged_into=None)
    Petition.objects.filter(pk=first.pk).delete()
    html = client.get(f"/admin/petitions/petition/{merged.pk}/history/").content.decode()
    assert "kiến nghị cử tri đã xóa" in html and "pk=" not in html

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

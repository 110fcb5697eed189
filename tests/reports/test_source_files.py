"""A ward report's source file carries the DonThu senders' names and addresses: served as sent only to
users who may see every denouncer's identity (and logged), otherwise as a copy without them."""
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.models import SensitiveAccessLog
from apps.reception.confidential import MASK
from apps.reports.importer import WardReportImporter
from tests.reports.workbooks import ward_workbook

pytestmark = pytest.mark.django_db

NAME = "Quách Thị Thanh Hương"
ADDRESS = "Số 7 phố Hòa Bình, khu 2"
LETTERS = [
    {"stt": 1, "received_date": "01/03/2022", "sender": NAME, "address": ADDRESS, "letter_type": "Tố cáo",
     "content": "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ", "handling": "Lưu đơn"},
    {"stt": 2, "received_date": "05/03/2022", "sender": "Vũ Văn Bình", "address": "Khu 5", "letter_type": "Kiến nghị",
     "content": "Đề nghị sửa đường", "handling": "Lưu đơn"},
]


@pytest.fixture
def report(ward_clerk):
    result = WardReportImporter(ward_clerk).run(ward_workbook(unit_code="06709", letters=LETTERS), "ka-long.xlsx")
    assert result.ok, result.errors
    return result.report


def text_of(data):
    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)


def download(user, report, address="203.0.113.61"):
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    response = client.get(reverse("admin:reports_wardreport_file", args=[report.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_ward_clerk_gets_the_file_without_the_senders_identities(ward_clerk, report):
    text = text_of(download(ward_clerk, report))

    for secret in (NAME, "Quách", ADDRESS, "Vũ Văn Bình"):
        assert secret not in text
    assert MASK in text
    assert "Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ" in text  # the rest of the sheet is kept
    assert not SensitiveAccessLog.objects.exists()


def test_the_secretariat_gets_the_file_as_sent_and_the_download_is_logged(secretariat_clerk, report):
    data = download(secretariat_clerk, report)

    assert data == report.source_file.open("rb").read()
    assert NAME in text_of(data)
    rows = list(SensitiveAccessLog.objects.values_list("username", "action", "ip_address"))
    assert rows == [("vanphong_t", "exported", "203.0.113.61")]


def test_a_missing_stored_file_is_a_404_not_a_server_error(client_for, ward_clerk, secretariat_clerk, report):
    report.source_file.storage.delete(report.source_file.name)

    for user in (ward_clerk, secretariat_clerk):
        response = client_for(user).get(reverse("admin:reports_wardreport_file", args=[report.pk]))
        assert response.status_code == 404

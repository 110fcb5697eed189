"""Register imports answer forged confirms and files without their key columns in Vietnamese, never
with a server error or a traceback naming the server's paths."""
import pytest
from django.urls import reverse

from apps.reception.models import Letter

from .helpers import admin_url, import_confirm, import_preview, xlsx_bytes

pytestmark = pytest.mark.django_db

ROWS = [["Mã đơn vị", "Năm", "Số thứ tự", "Ngày nhận", "Người gửi", "Loại đơn", "Nội dung đơn"],
        ["06709", None, None, "01/03/2022", "Trần Văn Bình", "Kiến nghị", "Đề nghị sửa đường ngõ 12."]]
SERVER_TRACES = ("Traceback", ".venv", "site-packages", "/work/", "import_id_fields", "File &quot;")


def no_server_traces(html):
    return [trace for trace in SERVER_TRACES if trace in html]


@pytest.mark.parametrize("forged", ["../../council/settings.py", "0" * 32, "/etc/passwd", "",
                                    "abc\x00def", "a" * 2000])
def test_a_forged_preview_name_is_refused_in_vietnamese(client_for, ward_clerk, forged):
    client = client_for(ward_clerk)
    confirm = import_preview(client, Letter, xlsx_bytes(ROWS)).context["confirm_form"]
    data = {**confirm.initial, "import_file_name": forged}
    before = Letter.objects.count()

    response = client.post(admin_url(Letter, "process_import"), data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == admin_url(Letter, "import")
    html = response.content.decode()
    assert "Không tìm thấy tệp đã xem trước" in html and no_server_traces(html) == []
    assert Letter.objects.count() == before


def test_confirming_the_same_preview_twice_is_refused_not_a_server_error(client_for, ward_clerk):
    client = client_for(ward_clerk)
    preview = import_preview(client, Letter, xlsx_bytes(ROWS))
    assert import_confirm(client, Letter, preview).status_code == 302
    assert Letter.objects.count() == 1

    again = client.post(admin_url(Letter, "process_import"), preview.context["confirm_form"].initial, follow=True)

    assert "Không tìm thấy tệp đã xem trước" in again.content.decode()
    assert Letter.objects.count() == 1


def test_a_file_without_its_key_columns_names_them_in_vietnamese(client_for, ward_clerk):
    rows = [[h for h in row[3:]] for row in ROWS]

    response = import_preview(client_for(ward_clerk), Letter, xlsx_bytes(rows))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp thiếu cột: Mã đơn vị, Năm, Số thứ tự" in html
    assert no_server_traces(html) == []
    assert response.context.get("confirm_form") is None
    assert not Letter.objects.exists()


def test_a_file_with_its_key_columns_still_imports(client_for, ward_clerk):
    client = client_for(ward_clerk)
    response = import_confirm(client, Letter, import_preview(client, Letter, xlsx_bytes(ROWS)))

    assert response.status_code == 302 and response.url == reverse("admin:reception_letter_changelist")
    assert Letter.objects.get().sender_name == "Trần Văn Bình"

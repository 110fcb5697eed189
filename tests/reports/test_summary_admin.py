"""The admin page "Báo cáo 6 tháng": who sees what, the table, the charts and the downloads."""
import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from .test_summary_builder import report


pytestmark = [pytest.mark.django_db]


def page_url(**params):
    url = reverse("admin:reports_summary")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def cells(html, unit):
    """{code: text} of the table row of one unit (admin-unit code, or 'total')."""
    row = re.search(rf'<tr class="[^"]*" data-unit="{unit}">(.*?)</tr>', html, re.S)
    assert row, f"no row for {unit}"
    return {code: value for code, value in re.findall(r'<td data-code="(\w+)">([^<]*)</td>', row.group(1))}


def test_a_leader_sees_every_ward_the_council_and_the_total(client_for, leader, city, ward):
    report(ward, "2022-H1", {"KH01": 2, "KH05": 7})
    response = client_for(leader).get(page_url(council=city.pk, period="2022-H1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo 6 tháng" in html and "HĐND thành phố Móng Cái" in html
    assert cells(html, "06709")["KH05"] == "7"
    assert cells(html, "06712")["KH05"] == ""  # not reported: empty, not 0
    assert 'data-unit="194"' in html and 'data-unit="total"' in html
    assert "Đã báo cáo: <strong>1/17</strong>" in html
    assert html.count("data:image/png;base64,") == 4
    assert "download-xlsx" in html and "download-docx" in html


def test_the_page_defaults_to_the_users_own_council(client_for, secretariat_clerk):
    html = client_for(secretariat_clerk).get(page_url()).content.decode()
    assert 'id="summary-heading"' in html and "HĐND thành phố Móng Cái" in html


def test_a_ward_clerk_sees_only_their_own_ward(client_for, ward_clerk, city, ward):
    client = client_for(ward_clerk)
    html = client.get(page_url(period="2022-H1")).content.decode()
    assert 'data-unit="06709"' in html and 'data-unit="06712"' not in html
    assert f'<option value="{city.pk}"' not in html
    refused = client.get(page_url(council=city.pk, period="2022-H1")).content.decode()
    assert 'id="summary-table"' not in refused and "errorlist" in refused
    download = client.get(reverse("admin:reports_summary_xlsx") + f"?council={city.pk}&period=2022-H1")
    assert download.status_code == 400


def test_staff_without_a_council_profile_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("khach", password="pw-Strong-2022", is_staff=True)
    client.force_login(user)
    assert client.get(page_url()).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(page_url())
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_impossible_period_is_an_error_not_a_crash(client_for, leader, city):
    html = client_for(leader).get(page_url(council=city.pk, period="2022-H3")).content.decode()
    assert "errorlist" in html and 'id="summary-table"' not in html


def test_a_council_that_did_not_exist_in_the_period_is_explained(client_for, superuser, city):
    html = client_for(superuser).get(page_url(council=city.pk, period="2026-H1")).content.decode()
    assert "không tồn tại trong 6 tháng đầu năm 2026" in html


def test_downloads_are_the_xlsx_and_the_docx(client_for, leader, city, ward):
    report(ward, "2022-H1", {"KH05": 7})
    client = client_for(leader)
    xlsx = client.get(reverse("admin:reports_summary_xlsx") + f"?council={city.pk}&period=2022-H1")
    assert xlsx.status_code == 200 and 'filename="bao-cao-6-thang-194-2022-H1.xlsx"' in xlsx["Content-Disposition"]
    assert "TongHop" in load_workbook(io.BytesIO(xlsx.content)).sheetnames
    docx = client.get(reverse("admin:reports_summary_docx") + f"?council={city.pk}&period=2022-H1")
    assert docx.status_code == 200
    assert any(p.text == "BÁO CÁO" for p in Document(io.BytesIO(docx.content)).paragraphs)


def test_the_page_issues_a_bounded_number_of_queries(client_for, leader, city, ward, other_ward,
                                                     django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(leader)
    client.get(page_url(council=city.pk, period="2022-H1"))
    with CaptureQueriesContext(connection) as few:
        client.get(page_url(council=city.pk, period="2022-H1"))
    for w in (ward, other_ward):
        report(w, "2022-H1", {"KH01": 1, "KH05": 2})
    with django_assert_max_num_queries(len(few)):
        client.get(page_url(council=city.pk, period="2022-H1"))


def test_a_period_code_is_read_whatever_its_case(client_for, leader, city):
    html = client_for(leader).get(page_url(council=city.pk, period="2022-h1")).content.decode()
    assert "6 tháng đầu năm 2022" in html and 'id="summary-table"' in html

"""Reports across the 2025 reorganisation: a period a council covers only in part says so in the page,
the xlsx and the docx; a province's summary lists its communes, never the dissolved city; a council and
a period that do not meet are refused by export_summary with exit status 1 and nothing written."""
import io

import pytest
from django.core.management import load_command_class
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from apps.core.choices import Role
from apps.core.models import ReportingPeriod
from apps.reports.summary import build_summary
from apps.reports.summary.docx import summary_docx
from apps.reports.summary.xlsx import summary_xlsx
from tests.conftest import council, make_user

pytestmark = pytest.mark.django_db
PARTIAL = "năm 2025 (từ 01/07/2025 đến 31/12/2025)"


@pytest.fixture
def mong_cai_2(db):
    return council("06709", on_or_before_2025=False)


@pytest.fixture
def province(db):
    return council("22")


def test_a_council_formed_on_1_july_2025_reports_on_the_days_it_covers(mong_cai_2):
    summary = build_summary(mong_cai_2, ReportingPeriod.objects.from_code("2025-Y"))
    assert summary.period_label == PARTIAL
    assert (summary.start_date.isoformat(), summary.end_date.isoformat()) == ("2025-07-01", "2025-12-31")
    full = build_summary(mong_cai_2, ReportingPeriod.objects.from_code("2025-H2"))
    assert full.period_label == "6 tháng cuối năm 2025"


def test_the_xlsx_and_the_docx_say_so(mong_cai_2):
    summary = build_summary(mong_cai_2, ReportingPeriod.objects.from_code("2025-Y"))
    sheet = load_workbook(io.BytesIO(summary_xlsx(summary, with_lists=False)))["TongHop"]
    assert PARTIAL.upper() in sheet["A1"].value
    assert "Từ ngày 01/07/2025 đến ngày 31/12/2025" in sheet["A2"].value
    text = "\n".join(p.text for p in Document(io.BytesIO(summary_docx(summary, with_charts=False))).paragraphs)
    assert f"Kết quả hoạt động của Hội đồng nhân dân phường {PARTIAL}" in text
    assert f"chưa cập nhật số liệu {PARTIAL}." in text  # nothing entered yet: the period is still named


def test_the_summary_page_says_so(client, mong_cai_2):
    client.force_login(make_user("tinh_t", "22", Role.SECRETARIAT))
    page = client.get(reverse("admin:reports_summary") + f"?council={mong_cai_2.pk}&period=2025-Y")
    assert page.status_code == 200
    assert PARTIAL in page.content.decode()


def test_a_provinces_summary_lists_its_communes_never_the_dissolved_city(province):
    year = build_summary(province, ReportingPeriod.objects.from_code("2025-Y"))
    codes = {row.code for row in year.wards}
    assert "194" not in codes and {"06709", "06712", "06736"} <= codes
    assert all(row.name.startswith(("HĐND phường", "HĐND xã", "HĐND đặc khu")) for row in year.wards)
    assert build_summary(province, ReportingPeriod.objects.from_code("2025-H1")).wards == []


def test_export_summary_for_a_council_and_a_period_that_do_not_meet_exits_1_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "mong-cai-2026.docx"
    command = load_command_class("apps.reports", "export_summary")
    with pytest.raises(SystemExit) as exited:
        command.run_from_argv(["manage.py", "export_summary", "--council", "194", "--period", "2026-H1",
                               "--format", "docx", "--output", str(out)])
    assert exited.value.code == 1
    error = capsys.readouterr().err
    assert "Không có HĐND nào mang mã đơn vị «194» trong kỳ 6 tháng đầu năm 2026" in error
    assert "HĐND thành phố Móng Cái (… – 30/06/2025)" in error
    assert list(tmp_path.iterdir()) == []

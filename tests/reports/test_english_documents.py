"""An English page, Vietnamese documents: a clerk who switched the admin to English reads the period,
the workbook errors and the chart text in English, while the official documents they download (the
summary docx and xlsx, the ward workbook template) and the import log stay in Vietnamese."""
import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from matplotlib.axes import Axes
from openpyxl import load_workbook

from apps.reports.importer import WardReportImporter
from apps.reports.models import ImportAttempt

from .test_admin_upload import xlsx
from .test_summary_renderers import docx_text
from .workbooks import ward_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client_for, secretariat_clerk):
    client = client_for(secretariat_clerk)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    yield client
    translation.activate(settings.LANGUAGE_CODE)  # the test thread keeps the last request's language


@pytest.fixture
def chart_titles(monkeypatch):
    """The titles the charts are drawn with (the images are cached: start from an empty cache)."""
    cache.clear()
    titles = []
    original = Axes.set_title

    def record(self, label, *args, **kwargs):
        titles.append(str(label))
        return original(self, label, *args, **kwargs)

    monkeypatch.setattr(Axes, "set_title", record)
    yield titles
    cache.clear()


def summary_query(city):
    return f"?council={city.pk}&period=2022-H1"


def test_the_summary_pages_charts_are_drawn_in_english(english, city, chart_titles):
    english.get(reverse("admin:reports_summary") + summary_query(city))
    assert "Voter petitions by status" in chart_titles and "Letters by type (total)" in chart_titles
    assert not any("Kiến nghị cử tri" in t or "Đơn thư" in t for t in chart_titles)


def test_an_english_users_docx_is_in_vietnamese_charts_included(english, city, chart_titles):
    response = english.get(reverse("admin:reports_summary_docx") + summary_query(city))
    text, _doc = docx_text(response.content)
    assert "6 tháng đầu năm 2022" in text and "Trên đây là báo cáo kết quả hoạt động" in text
    assert "first half" not in text.lower()
    assert "Kiến nghị cử tri theo tình trạng giải quyết" in chart_titles
    assert "Voter petitions by status" not in chart_titles


def test_an_english_users_summary_xlsx_is_in_vietnamese(english, city):
    response = english.get(reverse("admin:reports_summary_xlsx") + summary_query(city))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    title = sheet["A1"].value
    assert title.startswith("TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG 6 THÁNG ĐẦU NĂM 2022"), title
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "first half" not in cells.lower() and "FIRST HALF" not in cells


def test_an_english_users_ward_template_is_in_vietnamese_and_reads_back(english, city):
    from apps.core.models import Council

    ward = Council.objects.filter(parent=city).order_by("pk").first()
    response = english.get(reverse("admin:reports_wardreport_template") + f"?period=2022-H1&ward={ward.pk}")
    sheet = load_workbook(io.BytesIO(response.content))["ChiTieu"]
    cells = [c.value for row in sheet.iter_rows(max_row=10) for c in row if isinstance(c.value, str)]
    assert "6 tháng đầu năm 2022" in cells, cells
    assert not any("first half" in c.lower() for c in cells)


def test_the_preview_names_a_bad_cell_in_english(english):
    page = english.post(reverse("admin:reports_wardreport_upload"),
                        {"files": [xlsx("a.xlsx", ward_workbook(values={"KH01": "abc"}))]}).content.decode()
    assert "File a.xlsx, sheet ChiTieu, cell E7 (Số liệu): indicator KH01: value &quot;abc&quot; is not a number." in page
    assert "Enter a whole number of 0 or more" in page
    assert "không phải là số" not in page and "Tệp a.xlsx" not in page


def test_an_english_upload_is_logged_in_vietnamese(secretariat_clerk):
    with translation.override("en"):
        result = WardReportImporter(secretariat_clerk).run(ward_workbook(values={"KH01": "abc"}), "a.xlsx")
        shown = [str(line) for line in result.errors]
    assert shown == ["File a.xlsx, sheet ChiTieu, cell E7 (Số liệu): indicator KH01: value \"abc\" is not a number. "
                     "Enter a whole number of 0 or more (leave empty if not reported, write 0 if it is 0)."]
    logged = ImportAttempt.objects.get().messages
    assert logged == ('Tệp a.xlsx, trang tính ChiTieu, ô E7 (Số liệu): chỉ tiêu KH01: giá trị "abc" không phải là số. '
                      "Hãy nhập số nguyên không âm (để trống nếu không báo cáo, ghi 0 nếu bằng 0).")


def test_what_an_english_upload_writes_is_in_vietnamese(secretariat_clerk):
    from apps.petitions.models import Petition

    petition = {"stt": 1, "content": "Ô nhiễm bãi rác khu 5", "field": "Tài nguyên, môi trường",
                "forwarded_date": "15/03/2022", "status": "Đang giải quyết", "answer_date": "01/04/2022"}
    with translation.override("en"):
        result = WardReportImporter(secretariat_clerk).run(ward_workbook(petitions=[petition]), "a.xlsx")
    assert not result.errors
    assert Petition.objects.get().source.startswith("Báo cáo 6 tháng đầu năm 2022 của ")


def test_a_summary_exported_in_the_background_for_an_english_user_is_in_vietnamese(
        english, city, django_capture_on_commit_callbacks):
    from apps.core.models import Job

    with django_capture_on_commit_callbacks(execute=True):
        english.post(reverse("admin:core_jobs_start"),
                     {"kind": "summary_export", "council": city.pk, "period": "2022-H1", "format": "docx"})
    job = Job.objects.get()
    assert "6 tháng đầu năm 2022" in job.title
    with job.result_file.open("rb") as handle:
        text, _doc = docx_text(handle.read())
    assert "6 tháng đầu năm 2022" in text and "first half" not in text.lower()

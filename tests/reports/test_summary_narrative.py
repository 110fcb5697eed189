"""The secretariat's own sections of the report: written on the summary page, saved per council and
period, read-only for leaders, and placed in the docx after the figures and before the signature."""
import io
import re

import pytest
from django.urls import reverse
from docx import Document

from apps.core.admin_concurrency import VERSION_FIELD
from apps.core.job_models import Job, JobStatus
from apps.core.models import ReportingPeriod
from apps.reports.models import SummaryNarrative

pytestmark = [pytest.mark.django_db]

ASSESSMENT = ("Hoạt động của HĐND thành phố 6 tháng đầu năm có nhiều đổi mới, thiết thực.\n\n"
              "Công tác giám sát được tập trung vào những vấn đề cử tri quan tâm.")
SHORTCOMINGS = "Một số kiến nghị sau giám sát chậm được giải quyết."
DIRECTIONS = "Tổ chức kỳ họp thường lệ cuối năm 2022.\nGiám sát chuyên đề về quản lý đất đai."


def page(council, period="2022-H1"):
    return f"{reverse('admin:reports_summary')}?council={council.pk}&period={period}"


def post(client, council, period="2022-H1", version=None, **texts):
    data = {"assessment": "", "shortcomings": "", "directions": "", **texts}
    if version is not None:
        data[VERSION_FIELD] = version
    return client.post(page(council, period), data)


def docx_text(content):
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_the_secretariat_writes_its_sections_and_finds_them_again_on_the_page(client_for, secretariat_clerk, city):
    client = client_for(secretariat_clerk)
    form_page = client.get(page(city)).content.decode()
    assert 'id="narrative-form"' in form_page and "Phương hướng, nhiệm vụ 6 tháng cuối năm 2022" in form_page

    response = post(client, city, version="", assessment=ASSESSMENT, shortcomings=SHORTCOMINGS, directions=DIRECTIONS)

    assert response.status_code == 302 and response["Location"].endswith("#summary-narrative")
    saved = SummaryNarrative.objects.get(council=city, period__year=2022, period__kind="H1")
    assert saved.assessment == ASSESSMENT and saved.updated_by == secretariat_clerk
    assert saved.history.count() == 1 and saved.history.first().history_user == secretariat_clerk
    html = client.get(page(city)).content.decode()
    assert "Công tác giám sát được tập trung" in html and "Lưu lần cuối: vanphong_t" in html
    # Another period of the same council has its own, still empty, sections.
    assert "Công tác giám sát được tập trung" not in client.get(page(city, "2022-H2")).content.decode()


def test_saving_again_changes_the_same_row_and_keeps_history(client_for, secretariat_clerk, city):
    client = client_for(secretariat_clerk)
    post(client, city, version="", assessment="Bản đầu.")
    first = SummaryNarrative.objects.get()
    post(client, city, version=first.updated_at.isoformat(), assessment="Bản sửa.")

    assert SummaryNarrative.objects.count() == 1
    row = SummaryNarrative.objects.get()
    assert row.assessment == "Bản sửa." and row.history.count() == 2


def test_a_save_over_a_colleagues_newer_text_is_refused_with_their_name(client_for, secretariat_clerk, city):
    client = client_for(secretariat_clerk)
    post(client, city, version="", assessment="Bản của chị Lan.")
    opened = SummaryNarrative.objects.get().updated_at.isoformat()
    post(client, city, version=opened, assessment="Bản của chị Lan, đã sửa.")

    response = post(client, city, version=opened, assessment="Bản của anh Minh.")

    assert response.status_code == 200
    html = response.content.decode()
    assert "đã được người khác lưu" in html and "vanphong_t đã lưu lúc" in html
    assert "Bản của anh Minh." in html  # the clerk's own text comes back in the form
    assert SummaryNarrative.objects.get().assessment == "Bản của chị Lan, đã sửa."


def test_a_leader_reads_the_sections_but_cannot_write_them(client_for, secretariat_clerk, leader, city):
    post(client_for(secretariat_clerk), city, version="", assessment=ASSESSMENT)
    client = client_for(leader)
    html = client.get(page(city)).content.decode()
    assert 'id="narrative-form"' not in html and "Công tác giám sát được tập trung" in html
    assert "Chưa viết." in html  # the two sections nobody wrote

    assert post(client, city, assessment="Thường trực sửa.").status_code == 403
    assert SummaryNarrative.objects.get().assessment == ASSESSMENT


def test_a_ward_clerk_writes_their_wards_sections_but_not_the_citys(client_for, ward_clerk, ward, city):
    client = client_for(ward_clerk)
    assert post(client, ward, version="", assessment="Phường Ka Long đánh giá.").status_code == 302
    assert SummaryNarrative.objects.get().council == ward

    assert post(client, city, assessment="Ghi vào báo cáo của thành phố.").status_code == 403
    assert not SummaryNarrative.objects.filter(council=city).exists()


def test_a_clerk_cannot_write_the_sections_of_a_council_outside_their_scope(client_for, secretariat_clerk,
                                                                           other_ward_clerk, ward):
    from tests.conftest import council

    province = council("22")
    assert post(client_for(secretariat_clerk), province, assessment="Của tỉnh.").status_code == 403
    assert post(client_for(other_ward_clerk), ward, assessment="Của phường khác.").status_code == 403
    assert not SummaryNarrative.objects.exists()


def test_a_post_without_council_and_period_in_the_address_writes_nothing(client_for, secretariat_clerk):
    response = client_for(secretariat_clerk).post(reverse("admin:reports_summary"), {"assessment": "Không rõ kỳ."})
    assert response.status_code == 400 and not SummaryNarrative.objects.exists()


def test_the_docx_places_the_sections_after_the_figures_and_before_the_signature(client_for, secretariat_clerk,
                                                                                 city):
    client = client_for(secretariat_clerk)
    post(client, city, version="", assessment=ASSESSMENT, shortcomings=SHORTCOMINGS, directions=DIRECTIONS)

    text = docx_text(client.get(reverse("admin:reports_summary_docx") + f"?council={city.pk}&period=2022-H1").content)

    headings = [t for t in text if re.match(r"[IVX]+\. ", t)]
    assert headings[-3:] == ["VI. ĐÁNH GIÁ CHUNG", "VII. HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN",
                             "VIII. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022"]
    start = text.index("VI. ĐÁNH GIÁ CHUNG")
    assert text.index("V. HOẠT ĐỘNG CỦA HĐND CÁC XÃ, PHƯỜNG") < start
    # One paragraph per line typed, blank lines dropped.
    assert text[start + 1:start + 3] == ["Hoạt động của HĐND thành phố 6 tháng đầu năm có nhiều đổi mới, thiết thực.",
                                         "Công tác giám sát được tập trung vào những vấn đề cử tri quan tâm."]
    directions = text.index("VIII. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022")
    assert text[directions + 1:directions + 3] == DIRECTIONS.split("\n")
    closing = next(i for i, t in enumerate(text) if t.startswith("Trên đây là báo cáo"))
    assert closing == directions + 3  # then the closing sentence, then the signature table


def test_an_empty_section_keeps_its_heading_with_a_highlighted_placeholder(client_for, secretariat_clerk, city):
    from apps.reports.summary import narrative

    client = client_for(secretariat_clerk)
    post(client, city, version="", assessment=ASSESSMENT)
    content = client.get(reverse("admin:reports_summary_docx") + f"?council={city.pk}&period=2022-H1").content
    document = Document(io.BytesIO(content))
    text = [p.text for p in document.paragraphs]

    shortcomings = text.index("VII. HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN")
    assert text[shortcomings + 1] == narrative.PLACEHOLDER
    placeholder = document.paragraphs[shortcomings + 1]
    assert placeholder.runs[0].font.highlight_color is not None and placeholder.runs[0].font.italic
    assert text.count(narrative.PLACEHOLDER) == 2  # shortcomings and directions; the assessment was written


def test_the_queued_summary_export_carries_the_sections_too(client_for, secretariat_clerk, city,
                                                           django_capture_on_commit_callbacks):
    client = client_for(secretariat_clerk)
    post(client, city, version="", assessment=ASSESSMENT, directions=DIRECTIONS)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:core_jobs_start"),
                    {"kind": "summary_export", "council": city.pk, "period": "2022-H1", "format": "docx"})
    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    body = b"".join(client.get(reverse("admin:core_jobs_download", args=[job.pk])).streaming_content)

    text = docx_text(body)
    assert "Công tác giám sát được tập trung vào những vấn đề cử tri quan tâm." in text
    assert "Giám sát chuyên đề về quản lý đất đai." in text


def test_a_year_report_looks_ahead_to_the_next_year(client_for, secretariat_clerk, city):
    ReportingPeriod.objects.from_code("2022-Y")
    html = client_for(secretariat_clerk).get(page(city, "2022-Y")).content.decode()
    assert "Phương hướng, nhiệm vụ năm 2023" in html

"""Browser: the secretariat makes the semi-annual summary in the background from the summary page,
follows it on «Công việc nền» (progress bar, updated by the page itself) and downloads the file."""
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from openpyxl import load_workbook
from playwright.sync_api import expect

from apps.core.job_models import Job, JobStatus

pytestmark = [pytest.mark.browser]


def test_a_summary_made_in_the_background_is_followed_and_downloaded(page, live_server, login, secretariat_clerk,
                                                                      city):
    login(page, live_server, secretariat_clerk)
    page.goto(f"{live_server.url}/admin/reports/summary/?council={city.pk}&period=2022-H1")
    with page.expect_navigation():
        page.click("#background-xlsx")
    assert page.url.endswith("/admin/jobs/")
    assert "vào hàng đợi" in page.text_content(".messagelist")
    row = page.locator("#jobs-table tr[data-job]").first
    assert "Hoàn thành" in row.text_content()  # no broker here: the job ran in the request
    assert row.locator("progress").get_attribute("value") == "100"
    with page.expect_download() as info:
        row.locator("a.job-download").click()
    download = info.value
    assert download.suggested_filename == "bao-cao-6-thang-194-2022-H1.xlsx"
    assert "TongHop" in load_workbook(io.BytesIO(open(download.path(), "rb").read())).sheetnames


def test_the_jobs_page_follows_a_running_job_until_its_file_is_there(page, live_server, login, secretariat_clerk,
                                                                       city):
    job = Job.objects.create(kind="summary_export", title="Báo cáo năm 2022 – HĐND thành phố Móng Cái: báo cáo (docx)",
                             user=secretariat_clerk, council=city, status=JobStatus.RUNNING, progress=40,
                             step="Đang tạo tệp", attempts=1,
                             params={"council": city.pk, "period": "2022-Y", "format": "docx"})
    login(page, live_server, secretariat_clerk)
    page.goto(f"{live_server.url}/admin/jobs/")
    row = page.locator(f'#jobs-table tr[data-job="{job.pk}"]')
    assert row.locator("progress").get_attribute("value") == "40"
    assert "Đang tạo tệp" in row.text_content()

    # The worker moves on, then finishes: the page shows it without the clerk reloading.
    Job.objects.filter(pk=job.pk).update(progress=70)
    expect(row.locator("progress")).to_have_attribute("value", "70", timeout=15000)
    stored = default_storage.save(f"jobs/{job.pk}/bao-cao.docx", ContentFile(b"PK fake docx"))
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, progress=100, result_file=stored,
                                         result_name="bao-cao.docx")
    page.wait_for_selector(f'tr[data-job="{job.pk}"] a.job-download')
    assert "Hoàn thành" in page.locator(f'tr[data-job="{job.pk}"]').text_content()

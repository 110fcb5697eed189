"""A register export past the in-request limit is made in the background: same filters, same scope,
same masking as in the page, streamed chunk by chunk, downloaded from «Công việc nền»."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.core import export_jobs
from apps.core.job_models import Job, JobStatus
from tests.reception.helpers import D, make_letter


def export(client, query=""):
    url = reverse("admin:reception_letter_export") + (f"?{query}" if query else "")
    form = client.get(url).context["form"]
    data = {"format": "0", "resource": "0"}
    data.update({name: "on" for name in form.fields if name.startswith("letterresource_")})
    return client.post(url, data)


@pytest.fixture
def many_letters(ward, other_ward):
    for day in range(1, 8):
        make_letter(ward, received_date=D(2022, 3, day), content=f"Đơn số {day} của Ka Long")
    make_letter(ward, received_date=D(2022, 4, 1), content_type="to_cao", sender_name="Ngô Văn Tố",
                content="Tố cáo cán bộ địa chính")
    make_letter(other_ward, received_date=D(2022, 3, 1), content="Đơn của Trần Phú")


def job_rows(client, job):
    body = b"".join(client.get(reverse("admin:core_jobs_download", args=[job.pk])).streaming_content)
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_a_large_export_goes_to_the_queue_and_keeps_scope_and_masking(
        client_for, ward_clerk, many_letters, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.EXPORT_IN_REQUEST_MAX_ROWS = 3
    monkeypatch.setattr(export_jobs, "CHUNK", 3)  # several chunks even on a small register
    client = client_for(ward_clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = export(client)
    assert response.status_code == 302 and response["Location"] == reverse("admin:core_jobs")
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.kind == "register_export", job.error
    assert job.result_name.startswith("so-xu-ly-don-") and job.result_name.endswith(".xlsx")
    headers, rows = job_rows(client, job)
    assert "Người gửi" in headers
    assert len(rows) == 8  # Ka Long's letters only
    flat = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "Trần Phú" not in flat and "Ngô Văn Tố" not in flat  # other ward's letter, sealed denouncer


def test_the_queued_export_follows_the_changelist_filters(
        client_for, ward_clerk, many_letters, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_IN_REQUEST_MAX_ROWS = 3
    client = client_for(ward_clerk)
    with django_capture_on_commit_callbacks(execute=True):
        export(client, "q=Ka+Long")
    _headers, rows = job_rows(client, Job.objects.get())
    assert len(rows) == 7


def test_a_small_export_is_still_a_file_in_the_page(client_for, ward_clerk, many_letters):
    response = export(client_for(ward_clerk))
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    assert not Job.objects.exists()

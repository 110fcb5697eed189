"""Confirming a large ward upload runs as a background job: written once, all or nothing, re-runnable.

Chị Hoa, the secretariat clerk of Móng Cái, uploads Vạn Ninh's workbook with more petitions and letters
than a request may write; «Xác nhận» queues the import and sends her to «Công việc nền».
"""
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from openpyxl import load_workbook

from apps.core import jobs
from apps.core.job_models import Job, JobStatus
from apps.petitions.models import Petition
from apps.reception.models import Letter
from apps.reports.models import WardReport, WardReportValue
from apps.reports.preview import SESSION_KEY
from tests.reports.test_admin_upload import CONFIRM, UPLOAD, token_of, xlsx
from tests.reports.test_workbook_choices import LETTER, PETITION
from tests.reports.workbooks import ward_workbook

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """The worker process dies (not an error the job could catch)."""


def written():
    return WardReport.objects.count(), WardReportValue.objects.count(), Petition.objects.count(), Letter.objects.count()


def big_workbook():
    return ward_workbook(petitions=[{**PETITION, "stt": n} for n in (1, 2, 3)],
                         letters=[{**LETTER, "stt": n} for n in (1, 2)])


@pytest.fixture
def small_limit(settings):
    settings.WARD_CONFIRM_IN_REQUEST_MAX_ROWS = 4  # the workbook above has 5 list rows


def previewed(client):
    response = client.post(reverse(UPLOAD), {"files": [xlsx("van-ninh.xlsx", big_workbook())]})
    assert response.status_code == 200 and "Hợp lệ, sẽ nhập" in response.content.decode()
    token = token_of(client)
    return token, [path for path, _name in client.session[SESSION_KEY][token]["files"]]


def confirm(client, token, capture, execute=True):
    with capture(execute=execute):
        return client.post(reverse(CONFIRM), {"token": token, "confirm": "1"})


def test_confirming_a_large_upload_queues_a_job_that_writes_the_rows_and_gives_a_result_table(
        client_for, secretariat_clerk, small_limit, django_capture_on_commit_callbacks):
    client = client_for(secretariat_clerk)
    token, stored = previewed(client)

    response = confirm(client, token, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == reverse("admin:core_jobs") == "/admin/jobs/"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("5 dòng kiến nghị, đơn thư" in m and "được nhập trong nền" in m for m in messages)
    job = Job.objects.get()
    assert job.kind == "ward_upload_confirm" and job.user == secretariat_clerk
    assert job.status == JobStatus.DONE, job.error
    assert written() == (1, 35, 3, 2)
    assert not any(default_storage.exists(path) for path in stored)
    assert client.session[SESSION_KEY] == {}
    table = client.get(reverse("admin:core_jobs_download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(table.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Tệp", "Xã, phường", "Kỳ báo cáo", "Kết quả")
    assert rows[1][0] == "van-ninh.xlsx" and rows[1][3] == "Đã nhập"


def test_a_small_upload_is_still_confirmed_in_the_request(client_for, secretariat_clerk, settings,
                                                          django_capture_on_commit_callbacks):
    settings.WARD_CONFIRM_IN_REQUEST_MAX_ROWS = 5
    client = client_for(secretariat_clerk)
    token, _stored = previewed(client)

    response = confirm(client, token, django_capture_on_commit_callbacks)

    assert response.status_code == 200 and "Kết quả nhập báo cáo" in response.content.decode()
    assert not Job.objects.exists() and written() == (1, 35, 3, 2)


def test_a_job_run_again_after_it_finished_writes_nothing_twice(client_for, secretariat_clerk, small_limit,
                                                               django_capture_on_commit_callbacks):
    client = client_for(secretariat_clerk)
    token, _stored = previewed(client)
    confirm(client, token, django_capture_on_commit_callbacks)
    job = Job.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        jobs.retry(job)  # the queue delivers it again (the files are gone by now)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert written() == (1, 35, 3, 2)


def test_a_worker_killed_after_writing_leaves_a_job_that_reruns_without_duplicating_rows(
        client_for, secretariat_clerk, small_limit, monkeypatch, django_capture_on_commit_callbacks):
    client = client_for(secretariat_clerk)
    token, stored = previewed(client)
    confirm(client, token, django_capture_on_commit_callbacks, execute=False)  # queued, not run yet
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and written() == (0, 0, 0, 0)

    from apps.reports import confirm_job

    def killed(name):
        raise WorkerKilled

    monkeypatch.setattr(confirm_job.default_storage, "delete", killed)  # dies once the workbook is written
    with pytest.raises(WorkerKilled):
        jobs.run_job(job.pk)
    assert written() == (1, 35, 3, 2) and all(default_storage.exists(path) for path in stored)
    monkeypatch.undo()

    jobs.run_job(job.pk)  # the queue hands the job to another worker

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert written() == (1, 35, 3, 2)


def test_a_failure_in_the_middle_leaves_nothing_written_and_the_job_can_be_run_again(
        client_for, secretariat_clerk, small_limit, monkeypatch, django_capture_on_commit_callbacks):
    client = client_for(secretariat_clerk)
    token, stored = previewed(client)
    from apps.reports import importer

    def broken(*args, **kwargs):
        assert Petition.objects.count() == 3  # the petitions are written, the letters are next
        raise RuntimeError("database connection lost")

    monkeypatch.setattr(importer, "create_letters", broken)
    confirm(client, token, django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "Chạy lại" in job.error
    assert written() == (0, 0, 0, 0)
    assert all(default_storage.exists(path) for path in stored)  # kept for the next run
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        jobs.retry(job)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and written() == (1, 35, 3, 2)


def test_a_ward_clerk_cannot_queue_an_import_for_another_ward(client_for, ward_clerk, small_limit,
                                                              django_capture_on_commit_callbacks):
    client = client_for(ward_clerk)
    response = client.post(reverse(UPLOAD), {"files": [xlsx("van-ninh.xlsx", big_workbook())]})
    assert "Hợp lệ, sẽ nhập" not in response.content.decode()
    token = token_of(client)

    confirm(client, token, django_capture_on_commit_callbacks)

    assert written() == (0, 0, 0, 0)
    assert not Job.objects.filter(status=JobStatus.DONE, title__contains="5 dòng").exists()

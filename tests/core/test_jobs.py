"""Background jobs: started from a page, run (in-process without a broker), their result file
downloaded from the jobs page, scoped to their user, failures shown in Vietnamese and re-runnable."""
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from apps.core import jobs
from apps.core.job_models import Job, JobStatus
from apps.reports.jobs import SummaryExport


def start_summary(client, council, fmt="xlsx", period="2022-H1", capture=None):
    data = {"kind": "summary_export", "council": council.pk, "period": period, "format": fmt}
    with capture(execute=True):
        return client.post(reverse("admin:core_jobs_start"), data)


def test_a_summary_started_in_the_background_is_downloaded_from_the_jobs_page(
        client_for, secretariat_clerk, city, django_capture_on_commit_callbacks):
    client = client_for(secretariat_clerk)
    response = start_summary(client, city, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("admin:core_jobs")
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.progress == 100 and job.attempts == 1
    assert job.user == secretariat_clerk and job.council == city

    page = client.get(reverse("admin:core_jobs"))
    assert "Hoàn thành" in page.content.decode() and job.title in page.content.decode()
    download = client.get(reverse("admin:core_jobs_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="bao-cao-6-thang-194-2022-H1.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert "TongHop" in workbook.sheetnames


def test_a_docx_job_gives_a_word_file(client_for, secretariat_clerk, city, django_capture_on_commit_callbacks):
    client = client_for(secretariat_clerk)
    start_summary(client, city, fmt="docx", capture=django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.result_name.endswith(".docx")
    body = b"".join(client.get(reverse("admin:core_jobs_download", args=[job.pk])).streaming_content)
    assert body[:2] == b"PK"


def test_jobs_are_seen_and_downloaded_only_by_their_user(
        client_for, secretariat_clerk, ward_clerk, leader, city, django_capture_on_commit_callbacks):
    start_summary(client_for(secretariat_clerk), city, capture=django_capture_on_commit_callbacks)
    job = Job.objects.get()
    for outsider in (ward_clerk, leader):
        client = Client()  # a session of its own (the secretariat's message stays in theirs)
        client.force_login(outsider)
        assert job.title not in client.get(reverse("admin:core_jobs")).content.decode()
        assert client.get(reverse("admin:core_jobs_download", args=[job.pk])).status_code == 404
        assert client.get(reverse("admin:core_jobs_status"), {"id": job.pk}).json() == {"jobs": []}
        assert client.post(reverse("admin:core_jobs_retry", args=[job.pk])).status_code == 404


def test_a_ward_clerk_cannot_start_a_summary_of_the_city(client_for, ward_clerk, city,
                                                          django_capture_on_commit_callbacks):
    client = client_for(ward_clerk)
    response = start_summary(client, city, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not Job.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Chưa chọn HĐND trong phạm vi của bạn" in m for m in messages)


def test_a_period_outside_the_councils_life_is_refused_before_queueing(
        client_for, secretariat_clerk, city, django_capture_on_commit_callbacks):
    response = start_summary(client_for(secretariat_clerk), city, period="2022-X",
                             capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302 and not Job.objects.exists()


def test_a_failed_job_says_so_in_vietnamese_and_runs_again(
        client_for, secretariat_clerk, city, monkeypatch, django_capture_on_commit_callbacks):
    calls = []
    real_run = SummaryExport.run

    def flaky(job, progress, workdir):
        calls.append(job.pk)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        return real_run(job, progress, workdir)

    monkeypatch.setattr(SummaryExport, "run", staticmethod(flaky))
    client = client_for(secretariat_clerk)
    start_summary(client, city, capture=django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.error == jobs.GENERIC_ERROR and not job.result_file
    page = client.get(reverse("admin:core_jobs")).content.decode()
    assert "Chạy lại" in page and "disk full" not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:core_jobs_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and job.result_file


def test_a_worker_killed_mid_job_leaves_no_file_and_the_job_runs_again(
        secretariat_clerk, city, monkeypatch, django_capture_on_commit_callbacks):
    real_run = SummaryExport.run

    def killed(job, progress, workdir):
        progress(40, "Đang tạo tệp")
        with open(f"{workdir}/half.xlsx", "wb") as handle:
            handle.write(b"PK half")
        raise SystemExit(-9)  # what a dying worker process looks like from inside

    monkeypatch.setattr(SummaryExport, "run", staticmethod(killed))
    with django_capture_on_commit_callbacks(execute=False):
        job = jobs.start("summary_export", secretariat_clerk, {"council": city.pk, "period": "2022-H1", "format": "xlsx"})
    with pytest.raises(SystemExit):
        jobs.run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and not job.result_file and job.progress == 40

    # The broker gives the message to another worker: the job runs again from the start.
    monkeypatch.setattr(SummaryExport, "run", staticmethod(real_run))
    job = jobs.run_job(job.pk)
    assert job.status == JobStatus.DONE and job.attempts == 2 and job.result_file


def test_a_message_delivered_twice_does_not_run_a_finished_job_again(
        secretariat_clerk, city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start("summary_export", secretariat_clerk, {"council": city.pk, "period": "2022-H1", "format": "xlsx"})
    job.refresh_from_db()
    finished_at = job.finished_at
    assert jobs.run_job(job.pk) is None
    job.refresh_from_db()
    assert job.attempts == 1 and job.finished_at == finished_at


def test_the_status_endpoint_reports_progress(client_for, secretariat_clerk, city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = jobs.start("summary_export", secretariat_clerk, {"council": city.pk, "period": "2022-H1", "format": "xlsx"})
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=42, step="Đang tạo tệp")
    data = client_for(secretariat_clerk).get(reverse("admin:core_jobs_status"), {"id": job.pk}).json()
    assert data == {"jobs": [{"id": job.pk, "status": "running", "progress": 42, "step": "Đang tạo tệp",
                              "finished": False}]}


def test_every_job_kind_and_the_beat_schedule_name_real_tasks():
    from django.conf import settings

    from council.celery import app

    app.loader.import_default_modules()
    assert "summary_export" in jobs.KINDS
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks

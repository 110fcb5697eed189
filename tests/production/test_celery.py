"""Background jobs on a real queue: a Redis broker and a Celery worker process, as in production,
and the same job in-process when no broker is configured."""
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

from .serving import ADMIN_USERNAME, REPO, production_env

BROKER = "redis://127.0.0.1:6379/13"

ENQUEUE = f"""
import django
django.setup()
from django.contrib.auth import get_user_model
from apps.core import jobs
from apps.core.models import Council
user = get_user_model().objects.get(username={ADMIN_USERNAME!r})
city = Council.objects.get(admin_unit__code="194")
job = jobs.start("summary_export", user, {{"council": city.pk, "period": "2022-H1", "format": "FORMAT"}})
job.refresh_from_db()
print(job.pk, job.status)
"""


def redis_available():
    try:
        import redis

        return redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except Exception:
        return False


def enqueue(site, fmt, **env):
    done = subprocess.run([sys.executable, "-c", ENQUEUE.replace("FORMAT", fmt)], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env=production_env(site, **env))
    assert done.returncode == 0, done.stderr[-2000:]
    pk, status = done.stdout.split()[-2:]
    return int(pk), status


def job_row(site, pk):
    with sqlite3.connect(site / "db.sqlite3") as db:
        return db.execute("SELECT status, progress, result_file, error FROM core_job WHERE id = ?", [pk]).fetchone()


def test_without_a_broker_the_job_runs_in_the_calling_process(prod_site):
    pk, status = enqueue(prod_site, "xlsx")
    assert status == "done"
    state, progress, stored, error = job_row(prod_site, pk)
    assert (state, progress, error) == ("done", 100, "")
    assert (prod_site / "media" / stored).read_bytes()[:2] == b"PK"


@pytest.mark.skipif(not redis_available(), reason="Redis không chạy ở 127.0.0.1:6379: bỏ qua kiểm thử hàng đợi thật.")
def test_a_queued_summary_export_runs_through_redis_and_a_worker(prod_site):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {"CELERY_BROKER_URL": BROKER, "CELERY_QUEUE": queue}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "council", "worker", "--pool=solo", "--concurrency=1",
         "--without-mingle", "--without-gossip", "--loglevel=INFO", "-Q", queue],
        cwd=REPO, env=production_env(prod_site, **env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        pk, status = enqueue(prod_site, "docx", **env)
        assert status == "queued"  # the web process only queued it
        deadline = time.monotonic() + 120
        row = job_row(prod_site, pk)
        while row[0] != "done" and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.5)
            row = job_row(prod_site, pk)
        state, progress, stored, error = row
        assert (state, progress, error) == ("done", 100, ""), row
        assert (prod_site / "media" / stored).read_bytes()[:2] == b"PK"
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "apps.core.tasks.run_job_task" in output and "succeeded" in output

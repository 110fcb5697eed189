"""Celery tasks of the project (found by council/celery.py's autodiscovery)."""
from celery import shared_task
from django.core.management import call_command


@shared_task(name="apps.core.tasks.run_job_task")
def run_job_task(job_id):
    from .jobs import run_job

    job = run_job(job_id)
    return job.status if job is not None else None


@shared_task(name="apps.core.tasks.send_reminders_task")
def send_reminders_task():
    """The daily reminders (Celery beat): the same command cron would run."""
    call_command("send_reminders")

"""The project's Celery application: long work (province-wide exports, big uploads, reminders)
runs on a queue when a broker is configured, and in-process otherwise.

Settings come from Django's settings with the ``CELERY_`` prefix (council/settings.py). Without
``CELERY_BROKER_URL`` tasks run eagerly in the calling process, so ``make run`` and the tests
need nothing more; production points it at Redis (docs/DEPLOY.md).
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")

app = Celery("council")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

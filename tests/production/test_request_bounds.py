"""No request holds a worker past 30 s: gunicorn's timeout, and a PostgreSQL statement timeout for web
requests only (a backup, an import from the shell or a background job keeps no limit)."""
import json
import runpy

from .serving import REPO
from .test_settings import PRODUCTION, run_python

SHOW_DATABASE_OPTIONS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps(settings.DATABASES["default"].get("OPTIONS", {})))
"""

POSTGRES = {**PRODUCTION, "DATABASE_URL": "postgres://council:pw@db.internal:5432/council"}


def options(args, **env):
    result = run_python(args, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_gunicorn_kills_a_request_after_thirty_seconds():
    assert runpy.run_path(str(REPO / "scripts" / "gunicorn.conf.py"))["timeout"] == 30


def test_web_requests_on_postgresql_get_a_statement_timeout_below_gunicorns():
    web = options(["-c", "import council.wsgi\n" + SHOW_DATABASE_OPTIONS.replace("django.setup()\n", "")], **POSTGRES)
    assert "-c statement_timeout=25000" in web.get("options", "")


def test_commands_and_jobs_keep_no_statement_timeout():
    assert "statement_timeout" not in options(["-c", SHOW_DATABASE_OPTIONS], **POSTGRES).get("options", "")


def test_a_worker_keeps_the_loaded_application_out_of_full_collections():
    # A full garbage collection inside a request then scans what requests made, not all of Django.
    import gc

    hook = runpy.run_path(str(REPO / "scripts" / "gunicorn.conf.py"))["post_worker_init"]
    try:
        hook(worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()

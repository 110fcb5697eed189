"""Production settings: check --deploy is clean, dev defaults still work, S3 is selectable, pins are exact."""
import json
import re
import subprocess
import sys

from .serving import REPO

PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "ci-check-deploy-not-a-real-secret-0123456789abcdef-ABCDEFGH",
    "ALLOWED_HOSTS": "hdnd.example.vn",
}

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
from import_export.tmp_storages import MediaStorage
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "STORAGES": settings.STORAGES,
    "default_storage": default_storage.__class__.__name__,  # LazyObject proxies __class__
    "import_preview_storage": type(MediaStorage()._storage).__name__,
    "SESSION_ENGINE": settings.SESSION_ENGINE,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "HSTS": settings.SECURE_HSTS_SECONDS,
    "IMPORT_EXPORT_TMP_STORAGE_CLASS": settings.IMPORT_EXPORT_TMP_STORAGE_CLASS,
}, default=str))
"""


def run_python(args, **env):
    base = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "DJANGO_SETTINGS_MODULE": "council.settings"}
    return subprocess.run([sys.executable, *args], cwd=REPO, env={**base, **env}, capture_output=True,
                          text=True, timeout=120)


def settings_with(**env):
    result = run_python(["-c", SHOW_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_with_production_variables():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(["manage.py", "check"], DEBUG="False", ALLOWED_HOSTS="hdnd.example.vn")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_with_no_environment_it_runs_on_sqlite_in_debug_mode():
    shown = settings_with()

    assert shown["DEBUG"] is True
    assert shown["ENGINE"] == "django.db.backends.sqlite3"
    assert shown["default_storage"] == "FileSystemStorage"


def test_production_keeps_nothing_request_related_in_process_memory_or_on_local_disk_by_choice():
    shown = settings_with(**PRODUCTION)

    assert shown["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert shown["IMPORT_EXPORT_TMP_STORAGE_CLASS"] == "import_export.tmp_storages.MediaStorage"
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["HSTS"] >= 31536000


def test_s3_bucket_switches_uploads_and_import_previews_to_the_object_store():
    shown = settings_with(**PRODUCTION, S3_BUCKET="hdnd-ho-so", S3_ENDPOINT_URL="http://127.0.0.1:9000",
                          AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")

    default = shown["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "hdnd-ho-so"
    assert default["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert shown["default_storage"] == "S3Storage"
    assert shown["import_preview_storage"] == "S3Storage"


PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9.+!-]+$")


def test_every_requirement_is_pinned_exactly():
    loose = []
    for path in sorted(REPO.glob("requirements*.txt")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            text = line.split(" #", 1)[0].strip()
            if not text or text.startswith("#") or re.fullmatch(r"-r\s+\S+", text):
                continue
            if not PIN.match(text):
                loose.append(f"{path.name}:{number}: {line}")
    assert not loose, "\n".join(loose)

"""Helpers to run the project as in production (gunicorn, DEBUG off) and talk to it over HTTP.

One prepared site (migrated SQLite file, reference data, collected static files, an
administrator) is shared by every test of the session that needs real processes.
"""
import html.parser
import http.client
import http.cookies
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ADMIN_USERNAME = "quantri_prod"
ADMIN_PASSWORD = "Mat-khau-rat-dai-2025!"
SAMPLE_BODY_NAME = "Ban Pháp chế (mẫu triển khai)"


def production_env(workdir, **extra):
    """The environment of a production process: DEBUG off, a real key, our hosts, a file database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "S3_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="council.settings",
        DEBUG="False",
        SECRET_KEY="prod-test-" + "k3y-" * 12 + "not-for-real-use",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="ERROR",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


PREPARE = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_reference_data", province=["22"], verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
from apps.core.models import Body, Council
get_user_model().objects.create_superuser({ADMIN_USERNAME!r}, "qt@example.invalid", {ADMIN_PASSWORD!r})
ward = Council.objects.filter(admin_unit__code="06709", admin_unit__valid_from__isnull=True).get()
Body.objects.create(council=ward, name={SAMPLE_BODY_NAME!r}, kind="ban_phap_che")
"""


def prepare_site(workdir):
    """Migrate a fresh SQLite file, load reference data, collect static files, add an administrator."""
    (workdir / "media").mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", PREPARE], cwd=REPO, env=production_env(workdir), check=True,
                   timeout=240, capture_output=True)
    return workdir


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn -c scripts/gunicorn.conf.py council.wsgi on a free port; stop() always."""

    def __init__(self, workdir, workers=2, name="a"):
        self.port = free_port()
        self.workers = workers
        self.access_log = workdir / f"access-{name}.log"
        self.error_log = workdir / f"error-{name}.log"
        env = production_env(
            workdir,
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_ACCESS_LOG=str(self.access_log),
            GUNICORN_ERROR_LOG=str(self.error_log),
            GUNICORN_LOG_LEVEL="warning",
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "scripts/gunicorn.conf.py", "council.wsgi"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.error_log.read_text(errors='replace')[-2000:]}")
            try:
                status = Client().get(self, "/admin/login/").status
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready: {self.error_log.read_text(errors='replace')[-2000:]}")

    def worker_pids(self):
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # gunicorn's quick shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


class Response:
    def __init__(self, raw):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()
        self.set_cookies = raw.headers.get_all("Set-Cookie") or []

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def cookie(self, name):
        """The raw Set-Cookie line for ``name`` (attributes included), or None."""
        for line in self.set_cookies:
            if line.split("=", 1)[0].strip() == name:
                return line
        return None


class Client:
    """A tiny browser: one cookie jar for every server (as behind one load-balanced host name),
    requests arrive as if through the TLS proxy (X-Forwarded-Proto: https) unless https=False."""

    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, body=None, headers=None, https=True):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        host = f"127.0.0.1:{server.port}"
        sent = {"Host": host, "Accept-Language": "vi", "User-Agent": "council-prod-test"}
        if https:
            sent["X-Forwarded-Proto"] = "https"
            if method == "POST":
                sent["Origin"] = f"https://{host}"
                sent["Referer"] = f"https://{host}{path}"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        try:
            conn.request(method, path, body=body, headers=sent)
            response = Response(conn.getresponse())
        finally:
            conn.close()
        for line in response.set_cookies:
            jar = http.cookies.SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, server, path, **kwargs):
        return self.request(server, "GET", path, **kwargs)

    def post(self, server, path, fields, files=None, **kwargs):
        if files:
            body, content_type = multipart(fields, files)
        else:
            from urllib.parse import urlencode

            body, content_type = urlencode(fields, doseq=True).encode(), "application/x-www-form-urlencoded"
        headers = {"Content-Type": content_type, **kwargs.pop("headers", {})}
        return self.request(server, "POST", path, body=body, headers=headers, **kwargs)

    def login(self, server, username=ADMIN_USERNAME, password=ADMIN_PASSWORD):
        page = self.get(server, "/admin/login/")
        form = find_form(page.text, lambda f: "username" in f)
        form.update(username=username, password=password)
        return self.post(server, "/admin/login/?next=/admin/", form)


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode())
    for name, (filename, data, content_type) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n")
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class _FormParser(html.parser.HTMLParser):
    """Collects each <form>'s submittable values: inputs (checked boxes only), selects, textareas."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._select_first = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select, self._select_first = attrs.get("name"), None
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = attrs.get("value", "")
            if "selected" in attrs:
                self._add(self._select, attrs.get("value", ""))
                self._select = None

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self._add(self._select, self._select_first or "")
            self._select = None
        elif tag == "form":
            self._form = None

    def _add(self, name, value):
        if name in self._form:
            existing = self._form[name]
            self._form[name] = (existing if isinstance(existing, list) else [existing]) + [value]
        else:
            self._form[name] = value


def find_form(page_html, predicate):
    parser = _FormParser()
    parser.feed(page_html)
    for form in parser.forms:
        if predicate(form):
            return dict(form)
    raise AssertionError("form not found in page")

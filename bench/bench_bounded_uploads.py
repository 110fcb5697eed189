"""Bounded uploads against gunicorn with the production settings: how fast a workbook of every Excel row
(1,048,576) is refused, and how the login page answers while five such uploads run at once.

    .venv/bin/python bench/bench_bounded_uploads.py [--workers 5] [--uploads 5]

Builds a throwaway site (SQLite file, reference data, collected static files, an administrator, as
tests/production/serving.py does), starts
gunicorn -c scripts/gunicorn.conf.py council.wsgi with DEBUG off, logs in as the administrator and
times over HTTP: one register import (letters) and one ward upload of the workbook; then five uploads
at once while another client loads /admin/login/ every 0.2 s.
"""
import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")

import django  # noqa: E402

django.setup()

from tests.production.serving import Client, Gunicorn, find_form, prepare_site  # noqa: E402
from tests.security.test_bounded_uploads import SHEET_ROWS, million_row_workbook  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGISTER = "/admin/reception/letter/import/"
WARD = "/admin/reports/wardreport/upload/"
REFUSED = "quá nhiều dòng"


def upload(server, path, data, client=None):
    """(seconds, status, refused with the row-limit message) for one upload through the real form."""
    client = client or Client()
    if not client.cookies.get("sessionid"):
        client.login(server)
    page = client.get(server, path)
    field = "import_file" if path == REGISTER else "files"
    form = find_form(page.text, lambda f: "csrfmiddlewaretoken" in f and ("format" in f or path == WARD))
    started = time.monotonic()
    response = client.post(server, path, form, files={field: ("so-lon.xlsx", data, XLSX)})
    return time.monotonic() - started, response.status, REFUSED in response.text


def login_latency(server):
    started = time.monotonic()
    try:
        status = Client().get(server, "/admin/login/").status
    except OSError:
        status = None
    return time.monotonic() - started, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (production default: 2 x cores + 1)")
    parser.add_argument("--uploads", type=int, default=5)
    args = parser.parse_args()

    started = time.monotonic()
    data = million_row_workbook()
    print(f"workbook: {SHEET_ROWS:,} rows, {len(data) / 1024 / 1024:.1f} MB (built in {time.monotonic() - started:.1f} s)")
    work = Path(tempfile.mkdtemp(prefix="bench-bounded-"))
    prepare_site(work)
    server = Gunicorn(work, workers=args.workers, name="bench").wait_ready(timeout=120)
    try:
        idle = [login_latency(server)[0] for _ in range(10)]
        print(f"login page, idle: median {statistics.median(idle) * 1000:.0f} ms, max {max(idle) * 1000:.0f} ms")
        for path in (REGISTER, WARD):
            seconds, status, refused = upload(server, path, data)
            print(f"one upload to {path}: HTTP {status} in {seconds:.2f} s, row-limit message shown: {refused}")

        clients = []
        for _ in range(args.uploads):
            client = Client()
            client.login(server)
            clients.append(client)
        results, latencies = [None] * args.uploads, []

        def run(i):
            results[i] = upload(server, REGISTER if i % 2 == 0 else WARD, data, clients[i])

        threads = [threading.Thread(target=run, args=(i,)) for i in range(args.uploads)]
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            latencies.append(login_latency(server))
            time.sleep(0.2)
        for thread in threads:
            thread.join()
        for i, (seconds, status, refused) in enumerate(results):
            print(f"  upload {i + 1}: HTTP {status} in {seconds:.2f} s, row-limit message shown: {refused}")
        times = [t for t, status in latencies if status == 200]
        failed = sum(1 for _t, status in latencies if status != 200)
        if times:
            print(f"login page during {args.uploads} uploads: {len(times)} answered, {failed} failed; "
                  f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
        else:
            print(f"login page during {args.uploads} uploads: no answer ({failed} failed)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()

"""Bench: every admin page at a million rows per register, beside the same page at demo scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/council_bench_scale \\
        .venv/bin/python bench/bench_scale.py --rows 1000000 [--check] [--reuse] [--runs 10] [--only TEXT]

PostgreSQL only. Builds two databases of its own, named after DATABASE_URL's database (never use the
working database's name): ``<name>_demo`` (migrate, ``load_reference_data`` for provinces 22, 01 and 24,
``seed_demo``) and ``<name>`` (a copy of the demo database, plus ``--rows`` petitions, letters and visits
and ``--rows / 100`` voter meetings, reception sessions, recommendations and follow-ups, spread over
HĐND tỉnh Quảng Ninh, its communes and 200 councils of the other two provinces: bench/scale_data.py).
``--reuse`` keeps both databases when they exist and the large one holds ``--rows`` (migrations are
applied to them first, so new indexes are built on the existing rows).

Then, for the secretariat of HĐND tỉnh Quảng Ninh (``quangninh``) and the clerk of Phường Móng Cái 1
(``mongcai1``), it times with Django's test client, in both databases: every register's changelist
(first page, page 500 — or the last page when there are fewer —, the first choice of each list filter,
each sortable column, a search for "Hải Hòa", "hai hoa" and a person's name), the dashboard, the ward
status page and the summary page. Each page: one warm-up request, then ``--runs`` timed ones; median,
p95 (nearest rank) and the query count of each scale (the access log's row, written when a page shows a
denouncer's identity, is not counted: see AUDIT_INSERT). ``--check`` exits 1 when a page's p95 at the large
scale is over 300 ms or its query count differs between the two scales. Prints a Markdown table.
"""
import argparse
import gc
from contextlib import contextmanager
import os
import warnings
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TMP = Path(tempfile.mkdtemp(prefix="bench-scale-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "council.settings"
os.environ["MEDIA_ROOT"] = str(TMP / "media")
os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(16).hex())
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
os.environ.pop("DATABASE_REPLICA_URL", None)
os.environ.pop("CELERY_BROKER_URL", None)
# The client signs in once and its session is not written again while pages are timed: a clerk's session is
# written at most once a minute (council.middleware.IdleSessionMiddleware), which would fall on a random page.
os.environ["SESSION_TOUCH_SECONDS"] = str(10 ** 9)

URL = os.environ.get("DATABASE_URL", "")
if not URL.startswith(("postgres://", "postgresql://")):
    sys.exit("bench_scale.py chạy trên PostgreSQL: đặt DATABASE_URL=postgres://…/council_bench_scale "
             "(một cơ sở dữ liệu riêng cho bench, sẽ bị xóa và tạo lại).")

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

import scale_data  # noqa: E402

LIMIT_MS = 300
# Not counted: a page that shows a denouncer's identity writes one row to the access log (the law's record
# of who saw it). Whether it does depends on which letters are on the page, not on how many there are.
AUDIT_INSERT = 'INSERT INTO "core_sensitiveaccesslog"'
PROVINCES = ["22", "01", "24"]  # Quảng Ninh, and two provinces for 200 other councils
OTHER_COUNCILS = 200
USERS = [("quangninh", "Văn phòng HĐND tỉnh Quảng Ninh"), ("mongcai1", "Công chức phường Móng Cái 1")]
SEARCHES = ["Hải Hòa", "hai hoa", "Nguyễn Văn Hải"]
BASE_NAME = settings.DATABASES["default"]["NAME"]
DEMO_NAME = f"{BASE_NAME}_demo"


# -- databases ---------------------------------------------------------------------------------
def use_database(name):
    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES["default"]["NAME"] = name


def server(sql, *params):
    """Run ``sql`` on the server's maintenance database (CREATE/DROP DATABASE)."""
    import psycopg2

    info = connection.settings_dict
    conn = psycopg2.connect(dbname="postgres", user=info["USER"], password=info["PASSWORD"] or None,
                            host=info["HOST"] or None, port=info["PORT"] or None)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, params or None)
            return cursor.fetchall() if cursor.description else None
    finally:
        conn.close()


def exists(name):
    return bool(server("SELECT 1 FROM pg_database WHERE datname = %s", name))


def rows_in(name):
    if not exists(name):
        return None
    use_database(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_scale_meta')")
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute("SELECT rows FROM bench_scale_meta")
        row = cursor.fetchone()
    return row[0] if row else None


def recreate(name, template=None):
    connection.close()
    server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def timed(label, func):
    started = time.perf_counter()
    result = func()
    print(f"{label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def build_demo():
    recreate(DEMO_NAME)
    use_database(DEMO_NAME)
    call_command("migrate", verbosity=0, interactive=False)
    timed("load_reference_data " + " ".join(PROVINCES), lambda: call_command(
        "load_reference_data", *sum([["--province", p] for p in PROVINCES], []), verbosity=0))
    timed("seed_demo", lambda: call_command("seed_demo", stdout=open(os.devnull, "w")))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_scale_meta (rows bigint)")
        cursor.execute("INSERT INTO bench_scale_meta VALUES (0)")
        cursor.execute("ANALYZE")


BIG_TABLES = ["petitions_petition", "petitions_votermeeting", "reception_letter", "reception_visit",
              "reception_receptionsession", "oversight_recommendation", "oversight_followup",
              "oversight_supervisionactivity"]


def build_scale(rows):
    recreate(BASE_NAME, template=DEMO_NAME)
    use_database(BASE_NAME)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
        cursor.execute("SET maintenance_work_mem TO '512MB'")
        ours, others = scale_data.bench_councils(cursor, OTHER_COUNCILS)
        print(f"councils with generated rows: {ours} (Quảng Ninh) + {others} (other provinces)")
        # Secondary indexes are dropped while the rows go in and built again after: much faster.
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname NOT IN "
                       "(SELECT conname FROM pg_constraint)", [BIG_TABLES])
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    timed(f"generated {rows} rows per big register", lambda: scale_data.generate(rows, today))
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for _name, definition in indexes:
            cursor.execute(definition)
        print(f"rebuilt {len(indexes)} indexes: {time.perf_counter() - started:.1f} s")
        cursor.execute("DROP TABLE bench_councils")
        timed("VACUUM ANALYZE", lambda: cursor.execute("VACUUM ANALYZE"))
        cursor.execute("UPDATE bench_scale_meta SET rows = %s", [rows])
    print(f"fold check: {scale_data.verify_fold()} folded columns equal to apps.core.text.search_columns")


def prepare(rows, reuse):
    if reuse and rows_in(DEMO_NAME) == 0 and rows_in(BASE_NAME) == rows:
        for name in (DEMO_NAME, BASE_NAME):
            use_database(name)
            timed(f"migrate {name}", lambda: call_command("migrate", verbosity=0, interactive=False))
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return
    if not (reuse and rows_in(DEMO_NAME) == 0):
        timed("demo database", build_demo)
    timed(f"large database ({rows} rows)", lambda: build_scale(rows))


# -- pages -------------------------------------------------------------------------------------
def council_owned_admins():
    from apps.core.models import CouncilOwnedModel

    return [(m, a) for m, a in sorted(admin.site._registry.items(), key=lambda i: i[0]._meta.label)
            if issubclass(m, CouncilOwnedModel)]


def page_list(client, user):
    """[(label, url)] of every page timed for ``user``, read from the demo database's changelists."""
    from django.contrib.admin.templatetags.admin_list import result_headers

    from apps.core.dashboard import current_half_year
    from apps.core.scoping import home_council

    pages = [("dashboard", reverse("admin:index")),
             ("ward status", reverse("admin:reports_wardreport_status")),
             ("summary", reverse("admin:reports_summary") + "?" + urlencode(
                 {"council": home_council(user).pk, "period": current_half_year()}))]
    for model, model_admin in council_owned_admins():
        if not model_admin.has_view_permission(_request(user)):
            continue
        name = model._meta.model_name
        url = reverse(f"admin:{model._meta.app_label}_{name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        cl = response.context["cl"]
        pages.append((f"{name}", url))
        pages.append((f"{name} p500", url + "?p=500"))
        for spec in cl.filter_specs:
            choice = next((c for c in spec.choices(cl) if not c.get("selected") and c.get("query_string")
                           and c["query_string"] != "?"), None)
            if choice is not None:
                pages.append((f"{name} filter {spec.title}", url + choice["query_string"]))
        for header in result_headers(cl):
            if header.get("sortable") and header.get("url_primary"):
                pages.append((f"{name} sort {strip_tags(header['text'])}", url + header["url_primary"]))
        if model_admin.get_search_fields(_request(user)):
            for term in SEARCHES:
                pages.append((f"{name} q={term}", url + "?" + urlencode({"q": term})))
    return pages


def strip_tags(text):
    from django.utils.html import strip_tags as strip

    return strip(str(text)).strip()


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def last_page_url(client, url):
    """Page 500, or the changelist's last page when it has fewer."""
    parts = urlsplit(url)
    if "p=500" not in parts.query:
        return url
    response = client.get(parts.path)
    pages = response.context["cl"].paginator.num_pages
    return url if pages >= 500 else f"{parts.path}?p={max(pages, 1)}"


@contextmanager
def instrumented():
    """Templates report their context to the test client (the page list reads changelists' filters and headers)
    only inside this block. Not while pages are timed: the test client keeps each instrumented response's
    contexts alive in a cache of its signal receivers (hundreds of responses), and the growing heap made
    Python's full garbage collections take up to seconds, a stall on whichever page was being timed."""
    setup_test_environment()
    try:
        yield
    finally:
        teardown_test_environment()


def measure(client, url, runs):
    with instrumented():
        url = last_page_url(client, url)
    client.get(url)  # warm-up: caches of content types, permissions, templates
    times, queries = [], set()
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(sum(1 for q in ctx.captured_queries if not q["sql"].startswith(AUDIT_INSERT)))
    times.sort()
    p95 = times[max(0, -(-len(times) * 95 // 100) - 1)]
    return statistics.median(times), p95, max(queries)


def run_pages(name, only, runs, pages_by_user=None):
    use_database(name)
    User = get_user_model()
    results, build = {}, pages_by_user is None
    pages_by_user = pages_by_user or {}
    for username, _label in USERS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        if build:
            with instrumented():
                pages = page_list(client, user)
            pages_by_user[username] = [(label, url) for label, url in pages
                                       if not only or any(o in label for o in only)]
        # As a gunicorn worker does once the application is loaded (scripts/gunicorn.conf.py): what lives
        # as long as the process is kept out of the full collections that fall inside timed requests.
        gc.collect()
        gc.freeze()
        for label, url in pages_by_user[username]:
            results[(username, label)] = measure(client, url, runs)
    return results, pages_by_user


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in each big register (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--reuse", action="store_true", help="keep the databases when they hold --rows already")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if a p95 > {LIMIT_MS} ms or a query count differs")
    parser.add_argument("--only", action="append", help="time only pages whose label holds this text (repeatable)")
    parser.add_argument("--build-only", action="store_true", help="build the databases and stop")
    args = parser.parse_args()
    prepare(args.rows, args.reuse)
    if args.build_only:
        return 0
    demo, pages = timed("demo pages", lambda: run_pages(DEMO_NAME, args.only, args.runs))
    large, _pages = timed("large pages", lambda: run_pages(BASE_NAME, args.only, args.runs, pages))
    use_database(BASE_NAME)
    from apps.petitions.models import Petition

    print(f"\n{args.rows:,} rows per big register ({Petition.objects.count():,} petitions); "
          f"{args.runs} runs per page; load average {os.getloadavg()[0]:.1f}\n")
    print("| user | page | demo median | demo p95 | demo queries | large median | large p95 | large queries | |")
    print("|---|---|---|---|---|---|---|---|---|")
    failures = []
    for (username, label), (d_med, d_p95, d_q) in demo.items():
        l_med, l_p95, l_q = large[(username, label)]
        flags = []
        if l_p95 > LIMIT_MS:
            flags.append(f"p95 > {LIMIT_MS} ms")
        if d_q != l_q:
            flags.append("queries differ")
        if flags:
            failures.append((username, label, flags))
        print(f"| {username} | {label} | {d_med:.0f} | {d_p95:.0f} | {d_q} | {l_med:.0f} | {l_p95:.0f} | {l_q} | "
              f"{'; '.join(flags) or 'ok'} |")
    print(f"\n{len(demo)} pages, {len(failures)} over the limit or with a different query count")
    for failure in failures:
        print("  FAIL", *failure)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Bench: load_reference_data for the whole country, and admin pages with every council loaded.

    .venv/bin/python bench/bench_councils.py [--repeat 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/council_bench_councils \
        .venv/bin/python bench/bench_councils.py --keep      # PostgreSQL: database created if missing;
                                                             # --keep reuses councils already loaded

Admin forms are timed too (sitting, activity, petition, question, recommendation, letter add forms)
and, with --with-seed, on demo records as well (seed_demo --scale 1 on top of the whole country).

On a throwaway SQLite file: migrate, time ``load_reference_data`` (all 34 provinces and 3,321
communes, plus Móng Cái's history: 3,373 councils, 3,355 of them current) and a second run
(which writes nothing), then time admin pages (best of --repeat, with their query counts) for a
superuser (every council), the secretariat of HĐND tỉnh Quảng Ninh (54 communes) and of HĐND
thành phố Hà Nội (126 communes). Times are wall-clock on a shared machine: read them as orders
of magnitude, and the query counts as the stable figure.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-councils-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "council.settings"
os.environ["MEDIA_ROOT"] = str(TMP / "media")
os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(16).hex())
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"

import django  # noqa: E402


django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def timed(label, func):
    start, cpu = time.perf_counter(), time.process_time()
    func()
    print(f"{label}: {time.perf_counter() - start:.1f} s wall, {time.process_time() - cpu:.1f} s CPU")


def user_for(code, name):
    from apps.core import roles
    from apps.core import unitcodes
    from apps.core.models import StaffProfile

    council = unitcodes.council_on(code, django.utils.timezone.localdate())
    found = get_user_model().objects.filter(username=name).first()
    if found is not None:
        return found, council
    user = get_user_model().objects.create_user(name, password="bench-Strong-2026", is_staff=True)
    StaffProfile.objects.create(user=user, council=council, role="secretariat")
    user.groups.add(roles.group_for("secretariat"))
    return user, council


def measure(client, url, repeat):
    best, queries, status = None, 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        status, queries = response.status_code, len(ctx.captured_queries)
        best = elapsed if best is None else min(best, elapsed)
    return best, queries, status


def ensure_postgres_database():
    """Create the PostgreSQL database named in DATABASE_URL when it does not exist yet."""
    url = os.environ["DATABASE_URL"]
    if not url.startswith("postgres"):
        return
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    conn = psycopg2.connect(parts._replace(path="/postgres").geturl())
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true",
                        help="reuse the councils already loaded (PostgreSQL): skip load_reference_data")
    parser.add_argument("--with-seed", action="store_true", help="seed_demo --scale 1 once, on top of the country")
    parser.add_argument("--only", default="", help="time only the pages whose name holds this text")
    args = parser.parse_args()
    ensure_postgres_database()
    call_command("migrate", verbosity=0)

    from apps.core.models import Council

    if not (args.keep and Council.objects.count() > 3000):
        timed("load_reference_data, whole country (first run)", lambda: call_command("load_reference_data", verbosity=0))
        timed("load_reference_data, second run (writes nothing)", lambda: call_command("load_reference_data", verbosity=0))
    if args.with_seed and not get_user_model().objects.filter(username="quangninh").exists():
        timed("seed_demo --scale 1", lambda: call_command("seed_demo", verbosity=0))

    print(f"councils: {Council.objects.count()} ({Council.objects.valid_on(django.utils.timezone.localdate()).count()} current)")
    root = get_user_model().objects.filter(username="bench_root").first() or get_user_model().objects.create_superuser(
        "bench_root", "root@example.invalid", "bench-Strong-2026")
    province, qn = user_for("22", "bench_quangninh")
    hanoi, hn = user_for("01", "bench_hanoi")
    pages = [
        ("dashboard", "/admin/"),
        ("councils", "/admin/core/council/"),
        ("councils, search", "/admin/core/council/?q=M%C3%B3ng+C%C3%A1i"),
        ("letters", "/admin/reception/letter/"),
        ("letters, council search", "/admin/reception/letter/?council_q=M%C3%B3ng"),
        ("letter form", "/admin/reception/letter/add/"),
        ("sitting form", "/admin/sittings/sitting/add/"),
        ("activity form", "/admin/oversight/supervisionactivity/add/"),
        ("petition form", "/admin/petitions/petition/add/"),
        ("question form", "/admin/sittings/question/add/"),
        ("recommendation form", "/admin/oversight/recommendation/add/"),
        ("sittings, filters", "/admin/sittings/sitting/"),
        ("terms", "/admin/core/term/"),
        ("council autocomplete", "/admin/autocomplete/?app_label=reception&model_name=letter&field_name=council&term=Ph"),
        # What a form's search asks once its council is chosen (the council sent by council/choices.js).
        ("term search, council sent", f"/admin/autocomplete/?app_label=sittings&model_name=sitting&field_name=term"
                                      f"&term=&council={qn.pk}&date=2026-05-20"),
        ("agency search, council sent", f"/admin/autocomplete/?app_label=petitions&model_name=petition"
                                        f"&field_name=agency&term=UBND&council={qn.pk}"),
    ]
    summary = "/admin/reports/summary/?council={pk}&period=2025-H2"
    for label, user, extra in (("superuser", root, [("summary 2025-H2 (Quảng Ninh)", summary.format(pk=qn.pk))]),
                               ("HĐND tỉnh Quảng Ninh (54 xã, phường)", province, [("summary 2025-H2", summary.format(pk=qn.pk))]),
                               ("HĐND thành phố Hà Nội (126 xã, phường)", hanoi, [("summary 2025-H2", summary.format(pk=hn.pk))])):
        client = Client()
        client.force_login(user)
        print(f"\n{label}")
        for name, url in pages + extra:
            if args.only and args.only not in name:
                continue
            best, queries, status = measure(client, url, args.repeat)
            print(f"  {name:28} {status}  {best * 1000:7.0f} ms  {queries:3} queries")


if __name__ == "__main__":
    main()

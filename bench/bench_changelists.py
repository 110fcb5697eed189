"""Bench: admin changelist and dashboard query counts at two data volumes (docs/DESIGN.md §5: a fixed number of queries whatever the table size).

    .venv/bin/python bench/bench_changelists.py [--small 1] [--large 3]

Seeds a throwaway database with ``seed_demo --scale SMALL``, counts the queries of every
registered changelist and of the dashboard for the secretariat clerk and a ward clerk, then
seeds it again to ``--scale LARGE`` (a second seed on top) and counts again. Every count must
be equal at both volumes: pages cost the same whatever the table size. Also prints the page
time as a ratio to the time of the admin index for the same user in the same run.

Runs against a temporary SQLite file, or Django's test database next to DATABASE_URL.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-changelists-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "council.settings"
os.environ["MEDIA_ROOT"] = str(TMP / "media")
os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(16).hex())
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
USING_POSTGRES = bool(os.environ.get("DATABASE_URL"))
if not USING_POSTGRES:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from apps.core.models import CouncilOwnedModel  # noqa: E402


def measure(users):
    """{(username, label): (queries, seconds)} for every council-owned changelist and the index."""
    results = {}
    for user in users:
        client = Client()
        client.force_login(user)
        pages = [("bảng điều khiển", reverse("admin:index"))]
        for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
            if issubclass(model, CouncilOwnedModel):
                pages.append((model._meta.label, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")))
        for label, url in pages:
            client.get(url)  # warm caches (content types, permissions)
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
            assert response.status_code == 200, (user.username, url, response.status_code)
            results[(user.username, label)] = (len(ctx.captured_queries), elapsed)
    return results


def rows_total():
    return sum(m._default_manager.count() for m in admin.site._registry if issubclass(m, CouncilOwnedModel))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1)
    parser.add_argument("--large", type=int, default=3)
    args = parser.parse_args()
    old_name = connection.settings_dict["NAME"]
    if USING_POSTGRES:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    try:
        call_command("load_reference_data", verbosity=0)
        call_command("seed_demo", "--scale", str(args.small), stdout=open(os.devnull, "w"))
        users = [get_user_model().objects.get(username=name) for name in ("vanphong", "kalong")]
        small_rows, small = rows_total(), measure(users)
        call_command("seed_demo", "--scale", str(args.large), "--seed", "7", stdout=open(os.devnull, "w"))
        large_rows, large = rows_total(), measure(users)
        print(f"{connection.vendor}: {small_rows} register rows (scale {args.small}) vs {large_rows} "
              f"(scale {args.small} + {args.large})")
        print(f"{'user':<10} {'page':<32} {'queries':>8} {'queries':>8} {'time/index':>11} {'time/index':>11}")
        unequal = []
        for (user, label), (q1, t1) in small.items():
            q2, t2 = large[(user, label)]
            base1, base2 = small[(user, "bảng điều khiển")][1], large[(user, "bảng điều khiển")][1]
            flag = "" if q1 == q2 else "  <-- grows"
            if q1 != q2:
                unequal.append((user, label))
            print(f"{user:<10} {label:<32} {q1:>8} {q2:>8} {t1 / base1:>10.2f}x {t2 / base2:>10.2f}x{flag}")
        print("equal query counts at both volumes" if not unequal else f"GROWING: {unequal}")
        return 1 if unequal else 0
    finally:
        if USING_POSTGRES:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

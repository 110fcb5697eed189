"""Time and peak memory of the semi-annual summary exports (xlsx, docx) on a seeded database.

    # (re)create the throwaway PostgreSQL database, migrate, load reference data, seed_demo --scale 50:
    .venv/bin/python bench/bench_summary.py --prepare --scale 50
    # again on the same data:
    .venv/bin/python bench/bench_summary.py

The database is DATABASE_URL, default postgres://postgres@127.0.0.1:5432/council_bench_summary;
the script refuses SQLite's working-tree db.sqlite3. ``--prepare`` drops and recreates it.

Reports, for HĐND thành phố Móng Cái (194) and the period (default 2022-H1): the builder alone,
a bare query of the rows the xlsx lists (the baseline: the same rows fetched with values_list),
the xlsx export and the docx export — best of --repeat runs, peak Python memory (tracemalloc, in a
separate run) and the number of SQL queries — and the ratio of each export to the baselines measured
in the same run, plus the process's maximum resident set size at the end.
"""
import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/council_bench_summary"


def recreate_database(url):
    """DROP and CREATE the bench database (connecting to the server's 'postgres' database)."""
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    if not name.startswith("council_bench"):
        sys.exit(f"refusing to recreate {name!r}: the bench database name must start with council_bench")
    conn = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username,
                            password=parts.password, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def measure(fn, repeat):
    """(best seconds, peak MiB, queries, result). Times are taken without tracemalloc (it slows
    allocation-heavy code such as openpyxl several-fold); one more run measures the peak."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best, result = None, None
    for _ in range(repeat):
        # The log holds at most 9000 queries and CaptureQueriesContext counts 0 once it is full
        # (after --prepare's seeding): start each run with an empty log.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20, len(queries), result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prepare", action="store_true", help="migrate, load_reference_data, seed_demo first")
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--council", default="194")
    parser.add_argument("--period", default="2022-H1")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("bench_summary measures PostgreSQL: set DATABASE_URL=postgres://…/council_bench_…")
    if args.prepare:
        recreate_database(url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if args.prepare:
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        call_command("seed_demo", scale=args.scale, verbosity=0)
        print(f"prepare (migrate + reference + seed_demo --scale {args.scale}): {time.perf_counter() - t:.1f} s")

    from apps.reports.summary import build_summary, resolve
    from apps.reports.summary.docx import summary_docx
    from apps.reports.summary.xlsx import LIST_SHEETS, period_filter, summary_xlsx

    council, period = resolve(args.council, args.period)
    summary = build_summary(council, period)
    council_ids = [summary.council_id] + [w.council_id for w in summary.wards]

    def bare_rows():
        n = 0
        for _sheet, _title, model, date_name, columns in LIST_SHEETS:
            if model is None:
                continue
            qs = model._default_manager.filter(council_id__in=council_ids)
            q = period_filter(model, date_name, summary.start_date, summary.end_date)
            qs = qs.filter(q) if q is not None else qs
            n += sum(1 for _ in qs.values_list("pk", *[c for c in columns if _has(model, c)]).iterator(chunk_size=2000))
        return n

    def _has(model, name):
        try:
            f = model._meta.get_field(name)
        except Exception:
            return False
        return getattr(f, "concrete", False) and not f.many_to_many

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine} {settings.DATABASES['default'].get('NAME')}; {summary.council_name}, {summary.period_label}; "
          f"{len(summary.wards)} wards, {len(summary.reported_wards)} reported")
    results = {}
    for label, fn in [
        ("builder (build_summary)", lambda: build_summary(council, period)),
        ("bare query of the listed rows", bare_rows),
        ("xlsx export (builder + workbook)", lambda: summary_xlsx(build_summary(council, period))),
        ("docx export (builder + document + charts)", lambda: summary_docx(build_summary(council, period))),
    ]:
        seconds, peak, queries, result = measure(fn, args.repeat)
        results[label] = seconds
        extra = f"{result} rows" if isinstance(result, int) else (f"{len(result) / 1024:.0f} KiB" if isinstance(result, bytes) else "")
        print(f"{label:<45} {seconds * 1000:9.1f} ms  peak {peak:7.1f} MiB  {queries:4d} queries  {extra}")

    import resource

    print(f"max resident set size of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    builder = results["builder (build_summary)"]
    bare = results["bare query of the listed rows"]
    for label in ("xlsx export (builder + workbook)", "docx export (builder + document + charts)"):
        print(f"{label:<45} = {results[label] / builder:6.1f} × builder, {results[label] / max(bare, 1e-9):6.1f} × bare query")


if __name__ == "__main__":
    main()

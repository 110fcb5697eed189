"""Bench: ward report import speed and memory (docs/WORKBOOK.md: many workbooks at once, one with thousands of rows).

    .venv/bin/python bench/bench_ward_import.py [--rows 5000] [--repeat 3]

Runs against a throwaway database, never the working tree's db.sqlite3:
- without DATABASE_URL: a temporary SQLite file (deleted at the end);
- with DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/council_bench): Django's test
  database next to it (test_<name>), created and destroyed by this script.
Uploaded files go to a temporary MEDIA_ROOT.

(a) 17 ward workbooks in one upload, through the importer (parse, validate, write);
(b) one workbook with N KienNghi rows: import time vs a bare Petition.objects.bulk_create of the
    same N rows in the same run (ratio = bulk_create_time / import_time, aim >= 0.5), and the
    import's peak memory (tracemalloc).
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="bench-ward-import-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "council.settings"
os.environ["MEDIA_ROOT"] = str(TMP / "media")
os.environ["DEBUG"] = "0"  # no query log kept in memory
os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(16).hex())
USING_POSTGRES = bool(os.environ.get("DATABASE_URL"))
if not USING_POSTGRES:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402


def setup_database():
    if USING_POSTGRES:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference_data", verbosity=0)


def teardown_database(old_name):
    if USING_POSTGRES:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    shutil.rmtree(TMP, ignore_errors=True)


def petition_rows(n, month="03"):
    fields = ["Đất đai", "Giao thông", "Xây dựng, quy hoạch", "Y tế", "Tài nguyên, môi trường"]
    agencies = ["UBND thành phố Móng Cái", "Phòng Quản lý đô thị thành phố Móng Cái", "Điện lực Móng Cái"]
    return [
        {"content": f"Cử tri khu {i % 9 + 1} đề nghị xem xét, giải quyết kiến nghị số {i} về hạ tầng dân sinh.",
         "field": fields[i % len(fields)], "agency": agencies[i % len(agencies)],
         "forwarded_date": f"{i % 27 + 1:02d}/{month}/2022", "status": "Đang giải quyết"}
        for i in range(n)
    ]


def workbook_with(council, period, values, petitions):
    """The real template, filled in like a clerk would, with KienNghi rows."""
    import io

    from openpyxl import load_workbook

    from apps.reports.seed import filled_workbook

    data = filled_workbook(council, period, values)
    book = load_workbook(io.BytesIO(data))
    sheet = book["KienNghi"]
    for number, row in enumerate(petitions, start=1):
        sheet.append([number, row["content"], row["field"], row["agency"], row["forwarded_date"], row["status"],
                      None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bench_seventeen(period, rng):
    from apps.core.models import Council
    from apps.reports.importer import import_files
    from apps.reports.seed import consistent_values

    city = Council.objects.get(admin_unit__code="194", admin_unit__valid_from__isnull=True)
    wards = list(city.wards_in(period))
    files = [(f"{w.code}.xlsx", workbook_with(w, period, consistent_values(rng), petition_rows(20))) for w in wards]
    size = sum(len(data) for _n, data in files)
    start = time.perf_counter()
    results = import_files(files, None, source="bench")
    elapsed = time.perf_counter() - start
    assert all(r.ok for r in results), [r.errors for r in results if not r.ok]
    print(f"(a) {len(files)} ward workbooks ({size / 1024:.0f} KB, 20 KienNghi rows each) in one upload: "
          f"{elapsed:.2f} s ({elapsed / len(files) * 1000:.0f} ms per workbook)")
    return elapsed


def bare_bulk_create(ward, period, rows):
    """The floor: the same rows as Petition objects, inserted with bulk_create, nothing else."""
    import datetime

    from apps.core.models import Agency, Field
    from apps.petitions.models import Petition

    fields = dict(Field.objects.values_list("name", "pk"))
    agencies = dict(Agency.objects.values_list("name", "pk"))
    start = time.perf_counter()
    with transaction.atomic():
        objs = []
        for i, row in enumerate(rows, start=1):
            day, month, year = (int(x) for x in row["forwarded_date"].split("/"))
            objs.append(Petition(
                council=ward, code=f"BENCH-{i:05d}", source="bench", received_date=datetime.date(year, month, day),
                content=row["content"], field_id=fields.get(row["field"]), agency_id=agencies.get(row["agency"]),
                forwarded_date=datetime.date(year, month, day), status="dang_giai_quyet",
            ))
        Petition.objects.bulk_create(objs, batch_size=500)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def import_round(ward, data, n, trace):
    from apps.reports.importer import WardReportImporter
    from apps.reports.models import WardReport

    peak = 0
    with transaction.atomic():
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        result = WardReportImporter(None, source="bench").run(data, "lon.xlsx")
        elapsed = time.perf_counter() - start
        if trace:
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        assert result.ok, result.errors[:5]
        assert len(result.report.petition_ids) == n == result.petitions_created
        for report in WardReport.objects.filter(pk=result.report.pk):
            report.source_file.delete(save=False)
        transaction.set_rollback(True)
    return elapsed, peak


def bench_large(period, rng, n, repeat):
    from apps.core.models import Council
    from apps.reports.seed import consistent_values
    from apps.reports.workbook import read_ward_workbook

    ward = Council.objects.get(admin_unit__code="06742", admin_unit__valid_from__isnull=True)
    rows = petition_rows(n, month=f"{period.start_date.month + 1:02d}")
    data = workbook_with(ward, period, consistent_values(rng), rows)
    best_import, best_bulk, best_parse, peak = None, None, None, 0
    for attempt in range(repeat):
        # Each round imports into a clean slate (rolled back), so every round does the same work.
        bulk = bare_bulk_create(ward, period, rows)
        start = time.perf_counter()
        read_ward_workbook(data, "lon.xlsx", rules=[])
        parse = time.perf_counter() - start
        # Time without tracemalloc (it slows Python down several times), memory in a separate round.
        elapsed, _peak = import_round(ward, data, n, trace=False)
        if attempt == 0:
            _elapsed, peak = import_round(ward, data, n, trace=True)
        best_import = elapsed if best_import is None else min(best_import, elapsed)
        best_bulk = bulk if best_bulk is None else min(best_bulk, bulk)
        best_parse = parse if best_parse is None else min(best_parse, parse)
    print(f"(b) one workbook with {n} KienNghi rows ({len(data) / 1024:.0f} KB), best of {repeat}:")
    print(f"    import (read + validate + write with history): {best_import:.2f} s")
    print(f"      of which reading the workbook:               {best_parse:.2f} s")
    print(f"    bare Petition.objects.bulk_create of {n} rows:  {best_bulk:.2f} s")
    print(f"    ratio bulk_create_time / import_time = {best_bulk / best_import:.2f}  (aim >= 0.5)")
    print(f"    ratio bulk_create_time / (import_time - read) = {best_bulk / (best_import - best_parse):.2f}")
    print(f"    peak memory of the import (tracemalloc): {peak / 1024 / 1024:.1f} MB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import random

    old_name = connection.settings_dict["NAME"]
    print(f"Database: {connection.vendor} (throwaway)")
    setup_database()
    try:
        from apps.core.models import ReportingPeriod

        period = ReportingPeriod.objects.from_code("2022-H1")
        rng = random.Random(2022)
        bench_seventeen(period, rng)
        # Another period, so the large workbook is a first report and not a replacement of (a)'s.
        bench_large(ReportingPeriod.objects.from_code("2022-H2"), rng, args.rows, args.repeat)
    finally:
        connection.close()
        teardown_database(old_name)


if __name__ == "__main__":
    main()

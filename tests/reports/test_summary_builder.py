"""The summary builder on the database: wards in the period, their reports, totals, the year before,
the export command, and a query count that does not grow with wards or records."""
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from apps.core.models import AdminUnit, Body, Council, ReportingPeriod, Term
from apps.reports.models import WardReport, WardReportValue
from apps.reports.summary import build_summary, resolve
from apps.reports.summary.xlsx import HEADER_ROW

pytestmark = pytest.mark.django_db


def report(ward, period_code, values):
    """A current ward report for the period, as the import would leave it."""
    period = ReportingPeriod.objects.from_code(period_code)
    wr = WardReport.objects.create(
        council=ward, period=period, source_file=f"ward-reports/{period_code}/{ward.code}/bc.xlsx",
        original_filename="bc.xlsx", sha256=f"{ward.pk:064d}", uploaded_at=timezone.now(),
    )
    WardReportValue.objects.bulk_create(
        [WardReportValue(council=ward, report=wr, indicator_code=code, value=value) for code, value in values.items()]
    )
    return wr


def make_registers(city, batch=0):
    """Register rows of the council through the real models: in 2022-H1 3 sittings (2 regular,
    1 thematic), 12 resolutions, 5 supervisions (2 thematic, 1 focus, 2 urgent surveys), 2 explanation
    sessions; plus a sitting in H2 and a resolution of 2021 that must not count. ``batch`` keeps
    numbers unique when called again."""
    from apps.oversight.choices import ActivityType
    from apps.oversight.models import ExplanationSession, SupervisionActivity
    from apps.sittings.choices import SittingType
    from apps.sittings.models import Resolution, Sitting

    D = datetime.date
    term = Term.objects.filter(council=city).first()
    body = Body.objects.filter(council=city).first()
    sittings = [(SittingType.REGULAR, D(2022, 1, 10)), (SittingType.THEMATIC, D(2022, 3, 3)),
                (SittingType.REGULAR, D(2022, 6, 28)), (SittingType.URGENT, D(2022, 7, 2))]
    for n, (kind, day) in enumerate(sittings, 1 + 10 * batch):
        Sitting.objects.create(council=city, term=term, number=n, sitting_type=kind, start_date=day)
    for n in range(1, 13):
        Resolution.objects.create(council=city, number=f"{n + 100 * batch:02d}/NQ-HĐND",
                                  adopted_date=D(2022, 1 + n % 6, 5),
                                  summary="=1+2" if n == 1 else f"Nghị quyết số {n}")
    Resolution.objects.create(council=city, number=f"{13 + 100 * batch}/NQ-HĐND", adopted_date=D(2021, 12, 31),
                              summary="năm trước")
    for kind, count in [(ActivityType.THEMATIC, 2), (ActivityType.FOCUS, 1), (ActivityType.URGENT_SURVEY, 2)]:
        for i in range(count):
            SupervisionActivity.objects.create(council=city, title=f"Giám sát {kind} {i} ({batch})", conducting_body=body,
                                               activity_type=kind, fieldwork_start=D(2022, 4, 1 + i))
    for i in range(2):
        ExplanationSession.objects.create(council=city, conducting_body=body, topic=f"Giải trình {i} ({batch})",
                                          persons_required="Chủ tịch UBND", held_date=D(2022, 5, 20 + i))


def tonghop(data):
    ws = load_workbook(io.BytesIO(data))["TongHop"]
    header = [c.value for c in ws[HEADER_ROW]]
    rows = {}
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        key = row[0] or row[1]
        rows[key] = dict(zip(header, row))
    return header, rows


def test_every_ward_of_the_period_is_a_row_with_what_it_reported(city, ward, other_ward):
    report(ward, "2022-H1", {"KH01": 2, "KH02": 2, "KH05": 7, "CT03": None})
    summary = build_summary(city, ReportingPeriod.objects.from_code("2022-H1"))
    assert [w.code for w in summary.wards] == sorted(w.admin_unit.code for w in city.wards_in(ReportingPeriod.objects.from_code("2022-H1")))
    assert len(summary.wards) == 17
    ka_long = next(w for w in summary.wards if w.code == "06709")
    assert ka_long.reported and ka_long.value("KH01") == 2 and ka_long.value("KH05") == 7
    assert ka_long.value("CT03") is None  # left empty by the ward: not 0
    tran_phu = next(w for w in summary.wards if w.code == "06712")
    assert not tran_phu.reported and tran_phu.value("KH01") is None
    assert len(summary.not_reported) == 16
    assert summary.codes[:2] == ["KH01", "KH02"] and len(summary.codes) == 35
    assert summary.council_row.code == "194"


def test_total_is_wards_plus_council(city, ward, other_ward):
    report(ward, "2022-H1", {"KH05": 7, "DT01": 3})
    report(other_ward, "2022-H1", {"KH05": 5, "DT01": None})
    summary = build_summary(city, ReportingPeriod.objects.from_code("2022-H1"))
    assert summary.ward_total("KH05") == 12
    assert summary.total("KH05") == 12 + (summary.council_row.value("KH05") or 0)
    assert summary.ward_total("DT01") == 3


def test_the_same_period_a_year_earlier_is_given_where_data_exists(city, ward):
    report(ward, "2021-H1", {"KH05": 4})
    summary = build_summary(city, ReportingPeriod.objects.from_code("2022-H1"))
    assert summary.previous is not None and summary.previous.code == "2021-H1"
    assert summary.previous.ward_totals["KH05"] == 4 and summary.previous.reported_count == 1


def test_a_replaced_report_is_not_counted(city, ward):
    old = report(ward, "2022-H1", {"KH05": 9})
    old.status = "replaced"
    old.save()
    summary = build_summary(city, ReportingPeriod.objects.from_code("2022-H1"))
    assert not next(w for w in summary.wards if w.code == "06709").reported


def test_a_ward_clerks_summary_is_their_own_figures(ward):
    summary = build_summary(ward, ReportingPeriod.objects.from_code("2022-H1"))
    assert summary.wards == [] and summary.council_row.code == "06709"


def _extra_wards(city, n):
    for i in range(n):
        unit = AdminUnit.objects.create(code=f"9{i:04d}", name=f"Phường Thử {i}", unit_type="phuong",
                                        parent=city.admin_unit)
        Council.objects.create(admin_unit=unit, name=f"HĐND phường Thử {i}", level="xa", parent=city)


def test_xlsx_lists_issue_the_same_queries_for_few_or_many_records(city, ward):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.reports.summary.xlsx import summary_xlsx

    period = ReportingPeriod.objects.from_code("2022-H1")
    make_registers(city)
    summary = build_summary(city, period)
    with CaptureQueriesContext(connection) as few:
        summary_xlsx(summary)
    for batch in range(1, 5):
        make_registers(city, batch)
    with CaptureQueriesContext(connection) as many:
        summary_xlsx(summary)
    assert len(many) == len(few)


def test_queries_do_not_grow_with_wards_or_records(city, ward, other_ward, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = ReportingPeriod.objects.from_code("2022-H1")
    ReportingPeriod.objects.from_code("2021-H1")
    report(ward, "2022-H1", {"KH01": 1})
    with CaptureQueriesContext(connection) as small:
        build_summary(city, period)

    _extra_wards(city, 25)
    for batch in range(1, 4):
        make_registers(city, batch)
    for w in city.wards_in(period):
        if w.pk != ward.pk:
            report(w, "2022-H1", {code: 3 for code in ("KH01", "KH05", "GS01", "CT03", "DT01")})
            report(w, "2021-H1", {"KH05": 2})
    with django_assert_max_num_queries(len(small)):
        summary = build_summary(city, period)
    assert len(summary.wards) == 17 + 25 and len(summary.reported_wards) == 42


# -- export_summary ------------------------------------------------------------
def test_export_summary_writes_tonghop_with_each_wards_figures(city, ward, other_ward, tmp_path):
    report(ward, "2022-H1", {"KH01": 2, "KH02": 1, "KH03": 1, "KH04": 0, "KH05": 11, "CT03": None})
    report(other_ward, "2022-H1", {"KH01": 0, "KH05": 3})
    out = tmp_path / "tonghop.xlsx"
    call_command("export_summary", "--council", "194", "--period", "2022-H1", "--format", "xlsx", "--output", str(out))
    header, rows = tonghop(out.read_bytes())
    assert header[:3] == ["Mã đơn vị", "Đơn vị", "KH01"]
    assert rows["06709"]["KH01"] == 2 and rows["06709"]["KH05"] == 11 and rows["06709"]["KH04"] == 0
    assert rows["06709"]["CT03"] is None
    assert rows["06712"]["KH01"] == 0 and rows["06712"]["KH05"] == 3
    assert rows["06742"]["KH05"] is None and rows["06742"]["Ghi chú"] == "Chưa báo cáo"
    assert "194" in rows
    total = rows["Tổng cộng"]
    assert total["KH05"] == 11 + 3 + (rows["194"]["KH05"] or 0)


def test_export_summary_writes_a_docx(city, tmp_path):
    out = tmp_path / "bc.docx"
    call_command("export_summary", "--council", "194", "--period", "2022-H1", "--format", "docx", "--output", str(out))
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("period", ["2022-H3", "1999-H1", "abc", ""])
def test_export_summary_refuses_an_impossible_period_and_writes_nothing(city, tmp_path, period):
    out = tmp_path / "x.xlsx"
    with pytest.raises(CommandError, match="Kỳ báo cáo"):
        call_command("export_summary", "--council", "194", "--period", period, "--format", "xlsx", "--output", str(out))
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_export_summary_refuses_an_unknown_council(db, tmp_path):
    out = tmp_path / "x.xlsx"
    with pytest.raises(CommandError, match="Không có HĐND nào mang mã đơn vị «99999»"):
        call_command("export_summary", "--council", "99999", "--period", "2022-H1", "--format", "xlsx", "--output", str(out))
    assert not out.exists()


def test_export_summary_refuses_a_council_that_did_not_exist_in_the_period(db, tmp_path):
    with pytest.raises(CommandError, match="«194»"):
        call_command("export_summary", "--council", "194", "--period", "2026-H1", "--format", "xlsx",
                     "--output", str(tmp_path / "x.xlsx"))


def test_export_summary_refuses_an_unknown_format(city, tmp_path):
    with pytest.raises(CommandError, match="Định dạng"):
        call_command("export_summary", "--council", "194", "--period", "2022-H1", "--format", "pdf",
                     "--output", str(tmp_path / "x.pdf"))


def test_a_reused_code_means_the_unit_valid_in_the_period(db):
    old, _ = resolve("06709", "2022-H1")
    new, _ = resolve("06709", "2025-H2")
    assert old.name != new.name and old.admin_unit.valid_to is not None and new.admin_unit.valid_from is not None
    assert resolve("6709", "2022-H1")[0] == old  # Excel drops the leading zero

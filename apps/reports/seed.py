"""Demo ward reports for 2022-H1: most demo wards report (one is replaced once), some do not.

The workbooks are written from the real template and go through the real importer,
so the demo data is what an upload would produce (files, hashes, values, petitions).
"""
import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook

from apps.core.models import ReportingPeriod

from .importer import WardReportImporter
from .models import Indicator, WardReport, WardReportValue
from .workbook.template import HEADER_ROW, template_filename, ward_template

PERIOD = "2022-H1"
PETITION_TEXTS = [
    ("Đề nghị nâng cấp tuyến đường liên khu, hiện xuống cấp gây mất an toàn giao thông.", "Giao thông"),
    ("Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã nộp hồ sơ từ năm 2020.", "Đất đai"),
    ("Đề nghị xử lý tình trạng ngập úng khi mưa lớn tại khu dân cư.", "Xây dựng, quy hoạch"),
    ("Đề nghị tăng cường kiểm tra vệ sinh an toàn thực phẩm tại chợ.", "Y tế"),
    ("Đề nghị bố trí thêm điểm thu gom rác thải sinh hoạt.", "Tài nguyên, môi trường"),
]


def consistent_values(rng, blank=()):
    """Indicator values satisfying every consistency rule of docs/WORKBOOK.md."""
    r = rng.randint
    v = {"KH02": r(1, 2), "KH03": r(0, 1), "KH04": r(0, 1), "KH05": r(4, 18), "KH06": r(0, 9), "KH07": r(3, 8),
         "GS02": r(0, 2), "GS03": r(0, 2), "GS04": r(0, 2), "GS05": r(0, 2), "GS06": r(0, 2), "GS07": r(2, 15),
         "CT01": r(2, 6), "CT02": r(120, 650), "CT04": r(3, 20), "CT05": r(0, 10), "CT06": r(0, 8), "CT07": r(0, 6),
         "TD01": r(6, 12), "TD02": r(8, 60), "TD04": r(4, 30), "TD05": r(0, 2),
         "DT02": r(1, 12), "DT03": r(0, 4), "DT04": r(2, 15)}
    v["KH01"] = v["KH02"] + v["KH03"] + v["KH04"]
    v["GS01"] = v["GS02"] + v["GS03"] + v["GS04"] + r(0, 2)
    v["GS08"] = r(0, v["GS07"])
    v["CT03"] = v["CT04"] + v["CT05"] + v["CT06"] + v["CT07"]
    v["TD03"] = v["TD02"] + r(0, 10)
    v["DT01"] = v["DT02"] + v["DT03"] + v["DT04"]
    v["DT05"] = r(0, v["DT01"])
    v["DT06"] = r(0, v["DT05"])
    v["DT07"] = v["DT05"] - v["DT06"]
    v["DT08"] = r(0, v["DT06"])
    for code in blank:
        v[code] = None
    return v


def filled_workbook(council, period, values, petitions=()):
    """The template of ``council`` with the values (and KienNghi rows) filled in, as a clerk would."""
    book = load_workbook(io.BytesIO(ward_template(council, period)))
    sheet = book["ChiTieu"]
    for row in sheet.iter_rows(min_row=HEADER_ROW + 2):
        code = row[1].value
        if code in values:
            row[4].value = values[code]
    if petitions:
        sheet = book["KienNghi"]
        for number, (content, field, date) in enumerate(petitions, start=1):
            # «Đang giải quyết» is the agency's answer, so it has a date (within the period reported on).
            answered = min(date + datetime.timedelta(days=20), period.end_date)
            sheet.append([number, content, field, "UBND thành phố Móng Cái", date.strftime("%d/%m/%Y"),
                          "Đang giải quyết", answered.strftime("%d/%m/%Y"), None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def seed(ctx):
    if ctx.era.current:
        return  # ward reports are seeded for the history councils' 2022-H1 only
    period = ReportingPeriod.objects.from_code(PERIOD)
    wards = [w for w in ctx.wards if w.admin_unit.valid_from is None]
    # Most wards report; the last one or two of the list (never Ka Long or Trần Phú) have not yet.
    missing = {w.code for w in wards if w.code not in ("06709", "06712")}
    missing = set(sorted(missing)[-max(1, len(wards) // 8):])
    importer = WardReportImporter(None, source="seed")
    replacing = WardReportImporter(None, replace=True, source="seed")
    reported = 0
    for ward in wards:
        if ward.code in missing or WardReport.objects.filter(council=ward, period=period).exists():
            continue
        blank = ("GS06",) if ctx.rng.random() < 0.3 else ()
        count = ctx.rng.randint(1, 2 + ctx.scale)
        petitions = [(*ctx.rng.choice(PETITION_TEXTS), ctx.date_in(2022, 1)) for _ in range(count)]
        petitions = [(f"{text} (khu {i + 1})", field, date) for i, (text, field, date) in enumerate(petitions)]
        values = consistent_values(ctx.rng, blank)
        if ward.code == "06709":
            # Ka Long sent a first version, then a corrected one: the first is kept as replaced.
            first = {**values, "KH05": values["KH05"] + 1}
            _check(importer.run(filled_workbook(ward, period, first, petitions), template_filename(ward, period)))
            result = replacing.run(filled_workbook(ward, period, values, petitions),
                                   template_filename(ward, period).replace(".xlsx", "-sua.xlsx"))
        else:
            result = importer.run(filled_workbook(ward, period, values, petitions), template_filename(ward, period))
        _check(result)
        reported += 1
    _seed_city_report(ctx, period)
    if ctx.stdout:
        ctx.stdout.write(f"  reports: {reported} báo cáo xã, phường kỳ {PERIOD}; chưa báo cáo: {', '.join(sorted(missing))}")


def _check(result):
    if not result.ok:
        raise RuntimeError("Seed ward report refused: " + "; ".join(str(line) for line in result.errors or result.notes))


def _seed_city_report(ctx, period):
    """The city's own report to the province council, so every council in the demo has a report row.

    Only wards upload through the importer; the city's row is recorded directly (the
    province-level flow is out of scope), with the same file layout.
    """
    city = ctx.city
    if WardReport.objects.filter(council=city, period=period).exists():
        return
    import hashlib

    from django.core.files.base import ContentFile

    values = consistent_values(ctx.rng)
    data = filled_workbook(city, period, values)
    report = WardReport(council=city, period=period, original_filename=template_filename(city, period),
                        sha256=hashlib.sha256(data).hexdigest(), uploaded_at=timezone.now())
    report.source_file.save(report.original_filename, ContentFile(data), save=False)
    report.save()
    codes = Indicator.objects.for_period(period).values_list("code", flat=True)
    WardReportValue.objects.bulk_create(
        WardReportValue(report=report, council=city, indicator_code=code, value=values.get(code)) for code in codes
    )

"""Must show: export_summary for HĐND thành phố Móng Cái, 2022-H1, after ward workbooks are imported
through the import API — TongHop carries each ward's figures exactly, empty where not reported."""
import pytest
from django.core.management import call_command

from apps.reports.importer import import_files

from .test_summary_builder import tonghop
from .workbooks import CONSISTENT_VALUES, ward_workbook

pytestmark = pytest.mark.django_db


def scaled(factor, empty=()):
    """Consistent values times ``factor`` (sums keep holding); codes in ``empty`` left blank."""
    return {code: (None if code in empty else value * factor) for code, value in CONSISTENT_VALUES.items()}


def test_tonghop_after_import_carries_each_wards_figures_exactly(city, secretariat_clerk, tmp_path):
    reported = {
        "06709": scaled(1),
        "06712": scaled(2, empty=("TD03", "KH06")),
        "06748": scaled(3),
    }
    files = [(f"{code}.xlsx", ward_workbook(unit_code=code, values=values)) for code, values in reported.items()]
    results = import_files(files, secretariat_clerk)
    assert all(r.ok for r in results), [r.errors for r in results]

    out = tmp_path / "tonghop.xlsx"
    call_command("export_summary", "--council", "194", "--period", "2022-H1", "--format", "xlsx", "--output", str(out))
    header, rows = tonghop(out.read_bytes())
    codes = header[2:2 + len(CONSISTENT_VALUES)]
    assert codes == list(CONSISTENT_VALUES)

    ward_codes = [k for k in rows if k not in ("194", "Tổng cộng")]
    assert len(ward_codes) == 17
    for code in ward_codes:
        row = rows[code]
        if code in reported:
            assert {c: row[c] for c in codes} == reported[code], code
            assert row["Ghi chú"] in ("", None)
        else:
            assert all(row[c] is None for c in codes), code
            assert row["Ghi chú"] == "Chưa báo cáo"
    for c in codes:
        expected = sum(v[c] or 0 for v in reported.values()) + (rows["194"][c] or 0)
        assert rows["Tổng cộng"][c] == expected

"""The streaming (write-only) spreadsheet writer keeps the safe writer's rule: text stays text, dates
are dates, numbers are numbers. Workbooks are built and read back in memory with openpyxl."""
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from apps.core.spreadsheet import set_cell, stream_cell, streaming_sheet, workbook_bytes, write_table_streaming

RISKY = ["=1+2", "+84 912", "-x", "@x", "\tx", "=HYPERLINK(\"http://x\")", "#N/A", "#DIV/0!"]


def streamed(headers, rows, **options):
    wb = Workbook(write_only=True)
    write_table_streaming(wb, "Danh sách", headers, rows, **options)
    return load_workbook(io.BytesIO(workbook_bytes(wb)))["Danh sách"]


@pytest.mark.parametrize("text", RISKY)
def test_text_that_looks_like_a_formula_is_read_back_as_the_same_text(text):
    ws = streamed(["Nội dung"], [[text]])
    cell = ws["A2"]
    assert cell.value == text and cell.data_type == "s"


@pytest.mark.parametrize("text", ["=1+2", "+84 912", "-x", "@x", "\tx"])
def test_text_with_a_formula_prefix_carries_the_quote_prefix_as_set_cell_does(text):
    ws = streamed(["Nội dung"], [[text]])
    normal = Workbook().active
    assert ws["A2"].quotePrefix is True
    assert set_cell(normal, 1, 1, text).quotePrefix is True


def test_text_in_a_header_or_a_caption_is_text_too():
    ws = streamed(["=SUM(A1)", "-Cột"], [[1, 2]], caption="=Tiêu đề")
    assert [(c.value, c.data_type) for c in ws[1]][:1] == [("=Tiêu đề", "s")]
    assert [(c.value, c.data_type) for c in ws[2]] == [("=SUM(A1)", "s"), ("-Cột", "s")]


def test_dates_are_dates_in_dd_mm_yyyy_and_numbers_are_numbers():
    rows = [[datetime.date(2022, 3, 15), datetime.datetime(2022, 3, 15, 8, 30), 7, 2.5, Decimal("1.25"), None]]
    ws = streamed(["Ngày", "Lúc", "Số", "Tỉ lệ", "Tiền", "Trống"], rows)
    date, moment, whole, ratio, money, empty = ws[2]
    assert date.value == datetime.datetime(2022, 3, 15) and date.is_date and date.number_format == "DD/MM/YYYY"
    assert moment.value == datetime.datetime(2022, 3, 15, 8, 30) and moment.number_format == "DD/MM/YYYY HH:MM"
    assert (whole.value, whole.data_type) == (7, "n")
    assert (ratio.value, ratio.data_type) == (2.5, "n")
    assert (money.value, money.data_type) == (1.25, "n")
    assert empty.value is None


def test_an_aware_datetime_is_written_in_local_time_without_its_zone(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    moment = datetime.datetime(2022, 3, 15, 1, 30, tzinfo=datetime.timezone.utc)
    ws = streamed(["Lúc"], [[moment]])
    assert ws["A2"].value == datetime.datetime(2022, 3, 15, 8, 30)


def test_booleans_are_co_or_khong_and_illegal_characters_are_replaced():
    ws = streamed(["Đủ điều kiện", "Không", "Ghi chú"], [[True, False, "a\x01b\x1fc"]])
    assert [c.value for c in ws[2]] == ["Có", "Không", "a\N{REPLACEMENT CHARACTER}b\N{REPLACEMENT CHARACTER}c"]


def test_the_header_is_bold_frozen_and_printed_on_every_page_in_landscape_a4():
    ws = streamed(["STT", "Nội dung"], [[1, "x"]], widths={"Nội dung": 50}, caption="DANH SÁCH")
    assert ws["A2"].font.b and ws["B2"].font.b
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.column_dimensions["B"].width == 50
    assert ws.column_dimensions["A"].width == 10  # default: the header's length, at least 10


def test_long_text_gets_the_wrap_style_and_rows_stream_from_a_generator():
    wb = Workbook(write_only=True)
    from openpyxl.styles import Alignment, NamedStyle

    wb.add_named_style(NamedStyle(name="wrap_top", alignment=Alignment(wrap_text=True, vertical="top")))
    rows = ([n, "ngắn" if n % 2 else "dài " * 20] for n in range(1, 1001))
    write_table_streaming(wb, "Dài", ["STT", "Nội dung"], rows, wrap_style="wrap_top")
    ws = load_workbook(io.BytesIO(workbook_bytes(wb)))["Dài"]
    assert ws.max_row == 1001
    assert ws["B2"].alignment.wrap_text is not True and ws["B3"].alignment.wrap_text is True
    assert ws["A1001"].value == 1000


def test_a_named_style_applies_to_empty_cells_and_keeps_text_safe():
    wb = Workbook(write_only=True)
    from openpyxl.styles import Font, NamedStyle

    ws = streaming_sheet(wb, "Tổng hợp", [11, 30], freeze="C2")
    wb.add_named_style(NamedStyle(name="bold_cell", font=Font(bold=True)))
    ws.append([stream_cell(ws, "=1+2", "bold_cell"), stream_cell(ws, None, "bold_cell"), stream_cell(ws, 3, "bold_cell")])
    back = load_workbook(io.BytesIO(workbook_bytes(wb)))["Tổng hợp"]
    text, empty, number = back[1]
    assert (text.value, text.data_type, text.font.b, text.quotePrefix) == ("=1+2", "s", True, True)
    assert empty.value is None and empty.font.b
    assert (number.value, number.data_type, number.font.b) == (3, "n", True)
    assert back.freeze_panes == "C2" and back.column_dimensions["B"].width == 30


def test_streaming_sheet_refuses_an_ordinary_workbook():
    with pytest.raises(ValueError):
        streaming_sheet(Workbook(), "x")

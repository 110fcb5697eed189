"""The renderers on a hand-built Summary: no database, every figure from the Summary object."""
import datetime
import io
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from apps.reports.summary import charts
from apps.reports.summary import IndicatorDef, PreviousPeriod, Summary, SummaryRow, sum_values
from apps.reports.summary.docx import summary_docx
from apps.reports.summary.wording import place_of, sentences, so
from apps.reports.summary.xlsx import HEADER_ROW, NAMES_ROW, summary_xlsx

CODES = [
    ("KH01", "Số kỳ họp đã tổ chức", "kỳ họp"), ("KH02", "— trong đó kỳ họp thường lệ", "kỳ họp"),
    ("KH03", "— kỳ họp chuyên đề", "kỳ họp"), ("KH04", "— kỳ họp giải quyết công việc phát sinh đột xuất", "kỳ họp"),
    ("KH05", "Số nghị quyết đã ban hành", "nghị quyết"), ("KH06", "Số lượt đại biểu chất vấn tại kỳ họp", "lượt"),
    ("KH07", "Số phiên họp Thường trực HĐND", "phiên"), ("GS01", "Số cuộc giám sát, khảo sát", "cuộc"),
    ("GS02", "— trong đó giám sát chuyên đề", "cuộc"), ("GS03", "— giám sát theo nhiệm vụ trọng tâm, thường xuyên", "cuộc"),
    ("GS04", "— khảo sát (kể cả khảo sát đột xuất)", "cuộc"), ("GS05", "Số phiên giải trình", "phiên"),
    ("GS06", "Số cuộc tham gia giám sát, khảo sát của cấp trên", "cuộc"), ("GS07", "Số kiến nghị sau giám sát", "kiến nghị"),
    ("GS08", "— trong đó đã thực hiện xong", "kiến nghị"), ("CT01", "Số cuộc tiếp xúc cử tri", "cuộc"),
    ("CT02", "Số lượt cử tri tham dự", "lượt"), ("CT03", "Số ý kiến, kiến nghị của cử tri", "kiến nghị"),
    ("CT04", "— đã giải quyết", "kiến nghị"), ("CT05", "— đang giải quyết", "kiến nghị"),
    ("CT06", "— đã giải trình, cung cấp thông tin", "kiến nghị"), ("CT07", "— chưa giải quyết", "kiến nghị"),
    ("TD01", "Số buổi tiếp công dân", "buổi"), ("TD02", "Số lượt công dân được tiếp", "lượt"),
    ("TD03", "Số người được tiếp", "người"), ("TD04", "Số vụ việc", "vụ việc"), ("TD05", "Số đoàn đông người", "đoàn"),
    ("DT01", "Tổng số đơn thư tiếp nhận", "đơn"), ("DT02", "— đơn khiếu nại", "đơn"), ("DT03", "— đơn tố cáo", "đơn"),
    ("DT04", "— đơn kiến nghị, phản ánh", "đơn"), ("DT05", "Số đơn đủ điều kiện xử lý", "đơn"),
    ("DT06", "Số đơn đã chuyển cơ quan có thẩm quyền", "đơn"), ("DT07", "Số đơn đã hướng dẫn", "đơn"),
    ("DT08", "Số đơn đã nhận văn bản trả lời", "đơn"),
]
OWN = {"KH01": 3, "KH02": 2, "KH03": 1, "KH04": 0, "KH05": 12, "KH06": 5, "KH07": 6, "GS01": 5, "GS02": 2, "GS03": 1,
       "GS04": 2, "GS05": 2, "GS06": 1, "GS07": 10, "GS08": 6, "CT01": 8, "CT02": 1250, "CT03": 30, "CT04": 20,
       "CT05": 5, "CT06": 3, "CT07": 2, "TD01": 6, "TD02": 12, "TD03": 15, "TD04": 10, "TD05": 1, "DT01": 20,
       "DT02": 5, "DT03": 3, "DT04": 12, "DT05": 15, "DT06": 10, "DT07": 3, "DT08": 8}


def ward_values(seed):
    return {code: (seed * 7 + n) % 9 for n, (code, _name, _unit) in enumerate(CODES)}


def sample_summary(wards=17, missing=(2, 5)):
    definitions = [IndicatorDef(code, name, unit, n) for n, (code, name, unit) in enumerate(CODES)]
    codes = [d.code for d in definitions]
    rows = []
    for i in range(wards):
        reported = i not in missing
        values = ward_values(i) if reported else {}
        rows.append(SummaryRow(code=f"067{i:02d}", name=f"HĐND phường Số {i + 1}", council_id=100 + i,
                               reported=reported, values={c: values.get(c) for c in codes}))
    council = SummaryRow(code="194", name="HĐND thành phố Móng Cái", council_id=1, kind="council",
                         values={c: OWN.get(c) for c in codes})
    previous = PreviousPeriod(code="2021-H1", label="6 tháng đầu năm 2021", own={c: 1 for c in codes},
                              ward_totals={c: 10 for c in codes}, reported_count=15)
    return Summary(council_name="HĐND thành phố Móng Cái", council_code="194", council_id=1,
                   parent_name="HĐND tỉnh Quảng Ninh", period_code="2022-H1", period_year=2022, period_kind="H1",
                   start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2022, 6, 30),
                   indicators=definitions, wards=rows, council_row=council, previous=previous)


def docx_text(data):
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts), doc


# -- wording -------------------------------------------------------------------
def test_counts_are_written_with_two_digits_as_the_council_writes_them():
    assert [so(n) for n in (0, 1, 9, 10, 11, 120, 1250)] == ["00", "01", "09", "10", "11", "120", "1.250"]


def test_the_place_comes_from_the_council_name():
    assert place_of("HĐND thành phố Móng Cái") == "Móng Cái"
    assert place_of("HĐND phường Ka Long") == "Ka Long"


def test_totals_skip_empty_values_but_keep_zero():
    assert sum_values([None, 2, 0, None]) == 2
    assert sum_values([None, None]) is None
    assert sum_values([0, None]) == 0


def test_total_row_is_the_sum_of_wards_and_council():
    summary = sample_summary()
    for code in summary.codes:
        expected = sum(r.value(code) or 0 for r in summary.wards) + (OWN[code] or 0)
        assert summary.total(code) == expected
    assert [w.code for w in summary.not_reported] == ["06702", "06705"]


# -- xlsx ----------------------------------------------------------------------
def test_tonghop_has_names_codes_wards_council_and_total():
    summary = sample_summary()
    wb = load_workbook(io.BytesIO(summary_xlsx(summary, with_lists=False)))
    ws = wb["TongHop"]
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:2] == ["Mã đơn vị", "Đơn vị"]
    assert header[2:2 + len(CODES)] == [c for c, _n, _u in CODES]
    assert ws.cell(row=NAMES_ROW, column=3).value.startswith("Số kỳ họp đã tổ chức")
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert [r[0] for r in data[:17]] == [f"067{i:02d}" for i in range(17)]
    assert data[17][0] == "194" and data[17][2] == 3
    assert data[18][1] == "Tổng cộng"
    for col in range(2, 2 + len(CODES)):
        assert data[18][col] == sum(r[col] or 0 for r in data[:18])
        assert isinstance(data[18][col], int)
    missing = data[2]
    assert missing[-1] == "Chưa báo cáo" and all(v is None for v in missing[2:2 + len(CODES)])
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9


@pytest.mark.parametrize("text", ["=1+2", "+84 912 345 678", "-x", "@x"])
def test_a_ward_name_that_looks_like_a_formula_stays_text(text):
    summary = sample_summary(wards=2, missing=())
    summary.wards[0].name = text
    ws = load_workbook(io.BytesIO(summary_xlsx(summary, with_lists=False)))["TongHop"]
    cell = ws.cell(row=HEADER_ROW + 1, column=2)
    assert cell.value == text and cell.data_type == "s"


# -- docx ----------------------------------------------------------------------
def test_docx_has_the_decree_layout():
    text, doc = docx_text(summary_docx(sample_summary(), with_charts=False))
    first = doc.sections[0]
    assert round(first.page_width.cm, 1) == 21.0 and round(first.page_height.cm, 1) == 29.7
    assert [round(x.cm, 1) for x in (first.top_margin, first.bottom_margin, first.left_margin, first.right_margin)] == [2.0, 2.0, 3.0, 1.5]
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # the annex is landscape
    for expected in ("HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ MÓNG CÁI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "/BC-HĐND", "Móng Cái, ngày", "BÁO CÁO",
                     "Kết quả hoạt động của Hội đồng nhân dân thành phố 6 tháng đầu năm 2022", "./.",
                     "Nơi nhận:", "TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "Phụ lục 01"):
        assert expected in text, expected
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    assert normal.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Times New Roman"


def test_docx_states_the_figures_in_the_councils_style():
    text, _doc = docx_text(summary_docx(sample_summary(), with_charts=False))
    assert "tổ chức thành công 03 kỳ họp (02 kỳ họp thường lệ, 01 kỳ họp chuyên đề), ban hành 12 nghị quyết" in text
    assert "02 cuộc giám sát chuyên đề, 01 cuộc giám sát theo nhiệm vụ trọng tâm, thường xuyên, 02 cuộc khảo sát" in text
    assert "tổ chức 02 phiên giải trình" in text
    assert "với 1.250 lượt cử tri tham dự" in text
    assert "Có 15/17 HĐND xã, phường đã gửi báo cáo" in text
    assert "HĐND phường Số 3 (06702), HĐND phường Số 6 (06705)" in text


def test_docx_annex_has_a_row_per_ward_and_a_repeated_header():
    _text, doc = docx_text(summary_docx(sample_summary(), with_charts=False))
    annex = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert len(annex) == 2
    assert len(annex[0].rows) == 1 + 17 + 2
    assert annex[0].rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    assert annex[0].rows[-1].cells[1].text == "Tổng cộng"


def test_docx_annexes_number_the_councils_own_row_and_leave_the_total_unnumbered():
    """Anh Minh reads annex 01/02: 17 wards numbered 1–17, the city council itself 18, «Tổng cộng» blank."""
    _text, doc = docx_text(summary_docx(sample_summary(), with_charts=False))
    annex = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    for table in annex:
        body = table.rows[1:]
        assert [r.cells[0].text for r in body[:-1]] == [str(n) for n in range(1, 19)]
        assert body[-2].cells[1].text == "HĐND thành phố Móng Cái"
        assert body[-1].cells[0].text == "" and body[-1].cells[1].text == "Tổng cộng"


def test_docx_embeds_the_charts_as_images():
    data = summary_docx(sample_summary())
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len([n for n in names if n.startswith("word/media/")]) == len(charts.CHARTS)


def test_charts_are_png():
    for _key, _title, png in charts.all_charts(sample_summary()):
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_sentences_come_only_from_the_summary():
    summary = sample_summary()
    summary.council_row.values["KH05"] = 42
    assert "ban hành 42 nghị quyết" in " ".join(sum(sentences(summary).values(), []))


def test_a_ward_councils_report_has_no_section_on_wards_below_it():
    summary = sample_summary(wards=0)
    summary.council_name, summary.council_code = "HĐND phường Ka Long", "06709"
    summary.council_row.name = "HĐND phường Ka Long"
    text, _doc = docx_text(summary_docx(summary, with_charts=False))
    assert "HOẠT ĐỘNG CỦA HĐND CÁC XÃ, PHƯỜNG" not in text
    assert "V. SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC" in text and "So với 6 tháng đầu năm 2021, HĐND phường:" in text
    assert "PHƯỜNG KA LONG" in text and "Ka Long, ngày" in text
    assert "Kết quả hoạt động của Hội đồng nhân dân phường 6 tháng đầu năm 2022" in text
    assert "VÀ HĐND CÁC XÃ, PHƯỜNG" not in text


def test_activities_that_did_not_happen_are_left_out_of_the_sentence():
    summary = sample_summary()
    summary.council_row.values.update({"GS05": 0, "GS06": 0})
    text = " ".join(sum(sentences(summary).values(), []))
    assert "00 phiên giải trình" not in text and "tham gia 00" not in text
    assert "cuộc giám sát, khảo sát của cấp trên" not in text


def test_charts_are_drawn_once_for_the_same_figures(monkeypatch):
    from django.core.cache import cache

    from apps.reports.summary import charts

    cache.clear()
    calls = []
    monkeypatch.setattr(charts, "CHARTS", [("k", "Tiêu đề", lambda s: calls.append(1) or b"png")])
    summary = sample_summary()
    assert charts.all_charts(summary) == charts.all_charts(summary) == [("k", "Tiêu đề", b"png")]
    assert len(calls) == 1
    summary.council_row.values["KH01"] = 99  # a changed figure is drawn again
    charts.all_charts(summary)
    assert len(calls) == 2

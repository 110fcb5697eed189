"""The report says what happened: no "00", ad-hoc surveys and the council above named as offices
name them, one issuer throughout, page numbers from page 2, annexes headed in words."""
import dataclasses
import re

from apps.core.models import ReportingPeriod
from apps.reports.summary import SummaryRow, build_summary
from apps.reports.summary.docx import summary_docx
from apps.reports.summary.wording import sentences

from .test_summary_renderers import docx_text, sample_summary


def empty_summary():
    summary = sample_summary(wards=3, missing=(0, 1, 2))
    empty = SummaryRow(code="194", name=summary.council_name, council_id=1, kind="council",
                       values={code: 0 for code in summary.codes})
    return dataclasses.replace(summary, council_row=empty, previous=None)


def test_a_council_with_empty_registers_gets_no_00_figure_in_its_docx(other_ward):
    summary = build_summary(other_ward, ReportingPeriod.objects.from_code("2022-H1"))
    text, _doc = docx_text(summary_docx(summary, with_charts=False))
    assert not re.search(r"\b00\b", text), re.findall(r".{40}\b00\b.{20}", text)
    assert "chưa cập nhật số liệu 6 tháng đầu năm 2022" in text


def test_empty_registers_say_chua_cap_nhat_instead_of_zero():
    body = " ".join(" ".join(paragraphs) for paragraphs in sentences(empty_summary()).values())
    assert not re.search(r"\b00\b", body)
    assert "phiên họp" not in body and "tiếp 00" not in body
    for register in ("Sổ theo dõi kỳ họp", "Sổ theo dõi hoạt động giám sát", "Sổ tiếp công dân", "Sổ xử lý đơn"):
        assert register in body, register
    assert "Chưa có HĐND xã, phường nào gửi báo cáo" in body


def test_ad_hoc_surveys_and_the_council_above_are_named():
    summary = sample_summary()
    summary = dataclasses.replace(summary, details={"urgent_surveys": 2}, council_row=dataclasses.replace(
        summary.council_row, values={**summary.council_row.values, "GS04": 2, "GS06": 4}))
    text = " ".join(sentences(summary)["II. HOẠT ĐỘNG GIÁM SÁT"])
    assert "02 cuộc khảo sát đột xuất" in text and "02 cuộc khảo sát;" not in text
    assert "tham gia 04 cuộc giám sát, khảo sát của HĐND tỉnh" in text and "cấp trên" not in text


def test_one_issuer_and_page_numbers_from_page_two():
    data = summary_docx(sample_summary(), with_charts=False)
    text, doc = docx_text(data)
    header = doc.tables[0]
    issuer = header.rows[0].cells[0].text
    assert "HỘI ĐỒNG NHÂN DÂN" in issuer and "THƯỜNG TRỰC" not in issuer
    assert "/BC-HĐND" in header.rows[1].cells[0].text
    assert "TM. HỘI ĐỒNG NHÂN DÂN" in text and "TM. THƯỜNG TRỰC" not in text
    first = doc.sections[0]
    assert first.different_first_page_header_footer
    assert 'w:instr="PAGE"' in first.header._element.xml
    assert "PAGE" not in first.first_page_header._element.xml


def test_annexes_head_their_columns_in_words_and_say_which_report_they_belong_to():
    text, doc = docx_text(summary_docx(sample_summary(), with_charts=False))
    annex = doc.tables[2]
    headings = [cell.text for cell in annex.rows[0].cells]
    assert "Số kỳ họp đã tổ chức" in headings and "KH01" not in headings
    assert "Kèm theo Báo cáo số" in text and "ngày      tháng      năm 2022 của HĐND thành phố Móng Cái" in text

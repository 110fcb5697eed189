"""The summary as a report in the layout of Nghị định 30/2020/NĐ-CP (python-docx).

A4 portrait, margins top/bottom 2 cm, left 3 cm, right 1.5 cm (the decree: 20–25, 20–25, 30–35,
15–20 mm); Times New Roman 14 pt body; header table (issuing body | national name and motto),
"Số: …/BC-HĐND", place and date, BÁO CÁO and subject line, body sections I–V, "./.",
"Nơi nhận" and the signature block; then a landscape section with the annex tables (a row per
ward, header repeated on each page) and the charts.

The text itself is written by ``wording``; the formatting helpers are in ``docx_format``.
"""
import io

from django.utils import translation
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from . import charts, narrative
from .docx_format import (
    BODY_PT, _cell_para, _narrow_cell_margins, _no_borders, _page_numbers, _page_setup, _para, _repeat_header, _rule,
    _set_font, _widths,
)
from .wording import place_of, sentences, unit_phrase

ANNEX_GROUPS = [
    ("Phụ lục 01", "KẾT QUẢ KỲ HỌP, HOẠT ĐỘNG GIÁM SÁT", ("KH", "GS")),
    ("Phụ lục 02", "KẾT QUẢ TIẾP XÚC CỬ TRI, TIẾP CÔNG DÂN VÀ XỬ LÝ ĐƠN THƯ", ("CT", "TD", "DT")),
]


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------
@translation.override("vi")  # an official document: Vietnamese whatever the reader's language
def summary_docx(summary, with_charts=True):
    doc = Document()
    normal = doc.styles["Normal"]
    _set_font(normal, size=BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    _page_setup(doc.sections[0])
    _page_numbers(doc.sections[0])
    doc.core_properties.title = f"Báo cáo kết quả hoạt động {summary.period_label} – {summary.council_name}"
    doc.core_properties.author = summary.council_name

    _national_header(doc, summary)
    _title(doc, summary)
    figures = sentences(summary)
    for heading, paragraphs in figures.items():
        _para(doc, heading, bold=True, before=6, after=3, indent=1, align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep=True)
        for text in paragraphs:
            _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1, after=6, line=1.15)
    _own_sections(doc, summary, len(figures) + 1)
    closing = (f"Trên đây là báo cáo kết quả hoạt động {summary.period_label} của {summary.council_name}"
               f" và HĐND các xã, phường./." if summary.wards else
               f"Trên đây là báo cáo kết quả hoạt động {summary.period_label} của {summary.council_name}./.")
    _para(doc, closing, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1, after=6, line=1.15)
    _signature(doc, summary)

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(section, landscape=True)
    _annexes(doc, summary)
    if with_charts:
        _charts(doc, summary)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


ISSUER = "HỘI ĐỒNG NHÂN DÂN"  # one issuer throughout: the header, the symbol (BC-HĐND) and "TM." agree
SYMBOL = "/BC-HĐND"


def issuer_place(summary):
    """'THÀNH PHỐ MÓNG CÁI': the second line of the issuer's name in the header."""
    return f"{unit_phrase(summary.council_name)} {place_of(summary.council_name)}".strip().upper()


def _national_header(doc, summary):
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [7.0, 9.5])
    left, right = table.rows[0].cells
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _cell_para(left, ISSUER, size=12, bold=True, align=centre)
    _cell_para(left, issuer_place(summary), size=12, bold=True, align=centre, after=2)
    _rule(left, 2.3, 2.3)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=centre)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=centre, after=2)
    _rule(right, 1.4, 1.4)
    left, right = table.rows[1].cells
    _cell_para(left, f"Số:       {SYMBOL}", size=13, align=centre, before=6)
    year = summary.end_date.year
    _cell_para(right, f"{place_of(summary.council_name)}, ngày      tháng      năm {year}", size=14, italic=True,
               align=centre, before=6)


def _title(doc, summary):
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "BÁO CÁO", size=14, bold=True, align=centre, before=18)
    unit = unit_phrase(summary.council_name)
    subject = f"Kết quả hoạt động của Hội đồng nhân dân {unit} {summary.period_label}".replace("  ", " ")
    _para(doc, subject, size=14, bold=True, align=centre, after=2)
    _rule(doc, 6.5, 6.5)
    _para(doc, "", after=6)


def _own_sections(doc, summary, first_number):
    """The secretariat's own sections after the figures; an empty one keeps its heading and a
    highlighted placeholder, so the draft shows what is still to be written."""
    from docx.enum.text import WD_COLOR_INDEX

    for heading, paragraphs in narrative.sections(summary, first_number):
        _para(doc, heading, bold=True, before=6, after=3, indent=1, align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep=True)
        if paragraphs is None:
            p = _para(doc, narrative.PLACEHOLDER, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1, after=6)
            p.runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW
            continue
        for text in paragraphs:
            _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1, after=6, line=1.15)


def _signature(doc, summary):
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    _cell_para(left, "Nơi nhận:", size=12, bold=True, italic=True, before=6)
    recipients = []
    if summary.parent_name:
        recipients.append(f"- Thường trực {summary.parent_name};")
    party = {"thành phố": "Thành ủy", "tỉnh": "Tỉnh ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy", "quận": "Quận ủy"}
    unit = unit_phrase(summary.council_name)
    recipients += [f"- Thường trực {party.get(unit, 'Đảng ủy ' + unit)};",
                   "- UBND, UBMTTQ Việt Nam " + unit_phrase(summary.council_name) + ";",
                   "- Các đại biểu HĐND " + unit_phrase(summary.council_name) + ";"]
    if summary.wards:
        recipients.append("- Thường trực HĐND các xã, phường;")
    recipients.append("- Lưu: VT.")
    for line in recipients:
        _cell_para(left, line, size=11)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _cell_para(right, f"TM. {ISSUER}", size=14, bold=True, align=centre, before=6)
    _cell_para(right, "CHỦ TỊCH", size=14, bold=True, align=centre)
    for _ in range(4):
        _cell_para(right, "", size=14)
    _cell_para(right, "……………………………", size=14, bold=True, align=centre)


def _annexes(doc, summary):
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for n, (label, title, prefixes) in enumerate(ANNEX_GROUPS):
        definitions = [d for d in summary.indicators if d.code.startswith(prefixes)]
        if not definitions:
            continue
        heading = _para(doc, label, size=13, bold=True, align=centre)
        # "Page break before" on the heading, not an empty paragraph holding a break: the latter
        # leaves a blank page in LibreOffice when the table above ends near the page foot.
        heading.paragraph_format.page_break_before = bool(n)
        whom = f"HĐND {unit_phrase(summary.council_name)}".upper()
        whom = f"CỦA {whom} VÀ HĐND CÁC XÃ, PHƯỜNG" if summary.wards else f"CỦA {whom}"
        _para(doc, f"{title} {whom}", size=13, bold=True, align=centre)
        _para(doc, f"(Kèm theo Báo cáo số      {SYMBOL} ngày      tháng      năm {summary.end_date.year} "
                   f"của {summary.council_name})", size=12, italic=True, align=centre, after=6)
        _annex_table(doc, summary, definitions)
        _para(doc, "Ghi chú: ô để trống là đơn vị chưa báo cáo chỉ tiêu đó.", size=9, italic=True, before=4)


def _annex_table(doc, summary, definitions):
    # Column headings in words, as the decree's annex tables have them (the codes are for machines).
    headers = ["STT", "Đơn vị", *[d.short_name for d in definitions]]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _narrow_cell_margins(table)
    usable = 29.7 - 2 - 1.5
    name_cm, stt_cm = (5.4, 1.2) if len(definitions) <= 15 else (4.4, 1.0)
    each = min(1.6, (usable - name_cm - stt_cm) / len(definitions))
    widths = [stt_cm, name_cm, *[each] * len(definitions)]
    size = 7 if len(definitions) > 15 else 8
    style = _table_style(doc, size)
    size = None  # from the style
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        _cell_para(cell, text, size=size, bold=True, align=centre, style=style)
    _repeat_header(table.rows[0])
    for n, row in enumerate(summary.table_rows, start=1):
        cells = table.add_row().cells
        bold = row.kind != "ward"
        # Wards and the council itself are numbered on; the total row has no number (annex form).
        stt = "" if row.kind == "total" else str(n)
        name = row.name if row.reported else f"{row.name} (chưa báo cáo)"
        _cell_para(cells[0], stt, size=size, align=centre, style=style)
        _cell_para(cells[1], name, size=size, bold=bold, style=style)
        for cell, d in zip(cells[2:], definitions):
            value = row.value(d.code)
            _cell_para(cell, "" if value is None else str(value), size=size, bold=bold, align=centre, style=style)
    _widths(table, widths)


def _table_style(doc, size):
    """A paragraph style for annex cells: the size lives here once, not on every run."""
    from docx.enum.style import WD_STYLE_TYPE

    name = f"Bảng phụ lục {size}"
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        return style


def _charts(doc, summary):
    """The four charts on one landscape page: a borderless 2 × 2 table, each image 10 cm wide
    (two rows of charts with their captions fit the 17 cm of a landscape A4 page)."""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    heading = _para(doc, "Phụ lục 03", size=13, bold=True, align=centre)
    heading.paragraph_format.page_break_before = True
    _para(doc, "BIỂU ĐỒ TỔNG HỢP", size=13, bold=True, align=centre, after=2)
    drawn = charts.all_charts(summary)
    table = doc.add_table(rows=(len(drawn) + 1) // 2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [13.0, 13.0])
    for n, (_key, title, png) in enumerate(drawn):
        cell = table.rows[n // 2].cells[n % 2]
        p = _cell_para(cell, "", align=centre)
        p.add_run().add_picture(io.BytesIO(png), width=Cm(10.0))
        _cell_para(cell, f"Biểu đồ {n + 1}. {title}", size=11, italic=True, align=centre, after=6)

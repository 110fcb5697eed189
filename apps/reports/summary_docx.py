"""The summary as a report in the layout of Nghị định 30/2020/NĐ-CP (python-docx).

A4 portrait, margins top/bottom 2 cm, left 3 cm, right 1.5 cm (the decree: 20–25, 20–25, 30–35,
15–20 mm); Times New Roman 14 pt body; header table (issuing body | national name and motto),
"Số: …/BC-HĐND", place and date, BÁO CÁO and subject line, body sections I–V, "./.",
"Nơi nhận" and the signature block; then a landscape section with the annex tables (a row per
ward, header repeated on each page) and the charts.

Counts are written as the council writes them: two digits below ten (01 … 09), then 10, 11 …,
thousands with a dot (1.250). A headline figure of zero is written "00" so that every headline
states its figure; zero items inside a "trong đó" breakdown are left out of the list.
Every figure comes from the ``Summary`` object.
"""
import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import charts

FONT = "Times New Roman"
BODY_PT = 14
UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")
ANNEX_GROUPS = [
    ("Phụ lục 01", "KẾT QUẢ KỲ HỌP, HOẠT ĐỘNG GIÁM SÁT", ("KH", "GS")),
    ("Phụ lục 02", "KẾT QUẢ TIẾP XÚC CỬ TRI, TIẾP CÔNG DÂN VÀ XỬ LÝ ĐƠN THƯ", ("CT", "TD", "DT")),
]


# ---------------------------------------------------------------------------
# Wording
# ---------------------------------------------------------------------------
def so(n):
    """A count as the council writes it: 00 … 09, 10, 11 …, 1.250."""
    n = int(n or 0)
    return f"{n:02d}" if 0 <= n < 10 else f"{n:,}".replace(",", ".")


def place_of(council_name):
    """'HĐND thành phố Móng Cái' -> 'Móng Cái' (the place in "Móng Cái, ngày … ")."""
    name = re.sub(r"^(HĐND|Hội đồng nhân dân)\s+", "", council_name.strip(), flags=re.IGNORECASE)
    for word in UNIT_WORDS:
        if name.lower().startswith(word + " "):
            return name[len(word) + 1:].strip()
    return name


def unit_phrase(council_name):
    """'HĐND thành phố Móng Cái' -> 'thành phố' (how the body refers to its own council)."""
    name = re.sub(r"^(HĐND|Hội đồng nhân dân)\s+", "", council_name.strip(), flags=re.IGNORECASE)
    for word in UNIT_WORDS:
        if name.lower().startswith(word + " "):
            return word
    return ""


def _items(summary, pairs, value=None):
    """'02 cuộc giám sát chuyên đề, 01 cuộc …' — only the non-zero items of a breakdown."""
    value = value or summary.own
    parts = [f"{so(value(code))} {text}" for code, text in pairs if code in summary.codes and value(code)]
    return ", ".join(parts)


def sentences(summary):
    """The body of the report as {section heading: [paragraph texts]} (tests read these)."""
    own = summary.own
    unit = unit_phrase(summary.council_name)
    hd = f"HĐND {unit}".strip()
    period = summary.period_label
    out = {}

    sittings = _items(summary, [("KH02", "kỳ họp thường lệ"), ("KH03", "kỳ họp chuyên đề"),
                                ("KH04", "kỳ họp giải quyết công việc phát sinh đột xuất")])
    text = f"Trong {period}, {hd} đã tổ chức thành công {so(own('KH01'))} kỳ họp"
    text += f" ({sittings})" if sittings else ""
    text += f", ban hành {so(own('KH05'))} nghị quyết"
    text += f"; tại kỳ họp có {so(own('KH06'))} lượt đại biểu chất vấn."
    standing = f"Thường trực HĐND đã tổ chức {so(own('KH07'))} phiên họp thường kỳ và đột xuất để chỉ đạo, " \
               f"điều hòa, phối hợp hoạt động của các Ban, các Tổ đại biểu và chuẩn bị nội dung kỳ họp."
    out["I. CÔNG TÁC TỔ CHỨC KỲ HỌP VÀ HOẠT ĐỘNG CỦA THƯỜNG TRỰC HĐND"] = [text, standing]

    kinds = _items(summary, [("GS02", "cuộc giám sát chuyên đề"),
                             ("GS03", "cuộc giám sát theo nhiệm vụ trọng tâm, thường xuyên"),
                             ("GS04", "cuộc khảo sát")])
    text = f"Thường trực, các Ban và các Tổ đại biểu {hd} đã tiến hành {so(own('GS01'))} cuộc giám sát, khảo sát"
    text += f", trong đó: {kinds}" if kinds else ""
    # Secondary activities are mentioned only when there were some ("tham gia 00 cuộc" reads badly).
    if own("GS05"):
        text += f"; tổ chức {so(own('GS05'))} phiên giải trình"
    if own("GS06"):
        text += f"; tham gia {so(own('GS06'))} cuộc giám sát, khảo sát của cấp trên"
    text += "."
    follow = f"Qua giám sát, đã đưa ra {so(own('GS07'))} kiến nghị với các cơ quan, đơn vị; " \
             f"đến nay {so(own('GS08'))} kiến nghị đã thực hiện xong."
    out["II. HOẠT ĐỘNG GIÁM SÁT"] = [text, follow]

    statuses = _items(summary, [("CT04", "kiến nghị đã được giải quyết"), ("CT05", "kiến nghị đang giải quyết"),
                                ("CT06", "kiến nghị đã được giải trình, cung cấp thông tin"),
                                ("CT07", "kiến nghị chưa được giải quyết")])
    text = f"Các Tổ đại biểu đã tổ chức {so(own('CT01'))} cuộc tiếp xúc cử tri với {so(own('CT02'))} lượt cử tri tham dự; " \
           f"tổng hợp {so(own('CT03'))} ý kiến, kiến nghị của cử tri"
    text += f", trong đó: {statuses}." if statuses else "."
    out["III. TIẾP XÚC CỬ TRI VÀ GIÁM SÁT GIẢI QUYẾT KIẾN NGHỊ CỦA CỬ TRI"] = [text]

    reception = f"Thường trực HĐND đã tổ chức {so(own('TD01'))} buổi tiếp công dân, tiếp {so(own('TD02'))} lượt " \
                f"công dân ({so(own('TD03'))} người, {so(own('TD04'))} vụ việc, {so(own('TD05'))} đoàn đông người)."
    types = _items(summary, [("DT02", "đơn khiếu nại"), ("DT03", "đơn tố cáo"), ("DT04", "đơn kiến nghị, phản ánh")])
    letters = f"Tiếp nhận {so(own('DT01'))} đơn thư"
    letters += f", trong đó: {types}" if types else ""
    letters += f"; {so(own('DT05'))} đơn đủ điều kiện xử lý; đã chuyển {so(own('DT06'))} đơn đến cơ quan có thẩm quyền, " \
               f"hướng dẫn {so(own('DT07'))} đơn; {so(own('DT08'))} đơn đã nhận được văn bản trả lời."
    out["IV. TIẾP CÔNG DÂN, TIẾP NHẬN VÀ XỬ LÝ ĐƠN THƯ"] = [reception, letters]

    wards = []
    if summary.wards:
        wt = summary.ward_total
        wards.append(
            f"Có {so(len(summary.reported_wards))}/{so(len(summary.wards))} HĐND xã, phường đã gửi báo cáo. "
            f"Theo số liệu các đơn vị báo cáo, HĐND các xã, phường đã tổ chức {so(wt('KH01'))} kỳ họp, ban hành "
            f"{so(wt('KH05'))} nghị quyết; tiến hành {so(wt('GS01'))} cuộc giám sát, khảo sát, {so(wt('GS05'))} phiên "
            f"giải trình; tổ chức {so(wt('CT01'))} cuộc tiếp xúc cử tri, tổng hợp {so(wt('CT03'))} ý kiến, kiến nghị; "
            f"tổ chức {so(wt('TD01'))} buổi tiếp công dân và tiếp nhận {so(wt('DT01'))} đơn thư "
            f"(chi tiết tại Phụ lục 01, 02 kèm theo)."
        )
        missing = summary.not_reported
        if missing:
            wards.append(f"Chưa gửi báo cáo ({so(len(missing))} đơn vị): "
                         + ", ".join(f"{w.name} ({w.code})" for w in missing) + ".")
        else:
            wards.append("Tất cả HĐND xã, phường đã gửi báo cáo đúng yêu cầu.")
    comparison = []
    if summary.previous:
        prev = summary.previous
        parts = [f"{label} {so(summary.total(code))} (cùng kỳ {so(prev.total(code))})"
                 for code, label in [("KH01", "kỳ họp"), ("KH05", "nghị quyết"), ("GS01", "cuộc giám sát, khảo sát"),
                                     ("CT03", "kiến nghị cử tri"), ("DT01", "đơn thư")] if code in summary.codes]
        scope = f"toàn {unit} (HĐND {unit} và HĐND các xã, phường)" if summary.wards else hd
        comparison.append(f"So với {prev.label}, {scope}: " + "; ".join(parts) + ".")
    if summary.wards:
        out["V. HOẠT ĐỘNG CỦA HĐND CÁC XÃ, PHƯỜNG"] = wards + comparison
    elif comparison:
        # A ward or commune council has no councils below it: section V compares with last year.
        out["V. SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC"] = comparison
    return out


# ---------------------------------------------------------------------------
# Low-level formatting helpers
# ---------------------------------------------------------------------------
def _set_font(run_or_style, size=None, bold=None, italic=None):
    font = run_or_style.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _run(paragraph, text, size=BODY_PT, bold=False, italic=False):
    """A run that inherits Times New Roman from the Normal style; only what differs is written
    (setting every property on every run made a 17-ward annex take a second)."""
    run = paragraph.add_run(text)
    if size is not None and size != BODY_PT:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if italic:
        run.font.italic = True
    return run


def _para(container, text="", size=BODY_PT, bold=False, italic=False, align=None, before=0, after=0,
          indent=None, keep=False, line=None):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line:
        fmt.line_spacing = line
    if align is not None:
        p.alignment = align
    if indent is not None:
        fmt.first_line_indent = Cm(indent)
    if keep:
        fmt.keep_with_next = True
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _rule(container, left_cm, right_cm):
    """A short solid line centred under the previous paragraph (under the issuing body, the motto and
    the subject line): an empty 2 pt paragraph whose top border is the line, narrowed by indents."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(2)
    _run(paragraph, "", size=2)
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    ppr.append(border)
    fmt.left_indent = Cm(left_cm)
    fmt.right_indent = Cm(right_cm)
    return paragraph


def _cell_para(cell, text, **kwargs):
    """Fill a table cell's first (empty) paragraph, then add more."""
    if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text and not getattr(cell, "_used", False):
        cell._used = True
        p = cell.paragraphs[0]
        if kwargs.get("style") is not None:
            p.style = kwargs["style"]  # also sizes an empty cell (its paragraph mark)
        p.alignment = kwargs.get("align")
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(kwargs.get("before", 0)), Pt(kwargs.get("after", 0))
        if text:
            _run(p, text, size=kwargs.get("size", BODY_PT), bold=kwargs.get("bold", False),
                 italic=kwargs.get("italic", False))
        return p
    return _para(cell, text, **kwargs)


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_cm):
    """Fixed column widths that LibreOffice honours too (fixed layout, table width, grid and cells)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int(sum(Cm(w).twips for w in widths_cm))))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(w).twips)))


def _narrow_cell_margins(table, twips=45):
    """Small left/right cell padding, so a code such as CT01 or a figure such as 1250 fits a narrow column."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _page_setup(section, landscape=False):
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance = section.footer_distance = Cm(1)


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------
def summary_docx(summary, with_charts=True):
    doc = Document()
    normal = doc.styles["Normal"]
    _set_font(normal, size=BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    _page_setup(doc.sections[0])
    doc.core_properties.title = f"Báo cáo kết quả hoạt động {summary.period_label} – {summary.council_name}"
    doc.core_properties.author = summary.council_name

    _national_header(doc, summary)
    _title(doc, summary)
    for heading, paragraphs in sentences(summary).items():
        _para(doc, heading, bold=True, before=6, after=3, indent=1, align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep=True)
        for text in paragraphs:
            _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1, after=6, line=1.15)
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


def _national_header(doc, summary):
    unit = unit_phrase(summary.council_name)
    issuer = f"HĐND {unit} {place_of(summary.council_name)}".upper().replace("  ", " ")
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [7.0, 9.5])
    left, right = table.rows[0].cells
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _cell_para(left, issuer, size=12, align=centre)
    _cell_para(left, "THƯỜNG TRỰC HĐND", size=12, bold=True, align=centre, after=2)
    _rule(left, 2.3, 2.3)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=centre)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align=centre, after=2)
    _rule(right, 1.4, 1.4)
    left, right = table.rows[1].cells
    _cell_para(left, "Số:       /BC-HĐND", size=13, align=centre, before=6)
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
    _cell_para(right, "TM. THƯỜNG TRỰC HĐND", size=14, bold=True, align=centre, before=6)
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
        _para(doc, f"(Kèm theo Báo cáo số      /BC-HĐND về kết quả hoạt động {summary.period_label})",
              size=12, italic=True, align=centre, after=6)
        _annex_table(doc, summary, definitions)
        legend = "; ".join(f"{d.code}: {d.short_name}" for d in definitions)
        _para(doc, "Ghi chú: " + legend + ". Ô để trống: đơn vị chưa báo cáo.", size=9, italic=True, before=4)


def _annex_table(doc, summary, definitions):
    headers = ["STT", "Đơn vị", *[d.code for d in definitions]]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _narrow_cell_margins(table)
    usable = 29.7 - 2 - 1.5
    name_cm, stt_cm = (5.4, 1.2) if len(definitions) <= 15 else (4.4, 1.0)
    each = min(1.6, (usable - name_cm - stt_cm) / len(definitions))
    widths = [stt_cm, name_cm, *[each] * len(definitions)]
    size = 9 if len(definitions) > 15 else 10
    style = _table_style(doc, size)
    size = None  # from the style
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for cell, text in zip(table.rows[0].cells, headers):
        _cell_para(cell, text, size=size, bold=True, align=centre, style=style)
    _repeat_header(table.rows[0])
    for n, row in enumerate(summary.table_rows, start=1):
        cells = table.add_row().cells
        bold = row.kind != "ward"
        stt = str(n) if row.kind == "ward" else ""
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

"""Low-level python-docx formatting for the summary report: fonts, paragraphs, rules, tables, pages."""
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
BODY_PT = 14


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


def _page_numbers(section):
    """Page numbers centred at the top from page 2 (Nghị định 30/2020, Phụ lục I): the first
    page's header is a separate, empty one; later sections follow the same header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)

"""Build the report template ``bao-cao.docx`` (Nghị định 30/2020/NĐ-CP layout).

Run from anywhere:  python templates/build_template.py

Writes the same bytes to ``templates/bao-cao.docx`` (the copy clerks open and adapt)
and ``src/baocao/templates/bao-cao.docx`` (the copy shipped inside the package and used
when no ``--template`` is given). Re-running gives identical files.

The template is an ordinary Word document with Jinja2 tags (docxtpl):

* ``{{ field }}`` prints a field of the report context (escaped, never evaluated);
* a paragraph holding only ``{%p for ... %}`` / ``{%p endfor %}`` / ``{%p if ... %}``
  repeats or hides the paragraphs between the tags;
* ``{%tr ... %}`` does the same for table rows and ``{%tc ... %}`` for table cells
  (the appendix tables have one column per indicator of the task).

Every paragraph uses a named style ("BC Body", "BC Heading 1", ...), so a clerk changes
fonts, spacing or indents in one place. In tables with the "BC Data Table" style, the
renderer keeps the width of the first two columns (STT, Đơn vị) and shares the rest of
the table's width equally between the indicator columns.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Mm, Pt, RGBColor

from baocao.report.render import normalize_docx_zip

HERE = Path(__file__).resolve().parent
OUTPUTS = (HERE / "bao-cao.docx", HERE.parent / "src" / "baocao" / "templates" / "bao-cao.docx")

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# Page: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm -> 16.5 cm of text.
TEXT_WIDTH = Cm(16.5)
# Header and signature tables: left column (issuing body / recipients), right column.
LEFT_COL = Cm(7.0)
RIGHT_COL = Cm(9.5)
CELL_MARGIN = Cm(0.19)
# Appendix tables: STT and Đơn vị keep these widths; indicator columns share the rest.
# A unit's name ("Phòng Lao động - Thương binh và Xã hội") fits on a line or two.
STT_COL = Cm(1.2)
UNIT_COL = Cm(6.5)
# The submissions table: STT, Đơn vị, then "Ngày gửi" and "Tình trạng" share the rest.
SUBMISSION_UNIT_COL = Cm(8.1)


# --- low-level XML helpers ---------------------------------------------------------------


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _replace_child(parent: Any, child: Any) -> None:
    for old in parent.findall(child.tag):
        parent.remove(old)
    parent.append(child)


# Word rejects a file whose table properties are out of the schema's order.
_TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
]  # fmt: skip


def _set_tblpr(tblpr: Any, child: Any) -> None:
    """Put ``child`` into a w:tblPr in schema order, replacing one of the same kind."""
    for old in tblpr.findall(child.tag):
        tblpr.remove(old)
    later = _TBLPR_ORDER[_TBLPR_ORDER.index(child.tag.split("}")[1]) + 1 :]
    for existing in tblpr:
        if existing.tag.split("}")[1] in later:
            existing.addprevious(child)
            return
    tblpr.append(child)


def _set_fonts(rpr: Any) -> None:
    """Times New Roman for every script slot, with no theme font that could override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _bottom_border(ppr: Any, size_eighths: int = 6) -> None:
    borders = _el("w:pBdr")
    borders.append(_el("w:bottom", val="single", sz=str(size_eighths), space="1", color="000000"))
    _put_borders(ppr, borders)


def _put_borders(ppr: Any, borders: Any) -> None:
    # w:pBdr must come before w:spacing/w:ind/w:jc in CT_PPr's sequence.
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def _box(ppr: Any) -> None:
    """A thin frame around a paragraph's text (the "DỰ THẢO" mark)."""
    borders = _el("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_el(f"w:{side}", val="single", sz="8", space="2", color="000000"))
    _put_borders(ppr, borders)


# --- styles ------------------------------------------------------------------------------


def _clean_base_styles(doc: DocxDocument) -> None:
    """Times New Roman, black, Vietnamese, single spacing for the whole document's defaults."""
    styles = doc.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        if rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(rpr)
    for color in styles.iter(qn("w:color")):
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)
        color.set(qn("w:val"), "000000")

    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    rpr.find(qn("w:sz")).set(qn("w:val"), "28")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "28")
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "en-US")
    rpr.find(qn("w:sz")).addprevious(_el("w:color", val="000000"))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _replace_child(ppr, _el("w:spacing", before="0", after="0", line="240", lineRule="auto"))

    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(normal.element.get_or_add_rPr())


def _paragraph_style(
    doc: DocxDocument,
    name: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = CENTER,
    first_indent: Length | None = None,
    indent: Length | None = None,
    before: float = 0,
    after: float = 0,
    line: float = 1.0,
    keep_next: bool = False,
    page_break_before: bool = False,
) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.next_paragraph_style = style
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    fmt.page_break_before = page_break_before
    fmt.widow_control = True
    if first_indent is not None:
        fmt.first_line_indent = first_indent
    if indent is not None:
        fmt.left_indent = indent
        fmt.right_indent = indent


def _rule_style(doc: DocxDocument, name: str, *, box: int, length: int, before: float) -> None:
    """An empty, hair-thin paragraph whose bottom border draws a centred line of ``length``."""
    _paragraph_style(doc, name, size=1, before=before, indent=Cm(0))
    style = doc.styles[name]
    fmt = style.paragraph_format
    side = Emu((box - length) // 2)
    fmt.left_indent = side
    fmt.right_indent = side
    fmt.line_spacing = Pt(1)
    fmt.keep_with_next = False
    _bottom_border(style.element.get_or_add_pPr())


def _table_style(doc: DocxDocument) -> None:
    style = doc.styles.add_style("BC Data Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.quick_style = True
    tblpr = style.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = _el("w:tblPr")
        style.element.append(tblpr)
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    _set_tblpr(tblpr, borders)
    margins = _el("w:tblCellMar")
    for side, width in (("top", "40"), ("left", "85"), ("bottom", "40"), ("right", "85")):
        margins.append(_el(f"w:{side}", w=width, type="dxa"))
    _set_tblpr(tblpr, margins)


def _add_styles(doc: DocxDocument) -> None:
    p = _paragraph_style
    # Header block (national title, issuing body, number, place and date)
    # A paragraph's border spans its whole width: a narrow paragraph at the right margin
    # frames just the words.
    p(doc, "BC Draft Mark", size=13, bold=True, after=6)
    doc.styles["BC Draft Mark"].paragraph_format.left_indent = TEXT_WIDTH - Cm(3.4)
    _box(doc.styles["BC Draft Mark"].element.get_or_add_pPr())
    p(doc, "BC Parent Body", size=13)
    p(doc, "BC Issuing Body", size=13, bold=True)
    p(doc, "BC Number", size=13, before=6)
    p(doc, "BC National Title", size=12, bold=True)
    p(doc, "BC Motto", size=13, bold=True)
    p(doc, "BC Place Date", size=14, italic=True, before=6)
    box_left = LEFT_COL - 2 * CELL_MARGIN
    box_right = RIGHT_COL - 2 * CELL_MARGIN
    # Nghị định 30/2020: the line under the issuing body is 1/3-1/2 of its text, the line
    # under the motto as long as the motto (5.6 cm in 13 pt bold Times New Roman).
    _rule_style(doc, "BC Rule Issuing Body", box=box_left, length=Cm(1.8), before=2)
    _rule_style(doc, "BC Rule Motto", box=box_right, length=Cm(5.6), before=3)
    # Title block
    p(doc, "BC Title", size=14, bold=True, before=18, keep_next=True)
    p(doc, "BC Subject", size=14, bold=True, keep_next=True)
    _rule_style(doc, "BC Rule Subject", box=TEXT_WIDTH, length=Cm(3.5), before=3)
    # Body
    # Body: 14 pt, justified, first line indented 1.27 cm, 6 pt before and after, 1.15 lines.
    # A heading stays with the paragraph under it, the last paragraph with the signature.
    for name, bold, keep_next in (
        ("BC Body", False, False),
        ("BC Body Last", False, True),
        ("BC Heading 1", True, True),
        ("BC Heading 2", True, True),
    ):
        p(
            doc,
            name,
            size=14,
            bold=bold,
            align=JUSTIFY,
            first_indent=Cm(1.27),
            before=6,
            after=6,
            line=1.15,
            keep_next=keep_next,
        )
    # Signature block
    p(doc, "BC Recipients Title", size=12, bold=True, italic=True, align=LEFT)
    p(doc, "BC Recipient", size=11, align=LEFT)
    p(doc, "BC Signer", size=14, bold=True)
    p(doc, "BC Signer Name", size=14, bold=True, before=84)
    # Page number in the top margin
    p(doc, "BC Page Number", size=13)
    # Appendix
    p(doc, "BC Appendix Title", size=14, bold=True, page_break_before=True, keep_next=True)
    p(doc, "BC Appendix Heading", size=14, bold=True, keep_next=True)
    p(doc, "BC Appendix Note", size=14, italic=True, after=6, keep_next=True)
    p(
        doc,
        "BC Table Caption",
        size=13,
        bold=True,
        align=JUSTIFY,
        before=12,
        after=6,
        keep_next=True,
    )
    p(doc, "BC Appendix List", size=13, align=LEFT, before=3)
    p(doc, "BC Appendix Section", size=14, bold=True, align=LEFT, before=12, keep_next=True)
    p(doc, "BC Appendix Text", size=13, align=JUSTIFY, after=6, keep_next=True)
    p(doc, "BC Appendix Group", size=13, italic=True, align=LEFT, before=6, keep_next=True)
    p(doc, "BC Table Head", size=12, bold=True)
    p(doc, "BC Table Text", size=12, align=LEFT)
    p(doc, "BC Table Center", size=12)
    p(doc, "BC Table Number", size=12, align=RIGHT)
    p(doc, "BC Table Total", size=12, bold=True, align=RIGHT)
    _table_style(doc)


# --- document parts ----------------------------------------------------------------------


def _para(container: Any, text: str, style: str) -> Any:
    paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def _first_para(cell: Any, text: str, style: str) -> Any:
    """Use the empty paragraph every new cell has, instead of leaving it blank."""
    paragraph = cell.paragraphs[0]
    paragraph.style = cell.part.document.styles[style]
    if text:
        paragraph.add_run(text)
    return paragraph


def _fixed_table(table: Any, widths: list[int]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_tblpr(table._tbl.tblPr, _el("w:tblW", w=str(sum(widths) // 635), type="dxa"))
    for i, width in enumerate(widths):
        table.columns[i].width = width
        for cell in table.columns[i].cells:
            cell.width = width


def _borderless(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="nil"))
    _set_tblpr(tblpr, borders)


def _cell_margins(table: Any, *, top: int = 0, side: int = CELL_MARGIN) -> None:
    margins = _el("w:tblCellMar")
    for name, width in (("top", top), ("left", side), ("bottom", 0), ("right", side)):
        margins.append(_el(f"w:{name}", w=str(width // 635), type="dxa"))
    _set_tblpr(table._tbl.tblPr, margins)


def _no_split(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_el("w:cantSplit"))


def _draft_mark(doc: DocxDocument) -> None:
    """ "DỰ THẢO" above the letterhead of a draft; the paragraphs vanish from a report."""
    _para(doc, "{%p if du_thao %}", "BC Draft Mark")
    _para(doc, "{{ dau_du_thao }}", "BC Draft Mark")
    _para(doc, "{%p endif %}", "BC Draft Mark")


def _letterhead(doc: DocxDocument) -> None:
    table = doc.add_table(rows=1, cols=2)
    _fixed_table(table, [LEFT_COL, RIGHT_COL])
    _borderless(table)
    _cell_margins(table)
    _no_split(table.rows[0])
    left, right = table.rows[0].cells
    # A body with no parent (an UBND, a Sở) leaves co_quan_chu_quan empty.
    _first_para(left, "{%p if co_quan_chu_quan %}", "BC Parent Body")
    _para(left, "{{ co_quan_chu_quan }}", "BC Parent Body")
    _para(left, "{%p endif %}", "BC Parent Body")
    _para(left, "{{ co_quan_ban_hanh }}", "BC Issuing Body")
    _para(left, "", "BC Rule Issuing Body")
    # The number is usually left blank for the clerk: "Số:      /BC-PTP".
    _para(left, "Số: {{ so_ky_hieu|so_hieu }}", "BC Number")
    _first_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BC National Title")
    _para(right, "Độc lập - Tự do - Hạnh phúc", "BC Motto")
    _para(right, "", "BC Rule Motto")
    _para(right, "{{ dia_danh_ngay }}", "BC Place Date")
    for cell in (left, right):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _loop(doc: DocxDocument, items: str, text: str, style: str = "BC Body") -> None:
    _para(doc, f"{{%p for doan in {items} %}}", style)
    _para(doc, text, style)
    _para(doc, "{%p endfor %}", style)


def _body(doc: DocxDocument) -> None:
    # The letterhead table must not touch the title: Word would glue the paragraph to it.
    _para(doc, "BÁO CÁO", "BC Title")
    _para(doc, "{{ trich_yeu }}", "BC Subject")
    _para(doc, "", "BC Rule Subject")
    _para(doc, "{{ mo_dau }}", "BC Body").paragraph_format.space_before = Pt(12)

    _para(doc, "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "BC Heading 1")
    _loop(doc, "chi_dao", "{{ doan }}")

    _para(doc, "II. KẾT QUẢ THỰC HIỆN", "BC Heading 1")
    _para(doc, "{%p for nv in nhiem_vu %}", "BC Heading 2")
    _para(doc, "{{ nv.so }}. {{ nv.ten }}", "BC Heading 2")
    _loop(doc, "nv.doan", "{{ doan }}")
    _para(doc, "{%p endfor %}", "BC Body")

    _para(doc, "III. ĐÁNH GIÁ CHUNG", "BC Heading 1")
    _para(doc, "1. Ưu điểm", "BC Heading 2")
    _loop(doc, "uu_diem", "{{ doan }}")
    _para(doc, "2. Tồn tại, hạn chế", "BC Heading 2")
    _loop(doc, "ton_tai", "{{ doan }}")
    _para(doc, "3. Nguyên nhân", "BC Heading 2")
    _loop(doc, "nguyen_nhan", "{{ doan }}")

    _para(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "BC Heading 1")
    _loop(doc, "phuong_huong", "{{ doan }}")

    _para(doc, "V. ĐỀ XUẤT, KIẾN NGHỊ", "BC Heading 1")
    # The body ends with "./." (the "ket" filter adds it to the last paragraph), and its
    # last paragraph keeps to the signature block: a signature alone on a page is refused.
    _para(doc, "{%p for doan in de_xuat %}", "BC Body")
    _para(doc, "{%p if not loop.last %}", "BC Body")
    _para(doc, "{{ doan }}", "BC Body")
    _para(doc, "{%p else %}", "BC Body")
    _para(doc, "{{ doan|ket }}", "BC Body Last")
    _para(doc, "{%p endif %}", "BC Body")
    _para(doc, "{%p endfor %}", "BC Body")
    _para(doc, "{%p if not de_xuat %}", "BC Body")
    _para(doc, "./.", "BC Body Last")
    _para(doc, "{%p endif %}", "BC Body")


def _signature(doc: DocxDocument) -> None:
    table = doc.add_table(rows=1, cols=2)
    _fixed_table(table, [LEFT_COL, RIGHT_COL])
    _borderless(table)
    _cell_margins(table, top=Pt(12), side=0)  # "Nơi nhận:" flush with the body text
    _no_split(table.rows[0])
    left, right = table.rows[0].cells
    _first_para(left, "Nơi nhận:", "BC Recipients Title")
    _para(left, "{%p for nn in noi_nhan %}", "BC Recipient")
    _para(left, "- {{ nn }}", "BC Recipient")
    _para(left, "{%p endfor %}", "BC Recipient")
    _first_para(right, "{%p if nguoi_ky.quyen_han %}", "BC Signer")
    _para(right, "{{ nguoi_ky.quyen_han }}", "BC Signer")
    _para(right, "{%p endif %}", "BC Signer")
    _para(right, "{{ nguoi_ky.chuc_vu }}", "BC Signer")
    _para(right, "{{ nguoi_ky.ho_ten }}", "BC Signer Name")


def _data_table(doc: DocxDocument) -> None:
    """STT | Đơn vị | one column per indicator (a {%tc for %} loop) ... with a total row."""
    indicator = TEXT_WIDTH - STT_COL - UNIT_COL
    loop_cell = Cm(1.0)
    table = doc.add_table(rows=5, cols=5)
    table.style = doc.styles["BC Data Table"]
    _fixed_table(table, [STT_COL, UNIT_COL, loop_cell, indicator - 2 * loop_cell, loop_cell])
    head, open_rows, data, close_rows, total = table.rows
    texts = [
        (head, ["STT", "Đơn vị", "{%tc for cot in bang.cot %}", "{{ cot }}", "{%tc endfor %}"]),
        (open_rows, ["{%tr for dong in bang.dong %}", "", "", "", ""]),
        (
            data,
            [
                "{{ dong.stt }}",
                "{{ dong.don_vi }}",
                "{%tc for so in dong.so %}",
                "{{ so }}",
                "{%tc endfor %}",
            ],
        ),
        (close_rows, ["{%tr endfor %}", "", "", "", ""]),
        (total, ["Tổng cộng", "", "{%tc for so in bang.tong %}", "{{ so }}", "{%tc endfor %}"]),
    ]
    number = "BC Table Number"
    styles = {
        "head": ["BC Table Head"] * 5,
        "data": ["BC Table Center", "BC Table Text", number, number, number],
        "total": ["BC Table Head", "BC Table Head"] + ["BC Table Total"] * 3,
    }
    for row, cells in texts:
        kind = "head" if row is head else "total" if row is total else "data"
        for i, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            _first_para(cell, text, styles[kind][i])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _no_split(row)
    merged = total.cells[0].merge(total.cells[1])
    for extra in merged.paragraphs[1:]:  # merge() keeps the empty paragraph of the second cell
        extra._p.getparent().remove(extra._p)
    merged.width = STT_COL + UNIT_COL
    # Repeat the header row on every page the table runs over.
    head._tr.get_or_add_trPr().append(_el("w:tblHeader"))


def _submissions_table(doc: DocxDocument) -> None:
    """STT | Đơn vị | Ngày gửi | Tình trạng: one row per unit."""
    rest = TEXT_WIDTH - STT_COL - SUBMISSION_UNIT_COL
    table = doc.add_table(rows=4, cols=4)
    table.style = doc.styles["BC Data Table"]
    _fixed_table(table, [STT_COL, SUBMISSION_UNIT_COL, rest // 2, rest - rest // 2])
    head, open_rows, data, close_rows = table.rows
    texts = [
        (head, ["STT", "Đơn vị", "Ngày gửi báo cáo", "Tình trạng"]),
        (open_rows, ["{%tr for dong in phu_luc.nop.dong %}", "", "", ""]),
        (
            data,
            ["{{ dong.stt }}", "{{ dong.don_vi }}", "{{ dong.ngay_gui }}", "{{ dong.tinh_trang }}"],
        ),
        (close_rows, ["{%tr endfor %}", "", "", ""]),
    ]
    data_styles = ["BC Table Center", "BC Table Text", "BC Table Center", "BC Table Text"]
    for row, cells in texts:
        styles = ["BC Table Head"] * 4 if row is head else data_styles
        for cell, text, style in zip(row.cells, cells, styles, strict=True):
            _first_para(cell, text, style)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _no_split(row)
    head._tr.get_or_add_trPr().append(_el("w:tblHeader"))


def _targets_table(doc: DocxDocument) -> None:
    """STT | Nhiệm vụ, chỉ tiêu | Chỉ tiêu / Thực hiện / Tỷ lệ (and the earlier year): one
    row per task and per indicator, the value columns a {%tc for %} loop."""
    indicator = TEXT_WIDTH - STT_COL - UNIT_COL
    loop_cell = Cm(1.0)
    table = doc.add_table(rows=4, cols=5)
    table.style = doc.styles["BC Data Table"]
    _fixed_table(table, [STT_COL, UNIT_COL, loop_cell, indicator - 2 * loop_cell, loop_cell])
    head, open_rows, data, close_rows = table.rows
    texts = [
        (
            head,
            [
                "STT",
                "Nhiệm vụ, chỉ tiêu",
                "{%tc for cot in phu_luc.chi_tieu.cot %}",
                "{{ cot }}",
                "{%tc endfor %}",
            ],
        ),
        (open_rows, ["{%tr for dong in phu_luc.chi_tieu.dong %}", "", "", "", ""]),
        (
            data,
            [
                "{{ dong.stt }}",
                "{{ dong.noi_dung }}",
                "{%tc for so in dong.so %}",
                "{{ so }}",
                "{%tc endfor %}",
            ],
        ),
        (close_rows, ["{%tr endfor %}", "", "", "", ""]),
    ]
    number = "BC Table Number"
    styles = {
        "head": ["BC Table Head"] * 5,
        "data": ["BC Table Center", "BC Table Text", number, number, number],
    }
    for row, cells in texts:
        kind = "head" if row is head else "data"
        for i, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            _first_para(cell, text, styles[kind][i])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _no_split(row)
    head._tr.get_or_add_trPr().append(_el("w:tblHeader"))


def _appendix(doc: DocxDocument) -> None:
    _para(doc, "PHỤ LỤC", "BC Appendix Title")
    _para(doc, "{{ phu_luc.tieu_de }}", "BC Appendix Heading")
    _para(doc, "{{ phu_luc.phu_de }}", "BC Appendix Note")
    # With many units the per-unit figures are in a spreadsheet beside the report.
    _para(doc, "{%p if phu_luc.ghi_chu %}", "BC Appendix Text")
    _para(doc, "{{ phu_luc.ghi_chu }}", "BC Appendix Text")
    _para(doc, "{%p endif %}", "BC Appendix Text")
    _para(doc, "1. Kết quả thực hiện các nhiệm vụ", "BC Appendix Section")
    _para(doc, "{%p if phu_luc.chi_tieu %}", "BC Table Caption")
    _para(doc, "Kết quả thực hiện so với chỉ tiêu", "BC Table Caption")
    _targets_table(doc)
    _para(doc, "{%p endif %}", "BC Table Caption")
    _para(doc, "{%p for bang in phu_luc.bang %}", "BC Table Caption")
    _para(doc, "Nhiệm vụ {{ bang.so }}: {{ bang.ten }}", "BC Table Caption")
    # A task not yet due, or with nothing reported, says so instead of an empty table.
    _para(doc, "{%p if bang.ghi_chu %}", "BC Appendix Text")
    _para(doc, "{{ bang.ghi_chu }}", "BC Appendix Text")
    _para(doc, "{%p endif %}", "BC Appendix Text")
    _para(doc, "{%p if bang.dong %}", "BC Table Caption")
    _data_table(doc)
    _para(doc, "{%p endif %}", "BC Table Caption")
    _para(doc, "{%p endfor %}", "BC Table Caption")
    _para(doc, "2. Tình hình gửi báo cáo của các đơn vị", "BC Appendix Section")
    _para(doc, "{{ phu_luc.nop.tom_tat }}", "BC Appendix Text")
    _para(doc, "{%p if phu_luc.nop.dong %}", "BC Appendix Text")
    _submissions_table(doc)
    _para(doc, "{%p endif %}", "BC Appendix Text")
    # What units asked that section V does not carry: of the office itself, or of nobody
    # the report goes to.
    _para(doc, "{%p if kien_nghi %}", "BC Appendix Section")
    _para(doc, "3. Kiến nghị, đề xuất của các đơn vị", "BC Appendix Section")
    _para(doc, "{%p for nhom in kien_nghi %}", "BC Appendix Group")
    _para(doc, "{{ nhom.ten }}:", "BC Appendix Group")
    _para(doc, "{%p for muc in nhom.muc %}", "BC Appendix List")
    _para(doc, "{{ muc }}", "BC Appendix List")
    _para(doc, "{%p endfor %}", "BC Appendix List")
    _para(doc, "{%p endfor %}", "BC Appendix Group")
    _para(doc, "{%p endif %}", "BC Appendix Section")
    # The document ends on a paragraph, never on a table (Word repairs such a file).
    _para(doc, "", "BC Table Text")


def _page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.gutter = 0
    # Page numbers centred in the top margin, none on the first page.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.style = doc.styles["BC Page Number"]
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = number.add_run()
        if kind is not None:
            run._r.append(_el("w:fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instr = _el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _finish(doc: DocxDocument) -> None:
    # Keep spaces inside runs exactly as typed ("Số:      /BC-PTP").
    parts = [doc.part] + [
        rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.HEADER
    ]
    for part in parts:
        for text in part.element.iter(qn("w:t")):
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    # The stock thumbnail shows an empty page; drop it rather than mislead file browsers.
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    props = doc.core_properties
    props.title = "Báo cáo kết quả thực hiện kế hoạch"
    props.subject = ""
    props.author = ""
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.last_modified_by = ""
    props.revision = 1
    props.language = "vi-VN"
    props.created = datetime(2021, 1, 1)
    props.modified = datetime(2021, 1, 1)


def build() -> bytes:
    """The template's bytes, identical on every run."""
    doc = Document()
    _clean_base_styles(doc)
    _add_styles(doc)
    _page_setup(doc)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the stock empty first paragraph
        body.remove(paragraph)
    _draft_mark(doc)
    _letterhead(doc)
    _body(doc)
    _signature(doc)
    _appendix(doc)
    buffer = BytesIO()
    doc.save(buffer)
    return normalize_docx_zip(buffer.getvalue())


def main() -> None:
    data = build()
    for path in OUTPUTS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(HERE.parent)} ({len(data)} bytes)")


if __name__ == "__main__":
    main()

"""Rendering the report: fonts, sizes, page layout and appendix tables per Nghị định 30/2020, in XML Word accepts."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from rendering import (
    FONT,
    all_paragraphs,
    bottom_border,
    cell_texts,
    close_to,
    effective,
    effective_fonts,
    effective_format,
    effective_size,
    find,
    full_context,
    looks,
    render,
)

# --- fonts and sizes ---------------------------------------------------------------------


def test_every_run_is_times_new_roman(report_doc: Any) -> None:
    paragraphs = list(all_paragraphs(report_doc))
    section = report_doc.sections[0]
    paragraphs += section.header.paragraphs + section.first_page_header.paragraphs
    checked = 0
    for paragraph in paragraphs:
        for run in paragraph.runs:
            fonts = effective_fonts(report_doc, paragraph, run)
            assert fonts == dict.fromkeys(("ascii", "hAnsi", "cs", "eastAsia"), FONT), (
                paragraph.text
            )
            checked += 1
    assert checked > 50


def test_all_text_is_black(report_doc: Any) -> None:
    section = report_doc.sections[0]
    paragraphs = [*all_paragraphs(report_doc), *section.header.paragraphs]
    for paragraph in paragraphs:
        for run in paragraph.runs:
            assert run.font.color.theme_color is None
            colour = effective(paragraph, run, "color")
            rgb = None if colour is None else colour.rgb
            assert rgb in (None, RGBColor(0, 0, 0)), paragraph.text
    for style in {p.style.name: p.style for p in paragraphs}.values():
        assert "themeColor" not in style.element.xml, style.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UBND HUYỆN TÂN LẬP", (13, False, False)),
        ("PHÒNG TƯ PHÁP", (13, True, False)),
        ("Số:      /BC-PTP", (13, False, False)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (12, True, False)),
        ("Độc lập - Tự do - Hạnh phúc", (13, True, False)),
        ("Tân Lập, ngày 05 tháng 5 năm 2021", (14, False, True)),
        ("BÁO CÁO", (14, True, False)),
        ("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", (14, True, False)),
        ("V. ĐỀ XUẤT, KIẾN NGHỊ", (14, True, False)),
        ("1. Ưu điểm", (14, True, False)),
        ("Nơi nhận:", (12, True, True)),
        ("- Sở Tư pháp (để b/c);", (11, False, False)),
        ("- Lưu: VT, PTP.", (11, False, False)),
        ("TRƯỞNG PHÒNG", (14, True, False)),
        ("Nguyễn Thị Thu Hà", (14, True, False)),
        ("PHỤ LỤC", (14, True, False)),
        ("Tổng cộng", (12, True, False)),
    ],
)
def test_sizes_and_emphasis(report_doc: Any, text: str, expected: tuple[float, bool, bool]) -> None:
    assert looks(report_doc, text) == expected


def test_title_and_subject_centred_bold(report_doc: Any) -> None:
    for text in ("BÁO CÁO", full_context()["trich_yeu"], "Nguyễn Thị Thu Hà", "PHỤ LỤC"):
        paragraph = find(report_doc, text)
        assert effective_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER, text
    assert looks(report_doc, full_context()["trich_yeu"]) == (14, True, False)
    assert effective_format(find(report_doc, "Nơi nhận:"), "alignment") == WD_ALIGN_PARAGRAPH.LEFT


def test_lines_under_issuing_body_motto_and_subject(report_doc: Any) -> None:
    all_paras = list(all_paragraphs(report_doc))
    text_list = [p.text for p in all_paras]
    left_cell, right_cell = report_doc.tables[0].rows[0].cells

    def rule_after(text: str) -> Paragraph:
        rule = all_paras[text_list.index(text) + 1]
        assert rule.text == ""
        border = bottom_border(rule)
        assert border is not None, text
        assert border.get(qn("w:val")) == "single"
        return rule

    def rule_length(rule: Paragraph, box: int) -> int:
        left = effective_format(rule, "left_indent") or 0
        right = effective_format(rule, "right_indent") or 0
        return box - int(left) - int(right)

    margin = Cm(0.19)
    issuer = rule_after("PHÒNG TƯ PHÁP")
    # 1/3 to 1/2 of "PHÒNG TƯ PHÁP" (3.8 cm in 13 pt bold), centred.
    assert Cm(1.2) <= rule_length(issuer, left_cell.width - 2 * margin) <= Cm(1.95)
    motto = rule_after("Độc lập - Tự do - Hạnh phúc")
    # As long as the motto: 5.6 cm in 13 pt bold Times New Roman.
    assert close_to(rule_length(motto, right_cell.width - 2 * margin), Cm(5.6), Mm(2))
    subject = rule_after(full_context()["trich_yeu"])
    assert Cm(2) <= rule_length(subject, Cm(16.5)) <= Cm(5)


# --- page layout -------------------------------------------------------------------------


def test_a4_portrait_with_decree_margins(report_doc: Any) -> None:
    assert len(report_doc.sections) == 1
    section = report_doc.sections[0]
    assert close_to(section.page_width, Mm(210))
    assert close_to(section.page_height, Mm(297))
    assert close_to(section.top_margin, Mm(20))
    assert close_to(section.bottom_margin, Mm(20))
    assert close_to(section.left_margin, Mm(30))
    assert close_to(section.right_margin, Mm(15))


def test_body_paragraphs_justified_and_indented(report_doc: Any) -> None:
    context = full_context()
    body_texts = [context["mo_dau"], *context["chi_dao"], *context["phuong_huong"]]
    for text in body_texts:
        paragraph = find(report_doc, text)
        assert effective_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert close_to(effective_format(paragraph, "first_line_indent"), Cm(1.27), Mm(0.1))
        assert effective_format(paragraph, "space_before") >= Pt(6)
        assert effective_format(paragraph, "space_after") >= Pt(6)
        spacing = effective_format(paragraph, "line_spacing")
        assert isinstance(spacing, float)
        assert 1.0 <= spacing <= 1.5
        run = paragraph.runs[0]
        assert effective_size(report_doc, paragraph, run) == 14


def test_page_number_in_header_not_on_first_page(report_doc: Any) -> None:
    section = report_doc.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
    assert 'w:fldCharType="begin"' in header_xml
    number = section.header.paragraphs[0]
    assert effective_format(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    size = effective_size(report_doc, number, number.runs[0])
    assert 13 <= size <= 14
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert "PAGE" not in first._element.xml
    assert all(p.text == "" for p in first.paragraphs)
    assert section.footer.is_linked_to_previous  # no footer at all


def test_appendix_starts_on_new_page(report_doc: Any) -> None:
    assert effective_format(find(report_doc, "PHỤ LỤC"), "page_break_before")


# --- appendix tables ---------------------------------------------------------------------


def test_appendix_table_cells(report_doc: Any) -> None:
    first, second, submissions = report_doc.tables[2:]
    assert cell_texts(first) == [
        ["STT", "Đơn vị", "Buổi tuyên truyền (buổi)", "Lượt người tham dự (lượt người)"],
        ["1", "Phòng Tư pháp", "3", "450"],
        ["2", "UBND xã An Bình", "5", "325"],
        ["3", "UBND xã Hòa Thuận", "2", "130"],
        ["4", "UBND thị trấn Tân Lập", "2", "625"],
        ["Tổng cộng", "12", "1.530"],
    ]
    assert cell_texts(second)[0] == [
        "STT",
        "Đơn vị",
        "Tin, bài được biên tập (tin, bài)",
        "Lượt phát thanh (lượt)",
        "Bài đăng trên trang thông tin điện tử (bài)",
    ]
    assert cell_texts(second)[-1] == ["Tổng cộng", "46", "138", "19"]
    # The task not yet due has its note, not a table of zeros.
    assert "Tổng cộng" not in [row[0] for row in cell_texts(submissions)]
    assert cell_texts(submissions) == [
        ["STT", "Đơn vị", "Ngày gửi báo cáo", "Tình trạng"],
        ["1", "Phòng Tư pháp", "03/05/2021", "Đúng hạn"],
        ["2", "Phòng Lao động - Thương binh và Xã hội", "04/05/2021", "Đúng hạn"],
        ["3", "UBND xã Phú Mỹ", "", "Chưa gửi"],
    ]


def test_appendix_keeps_a_tables_last_row_with_its_total(report_doc: Any) -> None:
    for table in report_doc.tables[2:]:
        rows = table._tbl.findall(qn("w:tr"))
        assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        # The header goes with the first two rows; the last two rows go with the total.
        for row in (*rows[:2], *rows[-3:-1]):
            for paragraph in row.iter(qn("w:p")):
                assert paragraph.pPr is not None and paragraph.pPr.keepNext_val
        middle = rows[2].iter(qn("w:p")) if len(rows) > 5 else iter(())
        assert not any(p.pPr is not None and p.pPr.keepNext_val for p in middle)


def test_unit_names_have_room(report_doc: Any) -> None:
    for table in report_doc.tables[2:]:
        unit = table._tbl.tblGrid.findall(qn("w:gridCol"))[1]
        assert int(unit.get(qn("w:w"))) >= Cm(6.4) / 635  # twips


TARGETS_TABLE = {
    "cot": ["Chỉ tiêu năm", "Thực hiện", "Tỷ lệ đạt (%)", "Cùng kỳ năm 2020", "So với cùng kỳ"],
    "dong": [
        {"stt": "1", "noi_dung": "Đẩy mạnh công tác tuyên truyền", "so": ["", "", "", "", ""]},
        {
            "stt": "",
            "noi_dung": "- Buổi tuyên truyền (buổi)",
            "so": ["100", "128", "128", "113", "tăng 13,2%"],
        },
        {
            "stt": "",
            "noi_dung": "- Tỷ lệ xã, thị trấn tổ chức tuyên truyền (%)",
            "so": ["100", "75", "-", "-", "mới"],
        },
    ],
}


def test_targets_table_before_the_unit_tables(tmp_path: Path) -> None:
    context = full_context()
    context["phu_luc"]["chi_tieu"] = TARGETS_TABLE
    doc = Document(str(render(tmp_path / "bao-cao.docx", context)))
    table = doc.tables[2]
    assert cell_texts(table) == [
        ["STT", "Nhiệm vụ, chỉ tiêu", *TARGETS_TABLE["cot"]],
        *([row["stt"], row["noi_dung"], *row["so"]] for row in TARGETS_TABLE["dong"]),
    ]
    assert table.style.name == "BC Data Table"
    captions = [p.text for p in doc.paragraphs if p.style.name == "BC Table Caption"]
    assert captions[0] == "Kết quả thực hiện so với chỉ tiêu"
    assert cell_texts(doc.tables[3])[0][1] == "Đơn vị"  # the unit tables follow


def test_no_targets_table_without_targets(report_doc: Any) -> None:
    assert all(cell_texts(t)[0][1] != "Nhiệm vụ, chỉ tiêu" for t in report_doc.tables)
    assert "Kết quả thực hiện so với chỉ tiêu" not in [p.text for p in report_doc.paragraphs]


def test_appendix_numbers_right_aligned_total_bold(report_doc: Any) -> None:
    table = report_doc.tables[2]
    rows = table._tbl.findall(qn("w:tr"))
    for tr in rows[1:]:
        for tc in tr.findall(qn("w:tc"))[-2:]:
            paragraph = _Cell(tc, table).paragraphs[0]
            assert effective_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    total = _Cell(rows[-1].findall(qn("w:tc"))[-1], table).paragraphs[0]
    assert effective(total, total.runs[0], "bold")
    assert effective_size(report_doc, total, total.runs[0]) == 12
    # the total label spans STT and Đơn vị
    assert rows[-1].findall(qn("w:tc"))[0].grid_span == 2


def test_appendix_tables_have_borders_and_repeat_header(report_doc: Any) -> None:
    for table in report_doc.tables[2:]:
        assert table.style.name == "BC Data Table"
        borders = table.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
        sides = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
        assert sides == dict.fromkeys(
            ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
        )
        assert {child.get(qn("w:color")) for child in borders} == {"000000"}
        header_row = table._tbl.findall(qn("w:tr"))[0]
        assert header_row.trPr.find(qn("w:tblHeader")) is not None


def test_indicator_columns_share_the_width(report_doc: Any) -> None:
    # Two task tables (2 and 3 indicators), then the submissions table (2 columns).
    for table, unit, indicators in zip(
        report_doc.tables[2:], (6.5, 6.5, 8.1), (2, 3, 2), strict=True
    ):
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(grid) == 2 + indicators
        assert close_to(Length(sum(grid) * 635), Cm(16.5), Mm(1))
        assert close_to(Length(grid[0] * 635), Cm(1.2))
        assert close_to(Length(grid[1] * 635), Cm(unit))
        assert max(grid[2:]) - min(grid[2:]) <= 1
        # each cell's own width agrees with the grid, so Word and LibreOffice agree
        header = table._tbl.findall(qn("w:tr"))[0]
        widths = [int(tc.tcPr.tcW.get(qn("w:w"))) for tc in header.findall(qn("w:tc"))]
        assert widths == grid


# --- Word-valid XML ------------------------------------------------------------------------

# Child order of the property elements the template and the renderer write (ECMA-376,
# wml.xsd). LibreOffice forgives elements out of order; Word reports the file as corrupt.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish "
    "oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
    "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr "
    "trPr tcPr tblStylePr",
}


def out_of_order(xml: bytes) -> list[str]:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    problems = []
    for parent, order in SCHEMA_ORDER.items():
        rank = {name: i for i, name in enumerate(order.split())}
        for element in etree.fromstring(xml).iter(w + parent):
            # headerReference and footerReference may interleave
            names = [c.tag.replace(w, "") for c in element if c.tag.startswith(w)]
            ranks = [
                rank["headerReference"] if n == "footerReference" else rank.get(n, -1)
                for n in names
            ]
            if -1 in ranks or ranks != sorted(ranks):
                problems.append(f"{parent}: {names}")
    return problems


def test_properties_in_schema_order(rendered_report: Path) -> None:
    with zipfile.ZipFile(rendered_report) as archive:
        parts = [n for n in archive.namelist() if n.startswith(("word/document", "word/styles"))]
        parts += [n for n in archive.namelist() if n.startswith("word/header")]
        assert len(parts) == 5  # with stylesWithEffects.xml, for Word 2010
        for part in parts:
            assert out_of_order(archive.read(part)) == [], part


def test_schema_order_check_catches_a_misplaced_property() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    bad = f'<w:p {w}><w:pPr><w:jc w:val="center"/><w:spacing w:after="0"/></w:pPr></w:p>'
    assert out_of_order(bad.encode()) == ["pPr: ['jc', 'spacing']"]

"""Rendering the report: what a clerk checks before the head signs it.

Each test renders a realistic context into tmp_path and reads the result back with
python-docx: the text in order, fonts and sizes, page layout, the appendix tables.
"""

from __future__ import annotations

import copy
import errno
import importlib.util
import os
import shutil
import stat
import subprocess
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

import baocao.atomic as atomic_module
import baocao.report.pdf as pdf_module
from baocao.atomic import output_error
from baocao.errors import OutputError, TemplateError
from baocao.report.render import docx_to_pdf, make_jinja_env, render_report

REPO = Path(__file__).resolve().parents[2]
CREATED = datetime(2021, 5, 5, 8, 0)
FONT = "Times New Roman"


NOT_YET_DUE = (
    "Nhiệm vụ thực hiện trong quý II, quý III năm 2021, chưa đến thời gian triển khai trong "
    "kỳ báo cáo."
)
SUBMITTED = "Tổng số 03 đơn vị (thời hạn 05/05/2021): 02 đơn vị gửi đúng hạn; 01 đơn vị chưa gửi."


def full_context() -> dict[str, Any]:
    """Six months of the sample plan, as the aggregation stage hands it over."""
    return {
        "du_thao": False,
        "dau_du_thao": "",
        "co_quan_chu_quan": "UBND HUYỆN TÂN LẬP",
        "co_quan_ban_hanh": "PHÒNG TƯ PHÁP",
        "so_ky_hieu": "/BC-PTP",
        "dia_danh_ngay": "Tân Lập, ngày 05 tháng 5 năm 2021",
        "trich_yeu": (
            "Kết quả thực hiện Kế hoạch tuyên truyền phòng, chống tội phạm xâm hại tình dục "
            "trẻ em trên môi trường mạng xã hội 6 tháng đầu năm 2021"
        ),
        "mo_dau": (
            "Thực hiện Kế hoạch số 25/KH-PTP ngày 10/3/2021 của Phòng Tư pháp về tuyên truyền "
            "phòng, chống tội phạm xâm hại tình dục trẻ em trên môi trường mạng xã hội năm 2021, "
            "Phòng Tư pháp báo cáo kết quả thực hiện 6 tháng đầu năm 2021 (số liệu từ ngày "
            "01/01/2021 đến ngày 30/4/2021) như sau:"
        ),
        "chi_dao": [
            "Phòng Tư pháp đã tham mưu UBND huyện ban hành Công văn số 312/UBND-TP ngày "
            "24/02/2021 chỉ đạo các xã, thị trấn triển khai Kế hoạch; tổ chức 01 cuộc họp "
            "triển khai với Hội đồng phối hợp phổ biến, giáo dục pháp luật huyện.",
            "Các cơ quan, đơn vị đã chủ động lồng ghép nội dung tuyên truyền vào các buổi "
            "sinh hoạt của tổ chức đoàn thể, hội nghị tiếp xúc cử tri.",
        ],
        "nhiem_vu": [
            {
                "so": 1,
                "ten": "Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình dục "
                "trẻ em",
                "doan": [
                    "Các đơn vị đã tổ chức 12 buổi tuyên truyền với 1.530 lượt người tham dự, "
                    "tập trung tại các xã có đông học sinh.",
                ],
            },
            {
                "so": 2,
                "ten": "Hỗ trợ tài liệu cho các đối tượng thực hiện công tác phổ biến, giáo dục "
                "pháp luật",
                "doan": [
                    "Cấp phát miễn phí 320 cuốn sách pháp luật và 2.650 tờ gấp cho các xã, "
                    "thị trấn.",
                    "Tờ gấp “Bảo vệ trẻ em an toàn trên không gian mạng” được nhân dân đón nhận.",
                ],
            },
            {
                "so": 3,
                "ten": "Tuyên truyền trên Đài Phát thanh và Trang thông tin điện tử",
                "doan": [
                    "Biên tập 46 tin, bài; phát thanh 138 lượt trên hệ thống loa truyền thanh "
                    "cơ sở."
                ],
            },
        ],
        "uu_diem": [
            "Công tác tuyên truyền được triển khai kịp thời, đúng đối tượng; nội dung phong phú."
        ],
        "ton_tai": ["Một số đơn vị gửi báo cáo chậm; số liệu chưa đầy đủ."],
        "nguyen_nhan": [
            "Kinh phí dành cho công tác tuyên truyền còn hạn hẹp; cán bộ kiêm nhiệm nhiều việc."
        ],
        "phuong_huong": [
            "Tiếp tục tuyên truyền trên mạng xã hội; tổ chức hội nghị tập huấn trong quý III.",
            "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2021.",
        ],
        "de_xuat": [
            "Đề nghị Sở Tư pháp tiếp tục hỗ trợ tài liệu tuyên truyền cho các xã vùng sâu.",
            "Đề nghị UBND huyện bố trí kinh phí cho hoạt động tuyên truyền năm 2022.",
        ],
        "noi_nhan": [
            "UBND huyện (để b/c);",
            "Sở Tư pháp (để b/c);",
            "Các cơ quan, đơn vị có liên quan;",
            "Lưu: VT, PTP.",
        ],
        "nguoi_ky": {"quyen_han": "", "chuc_vu": "TRƯỞNG PHÒNG", "ho_ten": "Nguyễn Thị Thu Hà"},
        "phu_luc": {
            "tieu_de": "SỐ LIỆU KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2021",
            "phu_de": "(Kèm theo Báo cáo số      /BC-PTP ngày 05/05/2021 của Phòng Tư pháp)",
            "ghi_chu": "",
            "tep_so_lieu": "",
            "chi_tieu": None,
            "bang": [
                {
                    "so": 1,
                    "ten": "Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình "
                    "dục trẻ em",
                    "cot": ["Buổi tuyên truyền (buổi)", "Lượt người tham dự (lượt người)"],
                    "dong": [
                        {"stt": "1", "don_vi": "Phòng Tư pháp", "so": ["3", "450"]},
                        {"stt": "2", "don_vi": "UBND xã An Bình", "so": ["5", "325"]},
                        {"stt": "3", "don_vi": "UBND xã Hòa Thuận", "so": ["2", "130"]},
                        {"stt": "4", "don_vi": "UBND thị trấn Tân Lập", "so": ["2", "625"]},
                    ],
                    "tong": ["12", "1.530"],
                    "ghi_chu": "",
                },
                {
                    "so": 3,
                    "ten": "Tuyên truyền trên Đài Phát thanh và Trang thông tin điện tử",
                    "cot": [
                        "Tin, bài được biên tập (tin, bài)",
                        "Lượt phát thanh (lượt)",
                        "Bài đăng trên trang thông tin điện tử (bài)",
                    ],
                    "dong": [
                        {"stt": "1", "don_vi": "Phòng Tư pháp", "so": ["20", "0", "14"]},
                        {"stt": "2", "don_vi": "UBND xã An Bình", "so": ["16", "98", "3"]},
                        {"stt": "3", "don_vi": "UBND thị trấn Tân Lập", "so": ["10", "40", "2"]},
                    ],
                    "tong": ["46", "138", "19"],
                    "ghi_chu": "",
                },
                {
                    "so": 5,
                    "ten": "Tổ chức tập huấn, bồi dưỡng cho chủ thể thực hiện công tác phổ biến, "
                    "giáo dục pháp luật",
                    "cot": [
                        "Hội nghị tập huấn (hội nghị)",
                        "Lượt người được tập huấn (lượt người)",
                    ],
                    "dong": [],
                    "tong": ["0", "0"],
                    "ghi_chu": NOT_YET_DUE,
                },
            ],
            "nop": {
                "tom_tat": SUBMITTED,
                "dong": [
                    {
                        "stt": "1",
                        "don_vi": "Phòng Tư pháp",
                        "ngay_gui": "03/05/2021",
                        "tinh_trang": "Đúng hạn",
                    },
                    {
                        "stt": "2",
                        "don_vi": "Phòng Lao động - Thương binh và Xã hội",
                        "ngay_gui": "04/05/2021",
                        "tinh_trang": "Đúng hạn",
                    },
                    {
                        "stt": "3",
                        "don_vi": "UBND xã Phú Mỹ",
                        "ngay_gui": "",
                        "tinh_trang": "Chưa gửi",
                    },
                ],
            },
            "chua_bao_cao": ["UBND xã Phú Mỹ"],
        },
        "kien_nghi": [
            {
                "ten": "Đối với Phòng Tư pháp",
                "muc": [
                    "- Đề nghị Phòng Tư pháp cử báo cáo viên pháp luật tham gia các buổi ngoại "
                    "khóa tại trường học (Phòng Giáo dục và Đào tạo)."
                ],
            }
        ],
    }


def empty_context() -> dict[str, Any]:
    """Every list empty: nothing reported yet."""
    context = full_context()
    for key in ("chi_dao", "nhiem_vu", "uu_diem", "ton_tai", "nguyen_nhan", "phuong_huong"):
        context[key] = []
    context["de_xuat"] = []
    context["noi_nhan"] = []
    context["phu_luc"]["bang"] = []
    context["phu_luc"]["nop"]["dong"] = []
    context["phu_luc"]["chua_bao_cao"] = []
    context["kien_nghi"] = []
    return context


# --- helpers -----------------------------------------------------------------------------


def render(path: Path, context: dict[str, Any] | None = None, **kwargs: Any) -> Path:
    render_report(
        full_context() if context is None else context,
        path,
        title=kwargs.pop("title", "Báo cáo 6 tháng đầu năm 2021"),
        author=kwargs.pop("author", "Phòng Tư pháp"),
        created=kwargs.pop("created", CREATED),
        **kwargs,
    )
    return path


@pytest.fixture(scope="module")
def rendered_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full context rendered once with the packaged template."""
    return render(tmp_path_factory.mktemp("report") / "bao-cao.docx")


@pytest.fixture(scope="module")
def report_doc(rendered_report: Path) -> Any:
    return Document(str(rendered_report))


def all_paragraphs(doc: Any) -> Iterator[Paragraph]:
    """Body paragraphs in document order, table cells included (each merged cell once)."""
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        else:
            yield from table_paragraphs(block)


def table_paragraphs(table: Table) -> Iterator[Paragraph]:
    for tc in table._tbl.iter(qn("w:tc")):
        cell = _Cell(tc, table)
        yield from cell.paragraphs


def texts(doc: Any) -> list[str]:
    return [p.text for p in all_paragraphs(doc)]


def find(doc: Any, text: str) -> Paragraph:
    matches = [p for p in all_paragraphs(doc) if p.text == text]
    assert matches, f"no paragraph {text!r}"
    return matches[0]


def assert_in_order(haystack: list[str], needles: list[str]) -> None:
    position = 0
    for needle in needles:
        assert needle in haystack[position:], f"{needle!r} missing after index {position}"
        position = haystack.index(needle, position) + 1


def style_chain(paragraph: Paragraph) -> Iterator[Any]:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def effective(paragraph: Paragraph, run: Any, attribute: str) -> Any:
    """A run's font attribute as Word resolves it: run, then paragraph style and its bases."""
    value = getattr(run.font, attribute)
    if value is not None:
        return value
    for style in style_chain(paragraph):
        value = getattr(style.font, attribute)
        if value is not None:
            return value
    return None


def effective_size(doc: Any, paragraph: Paragraph, run: Any) -> float:
    size = effective(paragraph, run, "size")
    if size is None:
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        half_points = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        return int(half_points.get(qn("w:val"))) / 2
    return float(size.pt)


def effective_format(paragraph: Paragraph, attribute: str) -> Any:
    value = getattr(paragraph.paragraph_format, attribute)
    if value is not None:
        return value
    for style in style_chain(paragraph):
        value = getattr(style.paragraph_format, attribute)
        if value is not None:
            return value
    return None


def effective_fonts(doc: Any, paragraph: Paragraph, run: Any) -> dict[str, str]:
    """The font of each script slot; a theme font wins over a named one at the same level."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    levels = [run._r.rPr]
    levels += [style.element.rPr for style in style_chain(paragraph)]
    levels.append(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    slots: dict[str, str] = {}
    for rpr in levels:
        fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
        if fonts is None:
            continue
        for slot, theme in (
            ("ascii", "asciiTheme"),
            ("hAnsi", "hAnsiTheme"),
            ("cs", "cstheme"),
            ("eastAsia", "eastAsiaTheme"),
        ):
            if slot in slots:
                continue
            if fonts.get(qn(f"w:{theme}")):
                slots[slot] = "theme " + fonts.get(qn(f"w:{theme}"))
            elif fonts.get(qn(f"w:{slot}")):
                slots[slot] = fonts.get(qn(f"w:{slot}"))
    return slots


def looks(doc: Any, text: str) -> tuple[float, bool, bool]:
    """(size in pt, bold, italic) of the paragraph with this exact text."""
    paragraph = find(doc, text)
    run = paragraph.runs[0]
    return (
        effective_size(doc, paragraph, run),
        bool(effective(paragraph, run, "bold")),
        bool(effective(paragraph, run, "italic")),
    )


def bottom_border(paragraph: Paragraph) -> Any:
    for style in [paragraph, *style_chain(paragraph)]:
        element = style._p if isinstance(style, Paragraph) else style.element
        ppr = element.pPr
        if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
            return ppr.find(qn("w:pBdr")).find(qn("w:bottom"))
    return None


def cell_texts(table: Table) -> list[list[str]]:
    return [
        ["\n".join(p.text for p in _Cell(tc, table).paragraphs) for tc in tr.findall(qn("w:tc"))]
        for tr in table._tbl.findall(qn("w:tr"))
    ]


HALF_MM = Mm(0.5)


def close_to(length: Length | int, expected: Length, tolerance: Length = HALF_MM) -> bool:
    return abs(int(length) - int(expected)) <= int(tolerance)


def edited_template(tmp_path: Path, paragraph_text: str) -> Path:
    """A copy of the packaged template with one paragraph added to the body."""
    source = files("baocao").joinpath("templates", "bao-cao.docx")
    template = tmp_path / "mau-sua.docx"
    template.write_bytes(source.read_bytes())
    doc = Document(str(template))
    find(doc, "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI").insert_paragraph_before(
        paragraph_text, style="BC Body"
    )
    doc.save(str(template))
    return template


# --- content in order --------------------------------------------------------------------


def test_letterhead_cells(report_doc: Any) -> None:
    letterhead = report_doc.tables[0]
    assert cell_texts(letterhead) == [
        [
            "UBND HUYỆN TÂN LẬP\nPHÒNG TƯ PHÁP\n\nSố:      /BC-PTP",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "Tân Lập, ngày 05 tháng 5 năm 2021",
        ]
    ]


def test_issuer_without_parent_body(tmp_path: Path) -> None:
    context = full_context()
    context["co_quan_chu_quan"] = ""
    context["co_quan_ban_hanh"] = "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    context["so_ky_hieu"] = "/BC-UBND"
    doc = Document(str(render(tmp_path / "xa.docx", context)))
    left = cell_texts(doc.tables[0])[0][0]
    assert left == "ỦY BAN NHÂN DÂN XÃ AN BÌNH\n\nSố:      /BC-UBND"


def test_report_reads_in_order(report_doc: Any) -> None:
    context = full_context()
    assert_in_order(
        texts(report_doc),
        [
            "UBND HUYỆN TÂN LẬP",
            "PHÒNG TƯ PHÁP",
            "Số:      /BC-PTP",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Tân Lập, ngày 05 tháng 5 năm 2021",
            "BÁO CÁO",
            context["trich_yeu"],
            context["mo_dau"],
            "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
            *context["chi_dao"],
            "II. KẾT QUẢ THỰC HIỆN",
            "1. Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em",
            context["nhiem_vu"][0]["doan"][0],
            "2. Hỗ trợ tài liệu cho các đối tượng thực hiện công tác phổ biến, giáo dục pháp luật",
            *context["nhiem_vu"][1]["doan"],
            "3. Tuyên truyền trên Đài Phát thanh và Trang thông tin điện tử",
            "III. ĐÁNH GIÁ CHUNG",
            "1. Ưu điểm",
            *context["uu_diem"],
            "2. Tồn tại, hạn chế",
            *context["ton_tai"],
            "3. Nguyên nhân",
            *context["nguyen_nhan"],
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            *context["phuong_huong"],
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            context["de_xuat"][0],
            "Đề nghị UBND huyện bố trí kinh phí cho hoạt động tuyên truyền năm 2022./.",
            "Nơi nhận:",
            "- UBND huyện (để b/c);",
            "- Sở Tư pháp (để b/c);",
            "- Các cơ quan, đơn vị có liên quan;",
            "- Lưu: VT, PTP.",
            "TRƯỞNG PHÒNG",
            "Nguyễn Thị Thu Hà",
            "PHỤ LỤC",
            "SỐ LIỆU KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2021",
            "(Kèm theo Báo cáo số      /BC-PTP ngày 05/05/2021 của Phòng Tư pháp)",
            "1. Kết quả thực hiện các nhiệm vụ",
            "Nhiệm vụ 1: Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình "
            "dục trẻ em",
            "Nhiệm vụ 3: Tuyên truyền trên Đài Phát thanh và Trang thông tin điện tử",
            "Nhiệm vụ 5: Tổ chức tập huấn, bồi dưỡng cho chủ thể thực hiện công tác phổ biến, "
            "giáo dục pháp luật",
            NOT_YET_DUE,
            "2. Tình hình gửi báo cáo của các đơn vị",
            SUBMITTED,
        ],
    )


def test_no_template_tags_left(report_doc: Any) -> None:
    leftovers = [t for t in texts(report_doc) if "{{" in t or "{%" in t or "}}" in t]
    assert leftovers == []


def test_body_ends_with_closing_mark_before_signature(report_doc: Any) -> None:
    body = [p.text for p in report_doc.paragraphs if p.text.strip()]
    last_body = body[body.index("PHỤ LỤC") - 1]
    assert last_body.endswith("năm 2022./.")
    assert sum(text.count("./.") for text in texts(report_doc)) == 1


def test_last_body_paragraph_keeps_to_the_signature(report_doc: Any) -> None:
    last = find(
        report_doc, "Đề nghị UBND huyện bố trí kinh phí cho hoạt động tuyên truyền năm 2022./."
    )
    assert effective_format(last, "keep_with_next")
    others = [find(report_doc, text) for text in full_context()["de_xuat"][:-1]]
    assert not any(effective_format(p, "keep_with_next") for p in others)
    assert effective_format(last, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert signature_rows_cannot_split(report_doc)


def signature_rows_cannot_split(doc: Any) -> bool:
    row = doc.tables[1]._tbl.findall(qn("w:tr"))[0]
    return row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None


def test_signer_with_delegated_authority(tmp_path: Path) -> None:
    context = full_context()
    context["nguoi_ky"] = {
        "quyen_han": "KT. TRƯỞNG PHÒNG",
        "chuc_vu": "PHÓ TRƯỞNG PHÒNG",
        "ho_ten": "Trần Văn Bình",
    }
    doc = Document(str(render(tmp_path / "kt.docx", context)))
    signature = cell_texts(doc.tables[1])[0][1].split("\n")
    assert signature == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Trần Văn Bình"]
    assert looks(doc, "KT. TRƯỞNG PHÒNG") == (14, True, False)


def test_signer_without_authority_line_has_no_empty_paragraph(report_doc: Any) -> None:
    signature = cell_texts(report_doc.tables[1])[0][1].split("\n")
    assert signature == ["TRƯỞNG PHÒNG", "Nguyễn Thị Thu Hà"]


def test_document_number_filled_in(tmp_path: Path) -> None:
    context = full_context()
    context["so_ky_hieu"] = "05/BC-PTP"
    doc = Document(str(render(tmp_path / "so.docx", context)))
    assert "Số: 05/BC-PTP" in texts(doc)


def test_empty_lists_render(tmp_path: Path) -> None:
    doc = Document(str(render(tmp_path / "rong.docx", empty_context())))
    all_text = texts(doc)
    assert_in_order(
        all_text,
        [
            "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
            "II. KẾT QUẢ THỰC HIỆN",
            "III. ĐÁNH GIÁ CHUNG",
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            "./.",
            "Nơi nhận:",
            "TRƯỞNG PHÒNG",
            "PHỤ LỤC",
            "2. Tình hình gửi báo cáo của các đơn vị",
            SUBMITTED,
        ],
    )
    assert len(doc.tables) == 2  # letterhead and signature, no appendix tables
    # Word refuses a table cell without a paragraph.
    for table in doc.tables:
        for tc in table._tbl.iter(qn("w:tc")):
            assert tc.findall(qn("w:p"))


# --- escaping and data safety ------------------------------------------------------------

TRICKY = "A & B <c> \"q\" {{ 7*7 }} {% for x in y %} </w:t> {_{ x }_} {_% y %_} 's'"


def test_text_is_printed_literally(tmp_path: Path) -> None:
    context = full_context()
    context["chi_dao"] = [TRICKY]
    context["nguoi_ky"]["ho_ten"] = "Lê Thị <Hoa> & Cộng sự"
    context["phu_luc"]["bang"][0]["dong"][0]["don_vi"] = "Tổ hòa giải <ấp 1> & 2"
    doc = Document(str(render(tmp_path / "escape.docx", context)))
    all_text = texts(doc)
    assert TRICKY in all_text
    assert "Lê Thị <Hoa> & Cộng sự" in all_text
    assert "Tổ hòa giải <ấp 1> & 2" in all_text


def test_none_value_is_an_error_not_the_word_none(tmp_path: Path) -> None:
    context = full_context()
    context["trich_yeu"] = None
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "none.docx", context)
    assert info.value.problems[0].code == "E307"


def test_sandbox_blocks_python_internals() -> None:
    env = make_jinja_env()
    with pytest.raises(Exception, match="unsafe"):
        env.from_string("{{ ''.__class__.__mro__ }}").render()


def test_env_filters() -> None:
    env = make_jinja_env()
    template = env.from_string(
        "{{ n|so }} | {{ x|so }} | {{ c|so2 }} | {{ d|ngay }} | {{ t|ket }} | {{ s|so_hieu }}"
    )
    out = template.render(
        n=26529, x=12116.71, c=3, d=datetime(2021, 2, 24).date(), t="Không có.", s="/BC-PTP"
    )
    assert out == "26.529 | 12.116,71 | 03 | 24/02/2021 | Không có./. |      /BC-PTP"
    assert env.from_string("{{ p|phan_tram }}").render(p=87.46) == "87,4%"


# --- template errors ---------------------------------------------------------------------


def test_unknown_field_names_the_field(tmp_path: Path) -> None:
    template = edited_template(tmp_path, "Tổng số: {{ khong_ton_tai }}")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    problem = info.value.problems[0]
    assert problem.code == "E302"
    assert problem.file == str(template)
    assert "khong_ton_tai" in problem.message("vi")
    assert "khong_ton_tai" in problem.message("en")
    assert not (tmp_path / "out.docx").exists()


def test_missing_nested_key_names_it(tmp_path: Path) -> None:
    context = full_context()
    del context["nguoi_ky"]["ho_ten"]
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", context)
    assert info.value.problems[0].code == "E302"
    assert info.value.problems[0].params["field"] == "ho_ten"


def test_missing_list_is_an_error(tmp_path: Path) -> None:
    context = full_context()
    del context["ton_tai"]
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", context)
    assert info.value.problems[0].params["field"] == "ton_tai"


def test_jinja_syntax_error_quotes_the_paragraph(tmp_path: Path) -> None:
    template = edited_template(tmp_path, "Danh sách: {% for x in %}{{ x }}{% endfor %}")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    problem = info.value.problems[0]
    assert problem.code == "E303"
    assert "Danh sách: {% for x in %}" in problem.message("vi")


def test_unclosed_tag_is_an_error_not_missing_text(tmp_path: Path) -> None:
    # docxtpl would join it with the following paragraphs and drop them silently.
    template = edited_template(tmp_path, "Số liệu: {{ trich_yeu ")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    problem = info.value.problems[0]
    assert problem.code == "E308"
    assert problem.message("vi") == (
        "thẻ '{{' chưa được đóng bằng '}}' trong cùng đoạn: «Số liệu: {{ trich_yeu»"
    )


def test_wrong_filter_input_is_a_template_error(tmp_path: Path) -> None:
    template = edited_template(tmp_path, "{{ trich_yeu|so }}")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    assert info.value.problems[0].code == "E304"


def test_text_file_as_template(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    template.write_text("Đây không phải tệp Word", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    assert info.value.problems[0].code == "E301"
    assert info.value.problems[0].file == str(template)


def test_zip_that_is_not_a_docx_as_template(tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    with zipfile.ZipFile(template, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=template)
    assert info.value.problems[0].code == "E301"


def test_missing_template(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "out.docx", template=tmp_path / "khong-co.docx")
    assert info.value.problems[0].code == "E305"


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


# --- core properties and determinism -----------------------------------------------------


def test_core_properties_from_arguments(report_doc: Any) -> None:
    props = report_doc.core_properties
    assert props.title == "Báo cáo 6 tháng đầu năm 2021"
    assert props.author == "Phòng Tư pháp"
    assert props.last_modified_by == "Phòng Tư pháp"
    assert props.created == CREATED.replace(tzinfo=UTC)  # a naive time is taken as UTC
    assert props.modified == CREATED.replace(tzinfo=UTC)
    assert props.revision == 1


def test_aware_created_time_is_stored_in_utc(tmp_path: Path) -> None:
    hanoi = timezone(timedelta(hours=7))
    doc = Document(
        str(render(tmp_path / "tz.docx", created=datetime(2021, 5, 5, 15, 0, tzinfo=hanoi)))
    )
    assert doc.core_properties.created == datetime(2021, 5, 5, 8, 0, tzinfo=UTC)


def test_same_inputs_same_bytes_whatever_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    morning = render(tmp_path / "sang.docx").read_bytes()
    real_localtime = time.localtime
    evening = time.time() + 9 * 3600 + 1234
    monkeypatch.setattr(time, "localtime", lambda *_: real_localtime(evening))
    monkeypatch.setattr(time, "time", lambda: evening)
    later = render(tmp_path / "chieu.docx").read_bytes()
    assert later == morning
    with zipfile.ZipFile(tmp_path / "chieu.docx") as archive:
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"


def test_different_data_different_bytes(tmp_path: Path) -> None:
    context = full_context()
    context["nguoi_ky"]["ho_ten"] = "Trần Văn Bình"
    assert (
        render(tmp_path / "a.docx").read_bytes()
        != render(tmp_path / "b.docx", context).read_bytes()
    )


# --- writing safely ----------------------------------------------------------------------


def write_previous(tmp_path: Path) -> tuple[Path, bytes]:
    output = tmp_path / "bao-cao.docx"
    output.write_bytes(b"the report signed last time")
    return output, output.read_bytes()


def test_failure_while_saving_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, before = write_previous(tmp_path)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "fsync", disk_full)
    with pytest.raises(OutputError) as info:
        render(output)
    assert info.value.problems[0].code == "E403"
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_interrupted_rename_keeps_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, before = write_previous(tmp_path)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render(output)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_template_error_keeps_previous_file(tmp_path: Path) -> None:
    output, before = write_previous(tmp_path)
    context = full_context()
    del context["mo_dau"]
    with pytest.raises(TemplateError):
        render(output, context)
    assert output.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_output_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        render(tmp_path)
    assert info.value.problems[0].code == "E402"


def test_output_folder_missing(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        render(tmp_path / "chua-tao" / "bao-cao.docx")
    assert info.value.problems[0].code == "E406"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_output_folder_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(OutputError) as info:
            render(folder / "bao-cao.docx")
        assert info.value.problems[0].code == "E407"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_permission_denied_names_the_likely_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output, before = write_previous(tmp_path)
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(atomic_module.os, "open", refuse)
    with pytest.raises(OutputError) as info:
        render(output)
    assert info.value.problems[0].code == "E407"
    assert "Word" in info.value.problems[0].message("vi")
    assert output.read_bytes() == before


def test_output_error_codes_for_os_errors(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    cases = {
        errno.ENOSPC: "E403",
        errno.EACCES: "E407",
        errno.EROFS: "E407",
        errno.ENOENT: "E406",
        errno.EIO: "E401",
    }
    for code, expected in cases.items():
        error = output_error(OSError(code, os.strerror(code)), target)
        assert error.problems[0].code == expected, code


# --- the template file itself ------------------------------------------------------------


def load_builder() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_template", REPO / "templates" / "build_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (REPO / "templates").is_dir(), reason="needs the source tree")
def test_committed_templates_match_the_builder() -> None:
    built = load_builder().build()
    assert (REPO / "templates" / "bao-cao.docx").read_bytes() == built
    assert files("baocao").joinpath("templates", "bao-cao.docx").read_bytes() == built


def test_template_defines_named_styles() -> None:
    doc = Document(str(files("baocao").joinpath("templates", "bao-cao.docx")))
    names = {style.name for style in doc.styles}
    for name in ("BC Body", "BC Heading 1", "BC Heading 2", "BC Recipient", "BC Data Table"):
        assert name in names
    used = {p.style.name for p in all_paragraphs(doc)}
    assert all(name.startswith("BC ") for name in used), used


# --- PDF ---------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_pdf_through_libreoffice(rendered_report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    docx_to_pdf(rendered_report, pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
        pages = int(line.split()[1])
    else:
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages >= 2
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: page count checked, text not")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND xã Hòa Thuận" in text
    assert "Nguyễn Thị Thu Hà" in text
    first_page = text.split("\f")[0]
    second_page = text.split("\f")[1]
    assert second_page.strip().startswith("2")  # page number on page 2
    assert not first_page.strip().startswith("1")  # none on page 1


def test_pdf_without_libreoffice(
    rendered_report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module.shutil, "which", lambda _: None)
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, tmp_path / "bao-cao.pdf")
    assert info.value.problems[0].code == "E404"
    assert "LibreOffice" in info.value.problems[0].message("vi")


def test_pdf_with_a_missing_converter_path(rendered_report: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, tmp_path / "x.pdf", soffice=str(tmp_path / "khong-co"))
    assert info.value.problems[0].code == "E404"


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake converter")
def test_pdf_conversion_failure_keeps_previous_pdf(rendered_report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(b"%PDF old")
    exe = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, pdf, soffice=exe)
    assert info.value.problems[0].code == "E405"
    assert "could not be loaded" in info.value.problems[0].message("en")
    assert pdf.read_bytes() == b"%PDF old"


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake converter")
def test_pdf_conversion_timeout(rendered_report: Path, tmp_path: Path) -> None:
    exe = fake_soffice(tmp_path, "sleep 30")
    started = time.monotonic()
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, tmp_path / "x.pdf", soffice=exe, timeout=0.5)
    assert info.value.problems[0].code == "E408"
    assert time.monotonic() - started < 10
    assert not (tmp_path / "x.pdf").exists()


def test_render_does_not_touch_its_context(tmp_path: Path) -> None:
    context = full_context()
    snapshot = copy.deepcopy(context)
    render(tmp_path / "a.docx", context)
    assert context == snapshot


def test_created_argument_is_required() -> None:
    with pytest.raises(TypeError):
        render_report(full_context(), Path("x.docx"), title="t", author="a")  # type: ignore[call-arg]


def test_utc_created_time_is_kept(tmp_path: Path) -> None:
    created = datetime(2021, 5, 5, 1, 30, tzinfo=UTC)
    doc = Document(str(render(tmp_path / "utc.docx", created=created)))
    assert doc.core_properties.created == created


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

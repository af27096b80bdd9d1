"""Rendering helpers: a realistic context, and reading a rendered report back as a clerk
checks it (text in order, effective fonts and sizes, borders, table cells)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from baocao.report.render import render_report

REPO = Path(__file__).resolve().parents[1]
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
        "ky": "6m",
        "ten_ky": "6 tháng đầu năm 2021",
        "nam": 2021,
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
                    "ma": "NV1",
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
                    "ma": "NV3",
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
                    "ma": "NV5",
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

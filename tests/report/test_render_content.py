"""Rendering the report: the text a clerk reads, in order, with the letterhead, signer and empty sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from rendering import (
    NOT_YET_DUE,
    SUBMITTED,
    assert_in_order,
    cell_texts,
    effective_format,
    empty_context,
    find,
    full_context,
    looks,
    render,
    texts,
)

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

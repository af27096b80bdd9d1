"""Plan documents in .docx form, made with python-docx the way Word users lay them out."""

from __future__ import annotations

from pathlib import Path

import docx

TABLE_HEADER = ("STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm")

# (STT, content paragraphs, lead, partners, time, product); a str is a group row
# merged across the whole table.
TABLE_ROWS: list[str | tuple[str, list[str], str, str, str, str]] = [
    "I. Tuyên truyền trực tiếp",
    (
        "1",
        ["Tổ chức hội nghị tập huấn cho báo cáo viên", "Kỹ năng tuyên truyền trên mạng xã hội."],
        "Phòng Văn hóa và Thông tin",
        "Phòng Tư pháp; UBND các xã",
        "Quý I/2024",
        "02 hội nghị tập huấn",
    ),
    (
        "2",
        ["Phát hành sách hỏi đáp pháp luật"],
        "Phòng Văn hóa và Thông tin",
        "",
        "tháng 6/2024",
        "500 cuốn sách",
    ),
    "II. Tuyên truyền trên phương tiện thông tin đại chúng",
    (
        "3",
        ["Đăng tin, bài trên Trang thông tin điện tử huyện"],
        "Đài Truyền thanh huyện",
        "Phòng Văn hóa và Thông tin",
        "thường xuyên",
        "tin, bài được đăng",
    ),
    (
        "4",
        ["Tổng kết công tác tuyên truyền năm 2024"],
        "Phòng Văn hóa và Thông tin",
        "",
        "trước ngày 15/12/2024",
        "báo cáo tổng kết",
    ),
]


def _letterhead(document: docx.document.Document) -> None:
    table = document.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    left.text = "UBND HUYỆN AN PHÚ"
    left.add_paragraph("PHÒNG VĂN HÓA VÀ THÔNG TIN")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    table.rows[1].cells[0].text = "Số: 08/KH-VHTT"
    table.rows[1].cells[1].text = "An Phú, ngày 05 tháng 01 năm 2024"


def make_table_plan(path: Path) -> Path:
    """A plan whose tasks are a table, with a letterhead table and Word list numbering."""
    document = docx.Document()
    _letterhead(document)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tuyên truyền pháp luật trên địa bàn huyện năm 2024")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Nâng cao hiểu biết pháp luật của Nhân dân.", style="List Number")
    document.add_paragraph("Bảo đảm thiết thực, tiết kiệm.", style="List Number")
    document.add_paragraph("II. NỘI DUNG THỰC HIỆN")
    document.add_paragraph("Các nhiệm vụ cụ thể như sau:")
    table = document.add_table(rows=1, cols=len(TABLE_HEADER))
    for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        cell.text = text
    for row in TABLE_ROWS:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = row
            continue
        stt, content, *fields = row
        cells[0].text = stt
        cells[1].text = content[0]
        for extra in content[1:]:
            cells[1].add_paragraph(extra)
        for cell, text in zip(cells[2:], fields, strict=True):
            cell.text = text
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph(
        "Các đơn vị báo cáo kết quả 6 tháng (trước ngày 15/6) và năm (trước ngày 05/12) "
        "về Phòng Văn hóa và Thông tin./."
    )
    document.save(str(path))
    return path


def make_numbered_plan(path: Path) -> Path:
    """A plan typed with Word's automatic numbering and bullets: no number is in the text."""
    document = docx.Document()
    document.add_paragraph("I. MỤC ĐÍCH")
    document.add_paragraph("Phổ biến kịp thời các luật mới.", style="List Bullet")
    document.add_paragraph("II. NHIỆM VỤ")
    document.add_paragraph("Tổ chức cuộc thi tìm hiểu pháp luật trực tuyến", style="List Number")
    for line in ("Chủ trì: Phòng Tư pháp;", "Thời gian: tháng 9/2026;", "Sản phẩm: cuộc thi."):
        document.add_paragraph(line, style="List Bullet")
    document.add_paragraph("Kiểm tra việc thực hiện", style="List Number")
    for line in ("Chủ trì: Phòng Tư pháp;", "Thời gian: quý IV/2026;", "Sản phẩm: kết luận."):
        document.add_paragraph(line, style="List Bullet")
    document.save(str(path))
    return path

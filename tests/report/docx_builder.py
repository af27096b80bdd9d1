"""A minimal report .docx written by hand, laid out like a Nghị định 30 report: header table,
BÁO CÁO and subject, body, signature table with Nơi nhận, page break, appendix with a table.

``CLEAN`` is a report a Trưởng phòng would sign; tests change one part of it to plant one
problem."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PAGE = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/></w:sectPr>'
)


@dataclass(frozen=True)
class Report:
    """The text of each part; lines of a cell are separate paragraphs."""

    issuer: tuple[str, ...] = ("UBND HUYỆN TÂN LẬP", "PHÒNG TƯ PHÁP", "", "Số:      /BC-PTP")
    nation: tuple[str, ...] = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Tân Lập, ngày 05 tháng 5 năm 2021",
    )
    title: tuple[str, ...] = (
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch tuyên truyền pháp luật 6 tháng đầu năm 2021",
        "",
    )
    body: tuple[str, ...] = ()
    recipients: tuple[str, ...] = (
        "Nơi nhận:",
        "- UBND huyện (để b/c);",
        "- Sở Tư pháp (để b/c);",
        "- Lưu: VT, PTP.",
    )
    signer: tuple[str, ...] = ("TRƯỞNG PHÒNG", "", "", "Nguyễn Thị Thu Hà")
    appendix: tuple[str, ...] = (
        "PHỤ LỤC",
        "SỐ LIỆU KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2021",
        "(Kèm theo Báo cáo số      /BC-PTP của Phòng Tư pháp)",
    )
    table: tuple[tuple[str, ...], ...] = field(
        default=(
            ("STT", "Đơn vị", "Buổi tuyên truyền (buổi)"),
            ("1", "Phòng Tư pháp", "3"),
            ("2", "UBND xã An Bình", "2"),
            ("Tổng cộng", "", "5"),
        )
    )

    def but(self, **changes: object) -> Report:
        """This report with some parts replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def dated(self, line: str) -> Report:
        """This report with another place-and-date line."""
        return replace(self, nation=(*self.nation[:-1], line))

    def with_body(self, *lines: str, at: int | None = None) -> Report:
        """This report with ``lines`` added to the body (before ``at``, or before the last)."""
        position = len(self.body) - 1 if at is None else at
        body = (*self.body[:position], *lines, *self.body[position:])
        return replace(self, body=body)


CLEAN_BODY = (
    "Thực hiện Kế hoạch số 25/KH-PTP ngày 10/3/2021 của Phòng Tư pháp, Phòng Tư pháp báo cáo "
    "kết quả thực hiện 6 tháng đầu năm 2021 (số liệu tính từ ngày 01/01/2021 đến ngày "
    "30/4/2021) như sau:",
    "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
    "Ngày 22/3/2021, Phòng Tư pháp ban hành Công văn số 118/PTP hướng dẫn các cơ quan, đơn vị "
    "triển khai Kế hoạch.",
    "II. KẾT QUẢ THỰC HIỆN",
    "1. Đẩy mạnh công tác tuyên truyền",
    "Trong kỳ, các cơ quan, đơn vị đã tổ chức 77 buổi tuyên truyền với 10.096 lượt người tham dự.",
    "- Ngày 11/01/2021, Phòng Giáo dục và Đào tạo: Chỉ đạo các trường tuyên truyền dưới cờ.",
    "- 03 hội nghị tập huấn với 250 lượt người tham dự.",
    "III. ĐÁNH GIÁ CHUNG",
    "1. Ưu điểm",
    "Kế hoạch được triển khai kịp thời, đúng tiến độ đề ra.",
    "2. Tồn tại, hạn chế",
    "Còn 01 đơn vị chưa gửi báo cáo: UBND xã Phú Mỹ.",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "Tổ chức hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam vào tháng 11/2021.",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "Đề nghị UBND huyện bố trí kinh phí in ấn tài liệu tuyên truyền./.",
)
CLEAN = Report(body=CLEAN_BODY)


def _run(text: str) -> str:
    pieces = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")]
    return "<w:r>" + "<w:br/>".join(pieces) + "</w:r>"


def _paragraph(text: str, style: str = "", page_break: bool = False) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    brk = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
    return f"<w:p>{props}{brk}{_run(text) if text else ''}</w:p>"


def _cell(lines: tuple[str, ...]) -> str:
    return "<w:tc>" + "".join(_paragraph(line) for line in lines or ("",)) + "</w:tc>"


def _table(rows: tuple[tuple[tuple[str, ...], ...], ...]) -> str:
    body = "".join("<w:tr>" + "".join(_cell(c) for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{body}</w:tbl>"


def document_xml(report: Report) -> str:
    """The document part of ``report``."""
    parts = [_table(((report.issuer, report.nation),))]
    parts += [_paragraph(line) for line in report.title]
    parts += [_paragraph(line, "BCBody") for line in report.body]
    parts.append(_table(((report.recipients, report.signer),)))
    if report.appendix:
        parts.append(_paragraph(report.appendix[0], page_break=True))
        parts += [_paragraph(line) for line in report.appendix[1:]]
    if report.table:
        parts.append(_table(tuple(tuple((c,) for c in row) for row in report.table)))
    return f"<w:document {_NS}><w:body>{''.join(parts)}{_PAGE}</w:body></w:document>"


def write_docx(report: Report, path: Path) -> Path:
    """Write ``report`` as a .docx Word and LibreOffice open."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document_xml(report))
    return path

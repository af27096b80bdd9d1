"""Write the corpus's .docx plan documents (docs/*.docx), laid out the way Word users lay them out.

Letterhead and signature as borderless two-column tables, task tables with group rows
(merged cells) and "(1) (2) (3)…" numbering rows, a task table in a Phụ lục after the
signature, Word's automatic list numbers. Output is byte-for-byte reproducible.

    python make_docx.py          # needs python-docx
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

DOCS = Path(__file__).resolve().parent / "docs"
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
FIXED_TIME = datetime(2026, 1, 1, 8, 0, 0)
COLUMN_MM = (11, 50, 28, 28, 22, 26)  # STT, task, lead, partners, time, product


# --- building blocks -----------------------------------------------------------------


def new_document() -> docx.document.Document:
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    props = doc.core_properties
    props.author = props.last_modified_by = ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    return doc


def write(target, text: str, *, bold=False, italic=False, center=False, indent=False, style=None):
    """A paragraph at the end of a document or a table cell."""
    paragraph = target.add_paragraph(style=style) if style else target.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(10)
    return paragraph


def fill(cell, lines: list[str], *, bold=(), italic=(), center=True) -> None:
    """Cell paragraphs; ``bold``/``italic`` hold the indexes of lines so styled."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for index, line in enumerate(lines):
        write(cell, line, bold=index in bold, italic=index in italic, center=center)


def no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def letterhead(doc, left: list[str], date_line: str, *, bold_left=(1,)) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    table.autofit = False
    fill(table.cell(0, 0), left, bold=bold_left)
    fill(table.cell(0, 1), [*MOTTO, date_line], bold=(0, 1), italic=(2,))
    for column, (width, sizes) in enumerate(((70, (12, 12, 13)), (95, (12, 13, 14)))):
        cell = table.cell(0, column)
        table.columns[column].width = cell.width = Mm(width)
        for paragraph, size in zip(cell.paragraphs, sizes, strict=True):
            paragraph.runs[0].font.size = Pt(size)


def title(doc, *lines: str) -> None:
    write(doc, "KẾ HOẠCH", bold=True, center=True)
    for line in lines:
        write(doc, line, bold=True, center=True)


def body(doc, *lines: str) -> None:
    for line in lines:
        is_heading = bool(re.match(r"[IVX]+\. ", line)) and line.isupper()
        write(doc, line, bold=is_heading, indent=not is_heading)


def task_table(doc, header: str, rows: list[str], *, numbering=False) -> None:
    """Cells are separated by " | ", paragraphs in a cell by " // ". A row with one cell is a
    group row merged across the table; with two, a group row that keeps its STT cell. A cell
    "^" is merged with the cell above it (Word's vertical merge)."""
    columns = header.split(" | ")
    table = doc.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.add_row().cells, columns, strict=True):
        fill(cell, [text], bold=(0,))
    if numbering:
        for cell, index in zip(table.add_row().cells, range(1, len(columns) + 1), strict=True):
            fill(cell, [f"({index})"], italic=(0,))
    for row in rows:
        cells, values = table.add_row().cells, row.split(" | ")
        if len(values) < len(columns):
            if len(values) == 2:
                fill(cells[0], [values[0]], bold=(0,))
            merged = cells[len(values) - 1].merge(cells[-1])
            fill(merged, [values[-1]], bold=(0,), center=False)
            continue
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            if value == "^":
                above = table.cell(len(table.rows) - 2, index)
                fill(cell, [""])
                above.merge(cell)
                continue
            fill(cell, value.split(" // "), center=index in (0, 4))
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_MM, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            if cell._tc.tcPr is None or cell._tc.tcPr.gridSpan == 1:
                cell.width = Mm(width)


def signature(doc, recipients: list[str], signer: list[str]) -> None:
    """The two-column Nơi nhận / signer table; blank lines leave room for the signature."""
    write(doc, "")
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fill(table.cell(0, 0), ["Nơi nhận:", *recipients], bold=(0,), italic=(0,), center=False)
    for index, paragraph in enumerate(table.cell(0, 0).paragraphs):
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.runs[0].font.size = Pt(12 if index == 0 else 11)
    bold = tuple(i for i, line in enumerate(signer) if line)
    fill(table.cell(0, 1), signer, bold=bold)


def appendix(doc, *lines: str) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for index, line in enumerate(lines):
        write(doc, line, bold=index < len(lines) - 1, italic=index == len(lines) - 1, center=True)


def save(doc, name: str) -> None:
    """Save with fixed zip timestamps, so the same script always gives the same bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    (DOCS / name).write_bytes(out.getvalue())


# --- the documents -------------------------------------------------------------------


def xa_cai_cach_hanh_chinh() -> None:
    doc = new_document()
    letterhead(
        doc,
        ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ", "Số: 18/KH-UBND"],
        "Tân Phú, ngày 12 tháng 01 năm 2026",
        bold_left=(0, 1),
    )
    title(doc, "Cải cách hành chính năm 2026 trên địa bàn xã Tân Phú")
    body(
        doc,
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Kế hoạch số 210/KH-UBND ngày 20/12/2025 của UBND tỉnh Lâm Giang về cải cách hành "
        "chính năm 2026;",
        "UBND xã Tân Phú ban hành Kế hoạch cải cách hành chính năm 2026 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Nâng cao chất lượng phục vụ người dân, tổ chức của chính quyền xã sau sắp xếp đơn vị "
        "hành chính; giải quyết thủ tục hành chính nhanh chóng, công khai, minh bạch.",
        "2. Xác định rõ nhiệm vụ, sản phẩm, thời gian hoàn thành và trách nhiệm của từng cơ quan, "
        "đơn vị.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "Các nhiệm vụ cụ thể như sau:",
    )
    task_table(
        doc,
        "STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm",
        [
            "I. CẢI CÁCH THỂ CHẾ",
            "1 | Rà soát, đánh giá văn bản quy phạm pháp luật do HĐND, UBND xã ban hành | Văn phòng HĐND và UBND xã | Phòng Kinh tế; Phòng Văn hóa - Xã hội | Quý II-III | Báo cáo kết quả rà soát",
            "2 | Thực hiện kiểm tra công tác cải cách hành chính tại các thôn | Văn phòng HĐND và UBND xã | Công an xã | Quý II - Quý IV/2026 | Ít nhất 05 cuộc kiểm tra; thông báo kết luận kiểm tra",
            "II | CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            "3 | Tiếp nhận, giải quyết hồ sơ thủ tục hành chính cho tổ chức, cá nhân | Trung tâm Phục vụ hành chính công xã | Các phòng chuyên môn thuộc UBND xã | Thường xuyên | 100% hồ sơ được giải quyết đúng hạn và trước hạn",
            "4 | Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính | Trung tâm Phục vụ hành chính công xã | Phòng Kinh tế; Phòng Văn hóa - Xã hội | Hằng năm | Phấn đấu 90% hồ sơ được số hóa",
            "III. TUYÊN TRUYỀN, ĐỐI THOẠI VÀ ĐO LƯỜNG SỰ HÀI LÒNG",
            "5 | Tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân về thủ tục hành chính | Văn phòng HĐND và UBND xã | Ủy ban MTTQ Việt Nam xã; Đoàn Thanh niên xã | Quý III/2026 | 02 hội nghị đối thoại",
            "6 | Khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính | Văn phòng HĐND và UBND xã | Trung tâm Phục vụ hành chính công xã | Tháng 10 đến tháng 11/2026 | Báo cáo kết quả khảo sát; chỉ số hài lòng đạt từ 85% trở lên",
        ],
        numbering=True,
    )
    body(
        doc,
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng HĐND và UBND xã là cơ quan thường trực, tham mưu UBND xã theo dõi, đôn đốc, "
        "kiểm tra việc thực hiện Kế hoạch.",
        "2. Chế độ báo cáo: Văn phòng HĐND và UBND xã, Phòng Kinh tế, Phòng Văn hóa - Xã hội, "
        "Trung tâm Phục vụ hành chính công xã, Công an xã báo cáo kết quả thực hiện: báo cáo quý "
        "trước ngày 10 của tháng cuối quý; báo cáo 6 tháng, năm (trước ngày 10/6 và 10/12). Văn "
        "phòng HĐND và UBND xã tổng hợp, báo cáo UBND tỉnh (qua Sở Nội vụ).",
        "3. Trong quá trình triển khai, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về "
        "UBND xã (qua Văn phòng HĐND và UBND xã) để được hướng dẫn, giải quyết./.",
    )
    signature(
        doc,
        [
            "- UBND tỉnh (b/c);",
            "- Sở Nội vụ (b/c);",
            "- TT Đảng ủy, TT HĐND xã;",
            "- CT, các PCT UBND xã;",
            "- Các cơ quan, đơn vị tại Mục III;",
            "- Lưu: VT, VP.",
        ],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "Nguyễn Văn An"],
    )
    save(doc, "02-ubnd-xa-cai-cach-hanh-chinh-2026.docx")


def so_gd_bao_luc_hoc_duong() -> None:
    doc = new_document()
    letterhead(
        doc,
        ["UBND TỈNH LÂM GIANG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 35/KH-SGDĐT"],
        "Lâm Giang, ngày 15 tháng 01 năm 2026",
    )
    title(doc, "Phòng, chống bạo lực học đường trong các cơ sở giáo dục năm 2026")
    body(
        doc,
        "Căn cứ Nghị định số 80/2017/NĐ-CP ngày 17/7/2017 của Chính phủ quy định về môi trường giáo "
        "dục an toàn, lành mạnh, thân thiện, phòng, chống bạo lực học đường;",
        "Căn cứ Chỉ thị số 993/CT-BGDĐT ngày 12/4/2019 của Bộ trưởng Bộ Giáo dục và Đào tạo về tăng "
        "cường giải pháp phòng ngừa, ngăn chặn bạo lực học đường;",
        "Sở Giáo dục và Đào tạo ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Xây dựng môi trường giáo dục an toàn, lành mạnh, thân thiện; phòng ngừa, ngăn chặn kịp "
        "thời các hành vi bạo lực học đường.",
        "2. Phân công cụ thể, gắn trách nhiệm người đứng đầu cơ sở giáo dục.",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "1. Nhiệm vụ chung",
        "Tăng cường giáo dục đạo đức, lối sống, kỹ năng sống cho học sinh; phát huy vai trò của tổ "
        "tư vấn tâm lý học đường; phối hợp chặt chẽ giữa nhà trường, gia đình và xã hội.",
        "2. Nhiệm vụ cụ thể",
        "Các nhiệm vụ cụ thể, đơn vị chủ trì, phối hợp, thời gian và sản phẩm được phân công tại "
        "Phụ lục kèm theo Kế hoạch này.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Giáo dục phổ thông là đầu mối tham mưu, theo dõi, tổng hợp kết quả thực hiện Kế "
        "hoạch.",
        "2. Thanh tra Sở, Văn phòng Sở thực hiện các nhiệm vụ được giao tại Phụ lục.",
        "3. Đề nghị UBND các xã, phường chỉ đạo các trường mầm non, tiểu học, trung học cơ sở trên "
        "địa bàn triển khai thực hiện.",
        "4. Các đơn vị, trường học báo cáo kết quả thực hiện 6 tháng, năm (trước ngày 10/6 và "
        "10/12) về Sở Giáo dục và Đào tạo (qua Phòng Giáo dục phổ thông) để tổng hợp./.",
    )
    signature(
        doc,
        [
            "- Bộ GDĐT (b/c);",
            "- UBND tỉnh (b/c);",
            "- Công an tỉnh, Tỉnh Đoàn (phối hợp);",
            "- UBND các xã, phường;",
            "- Các trường THPT trực thuộc;",
            "- Lưu: VT, GDPT.",
        ],
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "Lê Thị Hồng Nhung"],
    )
    appendix(
        doc,
        "PHỤ LỤC",
        "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ PHÒNG, CHỐNG BẠO LỰC HỌC ĐƯỜNG NĂM 2026",
        "(Kèm theo Kế hoạch số 35/KH-SGDĐT ngày 15/01/2026 của Sở Giáo dục và Đào tạo)",
    )
    task_table(
        doc,
        "TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Kết quả/sản phẩm",
        [
            "1 | Tổ chức tập huấn kỹ năng phòng, chống bạo lực học đường cho cán bộ quản lý, giáo viên | Phòng Giáo dục phổ thông | Công an tỉnh; Tỉnh Đoàn | Quý II/2026 | 05 lớp tập huấn",
            "2 | Triển khai hoạt động tư vấn tâm lý học đường tại các trường trung học phổ thông | Các trường THPT | Phòng Giáo dục phổ thông | Thường xuyên | 100% trường THPT có tổ tư vấn tâm lý học đường hoạt động hiệu quả",
            "3 | Tổ chức cuộc thi “Trường học an toàn, thân thiện” cấp tỉnh | Phòng Giáo dục phổ thông | Tỉnh Đoàn | Tháng 3 đến tháng 5/2026 | 01 cuộc thi; ít nhất 60 trường tham gia",
            "4 | Kiểm tra việc thực hiện quy định về môi trường giáo dục an toàn, phòng, chống bạo lực học đường | Thanh tra Sở | Phòng Giáo dục phổ thông | Quý II - Quý IV/2026 | Kiểm tra ít nhất 15 cơ sở giáo dục; kết luận kiểm tra",
            "5 | Thống kê, báo cáo các vụ việc bạo lực học đường | Văn phòng Sở | Các cơ sở giáo dục | Hằng năm | Báo cáo thống kê; cơ sở dữ liệu vụ việc bạo lực học đường",
        ],
    )
    save(doc, "03-so-gddt-bao-luc-hoc-duong-2026.docx")


def truong_thcs_chuyen_doi_so() -> None:
    doc = new_document()
    letterhead(
        doc,
        ["UBND PHƯỜNG AN KHÁNH", "TRƯỜNG THCS NGUYỄN DU", "Số: 52/KH-THCSND"],
        "An Khánh, ngày 12 tháng 9 năm 2025",
    )
    title(doc, "Ứng dụng công nghệ thông tin và chuyển đổi số năm học 2025 - 2026")
    body(
        doc,
        "Căn cứ Kế hoạch số 1150/KH-SGDĐT ngày 25/8/2025 của Sở Giáo dục và Đào tạo tỉnh Lâm Giang "
        "về ứng dụng công nghệ thông tin, chuyển đổi số năm học 2025 - 2026; Trường THCS Nguyễn Du "
        "xây dựng Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Đẩy mạnh ứng dụng công nghệ thông tin trong dạy học, quản lý; từng bước chuyển đổi số "
        "các hoạt động của nhà trường.",
        "2. Phân công rõ người, rõ việc, rõ thời gian và kết quả cần đạt.",
        "II. NHIỆM VỤ CỤ THỂ",
    )
    task_table(
        doc,
        "TT | Nội dung công việc | Người/bộ phận thực hiện | Phối hợp | Thời gian | Kết quả cần đạt",
        [
            "1 | Rà soát, bổ sung thiết bị công nghệ thông tin phục vụ dạy học | Phó Hiệu trưởng phụ trách cơ sở vật chất | Tổ Văn phòng | Tháng 9 đến tháng 10/2025 | 100% phòng học có máy chiếu hoặc ti vi kết nối Internet",
            "2 | Tập huấn giáo viên khai thác học liệu số, thiết kế bài giảng điện tử | Tổ Tin học | Các tổ chuyên môn | Quý IV/2025 | 05 lớp tập huấn; 100% giáo viên tham gia",
            "3 | Cập nhật hồ sơ, sổ sách điện tử; triển khai học bạ số // - Sổ điểm điện tử, sổ đầu bài điện tử. | Phó Hiệu trưởng phụ trách chuyên môn | Giáo viên chủ nhiệm | Thường xuyên | 100% học sinh có học bạ số",
            "4 | Tổ chức cuộc thi thiết kế bài giảng điện tử cấp trường | Phó Hiệu trưởng phụ trách chuyên môn | Tổ Tin học; Công đoàn trường | Tháng 01 đến tháng 3/2026 | 01 cuộc thi; ít nhất 20 bài giảng dự thi",
            "5 | Hướng dẫn học sinh kỹ năng sử dụng Internet an toàn | Tổng phụ trách Đội | Giáo viên Tin học | Tháng 10/2025 và tháng 3/2026 | 02 buổi ngoại khóa cho 100% học sinh",
        ],
        numbering=True,
    )
    body(
        doc,
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Hiệu trưởng chỉ đạo chung; Phó Hiệu trưởng phụ trách chuyên môn trực tiếp theo dõi, "
        "đôn đốc thực hiện Kế hoạch.",
        "2. Các tổ chuyên môn, Tổ Văn phòng, Tổ Tin học báo cáo kết quả thực hiện theo học kỳ: học "
        "kỳ I trước ngày 10/01/2026, cả năm học trước ngày 20/5/2026./.",
    )
    signature(
        doc,
        [
            "- Phòng Văn hóa - Xã hội phường (b/c);",
            "- Hiệu trưởng, các Phó Hiệu trưởng;",
            "- Các tổ chuyên môn, Tổ Văn phòng;",
            "- Lưu: VT.",
        ],
        ["HIỆU TRƯỞNG", "", "", "", "Đặng Thị Thu Trang"],
    )
    save(doc, "07-truong-thcs-chuyen-doi-so-2025-2026.docx")


def hoi_luat_gia() -> None:
    doc = new_document()
    letterhead(
        doc,
        ["HỘI LUẬT GIA VIỆT NAM", "HỘI LUẬT GIA TỈNH LÂM GIANG", "Số: 07/KH-HLG"],
        "Lâm Giang, ngày 08 tháng 01 năm 2026",
    )
    title(
        doc, "Công tác tư vấn pháp luật, trợ giúp pháp lý và phổ biến, giáo dục pháp luật năm 2026"
    )
    body(
        doc,
        "Thực hiện Chương trình công tác năm 2026 của Trung ương Hội Luật gia Việt Nam, Ban Thường "
        "vụ Hội Luật gia tỉnh ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Phát huy vai trò của hội viên Hội Luật gia trong tư vấn pháp luật, trợ giúp pháp lý cho "
        "người nghèo, đối tượng chính sách và phổ biến, giáo dục pháp luật cho Nhân dân.",
        "II. NHIỆM VỤ TRỌNG TÂM",
    )
    tasks = [  # title | lead | partners | time | product
        "Duy trì hoạt động của Trung tâm Tư vấn pháp luật Hội Luật gia tỉnh | Trung tâm Tư vấn pháp luật | các chi hội Luật gia | thường xuyên | tư vấn pháp luật cho ít nhất 300 lượt người; trợ giúp pháp lý miễn phí 40 vụ việc cho người nghèo, người có công với cách mạng",
        "Phổ biến, giáo dục pháp luật cho hội viên và Nhân dân tại các xã, phường | Ban Thường vụ Hội | Sở Tư pháp; UBND các xã, phường | Quý II - Quý IV/2026 | 10 buổi phổ biến pháp luật tại các xã, phường",
        "Tham gia góp ý xây dựng văn bản quy phạm pháp luật | Ban Thường vụ Hội | các chi hội Luật gia | theo đề nghị của cơ quan chủ trì soạn thảo | văn bản góp ý gửi cơ quan chủ trì soạn thảo",
        "Phát triển hội viên, kiện toàn tổ chức Hội | Ban Thường vụ Hội | các chi hội Luật gia | hằng năm | kết nạp ít nhất 30 hội viên mới; thành lập mới 01 chi hội",
        "Tổng kết công tác Hội năm 2026, triển khai nhiệm vụ năm 2027 | Văn phòng Hội |  | tháng 12/2026 | Hội nghị tổng kết; báo cáo tổng kết công tác năm 2026",
    ]
    for task in tasks:
        name, lead, partners, time, product = task.split(" | ")
        write(doc, name, bold=True, style="List Number")
        write(doc, f"- Đơn vị chủ trì: {lead};", indent=True)
        if partners:
            write(doc, f"- Đơn vị phối hợp: {partners};", indent=True)
        write(doc, f"- Thời gian thực hiện: {time};", indent=True)
        write(doc, f"- Kết quả, sản phẩm: {product}.", indent=True)
    body(
        doc,
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng Hội giúp Ban Thường vụ theo dõi, đôn đốc thực hiện Kế hoạch.",
        "2. Chi hội Luật gia Sở Tư pháp, Chi hội Luật gia Công an tỉnh, Chi hội Luật gia Tòa án "
        "nhân dân tỉnh và Trung tâm Tư vấn pháp luật báo cáo kết quả 6 tháng, năm (trước ngày 10/6 "
        "và 10/12) về Ban Thường vụ Hội (qua Văn phòng Hội)./.",
    )
    signature(
        doc,
        [
            "- Trung ương Hội Luật gia Việt Nam (b/c);",
            "- Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c);",
            "- Sở Tư pháp;",
            "- Các chi hội Luật gia;",
            "- Lưu: VP Hội.",
        ],
        ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "", "", "", "Bùi Quang Hải"],
    )
    save(doc, "08-hoi-luat-gia-tu-van-phap-luat-2026.docx")


def huyen_phong_chong_thien_tai() -> None:
    doc = new_document()
    letterhead(
        doc,
        ["ỦY BAN NHÂN DÂN", "HUYỆN TÂN LẬP", "Số: 42/KH-UBND"],
        "Tân Lập, ngày 18 tháng 3 năm 2024",
        bold_left=(0, 1),
    )
    title(doc, "Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024")
    body(
        doc,
        "Căn cứ Luật Phòng, chống thiên tai năm 2013, sửa đổi, bổ sung năm 2020; để chủ động phòng, "
        "chống, ứng phó hiệu quả với thiên tai, UBND huyện Tân Lập ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Chủ động phòng ngừa, ứng phó kịp thời, khắc phục khẩn trương, hiệu quả hậu quả thiên tai.",
        "2. Phân công nhiệm vụ cụ thể cho các cơ quan, đơn vị; thực hiện tốt phương châm “bốn tại "
        "chỗ”.",
        "II. NHIỆM VỤ CỤ THỂ",
    )
    task_table(
        doc,
        "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Kết quả",
        [
            "A. TRƯỚC MÙA MƯA BÃO",
            "1 | Kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện | Phòng Nông nghiệp và Phát triển nông thôn | Văn phòng HĐND và UBND huyện | Trước ngày 31/3/2024 | Quyết định kiện toàn Ban Chỉ huy",
            "2 | Kiểm tra an toàn hồ, đập, đê bao trước mùa mưa lũ | Phòng Nông nghiệp và Phát triển nông thôn | UBND các xã, thị trấn; // Công ty TNHH MTV Khai thác thủy lợi Lâm Giang | Quý II/2024 | Kiểm tra 100% hồ, đập xung yếu; báo cáo kết quả kiểm tra",
            "3 | Tập huấn kỹ năng cứu hộ, cứu nạn cho lực lượng xung kích cấp xã | Ban Chỉ huy Quân sự huyện | UBND các xã, thị trấn | quý II đến quý III/2024 | 03 lớp tập huấn cho lực lượng xung kích của 100% xã, thị trấn",
            "B | TRONG MÙA MƯA BÃO",
            "4 | Trực ban, theo dõi diễn biến thời tiết, thông tin cảnh báo kịp thời đến người dân | Phòng Nông nghiệp và Phát triển nông thôn | Đài Truyền thanh huyện | 6 tháng cuối năm 2024 | Bản tin cảnh báo; báo cáo nhanh tình hình thiên tai",
            "5 | Tuyên truyền kỹ năng phòng, tránh đuối nước cho trẻ em trong mùa mưa lũ | Phòng Văn hóa và Thông tin | Phòng Giáo dục và Đào tạo; Huyện Đoàn | tháng 6 đến tháng 8/2024 | 50 lượt phát thanh; 20 buổi tuyên truyền tại trường học",
            "C. KHẮC PHỤC HẬU QUẢ THIÊN TAI",
            "6 | Thống kê, đánh giá thiệt hại, đề xuất hỗ trợ khắc phục hậu quả thiên tai | Phòng Nông nghiệp và Phát triển nông thôn | Phòng Tài chính - Kế hoạch; UBND các xã, thị trấn | Thường xuyên | Số hộ dân bị thiệt hại được hỗ trợ; báo cáo thống kê thiệt hại",
        ],
    )
    body(
        doc,
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Nông nghiệp và Phát triển nông thôn (cơ quan thường trực Ban Chỉ huy phòng, chống "
        "thiên tai và tìm kiếm cứu nạn huyện) theo dõi, đôn đốc, tổng hợp kết quả thực hiện.",
        "2. Các cơ quan chủ trì nhiệm vụ tại Mục II báo cáo kết quả thực hiện 6 tháng (trước ngày "
        "15/6) và năm (trước ngày 15/11) về UBND huyện (qua Phòng Nông nghiệp và Phát triển nông "
        "thôn)./.",
    )
    signature(
        doc,
        [
            "- Ban Chỉ huy PCTT và TKCN tỉnh (b/c);",
            "- TT Huyện ủy, TT HĐND huyện (b/c);",
            "- CT, các PCT UBND huyện;",
            "- Các cơ quan, đơn vị tại Mục II;",
            "- UBND các xã, thị trấn;",
            "- Lưu: VT.",
        ],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "Nguyễn Văn Hải"],
    )
    save(doc, "10-ubnd-huyen-phong-chong-thien-tai-2024.docx")


def so_khcn_chuyen_doi_so() -> None:
    doc = new_document()
    letterhead(
        doc,
        ["UBND TỈNH LÂM GIANG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 09/KH-SKHCN"],
        "Lâm Giang, ngày 26 tháng 01 năm 2026",
    )
    title(doc, "Chuyển đổi số, phát triển chính quyền số tỉnh Lâm Giang năm 2026")
    body(
        doc,
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Sở Khoa học và Công nghệ "
        "ban hành Kế hoạch như sau:",
        "I. MỤC TIÊU",
        "Phát triển hạ tầng số, dữ liệu số và kỹ năng số, bảo đảm chính quyền các cấp vận hành "
        "thông suốt trên môi trường số sau sắp xếp đơn vị hành chính.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Phát triển hạ tầng số đồng bộ, hiện đại, bảo đảm an toàn thông tin.",
        "2. Phát triển dữ liệu số, nâng cao chất lượng dịch vụ công trực tuyến.",
        "3. Phổ cập kỹ năng số cho cán bộ, công chức và người dân.",
        "Danh mục nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Khoa học và Công nghệ chủ trì, hướng dẫn, theo dõi, đôn đốc thực hiện Kế hoạch.",
        "2. Các sở, ban, ngành; UBND các xã, phường báo cáo kết quả thực hiện định kỳ hằng quý "
        "(trước ngày 10 của tháng cuối quý) và năm (trước ngày 10/12) về Sở Khoa học và Công nghệ "
        "để tổng hợp, báo cáo UBND tỉnh./.",
    )
    signature(
        doc,
        [
            "- Bộ Khoa học và Công nghệ (b/c);",
            "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
            "- UBND tỉnh (b/c);",
            "- Các sở, ban, ngành;",
            "- UBND các xã, phường;",
            "- Lưu: VT, CĐS.",
        ],
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "Lý Thị Mai"],
    )
    appendix(
        doc,
        "PHỤ LỤC",
        "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
        "(Kèm theo Kế hoạch số 09/KH-SKHCN ngày 26/01/2026 của Sở Khoa học và Công nghệ)",
    )
    task_table(
        doc,
        "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm",
        [
            "I. HẠ TẦNG SỐ",
            "1 | Phủ sóng di động 4G/5G đến các thôn, bản, khu phố | Sở Khoa học và Công nghệ | Các doanh nghiệp viễn thông; UBND các xã, phường | Quý II–III/2026 | 100% thôn, bản, khu phố được phủ sóng 4G",
            "2 | Nâng cấp Trung tâm dữ liệu tỉnh | Trung tâm Chuyển đổi số | Công an tỉnh | Quý II - Quý IV/2026 | Trung tâm dữ liệu bảo đảm an toàn hệ thống thông tin cấp độ 3",
            "II | DỮ LIỆU SỐ VÀ DỊCH VỤ CÔNG TRỰC TUYẾN",
            "3 | Xây dựng, kết nối các cơ sở dữ liệu chuyên ngành với nền tảng tích hợp, chia sẻ dữ liệu của tỉnh | Trung tâm Chuyển đổi số | Các sở, ban, ngành | Thường xuyên | 05 cơ sở dữ liệu chuyên ngành được kết nối",
            "4 | Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình | Văn phòng UBND tỉnh | Sở Khoa học và Công nghệ; các sở, ban, ngành | Hằng năm | Tỷ lệ hồ sơ trực tuyến toàn trình đạt 80%",
            "III. KỸ NĂNG SỐ",
            "5 | Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã | Sở Nội vụ | Sở Khoa học và Công nghệ | Tháng 7 đến tháng 9/2026 | 10 lớp bồi dưỡng với 1.500 lượt cán bộ, công chức",
            "6 | Phổ cập kỹ năng số cho người dân thông qua Tổ công nghệ số cộng đồng | UBND các xã, phường | Tỉnh Đoàn; Hội Liên hiệp Phụ nữ tỉnh | Thường xuyên | Số người dân được hướng dẫn sử dụng dịch vụ công trực tuyến",
        ],
        numbering=True,
    )
    save(doc, "11-so-khcn-chuyen-doi-so-2026.docx")


def phong_gddt_duoi_nuoc() -> None:
    doc = new_document()
    letterhead(
        doc,
        ["UBND HUYỆN TÂN LẬP", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: 11/KH-PGDĐT"],
        "Tân Lập, ngày 20 tháng 3 năm 2023",
    )
    title(doc, "Phòng, chống đuối nước cho học sinh năm 2023")
    body(
        doc,
        "Thực hiện Kế hoạch số 40/KH-UBND ngày 02/3/2023 của UBND huyện Tân Lập về phòng, chống "
        "tai nạn thương tích, đuối nước trẻ em năm 2023, Phòng Giáo dục và Đào tạo ban hành Kế "
        "hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Trang bị cho học sinh kiến thức, kỹ năng phòng, tránh đuối nước; giảm số vụ đuối "
        "nước ở trẻ em trên địa bàn huyện.",
        "2. Các trường chủ động phối hợp với gia đình và địa phương trong quản lý học sinh, nhất "
        "là trong dịp hè.",
        "II. NHIỆM VỤ CỤ THỂ",
    )
    task_table(
        doc,
        "TT | Nội dung công việc | Đơn vị thực hiện | Đơn vị phối hợp | Thời hạn | Kết quả dự kiến",
        [
            "1 | Tổ chức lớp dạy bơi an toàn cho học sinh tiểu học | Các trường tiểu học | Trung tâm Văn hóa - Thể thao huyện | Tháng 6 - tháng 8/2023 | Tối thiểu 15 lớp dạy bơi; 80% học sinh lớp 3 biết bơi an toàn",
            "2 | Tuyên truyền kỹ năng phòng, tránh đuối nước trong trường học | ^ | Đài Truyền thanh huyện | Quý II/2023 | 30 buổi ngoại khóa về phòng, tránh đuối nước",
            "3 | Kiểm tra, rà soát các điểm có nguy cơ đuối nước gần trường học | Phòng Giáo dục và Đào tạo | UBND các xã, thị trấn | trước ngày 31/5/2023 | Danh sách điểm có nguy cơ; báo cáo kết quả kiểm tra",
            "4 | Sơ kết công tác phòng, chống đuối nước dịp hè | ^ |  | tháng 9/2023 | Báo cáo sơ kết",
        ],
    )
    body(
        doc,
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Các trường tiểu học, trung học cơ sở xây dựng kế hoạch của đơn vị, tổ chức thực hiện.",
        "2. Các trường báo cáo kết quả định kỳ hằng quý (trước ngày 05 của tháng đầu quý sau) và "
        "báo cáo năm chậm nhất ngày 20 tháng 12 về Phòng Giáo dục và Đào tạo (qua bộ phận Công tác "
        "học sinh) để tổng hợp, báo cáo UBND huyện./.",
    )
    signature(
        doc,
        [
            "- UBND huyện (b/c);",
            "- Các trường MN, TH, THCS;",
            "- Lưu: VT, PGDĐT.",
        ],
        ["TRƯỞNG PHÒNG", "", "(Đã ký)", "", "Trần Thị Mai"],
    )
    save(doc, "13-phong-gddt-huyen-duoi-nuoc-2023.docx")


if __name__ == "__main__":
    for make in (
        xa_cai_cach_hanh_chinh,
        so_gd_bao_luc_hoc_duong,
        truong_thcs_chuyen_doi_so,
        hoi_luat_gia,
        huyen_phong_chong_thien_tai,
        so_khcn_chuyen_doi_so,
        phong_gddt_duoi_nuoc,
    ):
        make()
    print("\n".join(sorted(p.name for p in DOCS.glob("*.docx"))))

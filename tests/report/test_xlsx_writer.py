"""The spreadsheet writer: what Excel, LibreOffice and openpyxl read back is what was written."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

from baocao.report.xlsx import Column, Sheet, column_letter, write_xlsx

CREATED = datetime(2021, 12, 15)


def book(*sheets: Sheet) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, sheets, title="Số liệu", author="Phòng Tư pháp", created=CREATED)
    return buffer.getvalue()


def units(count: int) -> Iterator[list[Any]]:
    for number in range(1, count + 1):
        sent = date(2021, 6, 1 + number % 28) if number % 3 else None
        yield [number, f"Xã <Tân> & Hòa {number}", number * 7, sent, 87.5 if number % 2 else 0]


COLUMNS = [Column("STT", 6), Column("Đơn vị", 40), Column("Số", 12), Column("Ngày gửi", 12)]
COLUMNS += [Column("Tỷ lệ (%)", 12)]


def test_values_read_back_as_written() -> None:
    data = book(Sheet("Đơn vị", COLUMNS, 5, units(5)))
    sheet = load_workbook(io.BytesIO(data))["Đơn vị"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = [
        (n, f"Xã <Tân> & Hòa {n}", n * 7, d and datetime.combine(d, datetime.min.time()), r)
        for n, _name, _count, d, r in units(5)
    ]
    assert rows == expected
    assert sheet["D3"].number_format == "DD/MM/YYYY"
    assert [c.value for c in sheet[1]] == [c.name for c in COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E6"
    assert sheet.column_dimensions["B"].width == 40


def test_text_keeps_its_spaces_and_the_book_its_properties() -> None:
    data = book(Sheet("Ghi chú", [Column("Nội dung", 20)], 2, iter([["  thụt vào"], ["cuối "]])))
    workbook = load_workbook(io.BytesIO(data))
    assert [r[0] for r in workbook["Ghi chú"].iter_rows(min_row=2, values_only=True)] == [
        "  thụt vào",
        "cuối ",
    ]
    assert (workbook.properties.title, workbook.properties.creator) == (
        "Số liệu",
        "Phòng Tư pháp",
    )
    assert workbook.properties.created == CREATED


def test_a_sheet_title_with_a_quote_and_an_empty_sheet() -> None:
    data = book(Sheet("Tổng hợp", COLUMNS, 0, iter(())), Sheet("NV'1", COLUMNS, 3, units(3)))
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Tổng hợp", "NV'1"]
    assert workbook["Tổng hợp"].max_row == 1
    assert workbook["NV'1"].auto_filter.ref == "A1:E4"


def test_many_rows_go_out_in_order_and_the_same_rows_give_the_same_bytes() -> None:
    count = 3300
    first = book(Sheet("Đơn vị", COLUMNS, count, units(count)))
    assert first == book(Sheet("Đơn vị", COLUMNS, count, units(count)))
    sheet = load_workbook(io.BytesIO(first), read_only=True)["Đơn vị"]
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == list(range(1, count + 1))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]

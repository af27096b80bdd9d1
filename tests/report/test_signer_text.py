"""Reading the report: paragraphs in order, the part each is in, the header date."""

from __future__ import annotations

import unicodedata
from datetime import date

import signer
from docx_builder import CLEAN
from signer import APPENDIX, BODY, HEADER, SIGNATURE, TITLE


def texts(report: signer.ReportText, part: str) -> list[str]:
    return [p.text for p in report.part(part)]


def test_parts_in_document_order(read):
    report = read(CLEAN)
    assert [p.part for p in report.part()] == sorted(
        (p.part for p in report.part()), key=[HEADER, TITLE, BODY, SIGNATURE, APPENDIX].index
    )
    assert texts(report, HEADER)[0] == "UBND HUYỆN TÂN LẬP"
    assert texts(report, TITLE) == [CLEAN.title[0], CLEAN.title[1]]
    assert texts(report, BODY) == list(CLEAN.body)
    assert texts(report, SIGNATURE)[0] == "Nơi nhận:"
    assert texts(report, SIGNATURE)[-1] == "Nguyễn Thị Thu Hà"
    assert texts(report, APPENDIX)[0] == "PHỤ LỤC"


def test_indexes_count_every_paragraph(read):
    report = read(CLEAN)
    assert [p.index for p in report.paragraphs] == list(range(len(report.paragraphs)))


def test_table_cells_carry_their_place(read):
    report = read(CLEAN)
    total = next(p for p in report.part(APPENDIX) if p.text == "Tổng cộng")
    assert total.cell == (2, 3, 0)
    assert total.in_table
    assert not any(p.in_table for p in report.part(BODY))
    assert [p.text for p in report.prose(APPENDIX)][-1].startswith("(Kèm theo")


def test_header_date_and_place(read):
    report = read(CLEAN)
    assert report.date == date(2021, 5, 5)
    assert report.place == "Tân Lập"


def test_header_date_absent_or_impossible(read):
    blank = (*CLEAN.nation[:3], "Tân Lập, ngày    tháng    năm 2021")
    assert read(CLEAN.but(nation=blank)).date is None
    impossible = (*CLEAN.nation[:3], "Tân Lập, ngày 31 tháng 02 năm 2021")
    assert read(CLEAN.but(nation=impossible)).date is None


def test_text_is_nfc(read):
    decomposed = unicodedata.normalize("NFD", "Kế hoạch được triển khai kịp thời.")
    report = read(CLEAN.with_body(decomposed))
    assert "Kế hoạch được triển khai kịp thời." in texts(report, BODY)


def test_line_breaks_inside_a_paragraph(read):
    report = read(CLEAN.but(title=("BÁO CÁO\nKết quả thực hiện Kế hoạch năm 2021", "")))
    assert texts(report, TITLE) == ["BÁO CÁO\nKết quả thực hiện Kế hoạch năm 2021"]
    assert texts(report, BODY)[0] == CLEAN.body[0]


def test_without_appendix(read):
    report = read(CLEAN.but(appendix=(), table=()))
    assert texts(report, APPENDIX) == []
    assert texts(report, SIGNATURE)[-1] == "Nguyễn Thị Thu Hà"

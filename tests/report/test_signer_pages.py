"""Page counts: where the appendix starts in a PDF's page texts, and LibreOffice itself."""

from __future__ import annotations

import shutil

import pytest
import signer
from docx_builder import CLEAN, write_docx
from signer import body_pages

needs_render = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="LibreOffice or poppler-utils not installed",
)


def test_appendix_on_a_page_of_its_own():
    pages = ["BÁO CÁO\n…", "2\n\n Nơi nhận:  TRƯỞNG PHÒNG", "3\n\n        PHỤ LỤC\n SỐ LIỆU …", "4"]
    assert body_pages(pages) == 2


def test_appendix_sharing_the_signature_page():
    pages = ["BÁO CÁO\n…", "2\n Nơi nhận:  TRƯỞNG PHÒNG\n\n   PHỤ LỤC\n SỐ LIỆU …", "3"]
    assert body_pages(pages) == 2


def test_no_appendix():
    assert body_pages(["BÁO CÁO", "2"]) == 2


def test_appendix_mentioned_in_a_sentence_is_not_the_heading():
    pages = ["BÁO CÁO\nchi tiết tại Phụ lục kèm theo", "2\nPHỤ LỤC I", "3"]
    assert body_pages(pages) == 1


@needs_render
@pytest.mark.slow
def test_page_counts_through_libreoffice(tmp_path):
    docx = write_docx(CLEAN, tmp_path / "report.docx")
    assert signer.page_counts(docx) == signer.PageCounts(total=2, body=1)
    assert signer.page_count(docx) == 2
    assert signer.body_page_count(docx) == 1


@needs_render
@pytest.mark.slow
def test_long_body_spans_pages(tmp_path):
    long_body = CLEAN.with_body(*["Kế hoạch được triển khai kịp thời, đúng tiến độ đề ra."] * 80)
    counts = signer.page_counts(write_docx(long_body, tmp_path / "long.docx"))
    assert counts.body >= 3
    assert counts.total == counts.body + 1

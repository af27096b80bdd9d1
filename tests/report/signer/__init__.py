"""Read a compiled report as the person who signs it: its text part by part, and the checks a
Trưởng phòng makes before signing.

The package reads only the .docx file (standard-library XML) and, for page counts, the PDF that
LibreOffice makes of it; it knows nothing of how the report was produced.

    report = report_text("bao-cao-6-thang-2021.docx")
    for finding in run_checks(report):
        print(finding)
    page_counts("bao-cao-6-thang-2021.docx")  # PageCounts(total=10, body=8)

Every check takes a ``ReportText`` and returns a list of ``Finding`` (empty when the report
passes); ``ALL_CHECKS`` lists them in the order a signer reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .dates import (
    data_window,
    dates_after,
    dates_outside_window,
    inconsistent_dates,
    received_after_report,
)
from .language import DateMention, find_dates, sections, sentences
from .layout import misaddressed_proposals, missing_parts, recipients
from .pages import (
    PageCounts,
    RenderUnavailable,
    body_page_count,
    body_pages,
    page_count,
    page_counts,
    pdf_of,
    pdf_pages,
    render_pdf,
)
from .text import (
    APPENDIX,
    BODY,
    HEADER,
    SIGNATURE,
    TITLE,
    Finding,
    Paragraph,
    ReportText,
    nfc,
    report_text,
)
from .wording import (
    inconsistent_capitalisation,
    lists_with_commas,
    nested_quotes,
    numeral_led_sentences,
    placeholders,
    repeated_sentences,
)

Check = Callable[[ReportText], list[Finding]]

ALL_CHECKS: tuple[Check, ...] = (
    placeholders,
    missing_parts,
    dates_after,
    received_after_report,
    dates_outside_window,
    nested_quotes,
    numeral_led_sentences,
    repeated_sentences,
    inconsistent_dates,
    inconsistent_capitalisation,
    lists_with_commas,
    misaddressed_proposals,
)


def run_checks(report: ReportText, checks: Iterable[Check] = ALL_CHECKS) -> list[Finding]:
    """Every finding of every check, check by check."""
    return [finding for check in checks for finding in check(report)]


__all__ = [
    "ALL_CHECKS",
    "APPENDIX",
    "BODY",
    "HEADER",
    "SIGNATURE",
    "TITLE",
    "Check",
    "DateMention",
    "Finding",
    "PageCounts",
    "Paragraph",
    "RenderUnavailable",
    "ReportText",
    "body_page_count",
    "body_pages",
    "data_window",
    "dates_after",
    "dates_outside_window",
    "find_dates",
    "inconsistent_capitalisation",
    "inconsistent_dates",
    "lists_with_commas",
    "misaddressed_proposals",
    "missing_parts",
    "nested_quotes",
    "nfc",
    "numeral_led_sentences",
    "page_count",
    "page_counts",
    "pdf_of",
    "pdf_pages",
    "placeholders",
    "received_after_report",
    "recipients",
    "render_pdf",
    "repeated_sentences",
    "report_text",
    "run_checks",
    "sections",
    "sentences",
]

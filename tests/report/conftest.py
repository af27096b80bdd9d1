"""Fixtures of the report tests: a report .docx written from parts and read back as its
signer would (``signer``, ``docx_builder``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import signer
from docx_builder import Report, write_docx


@pytest.fixture
def read(tmp_path: Path) -> Callable[[Report], signer.ReportText]:
    """Write a report and read it back with ``signer.report_text``."""
    count = iter(range(1_000_000))

    def read_back(report: Report) -> signer.ReportText:
        return signer.report_text(write_docx(report, tmp_path / f"report-{next(count)}.docx"))

    return read_back

"""Rendering the report: the PDF through LibreOffice, and what happens when it is missing, fails or hangs."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import baocao.report.pdf as pdf_module
from baocao.errors import OutputError
from baocao.report.render import docx_to_pdf

# --- PDF ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_pdf_through_libreoffice(rendered_report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    docx_to_pdf(rendered_report, pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
        pages = int(line.split()[1])
    else:
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages >= 2
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed: page count checked, text not")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND xã Hòa Thuận" in text
    assert "Nguyễn Thị Thu Hà" in text
    first_page = text.split("\f")[0]
    second_page = text.split("\f")[1]
    assert second_page.strip().startswith("2")  # page number on page 2
    assert not first_page.strip().startswith("1")  # none on page 1


def test_pdf_without_libreoffice(
    rendered_report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module.shutil, "which", lambda _: None)
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, tmp_path / "bao-cao.pdf")
    assert info.value.problems[0].code == "E404"
    assert "LibreOffice" in info.value.problems[0].message("vi")


def test_pdf_with_a_missing_converter_path(rendered_report: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, tmp_path / "x.pdf", soffice=str(tmp_path / "khong-co"))
    assert info.value.problems[0].code == "E404"


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake converter")
def test_pdf_conversion_failure_keeps_previous_pdf(rendered_report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(b"%PDF old")
    exe = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, pdf, soffice=exe)
    assert info.value.problems[0].code == "E405"
    assert "could not be loaded" in info.value.problems[0].message("en")
    assert pdf.read_bytes() == b"%PDF old"


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake converter")
def test_pdf_conversion_timeout(rendered_report: Path, tmp_path: Path) -> None:
    exe = fake_soffice(tmp_path, "sleep 30")
    started = time.monotonic()
    with pytest.raises(OutputError) as info:
        docx_to_pdf(rendered_report, tmp_path / "x.pdf", soffice=exe, timeout=0.5)
    assert info.value.problems[0].code == "E408"
    assert time.monotonic() - started < 10
    assert not (tmp_path / "x.pdf").exists()

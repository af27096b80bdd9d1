"""Page counts of the report as LibreOffice lays it out (soffice, then poppler's pdfinfo and
pdftotext)."""

from __future__ import annotations

import atexit
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import nfc


class RenderUnavailable(RuntimeError):
    """LibreOffice (soffice) is not installed or failed to convert the document."""


@dataclass(frozen=True)
class PageCounts:
    """Pages of the whole document, and of the part before the appendix."""

    total: int
    body: int


_WORKDIR: Path | None = None


def _workdir() -> Path:
    """One temporary folder per process for PDFs and LibreOffice's profile, removed at exit."""
    global _WORKDIR
    if _WORKDIR is None:
        _WORKDIR = Path(tempfile.mkdtemp(prefix="signer-pdf-"))
        atexit.register(shutil.rmtree, _WORKDIR, True)
    return _WORKDIR


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise RenderUnavailable("soffice is not on PATH")


def render_pdf(
    docx_path: str | Path, out_dir: str | Path | None = None, timeout: float = 300
) -> Path:
    """Convert ``docx_path`` to PDF with LibreOffice (its own profile, so runs never clash)."""
    source = Path(docx_path).resolve()
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(dir=_workdir()))
    profile = (_workdir() / "profile").as_uri()
    command = [
        _soffice(),
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=True)
    except (subprocess.SubprocessError, OSError) as error:
        raise RenderUnavailable(f"LibreOffice could not convert {source}: {error}") from error
    pdf = out / (source.stem + ".pdf")
    if not pdf.exists():
        raise RenderUnavailable(f"LibreOffice wrote no PDF for {source}")
    return pdf


@lru_cache(maxsize=64)
def _cached_pdf(path: str, _mtime_ns: int, _size: int) -> Path:
    return render_pdf(path)


def pdf_of(docx_path: str | Path) -> Path:
    """The PDF of ``docx_path``, converted once per version of the file."""
    stat = Path(docx_path).stat()
    return _cached_pdf(str(Path(docx_path).resolve()), stat.st_mtime_ns, stat.st_size)


def pdf_pages(pdf_path: str | Path) -> list[str]:
    """The text of each page (pdftotext), NFC."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, check=True, timeout=120
    )
    pages = nfc(done.stdout.decode("utf-8", "replace")).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_page_total(pdf_path: str | Path) -> int:
    """Pages of a PDF: pdfinfo, or counting page objects when poppler is missing."""
    if shutil.which("pdfinfo"):
        done = subprocess.run(
            ["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True
        )
        match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
        if match:
            return int(match[1])
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", Path(pdf_path).read_bytes()))


def page_count(docx_path: str | Path) -> int:
    """Pages of the report as LibreOffice lays it out."""
    return pdf_page_total(pdf_of(docx_path))


def appendix_start(pages: list[str]) -> int | None:
    """0-based page where the appendix heading ("PHỤ LỤC" on a line of its own) is."""
    for number, page in enumerate(pages):
        for line in page.splitlines():
            if re.fullmatch(r"PHỤ LỤC(?:\s+[IVX\d]+)?", line.strip()):
                return number
    return None


def body_pages(pages: list[str]) -> int:
    """Pages before the appendix; the page it starts on counts when text precedes it there."""
    start = appendix_start(pages)
    if start is None:
        return len(pages)
    lines = [line.strip() for line in pages[start].splitlines() if line.strip()]
    lines = [line for line in lines if not line.isdigit()]  # the page number in the top margin
    return start if lines and lines[0].startswith("PHỤ LỤC") else start + 1


def body_page_count(docx_path: str | Path) -> int:
    """Pages of the report before its appendix."""
    return body_pages(pdf_pages(pdf_of(docx_path)))


def page_counts(docx_path: str | Path) -> PageCounts:
    """Total and body pages from one conversion."""
    pdf = pdf_of(docx_path)
    return PageCounts(pdf_page_total(pdf), body_pages(pdf_pages(pdf)))

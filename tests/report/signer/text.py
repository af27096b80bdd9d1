"""The report's paragraphs in document order, each with the part it belongs to (header table,
title, body, signature and Nơi nhận, appendix), and the date in its header."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

HEADER, TITLE, BODY, SIGNATURE, APPENDIX = "header", "title", "body", "signature", "appendix"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document, in document order."""

    index: int
    text: str
    part: str
    style: str = ""
    cell: tuple[int, int, int] | None = None  # (table, row, column) when inside a table

    @property
    def in_table(self) -> bool:
        return self.cell is not None


@dataclass(frozen=True)
class ReportText:
    """The report's paragraphs and the date it bears."""

    paragraphs: tuple[Paragraph, ...]
    date: date | None
    place: str | None

    def part(self, *names: str) -> list[Paragraph]:
        """Non-empty paragraphs of the named parts (all parts when none is named)."""
        return [p for p in self.paragraphs if p.text.strip() and (not names or p.part in names)]

    def prose(self, *names: str) -> list[Paragraph]:
        """Non-empty paragraphs of the named parts that are not in a table."""
        return [p for p in self.part(*names) if not p.in_table]


@dataclass(frozen=True)
class Finding:
    """Something the signer would stop at."""

    check: str
    index: int
    excerpt: str
    why: str

    def __str__(self) -> str:
        return f"[{self.check}] ¶{self.index}: «{self.excerpt}» — {self.why}"


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, the form every comparison here uses."""
    return unicodedata.normalize("NFC", text)


def report_text(docx_path: str | Path) -> ReportText:
    """The paragraphs of ``docx_path`` (body and table cells, in order) with their part."""
    with zipfile.ZipFile(docx_path) as package:
        root = ET.fromstring(package.read("word/document.xml"))
    blocks = list(_blocks(root.find(f"{_W}body")))
    parts = _assign_parts(blocks)
    paragraphs: list[Paragraph] = []
    for block, part in zip(blocks, parts, strict=True):
        for text, style, cell in block:
            paragraphs.append(Paragraph(len(paragraphs), text, part, style, cell))
    when, place = _header_date([p for p in paragraphs if p.part == HEADER])
    return ReportText(tuple(paragraphs), when, place)


_Line = tuple[str, str, "tuple[int, int, int] | None"]  # text, style, cell
_Block = list[_Line]


def _blocks(body: ET.Element | None) -> Iterator[_Block]:
    """Top-level blocks: a paragraph, or a whole table (its paragraphs with their cells)."""
    tables = 0
    for element in _children(body):
        if element.tag == f"{_W}p":
            yield [(_paragraph_text(element), _style(element), None)]
        elif element.tag == f"{_W}tbl":
            yield list(_table_paragraphs(element, tables))
            tables += 1


def _children(element: ET.Element | None) -> Iterator[ET.Element]:
    """Block-level children, looking through content controls and custom XML wrappers."""
    for child in element if element is not None else ():
        if child.tag in (f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"):
            yield from _children(
                child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            )
        else:
            yield child


def _table_paragraphs(table: ET.Element, number: int) -> Iterator[_Line]:
    """Each paragraph of each cell, row by row, with its (table, row, column)."""
    for row_no, row in enumerate(table.findall(f"{_W}tr")):
        for col_no, cell in enumerate(row.findall(f"{_W}tc")):
            for element in _children(cell):
                if element.tag == f"{_W}p":
                    yield _paragraph_text(element), _style(element), (number, row_no, col_no)
                elif element.tag == f"{_W}tbl":  # a nested table stays in its outer cell
                    for text, style, _ in _table_paragraphs(element, number):
                        yield text, style, (number, row_no, col_no)


def _paragraph_text(paragraph: ET.Element) -> str:
    pieces: list[str] = []
    _collect(paragraph, pieces)
    return nfc("".join(pieces))


def _collect(element: ET.Element, pieces: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            pieces.append(child.text or "")
        elif tag == f"{_W}tab":
            pieces.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            # A page or column break moves the text, it does not break the line.
            pieces.append("" if child.get(f"{_W}type") in ("page", "column") else "\n")
        elif tag == f"{_W}noBreakHyphen":
            pieces.append("-")
        elif tag not in (f"{_W}pPr", f"{_W}rPr", f"{_W}del", f"{_W}txbxContent"):
            _collect(child, pieces)


def _style(paragraph: ET.Element) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return style.get(f"{_W}val", "") if style is not None else ""


def _block_text(block: _Block) -> str:
    return "\n".join(text for text, _, _ in block)


def _assign_parts(blocks: list[_Block]) -> list[str]:
    """Header up to "BÁO CÁO"; title to the subject line; body; signature; appendix."""
    title = _first(blocks, 0, _is_title)
    body = _after_subject(blocks, title) if title is not None else _after_leading_tables(blocks)
    signature = _first(blocks, body, lambda b: bool(re.search(r"(?m)^\s*Nơi nhận", _block_text(b))))
    appendix = _first(blocks, signature or body, _is_appendix_heading)
    end = len(blocks)
    header_end = title if title is not None else body
    signature_start = signature if signature is not None else appendix or end
    appendix_start = appendix if appendix is not None else end
    bounds = (
        (header_end, HEADER),
        (body, TITLE),
        (signature_start, BODY),
        (appendix_start, SIGNATURE),
    )
    return [next((part for limit, part in bounds if i < limit), APPENDIX) for i in range(end)]


def _first(blocks: list[_Block], start: int, test: Callable[[_Block], bool]) -> int | None:
    return next((i for i in range(start, len(blocks)) if test(blocks[i])), None)


def _is_paragraph(block: _Block) -> bool:
    return len(block) == 1 and block[0][2] is None


def squash(text: str) -> str:
    """``text`` with every run of white space made one space, and trimmed."""
    return " ".join(text.split())


def _is_title(block: _Block) -> bool:
    """The paragraph "BÁO CÁO" (the subject may follow it after a line break)."""
    return _is_paragraph(block) and squash(block[0][0].split("\n")[0]) == "BÁO CÁO"


def _after_subject(blocks: list[_Block], title: int) -> int:
    """The block after the subject line (and the empty rule paragraph under it)."""
    if blocks[title][0][0].strip().count("\n"):
        subject: int | None = title  # "BÁO CÁO" and the subject in one paragraph
    else:
        subject = _first(blocks, title + 1, lambda b: bool(_block_text(b).strip()))
    if subject is None:
        return title + 1
    after = subject + 1
    while after < len(blocks) and _is_paragraph(blocks[after]) and not blocks[after][0][0].strip():
        after += 1
    return after


def _after_leading_tables(blocks: list[_Block]) -> int:
    count = 0
    while count < len(blocks) and not _is_paragraph(blocks[count]):
        count += 1
    return count


def _is_appendix_heading(block: _Block) -> bool:
    text = squash(block[0][0]) if _is_paragraph(block) else ""
    return bool(re.match(r"PHỤ LỤC\b", text)) and text == text.upper() and len(text) < 60


SPELLED_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def _header_date(header: list[Paragraph]) -> tuple[date | None, str | None]:
    """The date and place of the line "Tân Lập, ngày 05 tháng 5 năm 2021"."""
    for paragraph in header:
        match = SPELLED_DATE.search(paragraph.text)
        if match:
            place = paragraph.text[: match.start()].strip(" ,\t") or None
            return safe_date(int(match[3]), int(match[2]), int(match[1])), place
    return None, None


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (31/02)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = 40) -> str:
    """``text[start:end]`` with ``width`` characters either side, on one line, "…" where cut."""
    end = len(text) if end is None else end
    left, right = max(0, start - width), min(len(text), end + width)
    core = " ".join(text[left:right].split())
    return ("…" if left else "") + core + ("…" if right < len(text) else "")

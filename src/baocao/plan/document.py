"""Reading a plan document (.txt or .docx) into a flat list of lines and tables.

This is the only part of plan importing that touches the disk. Text is
normalised on the way in (NFC, one space between words, no BOM or zero-width
characters), so the parser downstream sees one spelling of every word whatever
keyboard or program wrote the file. Each block keeps where it came from: the line
of a .txt file, or the paragraph number of a .docx (tables count as one
paragraph each, rows numbered after it).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baocao.errors import InputError, display_path
from baocao.input.files import MAX_FILE_BYTES, read_text
from baocao.input.wordfile import too_big
from baocao.messages import Say

SUFFIXES = (".txt", ".docx")

# Control characters (C0, C1), zero-width characters and non-characters: invisible in
# Word, and YAML may not hold them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff]"
)
# Columns of a pasted two-column block: a tab, or three or more spaces (no-break ones too).
_COLUMN_GAP = re.compile(r"\t+|[ \xa0]{3,}")
_MARKER = re.compile(r"^(?:[-–—•+*·]|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zđ]\)|[IVX]{1,4}\.)$")
_TABLE_ROW = re.compile(r"^\s*\|?(?:[^|]*\|){2,}[^|]*\|?\s*$")
_RULE = re.compile(r"^[\s|:+=_-]+$")


@dataclass(frozen=True)
class Line:
    """One paragraph of text; ``cells`` are its columns when a tab or a run of spaces
    separates them (a two-column letterhead or signature pasted as text), else ``(text,)``.
    """

    number: int
    text: str
    cells: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.cells or (self.text,)


@dataclass(frozen=True)
class Table:
    """A table: rows of cell texts; ``numbers`` gives each row's place in the file."""

    number: int
    rows: tuple[tuple[str, ...], ...]
    numbers: tuple[int, ...]


Block = Line | Table


@dataclass(frozen=True)
class PlanDocument:
    """A plan document as blocks, with the name used for it in messages."""

    file: str
    blocks: tuple[Block, ...]


def clean(text: str) -> str:
    """One paragraph as NFC text with single spaces and nothing invisible."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def columns(raw: str) -> tuple[str, ...]:
    """The cleaned columns of one raw line (empty ones dropped)."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", raw))
    cells = [c for c in (clean(part) for part in _COLUMN_GAP.split(text.strip())) if c]
    if len(cells) > 1 and _MARKER.match(cells[0]):  # "-<tab>text", "1.<tab>text": one column
        cells[:2] = [f"{cells[0]} {cells[1]}"]
    return tuple(cells)


def make_line(number: int, raw: str) -> Line | None:
    """A :class:`Line` of raw text, or None when it holds nothing visible."""
    text = clean(raw)
    if not text:
        return None
    cells = columns(raw)
    return Line(number, text, cells if len(cells) > 1 else ())


def is_caps(text: str) -> bool:
    """Upper-case text (a heading, a body in a letterhead): letters, none lower case."""
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def read_plan_document(path: Path) -> PlanDocument:
    """Read a .txt (UTF-8, with or without BOM, any line ends) or .docx plan."""
    file = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError.one("E502", file, suffix=path.suffix or "(không có)", hint="")
    if suffix == ".txt":
        return PlanDocument(file, tuple(text_blocks(read_text(path, file))))
    return PlanDocument(file, tuple(_docx_blocks(path, file)))


def text_blocks(text: str) -> Iterator[Block]:
    """Blocks of a plain-text plan; runs of lines with '|' cells become a table."""
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if _TABLE_ROW.match(raw) and "|" in raw:
            if not _RULE.match(raw):  # "|---|---|" separators carry nothing
                rows.append(tuple(clean(c) for c in raw.strip().strip("|").split("|")))
                numbers.append(number)
            continue
        if rows:
            yield Table(numbers[0], tuple(rows), tuple(numbers))
            rows, numbers = [], []
        line = make_line(number, raw)
        if line:
            yield line
    if rows:
        yield Table(numbers[0], tuple(rows), tuple(numbers))


# --- .docx -------------------------------------------------------------------------


def _docx_blocks(path: Path, file: str) -> Iterator[Block]:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError.one("E501", file, detail=Say("tệp quá lớn", "file too large"))
        with zipfile.ZipFile(path) as archive:  # sized up before python-docx parses it
            oversized = too_big(archive)
        if oversized is not None:
            raise InputError.one("E501", file, detail=oversized)
        document = docx.Document(str(path))
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError.one("E011", file, what="tệp", path=file, hint="") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        detail = Say("không phải tệp .docx hợp lệ", f"not a valid .docx ({exc})")
        raise InputError.one("E501", file, detail=detail) from None
    except OSError as exc:
        raise InputError.one("E010", file, detail=exc.strerror or str(exc)) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        detail = Say("không phải tệp .docx hợp lệ", f"not a valid .docx ({exc})")
        raise InputError.one("E501", file, detail=detail) from None

    numbering = _Numbering(document)
    number = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            number += 1
            paragraph = Paragraph(child, document)
            line = make_line(number, numbering.label(paragraph) + paragraph.text)
            if line:
                yield line
        elif tag == "tbl":
            number += 1
            first = number
            rows, numbers = [], []
            for row in DocxTable(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append("\n".join(clean(p.text) for p in cell.paragraphs if clean(p.text)))
                rows.append(tuple(cells))
                numbers.append(number)
                number += 1
            yield Table(first, tuple(rows), tuple(numbers))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Numbering:
    """Word's automatic list numbers ("1.", "a)", "-"), which are not in a paragraph's text."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        self.styles = document.styles
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            abstract_id = abstract.get(f"{_W}abstractNumId")
            for level in abstract.iter(f"{_W}lvl"):
                ilvl = int(level.get(f"{_W}ilvl", "0"))
                fmt = _val(level, "numFmt") or "decimal"
                text = _val(level, "lvlText") or ""
                start = int(_val(level, "start") or "1")
                self.formats[(abstract_id, ilvl)] = (fmt, text, start)
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.abstract_of[num.get(f"{_W}numId")] = ref.get(f"{_W}val")

    def label(self, paragraph: Any) -> str:
        """The list label Word would show before ``paragraph``, with a space, or ''."""
        num_id, ilvl = self._num_pr(paragraph)
        abstract = self.abstract_of.get(num_id or "")
        if abstract is None:
            return ""
        fmt, text, _start = self.formats.get((abstract, ilvl), ("decimal", "%1.", 1))
        counters = self.counters.setdefault(abstract, [])
        while len(counters) <= ilvl:
            level = len(counters)
            counters.append(self.formats.get((abstract, level), ("", "", 1))[2] - 1)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = self.formats.get((abstract, deeper), ("", "", 1))[2] - 1
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""

        def level_value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = self.formats.get((abstract, level), ("decimal", "", 1))[0]
            return _format_number(counters[level] if level < len(counters) else 1, level_fmt)

        return re.sub(r"%([1-9])", level_value, text) + " "

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        candidates = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:  # numbering given by the style or a style it is based on
            candidates.append(style.element.pPr)
            style = style.base_style
        for ppr in candidates:
            num_pr = ppr.numPr if ppr is not None else None
            if num_pr is not None and num_pr.numId is not None:
                ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
                return str(num_pr.numId.val), int(ilvl)
        return None, 0


def _val(element: Any, name: str) -> str | None:
    found = element.find(f"{_W}{name}")
    return None if found is None else found.get(f"{_W}val")


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26]
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for amount, symbol in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= amount:
            out += symbol
            value -= amount
    return out

"""Opening a workbook that came by e-mail: checked as a package before it is parsed.

Whatever a unit sends as its form (a renamed PDF, an .xls, an .ods, a password-protected
or half-downloaded file, a zip bomb) is refused here with a clear reason, before
openpyxl parses a byte of it: the number of parts, their declared unpacked sizes and
DTDs are checked first, and zipfile never inflates a part past its declared size, so a
hostile file cannot hang the run or fill the memory. What passes is read into plain
:class:`Sheet` data: the values the spreadsheet program computed and saved, the formulas
that have no computed value, and the merged ranges.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

from baocao.errors import BaocaoError, InputError
from baocao.input.files import MAX_FILE_BYTES
from baocao.messages import Say

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""Largest sum of all parts' declared sizes; zipfile never inflates a part past its size."""
MAX_XML_BYTES = 10 * 1024 * 1024
"""Largest sum of the parts other than pictures: what openpyxl parses. A filled form of
5,000 rows is about 2 MB; 10 MB reads in a few seconds."""
MAX_PARTS = 1000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE container holding a stream of this (UTF-16) name.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


@dataclass(frozen=True)
class CellError:
    """A cell showing a spreadsheet error (#DIV/0!, #REF!, ...)."""

    text: str


@dataclass
class Sheet:
    """One worksheet as plain data: the values that are there, the formulas that have no
    computed value, and the merged ranges (first row, first column, last row, last column)."""

    title: str
    values: dict[tuple[int, int], Any]
    formulas: dict[tuple[int, int], str]
    merges: list[tuple[int, int, int, int]]
    by_row: dict[int, dict[int, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for (row, col), value in sorted(self.values.items()):
            self.by_row.setdefault(row, {})[col] = value

    def get(self, row: int, col: int) -> Any:
        return self.values.get((row, col))

    def row(self, row: int) -> dict[int, Any]:
        """The row's values by column, left to right."""
        return self.by_row.get(row, {})

    def rows(self) -> list[int]:
        """The rows that hold a value or a formula, top to bottom."""
        return sorted(set(self.by_row) | {r for r, _ in self.formulas})


def load_sheets(data: bytes, file: str) -> list[Sheet]:
    """The workbook's sheets; an :class:`InputError` at ``file`` when it is not one we read."""
    formulas = check_package(data, file)
    try:
        return _load_sheets(data, formulas)
    except Exception as exc:  # openpyxl fails in many ways on a broken file
        detail = f"{type(exc).__name__}: {exc}"
        raise InputError.one(
            "E608", file, detail=detail[:159] + "…" * (len(detail) > 159)
        ) from None


def check_package(data: bytes, file: str) -> bool:
    """Refuse what is not a readable .xlsx package; whether any sheet holds a formula
    (only then is the workbook read a second time, to find formulas without values)."""
    if not data:
        raise InputError.one("E005", file)
    if len(data) > MAX_FILE_BYTES:
        raise InputError.one(
            "E007", file, size=round(len(data) / 1048576, 1), limit=MAX_FILE_BYTES >> 20
        )
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED in data:
            raise InputError.one("E603", file)
        raise InputError.one("E602", file, kind=".xls (Excel 97–2003)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _check_archive(archive, file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        if data.startswith(b"PK"):
            raise InputError.one("E604", file) from None
        raise _not_a_zip(data, file) from None


def _not_a_zip(data: bytes, file: str) -> BaocaoError:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        return InputError.one("E602", file, kind="XML (Excel 2003)")
    if head.startswith((b"<html", b"<!doctype html", b"<table")):
        return InputError.one("E602", file, kind="HTML")
    return InputError.one("E601", file)


def _check_archive(archive: zipfile.ZipFile, file: str) -> bool:
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise InputError.one("E606", file, count=len(entries), limit=MAX_PARTS)
    parsed = [e for e in entries if not e.filename.startswith("xl/media/")]
    for chosen, limit in ((entries, MAX_UNPACKED_BYTES), (parsed, MAX_XML_BYTES)):
        unpacked = sum(entry.file_size for entry in chosen)
        if unpacked > limit:
            size = round(unpacked / 1048576, 1)
            raise InputError.one("E605", file, size=size, limit=limit >> 20)
    _check_kind(archive, {entry.filename for entry in entries}, file)
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise InputError.one("E603", file)
    return _check_parts(archive, parsed, file)


def _check_kind(archive: zipfile.ZipFile, names: set[str], file: str) -> None:
    """Refuse a zip that is some other document: OpenDocument, binary Excel, Word..."""
    if "mimetype" in names:
        if b"spreadsheet" in archive.read("mimetype")[:100]:
            raise InputError.one("E602", file, kind=".ods (OpenDocument)")
        raise InputError.one("E601", file)
    if "xl/workbook.bin" in names:
        raise InputError.one(
            "E602", file, kind=Say(".xlsb (Excel nhị phân)", ".xlsb (Excel Binary)")
        )
    if "xl/workbook.xml" not in names:
        raise InputError.one("E601", file)


def _check_parts(archive: zipfile.ZipFile, entries: Sequence[zipfile.ZipInfo], file: str) -> bool:
    """Every parsed part inflated once: a damaged part is found here, not inside openpyxl,
    and no XML part may declare a DTD (the road to entity expansion attacks)."""
    formulas = False
    for entry in entries:
        try:
            content = archive.read(entry)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, ValueError):
            raise InputError.one("E604", file) from None
        if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
            raise InputError.one("E607", file, part=entry.filename)
        if entry.filename.startswith("xl/worksheets/") and _FORMULA.search(content):
            formulas = True
    return formulas


def _load_sheets(data: bytes, formulas: bool) -> list[Sheet]:
    """The workbook's sheets: the values the program computed and saved, and when there
    are formulas, a second reading to know which cells hold one."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown extensions, print settings of other programs
        computed = load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
        written = load_workbook(io.BytesIO(data), keep_links=False) if formulas else None
    sheets = []
    for ws in computed.worksheets:
        values, formulas_at = _sheet_cells(ws, written[ws.title] if written else None)
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(Sheet(ws.title, values, formulas_at, merges))
    return sheets


def _sheet_cells(computed: Any, written: Any) -> tuple[dict[Any, Any], dict[Any, str]]:
    # Only the cells the file holds: iterating rows up to max_row would create every
    # empty cell of a sheet that has one stray value far down.
    values: dict[tuple[int, int], Any] = {}
    for key, cell in computed._cells.items():
        if cell.value is None:
            continue
        values[key] = CellError(str(cell.value)) if cell.data_type == "e" else cell.value
    formulas = {}
    for key, cell in written._cells.items() if written is not None else ():
        if cell.data_type == "f" and key not in values:
            text = str(getattr(cell.value, "text", None) or cell.value)
            formulas[key] = text if len(text) <= 60 else text[:59] + "…"
    return values, formulas

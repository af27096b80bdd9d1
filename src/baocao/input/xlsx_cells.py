"""Cells as people type them: dates, figures and text read the way the log means them.

Each reader returns a :class:`Value`: what the log takes, or the problem that stops it
(with the same codes as the YAML logs: E104 for a figure, E105/E106 for a date), and a
warning when the cell was read but should be typed otherwise ("1.500" is 1500, W601).
Also here: how the form reader compares headers loosely, and collects its findings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.utils import get_column_letter

from baocao.core.models import MAX_COUNT, MAX_YEAR, MIN_YEAR, parse_date
from baocao.core.vietnamese import nfc, short_date
from baocao.errors import Place, Problem
from baocao.input.xlsx_guard import CellError, Sheet
from baocao.messages import Say

HEADER_SCAN_ROWS = 40
"""Rows searched for a table's header, so a row inserted above it does no harm."""


@dataclass(frozen=True)
class Value:
    """A cell read as the log wants it, or the problem that stops it."""

    value: Any = None
    code: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    warning: tuple[str, Mapping[str, Any]] | None = None


class Found:
    """Problems as they are found in one workbook, each at its sheet and cell."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(
        self,
        code: str,
        sheet: str | None = None,
        row: int | None = None,
        col: int | None = None,
        /,
        **params: Any,
    ) -> None:
        self.items.append(Problem(code, Place(self.file, row, col, sheet), params))

    def place(self, sheet: str, row: int, col: int) -> Place:
        return Place(self.file, row, col, sheet)

    def value(self, parsed: Value, sheet: str, row: int, col: int) -> Any:
        """``parsed``'s value, its problem and warning added at the cell."""
        if parsed.code:
            self.add(parsed.code, sheet, row, col, **parsed.params)
        if parsed.warning:
            self.add(parsed.warning[0], sheet, row, col, **parsed.warning[1])
        return parsed.value

    def errors_since(self, start: int) -> bool:
        return any(p.severity == "error" for p in self.items[start:])


# --- comparing and finding ----------------------------------------------------------------


def fold(value: Any) -> str:
    """Text compared loosely: no diacritics, case or extra spaces ("Nội  dung:" = "noi dung")."""
    text = unicodedata.normalize("NFD", str(value).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(bare.split()).strip(" :*")


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def short(text: str, limit: int = 80) -> str:
    """A user's text cut to a length a message can show."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_name(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def find_header(
    sheet: Sheet, wanted: Sequence[str], prefix: bool = False
) -> tuple[int, dict[int, str]] | None:
    """The first row (of the first rows) holding every header in ``wanted``, compared
    loosely (with ``prefix``, a cell may go on: "Khó khăn, vướng mắc (nếu có)"), and that
    row's non-empty cells by column."""
    keys = [fold(w) for w in wanted]
    for row in (r for r in sorted(sheet.by_row) if r <= HEADER_SCAN_ROWS):
        cells = {c: str(v) for c, v in sheet.row(row).items() if not blank(v)}
        folded = [fold(v) for v in cells.values()]
        if all(any(f == k or (prefix and f.startswith(k)) for f in folded) for k in keys):
            return row, cells
    return None


def columns_of(cells: Mapping[int, str], headers: Sequence[str]) -> list[int]:
    """The column of each header (compared loosely, as a prefix) in a header row."""
    return [
        next(c for c, v in cells.items() if fold(v).startswith(fold(header))) for header in headers
    ]


# --- values -----------------------------------------------------------------------------

_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")
_AMBIGUOUS = re.compile(r"\d+([.,]\d+)+")
_NEGATIVE = re.compile(r"-\s*\d[\d.,]*")
_WHOLE_HINT = Say("; số liệu là số nguyên", "; figures are whole numbers")
_SEPARATOR_HINT = Say(
    "; không rõ dấu chấm, dấu phẩy là phần thập phân hay phân cách hàng nghìn: viết số "
    "liền, ví dụ 1500",
    "; a dot or comma here could be a decimal or a thousands separator: write digits "
    "only, e.g. 1500",
)
_DIGITS_HINT = Say(
    "; chỉ ghi số, đơn vị tính đã có ở tiêu đề cột",
    "; write the number only, the unit is in the header",
)


def count(value: Any, field_name: str) -> Value:
    """A figure cell as a whole number in 0..MAX_COUNT (None when empty).

    Text is read as digits; Vietnamese thousands dots ("1.500") are read with a warning,
    and a dot or comma that could as well be a decimal mark ("1,5", "1.50") is refused.
    """
    if blank(value):
        return Value()
    if isinstance(value, CellError):
        return Value(code="E619", params={"got": value.text})
    if isinstance(value, str):
        return _count_text(nfc(value.replace("\u00a0", " ")).strip(), field_name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        got = short_date(value) if isinstance(value, date) else str(value)
        return _bad_count(field_name, got)
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        shown = repr(value)
        return _bad_count(field_name, Say(shown.replace(".", ","), shown), _WHOLE_HINT)
    return _in_range(int(value), field_name, str(int(value)))


def _count_text(text: str, field_name: str) -> Value:
    if text.isascii() and text.isdigit():
        return _in_range(int(text), field_name, text)
    if _GROUPED.fullmatch(text):
        number = int(text.replace(".", ""))
        checked = _in_range(number, field_name, text)
        warning = ("W601", {"field": field_name, "got": text, "value": number})
        return Value(checked.value, checked.code, checked.params, warning)
    if _NEGATIVE.fullmatch(text):
        return _bad_count(field_name, text)
    if _AMBIGUOUS.fullmatch(text):
        return _bad_count(field_name, text, _SEPARATOR_HINT)
    hint = _DIGITS_HINT if any(c.isdigit() for c in text) else ""
    return _bad_count(field_name, short(text), hint)


def _in_range(number: int, field_name: str, got: str) -> Value:
    if 0 <= number <= MAX_COUNT:
        return Value(number)
    return _bad_count(field_name, got)


def _bad_count(field_name: str, got: Any, hint: Any = "") -> Value:
    return Value(code="E104", params={"field": field_name, "got": got, "hint": hint})


def day(value: Any, field_name: str, year: int | None) -> Value:
    """A date cell (a date, or text as the YAML log accepts it); in ``year`` when given.

    A number is a date only in a date-formatted cell, which the program hands over as a
    date already: 44275 in a General cell is refused rather than guessed.
    """
    if isinstance(value, CellError):
        return Value(code="E619", params={"got": value.text})
    found: date | None = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, str):
        found = _text_date(nfc(value))
    if found is None:
        got = short(str(value)) if not isinstance(value, time | timedelta) else str(value)
        return Value(code="E105", params={"field": field_name, "got": got})
    if year is not None and found.year != year:
        return Value(
            code="E106", params={"field": field_name, "got": short_date(found), "year": year}
        )
    if not MIN_YEAR <= found.year <= MAX_YEAR:
        return Value(code="E118", params={"field": field_name, "got": short_date(found)})
    return Value(found)


def _text_date(text: str) -> date | None:
    try:
        return parse_date(text.strip())
    except ValueError:  # pydantic's custom error is a ValueError
        return None


def text(value: Any) -> Value:
    """A text cell as NFC text; a date or number typed there reads as people write it."""
    if isinstance(value, CellError):
        return Value(code="E619", params={"got": value.text})
    if isinstance(value, datetime | date):
        return Value(short_date(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Value(nfc(str(value)).strip())

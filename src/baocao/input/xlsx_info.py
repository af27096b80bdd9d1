"""The form's "Thông tin" sheet: the unit code (checked), submission dates, difficulties
and proposals.

Difficulties and proposals are one row each, under a "Kỳ" column: rows that name no
period make a plain list (the whole year), rows that name one make a list per period;
a row without a period among rows with one is refused, since its period cannot be
guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from baocao.core import keys
from baocao.core.period import Period
from baocao.core.vietnamese import nfc
from baocao.errors import Place
from baocao.input.form_layout import NOTES_HEADERS, SENT_HEADERS, UNIT_CODE_LABEL, period_label
from baocao.input.validate import _hint as hint
from baocao.input.xlsx_cells import Found, blank, columns_of, day, find_header, fold, short, text
from baocao.input.xlsx_guard import Sheet
from baocao.input.yamlbase import PathKey
from baocao.messages import Say

# Other ways people name the periods, compared loosely (no diacritics, any case).
_PERIOD_WORDS = {
    Period.HALF_YEAR: ("6 thang dau nam", "sau thang", "sau thang dau nam"),
    Period.YEAR: ("ca nam", "1 nam"),
    Period.Q1: ("quy 1",),
    Period.Q2: ("quy 2",),
    Period.Q3: ("quy 3",),
    Period.Q4: ("quy 4",),
}
_LIST_KEYS = (keys.DIFFICULTIES, keys.PROPOSALS)


@dataclass
class Info:
    """What the sheet holds, in the log's shape, and the cell of each value."""

    sent: dict[str, date] = field(default_factory=dict)
    lists: dict[str, Any] = field(default_factory=dict)
    places: dict[PathKey, Place] = field(default_factory=dict)


@dataclass
class _Entry:
    period: Period | None  # None: the row names a period the plan does not have
    named: bool  # whether the row names a period at all
    text: str
    row: int
    col: int


class InfoSheet:
    """Reads one "Thông tin" sheet of the form of ``unit``."""

    def __init__(self, sheet: Sheet, found: Found, unit: str, periods: Sequence[Period]) -> None:
        self.sheet, self.found, self.unit, self.periods = sheet, found, unit, list(periods)
        self.info = Info()

    def read(self) -> Info:
        self._check_unit()
        self._read_sent()
        self._read_lists()
        return self.info

    def _add(self, code: str, row: int, col: int, /, **params: Any) -> None:
        self.found.add(code, self.sheet.title, row, col, **params)

    def _place(self, row: int, col: int) -> Place:
        return self.found.place(self.sheet.title, row, col)

    def _check_unit(self) -> None:
        """The code shown beside "Mã đơn vị" must be the form's own: a unit that filled in
        another unit's form and changed the code is told so, not filed as the other."""
        for row in sorted(self.sheet.by_row):
            cells = self.sheet.row(row)
            label = next((c for c, v in cells.items() if fold(v) == fold(UNIT_CODE_LABEL)), None)
            if label is None:
                continue
            right = [(c, v) for c, v in cells.items() if c > label and not blank(v)]
            col, got = (right[0][0], nfc(str(right[0][1])).strip()) if right else (label + 1, "")
            if got != self.unit:
                self._add("E612", row, col, got=got or Say("trống", "empty"), unit=self.unit)
            else:
                self.info.places[(keys.UNITS,)] = self._place(row, col)
                self.info.places[(keys.YEAR,)] = self._place(row + 1, col)
            return

    def _period(self, value: Any, row: int, col: int) -> tuple[Period | None, bool]:
        """The period a cell names ("6 tháng", "Năm", "6m"...), and whether it names one."""
        if blank(value):
            return None, False
        folded = fold(value)
        for period in self.periods:
            if folded in (fold(period_label(period)), fold(period.value), *_PERIOD_WORDS[period]):
                return period, True
        labels = [period_label(p) for p in self.periods]
        self._add("E115", row, col, key=short(nfc(str(value))), hint=hint(str(value), labels))
        return None, True

    def _read_sent(self) -> None:
        header = find_header(self.sheet, SENT_HEADERS, prefix=True)
        if header is None:
            self._add("E615", 1, 1, header=" | ".join(SENT_HEADERS))
            return
        row, cells = header
        period_col, date_col = columns_of(cells, SENT_HEADERS)
        while True:
            row += 1
            label, raw = self.sheet.get(row, period_col), self.sheet.get(row, date_col)
            if blank(label) and blank(raw) and (row, date_col) not in self.sheet.formulas:
                return
            period, _ = self._period(label, row, period_col)
            if period is not None:
                self._sent(period, raw, row, date_col)

    def _sent(self, period: Period, raw: Any, row: int, col: int) -> None:
        if (row, col) in self.sheet.formulas:
            self._add("E618", row, col, formula=self.sheet.formulas[(row, col)])
            return
        if blank(raw):
            return
        value = self.found.value(
            day(raw, f"{keys.SENT}.{period.value}", None), self.sheet.title, row, col
        )
        if value is not None:
            self.info.sent[period.value] = value
            self.info.places[(keys.SENT, period.value)] = self._place(row, col)

    def _read_lists(self) -> None:
        header = find_header(self.sheet, NOTES_HEADERS, prefix=True)
        if header is None:
            self._add("E615", 1, 1, header=" | ".join(NOTES_HEADERS))
            return
        top, cells = header
        period_col, *text_cols = columns_of(cells, NOTES_HEADERS)
        entries: dict[int, list[_Entry]] = {c: [] for c in text_cols}
        for row in (r for r in self.sheet.rows() if r > top):
            texts = {col: self._list_text(row, col) for col in text_cols}
            if all(found is None for found in texts.values()):
                continue  # a period chosen in an empty line says nothing
            period, named = self._period(self.sheet.get(row, period_col), row, period_col)
            for col, found in texts.items():
                if found is not None:
                    entries[col].append(_Entry(period, named, found, row, col))
        for key, col, title in zip(_LIST_KEYS, text_cols, NOTES_HEADERS[1:], strict=True):
            self._store_list(key, entries[col], period_col, title)

    def _list_text(self, row: int, col: int) -> str | None:
        if (row, col) in self.sheet.formulas:
            self._add("E618", row, col, formula=self.sheet.formulas[(row, col)])
            return None
        raw = self.sheet.get(row, col)
        if blank(raw):
            return None
        value = self.found.value(text(raw), self.sheet.title, row, col)
        return str(value) if value is not None else None

    def _store_list(self, key: str, entries: list[_Entry], period_col: int, title: str) -> None:
        """A plain list when no row names a period, else a list per period."""
        if not entries:
            return
        if not any(entry.named for entry in entries):
            self.info.lists[key] = [entry.text for entry in entries]
            for index, entry in enumerate(entries):
                self.info.places[(key, index)] = self._place(entry.row, entry.col)
            return
        by_period: dict[Period, list[str]] = {}
        choices = ", ".join(period_label(p) for p in self.periods)
        for entry in entries:
            if not entry.named:
                self._add("E622", entry.row, period_col, column=title, choices=choices)
            elif entry.period is not None:
                items = by_period.setdefault(entry.period, [])
                where = (key, entry.period.value, len(items))
                self.info.places[where] = self._place(entry.row, entry.col)
                items.append(entry.text)
        self.info.lists[key] = {p.value: by_period[p] for p in self.periods if p in by_period}

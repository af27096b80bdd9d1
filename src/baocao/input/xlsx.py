"""Reading a unit's filled form (.xlsx) back into its activity log, every problem at its cell.

The form comes from ``baocao form`` (:mod:`baocao.plan.forms`). What units send back
is whatever their spreadsheet program made of it: dates typed as text, figures typed
as text or with thousands dots, formulas, merged cells, blank rows, sheets and columns
of their own, a re-save by LibreOffice, or a file that is not a workbook at all
(:mod:`baocao.input.xlsx_guard`). Each is read right or refused with a problem naming
the file, the sheet and the cell: ``xa-an-binh.xlsx:NV1!D7``.

The result is a :class:`FormSource`: the log as plain data with the keys of a YAML
log, and the cell of every value, so that the checks every log goes through
(:mod:`baocao.input.validate`) point at cells too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from baocao.core import keys
from baocao.core.models import Plan, Task
from baocao.core.vietnamese import nfc
from baocao.errors import InputError, Place, Problem
from baocao.input.form_layout import (
    DATE_HEADER,
    FORM_VERSION,
    ID_NUMBER,
    ID_PLAN,
    ID_UNIT,
    ID_VERSION,
    ID_YEAR,
    IDENTITY_SHEET,
    INFO_SHEET,
    NOTE_HEADER,
    TEXT_HEADER,
    indicator_header,
    plan_fingerprint,
    plan_periods,
)
from baocao.input.validate import _hint as hint
from baocao.input.xlsx_cells import (
    Found,
    blank,
    cell_name,
    count,
    day,
    find_header,
    fold,
    short,
    text,
)
from baocao.input.xlsx_guard import CellError, Sheet, load_sheets
from baocao.input.xlsx_info import InfoSheet
from baocao.input.yamlbase import PathKey

MAX_ROWS = 5000
"""Activity rows one sheet may hold below its header."""

_DATE, _TEXT, _NOTE = keys.DAY, keys.TEXT, "ghi chú"  # column roles besides the indicators


@dataclass
class FormSource:
    """A filled form read into a unit's log: the input stage's
    :class:`~baocao.input.sources.Source`, placed by sheet and cell."""

    file: str
    data: dict[str, Any]
    places: dict[PathKey, Place]
    problems: list[Problem] = field(default_factory=list)
    """Everything reading found, in the workbook's order; the rows of cells that could
    not be read are left out of ``data``."""
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    notes: list[tuple[Place, str]] = field(default_factory=list)
    """The "Ghi chú" cells that hold text: the unit's own notes, which the log has no
    field for, shown to the clerk rather than lost silently."""

    def place(self, path: PathKey, *, key: bool = False) -> Place:
        """The cell of the value at ``path``, or of the deepest part of it that has one."""
        for end in range(len(path), 0, -1):
            found = self.places.get(tuple(path[:end]))
            if found is not None:
                return found
        return Place(self.file)

    def raw_text(self, path: PathKey) -> str:
        """The value at ``path`` as read (the form keeps no other text of it)."""
        value: Any = self.data
        for step in path:
            try:
                value = value[step]
            except (KeyError, IndexError, TypeError):
                return ""
        return short(str(value)) if not isinstance(value, dict | list) else ""


def read_form(raw: bytes, file: str, plan: Plan) -> FormSource:
    """Read a filled form against ``plan``; ``file`` names it in messages.

    A file that is not a readable form of this plan raises :class:`InputError`.
    Otherwise every cell is read; the cells that cannot be are in ``errors``, and their
    rows are left out of the log.
    """
    found = Found(file)
    sheets = load_sheets(raw, file)
    by_title = {s.title: s for s in sheets}
    identity = by_title.get(IDENTITY_SHEET)
    if identity is None:
        raise InputError.one("E609", file)
    form_unit = _check_identity(_identity_values(identity), plan, file)
    reader = _FormReader(plan, form_unit, found)
    for sheet in sheets:
        if sheet.title != IDENTITY_SHEET:
            reader.read(sheet)
    return reader.result([s.title for s in sheets])


def _identity_values(sheet: Sheet) -> dict[str, str]:
    return {
        str(sheet.get(row, 1)).strip(): str(sheet.get(row, 2)).strip()
        for row in sheet.rows()
        if sheet.get(row, 1) is not None and sheet.get(row, 2) is not None
    }


def _check_identity(ident: Mapping[str, str], plan: Plan, file: str) -> str:
    """The form's unit, when the form is one we read, for this plan."""
    if ident.get(ID_VERSION) != str(FORM_VERSION):
        raise InputError.one("E613", file, got=ident.get(ID_VERSION, "?"), supported=FORM_VERSION)
    if ident.get(ID_PLAN) != plan_fingerprint(plan):
        form_plan = f"số {ident.get(ID_NUMBER, '?')} năm {ident.get(ID_YEAR, '?')}"
        this_plan = f"số {plan.number} năm {plan.year}"
        raise InputError.one("E610", file, form_plan=form_plan, plan=this_plan)
    form_unit = ident.get(ID_UNIT, "")
    if form_unit not in {u.code for u in plan.units}:
        raise InputError.one("E109", file, key=form_unit, hint="")
    return form_unit


class _FormReader:
    """Reads the visible sheets of one form into the parts of a log."""

    def __init__(self, plan: Plan, unit: str, found: Found) -> None:
        self.plan, self.unit, self.found = plan, unit, found
        self.tasks = {fold(t.code): t for t in plan.tasks}
        self.activities: dict[str, list[dict[str, Any]]] = {}
        self.sent: dict[str, Any] = {}
        self.lists: dict[str, Any] = {}
        self.places: dict[PathKey, Place] = {}
        self.notes: list[tuple[Place, str]] = []
        self.seen: set[str] = set()

    def read(self, sheet: Sheet) -> None:
        if fold(sheet.title) == fold(INFO_SHEET):
            self.seen.add(INFO_SHEET)
            periods = plan_periods(self.plan)
            info = InfoSheet(sheet, self.found, self.unit, periods).read()
            self.sent, self.lists = info.sent, info.lists
            self.places.update(info.places)
            return
        task = self.tasks.get(fold(sheet.title))
        if task is not None and task.code not in self.seen:
            self.seen.add(task.code)
            _TaskSheet(self, sheet, task).read()
        elif find_header(sheet, (DATE_HEADER, TEXT_HEADER)) is not None:
            near = hint(sheet.title, [t.code for t in self.plan.tasks])
            self.found.add("E107", sheet.title, 1, 1, key=short(sheet.title), hint=near)
        elif sheet.values:
            self.found.add("W602", sheet.title, sheet_name=sheet.title)

    def result(self, order: Sequence[str]) -> FormSource:
        for title in (INFO_SHEET, *(t.code for t in self.plan.tasks)):
            if title not in self.seen:
                self.found.add("E614", sheet_name=title)
        log: dict[str, Any] = {keys.UNITS: self.unit, keys.YEAR: self.plan.year}
        if self.sent:
            periods = [p.value for p in plan_periods(self.plan)]
            log[keys.SENT] = {p: self.sent[p] for p in periods if p in self.sent}
        tasks = {t.code: self.activities.get(t.code, []) for t in self.plan.tasks}
        if any(tasks.values()):
            log[keys.TASKS] = {code: items for code, items in tasks.items() if items}
        log.update(self.lists)
        rank = {title: i for i, title in enumerate(order)}
        problems = sorted(
            self.found.items,
            key=lambda p: (rank.get(p.place.sheet or "", -1), p.line or 0, p.column or 0),
        )
        return FormSource(
            self.found.file,
            log,
            self.places,
            problems=problems,
            warnings=[p for p in problems if p.severity == "warning"],
            errors=[p for p in problems if p.severity == "error"],
            notes=self.notes,
        )


class _TaskSheet:
    """One task's sheet: its header row, then one activity per row that has content."""

    def __init__(self, form: _FormReader, sheet: Sheet, task: Task) -> None:
        self.form, self.sheet, self.task = form, sheet, task
        self.columns: dict[int, str] = {}  # column -> _DATE, _TEXT, _NOTE or an indicator
        self.header_row = 0
        self.items: list[dict[str, Any]] = form.activities.setdefault(task.code, [])

    def _add(self, code: str, row: int, col: int, /, **params: Any) -> None:
        self.form.found.add(code, self.sheet.title, row, col, **params)

    def read(self) -> None:
        header = find_header(self.sheet, (DATE_HEADER, TEXT_HEADER))
        if header is None:
            self._add("E615", 1, 1, header=f"{DATE_HEADER} | {TEXT_HEADER} | …")
            return
        self.header_row, cells = header
        unknown = self._map_columns(cells)
        rows = [r for r in self.sheet.rows() if r > self.header_row]
        if rows and rows[-1] - self.header_row > MAX_ROWS:
            self._add("E621", rows[-1], 1, row=rows[-1], limit=MAX_ROWS)
            return
        self._check_merges()
        self._warn_unmapped(rows, unknown)
        for row in rows:
            self._read_row(row)

    def _expected(self) -> dict[str, str]:
        """Loose header text -> column role; an indicator answers to several spellings."""
        roles = {fold(DATE_HEADER): _DATE, fold(TEXT_HEADER): _TEXT, fold(NOTE_HEADER): _NOTE}
        for ind in self.task.counted:
            label, unit = ind.label, ind.unit_of_measure
            for spelling in (indicator_header(ind), label, f"{label} ({unit})", f"số {label}"):
                roles.setdefault(fold(spelling), ind.code)
            roles.setdefault(fold(ind.code), ind.code)
        return roles

    def _map_columns(self, cells: Mapping[int, str]) -> dict[int, str]:
        """Columns found by their headers; the headers of no column of the form returned."""
        roles = self._expected()
        first_at: dict[str, int] = {}
        unknown: dict[int, str] = {}
        for col, header in cells.items():
            role = roles.get(fold(header))
            if role is None:
                unknown[col] = nfc(header)
            elif role in first_at:
                other = cell_name(self.header_row, first_at[role])
                self._add("E617", self.header_row, col, header=short(nfc(header)), other=other)
            else:
                first_at[role] = col
                self.columns[col] = role
        for position, ind in enumerate(self.task.counted, start=3):
            if ind.code not in first_at:
                self._add(
                    "E616", self.header_row, position, header=indicator_header(ind), key=ind.code
                )
        return unknown

    def _figure_columns(self) -> set[int]:
        return {c for c, role in self.columns.items() if role not in (_DATE, _TEXT, _NOTE)}

    def _check_merges(self) -> None:
        figures = self._figure_columns()
        for r1, c1, r2, c2 in self.sheet.merges:
            if r2 > r1 and r1 > self.header_row and figures & set(range(c1, c2 + 1)):
                span = f"{cell_name(r1, c1)}:{cell_name(r2, c2)}"
                self._add("E620", r1, c1, range=span)

    def _warn_unmapped(self, rows: Sequence[int], unknown: Mapping[int, str]) -> None:
        """One warning per column outside the form that holds data below the header."""
        first_row: dict[int, int] = {}
        for row in rows:
            for col, value in self.sheet.row(row).items():
                if col not in self.columns and not blank(value):
                    first_row.setdefault(col, row)
        for col, first in sorted(first_row.items()):
            if col in unknown:
                self._add("W603", first, col, header=short(unknown[col]))
            else:
                self._add("W604", first, col, column=cell_name(1, col)[:-1])

    def _cell(self, row: int, col: int, fill: bool = False) -> Any:
        """The value at (row, col); ``fill``: a merged range's value reaches all its rows."""
        value = self.sheet.get(row, col)
        if value is None and fill:
            for r1, c1, r2, c2 in self.sheet.merges:
                if c1 <= col <= c2 and r1 < row <= r2 and r1 > self.header_row:
                    return self.sheet.get(r1, c1)
        return value

    def _read_row(self, row: int) -> None:
        content = [c for c, role in self.columns.items() if role != _NOTE]
        notes = [c for c, role in self.columns.items() if role == _NOTE]
        for col in notes:
            self._note(row, col)
        if all(blank(self.sheet.get(row, c)) for c in content):
            return  # a blank line, or formulas left in an empty line
        start = len(self.form.found.items)
        values: dict[str, Any] = {}
        for col in content:
            if (row, col) in self.sheet.formulas:
                self._add("E618", row, col, formula=self.sheet.formulas[(row, col)])
            else:
                values[self.columns[col]] = self._value(row, col, self.columns[col])
        if not self.form.found.errors_since(start):
            self._keep(row, values)

    def _value(self, row: int, col: int, role: str) -> Any:
        field_name = f"{self.task.code}.{role}"
        raw = self._cell(row, col, fill=role in (_DATE, _TEXT))
        if role in (_DATE, _TEXT) and blank(raw):
            self._add("E117", row, col, field=field_name)
            return None
        if role == _DATE:
            parsed = day(raw, field_name, self.form.plan.year)
        elif role == _TEXT:
            parsed = text(raw)
        else:
            parsed = count(raw, field_name)
        return self.form.found.value(parsed, self.sheet.title, row, col)

    def _note(self, row: int, col: int) -> None:
        value = self.sheet.get(row, col)
        if not blank(value) and not isinstance(value, CellError):
            place = self.form.found.place(self.sheet.title, row, col)
            self.form.notes.append((place, str(text(value).value)))

    def _keep(self, row: int, values: Mapping[str, Any]) -> None:
        index = len(self.items)
        item: dict[str, Any] = {keys.DAY: values[_DATE], keys.TEXT: values[_TEXT]}
        codes = [ind.code for ind in self.task.counted]
        figures = {code: values[code] for code in codes if values.get(code) is not None}
        if figures:
            item[keys.FIGURES] = figures
        self.items.append(item)
        where: PathKey = (keys.TASKS, self.task.code, index)
        places = self.form.places
        places[where] = self.form.found.place(self.sheet.title, row, 1)
        for col, role in self.columns.items():
            cell = self.form.found.place(self.sheet.title, row, col)
            if role in (_DATE, _TEXT):
                places[(*where, keys.DAY if role == _DATE else keys.TEXT)] = cell
            elif role in figures:
                places[(*where, keys.FIGURES, role)] = cell

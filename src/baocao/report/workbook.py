"""The companion spreadsheet (.xlsx): every unit's figures and submission, beside a report
whose units are too many to list in its appendix (see :mod:`baocao.report.appendix`).

Sheets: "Tổng hợp" (each task's totals), one per task named by its code (a row per unit:
activities and every indicator), "Gửi báo cáo" (a row per unit: sent on, state, days
late) and "Khó khăn, đề xuất" (a row per unit and note). Numbers are numbers and dates
are dates, so Excel sums, sorts and filters them; each sheet's header row is frozen and
carries filters. Rows go to the file as they are made (openpyxl's write-only mode), and
the same data give the same bytes: no clock time, zip entries in a fixed order and date.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from baocao.report.aggregate import Aggregate, Note, TaskStatus
from baocao.report.appendix import STATES
from baocao.report.render import normalize_docx_zip

TASK_STATES = {
    TaskStatus.DONE: "Đã hoàn thành",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.NOT_DUE: "Chưa đến thời gian thực hiện",
    TaskStatus.NOT_DONE: "Chưa có kết quả",
}
SUMMARY_SHEET = "Tổng hợp"
SUBMISSIONS_SHEET = "Gửi báo cáo"
NOTES_SHEET = "Khó khăn, đề xuất"
DATE_FORMAT = "DD/MM/YYYY"
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")


def _sheet(
    book: Workbook, title: str, columns: Sequence[tuple[str, float]], rows: int
) -> WriteOnlyWorksheet:
    """A sheet with its header row written, frozen and filtered over ``rows`` data rows."""
    sheet = book.create_sheet(title)
    for index, (_name, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{rows + 1}"
    header = []
    for name, _width in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.alignment = _BOLD, _WRAP
        header.append(cell)
    sheet.append(header)
    return sheet


def _day(sheet: WriteOnlyWorksheet, value: date | None) -> Any:
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def _summary(book: Workbook, agg: Aggregate) -> None:
    rows = sum(max(1, len(t.task.counted)) for t in agg.tasks)
    columns = [
        ("Mã nhiệm vụ", 12),
        ("Nhiệm vụ", 60),
        ("Tình trạng", 22),
        ("Số đơn vị thực hiện", 12),
        ("Số hoạt động", 12),
        ("Chỉ tiêu", 40),
        ("Đơn vị tính", 14),
        ("Tổng số", 14),
    ]
    sheet = _sheet(book, SUMMARY_SHEET, columns, rows)
    for result in agg.tasks:
        task = result.task
        head: list[Any] = [task.code, task.title, TASK_STATES[result.status]]
        head += [len(result.units), len(result.activities)]
        if not task.counted:
            sheet.append([*head, None, None, None])
        for indicator in task.counted:
            tail = [indicator.label, indicator.unit_of_measure, result.totals[indicator.code]]
            sheet.append([*head, *tail])


def _task_sheets(book: Workbook, agg: Aggregate) -> None:
    for result in agg.tasks:
        task = result.task
        columns = [("STT", 6), ("Mã đơn vị", 24), ("Đơn vị", 40), ("Số hoạt động", 12)]
        columns += [
            (f"{i.label[:1].upper()}{i.label[1:]} ({i.unit_of_measure})", 16) for i in task.counted
        ]
        sheet = _sheet(book, task.code[:31], columns, len(agg.units))
        for number, unit in enumerate(agg.units, 1):
            figures = unit.figures[task.code]
            row = [number, unit.unit.code, unit.unit.name, unit.activity_counts[task.code]]
            sheet.append(row + [figures[i.code] for i in task.counted])


def _submissions(book: Workbook, agg: Aggregate) -> None:
    columns = [
        ("STT", 6),
        ("Mã đơn vị", 24),
        ("Đơn vị", 40),
        ("Ngày gửi", 12),
        ("Tình trạng", 16),
        ("Số ngày chậm", 12),
    ]
    sheet = _sheet(book, SUBMISSIONS_SHEET, columns, len(agg.units))
    for number, unit in enumerate(agg.units, 1):
        state = STATES[unit.submission]
        row = [number, unit.unit.code, unit.unit.name, _day(sheet, unit.sent_on), state]
        sheet.append([*row, unit.days_late])


def _note_rows(kind: str, notes: Iterable[Note]) -> Iterable[tuple[str, str, str]]:
    for note in notes:
        for unit in note.units:
            yield kind, note.text, unit


def _notes(book: Workbook, agg: Aggregate) -> None:
    rows = [
        *_note_rows("Khó khăn, vướng mắc", agg.difficulties),
        *_note_rows("Đề xuất, kiến nghị", agg.proposals),
    ]
    columns = [("STT", 6), ("Loại", 20), ("Nội dung", 80), ("Đơn vị", 40)]
    sheet = _sheet(book, NOTES_SHEET, columns, len(rows))
    for number, (kind, text, unit) in enumerate(rows, 1):
        sheet.append([number, kind, text, unit])


def workbook_bytes(agg: Aggregate, *, title: str, author: str, created: datetime) -> bytes:
    """The companion spreadsheet's bytes; the same arguments give the same bytes."""
    book = Workbook(write_only=True)
    props = book.properties
    props.title, props.creator, props.lastModifiedBy = title, author, author
    props.created = props.modified = created
    props.language = "vi-VN"
    _summary(book, agg)
    _task_sheets(book, agg)
    _submissions(book, agg)
    _notes(book, agg)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return normalize_docx_zip(buffer.getvalue())

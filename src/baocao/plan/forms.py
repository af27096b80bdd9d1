"""The unit's spreadsheet form: one .xlsx per reporting unit, made from the plan.

Units that will not write YAML fill this form; :mod:`baocao.input.xlsx` reads it back
into the unit's log. The form is the plan's schema laid out for a person: a sheet
"Thông tin" for the unit, the submission dates, difficulties and proposals, then one
sheet per task (named by its code) with the task above a table of activities. A very
hidden sheet records the plan's fingerprint and the unit's code, so that a form cannot
be filed against another plan or unit. The layout's names are the reader's
(:mod:`baocao.input.form_layout`).

Everything here takes the plan and a log as data and returns bytes: the same inputs
always give the same bytes.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from baocao.core import keys
from baocao.core.models import MAX_COUNT, Plan, Task
from baocao.core.vietnamese import nfc, short_date
from baocao.core.window import Located
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
    MAX_SHEET_NAME,
    NOTE_HEADER,
    NOTES_HEADERS,
    SENT_HEADERS,
    TEXT_HEADER,
    UNIT_CODE_LABEL,
    indicator_header,
    period_label,
    plan_fingerprint,
    plan_periods,
)
from baocao.input.validate import _hint as hint
from baocao.plan.form_cells import (
    BOLD,
    BOX,
    COUNT_FORMAT,
    DATE_FORMAT,
    HINT,
    LEFT,
    PLAIN,
    TITLE,
    WRAP_TOP,
    choice_validation,
    count_validation,
    date_validation,
    fit_height,
    fit_page,
    header_row,
    normalise_zip,
    same_style,
    set_widths,
    text_row,
)

__all__ = ["build_form", "check_plan_fits", "form_bytes", "form_name"]

_INFO_WIDTHS = (24, 60, 60)  # Kỳ | Khó khăn, vướng mắc | Đề xuất, kiến nghị
BLANK_ROWS = 30
"""Ruled, formatted empty rows below the prefilled ones."""
VALIDATED_ROWS = 2000
"""Rows that the checks while typing cover below the header."""

Log = Mapping[str, Any]
"""A unit's log as its YAML file holds it (validated): ``don_vi``, ``nhiem_vu``, …"""


def form_name(unit: str) -> str:
    """The file name of a unit's form: the unit code, like its YAML log."""
    return f"{unit}.xlsx"


def check_plan_fits(plan: Plan, plan_doc: Located, unit: str | None = None) -> None:
    """Raise an :class:`InputError` when no form can be made: a unit not in the plan, or
    task codes that cannot name a worksheet (too long, or equal but for case)."""
    problems = []
    codes = [u.code for u in plan.units]
    if unit is not None and unit not in codes:
        near = hint(unit, codes)
        problems.append(Problem("E109", Place(plan_doc.file), {"key": unit, "hint": near}))
    seen: dict[str, str] = {}
    for index, task in enumerate(plan.tasks):
        place = plan_doc.place((keys.TASKS, index, keys.CODE))
        if len(task.code) > MAX_SHEET_NAME:
            problems.append(Problem("E626", place, {"key": task.code, "limit": MAX_SHEET_NAME}))
        other = seen.setdefault(task.code.casefold(), task.code)
        if other != task.code:
            problems.append(Problem("E627", place, {"key": task.code, "other": other}))
    if problems:
        raise InputError(problems)


def form_bytes(plan: Plan, unit: str, log: Log | None = None) -> bytes:
    """The .xlsx bytes of the unit's form, prefilled with ``log``."""
    buffer = io.BytesIO()
    # Workbook.save stamps "modified" with the clock; the writer underneath does not.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(build_form(plan, unit, log), archive).save()
    return normalise_zip(buffer.getvalue())


def build_form(plan: Plan, unit: str, log: Log | None = None) -> Workbook:
    """The unit's form for the plan year, prefilled with what ``log`` already holds.

    Check the plan with :func:`check_plan_fits` first; ``log`` is a validated log of
    ``unit`` for ``plan``.
    """
    log = log or {}
    wb = Workbook()
    info = wb.active
    assert info is not None  # a new workbook always has one sheet
    info.title = INFO_SHEET
    _write_info(info, plan, unit, log)
    activities = log.get(keys.TASKS) or {}
    for task in plan.tasks:
        _write_task(wb.create_sheet(task.code), plan, task, activities.get(task.code) or [])
    _write_identity(wb.create_sheet(IDENTITY_SHEET), plan, unit)
    _set_properties(wb, plan, unit)
    return wb


# --- sheet "Thông tin" ----------------------------------------------------------------


def _issuer(plan: Plan) -> str:
    return nfc(plan.issuer_name or plan.issuer)


def _write_info(ws: Worksheet, plan: Plan, unit: str, log: Log) -> None:
    set_widths(ws, _INFO_WIDTHS)
    span = len(_INFO_WIDTHS)
    text_row(ws, 1, "BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH", span, TITLE)
    issued = plan.issued_on
    when = f" ngày {short_date(issued)}" if isinstance(issued, date) else ""
    plan_line = f"Kế hoạch {nfc(plan.title)} (số {nfc(plan.number)}{when} của {_issuer(plan)})"
    text_row(ws, 2, plan_line, span, PLAIN)
    rows = (("Đơn vị", plan.unit_name(unit)), (UNIT_CODE_LABEL, unit), ("Năm", plan.year))
    for row, (label, value) in enumerate(rows, start=4):
        ws.cell(row, 1, label).font = BOLD
        cell = ws.cell(row, 2, value)
        cell.font, cell.alignment = PLAIN, LEFT
    row = _write_guide(ws, 8, plan, span)
    row = _write_sent(ws, row + 1, plan, log)
    _write_notes(ws, row + 1, plan, log)
    fit_page(ws)


def _guide_lines(plan: Plan) -> list[str]:
    year = plan.year
    return [
        "1. Mỗi nhiệm vụ của kế hoạch có một trang riêng (NV1, NV2, …). Mỗi hoạt động ghi "
        "một dòng, từ dòng trống đầu tiên dưới hàng tiêu đề.",
        f"2. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 20/03/{year}, trong năm {year}.",
        "3. Số liệu là số nguyên không âm, viết liền (1500, không viết 1.500); "
        "không có thì để trống.",
        "4. Khó khăn, đề xuất: mỗi ý một dòng ở bảng cuối trang này; chọn kỳ báo cáo ở cột Kỳ "
        "(để trống nếu dùng cho cả năm).",
        "5. Không đổi tên, không xóa trang và cột của biểu mẫu; cột Ghi chú chỉ để đơn vị "
        "theo dõi, không đưa vào báo cáo.",
        f"6. Ghi ngày gửi của kỳ báo cáo, lưu tệp dạng Excel (.xlsx) rồi gửi lại cho "
        f"{_issuer(plan)}.",
    ]


def _write_guide(ws: Worksheet, row: int, plan: Plan, span: int) -> int:
    ws.cell(row, 1, "Hướng dẫn").font = BOLD
    for line in _guide_lines(plan):
        row += 1
        text_row(ws, row, line, span, HINT)
    return row + 1


def _write_sent(ws: Worksheet, row: int, plan: Plan, log: Log) -> int:
    header_row(ws, row, SENT_HEADERS)
    first = row + 1
    sent = log.get(keys.SENT) or {}
    for row, period in enumerate(plan_periods(plan), start=first):
        label = ws.cell(row, 1, period_label(period))
        label.border, label.font = BOX, PLAIN
        cell = ws.cell(row, 2, sent.get(period.value))
        cell.number_format, cell.border, cell.alignment, cell.font = DATE_FORMAT, BOX, LEFT, PLAIN
    last = max(row, first)
    dv = date_validation(date(plan.year, 1, 1), date(plan.year + 1, 12, 31))
    dv.add(f"B{first}:B{last}")
    ws.add_data_validation(dv)
    return last + 1


def _write_notes(ws: Worksheet, row: int, plan: Plan, log: Log) -> None:
    header_row(ws, row, NOTES_HEADERS)
    lines = _note_rows(plan, log.get(keys.DIFFICULTIES), log.get(keys.PROPOSALS))
    first = row + 1
    for offset in range(len(lines) + BLANK_ROWS):
        values = lines[offset] if offset < len(lines) else (None, None, None)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(first + offset, col, value)
            if offset:
                same_style(cell, ws.cell(first, col))
            else:
                cell.border, cell.alignment, cell.font = BOX, WRAP_TOP, PLAIN
        fit_height(ws, first + offset, _INFO_WIDTHS)
    labels = [period_label(p) for p in plan_periods(plan)]
    dv = choice_validation("Kỳ báo cáo", labels)
    dv.add(f"A{first}:A{first + VALIDATED_ROWS}")
    ws.add_data_validation(dv)


def _note_rows(plan: Plan, difficulties: Any, proposals: Any) -> list[tuple[Any, ...]]:
    """Rows of (period label, difficulty, proposal): a plain list is written without a
    period, a list per period under each period's label, in the plan's period order."""
    left_by, right_by = _by_period(difficulties), _by_period(proposals)
    order = ["", *(p.value for p in plan_periods(plan))]  # "": a plain list, no period
    periods = sorted(dict.fromkeys([*left_by, *right_by]), key=order.index)
    labels = {p.value: period_label(p) for p in plan_periods(plan)}
    rows: list[tuple[Any, ...]] = []
    for period in periods:
        left, right = left_by.get(period, []), right_by.get(period, [])
        for i in range(max(len(left), len(right))):
            rows.append(
                (
                    labels.get(period),
                    left[i] if i < len(left) else None,
                    right[i] if i < len(right) else None,
                )
            )
    return rows


def _by_period(items: Any) -> dict[str, list[str]]:
    if not items:
        return {}
    if isinstance(items, Mapping):
        return {str(p): [nfc(t) for t in texts] for p, texts in items.items() if texts}
    return {"": [nfc(t) for t in items]}


# --- task sheets ------------------------------------------------------------------------


def _write_task(ws: Worksheet, plan: Plan, task: Task, activities: Sequence[Log]) -> None:
    headers = [DATE_HEADER, TEXT_HEADER, *map(indicator_header, task.counted), NOTE_HEADER]
    widths = _task_widths(headers)
    set_widths(ws, widths)
    top = _write_task_intro(ws, plan, task, sum(widths), len(widths))
    header_row(ws, top, headers, widths)
    for offset in range(len(activities) + BLANK_ROWS):
        item = activities[offset] if offset < len(activities) else {}
        _write_activity(ws, top + 1 + offset, task, item, top + 1)
        fit_height(ws, top + 1 + offset, widths)
    _task_validations(ws, plan, top, len(task.counted))
    # Rows typed below the ruled ones still get a date or a whole-number format.
    ws.column_dimensions["A"].number_format = DATE_FORMAT
    for col in range(3, 3 + len(task.counted)):
        ws.column_dimensions[get_column_letter(col)].number_format = COUNT_FORMAT
    ws.freeze_panes = ws.cell(top + 1, 1)
    ws.print_title_rows = f"{top}:{top}"
    fit_page(ws)


def _task_widths(headers: Sequence[str]) -> list[int]:
    figures = [min(24, max(12, math.ceil(len(h) / 2) + 2)) for h in headers[2:-1]]
    return [13, 60, *figures, 30]


def _write_task_intro(ws: Worksheet, plan: Plan, task: Task, width: int, span: int) -> int:
    """The task in the plan's words above its table; the header's row number."""
    year = plan.year
    frame = f"{nfc(task.time_frame)} (từ {short_date(task.start)} đến {short_date(task.end)})"
    shown = "; ".join(f"{nfc(i.label)} ({nfc(i.unit_of_measure)})" for i in task.counted)
    lines = [
        (f"{task.code}. {nfc(task.title)}", TITLE),
        (f"Thời gian thực hiện: {frame}", PLAIN),
        (f"Kết quả, sản phẩm: {nfc(task.product or '')}", PLAIN),
        (f"Chỉ tiêu: {shown or 'không có'}", PLAIN),
        (
            "Cách ghi: mỗi hoạt động một dòng, từ dòng trống đầu tiên dưới hàng tiêu đề. "
            f"Ngày: ngày/tháng/năm, ví dụ 20/03/{year}, trong năm {year}. Số liệu: số nguyên "
            "không âm, viết liền (1500, không viết 1.500); không có thì để trống.",
            HINT,
        ),
    ]
    for row, (line, font) in enumerate(lines, start=1):
        text_row(ws, row, line, span, font, width)
    return len(lines) + 1


def _write_activity(ws: Worksheet, row: int, task: Task, item: Log, first: int) -> None:
    """One table row; its cells styled like row ``first``'s (styled here when it is this row)."""
    figures = item.get(keys.FIGURES) or {}
    content = item.get(keys.TEXT)
    values = [
        item.get(keys.DAY),
        nfc(content) if content is not None else None,
        *(figures.get(ind.code) for ind in task.counted),
        None,
    ]
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row, col, value)
        if row != first:
            same_style(cell, ws.cell(first, col))
            continue
        cell.border, cell.font, cell.alignment = BOX, PLAIN, WRAP_TOP
        if col == 1:
            cell.number_format = DATE_FORMAT
        elif 2 < col < len(values):
            cell.number_format = COUNT_FORMAT


def _task_validations(ws: Worksheet, plan: Plan, top: int, count: int) -> None:
    first, last = top + 1, top + VALIDATED_ROWS
    dates = date_validation(date(plan.year, 1, 1), date(plan.year, 12, 31))
    dates.add(f"A{first}:A{last}")
    ws.add_data_validation(dates)
    if count:
        whole = count_validation(MAX_COUNT)
        whole.add(f"C{first}:{get_column_letter(2 + count)}{last}")
        ws.add_data_validation(whole)


# --- identity and properties ------------------------------------------------------------


def _write_identity(ws: Worksheet, plan: Plan, unit: str) -> None:
    rows = (
        (ID_VERSION, FORM_VERSION),
        (ID_PLAN, plan_fingerprint(plan)),
        (ID_NUMBER, nfc(plan.number)),
        (ID_YEAR, plan.year),
        (ID_UNIT, unit),
    )
    for row, (key, value) in enumerate(rows, start=1):
        ws.cell(row, 1, key)
        ws.cell(row, 2, value)
    # Very hidden: Excel offers no menu to show it, so nobody edits it by accident.
    ws.sheet_state = "veryHidden"


def _set_properties(wb: Workbook, plan: Plan, unit: str) -> None:
    # Dated from the plan, never from the clock: the same form is the same bytes.
    issued = plan.issued_on if isinstance(plan.issued_on, date) else date(plan.year, 1, 1)
    props = wb.properties
    props.created = props.modified = datetime(issued.year, issued.month, issued.day)
    props.creator = _issuer(plan)
    props.lastModifiedBy = None
    props.title = f"Biểu mẫu báo cáo: {plan.unit_name(unit)}"
    props.subject = f"Kế hoạch {nfc(plan.number)}"
    props.identifier = f"{plan_fingerprint(plan)}/{unit}"

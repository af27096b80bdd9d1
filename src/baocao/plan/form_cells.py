"""How the form's cells look: fonts, borders, widths, wrapped heights, checks while typing,
print settings, and a package whose bytes depend on the data only."""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from baocao.core.vietnamese import short_date

DATE_FORMAT = "dd/mm/yyyy"
COUNT_FORMAT = "0"
LINE_HEIGHT = 16.5
# Serial day numbers are what Excel stores in a date validation; 1899-12-30 is day 0.
_EXCEL_DAY0 = date(1899, 12, 30)
# Zip entries are dated from nothing: the same form is the same bytes whenever it is made.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

_THIN = Side(style="thin", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(name="Times New Roman", size=12, bold=True)
PLAIN = Font(name="Times New Roman", size=12)
TITLE = Font(name="Times New Roman", size=13, bold=True)
HINT = Font(name="Times New Roman", size=11, italic=True, color="404040")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(horizontal="left")
_HEADER_ALIGN = Alignment(wrap_text=True, horizontal="center", vertical="center")


def same_style(cell: Cell, model: Cell) -> None:
    """``cell`` styled as ``model``. Setting font, border and alignment cell by cell costs
    openpyxl a hash of each style object; copying the indices it keeps is what its own
    worksheet copy does, and makes a form several times faster."""
    cell._style = copy(model._style)


def set_widths(ws: Worksheet, widths: Iterable[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def text_row(
    ws: Worksheet, row: int, text: str, span: int, font: Font, width: int | None = None
) -> None:
    """A line of text across ``span`` columns, tall enough for its wrapped lines."""
    cell = ws.cell(row, 1, text)
    cell.font, cell.alignment = font, WRAP_TOP
    if span > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    total = width or sum(
        ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, span + 1)
    )
    lines = max(1, math.ceil(len(text) * 1.1 / max(total, 1)))
    ws.row_dimensions[row].height = LINE_HEIGHT * lines


def fit_height(ws: Worksheet, row: int, widths: Sequence[int]) -> None:
    """A row tall enough for its wrapped text: programs do not all re-measure on opening."""
    lines = 1
    for col, width in enumerate(widths, start=1):
        value = ws.cell(row, col).value
        if isinstance(value, str):
            lines = max(lines, math.ceil(len(value) / width))
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines


def header_row(
    ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[int] | None = None
) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, _HEADER_ALIGN
    if widths:
        lines = max(math.ceil(len(h) * 1.15 / w) for h, w in zip(headers, widths, strict=True))
        ws.row_dimensions[row].height = LINE_HEIGHT * max(1, lines)


def fit_page(ws: Worksheet) -> None:
    """Printed landscape, as wide as one page: a unit often prints the form to check it."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def date_validation(start: date, end: date) -> DataValidation:
    """Only dates from ``start`` to ``end`` may be typed, with a prompt saying so."""
    dv = DataValidation(
        type="date",
        operator="between",
        formula1=str((start - _EXCEL_DAY0).days),
        formula2=str((end - _EXCEL_DAY0).days),
    )
    dv.allow_blank = True
    explain(
        dv,
        "Ngày",
        f"Nhập ngày từ {short_date(start)} đến {short_date(end)}, dạng 20/03/{start.year}.",
    )
    return dv


def count_validation(largest: int) -> DataValidation:
    """Only whole numbers from 0 to ``largest`` may be typed."""
    dv = DataValidation(type="whole", operator="between", formula1="0", formula2=str(largest))
    dv.allow_blank = True
    explain(dv, "Số liệu", "Nhập số nguyên không âm, viết liền, ví dụ 1500.")
    return dv


def choice_validation(title: str, choices: Sequence[str]) -> DataValidation:
    """A drop-down list of ``choices``."""
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    explain(dv, title, f"Chọn {title.lower()} trong danh sách: " + ", ".join(choices))
    return dv


def explain(dv: DataValidation, title: str, text: str) -> None:
    dv.showErrorMessage, dv.showInputMessage = True, True
    dv.errorStyle = "stop"
    dv.errorTitle, dv.error = title, text
    dv.promptTitle, dv.prompt = title, text


def normalise_zip(data: bytes) -> bytes:
    """The same package with every entry dated 1980-01-01 and in a fixed order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        names = sorted(
            zin.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n)
        )
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zout.writestr(info, zin.read(name), compresslevel=6)
    return out.getvalue()

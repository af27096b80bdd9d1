"""A spreadsheet (.xlsx) written as it is made: rows go straight into the zip as XML.

What the companion spreadsheet needs and nothing more: sheets of numbers, text and dates,
each with column widths, a bold header row that stays frozen, and filters over its rows.
A row is turned into SpreadsheetML text once and compressed into the file at once, so
memory does not grow with the number of rows, and no cell object is made for a value.
The same content gives the same bytes: no clock time, zip entries dated 1980-01-01, in a
fixed order.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Column", "Sheet", "write_xlsx"]

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
ROWS_PER_WRITE = 500
"""Rows joined into one write to the zip: few writes, little text held at a time."""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_TYPES = "application/vnd.openxmlformats-officedocument"
_EXCEL_EPOCH = date(1899, 12, 30)
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Cell styles (cellXfs): 0 plain, 1 the header (bold, wrapped, centred vertically), 2 a date.
_HEADER_STYLE, _DATE_STYLE = 1, 2
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b val="1"/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


@dataclass(frozen=True)
class Column:
    """A column: its header and its width (in characters, as Excel counts them)."""

    name: str
    width: float


@dataclass(frozen=True)
class Sheet:
    """A sheet: its title, columns, how many data rows it has, and the rows themselves
    (lists of int, float, str, date or None, one value per column), made on demand."""

    title: str
    columns: Sequence[Column]
    count: int
    rows: Iterable[Sequence[Any]]


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    if value[:1].isspace() or value[-1:].isspace():
        return f'<is><t xml:space="preserve">{escape(value)}</t></is>'
    return f"<is><t>{escape(value)}</t></is>"


def _cell(ref: str, value: Any, style: int = 0) -> str:
    """One cell's XML; "" for an empty one."""
    shown = f' s="{style}"' if style else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{shown} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{shown}><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c r="{ref}" s="{_DATE_STYLE}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    return f'<c r="{ref}"{shown} t="inlineStr">{_text(str(value))}</c>'


def _sheet_head(sheet: Sheet) -> str:
    cols = "".join(
        f'<col min="{n}" max="{n}" width="{c.width!r}" customWidth="1"/>'
        for n, c in enumerate(sheet.columns, 1)
    )
    header = "".join(
        _cell(f"{column_letter(n)}1", c.name, _HEADER_STYLE) for n, c in enumerate(sheet.columns, 1)
    )
    return (
        f'{_DECLARATION}<worksheet xmlns="{_MAIN}">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>{cols}</cols>'
        f'<sheetData><row r="1">{header}</row>'
    )


def _filter_ref(sheet: Sheet) -> str:
    return f"A1:{column_letter(len(sheet.columns))}{sheet.count + 1}"


def _sheet_rows(sheet: Sheet) -> Iterable[str]:
    """The data rows' XML, ROWS_PER_WRITE rows at a time."""
    letters = [column_letter(n) for n in range(1, len(sheet.columns) + 1)]
    batch: list[str] = []
    for number, row in enumerate(sheet.rows, 2):
        cells = [f'<row r="{number}">']
        for letter, value in zip(letters, row, strict=True):
            kind = type(value)  # the common kinds first, without a call
            if kind is int:
                cells.append(f'<c r="{letter}{number}"><v>{value}</v></c>')
            elif kind is str and value and not (value[0].isspace() or value[-1].isspace()):
                cells.append(
                    f'<c r="{letter}{number}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
                )
            elif value is not None:
                cells.append(_cell(f"{letter}{number}", value))
        cells.append("</row>")
        batch.append("".join(cells))
        if len(batch) == ROWS_PER_WRITE:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def _sheet_tail(sheet: Sheet) -> str:
    return f'</sheetData><autoFilter ref="{_filter_ref(sheet)}"/></worksheet>'


def _content_types(sheets: int) -> str:
    parts = [
        ("/xl/workbook.xml", f"{_DOC_TYPES}.spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", f"{_DOC_TYPES}.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{_DOC_TYPES}.extended-properties+xml"),
    ]
    parts += [
        (f"/xl/worksheets/sheet{n}.xml", f"{_DOC_TYPES}.spreadsheetml.worksheet+xml")
        for n in range(1, sheets + 1)
    ]
    overrides = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in parts)
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


def _package_rels() -> str:
    kinds = f"{_REL}/officeDocument"
    return (
        f'<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{kinds}" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def _core(title: str, author: str, created: datetime) -> str:
    moment = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
        "<dc:language>vi-VN</dc:language></cp:coreProperties>"
    )


def _app() -> str:
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>baocao</Application></Properties>'
    )


def _quoted_title(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _workbook(sheets: Sequence[Sheet]) -> str:
    listed = "".join(
        f'<sheet name={quoteattr(s.title)} sheetId="{n}" r:id="rId{n}"/>'
        for n, s in enumerate(sheets, 1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{escape(_quoted_title(s.title))}!"
        f"$A$1:${column_letter(len(s.columns))}${s.count + 1}</definedName>"
        for n, s in enumerate(sheets)
    )
    return (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{listed}</sheets><definedNames>{names}</definedNames></workbook>"
    )


def _workbook_rels(sheets: int) -> str:
    items = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    styles = f'<Relationship Id="rId{sheets + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    return f'<Relationships xmlns="{_PKG_REL}">{items}{styles}</Relationships>'


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


def write_xlsx(
    stream: IO[bytes], sheets: Sequence[Sheet], *, title: str, author: str, created: datetime
) -> None:
    """Write the workbook of ``sheets`` to ``stream`` (seekable), rows as they come."""
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        fixed = [
            ("[Content_Types].xml", _content_types(len(sheets))),
            ("_rels/.rels", _package_rels()),
            ("docProps/app.xml", _app()),
            ("docProps/core.xml", _core(title, author, created)),
            ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets))),
            ("xl/styles.xml", _STYLES),
            ("xl/workbook.xml", _workbook(sheets)),
        ]
        for name, xml in fixed:
            archive.writestr(_entry(name), (_DECLARATION + xml).encode("utf-8"))
        for number, sheet in enumerate(sheets, 1):
            with archive.open(_entry(f"xl/worksheets/sheet{number}.xml"), "w") as part:
                part.write(_sheet_head(sheet).encode("utf-8"))
                for chunk in _sheet_rows(sheet):
                    part.write(chunk.encode("utf-8"))
                part.write(_sheet_tail(sheet).encode("utf-8"))

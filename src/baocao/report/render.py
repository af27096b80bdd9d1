"""Rendering: the report context (plain data) into a .docx (the PDF is in :mod:`baocao.report.pdf`).

The template is a Word document with Jinja2 tags (docxtpl). Text from the workspace is
data: it is escaped, never evaluated as a template, and a field the template asks for but
the context lacks is an error naming it. The same inputs give the same bytes, and a file
is only ever replaced whole: an error at any point leaves the previous result intact.
"""

from __future__ import annotations

import errno
import hashlib
import io
import re
import stat
import time
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, cast

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from lxml import etree  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from baocao.atomic import check_output, write_atomic
from baocao.core.vietnamese import (
    end_of_body,
    format_count2,
    format_number,
    format_percent,
    number_symbol,
    short_date,
)
from baocao.errors import TemplateError, display_path
from baocao.input.wordfile import too_big
from baocao.messages import Say
from baocao.report.contract import ReportContext
from baocao.report.guard import (
    MAX_ELEMENTS,
    RENDER_SECONDS,
    Breach,
    GuardedSandbox,
    run_limited,
    too_long,
)
from baocao.report.pdf import docx_to_pdf as docx_to_pdf

__all__ = [
    "DEFAULT_TEMPLATE_NAME",
    "docx_to_pdf",
    "make_jinja_env",
    "normalize_docx_zip",
    "render_report",
]

Context = ReportContext | Mapping[str, Any]
"""What a template is filled with: the report's context, or any mapping (a test's, a tool's)."""

DEFAULT_TEMPLATE_NAME = "bao-cao.docx"
# Tables with this style get their indicator columns re-balanced after rendering.
DATA_TABLE_STYLE = "BC Data Table"
# How many leading columns of a data table keep their template width (STT, Đơn vị).
DATA_TABLE_FIXED_COLUMNS = 2
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# A template is a few hundred KB; these caps stop a wrong file or a zip bomb early.
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
# docxtpl turns these back into "{{", "}}", "{%", "%}" after rendering, even inside data.
_DOCXTPL_MARKERS = re.compile(r"(?<=[{%])_|_(?=[}%])")


class _NoneValue(ValueError):
    pass


def _finalize(value: Any) -> Any:
    """Called on every ``{{ value }}`` before escaping: keep data text exactly as written."""
    if value is None:
        # A None would print "None" in a signed report; the context must say what it means.
        raise _NoneValue("None")
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(_DOCXTPL_MARKERS.sub("&#95;", str(escape(value))))
    return value


def make_jinja_env(deadline: float | None = None) -> SandboxedEnvironment:
    """The one Jinja environment for report templates.

    Sandboxed with every kind of work bounded (:mod:`baocao.report.guard`; ``deadline``,
    a :func:`time.monotonic` value, ends a rendering still running then), autoescaped
    (a "&" or "<" in a unit's text reaches the document intact), StrictUndefined (a
    missing field is an error naming it, never an empty hole).
    Filters: ``so`` (26.529; 12.116,71), ``so2`` (03), ``phan_tram`` (87,5%; one decimal,
    rounded toward zero), ``ngay`` (24/02/2021), ``ket`` (ends the body's last paragraph
    with "./.") and ``so_hieu`` ("/BC-PTP" gets room for the number written by hand).
    """
    env = GuardedSandbox(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        deadline=deadline,
    )
    env.filters["so"] = format_number
    env.filters["so2"] = format_count2
    env.filters["phan_tram"] = format_percent
    env.filters["ngay"] = short_date
    env.filters["ket"] = end_of_body
    env.filters["so_hieu"] = number_symbol
    return env


# --- template loading --------------------------------------------------------------------


_NOT_A_ZIP = Say(
    "không phải tệp .docx: có thể là tệp văn bản, PDF hay tệp khác được đổi đuôi thành .docx",
    "not a .docx file: perhaps a text, PDF or other file renamed to .docx",
)
_TEMPLATE_OS_ERRORS = {
    errno.EISDIR: Say("đây là một thư mục, không phải tệp", "it is a folder, not a file"),
    errno.EACCES: Say("không có quyền đọc tệp", "permission denied"),
    errno.EPERM: Say("không có quyền đọc tệp", "permission denied"),
    errno.ENOTDIR: Say(
        "một phần của đường dẫn không phải thư mục", "a part of the path is not a folder"
    ),
}


def _template_bytes(template: Path | None) -> tuple[bytes, str]:
    if template is None:
        resource = files("baocao").joinpath("templates", DEFAULT_TEMPLATE_NAME)
        return resource.read_bytes(), DEFAULT_TEMPLATE_NAME
    name = display_path(template)
    try:
        info = template.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block the read
            detail = Say("không phải là một tệp thông thường", "not a regular file")
            raise TemplateError.one("E301", file=name, detail=detail)
        if info.st_size == 0:
            raise TemplateError.one("E301", file=name, detail=Say("tệp rỗng", "the file is empty"))
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError.one("E301", file=name, detail=_too_big(info.st_size))
        return template.read_bytes(), name
    except FileNotFoundError as exc:
        raise TemplateError.one("E305", file=name) from exc
    except OSError as exc:
        why = _TEMPLATE_OS_ERRORS.get(exc.errno or 0) or exc.strerror or str(exc)
        raise TemplateError.one("E301", file=name, detail=why) from exc


def _too_big(size: int) -> Say:
    mb, limit = round(size / 1048576, 1), MAX_TEMPLATE_BYTES // 1048576
    return Say(
        f"tệp quá lớn: {mb} MB, tối đa {limit} MB", f"too large: {mb} MB, at most {limit} MB"
    )


def _package_problem(data: bytes) -> Say | None:
    """Why ``data`` cannot be a Word document, found before python-docx reads it."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the OLE container of Word 97-2003 files
        return Say(
            "đây là tệp Word 97–2003 (.doc); hãy mở bằng Word và lưu lại dạng .docx",
            "this is a Word 97-2003 (.doc) file; open it in Word and save it as .docx",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        if data.startswith(b"PK"):
            return Say(
                "tệp .docx bị hỏng hoặc không đầy đủ (có thể tải về hay sao chép chưa xong)",
                "the .docx is damaged or incomplete (perhaps a download or copy did not finish)",
            )
        return _NOT_A_ZIP
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names:
        return Say(
            "thiếu phần nội dung word/document.xml: tệp nén này không phải tài liệu Word",
            "no word/document.xml part: this archive is not a Word document",
        )
    return None


# Text that docxtpl's resolve_listing turns into Word markup (tab, line and page breaks).
_LISTING_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


class _StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl reparses rendered XML in "recover" mode, silently dropping what is broken."""

    def resolve_listing(self, xml: str) -> Any:
        # docxtpl rewrites every paragraph and run with regular expressions to find
        # those characters; when no text holds one, that pass returns the XML unchanged.
        if _LISTING_TEXT.search(xml) is None:
            return xml
        return super().resolve_listing(xml)

    body: Any = None
    """The rendered body: kept apart from the document and spliced into its XML text when
    the file is written (:func:`_with_body`)."""

    def map_tree(self, tree: Any) -> None:
        # docxtpl moves the rendered body into the document node by node, and lxml's
        # namespace fix-ups make that grow faster than the body (seconds for a national
        # appendix). The body stays a tree of its own; its text goes into the document's
        # text when the file is written, which is linear.
        self.body = tree

    def fix_tables(self, xml: str) -> Any:
        # One strict parse: docxtpl's own parses again in "recover" mode, which would
        # silently drop what a broken template made. Then each table's grid gets as many
        # columns as its widest row spans ({%tc for %} repeats cells); the widths are
        # shared out afterwards by _balance_data_tables.
        if xml.count("<") > MAX_ELEMENTS:  # tags: an upper bound of the elements
            elements = sum(1 for _ in etree.iterparse(io.BytesIO(xml.encode()), events=("start",)))
            if elements > MAX_ELEMENTS:
                raise too_long(Say("số phần tử XML", "XML elements"), elements, MAX_ELEMENTS)
        try:
            tree = etree.fromstring(xml, _BODY_PARSER)
        except etree.XMLSyntaxError as exc:
            raise _BrokenXml(str(exc)) from exc
        for table in tree.iter(_W_TBL):
            _fit_grid(table)
        return tree


_W_TBL, _W_TR, _W_TC = qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_GRID, _W_GRID_COL, _W_TC_PR, _W_SPAN = (
    qn("w:tblGrid"),
    qn("w:gridCol"),
    qn("w:tcPr"),
    qn("w:gridSpan"),
)
_W_VAL, _W_W, _W_TYPE = qn("w:val"), qn("w:w"), qn("w:type")
_W_TBL_PR, _W_TBL_STYLE, _W_TC_W, _W_CNF_STYLE = (
    qn("w:tblPr"),
    qn("w:tblStyle"),
    qn("w:tcW"),
    qn("w:cnfStyle"),
)
_W_P, _W_P_PR, _W_P_STYLE, _W_KEEP_NEXT = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:keepNext")
# As python-docx parses a document part: no whitespace between elements, no entities.
_BODY_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


# Word measures in twentieths of a point: an A3 page is ~24,000 wide. A width or a
# column span that is no number, infinite or absurd ("1e999", "-5", "abc") in a
# template is read as the neutral value instead of stopping the run.
_MAX_TWIPS = 1_000_000
_MAX_SPAN = 1_000


def _bounded(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = float(value) if value is not None else float("nan")
    except ValueError:
        return default
    return int(number) if low <= number <= high else default  # NaN fails both


def _span(cell: Any) -> int:
    props = cell.find(_W_TC_PR)
    span = None if props is None else props.find(_W_SPAN)
    return 1 if span is None else _bounded(span.get(_W_VAL), 1, 1, _MAX_SPAN)


def _row_span(row: Any) -> int:
    return sum(_span(cell) for cell in row.iterchildren(_W_TC))


def _fit_grid(table: Any) -> None:
    """Give a table's grid exactly as many columns as its widest row spans."""
    grid = table.find(_W_GRID)
    if grid is None:
        return
    columns = grid.findall(_W_GRID_COL)
    wanted = max((_row_span(row) for row in table.iterchildren(_W_TR)), default=len(columns))
    if wanted == len(columns) or wanted == 0:
        return
    total = sum(_twips(c.get(_W_W)) for c in columns)
    for column in columns[wanted:]:
        grid.remove(column)
    for _ in range(wanted - len(columns)):
        etree.SubElement(grid, _W_GRID_COL)
    share = total // wanted
    for column in grid.findall(_W_GRID_COL):
        column.set(_W_W, str(share))


class _BrokenXml(Exception):
    pass


def _open_template(data: bytes, name: str) -> DocxTemplate:
    problem = _package_problem(data)
    if problem is not None:
        raise TemplateError.one("E301", file=name, detail=problem)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            oversized = too_big(archive)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:  # a part's bytes do not add up
            detail = Say(f"tệp nén bị hỏng ({exc})", f"the archive is damaged ({exc})")
            raise TemplateError.one("E301", file=name, detail=detail) from exc
    if oversized is not None:
        raise TemplateError.one("E310", file=name, detail=oversized)
    tpl = _StrictDocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        detail = Say(
            f"một phần của tài liệu bị hỏng ({exc})", f"a part of the document is broken ({exc})"
        )
        raise TemplateError.one("E301", file=name, detail=detail) from exc
    _check_tags_closed(tpl.docx, name)
    return tpl


_TAG_TOKEN = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _unclosed_tag(text: str) -> str | None:
    """The opener ("{{", "{%", "{#") left open or opened inside another tag, if any."""
    expected: str | None = None
    opener = ""
    for match in _TAG_TOKEN.finditer(text):
        token = match.group()
        if token in _CLOSER:
            if expected is not None:
                return opener
            opener, expected = token, _CLOSER[token]
        elif token == expected:
            expected = None
    return opener if expected is not None else None


def _check_tags_closed(document: Any, name: str) -> None:
    """Every Jinja tag opens and closes within one paragraph.

    docxtpl joins an unclosed "{{" with the paragraphs after it up to the next "}}",
    and a {%p %} tag among them then deletes them all: text vanishes without an error.
    """
    parts = [document.part]
    parts += [rel.target_part for rel in document.part.rels.values() if "header" in rel.reltype]
    parts += [rel.target_part for rel in document.part.rels.values() if "footer" in rel.reltype]
    for part in parts:
        for paragraph in part.element.iter(qn("w:p")):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            opener = _unclosed_tag(text)
            if opener is not None:
                raise TemplateError.one(
                    "E308", file=name, opener=opener, closer=_CLOSER[opener], text=text.strip()
                )


# --- rendering ---------------------------------------------------------------------------

_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no (?:attribute|element) '?([^']+)'?$")


def _undefined_field(exc: jinja2.UndefinedError) -> str:
    message = exc.message or str(exc)
    match = _UNDEFINED_NAME.search(message)
    if match is None:
        return message
    return match.group(1) or match.group(2)


def _syntax_line(exc: jinja2.TemplateSyntaxError) -> str:
    # docxtpl attaches the text around the error (tags stripped), starting 3 lines before it.
    lines = list(getattr(exc, "docx_context", None) or [])
    if not lines or exc.lineno is None:
        return ""
    index = min(exc.lineno - 1 - max(exc.lineno - 4, 0), len(lines) - 1)
    return " ".join(lines[index].split())


_SYNTAX_VI: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Encountered unknown tag '([^']*)'"), "thẻ lạ '{0}'"),
    (
        re.compile(r"[Uu]nexpected end of template"),
        "mẫu kết thúc khi một thẻ chưa được đóng (thiếu {{% endfor %}}, {{% endif %}}…)",
    ),
    (re.compile(r"Expected an expression"), "thiếu biểu thức trong thẻ"),
    (re.compile(r"expected token '([^']*)', got '([^']*)'"), "cần '{0}' nhưng gặp '{1}'"),
    (re.compile(r"unexpected '([^']*)'"), "ký tự '{0}' không đúng chỗ"),
    (re.compile(r"unexpected char '?([^' ]*)'?"), "ký tự '{0}' không đúng chỗ"),
]


_TOKENS_VI = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "hết mẫu",
}


def _syntax_detail(exc: jinja2.TemplateSyntaxError) -> Say:
    """Jinja's parser message, said in Vietnamese where it is a common one."""
    english = exc.message or str(exc)
    for pattern, vietnamese in _SYNTAX_VI:
        match = pattern.search(english)
        if match:
            tokens = [_TOKENS_VI.get(group, group) for group in match.groups()]
            return Say(vietnamese.format(*tokens), english)
    return Say(f"thẻ viết sai ({english})", english)


_UNSAFE_ATTRIBUTE = re.compile(r"access to attribute '([^']*)'")


_RECURSION = Say(
    "macro hoặc vòng lặp gọi lại chính nó quá sâu", "macros or loops calling themselves too deep"
)
_MEMORY = Say("dùng quá nhiều bộ nhớ", "used too much memory")


def _limit_detail(exc: Breach | OverflowError | RecursionError | MemoryError) -> Say:
    if isinstance(exc, Breach):
        return exc.detail
    if isinstance(exc, RecursionError):
        return _RECURSION
    if isinstance(exc, MemoryError):
        return _MEMORY
    limit = format_number(MAX_RANGE)  # the sandbox's own cap on range()
    return Say(f"vòng lặp range() quá lớn (tối đa {limit} lần)", str(exc))


def _unsafe_detail(exc: SecurityError) -> Say:
    english = str(exc)
    match = _UNSAFE_ATTRIBUTE.search(english)
    if match:
        return Say(f"truy cập thuộc tính '{match.group(1)}' của Python", english)
    return Say(f"thao tác bị cấm ({english})", english)


def _render(tpl: DocxTemplate, data: dict[str, Any], name: str, deadline: float | None) -> None:
    try:
        tpl.render(data, jinja_env=make_jinja_env(deadline), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise TemplateError.one("E302", file=name, field=_undefined_field(exc)) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError.one(
            "E303", file=name, detail=_syntax_detail(exc), text=_syntax_line(exc)
        ) from exc
    except (Breach, OverflowError, RecursionError, MemoryError) as exc:
        raise TemplateError.one("E310", file=name, detail=_limit_detail(exc)) from None
    except SecurityError as exc:
        raise TemplateError.one("E309", file=name, detail=_unsafe_detail(exc)) from exc
    except _BrokenXml as exc:
        raise TemplateError.one("E306", file=name, detail=str(exc)) from exc
    except _NoneValue as exc:
        raise TemplateError.one("E307", file=name) from exc
    except (jinja2.TemplateError, TypeError, ValueError, etree.LxmlError) as exc:
        # Also a filter given the wrong kind of value ({{ ten|so }}), a sandbox refusal,
        # or a header part that no longer parses.
        raise TemplateError.one("E304", file=name, detail=str(exc)) from exc


def _twips(value: str | None) -> int:
    return _bounded(value, 0, 0, _MAX_TWIPS)


def _cell_twips(tc: Any) -> int:
    tc_w = tc.find(f"{_W_TC_PR}/{_W_TC_W}")
    return 0 if tc_w is None else _twips(tc_w.get(_W_W))


def _balance_data_tables(body: Any, styles: Any) -> None:
    """Give the indicator columns of each data table equal shares of the table's width.

    docxtpl's ``{%tc for %}`` repeats a cell as many times as a task has indicators but
    keeps the template cell's width; Word and LibreOffice then disagree on the layout.
    """
    try:
        style_id = styles[DATA_TABLE_STYLE].style_id
    except KeyError:  # a template without data tables
        return
    for tbl in body.iterchildren(_W_TBL):
        style = tbl.find(f"{_W_TBL_PR}/{_W_TBL_STYLE}")
        grid_el = tbl.find(_W_GRID)
        if style is None or style.get(_W_VAL) != style_id or grid_el is None:
            continue
        grid = grid_el.findall(_W_GRID_COL)
        widths = [_twips(col.get(_W_W)) for col in grid]
        fixed = DATA_TABLE_FIXED_COLUMNS
        rows = tbl.findall(_W_TR)
        if len(widths) <= fixed or not rows:
            continue
        cells = rows[0].findall(_W_TC)[:fixed]
        leading = [_cell_twips(tc) or widths[i] for i, tc in enumerate(cells)]
        total = sum(widths)
        share = (total - sum(leading)) // (len(widths) - fixed)
        widths = leading + [share] * (len(widths) - fixed)
        for col, width in zip(grid, widths, strict=True):
            col.set(_W_W, str(width))
        for tr in tbl.iterchildren(_W_TR):
            index = 0
            for tc in tr.iterchildren(_W_TC):
                span = _span(tc)
                tc_w = _cell_width(tc)
                tc_w.set(_W_W, str(sum(widths[index : index + span])))
                tc_w.set(_W_TYPE, "dxa")
                index += span
        _keep_ends_together(tbl)


KEEP_ROWS = 2
"""Rows kept with a table's header on its first page, and with its last row (the total)
on its last page: never a header or a total with one row or none."""


def _keep_ends_together(tbl: Any) -> None:
    """The header row stays with the first rows; the last rows stay with the total.

    A table's caption already keeps to the table; without this, a page could end on a
    lone header, or a table's total could stand alone, or with one row, on a new page.
    """
    rows = tbl.findall(_W_TR)
    if len(rows) < 2:
        return
    for row in {*rows[:KEEP_ROWS], *rows[-1 - KEEP_ROWS : -1]}:  # a set: no row twice
        for paragraph in row.iter(_W_P):
            _keep_with_next(paragraph)


def _keep_with_next(paragraph: Any) -> None:
    """``w:keepNext`` on a paragraph, where the schema wants it: its properties first in the
    paragraph, the mark first in them but for ``w:pStyle``."""
    p_pr = paragraph.find(_W_P_PR)
    if p_pr is None:
        p_pr = etree.SubElement(paragraph, _W_P_PR)
        paragraph.insert(0, p_pr)
    keep = p_pr.find(_W_KEEP_NEXT)
    if keep is None:
        keep = etree.SubElement(p_pr, _W_KEEP_NEXT)
        first = p_pr[0]
        p_pr.insert(1 if first.tag == _W_P_STYLE and first is not keep else 0, keep)
    keep.attrib.pop(_W_VAL, None)  # on: the attribute's default


def _cell_width(tc: Any) -> Any:
    """A cell's ``w:tcW``, made where the schema wants it when the cell has none: its
    properties first in the cell, the width first in them but for ``w:cnfStyle``."""
    tc_pr = tc.find(_W_TC_PR)
    if tc_pr is None:
        tc_pr = etree.SubElement(tc, _W_TC_PR)
        tc.insert(0, tc_pr)
    tc_w = tc_pr.find(_W_TC_W)
    if tc_w is None:
        tc_w = etree.SubElement(tc_pr, _W_TC_W)
        first = tc_pr[0]
        tc_pr.insert(1 if first.tag == _W_CNF_STYLE and first is not tc_w else 0, tc_w)
    return tc_w


def _with_body(document_xml: bytes, body: Any) -> bytes:
    """The document part's XML text with ``body`` in place of its own body."""
    start, end = document_xml.find(b"<w:body"), document_xml.rfind(b"</w:body>")
    if start < 0 or end < 0:  # an unusual prefix: move the tree the slow way
        root = parse_xml(document_xml)
        root.replace(root.body, body)
        return cast(bytes, etree.tostring(root, encoding="UTF-8", standalone=True))
    text: bytes = etree.tostring(body, encoding="utf-8", xml_declaration=False)
    # The body, serialised alone, repeats the root's namespace declarations on its start
    # tag; the document's own start tag says the same with less.
    head = document_xml[: document_xml.index(b">", start) + 1]
    close = text.rfind(b"</w:body>")
    inner = text[text.index(b">") + 1 : close] if close >= 0 else b""  # <w:body/>: empty
    return head + inner + document_xml[end:]


def _ensure_draft_mark(body: Any, mark: str) -> None:
    """A draft made with a template that does not show ``du_thao`` still says it is one."""
    w_t = qn("w:t")
    if any(mark in (node.text or "") for node in body.iter(w_t)):
        return
    paragraph = body.makeelement(qn("w:p"), {})
    run = etree.SubElement(paragraph, qn("w:r"))
    props = etree.SubElement(run, qn("w:rPr"))
    etree.SubElement(props, qn("w:b"))
    etree.SubElement(run, w_t).text = mark
    body.insert(0, paragraph)


def _utc_naive(moment: datetime) -> datetime:
    # python-docx writes the clock time followed by "Z", so give it UTC.
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _set_core_properties(document: Any, *, title: str, author: str, created: datetime) -> None:
    props = document.core_properties
    moment = _utc_naive(created)
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = moment
    props.modified = moment
    props.revision = 1


# --- writing -----------------------------------------------------------------------------


def normalize_docx_zip(data: bytes, parts: Mapping[str, bytes] | None = None) -> bytes:
    """The same .docx with every zip entry dated 1980-01-01 and entries in a fixed order.

    ``[Content_Types].xml`` first, then the package relationships, then the rest sorted
    by name: the same content gives the same bytes, whenever and wherever it is written.
    ``parts`` replaces the content of the entries it names.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        names = sorted(
            zin.namelist(),
            key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n),
        )
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            content = (parts or {}).get(name)
            zout.writestr(info, zin.read(name) if content is None else content, compresslevel=6)
    return out.getvalue()


def render_docx(
    context: Context,
    template: Path | None = None,
    *,
    title: str,
    author: str,
    created: datetime,
) -> bytes:
    """The report's .docx bytes: ``context`` rendered with ``template`` (packaged by default).

    Core properties come from the arguments, never from the clock, and the zip is
    normalised, so the same inputs give byte-identical files. A template given by the
    user is rendered under the limits of :mod:`baocao.report.guard` (a child process
    with a memory ceiling and a time limit); the packaged one is baocao's own.

    Raises :class:`TemplateError` (not a .docx, unknown field, Jinja syntax, E310 for a
    limit passed).
    """
    raw, name = _template_bytes(template)
    data = context.template_data() if isinstance(context, ReportContext) else dict(context)

    def work(deadline: float | None = None) -> bytes:
        tpl = _open_template(raw, name)
        _render(tpl, data, name, deadline)
        document = tpl.docx
        if data.get("du_thao"):
            _ensure_draft_mark(tpl.body, str(data.get("dau_du_thao") or "DỰ THẢO"))
        _balance_data_tables(tpl.body, document.styles)
        _set_core_properties(document, title=title, author=author, created=created)
        buffer = io.BytesIO()
        tpl.save(buffer)
        part = document.part.partname.lstrip("/")
        with zipfile.ZipFile(buffer) as saved:
            rendered = _with_body(saved.read(part), tpl.body)
        return normalize_docx_zip(buffer.getvalue(), {part: rendered})

    if template is None:
        return work()
    deadline = time.monotonic() + RENDER_SECONDS
    return run_limited(lambda: work(deadline), name)


def template_digest(template: Path | None = None) -> str:
    """SHA-256 of the template's bytes: a changed template means a changed report."""
    data, _name = _template_bytes(template)
    return hashlib.sha256(data).hexdigest()


def render_report(
    context: Context,
    output: Path,
    template: Path | None = None,
    *,
    title: str,
    author: str,
    created: datetime,
) -> None:
    """Render into ``output``, replaced atomically: on any error the previous file stays.

    Raises :class:`TemplateError` and :class:`OutputError` (folder, permissions, full disk).
    """
    output = Path(output)
    check_output(output)
    data = render_docx(context, template, title=title, author=author, created=created)
    write_atomic(output, data)

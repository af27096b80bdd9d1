"""Rendering: the report context (plain data) into a .docx, and the .docx into a PDF.

The template is a Word document with Jinja2 tags (docxtpl). Text from the workspace is
data: it is escaped, never evaluated as a template, and a field the template asks for but
the context lacks is an error naming it. The same inputs give the same bytes, and a file
is only ever replaced whole: an error at any point leaves the previous result intact.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping
from contextlib import suppress
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from baocao.errors import BaocaoError, OutputError, TemplateError
from baocao.vietnamese import (
    end_of_body,
    format_count2,
    format_number,
    number_symbol,
    short_date,
)

__all__ = [
    "DEFAULT_TEMPLATE_NAME",
    "docx_to_pdf",
    "make_jinja_env",
    "normalize_docx_zip",
    "render_report",
]

DEFAULT_TEMPLATE_NAME = "bao-cao.docx"
# Tables with this style get their indicator columns re-balanced after rendering.
DATA_TABLE_STYLE = "BC Data Table"
# How many leading columns of a data table keep their template width (STT, Đơn vị).
DATA_TABLE_FIXED_COLUMNS = 2
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
PDF_TIMEOUT_SECONDS = 180.0

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


def make_jinja_env() -> SandboxedEnvironment:
    """The one Jinja environment for report templates.

    Sandboxed, autoescaped (a "&" or "<" in a unit's text reaches the document intact),
    StrictUndefined (a missing field is an error naming it, never an empty hole).
    Filters: ``so`` (26.529; 12.116,71), ``so2`` (03), ``ngay`` (24/02/2021), ``ket``
    (ends the body's last paragraph with "./.") and ``so_hieu`` ("/BC-PTP" gets room
    for the number written by hand).
    """
    env = SandboxedEnvironment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )
    env.filters["so"] = format_number
    env.filters["so2"] = format_count2
    env.filters["ngay"] = short_date
    env.filters["ket"] = end_of_body
    env.filters["so_hieu"] = number_symbol
    return env


# --- template loading --------------------------------------------------------------------


def _template_bytes(template: Path | None) -> tuple[bytes, str]:
    if template is None:
        resource = files("baocao").joinpath("templates", DEFAULT_TEMPLATE_NAME)
        return resource.read_bytes(), DEFAULT_TEMPLATE_NAME
    name = str(template)
    try:
        return template.read_bytes(), name
    except FileNotFoundError as exc:
        raise TemplateError.one("E305", file=name) from exc
    except OSError as exc:
        raise TemplateError.one("E301", file=name, detail=exc.strerror or str(exc)) from exc


class _StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl reparses rendered XML in "recover" mode, silently dropping what is broken."""

    def fix_tables(self, xml: str) -> Any:
        try:
            etree.fromstring(xml)
        except etree.XMLSyntaxError as exc:
            raise _BrokenXml(str(exc)) from exc
        return super().fix_tables(xml)


class _BrokenXml(Exception):
    pass


def _open_template(data: bytes, name: str) -> DocxTemplate:
    tpl = _StrictDocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        detail = "not a zip package" if isinstance(exc, PackageNotFoundError) else str(exc)
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


def _render(tpl: DocxTemplate, context: Mapping[str, Any], name: str) -> None:
    try:
        tpl.render(dict(context), jinja_env=make_jinja_env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        raise TemplateError.one("E302", file=name, field=_undefined_field(exc)) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError.one(
            "E303", file=name, detail=exc.message or str(exc), text=_syntax_line(exc)
        ) from exc
    except _BrokenXml as exc:
        raise TemplateError.one("E306", file=name, detail=str(exc)) from exc
    except _NoneValue as exc:
        raise TemplateError.one("E307", file=name) from exc
    except (jinja2.TemplateError, TypeError, ValueError, etree.LxmlError) as exc:
        # Also a filter given the wrong kind of value ({{ ten|so }}), a sandbox refusal,
        # or a header part that no longer parses.
        raise TemplateError.one("E304", file=name, detail=str(exc)) from exc


def _twips(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def _cell_twips(tc: Any) -> int:
    tc_pr = tc.tcPr
    tc_w = None if tc_pr is None else tc_pr.tcW
    return 0 if tc_w is None else _twips(tc_w.get(qn("w:w")))


def _balance_data_tables(document: Any) -> None:
    """Give the indicator columns of each data table equal shares of the table's width.

    docxtpl's ``{%tc for %}`` repeats a cell as many times as a task has indicators but
    keeps the template cell's width; Word and LibreOffice then disagree on the layout.
    """
    for table in document.tables:
        style = table.style
        if style is None or style.name != DATA_TABLE_STYLE:
            continue
        tbl = table._tbl
        grid = tbl.tblGrid.findall(qn("w:gridCol"))
        widths = [_twips(col.get(qn("w:w"))) for col in grid]
        fixed = DATA_TABLE_FIXED_COLUMNS
        if len(widths) <= fixed:
            continue
        first_row = tbl.findall(qn("w:tr"))[0]
        cells = first_row.findall(qn("w:tc"))[:fixed]
        leading = [_cell_twips(tc) or widths[i] for i, tc in enumerate(cells)]
        total = sum(widths)
        share = (total - sum(leading)) // (len(widths) - fixed)
        widths = leading + [share] * (len(widths) - fixed)
        for col, width in zip(grid, widths, strict=True):
            col.set(qn("w:w"), str(width))
        for tr in tbl.findall(qn("w:tr")):
            index = 0
            for tc in tr.findall(qn("w:tc")):
                span = tc.grid_span
                tc_pr = tc.get_or_add_tcPr()
                tc_w = tc_pr.get_or_add_tcW()
                tc_w.set(qn("w:w"), str(sum(widths[index : index + span])))
                tc_w.set(qn("w:type"), "dxa")
                index += span


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


def normalize_docx_zip(data: bytes) -> bytes:
    """The same .docx with every zip entry dated 1980-01-01 and entries in a fixed order.

    ``[Content_Types].xml`` first, then the package relationships, then the rest sorted
    by name: the same content gives the same bytes, whenever and wherever it is written.
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
            zout.writestr(info, zin.read(name), compresslevel=6)
    return out.getvalue()


def _output_error(exc: OSError, path: Path) -> BaocaoError:
    name = str(path)
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError.one("E403", file=name)
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return OutputError.one("E402", file=name)
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return OutputError.one("E406", file=name, folder=str(path.parent))
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError.one("E407", file=name)
    return OutputError.one("E401", file=name, detail=exc.strerror or str(exc))


def _check_output(path: Path) -> None:
    """Fail before any work when the result cannot be written there."""
    if path.is_dir():
        raise OutputError.one("E402", file=str(path))
    if not path.parent.is_dir():
        raise OutputError.one("E406", file=str(path), folder=str(path.parent))


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows has no directory handles for this.
    if not hasattr(os, "O_DIRECTORY"):
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (temp file, fsync, rename)."""
    _check_output(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # Mode 0o666 lets the user's umask decide, as for any file they create.
        fd = os.open(tmp, flags, 0o666)
    except OSError as exc:
        raise _output_error(exc, path) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _output_error(exc, path) from exc
        raise
    _fsync_folder(path.parent)


def render_docx(
    context: Mapping[str, Any],
    template: Path | None = None,
    *,
    title: str,
    author: str,
    created: datetime,
) -> bytes:
    """The report's .docx bytes: ``context`` rendered with ``template`` (packaged by default).

    Core properties come from the arguments, never from the clock, and the zip is
    normalised, so the same inputs give byte-identical files.

    Raises :class:`TemplateError` (not a .docx, unknown field, Jinja syntax).
    """
    data, name = _template_bytes(template)
    tpl = _open_template(data, name)
    _render(tpl, context, name)
    document = tpl.docx
    _balance_data_tables(document)
    _set_core_properties(document, title=title, author=author, created=created)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalize_docx_zip(buffer.getvalue())


def template_digest(template: Path | None = None) -> str:
    """SHA-256 of the template's bytes: a changed template means a changed report."""
    data, _name = _template_bytes(template)
    return hashlib.sha256(data).hexdigest()


def render_report(
    context: Mapping[str, Any],
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
    _check_output(output)
    data = render_docx(context, template, title=title, author=author, created=created)
    write_atomic(output, data)


# --- PDF ---------------------------------------------------------------------------------


def _find_soffice() -> str | None:
    for candidate in ("soffice", "libreoffice"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    # soffice is a launcher: the real converter is its child, so end the whole group.
    if os.name == "posix":
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()


def _tail(stream: bytes, lines: int = 5) -> str:
    text = stream.decode("utf-8", errors="replace").strip()
    return " | ".join(text.splitlines()[-lines:])


def docx_to_pdf(
    docx: Path,
    pdf: Path,
    *,
    timeout: float = PDF_TIMEOUT_SECONDS,
    soffice: str | None = None,
) -> None:
    """Convert ``docx`` to ``pdf`` with LibreOffice in headless mode, atomically.

    Each call uses its own LibreOffice profile, so parallel runs do not clash.
    Raises :class:`OutputError` when LibreOffice is missing (E404), fails (E405) or
    takes longer than ``timeout`` seconds (E408).
    """
    docx, pdf = Path(docx), Path(pdf)
    exe = soffice or _find_soffice()
    if exe is None:
        raise OutputError.one("E404", file=str(pdf))
    _check_output(pdf)
    if not docx.is_file():
        raise OutputError.one("E405", file=str(pdf), detail=f"{docx}: not found")
    with tempfile.TemporaryDirectory(prefix="baocao-pdf-") as tmp:
        profile = Path(tmp, "profile")
        outdir = Path(tmp, "out")
        command = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ]
        try:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=os.name == "posix",
            )
        except FileNotFoundError as exc:
            raise OutputError.one("E404", file=str(pdf)) from exc
        except OSError as exc:
            raise OutputError.one("E405", file=str(pdf), detail=str(exc)) from exc
        with proc:
            try:
                stdout, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                _kill_group(proc)
                proc.communicate()
                raise OutputError.one("E408", file=str(pdf), seconds=int(timeout)) from exc
        produced = outdir / f"{docx.stem}.pdf"
        if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = _tail(stderr) or _tail(stdout) or f"exit status {proc.returncode}"
            raise OutputError.one("E405", file=str(pdf), detail=detail)
        write_atomic(pdf, produced.read_bytes())

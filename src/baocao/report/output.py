"""Writing one report's files (.docx, companion .xlsx, .pdf, summary .json), changing only
what changed.

A report whose inputs, template and options are what its summary records, and whose
files still have the recorded bytes, is left alone: no file is rewritten, modification
times included. Otherwise it is rendered again, and a file is replaced only when its
new bytes differ. Every write is atomic, and every check that can fail is made before
the first file is touched: a failed run leaves the previous report, its spreadsheet and
its summary as they were. The one exception is the PDF: LibreOffice runs after the .docx
is written, so when it is missing or fails, the new .docx stays and the summary says there is no PDF.

A report's files are baocao's to replace when the summary beside them is baocao's (its
first field names the summary format): a .docx, .json, .xlsx or .pdf of the same name
that baocao did not write is never replaced without ``force``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from baocao.atomic import (
    check_output,
    remove_stale_temps,
    write_all,
    write_atomic,
)
from baocao.core.summary import FileDigest, Summary
from baocao.errors import OutputError, Place, Problem, display_path
from baocao.input.workspace import Workspace
from baocao.messages import Say
from baocao.report.compare import Comparison
from baocao.report.contract import ReportContext
from baocao.report.pdf import docx_to_pdf
from baocao.report.render import render_docx, template_digest
from baocao.report.summary import read_summary
from baocao.report.summary_writer import (
    build_summary,
    dumps,
    fingerprint,
    input_digests,
    relative,
    sha256_file,
)
from baocao.report.targets import Progress
from baocao.report.workbook import workbook_bytes
from baocao.settings import PDF_TIMEOUT_SECONDS


@dataclass(frozen=True)
class Written:
    """What happened to one report's files."""

    docx: Path
    pdf: Path | None
    summary: Path
    changed: bool  # False: everything was already up to date
    spreadsheet: Path | None = None


def _file_entry(path: Path, root: Path, data: bytes | None = None) -> dict[str, str]:
    import hashlib

    digest = hashlib.sha256(data).hexdigest() if data is not None else sha256_file(path)
    return {"file": relative(path, root), "sha256": digest}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def check_targets(
    ws: Workspace, targets: list[Path], template: Path | None, others: Sequence[Path] = ()
) -> None:
    """Refuse, before anything is written, results that cannot or must not be written.

    The report must be a .docx, and no result may land on an input of the report
    (the plan, a log, the configuration, the template, ``others`` such as the summary
    compared with): ``-o ke-hoach.yaml`` or the previous report given as ``--template``
    would otherwise destroy it.
    """
    docx = targets[0]
    check_output(docx)  # a folder, or a folder that does not exist, first: the clearer message
    if docx.suffix.lower() != ".docx":
        suffix = docx.suffix or Say("không có đuôi", "none")
        raise OutputError.one("E411", display_path(docx), suffix=suffix)
    existing = {key: t for t in targets if (key := _identity(t)) is not None}
    if existing:  # a result that does not exist yet cannot be an input
        for source in [*ws.files, *([template] if template is not None else []), *others]:
            hit = existing.get(_identity(source) or (-1, -1))
            if hit is not None:
                shown = (Path(display_path(hit.parent)) / hit.name).as_posix()  # a link by name
                raise OutputError.one("E412", shown, input=display_path(source))
    for target in targets[1:]:
        check_output(target)


_SUMMARY_HEAD = re.compile(rb'\{\s*"format"\s*:\s*"baocao-summary/')


def is_summary(path: Path) -> bool | None:
    """Whether ``path`` is a summary baocao wrote (None: nothing is there).

    Recognised by its first field, so a summary cut short or damaged is still known
    as baocao's; a link, a folder or any other file is not.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(256)
    except OSError:
        return False
    return _SUMMARY_HEAD.match(head) is not None


def _shown(path: Path) -> str:
    return (Path(display_path(path.parent)) / path.name).as_posix()  # a link by its own name


def check_not_foreign(targets: list[Path], summary: Path, *, force: bool) -> None:
    """Refuse to replace files that baocao did not write (E505), unless ``force``.

    The report's .docx, .xlsx and .pdf are known by the summary beside them: when it
    is baocao's, they are; when there is none, or it is another file, every existing
    target is someone else's, wherever it is (the workspace's results folder too).
    """
    if force or is_summary(summary):
        return
    foreign = [t for t in targets if os.path.lexists(t)]
    if foreign:
        raise OutputError(Problem("E505", Place(_shown(t)), {"path": _shown(t)}) for t in foreign)


def _up_to_date(
    previous: Summary | None,
    print_hex: str,
    docx: Path,
    pdf: Path | None,
    sheet: Path | None,
) -> bool:
    if previous is None or previous.fingerprint != print_hex:
        return False
    files = ((docx, previous.report), (pdf, previous.pdf), (sheet, previous.spreadsheet))
    for path, entry in files:
        if path is None:
            continue
        if entry is None or _digest(path) != entry.sha256:
            return False
    return True


def _digest(path: Path) -> str | None:
    """The file's SHA-256, or None when it is missing or unreadable (then it is redone)."""
    try:
        return sha256_file(path) if path.is_file() else None
    except OSError:
        return None


def _differs(path: Path, data: bytes) -> bool:
    try:
        return not (path.is_file() and path.read_bytes() == data)
    except OSError:
        return True


def _write_changed(files: list[tuple[Path, bytes]]) -> bool:
    """Write, as one, the files whose bytes differ; True when any was written."""
    changed = [(path, data) for path, data in files if _differs(path, data)]
    if changed:
        write_all(changed)
    return bool(changed)


def write_report(
    ws: Workspace,
    progress: Progress,
    comparison: Comparison | None,
    context: ReportContext,
    *,
    report_date: date,
    docx: Path,
    template: Path | None,
    pdf: bool,
    options: dict[str, Any],
    warnings: list[Problem] | None = None,
    placeholders: list[Problem] | None = None,
    spreadsheet: Path | None = None,
    pdf_timeout: float = PDF_TIMEOUT_SECONDS,
    force: bool = False,
) -> Written:
    """Bring the report's .docx, its companion spreadsheet (when it has one), .pdf (when
    asked) and summary up to date.

    ``warnings`` are the run's (the workspace's and the report's own) for the summary,
    which also records a draft (``options["draft"]``) and its ``placeholders``.
    Files of an earlier report (its summary beside them) are baocao's to replace; any
    other file already at a target is replaced only with ``force`` (E505 otherwise).

    The .docx, the spreadsheet and the summary are written as one
    (:func:`~baocao.atomic.write_all`).
    Raises :class:`OutputError` (or :class:`~baocao.errors.TemplateError`) with the
    previous files intact, except after a failed PDF conversion (see the module's note).
    The earlier summary compared with (``comparison``) is an input like the others.
    """
    window = progress.window
    compared = [Path(comparison.path)] if comparison is not None else []
    summary_path = docx.with_suffix(".json")
    pdf_path = docx.with_suffix(".pdf") if pdf else None
    extra = [path for path in (spreadsheet, pdf_path) if path is not None]
    targets = [docx, summary_path, *extra]
    check_targets(ws, targets, template, compared)
    previous = read_summary(summary_path)
    check_not_foreign(targets, summary_path, force=force)
    for target in targets:  # what runs killed mid-write left behind
        remove_stale_temps(target)
    inputs = input_digests(ws, window.year, window.period)
    if comparison is not None:
        inputs.append({"file": comparison.file, "sha256": comparison.sha256})
    template_sha = template_digest(template)
    print_hex = fingerprint(inputs, template_sha, {**options, "pdf": pdf})
    if _up_to_date(previous, print_hex, docx, pdf_path, spreadsheet):
        return Written(docx, pdf_path, summary_path, False, spreadsheet)

    kind = "Dự thảo báo cáo" if options.get("draft") else "Báo cáo"
    title = f"{kind} {context.trich_yeu}"
    author = ws.plan.issuer_name or ws.plan.issuer
    created = datetime.combine(report_date, datetime.min.time())
    data = render_docx(context, template, title=title, author=author, created=created)
    together = [(docx, data)]
    sheet_entry = None
    if spreadsheet is not None:
        book = workbook_bytes(
            progress.aggregate, title=f"Số liệu kèm theo {title}", author=author, created=created
        )
        together.append((spreadsheet, book))
        sheet_entry = _file_entry(spreadsheet, ws.root, book)

    def summary(pdf_entry: dict[str, str] | None) -> bytes:
        return dumps(
            build_summary(
                ws,
                progress,
                comparison,
                report_date=report_date,
                report=_file_entry(docx, ws.root, data),
                pdf=pdf_entry,
                spreadsheet=sheet_entry,
                inputs=inputs,
                template_sha=template_sha,
                fingerprint_hex=print_hex,
                options=options,
                warnings=ws.warnings if warnings is None else warnings,
                placeholders=placeholders or [],
            )
        )

    # The PDF made from the same .docx is kept; otherwise the summary says "no PDF"
    # until LibreOffice has made the new one, so it is true whatever happens next.
    pdf_entry = None
    if pdf_path is not None and not _differs(docx, data):
        old_pdf: FileDigest | None = previous.pdf if previous is not None else None
        if old_pdf is not None and _digest(pdf_path) == old_pdf.sha256:
            pdf_entry = _file_entry(pdf_path, ws.root)
    changed = _write_changed([*together, (summary_path, summary(pdf_entry))])
    if pdf_path is not None and pdf_entry is None:
        # E404, E405, E408 leave the new .docx and a true summary
        docx_to_pdf(docx, pdf_path, timeout=pdf_timeout)
        write_atomic(summary_path, summary(_file_entry(pdf_path, ws.root)))
        changed = True
    return Written(docx, pdf_path, summary_path, changed, spreadsheet)

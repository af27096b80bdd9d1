"""Writing one report's files (.docx, .pdf, summary .json), changing only what changed.

A report whose inputs, template and options are what its summary records, and whose
files still have the recorded bytes, is left alone: no file is rewritten, modification
times included. Otherwise it is rendered again, and a file is replaced only when its
new bytes differ. Every write is atomic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from baocao.aggregate import Aggregate
from baocao.errors import OutputError
from baocao.render import docx_to_pdf, render_docx, template_digest, write_atomic
from baocao.summary import (
    build_summary,
    dumps,
    fingerprint,
    input_digests,
    read_summary,
    relative,
    sha256_file,
)
from baocao.workspace import Workspace
from baocao.yamlio import display_path


@dataclass(frozen=True)
class Written:
    """What happened to one report's files."""

    docx: Path
    pdf: Path | None
    summary: Path
    changed: bool  # False: everything was already up to date


def make_dir(folder: Path) -> None:
    """Create a results folder (and its parents), or fail with a located OutputError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError.one(
            "E401", display_path(folder), detail=exc.strerror or str(exc)
        ) from None


def _file_entry(path: Path, root: Path, data: bytes | None = None) -> dict[str, str]:
    import hashlib

    digest = hashlib.sha256(data).hexdigest() if data is not None else sha256_file(path)
    return {"file": relative(path, root), "sha256": digest}


def _up_to_date(
    previous: dict[str, Any] | None, print_hex: str, docx: Path, pdf: Path | None
) -> bool:
    if previous is None or previous.get("fingerprint") != print_hex:
        return False
    for path, entry in ((docx, previous.get("report")), (pdf, previous.get("pdf"))):
        if path is None:
            continue
        if not isinstance(entry, dict) or not path.is_file():
            return False
        if sha256_file(path) != entry.get("sha256"):
            return False
    return True


def _write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def write_report(
    ws: Workspace,
    agg: Aggregate,
    context: dict[str, Any],
    *,
    report_date: date,
    docx: Path,
    template: Path | None,
    pdf: bool,
    options: dict[str, Any],
) -> Written:
    """Bring the report's .docx, .pdf (when asked) and summary up to date."""
    window = agg.window
    summary_path = docx.with_suffix(".json")
    pdf_path = docx.with_suffix(".pdf") if pdf else None
    inputs = input_digests(ws, window.year, window.period)
    template_sha = template_digest(template)
    print_hex = fingerprint(inputs, template_sha, {**options, "pdf": pdf})
    previous = read_summary(summary_path)
    if _up_to_date(previous, print_hex, docx, pdf_path):
        return Written(docx, pdf_path, summary_path, changed=False)

    data = render_docx(
        context,
        template,
        title=f"Báo cáo {context['trich_yeu']}",
        author=ws.plan.issuer_name or ws.plan.issuer,
        created=datetime.combine(report_date, datetime.min.time()),
    )
    changed = _write_if_changed(docx, data)
    pdf_entry = None
    if pdf_path is not None:
        old_pdf = (previous or {}).get("pdf") or {}
        if changed or not pdf_path.is_file() or sha256_file(pdf_path) != old_pdf.get("sha256"):
            docx_to_pdf(docx, pdf_path)
            changed = True
        pdf_entry = _file_entry(pdf_path, ws.root)
    summary = build_summary(
        ws,
        agg,
        report_date=report_date,
        report=_file_entry(docx, ws.root, data),
        pdf=pdf_entry,
        inputs=inputs,
        template_sha=template_sha,
        fingerprint_hex=print_hex,
    )
    changed = _write_if_changed(summary_path, dumps(summary)) or changed
    return Written(docx, pdf_path, summary_path, changed)

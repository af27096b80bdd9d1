"""The summary JSON written beside every report, and the fingerprint of its inputs.

The summary is what a higher level or another system consumes and what an audit
compares: period, window, totals, per-unit figures and submission states, warnings,
and the SHA-256 of every input. It holds no clock time, so an unchanged report has
an unchanged summary.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from baocao import __version__
from baocao.errors import Problem
from baocao.input.workspace import Workspace
from baocao.report.aggregate import Aggregate

FORMAT = "baocao-summary/1"
# A summary is a few MB even for a thousand units; a larger file is not one of ours.
MAX_SUMMARY_BYTES = 64 * 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def relative(path: Path, root: Path) -> str:
    """A path as stored in summaries: relative to the workspace, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def input_digests(ws: Workspace, year: int, period: str) -> list[dict[str, str]]:
    """Every file the report of ``period`` in ``year`` is made from, with its SHA-256."""
    return [
        {"file": relative(path, ws.root), "sha256": sha256_file(path)}
        for path in ws.report_inputs(year, period)
    ]


def fingerprint(inputs: list[dict[str, str]], template_sha: str, options: dict[str, Any]) -> str:
    """One hash for everything that decides the report's bytes."""
    from baocao.input.logs import code_digest  # a changed program may write a different report

    material = {
        "baocao": __version__,
        "code": code_digest(),
        "inputs": inputs,
        "template": template_sha,
        "options": options,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _warning(problem: Problem, root: Path) -> dict[str, Any]:
    item = problem.to_dict("vi")
    if problem.file:
        item["file"] = relative(Path(problem.file), root)
    return item


def build_summary(
    ws: Workspace,
    agg: Aggregate,
    *,
    report_date: date,
    report: dict[str, str],
    pdf: dict[str, str] | None,
    inputs: list[dict[str, str]],
    spreadsheet: dict[str, str] | None = None,
    template_sha: str,
    fingerprint_hex: str,
    options: dict[str, Any] | None = None,
    warnings: list[Problem] | None = None,
    placeholders: list[Problem] | None = None,
) -> dict[str, Any]:
    """The summary's content: plain JSON data, keys in English for other systems.

    ``draft`` is true for a report marked "DỰ THẢO", whose ``placeholders`` list what
    is left to fill in; ``as_of`` is the day up to which submissions were counted.
    """
    window = agg.window
    plan = ws.plan
    options = options or {}
    return {
        "format": FORMAT,
        "baocao": __version__,
        "plan": {
            "number": plan.number,
            "title": plan.title,
            "issuer": plan.issuer,
            "year": plan.year,
        },
        "period": window.period,
        "year": window.year,
        "name": window.name,
        "window": {"start": _day(window.start), "end": _day(window.end)},
        "due": _day(window.due),
        "report_date": _day(report_date),
        "as_of": options.get("as_of", _day(report_date)),
        "draft": bool(options.get("draft", False)),
        "placeholders": [_warning(p, ws.root) for p in placeholders or []],
        "report": report,
        "pdf": pdf,
        "spreadsheet": spreadsheet,
        "tasks": [
            {
                "code": t.task.code,
                "title": t.task.title,
                "status": t.status,
                "activities": len(t.activities),
                "units": [u.code for u in t.units],
                "totals": t.totals,
            }
            for t in agg.tasks
        ],
        "units": [
            {
                "code": u.unit.code,
                "name": u.unit.name,
                "submission": u.submission,
                "sent_on": _day(u.sent_on),
                "days_late": u.days_late,
                "activities": u.activity_counts,
                "figures": u.figures,
            }
            for u in agg.units
        ],
        "warnings": [_warning(p, ws.root) for p in (ws.warnings if warnings is None else warnings)],
        "inputs": inputs,
        "template": {"sha256": template_sha},
        "fingerprint": fingerprint_hex,
    }


def dumps(summary: dict[str, Any]) -> bytes:
    return (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_summary(path: Path) -> dict[str, Any] | None:
    """An earlier summary, or None when there is none or it cannot be read.

    Whatever the file holds (garbage bytes, JSON nested a million deep, a folder),
    the answer is None and the report is made again.
    """
    try:
        if path.stat().st_size > MAX_SUMMARY_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None

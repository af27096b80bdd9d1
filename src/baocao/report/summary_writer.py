"""Building a report's summary (:class:`~baocao.report.summary.Summary`) and the
fingerprint that tells whether the report is up to date."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from baocao import __version__
from baocao.core.lower import DEFAULT_UNITS_WORD, Reach
from baocao.core.period import Period
from baocao.core.summary import FORMAT, Number, Summary
from baocao.errors import Problem
from baocao.input.workspace import Workspace
from baocao.report.addressing import upward_notes
from baocao.report.aggregate import UnitActivity
from baocao.report.compare import Change, Comparison
from baocao.report.context import issuer_name, notable
from baocao.report.targets import IndicatorProgress, Progress


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def relative(path: Path, root: Path) -> str:
    """A path as stored in summaries: relative to the workspace, with forward slashes."""
    return _Relative(root)(path)


class _Relative:
    """Paths relative to one workspace, for many files: each folder is resolved once, and a
    file that is no link resolves to its resolved folder and its own name."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> str:
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        resolved = path.resolve() if path.is_symlink() else folder / path.name
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def input_digests(ws: Workspace, year: int, period: Period) -> list[dict[str, str]]:
    """Every file the report of ``period`` in ``year`` is made from, with its SHA-256:
    of the bytes the workspace was loaded from (each file is read once)."""
    named = _Relative(ws.root)
    return [
        {"file": named(path), "sha256": ws.digests.get(path) or sha256_file(path)}
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


def _warning(problem: Problem, named: _Relative) -> dict[str, Any]:
    item = problem.to_dict("vi")
    if problem.file:
        item["file"] = named(Path(problem.file))
    return item


def json_number(value: int | float | Decimal | None) -> Number | None:
    """A figure as JSON holds it: a whole number stays whole, a percentage is a float."""
    if value is None or isinstance(value, int):
        return value
    return float(value)


def _ratio_parts(item: IndicatorProgress) -> dict[str, int | None]:
    ratio = item.ratio
    return {"part": ratio.part if ratio else None, "whole": ratio.whole if ratio else None}


def indicator_entry(item: IndicatorProgress, change: Change | None) -> dict[str, Any]:
    """One indicator as the summary holds it (see :class:`~baocao.report.summary.IndicatorEntry`)."""
    ind = item.indicator
    return {
        "code": ind.code,
        "label": ind.label,
        "unit": ind.unit_of_measure,
        "kind": "ratio" if ind.is_ratio else "count",
        "value": json_number(item.value),
        **_ratio_parts(item),
        "to_date": json_number(item.to_date),
        "target": item.target,
        "achieved": json_number(item.share),
        "met": item.met,
        "unit_targets": [
            {
                "unit": u.unit.code,
                "target": u.target,
                "to_date": u.to_date,
                "achieved": json_number(u.share),
                "met": u.met,
            }
            for u in item.units
        ],
        "earlier": json_number(change.earlier) if change else None,
        "change": change.kind if change else None,
        "change_amount": json_number(change.amount) if change else None,
    }


def _task_measures(progress: Progress, comparison: Comparison | None) -> dict[str, Any]:
    out = {}
    for item in progress.tasks:
        code = item.task.code
        changes = [
            comparison.change(code, p.indicator.code) if comparison else None
            for p in item.indicators
        ]
        out[code] = {
            "outcome": item.outcome,
            "indicators": [
                indicator_entry(p, change)
                for p, change in zip(item.indicators, changes, strict=True)
            ],
        }
    return out


def _highlight(ua: UnitActivity) -> dict[str, Any]:
    act = ua.activity
    return {"day": act.day, "unit": ua.doer, "text": act.text, "figures": dict(act.figures)}


def _reach(reach: Reach | None) -> dict[str, int] | None:
    return {"units": reach.units, "reported": reach.reported} if reach is not None else None


def build_summary(
    ws: Workspace,
    progress: Progress,
    comparison: Comparison | None,
    *,
    report_date: date,
    report: dict[str, str],
    pdf: dict[str, str] | None,
    inputs: list[dict[str, str]],
    template_sha: str,
    fingerprint_hex: str,
    options: dict[str, Any] | None = None,
    warnings: list[Problem] | None = None,
    placeholders: list[Problem] | None = None,
    spreadsheet: dict[str, str] | None = None,
) -> Summary:
    """The summary of one report: its figures, targets, ratios and comparison.

    ``draft`` (in ``options``) is true for a report marked "DỰ THẢO", whose
    ``placeholders`` list what is left to fill in; ``as_of`` is the day up to which
    submissions were counted; ``warnings`` default to the workspace's.
    """
    agg = progress.aggregate
    options = options or {}
    window = agg.window
    plan = ws.plan
    measures = _task_measures(progress, comparison)
    named = _Relative(ws.root)
    narrative = ws.narratives.get((window.year, window.period))
    difficulties, proposals = upward_notes(agg, plan, ws.config, narrative)
    compared_with = (
        {
            "file": comparison.file,
            "sha256": comparison.sha256,
            "year": comparison.year,
            "period": comparison.period,
            "name": comparison.name,
        }
        if comparison is not None
        else None
    )
    data = {
        "format": FORMAT,
        "baocao": __version__,
        "plan": {
            "number": plan.number,
            "title": plan.title,
            "issuer": plan.issuer,
            "year": plan.year,
            "issuer_name": issuer_name(plan),
            "carries_out": plan.carries_out,
        },
        "period": window.period,
        "year": window.year,
        "name": window.name,
        "window": {"start": window.start, "end": window.end},
        "since": progress.since,
        "due": window.due,
        "report_date": report_date,
        "as_of": options.get("as_of", report_date),
        "draft": bool(options.get("draft", False)),
        "placeholders": [_warning(p, named) for p in placeholders or []],
        "report": report,
        "pdf": pdf,
        "spreadsheet": spreadsheet,
        "compared_with": compared_with,
        "tasks": [
            {
                "code": t.task.code,
                "title": t.task.title,
                "status": t.status,
                "outcome": measures[t.task.code]["outcome"],
                "activities": t.count,
                "units": [u.code for u in t.units],
                "totals": t.totals,
                "indicators": measures[t.task.code]["indicators"],
                "reached": t.reached,
                "activities_to_date": progress.so_far.tasks[index].count,
                "highlights": [_highlight(ua) for ua in notable(t)],
            }
            for index, t in enumerate(agg.tasks)
        ],
        "units": [
            {
                "code": u.unit.code,
                "name": u.unit.name,
                "submission": u.submission,
                "sent_on": u.sent_on,
                "days_late": u.days_late,
                "activities": u.activity_counts,
                "figures": u.figures,
                "lower": u.reach is not None,
                "reach": _reach(u.reach),
            }
            for u in agg.units
        ],
        "units_word": plan.units_word or DEFAULT_UNITS_WORD,
        "reach": _reach(agg.reach),
        "difficulties": difficulties,
        "proposals": proposals,
        "warnings": [_warning(p, named) for p in (ws.warnings if warnings is None else warnings)],
        "inputs": inputs,
        "template": {"sha256": template_sha},
        "fingerprint": fingerprint_hex,
    }
    return Summary.model_validate(data)


def dumps(summary: Summary) -> bytes:
    """The summary as written: UTF-8 JSON, Vietnamese left readable, fields in model order.

    The text is exactly ``json.dumps(data, ensure_ascii=False, indent=2)``'s, made without
    its pure-Python indenting encoder (a national summary has a million values).
    """
    data = summary.model_dump(mode="json")
    chunks: list[str] = []
    parts: list[str] = []

    def put(text: str) -> None:
        # Small pieces are joined as they come: a national summary has a million of them.
        parts.append(text)
        if len(parts) >= _PIECES:
            chunks.append("".join(parts))
            parts.clear()

    _indented(data, "\n", put)
    chunks.append("".join(parts) + "\n")
    return "".join(chunks).encode("utf-8")


_PIECES = 4096


_string: Callable[[str], str] = encode_basestring  # json's own, in C where it can be
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _scalar(value: Any) -> str:
    if value is None or value is True or value is False:
        return _CONSTANTS[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)  # json's spelling of infinities and NaN
    raise TypeError(f"not JSON: {type(value).__name__}")


def _indented(value: Any, newline: str, put: Callable[[str], object]) -> None:
    """``value`` as json.dumps(indent=2) writes it; ``newline`` is a newline and the indent."""
    if isinstance(value, str):
        put(_string(value))
    elif isinstance(value, dict):
        if not value:
            put("{}")
            return
        inner = newline + "  "
        put("{")
        for number, (key, item) in enumerate(value.items()):
            name = key if isinstance(key, str) else _scalar(key)  # json's keys are text
            put(("," if number else "") + inner + _string(name) + ": ")
            _indented(item, inner, put)
        put(newline + "}")
    elif isinstance(value, list):
        if not value:
            put("[]")
            return
        inner = newline + "  "
        put("[")
        for number, item in enumerate(value):
            put(("," if number else "") + inner)
            _indented(item, inner, put)
        put(newline + "]")
    else:
        put(_scalar(value))

"""Filing what a lower-level body sends: the summary of its compiled report.

``baocao nhan XA.json --don-vi xa-an-binh`` checks the summary as the roll-up will read
it (:mod:`baocao.input.lower`: format version, plan, year, period, window, tasks and
indicators by code), and against what is filed for that body already: it must not be
older (E713) nor another body's (E717). It is then filed as ``<năm>/<mã>.json``, the
day it was received recorded in it (``received_on``), the summary it replaces kept
under ``<năm>/.lich-su/<mã>/``. Filing the same summary again changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from baocao.core.models import Plan, ReportingUnit
from baocao.core.period import Period
from baocao.core.summary import Summary
from baocao.core.vietnamese import same_name, short_date
from baocao.errors import InputError, Place, Problem, display_path
from baocao.input.files import read_bytes
from baocao.input.jsonio import read_json
from baocao.input.lower import Lowered, older, parse_lower, read_lower
from baocao.input.sources import LOWER_SUFFIX
from baocao.messages import Say


@dataclass
class SummaryFiling:
    """What filing one lower body's summary will do."""

    read: Lowered
    target: Path
    data: bytes
    written: bool  # False: the file there holds exactly this already
    created: bool  # True: no summary was filed for that body before
    recorded: tuple[Period, date] | None  # the day received, recorded now

    @property
    def summary(self) -> Summary:
        assert self.read.summary is not None
        return self.read.summary


def is_summary(path: Path) -> bool:
    """Whether ``path`` is sent as a lower body's summary (by its suffix)."""
    return path.suffix.lower() == LOWER_SUFFIX


def plan_summaries(
    paths: Sequence[Path],
    plan: Plan,
    folder: Path,
    *,
    unit: str | None,
    period: Period | None,
    received: date,
    dated: bool,
) -> tuple[list[SummaryFiling], list[Problem]]:
    """Read and check every summary in ``paths`` as filed in ``folder``; what filing each
    would write, and every problem found. ``received`` is recorded as the day each was
    received: always when ``dated`` (the clerk gave it), else when the file has none."""
    filings: list[SummaryFiling] = []
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for path in paths:
        file = display_path(path)
        try:
            raw = read_bytes(path, file)
            body = _sender(raw, file, plan, unit)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        read = parse_lower(raw, file, plan, body, path)
        problems.extend(read.problems)
        if read.summary is not None and period is not None and read.summary.period != period:
            params = {"theirs": read.summary.name, "period": period.label}
            problems.append(
                Problem("E716", read.doc.place(("period",)) if read.doc else Place(file), params)
            )
        if body.code in first:
            params = {"unit": body.code, "other": first[body.code]}
            problems.append(Problem("E623", Place(file), params))
        first.setdefault(body.code, file)
        if read.errors or read.summary is None or read.doc is None:
            continue
        target = folder / f"{body.code}{LOWER_SUFFIX}"
        filing, found = _filing(read, target, plan, received, dated)
        problems.extend(found)
        if filing is not None:
            filings.append(filing)
    return filings, problems


def _sender(raw: bytes, file: str, plan: Plan, code: str | None) -> ReportingUnit:
    """The lower body that sent the file: the one given (``--don-vi``), else the one of the
    plan's lower bodies whose name the summary's issuer bears."""
    lower = [u for u in plan.units if u.lower]
    listed = ", ".join(u.code for u in lower) or "—"
    if code is not None:
        unit = next((u for u in plan.units if u.code == code), None)
        if unit is None:
            raise InputError.at("E712", Place(file), lower=listed)
        if not unit.lower:
            raise InputError([Problem("E715", Place(file), {"code": code})])
        return unit
    issuer = _issuer(read_json(raw, file).data)
    named = [u for u in lower if issuer and any(same_name(n, u.name) for n in issuer)]
    if len(named) != 1:
        raise InputError.at("E712", Place(file), lower=listed)
    return named[0]


def _issuer(data: dict[str, Any]) -> list[str]:
    plan = data.get("plan")
    if not isinstance(plan, dict):
        return []
    return [n for n in (plan.get("issuer_name"), plan.get("issuer")) if isinstance(n, str) and n]


def _filing(
    read: Lowered, target: Path, plan: Plan, received: date, dated: bool
) -> tuple[SummaryFiling | None, list[Problem]]:
    assert read.summary is not None and read.doc is not None
    new = read.summary
    old = read_lower(target, plan, read.unit, display_path(target)) if target.is_file() else None
    before = old.summary if old is not None else None
    if before is not None:
        if older(new, before):
            params = {
                "unit": read.unit.name,
                "theirs": _described(new),
                "filed": _described(before),
            }
            return None, [Problem("E713", read.doc.place(("window",)), params)]
        if not _same_body(new, before):
            params = {"unit": read.unit.name, "theirs": _body(new), "filed": _body(before)}
            return None, [Problem("E717", read.doc.place(("plan", "issuer")), params)]
    day = received if dated else new.received_on or _kept_day(new, before) or received
    data = dict(read.doc.data)
    recorded = None
    if data.get("received_on") != day.isoformat():
        data["received_on"] = day.isoformat()
        recorded = (new.period, day)
    text = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    current = target.read_bytes() if target.is_file() else None
    filing = SummaryFiling(read, target, text, current != text, current is None, recorded)
    return filing, [p for p in read.problems if p.severity == "warning"]


def _kept_day(new: Summary, before: Summary | None) -> date | None:
    """The day the same report was received before: sending it again is no new receipt."""
    if before is None or before.received_on is None:
        return None
    if before.fingerprint == new.fingerprint and before.period == new.period:
        return before.received_on
    return None


def _described(summary: Summary) -> Say:
    day = short_date(summary.report_date)
    return Say(
        f"báo cáo {summary.name}, ngày {day}",
        f"the report of {summary.period.phrase[1]} {summary.year}, dated {day}",
    )


def _body(summary: Summary) -> str:
    return summary.plan.issuer_name or summary.plan.issuer


def _same_body(new: Summary, before: Summary) -> bool:
    return same_name(_body(new), _body(before)) or same_name(new.plan.issuer, before.plan.issuer)

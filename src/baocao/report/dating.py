"""The report's date, and the rule that follows from it: nothing stated happens after it.

The default date is the day the compiling office can sign on:

1. its own deadline for the period when the plan sets one (``han_bao_cao``: the day
   it must report to the bodies above it);
2. otherwise the units' deadline (``han_nop``), or the day the last report it
   includes arrived when that is later: never a day before data it states.

Whatever the date, a report only counts what had reached the office by then: a
unit's report received later is left out (the unit is "not yet sent") and an
activity dated later is not told; the data period's end is brought back to the
report's date when it falls after it. Each such cut is said in a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from baocao.core import keys
from baocao.core.lower import LowerReport
from baocao.core.models import WHOLE_YEAR, UnitLog
from baocao.core.period import Period
from baocao.core.vietnamese import short_date
from baocao.core.window import Window
from baocao.errors import OptionError, Place, Problem, display_path
from baocao.input.sources import load_source
from baocao.input.workspace import Workspace
from baocao.messages import Say


@dataclass(frozen=True)
class Dating:
    """A report's date, the day its data is counted to, its window, and what was cut."""

    report_date: date
    as_of: date
    window: Window
    warnings: list[Problem]


def default_date(
    window: Window, logs: tuple[UnitLog, ...], lower: Sequence[LowerReport] = ()
) -> date:
    """The office's own deadline, else the units' deadline or the last report's arrival
    (a unit's log, or a lower-level body's summary)."""
    if window.report_due is not None:
        return window.report_due
    received = [log.sent[window.period] for log in logs if window.period in log.sent]
    received += [r.received for r in lower if r.received is not None]
    return max([window.due or window.end, *received])


def date_report(
    ws: Workspace, window: Window, report_date: date | None, as_of: date | None
) -> Dating:
    """The report's date and what it may count; refuses a date before what it counts.

    ``as_of`` (what had arrived by that day) defaults to the report's date, and the
    report's date to ``as_of`` when only that is given.
    """
    if report_date is not None and as_of is not None and report_date < as_of:
        raise OptionError.one("E135", date=short_date(report_date), as_of=short_date(as_of))
    lower = [read.report for read in ws.lower_reports(window.year, window.period) if read.report]
    dated = report_date or as_of or default_date(window, ws.logs, lower)
    counted_to = as_of or dated
    if dated < window.start:
        raise OptionError.one("E136", date=short_date(dated), start=short_date(window.start))
    warnings: list[Problem] = []
    if counted_to < window.end:
        warnings.append(_cut_window(ws, window, counted_to))
        window = replace(window, end=counted_to)
    warnings.extend(_late_arrivals(ws, window, counted_to))
    warnings.extend(_late_lower(ws, window, counted_to))
    warnings.extend(_whole_year_notes(ws, window, counted_to))
    return Dating(dated, counted_to, window, warnings)


def _cut_window(ws: Workspace, window: Window, day: date) -> Problem:
    place = ws.plan_doc.place((keys.SCHEDULE, keys.PERIOD, window.period), key=True)
    params = {"date": short_date(day), "end": short_date(window.end)}
    return Problem("W207", place, params)


def _path_of(ws: Workspace, log: UnitLog) -> Path | None:
    return next((p for p in ws.files if display_path(p) == log.file), None)


def _late_arrivals(ws: Workspace, window: Window, day: date) -> list[Problem]:
    """A warning for each unit whose report for the period arrived after ``day``."""
    problems = []
    for log in ws.logs:
        sent = log.sent.get(window.period)
        if sent is None or sent <= day:
            continue
        path = _path_of(ws, log)
        place = load_source(path).place((keys.SENT, window.period)) if path else Place(log.file)
        params = {
            "unit": ws.plan.unit_name(log.unit),
            "sent": short_date(sent),
            "date": short_date(day),
        }
        problems.append(Problem("W206", place, params))
    return problems


def _late_lower(ws: Workspace, window: Window, day: date) -> list[Problem]:
    """W206 for each lower body whose summary for the period was received after ``day``."""
    problems = []
    for read in ws.lower_reports(window.year, window.period):
        received = read.report.received if read.report else None
        if received is None or received <= day or read.doc is None:
            continue
        params = {"unit": read.unit.name, "sent": short_date(received), "date": short_date(day)}
        problems.append(Problem("W206", read.doc.place(("received_on",)), params))
    return problems


def _whole_year_notes(ws: Workspace, window: Window, day: date) -> list[Problem]:
    """A warning for each log whose year-long notes a report of part of the year cites."""
    if window.period is Period.YEAR:
        return []
    name = Say(window.name, f"{window.period.phrase[1]} {window.year}")
    problems = []
    for log in ws.logs:
        sent = log.sent.get(window.period)
        if sent is not None and sent > day:
            continue  # not in this report
        for key, notes in ((keys.DIFFICULTIES, log.difficulties), (keys.PROPOSALS, log.proposals)):
            if notes.get(WHOLE_YEAR):
                place = log.whole_year_places.get(key, Place(log.file))
                params = {"field": key, "period": name}
                problems.append(Problem("W208", place, params))
    return problems

"""Which days of data a report covers, and when it is due.

The plan's preset (:class:`~baocao.core.period.Preset`) gives each period its window;
a plan may fix its own window per period (its "tu_ngay"/"den_ngay"), and a requesting
letter may fix one for a single run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from baocao.core import keys
from baocao.core.models import Plan
from baocao.core.period import DayMonth, Period
from baocao.errors import NOWHERE, InputError, Place
from baocao.messages import Say


class Located(Protocol):
    """A read file that can say where a key stood (the input stage's sources are)."""

    file: str

    def place(self, path: tuple[str | int, ...], *, key: bool = False) -> Place: ...


@dataclass(frozen=True)
class Window:
    """The days a report covers, its due date, and how the report names it."""

    period: Period
    year: int
    start: date
    end: date
    due: date | None  # the units' deadline; None while the plan leaves it to fill in
    report_due: date | None = None  # the compiling office's own deadline, when the plan sets it

    @property
    def name(self) -> str:
        """ "6 tháng đầu năm 2021", "năm 2021", "quý IV năm 2021"."""
        return f"{self.period.phrase[0]} {self.year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: date, end: date) -> bool:
        return start <= self.end and end >= self.start


def _on(year: int, day_month: DayMonth) -> date:
    day, month = day_month
    if (day, month) == (29, 2):  # a plan's 29/02 in a common year means the month's end
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def window_for(
    plan: Plan,
    period: Period | str,
    year: int | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    plan_doc: Located | None = None,
) -> Window:
    """The window of ``period`` in ``year`` (default: the plan's year).

    ``start``/``end`` override the plan's own window for one run. A period the plan's
    schedule does not define is an :class:`InputError` pointing at the schedule.
    """
    year = plan.year if year is None else year
    code = Period.parse(period)
    schedule = plan.schedule.periods.get(code) if code is not None else None
    if code is None or schedule is None:
        place = plan_doc.place((keys.SCHEDULE, keys.PERIOD), key=True) if plan_doc else NOWHERE
        defined = ", ".join(plan.schedule.periods)
        raise InputError.at(
            "E115",
            place,
            key=period,
            hint=Say(f" (kế hoạch có: {defined})", f" (the plan defines: {defined})"),
        )
    preset_start, preset_end = code.window(plan.schedule.preset)
    first = schedule.window_start or preset_start
    last = schedule.window_end or preset_end
    end_day = _on(year, last)
    start_day = _on(year, first)
    if start_day > end_day:
        start_day = _on(year - 1, first)
    due = _due_on(year, schedule.due, end_day) if isinstance(schedule.due, tuple) else None
    report_due = _due_on(year, schedule.report_due, end_day) if schedule.report_due else None
    return Window(code, year, start or start_day, end or end_day, due, report_due)


def _due_on(year: int, day_month: DayMonth, end_day: date) -> date:
    due = _on(year, day_month)
    if due < end_day - _HALF_YEAR:  # e.g. a year or Q4 report due in January
        due = _on(year + 1, day_month)
    return due


_HALF_YEAR = date(2001, 7, 1) - date(2001, 1, 1)


def first_log_day(plan: Plan) -> date:
    """The earliest day a unit's log for the plan year may hold an activity.

    1 January, or earlier when a window of the plan's schedule starts in the year
    before (Nghị định 09: the year's data run from 15/12 of the year before): those
    days are reported with this year, so they are filed in this year's log.
    """
    starts = [window_for(plan, period).start for period in plan.schedule.periods]
    return min([date(plan.year, 1, 1), *starts])

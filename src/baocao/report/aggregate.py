"""Adding up what the units did in a window: pure functions over validated data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from baocao.core.models import Activity, Plan, ReportingUnit, Task, UnitLog, notes_for
from baocao.core.period import Period
from baocao.core.vietnamese import fold_tone, nfc
from baocao.core.window import Window


class TaskStatus(StrEnum):
    """Where a task stands over a window."""

    DONE = "done"  # its time frame is over, and something was done
    IN_PROGRESS = "in_progress"  # under way: something done, its time frame runs on
    NOT_DUE = "not_due"  # it starts after the window
    NOT_DONE = "not_done"  # due, and nothing reported


class Submission(StrEnum):
    """Whether a unit sent its report for a period, and when."""

    ON_TIME = "on_time"
    LATE = "late"
    NOT_SENT = "not_sent"  # not sent, and the due date has passed
    NOT_DUE = "not_due"  # not sent yet, and not yet due


@dataclass(frozen=True)
class UnitActivity:
    """An activity with the unit that did it."""

    unit: ReportingUnit
    activity: Activity


@dataclass(frozen=True)
class TaskResult:
    """One plan task over the window."""

    task: Task
    status: TaskStatus
    totals: dict[str, int]  # every counted indicator of the task, 0 when nothing was reported
    units: tuple[ReportingUnit, ...]  # who contributed, in the plan's order
    activities: tuple[UnitActivity, ...]  # in the window, by date


@dataclass(frozen=True)
class UnitResult:
    """One reporting unit over the window."""

    unit: ReportingUnit
    figures: dict[str, dict[str, int]]  # task code -> counted indicator -> total
    activity_counts: dict[str, int]  # task code -> activities in the window
    submission: Submission
    sent_on: date | None
    days_late: int | None


@dataclass(frozen=True)
class Note:
    """A difficulty or proposal, said once, with every unit that raised it."""

    text: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class Aggregate:
    """Everything the report says in figures, before any wording."""

    window: Window
    tasks: tuple[TaskResult, ...]
    units: tuple[UnitResult, ...]
    difficulties: tuple[Note, ...]
    proposals: tuple[Note, ...]

    def total(self, task: str, indicator: str) -> int:
        """The window's total of one indicator of one task; KeyError when there is none."""
        for result in self.tasks:
            if result.task.code == task:
                return result.totals[indicator]
        raise KeyError(f"no task {task!r} in this aggregate")


def task_status(task: Task, window: Window, has_activity: bool) -> TaskStatus:
    """Done, under way, not yet due, or not done, for a task over a window."""
    if task.start > window.end:
        return TaskStatus.NOT_DUE
    if not has_activity:
        return TaskStatus.NOT_DONE
    return TaskStatus.DONE if task.end <= window.end else TaskStatus.IN_PROGRESS


def arrived(log: UnitLog, period: Period, as_of: date) -> bool:
    """Whether the unit's report for ``period`` had reached the office by ``as_of``.

    A log that records no sending date is taken as in hand: its figures are counted,
    the unit is still listed as not having sent.
    """
    sent = log.sent.get(period)
    return sent is None or sent <= as_of


def submission(
    log: UnitLog | None, window: Window, as_of: date
) -> tuple[Submission, date | None, int | None]:
    """Whether a unit sent its report for the window's period on time, late or not at all.

    A report sent after ``as_of`` had not been sent on that day, whatever came later.
    """
    sent = log.sent.get(window.period) if log else None
    if sent is not None and sent > as_of:
        sent = None
    if sent is None:
        if window.due is not None and as_of <= window.due:
            return Submission.NOT_DUE, None, None
        return Submission.NOT_SENT, None, None
    if window.due is None or sent <= window.due:
        return Submission.ON_TIME, sent, None
    return Submission.LATE, sent, (sent - window.due).days


def aggregate(plan: Plan, logs: Sequence[UnitLog], window: Window, as_of: date) -> Aggregate:
    """Totals per task and per unit, task statuses, submissions, merged notes.

    Only what had reached the office by ``as_of`` counts: a unit's report sent later,
    an activity dated later. One pass over the activities: the cost grows with their
    number, not with units × tasks × activities.
    """
    by_unit = {log.unit: log for log in logs if arrived(log, window.period, as_of)}
    grouped: dict[tuple[str, str], list[Activity]] = defaultdict(list)
    for unit in plan.units:  # the plan's unit order is the report's order
        log = by_unit.get(unit.code)
        for act in log.activities if log else ():
            if window.contains(act.day) and act.day <= as_of:
                grouped[(act.task, unit.code)].append(act)
    every_log = {log.unit: log for log in logs}
    units = tuple(
        _unit_result(plan, unit, every_log.get(unit.code), window, grouped, as_of)
        for unit in plan.units
    )
    tasks = tuple(_task_result(plan, task, window, grouped) for task in plan.tasks)
    ordered = [(u.name, by_unit[u.code]) for u in plan.units if u.code in by_unit]
    period = window.period
    return Aggregate(
        window=window,
        tasks=tasks,
        units=units,
        difficulties=merge_notes((n, notes_for(log.difficulties, period)) for n, log in ordered),
        proposals=merge_notes((n, notes_for(log.proposals, period)) for n, log in ordered),
    )


def _add(totals: dict[str, int], acts: Iterable[Activity]) -> None:
    for act in acts:
        for code, value in act.figures.items():
            totals[code] += value


def _task_result(
    plan: Plan, task: Task, window: Window, grouped: dict[tuple[str, str], list[Activity]]
) -> TaskResult:
    totals = {ind.code: 0 for ind in task.counted}  # ratios are computed, never summed
    contributors = []
    mine: list[tuple[int, UnitActivity]] = []
    for order, unit in enumerate(plan.units):
        acts = grouped.get((task.code, unit.code))
        if acts:
            contributors.append(unit)
            _add(totals, acts)
            mine.extend((order, UnitActivity(unit, act)) for act in acts)
    mine.sort(key=lambda item: (item[1].activity.day, item[0], item[1].activity.index))
    status = task_status(task, window, bool(mine))
    return TaskResult(task, status, totals, tuple(contributors), tuple(ua for _o, ua in mine))


def _unit_result(
    plan: Plan,
    unit: ReportingUnit,
    log: UnitLog | None,
    window: Window,
    grouped: dict[tuple[str, str], list[Activity]],
    as_of: date,
) -> UnitResult:
    figures: dict[str, dict[str, int]] = {}
    counts: dict[str, int] = {}
    for task in plan.tasks:
        acts = grouped.get((task.code, unit.code), [])
        counts[task.code] = len(acts)
        totals = {ind.code: 0 for ind in task.counted}
        _add(totals, acts)
        figures[task.code] = totals
    state, sent_on, days_late = submission(log, window, as_of)
    return UnitResult(unit, figures, counts, state, sent_on, days_late)


def _note_key(text: str) -> str:
    """Two notes are the same when they differ only in case, spacing, tone style or final stop."""
    return " ".join(fold_tone(nfc(text)).casefold().split()).rstrip(" .;")


def merge_notes(sources: Iterable[tuple[str, Sequence[str]]]) -> tuple[Note, ...]:
    """Notes from many units, each said once in its first wording, in first-seen order."""
    merged: dict[str, tuple[str, dict[str, None]]] = {}  # a dict keeps first-seen order
    for unit_name, notes in sources:
        for text in notes:
            key = _note_key(text)
            if not key:
                continue
            _first, units = merged.setdefault(key, (text.strip(), {}))
            units.setdefault(unit_name)
    return tuple(Note(text, tuple(units)) for text, units in merged.values())

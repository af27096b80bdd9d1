"""Adding up what the units did in a window: pure functions over validated data.

A unit is either a unit with an activity log, or a lower-level body (``cap_duoi``) that
sends its compiled report (:class:`~baocao.core.lower.LowerReport`): its totals, counts
and the units it was made from are added exactly as if its own units had reported here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from baocao.core.lower import DEFAULT_UNITS_WORD, LowerReport, Reach
from baocao.core.models import Activity, Plan, ReportingUnit, Task, UnitLog, notes_for
from baocao.core.period import Period
from baocao.core.states import Submission as Submission
from baocao.core.states import TaskStatus as TaskStatus
from baocao.core.vietnamese import fold_tone, nfc
from baocao.core.window import Window


class UnitActivity(NamedTuple):
    """An activity with the unit that did it (a tuple: a national report has millions)."""

    unit: ReportingUnit
    activity: Activity
    by: str | None = None  # a lower body's highlight: who did it, below that body

    @property
    def doer(self) -> str:
        """Who did it, as the report names them: "Trường THCS An Bình (UBND xã An Bình)"."""
        return f"{self.by} ({self.unit.name})" if self.by else self.unit.name


@dataclass(frozen=True)
class TaskResult:
    """One plan task over the window."""

    task: Task
    status: TaskStatus
    totals: dict[str, int]  # every counted indicator of the task, 0 when nothing was reported
    units: tuple[ReportingUnit, ...]  # who contributed, in the plan's order
    activities: tuple[UnitActivity, ...]  # units' own activities in the window, by date
    count: int  # activities in the window, lower bodies' included
    reached: int  # units at the lowest level that contributed, lower bodies' own units
    per_unit: dict[str, int]  # unit code -> its activities in the window, for contributors
    highlights: tuple[UnitActivity, ...] = ()  # what lower bodies' reports told as notable


@dataclass(frozen=True)
class UnitResult:
    """One reporting unit over the window."""

    unit: ReportingUnit
    figures: dict[str, dict[str, int]]  # task code -> counted indicator -> total
    activity_counts: dict[str, int]  # task code -> activities in the window
    submission: Submission
    sent_on: date | None
    days_late: int | None
    reach: Reach | None = None  # a lower body: the units its report covers and was made from


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
    reach: Reach  # units at the lowest level: every one, and those whose figures count
    as_of: date  # the day up to which reports and activities count
    reach_word: str = DEFAULT_UNITS_WORD  # what the units at the lowest level are called

    @property
    def lower(self) -> tuple[UnitResult, ...]:
        """The lower-level bodies among the units, in the plan's order."""
        return tuple(u for u in self.units if u.reach is not None)

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
    return submission_on(log.sent.get(window.period) if log else None, window, as_of)


def submission_on(
    sent: date | None, window: Window, as_of: date
) -> tuple[Submission, date | None, int | None]:
    """:func:`submission` for a report sent on ``sent`` (None: no date recorded)."""
    if sent is not None and sent > as_of:
        sent = None
    if sent is None:
        if window.due is not None and as_of <= window.due:
            return Submission.NOT_DUE, None, None
        return Submission.NOT_SENT, None, None
    if window.due is None or sent <= window.due:
        return Submission.ON_TIME, sent, None
    return Submission.LATE, sent, (sent - window.due).days


def lower_arrived(report: LowerReport, as_of: date) -> bool:
    """Whether a lower body's report had reached the office by ``as_of`` (like :func:`arrived`)."""
    return report.received is None or report.received <= as_of


@dataclass(frozen=True)
class _Lower:
    """A lower body's report counted in the window: per task, totals and activities."""

    report: LowerReport
    figures: dict[str, tuple[dict[str, int], int]]


def aggregate(
    plan: Plan,
    logs: Sequence[UnitLog],
    window: Window,
    as_of: date,
    lowers: Sequence[LowerReport] = (),
) -> Aggregate:
    """Totals per task and per unit, task statuses, submissions, merged notes.

    Only what had reached the office by ``as_of`` counts: a unit's report sent later,
    an activity dated later. One pass over the activities: the cost grows with their
    number, not with units × tasks × activities. ``lowers`` are the reports of the
    plan's lower-level bodies for this window (or for the year up to its end); a lower
    body's report is counted whole, as its own office compiled it.
    """
    by_unit = {log.unit: log for log in logs if arrived(log, window.period, as_of)}
    grouped: dict[tuple[str, str], list[Activity]] = defaultdict(list)
    start, end = window.start, min(window.end, as_of)  # nothing dated after as_of counts
    for unit in plan.units:  # the plan's unit order is the report's order
        log = by_unit.get(unit.code)
        for act in log.activities if log else ():
            if start <= act.day <= end:
                grouped[(act.task, unit.code)].append(act)
    # Each figure is added once, to its unit's total; a task's totals are its units'.
    sums = {
        (task.code, unit.code): _sum(task, grouped.get((task.code, unit.code), ()))
        for task in plan.tasks
        for unit in plan.units
        if not unit.lower
    }
    every_lower = {r.unit: r for r in lowers}
    counted = {
        code: _Lower(r, {t.code: _lower_figures(r, t, window) for t in plan.tasks})
        for code, r in every_lower.items()
        if lower_arrived(r, as_of)
    }
    every_log = {log.unit: log for log in logs}
    units = tuple(
        _lower_result(plan, unit, every_lower.get(unit.code), counted, window, as_of)
        if unit.lower
        else _unit_result(plan, unit, every_log.get(unit.code), window, grouped, sums, as_of)
        for unit in plan.units
    )
    tasks = tuple(_task_result(plan, task, window, grouped, sums, counted) for task in plan.tasks)
    period = window.period
    notes: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for unit in plan.units:
        if unit.code in by_unit:
            log = by_unit[unit.code]
            notes.append(
                (unit.name, notes_for(log.difficulties, period), notes_for(log.proposals, period))
            )
        elif unit.code in counted:
            lower = counted[unit.code].report
            notes.append((unit.name, lower.difficulties, lower.proposals))
    return Aggregate(
        window=window,
        tasks=tasks,
        units=units,
        difficulties=merge_notes((name, said) for name, said, _asked in notes),
        proposals=merge_notes((name, asked) for name, _said, asked in notes),
        reach=_reach(plan, by_unit, counted),
        as_of=as_of,
        reach_word=_reach_word(plan, counted),
    )


def _lower_figures(report: LowerReport, task: Task, window: Window) -> tuple[dict[str, int], int]:
    """A lower body's totals and activity count for ``task`` over ``window``."""
    if not report.fits(window.start, window.end):
        raise ValueError(f"{report.file} does not cover {window.start}–{window.end}")
    totals, count = report.figures(task.code, window.start)
    return {ind.code: totals.get(ind.code, 0) for ind in task.counted}, count


def _reach(plan: Plan, by_unit: dict[str, UnitLog], counted: dict[str, _Lower]) -> Reach:
    reach = Reach(0, 0)
    for unit in plan.units:
        if not unit.lower:
            reach += Reach(1, 1 if unit.code in by_unit else 0)
        elif unit.code in counted:
            reach += counted[unit.code].report.reach
        else:  # not heard from: one body, whatever lies below it
            reach += Reach(1, 0)
    return reach


def _reach_word(plan: Plan, counted: dict[str, _Lower]) -> str:
    """What the units at the lowest level are called: the word every lower body uses for
    its own units ("trường") when they all use one and no unit reports here directly."""
    words = {lower.report.units_word for lower in counted.values()}
    direct = any(not unit.lower for unit in plan.units)
    return words.pop() if len(words) == 1 and not direct else DEFAULT_UNITS_WORD


def _sum(task: Task, acts: Sequence[Activity]) -> dict[str, int]:
    """Every counted indicator of the task, summed over ``acts`` (ratios are computed)."""
    totals = {ind.code: 0 for ind in task.counted}
    if not acts:
        return totals
    codes = acts[0].codes
    if all(act.codes is codes for act in acts):  # one log's activities share their codes
        # Column by column: the additions run in C, not once per figure in Python.
        columns = zip(*(act.values for act in acts), strict=True)
        for code, column in zip(codes, columns, strict=True):
            if code in totals:
                totals[code] += sum(filter(None, column))
        return totals
    for act in acts:
        for code, value in zip(act.codes, act.values, strict=True):
            if value is not None and code in totals:
                totals[code] += value
    return totals


_SPAN = 1 << 24
"""More than any plan's units, and than any task's activities in one log."""


def _task_result(
    plan: Plan,
    task: Task,
    window: Window,
    grouped: dict[tuple[str, str], list[Activity]],
    sums: dict[tuple[str, str], dict[str, int]],
    counted: dict[str, _Lower],
) -> TaskResult:
    totals = {ind.code: 0 for ind in task.counted}  # ratios are computed, never summed
    contributors = []
    # By date, then the plan's unit order, then the log's order: one whole number each.
    mine: list[tuple[int, UnitActivity]] = []
    highlights: list[UnitActivity] = []
    count = reached = 0
    per_unit: dict[str, int] = {}
    for order, unit in enumerate(plan.units):
        lower = counted.get(unit.code)
        if lower is not None:
            figures, done = lower.figures[task.code]
            if not done:
                continue
            contributors.append(unit)
            for code, value in figures.items():
                totals[code] += value
            count += done
            per_unit[unit.code] = done
            own = lower.report.tasks[task.code]
            reached += own.reached
            highlights.extend(
                UnitActivity(unit, Activity(task.code, h.day, h.text, h.figures, i), h.unit)
                for i, h in enumerate(own.highlights)
            )
            continue
        acts = grouped.get((task.code, unit.code))
        if acts:
            contributors.append(unit)
            for code, value in sums[(task.code, unit.code)].items():
                totals[code] += value
            count += len(acts)
            per_unit[unit.code] = len(acts)
            reached += 1
            mine.extend(
                (
                    ((act.day.toordinal() * _SPAN) + order) * _SPAN + act.index,
                    UnitActivity(unit, act),
                )
                for act in acts
            )
    mine.sort(key=_first)
    status = task_status(task, window, count > 0)
    activities = tuple(item[1] for item in mine)
    return TaskResult(
        task,
        status,
        totals,
        tuple(contributors),
        activities,
        count,
        reached,
        per_unit,
        tuple(highlights),
    )


def _first(item: tuple[int, UnitActivity]) -> int:
    return item[0]


def _unit_result(
    plan: Plan,
    unit: ReportingUnit,
    log: UnitLog | None,
    window: Window,
    grouped: dict[tuple[str, str], list[Activity]],
    sums: dict[tuple[str, str], dict[str, int]],
    as_of: date,
) -> UnitResult:
    figures: dict[str, dict[str, int]] = {}
    counts: dict[str, int] = {}
    for task in plan.tasks:
        counts[task.code] = len(grouped.get((task.code, unit.code), ()))
        figures[task.code] = sums[(task.code, unit.code)]
    state, sent_on, days_late = submission(log, window, as_of)
    return UnitResult(unit, figures, counts, state, sent_on, days_late)


def _lower_result(
    plan: Plan,
    unit: ReportingUnit,
    report: LowerReport | None,
    counted: dict[str, _Lower],
    window: Window,
    as_of: date,
) -> UnitResult:
    """A lower body as a unit: its report's figures when they count, else nothing."""
    lower = counted.get(unit.code)
    figures = {
        t.code: dict(lower.figures[t.code][0]) if lower else {i.code: 0 for i in t.counted}
        for t in plan.tasks
    }
    counts = {t.code: lower.figures[t.code][1] if lower else 0 for t in plan.tasks}
    state, sent_on, days_late = submission_on(report.received if report else None, window, as_of)
    reach = lower.report.reach if lower else Reach(0, 0)
    return UnitResult(unit, figures, counts, state, sent_on, days_late, reach)


def _note_key(text: str) -> str:
    """Two notes are the same when they differ only in case, spacing, tone style or final stop."""
    return " ".join(fold_tone(nfc(text)).casefold().split()).rstrip(" .;")


def merge_notes(sources: Iterable[tuple[str, Sequence[str]]]) -> tuple[Note, ...]:
    """Notes from many units, each said once in its first wording, in first-seen order."""
    merged: dict[str, tuple[str, dict[str, None]]] = {}  # a dict keeps first-seen order
    keys: dict[str, str] = {}  # many units write the very same words
    for unit_name, notes in sources:
        for text in notes:
            key = keys.get(text)
            if key is None:
                key = keys[text] = _note_key(text)
            if not key:
                continue
            _first, units = merged.setdefault(key, (text.strip(), {}))
            units.setdefault(unit_name)
    return tuple(Note(text, tuple(units)) for text, units in merged.values())

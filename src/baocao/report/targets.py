"""Progress against the plan's targets: pure functions over the aggregate.

A target (``muc_tieu``) is set for the plan's whole time frame, so what a report
measures against it is everything done since the plan year began, up to the end of
the report's window ("so far"); a 6-month report states the share of the year's
target reached so far. Ratio indicators (``don_vi_tinh: '%'``) are computed here from
counts, the way the plan declares (``cach_tinh``): the share of units that carried out
the task, or one counted indicator over another. A percentage is never summed or
averaged across units. Percentages are rounded by
:func:`baocao.core.vietnamese.round_percent`, and a target is met or not on the value
the report states.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Literal

from baocao.core.lower import LowerReport
from baocao.core.models import ALL_UNITS, Indicator, Plan, ReportingUnit, Task, UnitLog
from baocao.core.vietnamese import percent_of
from baocao.core.window import Window
from baocao.report.aggregate import Aggregate, TaskResult, aggregate

Number = int | float
Value = int | Decimal
"""A count, or a ratio indicator's percentage."""
Outcome = Literal["exceeded", "completed", "not_met"]


@dataclass(frozen=True)
class Ratio:
    """What a ratio indicator's percentage is made of: ``part`` of ``whole``."""

    part: int
    whole: int
    percent: Decimal | None  # None when ``whole`` is 0: no share of nothing
    counted_in: str  # what part and whole count: "đơn vị", or the denominator's unit


@dataclass(frozen=True)
class UnitTarget:
    """A target given to one unit (``muc_tieu_theo_don_vi`` or ``_theo_loai``) and where it stands."""

    unit: ReportingUnit
    target: Number
    to_date: int
    share: Decimal | None  # to_date as a percentage of target; None when the target is 0
    met: bool


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator of a task: its value in the window, so far, and against its target."""

    indicator: Indicator
    value: Value | None  # in the window; None: a ratio with nothing to divide by
    ratio: Ratio | None  # a ratio indicator's part and whole in the window
    to_date: Value | None  # since the plan year began, up to the window's end
    target: Number | None  # for the plan's whole time frame (given, or the units' sum)
    share: Decimal | None  # a count's to_date as a percentage of its target
    met: bool | None  # None without a target
    units: tuple[UnitTarget, ...]  # the units given their own target, in the plan's order

    @property
    def exceeded(self) -> bool:
        return self.target is not None and self.to_date is not None and self.to_date > self.target


@dataclass(frozen=True)
class TaskProgress:
    """One task against its targets."""

    result: TaskResult  # the task in the window
    indicators: tuple[IndicatorProgress, ...]
    outcome: Outcome | None  # at the end of the task's time frame, when it has targets

    @property
    def task(self) -> Task:
        return self.result.task

    @property
    def has_targets(self) -> bool:
        return any(p.target is not None for p in self.indicators)

    def indicator(self, code: str) -> IndicatorProgress:
        return next(p for p in self.indicators if p.indicator.code == code)


@dataclass(frozen=True)
class Progress:
    """Every task of the plan against its targets, for one report."""

    aggregate: Aggregate  # the report's figures in its window
    since: date  # the first day counted "so far"
    cumulative: bool  # "so far" starts before the window: a quarter's report, say
    tasks: tuple[TaskProgress, ...]
    so_far: Aggregate  # the figures from ``since`` to the window's end (``aggregate`` if equal)

    @property
    def window(self) -> Window:
        return self.aggregate.window

    def task(self, code: str) -> TaskProgress:
        return next(t for t in self.tasks if t.task.code == code)

    @property
    def has_targets(self) -> bool:
        return any(t.has_targets for t in self.tasks)


def year_start(window: Window) -> date:
    """The first day counted against a target: the plan year's first day, or the window's."""
    return min(window.start, date(window.year, 1, 1))


def progress(
    plan: Plan, logs: Sequence[UnitLog], agg: Aggregate, lowers: Sequence[LowerReport] = ()
) -> Progress:
    """The plan's tasks against their targets, from the report's aggregate ``agg``.

    When the window starts after the plan year began (a quarter), what was done before
    it counts towards the targets too: the figures are added up again from the year's
    first day, from the same reports (``logs``, and the lower bodies' ``lowers``, whose
    summaries carry their year so far) as they stood on the same day.
    """
    window = agg.window
    since = year_start(window)
    cumulative = since < window.start
    so_far = (
        aggregate(plan, logs, replace(window, start=since), agg.as_of, lowers)
        if cumulative
        else agg
    )
    tasks = tuple(_task_progress(plan, result, agg, so_far) for result in agg.tasks)
    return Progress(agg, since, cumulative, tasks, so_far)


def _task_progress(
    plan: Plan, result: TaskResult, agg: Aggregate, so_far: Aggregate
) -> TaskProgress:
    task = result.task
    indicators = tuple(_indicator(plan, task, ind, agg, so_far) for ind in task.indicators)
    return TaskProgress(result, indicators, outcome(task, indicators, agg.window))


def outcome(task: Task, indicators: Sequence[IndicatorProgress], window: Window) -> Outcome | None:
    """Met, exceeded or not, once the task's time frame has ended; None before, or
    without targets. Exceeded: every target met and one at least gone beyond."""
    targeted = [p for p in indicators if p.target is not None]
    if task.end > window.end or not targeted:
        return None
    if not all(p.met for p in targeted):
        return "not_met"
    return "exceeded" if any(p.exceeded for p in targeted) else "completed"


def _indicator(
    plan: Plan, task: Task, ind: Indicator, agg: Aggregate, so_far: Aggregate
) -> IndicatorProgress:
    if ind.is_ratio:
        now, before = ratio(plan, task, ind, agg), ratio(plan, task, ind, so_far)
        value = now.percent if now else None
        to_date = before.percent if before else None
        # Met on the value the report states (rounded toward zero): never "99,9%, met".
        met = None if ind.target is None else to_date is not None and to_date >= ind.target
        return IndicatorProgress(ind, value, now, to_date, ind.target, None, met, ())
    count, counted = agg.total(task.code, ind.code), so_far.total(task.code, ind.code)
    units = unit_targets(plan, task, ind, so_far)
    target = ind.target if ind.target is not None else _sum_targets(units)
    share = _share(counted, target)
    met = None if target is None else counted >= target
    return IndicatorProgress(ind, count, None, counted, target, share, met, units)


def _sum_targets(units: Sequence[UnitTarget]) -> Number | None:
    return sum(u.target for u in units) if units else None


def _share(done: int, target: Number | None) -> Decimal | None:
    return None if target is None else percent_of(done, target)


def unit_target(ind: Indicator, unit: ReportingUnit) -> Number | None:
    """The target ``unit`` is given for ``ind``: its own, else its kind's, else none."""
    own = ind.targets_by_unit.get(unit.code)
    if own is not None:
        return own
    return ind.targets_by_kind.get(unit.kind) if unit.kind else None


def unit_targets(
    plan: Plan, task: Task, ind: Indicator, so_far: Aggregate
) -> tuple[UnitTarget, ...]:
    """Every unit given a target for ``ind``, with what it has done so far."""
    if not (ind.targets_by_unit or ind.targets_by_kind):
        return ()
    out = []
    for result in so_far.units:
        target = unit_target(ind, result.unit)
        if target is None:
            continue
        done = result.figures[task.code][ind.code]
        out.append(UnitTarget(result.unit, target, done, _share(done, target), done >= target))
    return tuple(out)


def units_of_kind(plan: Plan, kind: str) -> list[ReportingUnit]:
    """The plan's units of ``kind`` (every unit for ``tat_ca``)."""
    return [u for u in plan.units if kind == ALL_UNITS or u.kind == kind]


def split_ref(task: Task, ref: str) -> tuple[str, str]:
    """(task code, indicator code) of a ratio's part: "so_vu_viec" or "NV6.so_vu_viec"."""
    owner, _dot, code = ref.rpartition(".")
    return (owner or task.code), code


def ratio(plan: Plan, task: Task, ind: Indicator, agg: Aggregate) -> Ratio | None:
    """A ratio indicator's part, whole and percentage over ``agg``'s window; None when the
    plan does not say how it is computed (W220)."""
    method = ind.method
    if method is None:
        return None
    if method.units_of_kind is not None:
        pool = {u.code for u in units_of_kind(plan, method.units_of_kind)}
        result = next(t for t in agg.tasks if t.task.code == task.code)
        part, whole = len(pool.intersection(u.code for u in result.units)), len(pool)
        return Ratio(part, whole, percent_of(part, whole), "đơn vị")
    assert method.numerator is not None and method.denominator is not None
    part = agg.total(*split_ref(task, method.numerator))
    owner, code = split_ref(task, method.denominator)
    whole = agg.total(owner, code)
    counted_in = next(i.unit_of_measure for i in plan.task(owner).indicators if i.code == code)
    return Ratio(part, whole, percent_of(part, whole), counted_in)

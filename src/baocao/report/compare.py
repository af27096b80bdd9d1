"""Comparison with the same period of an earlier year, from that year's summary JSON.

Tasks and indicators are matched by code. A count's change is a percentage of the
earlier value ("tăng 12%"); a ratio's change is the difference of the two stated
percentages, in percentage points, never a percentage of a percentage. An indicator
the earlier summary does not have is new. Percentages are rounded by
:func:`baocao.core.vietnamese.round_percent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from baocao.core.summary import Summary, TaskEntry
from baocao.core.vietnamese import percent_of, round_percent
from baocao.core.window import Window
from baocao.errors import InputError
from baocao.report.targets import IndicatorProgress, Progress, Value

ChangeKind = Literal["up", "down", "same", "new"]


@dataclass(frozen=True)
class Change:
    """How one indicator moved since the earlier year's same period."""

    kind: ChangeKind
    earlier: Value | None  # None when the indicator is new
    # A count: percent of the earlier value; a ratio: percentage points. Signed, rounded
    # toward zero; None when new, or when the earlier count was 0 (no percent of nothing).
    amount: Decimal | None


@dataclass(frozen=True)
class Comparison:
    """This report's indicators against the earlier year's summary."""

    year: int
    period: str
    name: str  # "6 tháng đầu năm 2020"
    path: Path  # the earlier summary, an input of the report
    file: str  # its name in this report's summary: relative to the workspace when inside
    sha256: str
    changes: dict[tuple[str, str], Change]  # (task, indicator); absent: nothing to compare
    new_tasks: frozenset[str]

    def change(self, task: str, indicator: str) -> Change | None:
        return self.changes.get((task, indicator))


def check_comparable(earlier: Summary, window: Window, file: str) -> None:
    """Refuse a summary of another period kind (E153) or not of an earlier year (E154)."""
    if earlier.period != window.period:
        raise InputError.one("E153", file, theirs=earlier.name, ours=window.name)
    if earlier.year >= window.year:
        raise InputError.one("E154", file, theirs=earlier.year, year=window.year)


def compare(progress: Progress, earlier: Summary, path: Path, file: str, sha256: str) -> Comparison:
    """Every indicator of ``progress`` against ``earlier`` (checked comparable)."""
    changes: dict[tuple[str, str], Change] = {}
    new_tasks = set()
    for task in progress.tasks:
        entry = earlier.task(task.task.code)
        if entry is None:
            new_tasks.add(task.task.code)
        for ind in task.indicators:
            found = change(ind, entry)
            if found is not None:
                changes[(task.task.code, ind.indicator.code)] = found
    return Comparison(
        earlier.year,
        earlier.period,
        earlier.name,
        path,
        file,
        sha256,
        changes,
        frozenset(new_tasks),
    )


def earlier_value(ind: IndicatorProgress, entry: TaskEntry | None) -> Value | Literal["new"] | None:
    """The earlier year's value of ``ind``: "new" when the earlier summary lacks it."""
    if entry is None:
        return "new"
    code = ind.indicator.code
    listed = next((i for i in entry.indicators if i.code == code), None)
    if ind.indicator.is_ratio:
        if listed is None or listed.kind != "ratio":
            return "new"
        return None if listed.value is None else round_percent(listed.value)
    if code not in entry.totals or (listed is not None and listed.kind != "count"):
        return "new"
    return entry.totals[code]


def change(ind: IndicatorProgress, entry: TaskEntry | None) -> Change | None:
    """How ``ind`` moved; None when either value is missing (a ratio of nothing)."""
    before = earlier_value(ind, entry)
    if before == "new":
        return Change("new", None, None)
    now = ind.value
    if now is None or before is None or isinstance(before, str):
        return None
    kind: ChangeKind = "same" if now == before else "up" if now > before else "down"
    if ind.indicator.is_ratio:
        return Change(kind, before, round_percent(Decimal(now) - Decimal(before)))
    return Change(kind, before, percent_of(now - before, before))

"""What a submission changes in a unit's log, told the way a clerk checks it: per task,
the activities added, changed (with figures before → after) and removed.

Activities are matched by what they are, not where they stand: a unit that sorts its
rows or inserts one in the middle changes nothing it did not change. Two activities
are the same one changed when they keep their text (or, failing that, their date).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from baocao.core import keys
from baocao.core.models import Activity, UnitLog

Kind = Literal["added", "changed", "removed"]


@dataclass(frozen=True)
class ActivityChange:
    """One activity added, changed or removed."""

    kind: Kind
    before: Activity | None
    after: Activity | None

    @property
    def shown(self) -> Activity:
        """The activity as it is now, or as it was when removed."""
        found = self.after or self.before
        assert found is not None
        return found

    def figures(self) -> list[tuple[str, int | None, int | None]]:
        """(indicator, before, after) for each figure that differs."""
        old = dict(self.before.figures) if self.before else {}
        new = dict(self.after.figures) if self.after else {}
        codes = list(dict.fromkeys([*new, *old]))
        return [(c, old.get(c), new.get(c)) for c in codes if old.get(c) != new.get(c)]


@dataclass
class Changes:
    """Everything a submission changes in one unit's log."""

    tasks: dict[str, list[ActivityChange]] = field(default_factory=dict)
    sent: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    """(period, before, after) for each submission date that differs."""
    lists: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Difficulties and proposals: (items added, items removed)."""

    def __bool__(self) -> bool:
        return bool(self.tasks or self.sent or self.lists)

    def count(self, task: str, kind: Kind) -> int:
        return sum(1 for change in self.tasks.get(task, []) if change.kind == kind)


def changes(
    before: UnitLog | None,
    after: UnitLog,
    before_data: Mapping[str, Any] | None,
    after_data: Mapping[str, Any],
    tasks: Iterable[str],
) -> Changes:
    """What differs from ``before`` (None: no log yet) to ``after``, tasks in plan order."""
    found = Changes()
    old = before.activities if before is not None else ()
    for task in tasks:
        listed = _task_changes(
            [a for a in old if a.task == task], [a for a in after.activities if a.task == task]
        )
        if listed:
            found.tasks[task] = listed
    old_sent = before.sent if before is not None else {}
    for period in dict.fromkeys([*after.sent, *old_sent]):
        was, now = old_sent.get(period), after.sent.get(period)
        if was != now:
            found.sent.append((period.value, was, now))
    for key in (keys.DIFFICULTIES, keys.PROPOSALS):
        was_items = _items((before_data or {}).get(key))
        now_items = _items(after_data.get(key))
        added = sum(1 for item in now_items if item not in was_items)
        removed = sum(1 for item in was_items if item not in now_items)
        if added or removed:
            found.lists[key] = (added, removed)
    return found


def _items(value: Any) -> list[tuple[str, str]]:
    """A plain list or a list per period, as (period or "", text) pairs."""
    if isinstance(value, Mapping):
        return [(str(period), text) for period, texts in value.items() for text in texts or ()]
    return [("", text) for text in value or ()]


def _same(a: Activity) -> tuple[Any, ...]:
    return (a.day, a.text, tuple(sorted(a.figures.items())))


def _text_of(activity: Activity) -> Any:
    return activity.text


def _day_of(activity: Activity) -> Any:
    return activity.day


def _task_changes(old: list[Activity], new: list[Activity]) -> list[ActivityChange]:
    """Unchanged activities set aside whatever their order; the rest paired by text, then
    by date, in order; what is left was added or removed."""
    left = list(old)
    fresh: list[Activity] = []
    for activity in new:
        twin = next((a for a in left if _same(a) == _same(activity)), None)
        if twin is None:
            fresh.append(activity)
        else:
            left.remove(twin)
    twins: dict[int, Activity] = {}
    for same in (_text_of, _day_of):
        for index, activity in enumerate(fresh):
            if index in twins:
                continue
            twin = next((a for a in left if same(a) == same(activity)), None)
            if twin is not None:
                left.remove(twin)
                twins[index] = twin
    found = [
        ActivityChange("changed", twins[index], activity)
        if index in twins
        else ActivityChange("added", None, activity)
        for index, activity in enumerate(fresh)
    ]
    found.extend(ActivityChange("removed", activity, None) for activity in left)
    return found

"""What a lower-level body sends upward: its compiled report, as plain domain data.

A unit of the plan marked ``cap_duoi: true`` (a commune under a province department)
does not keep an activity log with the upper office: it compiles its own report from
its own units and sends the summary JSON written beside it. The input stage reads that
summary into a :class:`LowerReport`; the aggregate adds it to the units' logs exactly,
as if the lower body's units had reported to the upper office directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

DEFAULT_UNITS_WORD = "đơn vị"
"""How a report speaks of its reporting units when the plan does not say (``goi_don_vi``)."""


@dataclass(frozen=True)
class Highlight:
    """A notable activity a lower body's report told, as it told it."""

    day: date
    unit: str  # who did it, as the lower report names it
    text: str
    figures: Mapping[str, int]


@dataclass(frozen=True)
class LowerTask:
    """One plan task in a lower body's report."""

    activities: int  # activities in the window, all levels below together
    reached: int  # units at the lowest level that did something for it in the window
    totals: Mapping[str, int]  # counted indicator -> total in the window
    activities_to_date: int  # activities since the plan year's start (``since``)
    to_date: Mapping[str, int]  # counted indicator -> total since the plan year's start
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True)
class Reach:
    """How many units at the lowest level a report covers, and how many it was made from."""

    units: int  # every reporting unit, all levels below together
    reported: int  # those whose figures are in the report

    def __add__(self, other: Reach) -> Reach:
        return Reach(self.units + other.units, self.reported + other.reported)


@dataclass(frozen=True)
class LowerReport:
    """A lower-level body's compiled report for one period, as its summary holds it."""

    file: str  # as messages name it
    unit: str  # the body's code in this plan
    period: str
    year: int
    start: date  # the window's first day
    end: date  # the window's last day
    since: date  # first day of the figures ``to_date`` counts
    received: date | None  # when this office received it (None: not recorded)
    tasks: Mapping[str, LowerTask]
    reach: Reach
    units_word: str  # how the lower report speaks of its own units: "đơn vị", "trường"
    difficulties: tuple[str, ...]
    proposals: tuple[str, ...]  # what it asks of the bodies above it

    def fits(self, start: date, end: date) -> bool:
        """Whether its figures cover exactly ``start``–``end``: its window, or its year so far."""
        return end == self.end and start in (self.start, self.since)

    def figures(self, code: str, start: date) -> tuple[Mapping[str, int], int]:
        """A task's totals and activities from ``start`` (its window's or ``since``) on."""
        found = self.tasks[code]
        if start == self.start:
            return found.totals, found.activities
        return found.to_date, found.activities_to_date

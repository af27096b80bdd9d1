"""The reporting periods a plan may set, and everything that goes with each one.

A period is written ``6m``, ``1y``, ``q1``–``q4`` in files and on the command line; the
report names it in words ("6 tháng đầu năm 2021"), its file is named after it
(``bao-cao-6-thang-2021.docx``), and the rules in force give it a data window:

- lich (calendar, Thông tư 03/2019/TT-BTP): 6m 01/01–30/6, 1y 01/01–31/12, quarters;
- nd09 (Nghị định 09/2019/NĐ-CP): 6m 15/12 of the year before–14/6, 1y 15/12–14/12,
  quarter: the 15th of the month before it – the 14th of its last month.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from baocao.messages import Say

DayMonth = tuple[int, int]
"""A day of the year as (day, month), as plans write it: 05/5."""
Span = tuple[DayMonth, DayMonth]
"""First and last day of a period's data."""


class Preset(StrEnum):
    """How a plan counts its periods' data windows (its ``cach_tinh``)."""

    CALENDAR = "lich"
    ND09 = "nd09"


class Period(StrEnum):
    """A reporting period; its value is the code written in files and on the command line."""

    HALF_YEAR = "6m"
    YEAR = "1y"
    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"

    @classmethod
    def parse(cls, code: str) -> Period | None:
        """The period written ``code``, or None when no period is written so."""
        try:
            return cls(code)
        except ValueError:
            return None

    @property
    def phrase(self) -> Say:
        """How a report names it before the year: "6 tháng đầu năm" (2021)."""
        return _FACTS[self].phrase

    @property
    def label(self) -> str:
        """Its short name in lists and comments: "6 tháng", "quý I"."""
        return _FACTS[self].label

    @property
    def slug(self) -> str:
        """Its report's file name before the year: "bao-cao-6-thang"."""
        return _FACTS[self].slug

    def window(self, preset: Preset) -> Span:
        """First and last day of its data under ``preset``; a first day later in the year
        than the last lies in the year before the report's."""
        return _FACTS[self].windows[preset]


@dataclass(frozen=True)
class _Facts:
    phrase: Say
    label: str
    slug: str
    windows: dict[Preset, Span]


def _windows(calendar: Span, nd09: Span) -> dict[Preset, Span]:
    return {Preset.CALENDAR: calendar, Preset.ND09: nd09}


_FACTS: dict[Period, _Facts] = {
    Period.HALF_YEAR: _Facts(
        Say("6 tháng đầu năm", "first half of"),
        "6 tháng",
        "bao-cao-6-thang",
        _windows(((1, 1), (30, 6)), ((15, 12), (14, 6))),
    ),
    Period.YEAR: _Facts(
        Say("năm", "year"),
        "năm",
        "bao-cao-nam",
        _windows(((1, 1), (31, 12)), ((15, 12), (14, 12))),
    ),
    Period.Q1: _Facts(
        Say("quý I năm", "Q1"),
        "quý I",
        "bao-cao-quy-1",
        _windows(((1, 1), (31, 3)), ((15, 12), (14, 3))),
    ),
    Period.Q2: _Facts(
        Say("quý II năm", "Q2"),
        "quý II",
        "bao-cao-quy-2",
        _windows(((1, 4), (30, 6)), ((15, 3), (14, 6))),
    ),
    Period.Q3: _Facts(
        Say("quý III năm", "Q3"),
        "quý III",
        "bao-cao-quy-3",
        _windows(((1, 7), (30, 9)), ((15, 6), (14, 9))),
    ),
    Period.Q4: _Facts(
        Say("quý IV năm", "Q4"),
        "quý IV",
        "bao-cao-quy-4",
        _windows(((1, 10), (31, 12)), ((15, 9), (14, 12))),
    ),
}

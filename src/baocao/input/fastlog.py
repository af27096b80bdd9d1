"""The fast way to check an ordinary, valid unit log: plain data straight into a UnitLog.

Most unit logs are valid. For them, validating with pydantic and turning the model back
into domain data costs more than reading the file. This module checks the plain data
that :func:`~baocao.input.fastyaml.plain_data` gives against the log's shape (the plan's
units, periods, tasks and indicators, taken from the log model itself) and builds the
:class:`~baocao.core.models.UnitLog` as it goes.

It accepts only what the model accepts, and gives the same log: the same values, in
the same order. Anything it is not sure of (an unknown key, a value that is not plainly
a date or a count, text with spaces the model would strip differently, a date outside
the plan year) makes it give up, and the file takes the model's way, which finds every
problem and says where it is. Being stricter than the model costs time, never results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, get_args, get_origin

from baocao.core import keys
from baocao.core.models import (
    MAX_COUNT,
    MAX_YEAR,
    MIN_YEAR,
    WHOLE_YEAR,
    Activity,
    LogModel,
    Notes,
    UnitLog,
)
from baocao.core.models import figure_fields as _figure_fields
from baocao.core.period import Period
from baocao.errors import Place

__all__ = ["LogShape", "log_shape", "unit_log"]

_ROOT = frozenset({keys.UNITS, keys.YEAR, keys.SENT, keys.TASKS, keys.DIFFICULTIES, keys.PROPOSALS})
_ACTIVITY = frozenset({keys.DAY, keys.TEXT, keys.FIGURES})
_ACTIVITY_FIELDS = ("day", "text", "figures")
_LOG_FIELDS = ("unit", "year", "sent", "tasks", "difficulties", "proposals")

_COUNT = re.compile(r"[0-9]{1,18}")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_VN = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")


@dataclass(frozen=True)
class TaskShape:
    """One task of the log: its indicator codes, in the model's order."""

    code: str
    codes: tuple[str, ...]
    positions: dict[str, int]


@dataclass(frozen=True)
class LogShape:
    """What a valid log of one plan may hold, read off that plan's log model."""

    first: date  # the earliest day an activity may have (in the year before, for ND 09)
    last: date  # the plan year's last day
    units: frozenset[str]
    periods: dict[str, Period]  # code -> period, in the model's order
    tasks: dict[str, TaskShape]  # code -> task, in the model's order


def _fields(model: Any) -> dict[str, Any]:
    return dict(model.model_fields)


def _optional(annotation: Any) -> Any:
    """The model inside ``X | None``."""
    return next(t for t in get_args(annotation) if t is not type(None))


def log_shape(model: type[LogModel], year: int, first: date | None = None) -> LogShape | None:
    """The shape of ``model``'s logs (activities dated from ``first``, in the year before
    ``year`` when a window starts there, to the end of ``year``), or None when the model
    holds something this module does not know: then every log takes the model's way.
    """
    fields = _fields(model)
    if tuple(fields) != _LOG_FIELDS or {f.alias for f in fields.values()} != _ROOT:
        return None
    units = get_args(fields["unit"].annotation)
    sent_model = _optional(fields["sent"].annotation)
    periods = {info.alias: Period(info.alias) for info in _fields(sent_model).values()}
    tasks: dict[str, TaskShape] = {}
    for info in _fields(_optional(fields["tasks"].annotation)).values():
        listed = _optional(info.annotation)
        if get_origin(listed) is not list:
            return None
        activity = get_args(listed)[0]
        activity_fields = _fields(activity)
        aliases = {f.alias for f in activity_fields.values()}
        if tuple(activity_fields) != _ACTIVITY_FIELDS or aliases != _ACTIVITY:
            return None
        _names, codes = _figure_fields(activity)
        code = str(info.alias)
        tasks[code] = TaskShape(code, codes, {c: i for i, c in enumerate(codes)})
    earliest = first if first is not None and first.year < year else date(year, 1, 1)
    units_codes = frozenset(str(u) for u in units)
    return LogShape(earliest, date(year, 12, 31), units_codes, periods, tasks)


class _Unsure(Exception):
    """This log is for the model."""


_days: dict[str, date] = {}


def _day(value: Any) -> date:
    """A date written plainly 2021-03-15 or 15/03/2021 (the days of a year repeat: kept)."""
    found = _days.get(value) if isinstance(value, str) else None
    if found is not None:
        return found
    if not isinstance(value, str):
        raise _Unsure
    iso = _ISO.fullmatch(value)
    vn = None if iso else _VN.fullmatch(value)
    try:
        if iso:
            found = date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif vn:
            found = date(int(vn[3]), int(vn[2]), int(vn[1]))
        else:
            raise _Unsure
    except ValueError:
        raise _Unsure from None
    if len(_days) > 100_000:
        _days.clear()
    _days[value] = found
    return found


def _text(value: Any) -> str:
    """Text the model would keep: stripped of spaces around it, never empty."""
    if not isinstance(value, str):
        raise _Unsure
    text = value.strip()
    if not text:
        raise _Unsure
    return text


def _mapping(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Unsure
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _Unsure
    return tuple(_text(item) for item in value)


def unit_log(
    data: dict[str, Any], file: str, shape: LogShape, marks: dict[str, tuple[int, int]]
) -> UnitLog | None:
    """The log ``data`` holds, exactly as the model would give it, or None.

    ``marks`` are the 0-based places of the file's top-level keys (see
    :func:`~baocao.input.fastyaml.plain_data`): notes written for the whole year are
    placed there, as the model's way places them.
    """
    try:
        return _unit_log(data, file, shape, marks)
    except _Unsure:
        return None


def _unit_log(
    data: dict[str, Any], file: str, shape: LogShape, marks: dict[str, tuple[int, int]]
) -> UnitLog:
    if not _ROOT.issuperset(data):
        raise _Unsure
    unit = data.get(keys.UNITS)
    if not isinstance(unit, str) or unit not in shape.units:
        raise _Unsure
    year = data.get(keys.YEAR)
    if not isinstance(year, str) or not _COUNT.fullmatch(year):
        raise _Unsure
    difficulties = _notes(data.get(keys.DIFFICULTIES), shape)
    proposals = _notes(data.get(keys.PROPOSALS), shape)
    whole_year = {}
    for key, notes in ((keys.DIFFICULTIES, difficulties), (keys.PROPOSALS, proposals)):
        if WHOLE_YEAR in notes:
            line, column = marks[key]
            whole_year[key] = Place(file, line + 1, column + 1)
    return UnitLog(
        file=file,
        unit=unit,
        year=int(year),
        sent=_sent(_mapping(data.get(keys.SENT)), shape),
        activities=_activities(_mapping(data.get(keys.TASKS)), shape),
        difficulties=difficulties,
        proposals=proposals,
        whole_year_places=whole_year,
    )


def _notes(value: Any, shape: LogShape) -> Notes:
    """Notes as the model keeps them: a list is the whole year's, a mapping by period."""
    if isinstance(value, dict):
        if not shape.periods.keys() >= value.keys():
            raise _Unsure
        by_period = {code: _texts(value.get(code)) for code in shape.periods}
        return {code: notes for code, notes in by_period.items() if notes}
    notes = _texts(value)
    return {WHOLE_YEAR: notes} if notes else {}


def _sent(given: dict[str, Any], shape: LogShape) -> dict[Period, date]:
    if not shape.periods.keys() >= given.keys():
        raise _Unsure
    sent = {}
    for code, period in shape.periods.items():  # the model's order
        value = given.get(code)
        if value is not None:
            day = _day(value)
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise _Unsure
            sent[period] = day
    return sent


def _activities(given: dict[str, Any], shape: LogShape) -> tuple[Activity, ...]:
    if not shape.tasks.keys() >= given.keys():
        raise _Unsure
    # The loop below runs once per activity of every log: the checks of _day, _text and
    # _count are written out in it (the same checks), without a call each.
    make = partial(tuple.__new__, Activity)
    first, last, days, allowed = shape.first, shape.last, _days, _ACTIVITY
    day_key, text_key, figures_key = keys.DAY, keys.TEXT, keys.FIGURES
    found: list[Activity] = []
    for code, task in shape.tasks.items():  # the model's order, not the file's
        items = given.get(code)
        if items is None:
            continue
        if type(items) is not list:
            raise _Unsure
        codes, positions, width = task.codes, task.positions, len(task.codes)
        for index, item in enumerate(items):
            if type(item) is not dict or not allowed.issuperset(item):
                raise _Unsure
            written = item.get(day_key)
            day = days.get(written) if type(written) is str else None
            if day is None:
                day = _day(written)
            if not first <= day <= last:
                raise _Unsure
            text = item.get(text_key)
            if type(text) is not str:
                raise _Unsure
            text = text.strip()
            if not text:
                raise _Unsure
            figures = item.get(figures_key)
            values: list[int | None] = [None] * width
            if figures is not None:
                if type(figures) is not dict:
                    raise _Unsure
                for key, value in figures.items():
                    position = positions.get(key)
                    if position is None:
                        raise _Unsure
                    if value is None:
                        continue
                    # ASCII digits only (isdigit alone takes any script's), as _COUNT allows
                    if type(value) is not str or not (value.isascii() and value.isdigit()):
                        raise _Unsure
                    number = int(value) if len(value) <= 18 else MAX_COUNT + 1
                    if number > MAX_COUNT:
                        raise _Unsure
                    values[position] = number
            found.append(make((code, day, text, index, codes, tuple(values))))
    return tuple(found)

"""A checked log file as one JSON entry: what the cache stores and a worker sends back.

The entry holds the log compactly (dates as day numbers, figures as lists aligned with
each task's indicator codes) and the problems without their file, which is the name
the file has in this run. Reading an entry back gives the very result it was made
from; an entry that is not one of ours, or is damaged, reads as None (the file is then
checked again).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any

from baocao.core.models import Activity, UnitLog
from baocao.core.period import Period
from baocao.errors import Place, Problem
from baocao.messages import Say

__all__ = ["Checked", "decode", "encode"]


@dataclass(frozen=True)
class Checked:
    """One log file checked on its own."""

    path: Path
    file: str
    read: bool  # False: the file could not be read as YAML at all
    problems: tuple[Problem, ...]  # reading and model problems
    log: UnitLog | None
    rules: tuple[Problem, ...]  # check_log's, counted only when the file owns its unit
    digest: str | None = None  # SHA-256 of the bytes checked; None when unreadable


class _Unstorable(Exception):
    pass


def _value(value: Any) -> Any:
    if isinstance(value, Say):
        return {"say": list(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise _Unstorable


def _problems(problems: Iterable[Problem]) -> list[Any]:
    return [
        [
            p.code,
            [p.place.line, p.place.column, p.place.sheet],
            {k: _value(v) for k, v in p.params.items()},
        ]
        for p in problems
    ]


def _log(log: UnitLog) -> dict[str, Any]:
    # Column by column, one block per task: reading it back makes the activities in C.
    tasks: dict[str, dict[str, Any]] = {}
    block: dict[str, Any] = {}
    task, codes = None, None
    for a in log.activities:
        if a.task != task:
            if a.task in tasks:
                raise _Unstorable  # not a log as read from a file: each task's items together
            task, codes = a.task, a.codes
            block = tasks[task] = {"codes": codes, "days": [], "texts": [], "values": []}
        if a.index != len(block["days"]) or a.codes != codes:
            raise _Unstorable  # nor each task's items in their order, with one set of codes
        block["days"].append(a.day.toordinal())
        block["texts"].append(a.text)
        block["values"].append(a.values)
    return {
        "unit": log.unit,
        "year": log.year,
        "sent": [[period.value, day.toordinal()] for period, day in log.sent.items()],
        "tasks": tasks,
        "difficulties": {k: list(v) for k, v in log.difficulties.items()},
        "proposals": {k: list(v) for k, v in log.proposals.items()},
        "whole_year_places": {
            k: [p.line, p.column, p.sheet] for k, p in log.whole_year_places.items()
        },
    }


def encode(checked: Checked) -> str:
    """``checked`` as one line of JSON; "" when it holds a value JSON cannot keep."""
    try:
        entry = {
            "digest": checked.digest,
            "read": checked.read,
            "problems": _problems(checked.problems),
            "rules": _problems(checked.rules),
            "log": None if checked.log is None else _log(checked.log),
        }
    except _Unstorable:
        return ""
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def _read_problems(items: list[Any], file: str) -> tuple[Problem, ...]:
    return tuple(
        Problem(
            str(code),
            Place(file, line, column, sheet),
            {k: Say(*v["say"]) if isinstance(v, dict) else v for k, v in params.items()},
        )
        for code, (line, column, sheet), params in items
    )


class _Days(dict[int, date]):
    """Dates by day number: a year has 365 of them, and every activity one."""

    def __missing__(self, number: int) -> date:
        found = self[number] = date.fromordinal(number)
        return found


_days = _Days()
_codes: dict[tuple[str, ...], tuple[str, ...]] = {}
_activity = partial(tuple.__new__, Activity)


def _read_activities(tasks: dict[str, dict[str, list[Any]]]) -> tuple[Activity, ...]:
    found: list[Activity] = []
    for task, block in tasks.items():
        names = tuple(map(str, block["codes"]))
        codes = _codes.setdefault(names, names)
        days, texts, values = block["days"], block["texts"], block["values"]
        count = len(days)
        if not all(isinstance(text, str) for text in texts):
            raise ValueError("not an entry of ours")
        rows = zip(
            repeat(str(task), count),
            map(_days.__getitem__, days),
            texts,
            range(count),
            repeat(codes, count),
            map(tuple, values),
            strict=True,
        )
        found.extend(map(_activity, rows))
    if any(len(a.values) != len(a.codes) for a in found):
        raise ValueError("not an entry of ours")
    return tuple(found)


def _read_log(data: dict[str, Any], file: str) -> UnitLog:
    return UnitLog(
        file=file,
        unit=str(data["unit"]),
        year=int(data["year"]),
        sent={Period(code): _days[day] for code, day in data["sent"]},
        activities=_read_activities(data["tasks"]),
        difficulties=_notes(data["difficulties"]),
        proposals=_notes(data["proposals"]),
        whole_year_places={
            str(k): Place(file, line, column, sheet)
            for k, (line, column, sheet) in data["whole_year_places"].items()
        },
    )


def _notes(stored: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {str(k): tuple(map(str, v)) for k, v in stored.items()}


def decode(entry: str, path: Path, file: str, digest: str | None) -> Checked | None:
    """The result ``entry`` holds for ``path`` (named ``file``) with bytes ``digest``, or
    None when the entry is not a whole entry of ours for exactly those bytes."""
    try:
        data = json.loads(entry)
        if data["digest"] != digest:
            return None
        log = data["log"]
        return Checked(
            path,
            file,
            bool(data["read"]),
            _read_problems(data["problems"], file),
            None if log is None else _read_log(log, file),
            _read_problems(data["rules"], file),
            digest,
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return None

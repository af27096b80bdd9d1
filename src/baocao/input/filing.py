"""Filing what units send: checked whole first, then written as their YAML logs.

``baocao nhan`` reads every file given (:mod:`baocao.input.intake`; a lower-level
body's summary ``.json``: :mod:`baocao.input.lower_filing`); any error in any of them
and nothing is written. Otherwise each unit's log ``<năm>/<mã>.yaml`` (a lower body's
summary ``<năm>/<mã>.json``) is replaced atomically, all together; the version it replaces is kept first under
``<năm>/.lich-su/<mã>/`` (a new file each time, never written over, never through a
link); the submission date is recorded for the period it answers; and what changed is
returned per task. Filing the same submission again changes nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from baocao.core import keys
from baocao.core.models import LogModel, Plan, build_log_model, to_unit_log
from baocao.core.period import Period
from baocao.core.summary import Summary
from baocao.core.window import window_for
from baocao.errors import InputError, OutputError, Place, Problem, display_path
from baocao.input.changes import Changes, changes
from baocao.input.intake import Submission, load_plan, log_data, read_submission
from baocao.input.logtext import fresh_text, updated_text
from baocao.input.lower import HISTORY_DIR as LOWER_HISTORY_DIR
from baocao.input.lower_filing import SummaryFiling, is_summary, plan_summaries
from baocao.settings import Settings

HISTORY_DIR = LOWER_HISTORY_DIR
"""Where the earlier versions of a year's logs are kept: ``<năm>/.lich-su/<mã>/``."""


@dataclass
class Filed:
    """One submission filed, or found to change nothing."""

    file: str
    """The submitted file, as messages name it."""
    unit: str
    unit_name: str
    target: Path
    changes: Changes
    written: bool
    """Whether the log was written (False: it already held exactly this)."""
    created: bool
    """Whether the unit had no log before."""
    unreadable: bool = False
    """Whether the log it replaces had errors (so nothing could be compared with it)."""
    previous: Path | None = None
    """Where the log it replaced was kept."""
    recorded: tuple[Period, date] | None = None
    """The submission date recorded now (the file gave none for that period)."""
    notes: list[tuple[Place, str]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    """(task, indicator code) -> the indicator's name, to tell figures by name."""
    summary: Summary | None = None
    """A lower-level body's summary filed (no log: ``changes`` is empty)."""


@dataclass
class _Plan:
    """What filing one submission will do."""

    submission: Submission
    target: Path
    old: Submission | None
    data: dict[str, Any]
    text: str
    recorded: tuple[Period, date] | None


def file_submissions(
    root: Path,
    paths: Sequence[Path],
    *,
    unit: str | None = None,
    received: date,
    period: Period | str | None = None,
    check_only: bool = False,
    strict: bool = False,
    now: datetime | None = None,
    settings: Settings | None = None,
    dated: bool = False,
) -> list[Filed]:
    """File ``paths`` into the workspace at ``root`` (the caller holds its lock).

    ``received`` is recorded as the submission date of ``period`` (default: the period
    whose due date is nearest) when the file gives none for it; a lower body's summary
    is for the period it says, and records ``received`` as the day it came (whatever it
    says when ``dated``: the clerk gave that day). Raises
    :class:`InputError` with every problem of every file when any is an error (or a
    warning, with ``strict``); with ``check_only`` nothing is written.
    """
    settings = settings or Settings()
    plan, plan_doc = load_plan(root, settings)
    if period is not None:  # one the plan does not report on is E115, at its schedule
        period = window_for(plan, period, plan_doc=plan_doc).period
    model = build_log_model(plan)
    logs = [p for p in paths if not is_summary(p)]
    submissions = [read_submission(path, plan, model, unit, settings) for path in logs]
    problems = [p for s in submissions for p in s.problems] + _twice(submissions)
    problems += _lower_logs(submissions, plan)
    folder = root / str(plan.year)
    summaries, found = plan_summaries(
        [p for p in paths if is_summary(p)],
        plan,
        folder,
        unit=unit,
        period=Period(period) if period else None,
        received=received,
        dated=dated,
    )
    problems += found
    if any(p.severity == "error" for p in problems) or (strict and problems):
        raise InputError(problems)
    when = received, Period(period) if period else receipt_period(plan, received)
    plans = [_plan(s, folder, plan, model, when, settings) for s in submissions]
    filed = [_filed(p, plan, model) for p in plans]
    filed_summaries = [_filed_summary(s) for s in summaries]
    if not check_only:
        _write(plans, filed, folder, now or datetime.now(), summaries, filed_summaries)
    order = {display_path(path): index for index, path in enumerate(paths)}
    return sorted(filed + filed_summaries, key=lambda done: order.get(done.file, 0))


def receipt_period(plan: Plan, day: date) -> Period:
    """The period a submission received on ``day`` answers: the one whose due date is
    nearest (a report sent a little late answers the period just due); the later one
    on a tie."""
    dues = [(window_for(plan, p).due or date.max, p) for p in plan.schedule.periods]
    return min(dues, key=lambda d: (abs((d[0] - day).days), -d[0].toordinal()))[1]


def _twice(submissions: Sequence[Submission]) -> list[Problem]:
    """E623 for a unit whose files come twice in one filing."""
    first: dict[str, Submission] = {}
    problems = []
    for sub in submissions:
        if sub.unit is None or sub.source is None:
            continue
        if sub.unit in first:
            place = sub.source.place((keys.UNITS,))
            params = {"unit": sub.unit, "other": first[sub.unit].file}
            problems.append(Problem("E623", place, params))
        else:
            first[sub.unit] = sub
    return problems


def _lower_logs(submissions: Sequence[Submission], plan: Plan) -> list[Problem]:
    """E711 for a log of a lower-level body: it sends its report's summary instead."""
    lower = {u.code: u.name for u in plan.units if u.lower}
    return [
        Problem(
            "E711", sub.source.place((keys.UNITS,)), {"unit": lower[sub.unit], "code": sub.unit}
        )
        for sub in submissions
        if sub.unit in lower and sub.source is not None
    ]


def _filed_summary(filing: SummaryFiling) -> Filed:
    read = filing.read
    return Filed(
        file=read.file,
        unit=read.unit.code,
        unit_name=read.unit.name,
        target=filing.target,
        changes=Changes(),
        written=filing.written,
        created=filing.created,
        recorded=filing.recorded,
        warnings=[p for p in read.problems if p.severity == "warning"],
        summary=filing.summary,
    )


def log_path(folder: Path, unit: str) -> Path:
    """A unit's log in a year's folder: ``xa-an-binh.yaml`` (or its ``.yml`` if it has one)."""
    yml = folder / f"{unit}.yml"
    return (
        yml if yml.is_file() and not (folder / f"{unit}.yaml").exists() else folder / f"{unit}.yaml"
    )


def _plan(
    sub: Submission,
    folder: Path,
    plan: Plan,
    model: type[LogModel],
    when: tuple[date, Period],
    settings: Settings,
) -> _Plan:
    assert sub.data is not None and sub.unit is not None
    target = log_path(folder, sub.unit)
    # The log there now, checked as its unit's: one with errors (or another unit's) is
    # replaced whole, and kept in the history like any other.
    old = read_submission(target, plan, model, sub.unit, settings) if target.is_file() else None
    old_data = old.data if old is not None else None
    data, recorded = _with_sent(sub.data, old_data, plan, when)
    if sub.text is not None:  # a YAML log: the unit's own text, its comments kept
        base: tuple[str, dict[str, Any]] | None = (sub.text, sub.data)
    elif old is not None and old.text is not None and old_data is not None:
        base = (old.text, old_data)  # a form: the log as it was, its comments kept
    else:
        base = None
    return _Plan(sub, target, old, data, _text(data, base, plan, model), recorded)


def _with_sent(
    data: dict[str, Any],
    old: dict[str, Any] | None,
    plan: Plan,
    when: tuple[date, Period],
) -> tuple[dict[str, Any], tuple[Period, date] | None]:
    """``data`` with the submission dates the log had before (a resent form that left a
    date out does not erase it) and the date received for its period, if it has none."""
    sent = {**((old or {}).get(keys.SENT) or {}), **(data.get(keys.SENT) or {})}
    received, period = when
    recorded = None
    if period.value not in sent:
        sent[period.value] = received
        recorded = (period, received)
    ordered = {p.value: sent[p.value] for p in plan.schedule.periods if p.value in sent}
    out = {keys.UNITS: data[keys.UNITS], keys.YEAR: data[keys.YEAR], keys.SENT: ordered}
    out.update((k, v) for k, v in data.items() if k not in out)
    return out, recorded


def _text(
    data: dict[str, Any],
    base: tuple[str, dict[str, Any]] | None,
    plan: Plan,
    model: type[LogModel],
) -> str:
    """The log's new text: the base text changed where the data changed, or a fresh one;
    whichever is chosen must read back as exactly ``data``."""
    if base is not None:
        text, before = base
        if before == data:
            return text
        changed = updated_text(text, before, data)
        if changed is not None and _reads_as(changed, data, model):
            return changed
    name = plan.unit_name(str(data[keys.UNITS]))
    header = [f" Nhật ký hoạt động năm {plan.year} của {name} (Kế hoạch số {plan.number})."]
    fresh = fresh_text(data, header)
    if not _reads_as(fresh, data, model):
        raise RuntimeError(f"the log written for {data[keys.UNITS]} does not read back")
    return fresh


def _reads_as(text: str, data: dict[str, Any], model: type[LogModel]) -> bool:
    from baocao.input.validate import check
    from baocao.input.yamlio import parse

    try:
        instance, _problems = check(model, parse(text, "log"))
    except InputError:
        return False
    return instance is not None and log_data(instance) == data


def _filed(planned: _Plan, plan: Plan, model: type[LogModel]) -> Filed:
    sub, old, target = planned.submission, planned.old, planned.target
    assert sub.unit is not None
    current = _current_text(target)
    new_log = to_unit_log(model.model_validate(planned.data), sub.file)
    found = changes(
        old.log if old is not None and old.data is not None else None,
        new_log,
        old.data if old is not None else None,
        planned.data,
        [t.code for t in plan.tasks],
    )
    return Filed(
        file=sub.file,
        unit=sub.unit,
        unit_name=plan.unit_name(sub.unit),
        target=target,
        changes=found,
        written=current != planned.text,
        created=current is None,
        unreadable=old is not None and old.data is None,
        recorded=planned.recorded,
        notes=list(sub.notes),
        warnings=[p for p in sub.problems if p.severity == "warning"],
        names={(t.code, i.code): i.label for t in plan.tasks for i in t.indicators},
    )


def _current_text(target: Path) -> str | None:
    """The log's text as filing compares it (as :mod:`yamlio` normalises it)."""
    if not target.is_file():
        return None
    from baocao.input.files import read_text
    from baocao.input.yamlio import parse

    try:
        return "\n".join(parse(read_text(target, display_path(target)), "log").lines)
    except InputError:
        return ""  # unreadable: whatever is filed differs from it


# --- writing -----------------------------------------------------------------------------


def _write(
    plans: list[_Plan],
    filed: list[Filed],
    folder: Path,
    now: datetime,
    summaries: Sequence[SummaryFiling] = (),
    filed_summaries: Sequence[Filed] = (),
) -> None:
    from baocao.atomic import make_dir, write_all

    todo = [
        (done, planned.text.encode("utf-8"))
        for planned, done in zip(plans, filed, strict=True)
        if done.written
    ]
    todo += [
        (done, filing.data)
        for filing, done in zip(summaries, filed_summaries, strict=True)
        if done.written
    ]
    if not todo:
        return
    make_dir(folder)
    for done, _data in todo:
        if not done.created:
            done.previous = keep_previous(done.target, now)
    write_all([(done.target, data) for done, data in todo])


def keep_previous(target: Path, now: datetime) -> Path:
    """Copy ``target`` to ``<its folder>/.lich-su/<its name>/<time>.yaml`` before it is
    replaced: a new file each time (``-2``, ``-3``… within one second), never written
    over, and never through a symbolic link."""
    from baocao.input.files import read_bytes

    data = read_bytes(target, display_path(target))
    history = target.parent / HISTORY_DIR / target.stem
    stamp = now.strftime("%Y-%m-%dT%H-%M-%S")
    for number in range(1, 1000):
        name = f"{stamp}{target.suffix}" if number == 1 else f"{stamp}-{number}{target.suffix}"
        try:
            _create(history, name, data)
        except FileExistsError:
            continue
        return history / name
    raise OutputError.one("E401", display_path(history), detail="too many versions")


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CREATE |= getattr(os, "O_BINARY", 0)


def _create(history: Path, name: str, data: bytes) -> None:
    """Write a new file ``name`` in ``history``; FileExistsError when it exists."""
    _real_folder(history.parent)
    _real_folder(history)
    path = history / name
    try:
        fd = os.open(path, _CREATE, 0o666)
    except FileExistsError:
        raise
    except OSError as exc:
        from baocao.atomic import output_error

        raise output_error(exc, path) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _real_folder(folder: Path) -> None:
    """Make ``folder`` if missing; refuse it when it is a link or not a folder (E624)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        try:
            folder.mkdir()
        except OSError as exc:
            from baocao.atomic import output_error

            raise output_error(exc, folder) from None
        return
    if not stat.S_ISDIR(info.st_mode):
        shown = str(Path(display_path(folder.parent)) / folder.name)  # the link, not its target
        raise OutputError.one("E624", shown, path=shown)

"""A lower-level body's summary, read and checked against this office's plan.

A unit marked ``cap_duoi: true`` sends the summary JSON its own ``baocao compile`` wrote
beside its report. It is filed as ``<năm>/<mã>.json`` and read here, into the
:class:`~baocao.core.lower.LowerReport` the aggregate adds up, after checks that make
the roll-up exact or refuse it with a located error:

- a summary format this baocao reads for a roll-up: version 3; version 2 with a warning
  saying what it lacks (W701); version 1 refused (E703: it has no figures for the year
  so far, which targets are measured with); any other refused (E151);
- the plan it reports on is this plan, or one that carries it out (E704), for this
  plan's year (E707), for a period this plan reports on (E708) over the same days (E709);
- the same tasks (E705) and, task by task, the same counted indicators (E706), by code;
- the body it comes from: not another of this plan's lower bodies by name (E714).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from baocao.core.lower import DEFAULT_UNITS_WORD, Highlight, LowerReport, LowerTask, Reach
from baocao.core.models import Plan, ReportingUnit
from baocao.core.period import Period
from baocao.core.states import Submission
from baocao.core.summary import FORMAT_PREFIX, VERSION, Summary
from baocao.core.vietnamese import same_name, short_date
from baocao.core.window import window_for
from baocao.errors import InputError, Place, Problem, display_path
from baocao.input.files import entry_problem, read_bytes
from baocao.input.jsonio import JsonDocument, read_json
from baocao.input.sources import LOWER_SUFFIX
from baocao.messages import Say

HISTORY_DIR = ".lich-su"
"""Where earlier versions of a year's files are kept: ``<năm>/.lich-su/<mã>/``."""
ROLLUP_VERSIONS = (2, 3)
"""Summary versions a roll-up reads: 3 whole, 2 without what it lacks (W701)."""

_MISSING_IN_2 = Say(
    "hoạt động tiêu biểu, khó khăn, đề xuất và số đơn vị cơ sở",
    "highlights, difficulties, proposals and the count of units below",
)


@dataclass
class Lowered:
    """One lower body's summary file, read and checked."""

    path: Path
    file: str
    unit: ReportingUnit
    problems: list[Problem] = field(default_factory=list)
    summary: Summary | None = None
    report: LowerReport | None = None
    doc: JsonDocument | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def read_lower(path: Path, plan: Plan, unit: ReportingUnit, file: str | None = None) -> Lowered:
    """Read the summary at ``path`` as ``unit``'s report and check it against ``plan``.

    Every problem is on the result (nothing raised); ``report`` is set when none is an
    error.
    """
    shown = file or path.as_posix()
    found = Lowered(path, shown, unit)
    try:
        return parse_lower(read_bytes(path, shown), shown, plan, unit, path)
    except InputError as exc:
        found.problems.extend(exc.problems)
        return found


def parse_lower(
    raw: bytes, file: str, plan: Plan, unit: ReportingUnit, path: Path | None = None
) -> Lowered:
    """:func:`read_lower` from the file's bytes; raises :class:`InputError` when they are
    not a JSON object at all."""
    doc = read_json(raw, file)
    found = Lowered(path or Path(file), file, unit, doc=doc)
    version = _version(doc, found.problems)
    if version is None:
        return found
    try:
        summary = Summary.model_validate(doc.data)
    except ValidationError as exc:
        found.problems.extend(_damaged(doc, err) for err in exc.errors()[:20])
        return found
    found.summary = summary
    found.problems.extend(check_lower(summary, doc, plan, unit))
    if version < VERSION:
        found.problems.append(
            _problem(
                "W701", doc, ("format",), version=version, unit=unit.name, missing=_MISSING_IN_2
            )
        )
    if not found.errors:
        found.report = lower_report(summary, file, unit)
    return found


def _problem(code: str, doc: JsonDocument, path: tuple[str | int, ...], **params: Any) -> Problem:
    return Problem(code, doc.place(path), params)


def _version(doc: JsonDocument, problems: list[Problem]) -> int | None:
    """The summary's format version when a roll-up reads it; its problem otherwise."""
    stated = doc.data.get("format")
    if not (isinstance(stated, str) and stated.startswith(FORMAT_PREFIX)):
        problems.append(_problem("E150", doc, ("format",), detail=_NO_FORMAT))
        return None
    number = stated.removeprefix(FORMAT_PREFIX)
    if number == "1":
        problems.append(_problem("E703", doc, ("format",), version=VERSION))
        return None
    if not number.isdigit() or int(number) not in ROLLUP_VERSIONS:
        known = ", ".join(str(v) for v in ROLLUP_VERSIONS)
        problems.append(_problem("E151", doc, ("format",), version=number[:20], known=known))
        return None
    return int(number)


_NO_FORMAT = Say(
    'không có dòng "format": "baocao-summary/…"', 'there is no "format": "baocao-summary/…"'
)


def _damaged(doc: JsonDocument, err: Any) -> Problem:
    loc = tuple(err["loc"])
    detail = (
        Say("thiếu trường này", "the field is missing")
        if err["type"] == "missing"
        else Say("sai giá trị", str(err["msg"]))
    )
    place = doc.place(loc[:-1] if err["type"] == "missing" else loc)
    return Problem("E152", place, {"field": (json_path(loc) or "format")[:120], "detail": detail})


def json_path(loc: Sequence[str | int]) -> str:
    """A place in a JSON file as messages name it: ``tasks[0].activities``."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else f".{step}" if out else str(step)
    return out


def check_lower(
    summary: Summary, doc: JsonDocument, plan: Plan, unit: ReportingUnit
) -> list[Problem]:
    """What keeps ``summary`` from being added up as ``unit``'s report under ``plan``."""
    problems: list[Problem] = []
    theirs = summary.plan
    if plan.number not in (theirs.number, theirs.carries_out) or theirs.year != plan.year:
        problems.append(
            _problem(
                "E704",
                doc,
                ("plan",),
                theirs=theirs.number,
                their_year=theirs.year,
                ours=plan.number,
                year=plan.year,
            )
        )
        return problems  # another plan: its tasks and periods mean nothing here
    if summary.year != plan.year:
        problems.append(_problem("E707", doc, ("year",), theirs=summary.year, year=plan.year))
    elif summary.period not in plan.schedule.periods:
        defined = ", ".join(plan.schedule.periods)
        problems.append(_problem("E708", doc, ("period",), period=summary.period, defined=defined))
    else:
        ours = window_for(plan, summary.period, summary.year)
        if (summary.window.start, summary.window.end) != (ours.start, ours.end):
            problems.append(
                _problem(
                    "E709",
                    doc,
                    ("window",),
                    start=short_date(summary.window.start),
                    end=short_date(summary.window.end),
                    name=ours.name,
                    our_start=short_date(ours.start),
                    our_end=short_date(ours.end),
                )
            )
    problems.extend(_same_tasks(summary, doc, plan))
    other = _named_as_another(summary, plan, unit)
    if other is not None:
        problems.append(
            _problem("E714", doc, ("plan", "issuer"), theirs=other.name, unit=unit.name)
        )
    return problems


def _same_tasks(summary: Summary, doc: JsonDocument, plan: Plan) -> list[Problem]:
    ours = [t.code for t in plan.tasks]
    theirs = [t.code for t in summary.tasks]
    twice = sorted({code for code in theirs if theirs.count(code) > 1})
    if twice:
        detail = Say(f"lặp {', '.join(twice)}", f"repeated {', '.join(twice)}")
        return [_problem("E705", doc, ("tasks",), detail=detail)]
    if set(ours) != set(theirs):
        detail = _difference(ours, theirs)
        return [_problem("E705", doc, ("tasks",), detail=detail)]
    problems = []
    for index, entry in enumerate(summary.tasks):
        counted = [ind.code for ind in plan.task(entry.code).counted]
        if set(counted) != set(entry.totals):
            detail = _difference(counted, list(entry.totals))
            problems.append(
                _problem("E706", doc, ("tasks", index, "totals"), task=entry.code, detail=detail)
            )
    return problems


def _difference(ours: Sequence[str], theirs: Sequence[str]) -> Say:
    missing = [c for c in ours if c not in theirs]
    extra = [c for c in theirs if c not in ours]
    vi = "; ".join(
        part
        for part in (
            f"thiếu {', '.join(missing)}" if missing else "",
            f"thừa {', '.join(extra)}" if extra else "",
        )
        if part
    )
    en = "; ".join(
        part
        for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"extra {', '.join(extra)}" if extra else "",
        )
        if part
    )
    return Say(vi, en)


def _named_as_another(summary: Summary, plan: Plan, unit: ReportingUnit) -> ReportingUnit | None:
    """Another lower body of the plan whose name the summary's issuer bears, when ``unit``'s
    is not: the file of one commune filed, or left, under another's code."""
    names = [n for n in (summary.plan.issuer_name, summary.plan.issuer) if n]
    if any(same_name(n, unit.name) for n in names):
        return None
    return next(
        (
            u
            for u in plan.units
            if u.lower and u.code != unit.code and any(same_name(n, u.name) for n in names)
        ),
        None,
    )


def lower_report(summary: Summary, file: str, unit: ReportingUnit) -> LowerReport:
    """A checked summary as the domain data the aggregate adds up.

    A version-2 summary has no count of the units below for each task: it was written
    from activity logs (no roll-up came before version 3), so the units that did
    something are those units themselves.
    """
    since = summary.since or summary.window.start
    tasks = {}
    for entry in summary.tasks:
        to_date = {
            ind.code: int(ind.to_date)
            for ind in entry.indicators
            if ind.kind == "count" and ind.to_date is not None
        }
        if since == summary.window.start:
            to_date = dict(entry.totals)
        tasks[entry.code] = LowerTask(
            activities=entry.activities,
            reached=entry.reached if entry.reached is not None else len(entry.units),
            totals=dict(entry.totals),
            activities_to_date=(
                entry.activities_to_date
                if entry.activities_to_date is not None
                else entry.activities
            ),
            to_date=to_date,
            highlights=tuple(
                Highlight(h.day, h.unit, h.text, dict(h.figures)) for h in entry.highlights
            ),
        )
    return LowerReport(
        file=file,
        unit=unit.code,
        period=summary.period,
        year=summary.year,
        start=summary.window.start,
        end=summary.window.end,
        since=since,
        received=summary.received_on,
        tasks=tasks,
        reach=_reach(summary),
        units_word=summary.units_word or DEFAULT_UNITS_WORD,
        difficulties=tuple(summary.difficulties),
        proposals=tuple(summary.proposals),
    )


def _reach(summary: Summary) -> Reach:
    if summary.reach is not None:
        return Reach(summary.reach.units, summary.reach.reported)
    sent = sum(1 for u in summary.units if u.submission in (Submission.ON_TIME, Submission.LATE))
    return Reach(len(summary.units), sent)


def older(summary: Summary, than: Summary) -> bool:
    """Whether ``summary`` is older than ``than``: its window ends earlier, or the same
    window is reported on an earlier day (the same report sent again is not older)."""
    return (summary.window.end, summary.report_date) < (than.window.end, than.report_date)


# --- a year's folder ------------------------------------------------------------------------


def summary_files(folder: Path, root: Path | None = None) -> list[Path]:
    """The lower bodies' summaries in a year's folder, in a stable order (hidden files,
    editors' and macOS's companions, are no one's). With the workspace's ``root``, a
    link that leads out of it is left out: it is not read (the workspace names it, E010)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() == LOWER_SUFFIX
        and not p.name.startswith(".")
        and p.is_file()
        and (root is None or entry_problem(p, root) is None)
    )


def load_lowers(
    folder: Path, plan: Plan, problems: list[Problem], root: Path | None = None
) -> dict[str, Lowered]:
    """Every lower body's summary filed in ``folder``, read and checked; what is wrong goes
    to ``problems``. A summary named after no lower body of the plan is E710. With the
    workspace's ``root``, a summary linked to a file outside it is not read."""
    by_code = {u.code: u for u in plan.units}
    found: dict[str, Lowered] = {}
    for path in summary_files(folder, root):
        file = display_path(path)
        unit = by_code.get(path.stem)
        if unit is None or not unit.lower:
            problems.append(
                Problem("E710", Place(file), {"code": path.stem, "lower": _lower_list(plan)})
            )
            continue
        read = read_lower(path, plan, unit, file)
        problems.extend(read.problems)
        if read.report is not None:
            found[unit.code] = read
    return found


def _lower_list(plan: Plan) -> str:
    codes = [u.code for u in plan.units if u.lower]
    return ", ".join(codes) if codes else "không có"


def history(folder: Path, code: str) -> list[Path]:
    """The summaries of ``code`` kept when newer ones were filed, newest first."""
    kept = folder / HISTORY_DIR / code
    if not kept.is_dir():
        return []
    paths = [p for p in kept.iterdir() if p.suffix.lower() == LOWER_SUFFIX and p.is_file()]
    return sorted(paths, key=_stamp, reverse=True)


def _stamp(path: Path) -> tuple[str, int]:
    """``2021-06-30T10-00-00-2.json`` -> ("2021-06-30T10-00-00", 2): the second of that second."""
    stamp, _dash, number = path.stem[:19], path.stem[19:20], path.stem[20:]
    return stamp, int(number) if number.isdigit() else 1


def report_for(
    folder: Path,
    plan: Plan,
    unit: ReportingUnit,
    current: Lowered | None,
    period: Period,
    year: int,
) -> Lowered | None:
    """``unit``'s report for ``period`` of ``year``: the summary filed now, or, when that is
    of a later period (the year's after the six months'), the newest kept one of ``period``."""
    if current is not None and _is_for(current, period, year):
        return current
    for path in history(folder, unit.code):
        read = read_lower(path, plan, unit, display_path(path))
        if read.report is not None and _is_for(read, period, year):
            return read
    return None


def _is_for(read: Lowered, period: Period, year: int) -> bool:
    return read.report is not None and (read.report.period, read.report.year) == (period, year)


def missing_lowers(
    plan: Plan, place: Callable[[int], Place], have: dict[str, Lowered]
) -> list[Problem]:
    """W702 for every lower body whose summary has not been filed for the year."""
    return [
        Problem("W702", place(index), {"unit": unit.name, "year": plan.year, "code": unit.code})
        for index, unit in enumerate(plan.units)
        if unit.lower and unit.code not in have
    ]


def fitting(lowered: Sequence[Lowered], start: date, end: date, name: str) -> list[LowerReport]:
    """The lower bodies' reports whose figures cover exactly ``start``–``end`` (the report's
    window): a roll-up adds nothing it cannot add exactly. Raises :class:`InputError`
    (E709, at each summary's window) when one covers other days, as a report compiled for
    dates given by hand (``--tu-ngay``/``--den-ngay``) or cut short by its date would."""
    problems = [
        Problem(
            "E709",
            read.doc.place(("window",)) if read.doc else Place(read.file),
            {
                "start": short_date(read.report.start),
                "end": short_date(read.report.end),
                "name": name,
                "our_start": short_date(start),
                "our_end": short_date(end),
            },
        )
        for read in lowered
        if read.report is not None and not read.report.fits(start, end)
    ]
    if problems:
        raise InputError(problems)
    return [read.report for read in lowered if read.report is not None]

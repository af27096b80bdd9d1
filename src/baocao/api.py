"""The library API behind the CLI: what scripts and tests call directly.

Every function takes an optional :class:`~baocao.settings.Settings` (the defaults when
left out); the command line builds one from the environment and passes it. Importing
this module is cheap: the stages load when a function first needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baocao import __version__ as __version__
from baocao.core.period import Period as Period
from baocao.errors import (
    BaocaoError,
    ExitCode,
    InputError,
    OptionError,
    Place,
    PlaceholderError,
    Problem,
    display_path,
)
from baocao.settings import Settings as Settings

if TYPE_CHECKING:
    from baocao.core.window import Window
    from baocao.input.filing import Filed as Filed
    from baocao.input.workspace import Workspace
    from baocao.plan.build import HeaderOptions as HeaderOptions
    from baocao.plan.onboard import Imported as Imported
    from baocao.plan.onboard import SchemasWritten as SchemasWritten
    from baocao.plan.onboard import import_plan as import_plan
    from baocao.plan.onboard import init_workspace as init_workspace
    from baocao.plan.onboard import write_schemas as write_schemas
    from baocao.report.aggregate import Aggregate, Submission
    from baocao.report.compare import Comparison
    from baocao.report.contract import ReportContext
    from baocao.report.targets import Progress

_ONBOARD = {"Imported", "SchemasWritten", "import_plan", "init_workspace", "write_schemas"}
_WORKSPACE = {"CONFIG_NAME", "Workspace", "find_root", "load_workspace"}


def __getattr__(name: str) -> Any:
    # Names from the stages load on first use: importing the API (as the command line
    # does for --help) costs no pydantic, and validate and compile, run by the thousand
    # from schedulers, do not pay for the plan importer's modules (~0.1 s).
    if name in _ONBOARD:
        from baocao.plan import onboard

        return getattr(onboard, name)
    if name == "HeaderOptions":
        from baocao.plan.build import HeaderOptions

        return HeaderOptions
    if name in _WORKSPACE:
        from baocao.input import workspace

        return getattr(workspace, name)
    if name in ("Window", "window_for"):
        from baocao.core import window

        return getattr(window, name)
    if name in ("Aggregate", "aggregate"):
        from baocao.report import aggregate

        return getattr(aggregate, name)
    raise AttributeError(f"module 'baocao.api' has no attribute '{name}'")


DRAFT_SUFFIX = "-du-thao"
"""Ends the file name of a draft: bao-cao-6-thang-2021-du-thao.docx."""


def parse_date(text: str) -> date:
    """A date written 2021-03-15 or 15/03/2021; ValueError otherwise."""
    from baocao.core.models import parse_date as parse

    return parse(text)


def validate(workspace: Path | None = None, *, settings: Settings | None = None) -> Workspace:
    """Load and check every file of a workspace.

    Returns the validated workspace (its ``warnings`` may be non-empty); raises
    :class:`baocao.errors.InputError` with every problem found when any is an error,
    or :class:`baocao.errors.PlaceholderError` when only placeholders are left.
    """
    from baocao.input.workspace import find_root, load_workspace

    settings = settings or Settings()
    ws = load_workspace(find_root(workspace, settings), settings=settings)
    _refuse_placeholders(ws)
    return ws


def _refuse_placeholders(ws: Workspace) -> None:
    if ws.placeholders:
        raise PlaceholderError([*ws.placeholders, *ws.warnings])


@dataclass
class Compiled:
    """What one compile produced."""

    output: Path
    window: Window
    aggregate: Aggregate
    report_date: date
    context: ReportContext
    pdf: Path | None = None
    summary: Path | None = None
    changed: bool = True
    warnings: list[Problem] = field(default_factory=list)
    draft: bool = False
    placeholders: list[Problem] = field(default_factory=list)  # what a draft leaves to fill in
    spreadsheet: Path | None = None  # the per-unit figures, when too many for the appendix


def default_name(period: Period | str, year: int) -> str:
    """bao-cao-6-thang-2021.docx and the like."""
    return f"{Period(period).slug}-{year}.docx"


def default_output(ws: Workspace, window: Window, name: str | None = None) -> Path:
    """<workspace>/<output folder>/bao-cao-6-thang-2021.docx and the like."""
    return ws.root / ws.config.output_dir / (name or default_name(window.period, window.year))


def _check_days(**days: date | None) -> None:
    """Dates given as options lie in 1900–2100 (E805, a usage error, names the option)."""
    from baocao.core.models import MAX_YEAR, MIN_YEAR
    from baocao.core.vietnamese import short_date

    for option, day in days.items():
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise OptionError.one(
                "E805", f"--{option}", got=short_date(day), low=MIN_YEAR, high=MAX_YEAR
            )


def _check_year(ws: Workspace, year: int | None) -> None:
    """A report is made for the plan's year: its logs are that year's (E802 otherwise)."""
    if year is not None and year != ws.plan.year:
        shown = str(year) if abs(year) < 10**6 else f"{str(year)[:6]}…"
        raise OptionError.one(
            "E802", "--year", got=shown, year=ws.plan.year, folder=str(ws.plan.year)
        )


def _window(
    ws: Workspace, period: Period | str, year: int | None, start: date | None, end: date | None
) -> Window:
    """The period's window, with the options' dates checked as a user would expect."""
    from baocao.core.vietnamese import short_date
    from baocao.core.window import window_for

    _check_year(ws, year)
    window = window_for(ws.plan, period, year, start=start, end=end, plan_doc=ws.plan_doc)
    if (start or end) and window.start > window.end:
        raise OptionError.one(
            "E801", "--from", start=short_date(window.start), end=short_date(window.end)
        )
    return window


def window_notes(ws: Workspace, window: Window) -> list[Problem]:
    """W210 when the window starts in the year before and that year's folder has logs."""
    from baocao.core.vietnamese import short_date

    previous = window.start.year
    folder = ws.root / str(previous)
    if previous >= ws.plan.year or not any(folder.glob("*.y*ml")):
        return []
    params = {
        "start": short_date(window.start),
        "previous": previous,
        "year": ws.plan.year,
        "folder": str(ws.plan.year),
    }
    return [Problem("W210", Place(display_path(folder)), params)]


def draft_name(path: Path) -> Path:
    """bao-cao.docx -> bao-cao-du-thao.docx: a draft never takes the report's name."""
    if path.stem.endswith(DRAFT_SUFFIX):
        return path
    return path.with_name(f"{path.stem}{DRAFT_SUFFIX}{path.suffix}")


@dataclass
class Built:
    """One period's report before it is written: no file touched."""

    window: Window  # its end brought back to the day data is counted to, when earlier
    aggregate: Aggregate
    report_date: date
    as_of: date
    context: ReportContext
    warnings: list[Problem]  # what the date left out of the report
    progress: Progress  # the figures against the plan's targets
    comparison: Comparison | None  # against the same period of an earlier year


def build(
    ws: Workspace,
    period: Period | str,
    year: int | None = None,
    *,
    report_date: date | None = None,
    as_of: date | None = None,
    start: date | None = None,
    end: date | None = None,
    draft: bool = False,
    compare_with: Path | None = None,
    spreadsheet: str | None = None,
) -> Built:
    """Window, figures, report date and template context for one period.

    The date is chosen from the data (see :mod:`baocao.report.dating`), never from
    the clock, so a re-run gives the same document whatever day it runs; only what
    had arrived by ``as_of`` (default: the report's date) is counted. The figures are
    measured against the plan's targets and, with ``compare_with`` (the summary of the
    same period of an earlier year, read here), against that year. ``spreadsheet`` names
    the companion spreadsheet that holds the per-unit figures when the plan has too many
    units for the appendix.
    """
    from baocao.input.lower import fitting
    from baocao.report.aggregate import aggregate
    from baocao.report.context import build_context
    from baocao.report.dating import date_report
    from baocao.report.targets import progress

    _check_days(date=report_date, **{"from": start, "to": end, "as-of": as_of})
    window = _window(ws, period, year, start, end)
    dating = date_report(ws, window, report_date, as_of)
    lowers = fitting(
        ws.lower_reports(window.year, window.period),
        dating.window.start,
        dating.window.end,
        dating.window.name,
    )
    agg = aggregate(ws.plan, ws.logs, dating.window, as_of=dating.as_of, lowers=lowers)
    measured = progress(ws.plan, ws.logs, agg, lowers)
    comparison = _comparison(ws, compare_with, measured) if compare_with is not None else None
    narrative = ws.narratives.get((window.year, window.period))
    context = build_context(
        ws.plan,
        ws.config,
        agg,
        dating.report_date,
        narrative,
        measured,
        comparison,
        draft=draft,
        spreadsheet=spreadsheet,
    )
    return Built(
        dating.window,
        agg,
        dating.report_date,
        dating.as_of,
        context,
        [*dating.warnings, *window_notes(ws, window)],
        measured,
        comparison,
    )


def _comparison(ws: Workspace, path: Path, measured: Progress) -> Comparison:
    """The report against the earlier summary at ``path``: refused (InputError) when it is
    not a baocao summary, or not of the same period of an earlier year."""
    from baocao.report.compare import check_comparable, compare
    from baocao.report.summary import load_summary
    from baocao.report.summary_writer import relative, sha256_file

    shown = display_path(path)
    earlier = load_summary(path, shown)
    check_comparable(earlier, measured.window, shown)
    return compare(measured, earlier, path, relative(path, ws.root), sha256_file(path))


def spreadsheet_for(ws: Workspace, report: Path) -> Path | None:
    """The companion spreadsheet beside ``report`` (same name, .xlsx), when the plan has
    more units than an appendix lists (:data:`~baocao.report.appendix.APPENDIX_MAX_UNITS`)."""
    from baocao.report.appendix import needs_spreadsheet

    return report.with_suffix(".xlsx") if needs_spreadsheet(ws.plan) else None


def _compile_in(
    ws: Workspace,
    period: Period | str,
    year: int | None,
    *,
    settings: Settings,
    output: Path | None,
    template: Path | None,
    pdf: bool,
    report_date: date | None,
    start: date | None,
    end: date | None,
    as_of: date | None = None,
    draft: bool = False,
    file_name: str | None = None,
    compare_with: Path | None = None,
    force: bool = False,
) -> Compiled:
    from baocao.atomic import make_dir
    from baocao.report.output import write_report

    if not draft:
        _refuse_placeholders(ws)
    # The file's name comes from the period and year, so it is known before the report is
    # built, and the report can name the spreadsheet beside it.
    period_window = _window(ws, period, year, start, end)
    target = output or default_output(ws, period_window, file_name)
    if draft:
        target = draft_name(target)
    sheet = spreadsheet_for(ws, target)
    built = build(
        ws,
        period,
        year,
        report_date=report_date,
        as_of=as_of,
        start=start,
        end=end,
        draft=draft,
        compare_with=compare_with,
        spreadsheet=sheet.name if sheet else None,
    )
    window = built.window
    if output is None:  # the workspace's own results folder is ours to create
        make_dir(target.parent)
    options = {
        "period": window.period,
        "year": window.year,
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "report_date": built.report_date.isoformat(),
        "as_of": built.as_of.isoformat(),
        "draft": draft,
    }
    warnings = sorted([*ws.warnings, *built.warnings], key=Problem.sort_key)
    written = write_report(
        ws,
        built.progress,
        built.comparison,
        built.context,
        report_date=built.report_date,
        docx=target,
        template=template,
        pdf=pdf,
        options=options,
        warnings=warnings,
        placeholders=ws.placeholders if draft else [],
        spreadsheet=sheet,
        pdf_timeout=settings.pdf_timeout,
        # Files of those names that baocao did not write are replaced only with force,
        # in the workspace's results folder as anywhere else.
        force=force,
    )
    return Compiled(
        target,
        window,
        built.aggregate,
        built.report_date,
        built.context,
        written.pdf,
        written.summary,
        written.changed,
        warnings,
        draft,
        ws.placeholders if draft else [],
        written.spreadsheet,
    )


def compile_report(
    workspace: Path | None = None,
    period: Period | str = Period.HALF_YEAR,
    year: int | None = None,
    *,
    output: Path | None = None,
    template: Path | None = None,
    pdf: bool = False,
    report_date: date | None = None,
    as_of: date | None = None,
    start: date | None = None,
    end: date | None = None,
    draft: bool = False,
    wait: float = 0.0,
    compare_with: Path | None = None,
    force: bool = False,
    settings: Settings | None = None,
) -> Compiled:
    """Validate the workspace and bring the period's report up to date.

    Writes the .docx, a summary .json beside it, and the .pdf when asked; files whose
    inputs did not change are left untouched. A file of those names that is not an
    earlier report's (with its summary beside it) is replaced only with ``force``.
    Holds the workspace against other runs (waiting up to ``wait`` seconds). A workspace with placeholders left makes no
    report (:class:`~baocao.errors.PlaceholderError`, nothing written) unless ``draft``:
    then the report is marked "DỰ THẢO" and its file name ends in "-du-thao".
    ``compare_with``: the summary of the same period of an earlier year, to compare with.
    Raises :class:`~baocao.errors.OptionError` for options a report cannot be made with
    (a year not the plan's, ``start`` after ``end``, ``wait`` not a number of seconds),
    :class:`~baocao.errors.InputError`, :class:`~baocao.errors.TemplateError`,
    :class:`~baocao.errors.OutputError` or :class:`~baocao.errors.WorkspaceLockedError`;
    a failed run leaves earlier files intact.
    """
    from baocao.input.workspace import find_root, load_workspace
    from baocao.lock import check_wait, workspace_lock

    check_wait(wait)
    _check_days(date=report_date, **{"from": start, "to": end, "as-of": as_of})
    if output is not None:
        _check_output_name(output)
    settings = settings or Settings()
    root = find_root(workspace, settings)
    with workspace_lock(root, wait):
        ws = load_workspace(root, settings=settings)
        return _compile_in(
            ws,
            period,
            year,
            settings=settings,
            force=force,
            output=output,
            template=template,
            pdf=pdf,
            report_date=report_date,
            as_of=as_of,
            start=start,
            end=end,
            draft=draft,
            compare_with=compare_with,
        )


def _check_output_name(output: Path) -> None:
    """E804 (a usage error) when the file name given with -o is too long to be written."""
    from baocao.atomic import NAME_MAX_BYTES

    size = len(output.name.encode("utf-8", errors="surrogateescape"))
    if size > NAME_MAX_BYTES:
        shown = f"{output.name[:40]}…"
        raise OptionError.one("E804", "--output", length=size, limit=NAME_MAX_BYTES, got=shown)


BatchProgress = Callable[[int, int, "Compiled | None", "BaocaoError | None"], None]
"""Told of each report of a batch in turn: (number, how many, result, error)."""


def compile_all(
    workspace: Path | None = None,
    *,
    template: Path | None = None,
    draft: bool = False,
    wait: float = 0.0,
    progress: BatchProgress | None = None,
    force: bool = False,
    settings: Settings | None = None,
) -> list[Compiled]:
    """Every report the workspace configuration lists (``bao_cao``), under one lock.

    The reports are checked together first: each in its plan's year, each to its own
    file (an :class:`~baocao.errors.InputError` locating the jobs otherwise, nothing
    written). A report that fails does not stop the others; the errors are raised
    together at the end, after ``progress`` has been told of each report in turn.
    Placeholders left stop every report before any is made, unless ``draft``.
    """
    from baocao.input.workspace import CONFIG_NAME, find_root, load_workspace
    from baocao.lock import check_wait, workspace_lock

    check_wait(wait)
    settings = settings or Settings()
    root = find_root(workspace, settings)
    done: list[Compiled] = []
    failures: list[BaocaoError] = []
    with workspace_lock(root, wait):
        ws = load_workspace(root, settings=settings)
        if not draft:
            _refuse_placeholders(ws)
        jobs = ws.config.jobs
        if not jobs:
            raise InputError.one("E119", display_path(root / CONFIG_NAME))
        loaded = _job_workspaces(root, ws, settings)
        for index, job in enumerate(jobs, 1):
            try:
                space = loaded[(job.plan_file, job.logs_dir)]
                if isinstance(space, BaocaoError):
                    raise space
                result = _compile_in(
                    space,
                    job.period,
                    job.year,
                    settings=settings,
                    output=None,
                    template=template,
                    pdf=job.pdf,
                    report_date=None,
                    start=None,
                    end=None,
                    draft=draft,
                    file_name=job.output,
                    compare_with=root / job.compare_with if job.compare_with else None,
                    force=force,
                )
            except BaocaoError as error:
                failures.append(error)
                if progress:
                    progress(index, len(jobs), None, error)
                continue
            done.append(result)
            if progress:
                progress(index, len(jobs), result, None)
    if failures:
        # Placeholders are the mildest failure: a draft could still be made.
        worst = max(failures, key=lambda e: (e.exit_code != ExitCode.DRAFT_ONLY, e.exit_code))
        raise type(worst)([p for e in failures for p in e.problems])
    return done


def _job_workspaces(
    root: Path, ws: Workspace, settings: Settings
) -> dict[tuple[str | None, str | None], Workspace | BaocaoError]:
    """The workspace of each job of ``compile --all`` (or why it cannot be loaded), once
    the jobs are known to go each to its own file in its plan's year."""
    from baocao.input.targets import check_jobs
    from baocao.input.workspace import load_workspace

    loaded: dict[tuple[str | None, str | None], Workspace | BaocaoError] = {(None, None): ws}
    planned = []
    for job in ws.config.jobs:
        key = (job.plan_file, job.logs_dir)
        if key not in loaded:
            try:
                loaded[key] = load_workspace(root, job.plan_file, job.logs_dir, settings=settings)
            except BaocaoError as error:  # that job fails on its own, the others run
                loaded[key] = error
        space = loaded[key]
        plan_year = None if isinstance(space, BaocaoError) else space.plan.year
        year = job.year or plan_year
        name = job.output or (default_name(job.period, year) if year else None)
        planned.append((job, plan_year, name))
    if ws.config_doc is not None:
        problems = check_jobs(planned, ws.config_doc)
        if problems:
            raise InputError(problems)
    return loaded


@dataclass
class UnitStatus:
    """Where one unit stands for a period."""

    code: str
    name: str
    status: Submission
    sent_on: date | None
    days_late: int | None
    activities: dict[str, int]  # task code -> activities in the window
    lower: bool = False  # a lower-level body (cap_duoi), sending its report's summary

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "status": self.status,
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
            "days_late": self.days_late,
            "activities": self.activities,
            "lower": self.lower,
        }


@dataclass
class StatusReport:
    """Who has sent, who is late, who has not, for one period."""

    window: Window
    as_of: date
    units: list[UnitStatus]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def tasks(self) -> list[str]:
        """The plan's task codes, in order: the columns of activity counts."""
        return list(self.units[0].activities) if self.units else []

    def as_json(self) -> dict[str, Any]:
        """The report as JSON data (``baocao status --format json``)."""
        window = self.window
        return {
            "period": window.period.value,
            "year": window.year,
            "window": [window.start.isoformat(), window.end.isoformat()],
            "due": window.due.isoformat() if window.due else None,
            "as_of": self.as_of.isoformat(),
            "units": [u.as_json() for u in self.units],
        }

    def rows(self) -> list[list[Any]]:
        """A header and one row per unit (``baocao status --format csv``)."""
        header = ["code", "name", "status", "sent_on", "days_late", *self.tasks]
        return [header] + [
            [u.code, u.name, u.status, u.sent_on or "", u.days_late or ""]
            + [u.activities[t] for t in self.tasks]
            for u in self.units
        ]


def status(
    workspace: Path | None = None,
    period: Period | str = Period.HALF_YEAR,
    year: int | None = None,
    *,
    as_of: date | None = None,
    settings: Settings | None = None,
) -> StatusReport:
    """Every reporting unit's submission state for a period, as of a day (default today).

    A report received after ``as_of`` had not been sent on that day. Placeholders
    left in the plan or configuration do not stop it: status is a clerk's tool.
    Raises :class:`~baocao.errors.OptionError` for a year not the plan's or a day
    outside 1900–2100, :class:`~baocao.errors.InputError` for an invalid workspace.
    """
    from baocao.input.workspace import find_root, load_workspace
    from baocao.report.aggregate import aggregate

    _check_days(**{"as-of": as_of})
    settings = settings or Settings()
    ws = load_workspace(find_root(workspace, settings), settings=settings)
    window = _window(ws, period, year, None, None)
    today = as_of or date.today()
    lowers = [
        read.report
        for read in ws.lower_reports(window.year, window.period)
        if read.report is not None and read.report.fits(window.start, window.end)
    ]  # one that does not fit is compile's error (E709), not status's
    agg = aggregate(ws.plan, ws.logs, window, as_of=today, lowers=lowers)
    units = [
        UnitStatus(
            u.unit.code,
            u.unit.name,
            u.submission,
            u.sent_on,
            u.days_late,
            dict(u.activity_counts),
            u.unit.lower,
        )
        for u in agg.units
    ]
    return StatusReport(window, today, units, [*ws.warnings, *window_notes(ws, window)])


# --- units' submissions: forms out, submissions in --------------------------------------


def make_forms(
    workspace: Path | None = None,
    unit: str | None = None,
    *,
    output: Path | None = None,
    force: bool = False,
    settings: Settings | None = None,
) -> list[Path]:
    """Write the spreadsheet form of ``unit`` (None: of every unit), prefilled from its log.

    ``output`` is the file for one unit, the folder for all (default:
    ``<workspace>/bieu-mau/``); an existing file is written over only with ``force``.
    Returns the files written. Raises :class:`~baocao.errors.InputError` or
    :class:`~baocao.errors.OutputError`.
    """
    from baocao.input.workspace import find_root
    from baocao.plan.form_files import write_forms

    settings = settings or Settings()
    return write_forms(find_root(workspace, settings), unit, output, force=force, settings=settings)


def receive(
    files: list[Path],
    workspace: Path | None = None,
    *,
    unit: str | None = None,
    sent_on: date | None = None,
    period: Period | str | None = None,
    check_only: bool = False,
    strict: bool = False,
    wait: float = 0.0,
    settings: Settings | None = None,
) -> list[Filed]:
    """File what units sent (forms .xlsx, logs .yaml) as their logs ``<năm>/<mã>.yaml``.

    Every file is checked first: any error in any of them (any warning, with
    ``strict``) raises :class:`~baocao.errors.InputError` and nothing is written.
    ``sent_on`` (default: today) is recorded as the submission date of ``period``
    (default: the period due nearest to it) when a file gives none. The logs replaced
    are kept under ``<năm>/.lich-su/``. Holds the workspace against other runs (waiting
    up to ``wait`` seconds); ``check_only`` writes nothing and takes no lock.
    """
    from baocao.input.filing import file_submissions
    from baocao.input.workspace import find_root
    from baocao.lock import workspace_lock

    settings = settings or Settings()
    root = find_root(workspace, settings)
    options: dict[str, Any] = {
        "unit": unit,
        "received": sent_on or date.today(),
        "dated": sent_on is not None,
        "period": period,
        "check_only": check_only,
        "strict": strict,
        "settings": settings,
    }
    if check_only:
        return file_submissions(root, files, **options)
    with workspace_lock(root, wait):
        return file_submissions(root, files, **options)

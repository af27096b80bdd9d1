"""The library API behind the CLI: what scripts and tests call directly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baocao.core.models import parse_date as parse_date
from baocao.core.periods import Window, window_for
from baocao.errors import BaocaoError, ExitCode, InputError, PlaceholderError, Problem, display_path
from baocao.input.workspace import CONFIG_NAME, Workspace, find_root, load_workspace
from baocao.report.aggregate import Aggregate, aggregate

if TYPE_CHECKING:
    from baocao.plan.build import HeaderOptions as HeaderOptions
    from baocao.plan.onboard import Imported as Imported
    from baocao.plan.onboard import SchemasWritten as SchemasWritten
    from baocao.plan.onboard import import_plan as import_plan
    from baocao.plan.onboard import init_workspace as init_workspace
    from baocao.plan.onboard import write_schemas as write_schemas
    from baocao.report.compare import Comparison
    from baocao.report.targets import Progress

_ONBOARD = {"Imported", "SchemasWritten", "import_plan", "init_workspace", "write_schemas"}


def __getattr__(name: str) -> Any:
    # Plan import and workspace set-up load on first use: validate and compile, run by
    # the thousand from schedulers, do not pay for the importer's modules (~0.1 s).
    if name in _ONBOARD:
        from baocao.plan import onboard

        return getattr(onboard, name)
    if name == "HeaderOptions":
        from baocao.plan.build import HeaderOptions

        return HeaderOptions
    raise AttributeError(f"module 'baocao.api' has no attribute '{name}'")


REPORT_NAMES = {
    "6m": "bao-cao-6-thang",
    "1y": "bao-cao-nam",
    "q1": "bao-cao-quy-1",
    "q2": "bao-cao-quy-2",
    "q3": "bao-cao-quy-3",
    "q4": "bao-cao-quy-4",
}


DRAFT_SUFFIX = "-du-thao"
"""Ends the file name of a draft: bao-cao-6-thang-2021-du-thao.docx."""


def validate(workspace: Path | None = None) -> Workspace:
    """Load and check every file of a workspace.

    Returns the validated workspace (its ``warnings`` may be non-empty); raises
    :class:`baocao.errors.InputError` with every problem found when any is an error,
    or :class:`baocao.errors.PlaceholderError` when only placeholders are left.
    """
    ws = load_workspace(find_root(workspace))
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
    context: dict[str, Any]
    pdf: Path | None = None
    summary: Path | None = None
    changed: bool = True
    warnings: list[Problem] = field(default_factory=list)
    draft: bool = False
    placeholders: list[Problem] = field(default_factory=list)  # what a draft leaves to fill in
    spreadsheet: Path | None = None  # the per-unit figures, when too many for the appendix


def default_output(ws: Workspace, window: Window, name: str | None = None) -> Path:
    """<workspace>/<output folder>/bao-cao-6-thang-2021.docx and the like."""
    file_name = name or f"{REPORT_NAMES[window.period]}-{window.year}.docx"
    return ws.root / ws.config.output_dir / file_name


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
    context: dict[str, Any]
    warnings: list[Problem]  # what the date left out of the report
    progress: Progress  # the figures against the plan's targets
    comparison: Comparison | None  # against the same period of an earlier year


def build(
    ws: Workspace,
    period: str,
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
    from baocao.report.context import build_context
    from baocao.report.dating import date_report
    from baocao.report.targets import progress

    window = window_for(ws.plan, period, year, start=start, end=end, plan_doc=ws.plan_doc)
    dating = date_report(ws, window, report_date, as_of)
    agg = aggregate(ws.plan, ws.logs, dating.window, as_of=dating.as_of)
    measured = progress(ws.plan, ws.logs, agg)
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
        dating.warnings,
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
    period: str,
    year: int | None,
    *,
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
) -> Compiled:
    from baocao.atomic import make_dir
    from baocao.report.output import write_report

    if not draft:
        _refuse_placeholders(ws)
    # The file's name comes from the period and year, so it is known before the report is
    # built, and the report can name the spreadsheet beside it.
    period_window = window_for(ws.plan, period, year, start=start, end=end, plan_doc=ws.plan_doc)
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
    period: str = "6m",
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
) -> Compiled:
    """Validate the workspace and bring the period's report up to date.

    Writes the .docx, a summary .json beside it, and the .pdf when asked; files whose
    inputs did not change are left untouched. Holds the workspace against other runs
    (waiting up to ``wait`` seconds). A workspace with placeholders left makes no
    report (:class:`~baocao.errors.PlaceholderError`, nothing written) unless ``draft``:
    then the report is marked "DỰ THẢO" and its file name ends in "-du-thao".
    ``compare_with``: the summary of the same period of an earlier year, to compare with.
    Raises :class:`~baocao.errors.InputError`, :class:`~baocao.errors.OptionError`,
    :class:`~baocao.errors.TemplateError`, :class:`~baocao.errors.OutputError` or
    :class:`~baocao.errors.WorkspaceLockedError`; a failed run leaves earlier files intact.
    """
    from baocao.lock import workspace_lock

    root = find_root(workspace)
    with workspace_lock(root, wait):
        ws = load_workspace(root)
        return _compile_in(
            ws,
            period,
            year,
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


def compile_all(
    workspace: Path | None = None,
    *,
    template: Path | None = None,
    draft: bool = False,
    wait: float = 0.0,
    progress: Callable[[int, int, Compiled | None, BaocaoError | None], None] | None = None,
) -> list[Compiled]:
    """Every report the workspace configuration lists (``bao_cao``), under one lock.

    A report that fails does not stop the others; the errors are raised together at
    the end, after ``progress`` has been told of each report in turn. Placeholders
    left stop every report before any is made, unless ``draft``.
    """
    from baocao.lock import workspace_lock

    root = find_root(workspace)
    done: list[Compiled] = []
    failures: list[BaocaoError] = []
    with workspace_lock(root, wait):
        ws = load_workspace(root)
        if not draft:
            _refuse_placeholders(ws)
        jobs = ws.config.jobs
        if not jobs:
            raise InputError.one("E119", display_path(root / CONFIG_NAME))
        loaded: dict[tuple[str | None, str | None], Workspace] = {(None, None): ws}
        for index, job in enumerate(jobs, 1):
            try:
                key = (job.plan_file, job.logs_dir)
                if key not in loaded:
                    loaded[key] = load_workspace(root, job.plan_file, job.logs_dir)
                result = _compile_in(
                    loaded[key],
                    job.period,
                    job.year,
                    output=None,
                    template=template,
                    pdf=job.pdf,
                    report_date=None,
                    start=None,
                    end=None,
                    draft=draft,
                    file_name=job.output,
                    compare_with=root / job.compare_with if job.compare_with else None,
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


@dataclass
class UnitStatus:
    """Where one unit stands for a period."""

    code: str
    name: str
    status: str  # on_time | late | not_sent | not_due
    sent_on: date | None
    days_late: int | None
    activities: dict[str, int]  # task code -> activities in the window


@dataclass
class StatusReport:
    """Who has sent, who is late, who has not, for one period."""

    window: Window
    as_of: date
    units: list[UnitStatus]
    warnings: list[Problem] = field(default_factory=list)


def status(
    workspace: Path | None = None,
    period: str = "6m",
    year: int | None = None,
    *,
    as_of: date | None = None,
) -> StatusReport:
    """Every reporting unit's submission state for a period, as of a day (default today).

    A report received after ``as_of`` had not been sent on that day. Placeholders
    left in the plan or configuration do not stop it: status is a clerk's tool.
    """
    ws = load_workspace(find_root(workspace))
    window = window_for(ws.plan, period, year, plan_doc=ws.plan_doc)
    today = as_of or date.today()
    agg = aggregate(ws.plan, ws.logs, window, as_of=today)
    units = [
        UnitStatus(
            u.unit.code, u.unit.name, u.submission, u.sent_on, u.days_late, dict(u.activity_counts)
        )
        for u in agg.units
    ]
    return StatusReport(window, today, units, ws.warnings)

"""The library API behind the CLI: what scripts and tests call directly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baocao.core.models import parse_date as parse_date
from baocao.core.period import Period as Period
from baocao.core.window import Window, window_for
from baocao.errors import BaocaoError, InputError, Problem, display_path
from baocao.input.workspace import CONFIG_NAME, Workspace, find_root, load_workspace
from baocao.report.aggregate import Aggregate, aggregate

if TYPE_CHECKING:
    from baocao.input.filing import Filed as Filed
    from baocao.plan.build import HeaderOptions as HeaderOptions
    from baocao.plan.onboard import Imported as Imported
    from baocao.plan.onboard import SchemasWritten as SchemasWritten
    from baocao.plan.onboard import import_plan as import_plan
    from baocao.plan.onboard import init_workspace as init_workspace
    from baocao.plan.onboard import write_schemas as write_schemas

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


def validate(workspace: Path | None = None) -> Workspace:
    """Load and check every file of a workspace.

    Returns the validated workspace (its ``warnings`` may be non-empty); raises
    :class:`baocao.errors.InputError` with every problem found when any is an error.
    """
    return load_workspace(find_root(workspace))


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


def default_output(ws: Workspace, window: Window, name: str | None = None) -> Path:
    """<workspace>/<output folder>/bao-cao-6-thang-2021.docx and the like."""
    file_name = name or f"{window.period.slug}-{window.year}.docx"
    return ws.root / ws.config.output_dir / file_name


def build(
    ws: Workspace,
    period: Period | str,
    year: int | None = None,
    *,
    report_date: date | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[Window, Aggregate, date, dict[str, Any]]:
    """Window, figures, report date and template context for one period: no files touched.

    The report is dated its due date unless told otherwise, so a re-run gives the
    same document whatever day it runs.
    """
    from baocao.report.context import build_context

    window = window_for(ws.plan, period, year, start=start, end=end, plan_doc=ws.plan_doc)
    dated = report_date or window.due or window.end
    agg = aggregate(ws.plan, ws.logs, window, as_of=dated)
    narrative = ws.narratives.get((window.year, window.period))
    context = build_context(ws.plan, ws.config, agg, dated, narrative)
    return window, agg, dated, context


def _compile_in(
    ws: Workspace,
    period: Period | str,
    year: int | None,
    *,
    output: Path | None,
    template: Path | None,
    pdf: bool,
    report_date: date | None,
    start: date | None,
    end: date | None,
    file_name: str | None = None,
) -> Compiled:
    from baocao.atomic import make_dir
    from baocao.report.output import write_report

    window, agg, dated, context = build(
        ws, period, year, report_date=report_date, start=start, end=end
    )
    target = output or default_output(ws, window, file_name)
    if output is None:  # the workspace's own results folder is ours to create
        make_dir(target.parent)
    options = {
        "period": window.period,
        "year": window.year,
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "report_date": dated.isoformat(),
    }
    written = write_report(
        ws,
        agg,
        context,
        report_date=dated,
        docx=target,
        template=template,
        pdf=pdf,
        options=options,
    )
    return Compiled(
        target,
        window,
        agg,
        dated,
        context,
        written.pdf,
        written.summary,
        written.changed,
        ws.warnings,
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
    start: date | None = None,
    end: date | None = None,
    wait: float = 0.0,
) -> Compiled:
    """Validate the workspace and bring the period's report up to date.

    Writes the .docx, a summary .json beside it, and the .pdf when asked; files whose
    inputs did not change are left untouched. Holds the workspace against other runs
    (waiting up to ``wait`` seconds). Raises :class:`~baocao.errors.InputError`,
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
            start=start,
            end=end,
        )


def compile_all(
    workspace: Path | None = None,
    *,
    template: Path | None = None,
    wait: float = 0.0,
    progress: Callable[[int, int, Compiled | None, BaocaoError | None], None] | None = None,
) -> list[Compiled]:
    """Every report the workspace configuration lists (``bao_cao``), under one lock.

    A report that fails does not stop the others; the errors are raised together at
    the end, after ``progress`` has been told of each report in turn.
    """
    from baocao.lock import workspace_lock

    root = find_root(workspace)
    done: list[Compiled] = []
    failures: list[BaocaoError] = []
    with workspace_lock(root, wait):
        ws = load_workspace(root)
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
                    file_name=job.output,
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
        worst = max(failures, key=lambda e: e.exit_code)
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
    period: Period | str = Period.HALF_YEAR,
    year: int | None = None,
    *,
    as_of: date | None = None,
) -> StatusReport:
    """Every reporting unit's submission state for a period, as of a day (default today)."""
    ws = validate(workspace)
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


# --- units' submissions: forms out, submissions in --------------------------------------


def make_forms(
    workspace: Path | None = None,
    unit: str | None = None,
    *,
    output: Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the spreadsheet form of ``unit`` (None: of every unit), prefilled from its log.

    ``output`` is the file for one unit, the folder for all (default:
    ``<workspace>/bieu-mau/``); an existing file is written over only with ``force``.
    Returns the files written. Raises :class:`~baocao.errors.InputError` or
    :class:`~baocao.errors.OutputError`.
    """
    from baocao.plan.form_files import write_forms

    return write_forms(find_root(workspace), unit, output, force=force)


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
    from baocao.lock import workspace_lock

    root = find_root(workspace)
    options: dict[str, Any] = {
        "unit": unit,
        "received": sent_on or date.today(),
        "period": period,
        "check_only": check_only,
        "strict": strict,
    }
    if check_only:
        return file_submissions(root, files, **options)
    with workspace_lock(root, wait):
        return file_submissions(root, files, **options)

"""The library API behind the CLI: what scripts and tests call directly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from baocao.aggregate import Aggregate, aggregate
from baocao.errors import Problem
from baocao.onboard import Imported as Imported
from baocao.onboard import SchemasWritten as SchemasWritten
from baocao.onboard import import_plan as import_plan
from baocao.onboard import init_workspace as init_workspace
from baocao.onboard import write_schemas as write_schemas
from baocao.periods import Window, window_for
from baocao.workspace import Workspace, find_root, load_workspace

REPORT_NAMES = {
    "6m": "bao-cao-6-thang",
    "1y": "bao-cao-nam",
    "q1": "bao-cao-quy-1",
    "q2": "bao-cao-quy-2",
    "q3": "bao-cao-quy-3",
    "q4": "bao-cao-quy-4",
}


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
    warnings: list[Problem] = field(default_factory=list)


def default_output(ws: Workspace, window: Window) -> Path:
    """<workspace>/<output folder>/bao-cao-6-thang-2021.docx and the like."""
    return ws.root / ws.config.output_dir / f"{REPORT_NAMES[window.period]}-{window.year}.docx"


def _make_dir(folder: Path) -> None:
    from baocao.errors import OutputError
    from baocao.yamlio import display_path

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError.one(
            "E401", display_path(folder), detail=exc.strerror or str(exc)
        ) from None


def build(
    ws: Workspace,
    period: str,
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
    from baocao.report import build_context

    window = window_for(ws.plan, period, year, start=start, end=end, plan_doc=ws.plan_doc)
    dated = report_date or window.due or window.end
    agg = aggregate(ws.plan, ws.logs, window, as_of=dated)
    narrative = ws.narratives.get((window.year, window.period))
    context = build_context(ws.plan, ws.config, agg, dated, narrative)
    return window, agg, dated, context


def compile_report(
    workspace: Path | None = None,
    period: str = "6m",
    year: int | None = None,
    *,
    output: Path | None = None,
    template: Path | None = None,
    pdf: bool = False,
    report_date: date | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Compiled:
    """Validate the workspace and write the period's report (.docx, and .pdf if asked).

    Raises :class:`~baocao.errors.InputError` for invalid input, and
    :class:`~baocao.errors.TemplateError` / :class:`~baocao.errors.OutputError` when
    the report cannot be made; a failed run leaves any earlier report untouched.
    """
    from baocao.render import docx_to_pdf, render_report

    ws = validate(workspace)
    window, agg, dated, context = build(
        ws, period, year, report_date=report_date, start=start, end=end
    )
    target = output or default_output(ws, window)
    if output is None:  # the workspace's own results folder is ours to create
        _make_dir(target.parent)
    render_report(
        context,
        target,
        template,
        title=f"Báo cáo {context['trich_yeu']}",
        author=ws.plan.issuer_name or ws.plan.issuer,
        created=datetime.combine(dated, datetime.min.time()),
    )
    pdf_path = None
    if pdf:
        pdf_path = target.with_suffix(".pdf")
        docx_to_pdf(target, pdf_path)
    return Compiled(target, window, agg, dated, context, pdf_path, ws.warnings)


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

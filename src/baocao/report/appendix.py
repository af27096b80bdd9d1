"""The report's appendix (:class:`~baocao.report.contract.Appendix`): figures by unit,
and submissions.

An appendix stays readable while it lists every unit: up to :data:`APPENDIX_MAX_UNITS`
reporting units it holds, for each task, a table of every unit that reported, and a table
of every unit's submission. Beyond that the per-unit figures and submissions go to a
companion spreadsheet (:mod:`baocao.report.workbook`) beside the report, and the appendix
keeps, for each task, the units that did most, the others summed in one row, and the total.
"""

from __future__ import annotations

import heapq
from datetime import date

from baocao.core.models import Plan
from baocao.core.vietnamese import format_count2, format_number, short_date
from baocao.core.wording import DEFAULT_WORDS, UnitWords, join_items, tidy
from baocao.report.aggregate import Aggregate, Submission, TaskResult, TaskStatus, UnitResult
from baocao.report.compare import Comparison
from baocao.report.contract import (
    Appendix,
    SubmissionRow,
    Submissions,
    TaskTable,
    UnitRow,
)
from baocao.report.progress_text import NONE, UnitColumns, targets_table
from baocao.report.targets import Progress

APPENDIX_MAX_UNITS = 30
"""Most reporting units whose rows the appendix lists; beyond, a companion spreadsheet."""

TOP_UNITS = 10
"""Units listed by name in a task's table when the per-unit figures are in a spreadsheet."""

STATES = {
    Submission.ON_TIME: "Đúng hạn",
    Submission.LATE: "Chậm",
    Submission.NOT_SENT: "Chưa gửi",
    Submission.NOT_DUE: "Chưa gửi",
}
"""How a submission's state is written in the appendix and the spreadsheet (a report dated
on or before the due date still has units that have not sent: "not_due")."""


def needs_spreadsheet(plan: Plan) -> bool:
    """Whether the plan has too many units for per-unit tables in the appendix."""
    return len(plan.units) > APPENDIX_MAX_UNITS


def submission_text(unit: UnitResult) -> str:
    """ "Đúng hạn", "Chậm 07 ngày", "Chưa gửi", "Chưa đến hạn"."""
    if unit.submission is Submission.LATE:
        return f"Chậm {format_count2(unit.days_late or 0)} ngày"
    return STATES[unit.submission]


def _shown(agg: Aggregate, columns: UnitColumns) -> list[UnitResult]:
    """The units a task's table lists: those with activities, or a target of their own."""
    return [u for u in agg.units if columns.shows(u)]


def _row(number: str, unit: UnitResult, columns: UnitColumns) -> UnitRow:
    return UnitRow(stt=number, don_vi=unit.unit.name, so=columns.cells(unit))


def _all_rows(agg: Aggregate, columns: UnitColumns) -> list[UnitRow]:
    return [_row(str(n), u, columns) for n, u in enumerate(_shown(agg, columns), 1)]


def _others_row(units: list[UnitResult], columns: UnitColumns, words: UnitWords) -> UnitRow:
    """The units left out of the table, summed in one row: figures and targets add up,
    a share of a target does not."""
    task = columns.task
    cells = []
    for ind in task.counted:
        cells.append(format_number(sum(u.figures[task.code][ind.code] for u in units)))
        given = columns.given.get(ind.code)
        if given is not None:
            targets = (given[u.unit.code].target for u in units if u.unit.code in given)
            cells += [format_number(sum(targets)), NONE]
    name = f"Các {words.senders} khác ({format_count2(len(units))} {words.senders})"
    return UnitRow(stt="", don_vi=name, so=cells)


def _top_rows(agg: Aggregate, columns: UnitColumns, words: UnitWords) -> list[UnitRow]:
    """The units with most activities, then the rest summed in one row."""
    code = columns.task.code
    units = _shown(agg, columns)
    order = {id(u): i for i, u in enumerate(units)}
    top = heapq.nsmallest(TOP_UNITS, units, key=lambda u: (-u.activity_counts[code], order[id(u)]))
    top.sort(key=lambda u: order[id(u)])
    rows = [_row(str(n), u, columns) for n, u in enumerate(top, 1)]
    shown = {id(u) for u in top}
    rest = [u for u in units if id(u) not in shown]
    if rest:
        rows.append(_others_row(rest, columns, words))
    return rows


def _table_note(result: TaskResult, rows: int, spreadsheet: str | None, words: UnitWords) -> str:
    task = result.task
    if result.status is TaskStatus.NOT_DUE:
        return (
            f"Nhiệm vụ thực hiện trong {tidy(task.time_frame)}, chưa đến thời gian triển khai "
            "trong kỳ báo cáo."
        )
    if not rows:
        return f"Trong kỳ chưa có {words.actors} nào báo cáo kết quả thực hiện nhiệm vụ."
    if spreadsheet and len(result.units) > TOP_UNITS:
        return (
            f"Các {words.senders} thực hiện nhiều hoạt động nhất ({TOP_UNITS}/"
            f"{format_number(len(result.units))} {words.senders} có kết quả); số liệu của từng "
            f"{words.senders} tại tệp {spreadsheet}."
        )
    return ""


def task_tables(
    agg: Aggregate,
    spreadsheet: str | None,
    progress: Progress | None = None,
    words: UnitWords = DEFAULT_WORDS,
) -> list[TaskTable]:
    """One table per task: its full title, columns (with a unit's own target and its share
    when the plan gives units targets), rows, total, and a note when it has no rows (not
    yet due, nothing reported) or lists only the units that did most."""
    tables = []
    for number, result in enumerate(agg.tasks, 1):
        task = result.task
        columns = UnitColumns(task, progress.task(task.code) if progress else None)
        due = result.status is not TaskStatus.NOT_DUE
        if not due:
            rows = []
        elif spreadsheet:
            rows = _top_rows(agg, columns, words)
        else:
            rows = _all_rows(agg, columns)
        tables.append(
            TaskTable(
                so=number,
                ma=task.code,
                ten=tidy(task.title),
                cot=columns.headings(),
                dong=rows,
                tong=columns.totals(result.totals),
                ghi_chu=_table_note(result, len(rows), spreadsheet, words),
            )
        )
    return tables


def submissions(
    agg: Aggregate, spreadsheet: str | None, words: UnitWords = DEFAULT_WORDS
) -> Submissions:
    """Who sent when: a summary sentence, and a row per unit unless they are in a spreadsheet."""
    states = [u.submission for u in agg.units]
    counts = {
        "gửi đúng hạn": states.count(Submission.ON_TIME),
        "gửi chậm": states.count(Submission.LATE),
        "chưa gửi": states.count(Submission.NOT_SENT) + states.count(Submission.NOT_DUE),
    }
    unit = words.senders
    parts = [f"{format_count2(n)} {unit} {state}" for state, n in counts.items() if n]
    due = f" (thời hạn {short_date(agg.window.due)})" if agg.window.due else ""
    summary = f"Tổng số {format_count2(len(states))} {unit}{due}: {join_items(parts)}."
    if spreadsheet:
        summary += f" Ngày gửi của từng {unit} tại tệp {spreadsheet}."
    rows = (
        []
        if spreadsheet
        else [
            SubmissionRow(
                stt=str(number),
                don_vi=unit.unit.name,
                ngay_gui=short_date(unit.sent_on) if unit.sent_on else "",
                tinh_trang=submission_text(unit),
            )
            for number, unit in enumerate(agg.units, 1)
        ]
    )
    return Submissions(tom_tat=summary, dong=rows)


def appendix(
    plan: Plan,
    agg: Aggregate,
    report_date: date,
    issuer: str,
    spreadsheet: str | None,
    progress: Progress | None = None,
    comparison: Comparison | None = None,
    words: UnitWords = DEFAULT_WORDS,
) -> Appendix:
    """The appendix's context: heading, the note saying which report it goes with, the
    results against targets (and the earlier year), the task tables, the submissions, and
    where the per-unit figures are when not here."""
    units = len(agg.units)
    where = (
        f"Số liệu chi tiết của từng {words.senders} ({format_count2(units)} {words.senders}) tại tệp "
        f"{spreadsheet} gửi kèm Báo cáo."
        if spreadsheet
        else ""
    )
    silent = (Submission.NOT_SENT, Submission.NOT_DUE)
    return Appendix(
        tieu_de=f"SỐ LIỆU KẾT QUẢ THỰC HIỆN {agg.window.name.upper()}",
        phu_de=(
            f"(Kèm theo Báo cáo số      /BC-{plan.issuer_abbr} ngày {short_date(report_date)} "
            f"của {issuer})"
        ),
        ghi_chu=where,
        tep_so_lieu=spreadsheet or "",
        chi_tieu=targets_table(progress, comparison) if progress else None,
        bang=task_tables(agg, spreadsheet, progress, words),
        nop=submissions(agg, spreadsheet, words),
        # Templates made before the submissions table list the units that have not sent.
        chua_bao_cao=[u.unit.name for u in agg.units if u.submission in silent],
    )

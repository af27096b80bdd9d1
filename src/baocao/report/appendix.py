"""The report's appendix (plain data for the template): figures by unit, and submissions.

An appendix stays readable while it lists every unit: up to :data:`APPENDIX_MAX_UNITS`
reporting units it holds, for each task, a table of every unit that reported, and a table
of every unit's submission. Beyond that the per-unit figures and submissions go to a
companion spreadsheet (:mod:`baocao.report.workbook`) beside the report, and the appendix
keeps, for each task, the units that did most, the others summed in one row, and the total.
"""

from __future__ import annotations

import heapq
from datetime import date
from typing import Any

from baocao.core.models import Plan, Task
from baocao.core.vietnamese import format_count2, format_number, short_date
from baocao.core.wording import join_items, tidy
from baocao.report.aggregate import Aggregate, TaskResult, UnitResult

APPENDIX_MAX_UNITS = 30
"""Most reporting units whose rows the appendix lists; beyond, a companion spreadsheet."""

TOP_UNITS = 10
"""Units listed by name in a task's table when the per-unit figures are in a spreadsheet."""

STATES = {"on_time": "Đúng hạn", "late": "Chậm", "not_sent": "Chưa gửi", "not_due": "Chưa gửi"}
"""How a submission's state is written in the appendix and the spreadsheet (a report dated
on or before the due date still has units that have not sent: "not_due")."""


def needs_spreadsheet(plan: Plan) -> bool:
    """Whether the plan has too many units for per-unit tables in the appendix."""
    return len(plan.units) > APPENDIX_MAX_UNITS


def submission_text(unit: UnitResult) -> str:
    """ "Đúng hạn", "Chậm 07 ngày", "Chưa gửi", "Chưa đến hạn"."""
    if unit.submission == "late":
        return f"Chậm {format_count2(unit.days_late or 0)} ngày"
    return STATES[unit.submission]


def _column(label: str, unit_of_measure: str) -> str:
    return f"{label[:1].upper()}{label[1:]} ({unit_of_measure})"


def _row(number: str, name: str, task: Task, figures: dict[str, int]) -> dict[str, Any]:
    return {
        "stt": number,
        "don_vi": name,
        "so": [format_number(figures.get(ind.code, 0)) for ind in task.indicators],
    }


def _contributors(agg: Aggregate, task: Task) -> list[UnitResult]:
    return [u for u in agg.units if u.activity_counts.get(task.code)]


def _all_rows(agg: Aggregate, task: Task) -> list[dict[str, Any]]:
    units = _contributors(agg, task)
    return [_row(str(n), u.unit.name, task, u.figures[task.code]) for n, u in enumerate(units, 1)]


def _top_rows(agg: Aggregate, task: Task) -> list[dict[str, Any]]:
    """The units with most activities, then the rest summed in one row."""
    units = _contributors(agg, task)
    order = {id(u): i for i, u in enumerate(units)}
    top = heapq.nsmallest(
        TOP_UNITS, units, key=lambda u: (-u.activity_counts[task.code], order[id(u)])
    )
    top.sort(key=lambda u: order[id(u)])
    rows = [_row(str(n), u.unit.name, task, u.figures[task.code]) for n, u in enumerate(top, 1)]
    shown = {id(u) for u in top}
    rest = [u for u in units if id(u) not in shown]
    if rest:
        sums = {
            ind.code: sum(u.figures[task.code][ind.code] for u in rest) for ind in task.indicators
        }
        rows.append(_row("", f"Các đơn vị khác ({format_count2(len(rest))} đơn vị)", task, sums))
    return rows


def _table_note(result: TaskResult, rows: int, spreadsheet: str | None) -> str:
    task = result.task
    if result.status == "not_due":
        return (
            f"Nhiệm vụ thực hiện trong {tidy(task.time_frame)}, chưa đến thời gian triển khai "
            "trong kỳ báo cáo."
        )
    if not rows:
        return "Trong kỳ chưa có cơ quan, đơn vị nào báo cáo kết quả thực hiện nhiệm vụ."
    if spreadsheet and len(result.units) > TOP_UNITS:
        return (
            f"Các đơn vị thực hiện nhiều hoạt động nhất ({TOP_UNITS}/"
            f"{format_number(len(result.units))} đơn vị có kết quả); số liệu của từng đơn vị "
            f"tại tệp {spreadsheet}."
        )
    return ""


def task_tables(agg: Aggregate, spreadsheet: str | None) -> list[dict[str, Any]]:
    """One table per task: its full title, columns, rows, total, and a note when it has no
    rows (not yet due, nothing reported) or lists only the units that did most."""
    tables = []
    for number, result in enumerate(agg.tasks, 1):
        task = result.task
        due = result.status != "not_due"
        rows = (_top_rows if spreadsheet else _all_rows)(agg, task) if due else []
        tables.append(
            {
                "so": number,
                "ma": task.code,
                "ten": tidy(task.title),
                "cot": [_column(ind.label, ind.unit_of_measure) for ind in task.indicators],
                "dong": rows,
                "tong": [format_number(result.totals[ind.code]) for ind in task.indicators],
                "ghi_chu": _table_note(result, len(rows), spreadsheet),
            }
        )
    return tables


def submissions(agg: Aggregate, spreadsheet: str | None) -> dict[str, Any]:
    """Who sent when: a summary sentence, and a row per unit unless they are in a spreadsheet."""
    states = [u.submission for u in agg.units]
    counts = {
        "gửi đúng hạn": states.count("on_time"),
        "gửi chậm": states.count("late"),
        "chưa gửi": states.count("not_sent") + states.count("not_due"),
    }
    parts = [f"{format_count2(n)} đơn vị {words}" for words, n in counts.items() if n]
    due = f" (thời hạn {short_date(agg.window.due)})" if agg.window.due else ""
    summary = f"Tổng số {format_count2(len(states))} đơn vị{due}: {join_items(parts)}."
    if spreadsheet:
        summary += f" Ngày gửi của từng đơn vị tại tệp {spreadsheet}."
    rows = (
        []
        if spreadsheet
        else [
            {
                "stt": str(number),
                "don_vi": unit.unit.name,
                "ngay_gui": short_date(unit.sent_on) if unit.sent_on else "",
                "tinh_trang": submission_text(unit),
            }
            for number, unit in enumerate(agg.units, 1)
        ]
    )
    return {"tom_tat": summary, "dong": rows}


def appendix(
    plan: Plan, agg: Aggregate, report_date: date, issuer: str, spreadsheet: str | None
) -> dict[str, Any]:
    """The appendix's context: heading, the note saying which report it goes with, the
    task tables, the submissions, and where the per-unit figures are when not here."""
    units = len(agg.units)
    where = (
        f"Số liệu chi tiết của từng đơn vị ({format_count2(units)} đơn vị) tại tệp "
        f"{spreadsheet} gửi kèm Báo cáo."
        if spreadsheet
        else ""
    )
    return {
        "tieu_de": f"SỐ LIỆU KẾT QUẢ THỰC HIỆN {agg.window.name.upper()}",
        "phu_de": (
            f"(Kèm theo Báo cáo số      /BC-{plan.issuer_abbr} ngày {short_date(report_date)} "
            f"của {issuer})"
        ),
        "ghi_chu": where,
        "tep_so_lieu": spreadsheet or "",
        "bang": task_tables(agg, spreadsheet),
        "nop": submissions(agg, spreadsheet),
        # Templates made before the submissions table list the units that have not sent.
        "chua_bao_cao": [u.unit.name for u in agg.units if u.submission in ("not_sent", "not_due")],
    }

"""The report's words and table cells for targets and the earlier-year comparison.

Pure functions from :mod:`baocao.report.targets` and :mod:`baocao.report.compare` to
sentences and cells; :mod:`baocao.report.context` places them. Counts are written by
:func:`~baocao.core.vietnamese.format_number`, percentages by
:func:`~baocao.core.vietnamese.format_percent` (one decimal, rounded toward zero).
"""

from __future__ import annotations

from baocao.core.models import Indicator, Task
from baocao.core.vietnamese import (
    format_count2,
    format_number,
    format_percent,
    percent_text,
    short_date,
)
from baocao.core.wording import DEFAULT_WORDS, UnitWords, in_sentence, named_or_counted, tidy
from baocao.report.aggregate import TaskStatus, UnitResult
from baocao.report.compare import Change, Comparison
from baocao.report.contract import TargetRow, TargetsTable
from baocao.report.targets import (
    IndicatorProgress,
    Number,
    Progress,
    TaskProgress,
    UnitTarget,
    Value,
)

NONE = "-"
"""A table cell with nothing to show: no target, not applicable."""

OUTCOME_WORDS = {
    "exceeded": "hoàn thành vượt chỉ tiêu",
    "completed": "hoàn thành",
    "not_met": "chưa đạt chỉ tiêu",
}


def _count(value: Value | Number) -> str:
    """A count in running text as the rest of the report writes it ("08", "128"); a
    fractional target (3,5 km) as a number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return format_count2(value)
    return format_number(value)


def _figure(value: Value | Number, ind: Indicator) -> str:
    """A value with its unit: "100 buổi"; a ratio's: "75%"."""
    if ind.is_ratio:
        return format_percent(value)
    return f"{_count(value)} {ind.unit_of_measure}"


def _cell(value: Value | Number | None, ind: Indicator) -> str:
    if value is None:
        return NONE
    return percent_text(value) if ind.is_ratio else format_number(value)


def measured(ind: Indicator) -> str:
    """The indicator as a quantity that rises or falls: "số buổi tuyên truyền", "tỷ lệ …"."""
    label = ind.label
    if label.lower().startswith(("tỷ lệ", "tỉ lệ", "số ")):
        return label
    return f"số {label}"


# --- against targets -----------------------------------------------------------------


def _target_clause(item: IndicatorProgress) -> str:
    ind, target = item.indicator, item.target
    assert target is not None
    if ind.is_ratio:
        ratio = item.ratio
        if ind.method is None:
            return f"{ind.label}: Kế hoạch chưa xác định cách tính (chỉ tiêu năm {_figure(target, ind)})"
        if item.to_date is None:
            return f"{ind.label}: chưa có số liệu để tính (chỉ tiêu năm {_figure(target, ind)})"
        parts = (
            f" ({format_number(ratio.part)}/{format_number(ratio.whole)} {ratio.counted_in})"
            if ratio
            else ""
        )
        return (
            f"{ind.label} đạt {format_percent(item.to_date)}{parts}, "
            f"chỉ tiêu năm {_figure(target, ind)}"
        )
    if not item.to_date:
        return f"chưa có {ind.label} (chỉ tiêu năm {_figure(target, ind)})"
    done = f"{_count(item.to_date)} {ind.label}"
    if item.share is None:  # a target of 0
        return f"{done} (chỉ tiêu năm {_figure(target, ind)})"
    return f"{done}, đạt {format_percent(item.share)} chỉ tiêu năm ({_figure(target, ind)})"


def target_sentence(item: TaskProgress, progress: Progress) -> str | None:
    """ "So với chỉ tiêu năm của Kế hoạch: 128 buổi tuyên truyền, đạt 128% chỉ tiêu năm
    (100 buổi); …" — what has been done so far against the year's targets."""
    if item.result.status is TaskStatus.NOT_DUE:
        return None
    clauses = [_target_clause(p) for p in item.indicators if p.target is not None]
    if not clauses:
        return None
    lead = "So với chỉ tiêu Kế hoạch đề ra"
    if progress.cumulative:
        lead = (
            f"Lũy kế từ ngày {short_date(progress.since)} đến ngày "
            f"{short_date(progress.window.end)}, so với chỉ tiêu Kế hoạch đề ra"
        )
    return f"{lead}: {'; '.join(clauses)}."


def unit_target_sentence(item: TaskProgress, words: UnitWords = DEFAULT_WORDS) -> str | None:
    """How many units given their own target have reached it (and, once the task's time
    frame is over, which have not); units are called as the plan calls them."""
    unit = words.senders
    ended = item.outcome is not None
    clauses = []
    for p in item.indicators:
        if not p.units:
            continue
        met, given = [u for u in p.units if u.met], format_number(len(p.units))
        reached = "đạt" if ended else "đã đạt"
        clause = (
            f"{format_number(len(met))}/{given} {unit} {reached} chỉ tiêu {p.indicator.label} "
            "được giao"
            if met
            else f"chưa có {unit} nào đạt chỉ tiêu {p.indicator.label} được giao "
            f"({given} {unit} được giao)"
        )
        missed = [u.unit.name for u in p.units if not u.met]
        if ended and missed:
            clause += f" (chưa đạt: {named_or_counted(missed)})"
        clauses.append(clause)
    if not clauses:
        return None
    return f"Về chỉ tiêu giao cho từng {unit}: {'; '.join(clauses)}."


def outcome_sentence(item: TaskProgress) -> str | None:
    """The task's status at the end of its time frame, against its targets."""
    frame = item.task.time_frame
    if item.outcome == "not_met":
        missed = [p for p in item.indicators if p.target is not None and not p.met]
        detail = "; ".join(_missed_clause(p) for p in missed)
        return (
            f"Nhiệm vụ đã hết thời gian thực hiện theo Kế hoạch ({frame}) nhưng "
            f"{OUTCOME_WORDS['not_met']}: {detail}."
        )
    if item.outcome is not None:
        return f"Nhiệm vụ {OUTCOME_WORDS[item.outcome]} theo thời gian của Kế hoạch ({frame})."
    return None


def _missed_clause(p: IndicatorProgress) -> str:
    ind = p.indicator
    if ind.is_ratio or p.share is None:
        reached = NONE if p.to_date is None else _figure(p.to_date, ind)
        return f"{ind.label} {reached}, chỉ tiêu {_figure(p.target or 0, ind)}"
    return f"{ind.label} đạt {format_percent(p.share)} chỉ tiêu ({_figure(p.target or 0, ind)})"


def target_shortcomings(progress: Progress) -> list[str]:
    """Tasks whose time frame is over without their targets met (section III)."""
    return [
        f"Nhiệm vụ {in_sentence(tidy(t.task.short))} chưa đạt chỉ tiêu: "
        + "; ".join(_missed_clause(p) for p in t.indicators if p.target is not None and not p.met)
        + "."
        for t in progress.tasks
        if t.outcome == "not_met"
    ]


# --- against the earlier year --------------------------------------------------------


def _change_clause(ind: Indicator, now: Value, change: Change, year: int) -> str:
    what = measured(ind)
    if change.kind == "new":
        return f"{ind.label} là chỉ tiêu mới, cùng kỳ năm {year} chưa theo dõi"
    assert change.earlier is not None
    after = _figure(now, ind)
    if change.kind == "same":
        return f"{what} bằng cùng kỳ ({after})"
    verb, direction = ("tăng", "lên") if change.kind == "up" else ("giảm", "xuống")
    span = f"từ {_bare(change.earlier, ind)} {direction} {after}"
    if change.amount is None:  # from 0: no percent of nothing
        return f"{what} {verb} {span}"
    amount = abs(change.amount)
    if ind.is_ratio:
        return f"{what} {verb} {percent_text(amount)} điểm phần trăm ({span})"
    if amount == 0:
        return f"{what} {verb} không đáng kể ({span})"
    return f"{what} {verb} {format_percent(amount)} ({span})"


def _bare(value: Value, ind: Indicator) -> str:
    """The earlier value in a "từ … lên …" span: its unit is said once, after the new one."""
    return format_percent(value) if ind.is_ratio else _count(value)


def comparison_sentence(item: TaskProgress, comparison: Comparison) -> str | None:
    """ "So với cùng kỳ năm 2020, số buổi tuyên truyền tăng 13,2% (từ 68 lên 77 buổi); …"."""
    code, year = item.task.code, comparison.year
    if item.result.status is TaskStatus.NOT_DUE:
        return None
    if code in comparison.new_tasks:
        return f"Nhiệm vụ mới, không có trong báo cáo cùng kỳ năm {year}."
    clauses = []
    for p in item.indicators:
        change = comparison.change(code, p.indicator.code)
        if change is not None and p.value is not None:
            clauses.append(_change_clause(p.indicator, p.value, change, year))
    if not clauses:
        return None
    return f"So với cùng kỳ năm {year}, {'; '.join(clauses)}."


def change_cell(change: Change | None, ind: Indicator) -> str:
    """ "tăng 13,2%", "giảm 3,5%", "bằng", "mới"; a ratio's in points: "tăng 8,3 điểm %"."""
    if change is None:
        return NONE
    if change.kind == "new":
        return "mới"
    if change.kind == "same":
        return "bằng"
    verb = "tăng" if change.kind == "up" else "giảm"
    if change.amount is None:
        return verb
    amount = abs(change.amount)
    return (
        f"{verb} {percent_text(amount)} điểm %"
        if ind.is_ratio
        else f"{verb} {percent_text(amount)}%"
    )


# --- appendix tables -----------------------------------------------------------------


def _heading(ind: Indicator) -> str:
    return f"{ind.label[:1].upper()}{ind.label[1:]} ({ind.unit_of_measure})"


def targets_table(progress: Progress, comparison: Comparison | None) -> TargetsTable | None:
    """The appendix table Chỉ tiêu / Thực hiện / Tỷ lệ (and the earlier year), one row per
    task and per indicator; None when there is neither a target nor a comparison."""
    tasks = [t for t in progress.tasks if t.has_targets or comparison is not None]
    if not tasks:
        return None
    targets = progress.has_targets
    columns = ["Chỉ tiêu năm"] if targets else []
    columns += ["Thực hiện trong kỳ", "Lũy kế từ đầu năm"] if progress.cumulative else ["Thực hiện"]
    columns += ["Tỷ lệ đạt (%)"] if targets else []
    if comparison is not None:
        columns += [f"Cùng kỳ năm {comparison.year}", "So với cùng kỳ"]
    rows = []
    for number, item in enumerate(tasks, 1):
        name = item.task.short_name or item.task.title
        rows.append(TargetRow(stt=str(number), noi_dung=name, so=[""] * len(columns)))
        for p in item.indicators:
            cells = _target_cells(p, progress.cumulative) if targets else []
            if not targets:
                cells = [_cell(p.value, p.indicator)]
                if progress.cumulative:
                    cells.append(_cell(p.to_date, p.indicator))
            if comparison is not None:
                change = comparison.change(item.task.code, p.indicator.code)
                earlier = change.earlier if change is not None else None
                cells += [_cell(earlier, p.indicator), change_cell(change, p.indicator)]
            rows.append(TargetRow(stt="", noi_dung=f"- {_heading(p.indicator)}", so=cells))
    return TargetsTable(cot=columns, dong=rows)


def _target_cells(p: IndicatorProgress, cumulative: bool) -> list[str]:
    ind = p.indicator
    cells = [_cell(p.target, ind), _cell(p.value, ind)]
    if cumulative:
        cells.append(_cell(p.to_date, ind))
    cells.append(NONE if p.share is None else percent_text(p.share))
    return cells


class UnitColumns:
    """The per-unit table of one task, with a target and a share column after each
    indicator that gives units their own targets."""

    def __init__(self, task: Task, item: TaskProgress | None) -> None:
        self.task = task
        # indicator code -> unit code -> its target: looked up once per cell, so a table
        # of thousands of units stays linear
        self.given: dict[str, dict[str, UnitTarget]] = {
            p.indicator.code: {u.unit.code: u for u in p.units}
            for p in (item.indicators if item else ())
            if p.units
        }

    def headings(self) -> list[str]:
        out = []
        for ind in self.task.counted:
            out.append(_heading(ind))
            if ind.code in self.given:
                out += [f"Chỉ tiêu giao ({ind.unit_of_measure})", "Tỷ lệ đạt (%)"]
        return out

    def shows(self, unit: UnitResult) -> bool:
        """A unit with activities in the window, or with a target of its own."""
        if unit.activity_counts.get(self.task.code):
            return True
        return any(unit.unit.code in units for units in self.given.values())

    def cells(self, unit: UnitResult) -> list[str]:
        figures = unit.figures[self.task.code]
        out = []
        for ind in self.task.counted:
            out.append(format_number(figures[ind.code]))
            if ind.code in self.given:
                own = self.given[ind.code].get(unit.unit.code)
                out.append(NONE if own is None else format_number(own.target))
                share = own.share if own is not None else None
                out.append(NONE if share is None else percent_text(share))
        return out

    def totals(self, totals: dict[str, int]) -> list[str]:
        out = []
        for ind in self.task.counted:
            out.append(format_number(totals[ind.code]))
            if ind.code in self.given:
                given = sum(u.target for u in self.given[ind.code].values())
                out += [format_number(given), NONE]
        return out

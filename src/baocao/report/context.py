"""The report's words: turning an aggregate into the template's context (plain data).

Everything here is pure: the same workspace, window and date give the same context.
Numbers and dates are formatted the Vietnamese way here, once, so a template only
places text.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import date
from typing import Any

from baocao.core.models import Narrative, Plan, Task, WorkspaceConfig
from baocao.core.vietnamese import format_number, header_date, short_date
from baocao.report import progress_text
from baocao.report.addressing import classify, office_step, recommendations, requests
from baocao.report.aggregate import Aggregate, Note, TaskResult, UnitActivity
from baocao.report.compare import Comparison
from baocao.report.targets import Progress

NOTABLE_PER_TASK = 3
"""How many activities of a task the report tells in words; the rest are in the appendix."""

NOTHING = "Không có."


def subject(plan: Plan, agg: Aggregate) -> str:
    """The line under "BÁO CÁO": what the report is about and which period."""
    title = plan.title
    suffix = f" năm {plan.year}"
    if title.endswith(suffix):  # "…năm 2021 6 tháng đầu năm 2021" would say the year twice
        title = title[: -len(suffix)]
    return f"Kết quả thực hiện Kế hoạch {title} {agg.window.name}"


def issuer_name(plan: Plan) -> str:
    """The issuing body as named in running text: "Phòng Tư pháp"."""
    return plan.issuer_name or plan.issuer.capitalize()


def issued_on(plan: Plan) -> str:
    """The plan's date, "10/03/2021", or its placeholder while a draft leaves it unfilled."""
    return plan.issued_on if isinstance(plan.issued_on, str) else short_date(plan.issued_on)


DRAFT_MARK = "DỰ THẢO"
_UNSIGNED = {"chuc_vu": "[CHỨC VỤ NGƯỜI KÝ]", "ho_ten": "[Họ và tên]"}


def _signer(config: WorkspaceConfig) -> dict[str, str]:
    """The signer; what is missing shows as a placeholder (only a draft gets this far)."""
    given = {"chuc_vu": config.signer.title, "ho_ten": config.signer.name}
    return {
        "quyen_han": config.signer.authority,
        **{key: value or _UNSIGNED[key] for key, value in given.items()},
    }


def figures_text(task: Task, totals: dict[str, int], *, keep_zero: bool = False) -> str:
    """ "77 buổi tuyên truyền, 10.096 lượt người tham dự"."""
    parts = [
        f"{format_number(totals.get(ind.code, 0))} {ind.label}"
        for ind in task.counted
        if keep_zero or totals.get(ind.code, 0)
    ]
    return ", ".join(parts)


def _activity_line(task: Task, ua: UnitActivity) -> str:
    act = ua.activity
    text = act.text.rstrip(" .;")
    figures = figures_text(task, dict(act.figures))
    tail = f" ({figures})" if figures else ""
    return f"- Ngày {short_date(act.day)}, {ua.unit.name}: {text}{tail}."


def _notable(result: TaskResult) -> list[UnitActivity]:
    """The activities that weigh most (by their figures), told in date order."""
    # nsmallest is sorted(...)[:n] without sorting every activity of a national report.
    ranked = heapq.nsmallest(
        NOTABLE_PER_TASK,
        result.activities,
        key=lambda ua: (-sum(ua.activity.figures.values()), ua.activity.day),
    )
    return sorted(ranked, key=lambda ua: ua.activity.day)


def task_paragraphs(
    result: TaskResult, measures: Sequence[str] = (), closing: str | None = None
) -> list[str]:
    """Section II's paragraphs for one task, in full sentences.

    ``measures``: the sentences against targets and the earlier year; ``closing``: the
    task's status against its targets at the end of its time frame.
    """
    task = result.task
    if result.status == "not_due":
        return [
            f"Nhiệm vụ có thời gian thực hiện {task.time_frame}, chưa đến thời hạn "
            "triển khai trong kỳ báo cáo."
        ]
    if result.status == "not_done":
        return [
            "Trong kỳ, chưa có cơ quan, đơn vị nào báo cáo kết quả thực hiện nhiệm vụ này "
            f"(thời gian thực hiện: {task.time_frame}).",
            *measures,
            *([closing] if closing else []),
        ]
    count = len(result.activities)
    figures = figures_text(task, result.totals)
    opening = (
        f"Trong kỳ, {format_number(len(result.units))} cơ quan, đơn vị đã thực hiện "
        f"{format_number(count)} hoạt động"
    )
    paragraphs = [f"{opening}, kết quả: {figures}." if figures else f"{opening}."]
    paragraphs.extend(measures)
    paragraphs.append("Đơn vị thực hiện: " + ", ".join(u.name for u in result.units) + ".")
    notable = _notable(result)
    if notable:
        paragraphs.append("Một số hoạt động tiêu biểu:")
        paragraphs.extend(_activity_line(task, ua) for ua in notable)
    if closing:
        paragraphs.append(closing)
    elif result.status == "done":
        paragraphs.append(
            f"Nhiệm vụ đã hoàn thành theo thời gian của Kế hoạch ({task.time_frame})."
        )
    else:
        paragraphs.append(
            f"Nhiệm vụ đang tiếp tục được thực hiện theo Kế hoạch ({task.time_frame})."
        )
    return paragraphs


def _names(units: Sequence[Any]) -> str:
    return ", ".join(u.unit.name for u in units)


def _unreported(agg: Aggregate) -> list[Any]:
    return [u for u in agg.units if u.submission in ("not_sent", "not_due")]


def strengths(plan: Plan, agg: Aggregate) -> list[str]:
    due = [t for t in agg.tasks if t.status != "not_due"]
    active = [t for t in due if t.status in ("done", "in_progress")]
    activities = sum(len(t.activities) for t in agg.tasks)
    on_time = [u for u in agg.units if u.submission == "on_time"]
    return [
        f"Các cơ quan, đơn vị đã triển khai {format_number(len(active))}/{format_number(len(due))} "
        f"nhiệm vụ đến hạn của Kế hoạch với {format_number(activities)} hoạt động; "
        f"{format_number(len(on_time))}/{format_number(len(agg.units))} đơn vị gửi báo cáo đúng hạn."
    ]


def shortcomings(agg: Aggregate) -> list[str]:
    """Facts the figures show (tasks not done, units silent or late) and units' difficulties."""
    lines = [
        f"Chưa có kết quả thực hiện nhiệm vụ “{t.task.title}” "
        f"dù đã đến thời gian thực hiện ({t.task.time_frame})."
        for t in agg.tasks
        if t.status == "not_done"
    ]
    silent = _unreported(agg)
    if silent:
        lines.append(f"Còn {format_number(len(silent))} đơn vị chưa gửi báo cáo: {_names(silent)}.")
    late = [u for u in agg.units if u.submission == "late"]
    if late:
        detail = ", ".join(f"{u.unit.name} (chậm {u.days_late} ngày)" for u in late)
        due = short_date(agg.window.due) if agg.window.due else ""
        lines.append(
            f"{format_number(len(late))} đơn vị gửi báo cáo chậm so với thời hạn {due}: {detail}."
        )
    if agg.difficulties:
        lines.append("Khó khăn, vướng mắc do các cơ quan, đơn vị phản ánh:")
        lines.extend(_note_lines(agg.difficulties))
    return lines


def _note_lines(notes: Sequence[Note]) -> list[str]:
    return [f"- {n.text.rstrip(' .;')} ({', '.join(n.units)})." for n in notes]


def next_steps(agg: Aggregate) -> list[str]:
    """Tasks whose time frame runs past the window, to continue or to start."""
    lines = []
    for result in agg.tasks:
        task = result.task
        if task.end <= agg.window.end:
            continue
        verb = "Triển khai" if result.status in ("not_due", "not_done") else "Tiếp tục thực hiện"
        lines.append(f"{verb} nhiệm vụ “{task.title}” (thời gian thực hiện: {task.time_frame}).")
    return lines


def _recipients(config: WorkspaceConfig, plan: Plan) -> list[str]:
    """Recipients one per line ending ";", the last "Lưu: VT, <unit>." ending "."."""
    items = [r.strip().rstrip(";.").strip() for r in config.recipients]
    if not any(item.startswith("Lưu") for item in items):
        items.append(f"Lưu: VT, {plan.issuer_abbr}")
    return [f"{item};" for item in items[:-1]] + [f"{items[-1]}."]


def appendix(
    plan: Plan,
    agg: Aggregate,
    progress: Progress | None = None,
    comparison: Comparison | None = None,
) -> dict[str, Any]:
    tables = []
    for number, result in enumerate(agg.tasks, 1):
        task = result.task
        columns = progress_text.UnitColumns(task, progress.task(task.code) if progress else None)
        rows: list[dict[str, Any]] = []
        for unit_result in agg.units:
            if not columns.shows(unit_result):
                continue
            rows.append(
                {
                    "stt": str(len(rows) + 1),
                    "don_vi": unit_result.unit.name,
                    "so": columns.cells(unit_result),
                }
            )
        tables.append(
            {
                "so": number,
                "ten": task.title,
                "cot": columns.headings(),
                "dong": rows,
                "tong": columns.totals(result.totals),
            }
        )
    return {
        "tieu_de": f"SỐ LIỆU KẾT QUẢ THỰC HIỆN {agg.window.name.upper()}",
        "phu_de": f"(Kèm theo Báo cáo số      /BC-{plan.issuer_abbr} của {issuer_name(plan)})",
        "chi_tieu": progress_text.targets_table(progress, comparison) if progress else None,
        "bang": tables,
        "chua_bao_cao": [u.unit.name for u in _unreported(agg)],
    }


def _measures(
    result: TaskResult, progress: Progress | None, comparison: Comparison | None
) -> tuple[list[str], str | None]:
    """One task's sentences against targets and the earlier year, and its closing status."""
    if progress is None:
        return [], None
    item = progress.task(result.task.code)
    sentences = [
        progress_text.target_sentence(item, progress),
        progress_text.unit_target_sentence(item),
        progress_text.comparison_sentence(item, comparison) if comparison else None,
    ]
    return [s for s in sentences if s], progress_text.outcome_sentence(item)


def build_context(
    plan: Plan,
    config: WorkspaceConfig,
    agg: Aggregate,
    report_date: date,
    narrative: Narrative | None = None,
    progress: Progress | None = None,
    comparison: Comparison | None = None,
    *,
    draft: bool = False,
) -> dict[str, Any]:
    """The template's context: every string the report shows, already formatted.

    ``progress`` adds what was done against the plan's targets, ``comparison`` the
    same period of an earlier year. ``draft`` marks the report "DỰ THẢO" (``du_thao``).
    Section V carries what units ask of the bodies above, unless the clerk wrote it;
    what they ask of the office and other requests are listed in the appendix
    (``kien_nghi``).
    """
    window = agg.window
    addressed = classify(agg.proposals, plan, config)
    clerk_v = list(narrative.proposals) if narrative else []
    opening = (
        f"Thực hiện Kế hoạch số {plan.number} ngày {issued_on(plan)} của "
        f"{issuer_name(plan)} về {plan.title}, {issuer_name(plan)} báo cáo kết quả thực hiện "
        f"{window.name} (số liệu tính từ ngày {short_date(window.start)} đến ngày "
        f"{short_date(window.end)}) như sau:"
    )
    directing = (
        list(narrative.directing)
        if narrative and narrative.directing
        else [
            f"Ngày {issued_on(plan)}, {issuer_name(plan)} ban hành Kế hoạch số {plan.number} "
            f"về {plan.title}; các cơ quan, đơn vị được giao nhiệm vụ đã triển khai thực hiện "
            "theo chức năng, nhiệm vụ."
        ]
    )
    causes = list(narrative.causes) if narrative and narrative.causes else []
    found = shortcomings(agg) + (list(narrative.shortcomings) if narrative else [])
    if progress is not None:
        found[:0] = progress_text.target_shortcomings(progress)
    if not causes and found:
        causes = [
            "Nguyên nhân của các tồn tại, hạn chế chủ yếu xuất phát từ những khó khăn, "
            "vướng mắc do các cơ quan, đơn vị phản ánh nêu trên."
        ]
    return {
        "du_thao": draft,
        "dau_du_thao": DRAFT_MARK if draft else "",
        "co_quan_chu_quan": plan.parent_body or "",
        "co_quan_ban_hanh": plan.issuer,
        "so_ky_hieu": f"/BC-{plan.issuer_abbr}",
        "dia_danh_ngay": header_date(plan.place, report_date),
        "trich_yeu": subject(plan, agg),
        "mo_dau": opening,
        "chi_dao": directing,
        "nhiem_vu": [
            {
                "so": number,
                "ten": result.task.title,
                "doan": task_paragraphs(result, *_measures(result, progress, comparison)),
            }
            for number, result in enumerate(agg.tasks, 1)
        ],
        "uu_diem": list(narrative.strengths)
        if narrative and narrative.strengths
        else strengths(plan, agg),
        "ton_tai": found or [NOTHING],
        "nguyen_nhan": causes or [NOTHING],
        "phuong_huong": (
            next_steps(agg)
            + office_step(addressed, issuer_name(plan))
            + (list(narrative.next_steps) if narrative else [])
        )
        or [NOTHING],
        "de_xuat": (clerk_v or recommendations(addressed, plan)) or [NOTHING],
        "kien_nghi": requests(addressed, issuer_name(plan), forwarded=not clerk_v),
        "noi_nhan": _recipients(config, plan),
        "nguoi_ky": _signer(config),
        "phu_luc": appendix(plan, agg, progress, comparison),
    }

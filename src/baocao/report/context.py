"""The report's words: turning an aggregate into the template's context.

The context is :class:`~baocao.report.contract.ReportContext`, the typed contract a
template relies on. Everything here is pure: the same workspace, window and date give
the same context. Numbers and dates are formatted the Vietnamese way here, once, so a
template only places text.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from baocao.core import keys
from baocao.core.models import Narrative, Plan, ReportingUnit, Task, WorkspaceConfig
from baocao.core.vietnamese import format_count2, format_number, header_date, short_date
from baocao.core.wording import (
    DEFAULT_WORDS,
    NAMED_MAX,
    UnitWords,
    in_sentence,
    join_items,
    named_or_counted,
    tidy,
)
from baocao.report import progress_text
from baocao.report.addressing import classify, office_step, recommendations, requests
from baocao.report.aggregate import (
    Aggregate,
    Note,
    Submission,
    TaskResult,
    TaskStatus,
    UnitActivity,
)
from baocao.report.appendix import appendix
from baocao.report.compare import Comparison
from baocao.report.contract import ReportContext, SignatureBlock, TaskSection
from baocao.report.targets import Progress

NOTABLE_PER_TASK = 3
"""How many activities of a task the report tells in words; the rest are in the appendix."""

NAMED_UNITS_MAX = NAMED_MAX
"""Up to this many units a sentence names them; beyond, it counts them and names the notable."""

NOTHING = "Không có."


def subject(plan: Plan, agg: Aggregate) -> str:
    """The line under "BÁO CÁO": what the report is about and which period."""
    title = plan.title
    suffix = f" năm {plan.year}"
    if title.endswith(suffix):  # "…năm 2021 6 tháng đầu năm 2021" would say the year twice
        title = title[: -len(suffix)]
    return f"Kết quả thực hiện Kế hoạch {tidy(title)} {agg.window.name}"


def issuer_name(plan: Plan) -> str:
    """The issuing body as named in running text: "Phòng Tư pháp"."""
    return plan.issuer_name or plan.issuer.capitalize()


def count(n: int) -> str:
    """A count in running text, as reports write them: "03", "12", "1.250"."""
    return format_count2(n)


def ratio(part: int, whole: int) -> str:
    """ "8/11": no leading zero, which would read as a date ("08/11")."""
    return f"{format_number(part)}/{format_number(whole)}"


def issued_on(plan: Plan) -> str:
    """The plan's date, "10/03/2021", or its placeholder while a draft leaves it unfilled."""
    return plan.issued_on if isinstance(plan.issued_on, str) else short_date(plan.issued_on)


DRAFT_MARK = "DỰ THẢO"
_UNSIGNED = {keys.TITLE: "[CHỨC VỤ NGƯỜI KÝ]", keys.FULL_NAME: "[Họ và tên]"}


def _signer(config: WorkspaceConfig) -> SignatureBlock:
    """The signer; what is missing shows as a placeholder (only a draft gets this far)."""
    signer = config.signer
    return SignatureBlock(
        quyen_han=signer.authority,
        chuc_vu=signer.title or _UNSIGNED[keys.TITLE],
        ho_ten=signer.name or _UNSIGNED[keys.FULL_NAME],
    )


def figures_text(task: Task, totals: dict[str, int], *, keep_zero: bool = False) -> str:
    """ "77 buổi tuyên truyền, 10.096 lượt người tham dự"; items are joined by ";" when a
    label holds a comma ("62 tin, bài được biên tập; 279 lượt phát thanh")."""
    return join_items(
        f"{count(totals.get(ind.code, 0))} {ind.label}"
        for ind in task.counted
        if keep_zero or totals.get(ind.code, 0)
    )


def _activity_line(task: Task, ua: UnitActivity) -> str:
    act = ua.activity
    text = tidy(act.text).rstrip(" .;")
    figures = figures_text(task, dict(act.figures))
    tail = f" ({figures})" if figures else ""
    return f"- Ngày {short_date(act.day)}, {ua.doer}: {text}{tail}."


def _weight(ua: UnitActivity) -> tuple[int, date]:
    act = ua.activity
    return -sum(filter(None, act.values)), act.day  # every figure, without a mapping of them


def _notable(result: TaskResult) -> list[UnitActivity]:
    """The activities that weigh most (by their figures), one per unit while units last,
    told in date order: examples from across the units, not all from the busiest."""
    best: dict[str, tuple[tuple[int, date], UnitActivity]] = {}
    candidates = (*result.activities, *result.highlights)  # lower bodies' own highlights too
    for ua in candidates:  # one pass: a national report has a million activities
        weight = _weight(ua)
        held = best.get(ua.unit.code)
        if held is None or weight < held[0]:
            best[ua.unit.code] = (weight, ua)
    chosen = heapq.nsmallest(NOTABLE_PER_TASK, (ua for _w, ua in best.values()), key=_weight)
    if len(chosen) < NOTABLE_PER_TASK:  # fewer units than examples: take more of theirs
        taken = {id(ua) for ua in chosen}
        rest = (ua for ua in candidates if id(ua) not in taken)
        chosen += heapq.nsmallest(NOTABLE_PER_TASK - len(chosen), rest, key=_weight)
    return sorted(chosen, key=lambda ua: ua.activity.day)


def _busiest(result: TaskResult, limit: int = NOTABLE_PER_TASK) -> str:
    """ "UBND xã A (12 hoạt động), UBND xã B (09 hoạt động)…": the units that did most."""
    order = {unit.code: index for index, unit in enumerate(result.units)}
    per_unit = result.per_unit  # a lower body's activities are its units' together
    names = {unit.code: unit.name for unit in result.units}
    top = heapq.nsmallest(limit, per_unit, key=lambda code: (-per_unit[code], order[code]))
    return join_items(f"{names[code]} ({count(per_unit[code])} hoạt động)" for code in top)


def notable(result: TaskResult) -> list[UnitActivity]:
    """The activities a task's paragraph tells as notable (the summary passes them up)."""
    return _notable(result)


def task_heading(result: TaskResult) -> str:
    """A task's heading in section II: its short name, never a paragraph-long title."""
    return tidy(result.task.short)


def _task_name(task: Task) -> str:
    """ "nhiệm vụ hưởng ứng Ngày Pháp luật": the task named inside a sentence."""
    return f"nhiệm vụ {in_sentence(tidy(task.short))}"


SPARED_MAX = 3
"""A task that all but this many reporting units carried out names those few instead."""


def _who_did(
    result: TaskResult,
    reporting: Sequence[ReportingUnit],
    words: UnitWords = DEFAULT_WORDS,
    reach_word: str = "đơn vị",
) -> str:
    """ "trong kỳ, 03 cơ quan, đơn vị (A, B, C) đã thực hiện 07 hoạt động": the units inside
    the sentence that gives the figures, so no two tasks share a sentence; when nearly
    every unit took part, the few that did not are named instead. Lower bodies bring
    their own units: "03 xã (A, B, C; tổng hợp từ 27 đơn vị) đã thực hiện…"."""
    units, done, who = result.units, count(result.count), words.actors
    below = (
        f"tổng hợp từ {count(result.reached)} {reach_word}"
        if any(unit.lower for unit in units)
        else ""
    )
    if len(units) == 1:
        return f"trong kỳ, {units[0].name}{_aside(below)} đã thực hiện {done} hoạt động"
    if len(units) == len(reporting):
        return (
            f"trong kỳ, cả {count(len(units))} {who} báo cáo kết quả{_aside(below)} đều đã "
            f"thực hiện nhiệm vụ này với {done} hoạt động"
        )
    took_part = {unit.code for unit in units}
    spared = [unit.name for unit in reporting if unit.code not in took_part]
    if len(spared) <= min(SPARED_MAX, len(units) - 1):
        return (
            f"trong kỳ, {ratio(len(units), len(reporting))} {who} báo cáo kết "
            f"quả{_aside(f'trừ {join_items(spared)}', below)} đã thực hiện {done} hoạt động"
        )
    names = join_items(u.name for u in units) if len(units) <= NAMED_UNITS_MAX else ""
    return (
        f"trong kỳ, {count(len(units))} {who}{_aside(names, below)} đã thực hiện {done} hoạt động"
    )


def _aside(*parts: str) -> str:
    """ " (A, B; tổng hợp từ 27 đơn vị)": what a sentence adds in one pair of brackets."""
    said = [part for part in parts if part]
    return f" ({'; '.join(said)})" if said else ""


def task_paragraphs(
    result: TaskResult,
    reporting: Sequence[ReportingUnit],
    measures: Sequence[str] = (),
    closing: str | None = None,
    *,
    words: UnitWords = DEFAULT_WORDS,
    reach_word: str = "đơn vị",
) -> list[str]:
    """Section II's paragraphs for one task, in full sentences.

    ``reporting``: the units that reported any activity in the window; ``measures``: the
    sentences against targets and the earlier year; ``closing``: the task's status against
    its targets at the end of its time frame.
    """
    task = result.task
    if result.status is TaskStatus.NOT_DUE:
        return [
            f"Nhiệm vụ {in_sentence(tidy(task.short))} thực hiện trong {tidy(task.time_frame)}, "
            "chưa đến thời gian triển khai trong kỳ báo cáo."
        ]
    if result.status is TaskStatus.NOT_DONE:
        return [
            f"Đã đến thời gian thực hiện {_task_name(task)} ({tidy(task.time_frame)}) nhưng "
            f"trong kỳ chưa có {words.actors} nào báo cáo kết quả.",
            *measures,
            *([closing] if closing else []),
        ]
    figures = figures_text(task, result.totals)
    scope = _who_did(result, reporting, words, reach_word)
    scope += f", kết quả: {figures}" if figures else ""
    if result.status is TaskStatus.DONE and not closing:  # the time frame is over: said here, once
        opening = f"Nhiệm vụ đã hoàn thành theo Kế hoạch ({tidy(task.time_frame)}): {scope}."
    else:
        opening = f"{scope[0].upper()}{scope[1:]}."
    paragraphs = [opening, *measures]
    if len(result.units) > NAMED_UNITS_MAX:
        busiest = _busiest(result)
        paragraphs.append(f"Các {words.senders} thực hiện nhiều hoạt động nhất: {busiest}.")
    notable = _notable(result)
    if notable:
        paragraphs.append("Một số hoạt động tiêu biểu:")
        paragraphs.extend(_activity_line(task, ua) for ua in notable)
    if closing:  # against the targets, at the end of its time frame
        paragraphs.append(closing)
    return paragraphs


def _unreported(agg: Aggregate) -> list[Any]:
    return [u for u in agg.units if u.submission in (Submission.NOT_SENT, Submission.NOT_DUE)]


def strengths(plan: Plan, agg: Aggregate) -> list[str]:
    words = UnitWords.of(plan.units_word)
    due = [t for t in agg.tasks if t.status is not TaskStatus.NOT_DUE]
    active = [t for t in due if t.status in (TaskStatus.DONE, TaskStatus.IN_PROGRESS)]
    activities = sum(t.count for t in agg.tasks)
    on_time = [u for u in agg.units if u.submission is Submission.ON_TIME]
    return [
        f"Các {words.actors} đã triển khai {ratio(len(active), len(due))} "
        f"nhiệm vụ đến hạn của Kế hoạch với {count(activities)} hoạt động; "
        f"{ratio(len(on_time), len(agg.units))} {words.senders} gửi báo cáo đúng hạn."
    ]


def reach_text(agg: Aggregate, words: UnitWords = DEFAULT_WORDS) -> str | None:
    """ "3/3 xã đã gửi báo cáo, tổng hợp từ 27 đơn vị": what a report compiled from lower
    bodies' reports stands on; None for a report compiled from units' logs alone."""
    if not agg.lower:
        return None
    sent = [u for u in agg.units if u.submission in (Submission.ON_TIME, Submission.LATE)]
    return (
        f"{ratio(len(sent), len(agg.units))} {words.senders} đã gửi báo cáo, tổng hợp từ "
        f"{count(agg.reach.reported)} {agg.reach_word}"
    )


def shortcomings(
    agg: Aggregate,
    spreadsheet: str | None = None,
    clerk: Sequence[str] = (),
    words: UnitWords = DEFAULT_WORDS,
) -> list[str]:
    """Facts the figures show (tasks not done, units silent or late), the clerk's own
    findings, then the units' difficulties as a list under its lead-in.

    Units are named when few; otherwise counted, with where the list is: the appendix, or
    the companion ``spreadsheet``.
    """
    listed_in = f"tệp {spreadsheet} kèm theo" if spreadsheet else "Phụ lục"
    idle = [t.task for t in agg.tasks if t.status is TaskStatus.NOT_DONE]
    lines = []
    if len(idle) == 1:
        lines.append(
            f"Chưa có kết quả thực hiện {_task_name(idle[0])} dù đã đến thời gian thực hiện "
            f"({tidy(idle[0].time_frame)})."
        )
    elif idle:
        names = join_items(f"{in_sentence(tidy(t.short))} ({tidy(t.time_frame)})" for t in idle)
        lines.append(f"Chưa có kết quả thực hiện các nhiệm vụ đã đến thời gian thực hiện: {names}.")
    silent = _unreported(agg)
    if silent:
        who = (
            f": {join_items(u.unit.name for u in silent)}"
            if len(silent) <= NAMED_UNITS_MAX
            else f" (danh sách tại {listed_in})"
        )
        lines.append(f"Còn {count(len(silent))} {words.senders} chưa gửi báo cáo{who}.")
    late = [u for u in agg.units if u.submission is Submission.LATE]
    if late:
        due = f" {short_date(agg.window.due)}" if agg.window.due else ""
        if len(late) <= NAMED_UNITS_MAX:
            who = ": " + join_items(
                f"{u.unit.name} (chậm {count(u.days_late or 0)} ngày)" for u in late
            )
        else:
            longest = max(u.days_late or 0 for u in late)
            who = f", chậm nhất {count(longest)} ngày (danh sách tại {listed_in})"
        lines.append(
            f"Có {count(len(late))} {words.senders} gửi báo cáo chậm so với thời hạn{due}{who}."
        )
    lines.extend(clerk)
    if agg.difficulties:
        lines.append(f"Khó khăn, vướng mắc do các {words.actors} phản ánh:")
        lines.extend(note_lines(agg.difficulties, spreadsheet))
    return lines


NOTES_MAX = 10
"""With a companion spreadsheet, the body keeps the notes most units raised; it has the rest."""


def note_lines(notes: Sequence[Note], spreadsheet: str | None = None) -> list[str]:
    """Each note once, with who raised it: names when few, a count when many.

    Beside a spreadsheet (many units, so perhaps thousands of notes) only the
    :data:`NOTES_MAX` notes raised by most units are told, in that order.
    """
    shown = list(notes)
    if spreadsheet and len(notes) > NOTES_MAX:
        order = {id(n): i for i, n in enumerate(notes)}
        shown = heapq.nsmallest(NOTES_MAX, notes, key=lambda n: (-len(n.units), order[id(n)]))
    lines = [f"- {tidy(n.text).rstrip(' .;')} ({named_or_counted(n.units)})." for n in shown]
    if len(shown) < len(notes):
        rest = count(len(notes) - len(shown))
        lines.append(f"- Các ý kiến khác ({rest} ý kiến) tại tệp {spreadsheet} kèm theo.")
    return lines


def _until(end: date, year: int) -> str:
    """ "đến hết năm 2021", "đến hết quý III năm 2021", "đến ngày 15/07/2021"."""
    if (end.month, end.day) == (12, 31):
        return f"đến hết năm {end.year}"
    following = date(end.year, end.month, 28) + timedelta(days=4)
    if (end + timedelta(days=1)).month == following.month:  # the last day of its month
        if end.month % 3 == 0:
            return f"đến hết quý {_ROMAN[end.month // 3]} năm {end.year}"
        return f"đến hết tháng {end.month} năm {end.year}"
    return f"đến ngày {short_date(end)}"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def next_steps(
    agg: Aggregate, narrative: Narrative | None = None, words: UnitWords = DEFAULT_WORDS
) -> list[str]:
    """Tasks whose time frame runs past the window: to continue, to start, to push.

    A task the clerk wrote a next step for (``phuong_huong_nhiem_vu``) is left to the
    clerk's words; the others are grouped, so that one sentence says what many would.
    """
    written = dict(narrative.task_steps) if narrative else {}
    lines = [tidy(written[r.task.code]) for r in agg.tasks if r.task.code in written]
    later = [r for r in agg.tasks if r.task.end > agg.window.end and r.task.code not in written]
    going: dict[str, list[Task]] = {}
    for result in later:
        if result.status in (TaskStatus.IN_PROGRESS, TaskStatus.DONE):
            going.setdefault(_until(result.task.end, agg.window.year), []).append(result.task)
    for until, tasks in going.items():
        if len(tasks) == 1:
            lines.append(f"Tiếp tục thực hiện {_task_name(tasks[0])} {until}.")
        else:
            names = join_items(in_sentence(tidy(t.short)) for t in tasks)
            lines.append(f"Tiếp tục thực hiện {until} các nhiệm vụ: {names}.")
    starting = [r.task for r in later if r.status is TaskStatus.NOT_DUE]
    if len(starting) == 1:
        task = starting[0]
        lines.append(f"Triển khai {_task_name(task)} theo Kế hoạch ({tidy(task.time_frame)}).")
    elif starting:
        names = join_items(f"{in_sentence(tidy(t.short))} ({tidy(t.time_frame)})" for t in starting)
        lines.append(f"Triển khai các nhiệm vụ theo thời gian của Kế hoạch: {names}.")
    idle = [r.task for r in later if r.status is TaskStatus.NOT_DONE]
    if idle:
        names = join_items(in_sentence(tidy(t.short)) for t in idle)
        what = "nhiệm vụ" if len(idle) == 1 else "các nhiệm vụ"
        lines.append(f"Đôn đốc các {words.actors} triển khai {what} chưa có kết quả: {names}.")
    return lines


def _recipients(config: WorkspaceConfig, plan: Plan) -> list[str]:
    """Recipients one per line ending ";", the last "Lưu: VT, <unit>." ending "."."""
    items = [r.strip().rstrip(";.").strip() for r in config.recipients]
    if not any(item.startswith("Lưu") for item in items):
        items.append(f"Lưu: VT, {plan.issuer_abbr}")
    return [f"{item};" for item in items[:-1]] + [f"{items[-1]}."]


def _narrative(lines: Sequence[str]) -> list[str]:
    return [tidy(line) for line in lines]


def _measures(
    result: TaskResult,
    progress: Progress | None,
    comparison: Comparison | None,
    words: UnitWords = DEFAULT_WORDS,
) -> tuple[list[str], str | None]:
    """One task's sentences against targets and the earlier year, and its closing status."""
    if progress is None:
        return [], None
    item = progress.task(result.task.code)
    sentences = [
        progress_text.target_sentence(item, progress),
        progress_text.unit_target_sentence(item, words),
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
    spreadsheet: str | None = None,
) -> ReportContext:
    """The template's context: every string the report shows, already formatted.

    ``progress`` adds what was done against the plan's targets, ``comparison`` the
    same period of an earlier year. ``draft`` marks the report "DỰ THẢO" (``du_thao``).
    Section V carries what units ask of the bodies above, unless the clerk wrote it;
    what they ask of the office and other requests are listed in the appendix
    (``kien_nghi``). ``spreadsheet`` is the file name of the companion spreadsheet when
    the report has one (see :mod:`baocao.report.appendix`); the report names it where it
    sends the reader.
    """
    window = agg.window
    words = UnitWords.of(plan.units_word)
    addressed = classify(agg.proposals, plan, config)
    clerk_v = _narrative(narrative.proposals) if narrative else []
    title = tidy(plan.title)
    reach = reach_text(agg, words)
    opening = (
        f"Thực hiện Kế hoạch số {plan.number} ngày {issued_on(plan)} của "
        f"{issuer_name(plan)} về {title}, {issuer_name(plan)} báo cáo kết quả thực hiện "
        f"{window.name} (số liệu tính từ ngày {short_date(window.start)} đến ngày "
        f"{short_date(window.end)}{f'; {reach}' if reach else ''}) như sau:"
    )
    directing = (
        _narrative(narrative.directing)
        if narrative and narrative.directing
        else [
            f"Ngày {issued_on(plan)}, {issuer_name(plan)} ban hành Kế hoạch số {plan.number} "
            f"về {title}; các {words.actors} được giao nhiệm vụ đã triển khai thực hiện "
            "theo chức năng, nhiệm vụ."
        ]
    )
    reporting = [u.unit for u in agg.units if any(u.activity_counts.values())]
    causes = _narrative(narrative.causes) if narrative and narrative.causes else []
    clerk_found = _narrative(narrative.shortcomings) if narrative else []
    found = shortcomings(agg, spreadsheet, clerk_found, words)
    if progress is not None:
        found[:0] = progress_text.target_shortcomings(progress)
    if not causes and found:
        causes = [
            "Nguyên nhân của các tồn tại, hạn chế chủ yếu xuất phát từ những khó khăn, "
            f"vướng mắc do các {words.actors} phản ánh nêu trên."
        ]
    steps = (
        next_steps(agg, narrative, words)
        + office_step(addressed, issuer_name(plan))
        + (_narrative(narrative.next_steps) if narrative else [])
    )
    return ReportContext(
        ky=window.period,
        ten_ky=window.name,
        nam=window.year,
        du_thao=draft,
        dau_du_thao=DRAFT_MARK if draft else "",
        co_quan_chu_quan=plan.parent_body or "",
        co_quan_ban_hanh=plan.issuer,
        so_ky_hieu=f"/BC-{plan.issuer_abbr}",
        dia_danh_ngay=header_date(plan.place, report_date),
        trich_yeu=subject(plan, agg),
        mo_dau=opening,
        chi_dao=directing,
        nhiem_vu=[
            TaskSection(
                so=number,
                ten=task_heading(result),
                doan=task_paragraphs(
                    result,
                    reporting,
                    *_measures(result, progress, comparison, words),
                    words=words,
                    reach_word=agg.reach_word,
                ),
            )
            for number, result in enumerate(agg.tasks, 1)
        ],
        uu_diem=_narrative(narrative.strengths)
        if narrative and narrative.strengths
        else strengths(plan, agg),
        ton_tai=found or [NOTHING],
        nguyen_nhan=causes or [NOTHING],
        phuong_huong=steps or [NOTHING],
        de_xuat=(clerk_v or recommendations(addressed, plan)) or [NOTHING],
        kien_nghi=requests(addressed, issuer_name(plan), forwarded=not clerk_v),
        noi_nhan=_recipients(config, plan),
        nguoi_ky=_signer(config),
        phu_luc=appendix(
            plan, agg, report_date, issuer_name(plan), spreadsheet, progress, comparison, words
        ),
    )

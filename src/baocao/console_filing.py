"""What ``baocao nhan`` prints: per submission, where it was filed and what changed, per task."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import typer

from baocao.console import Lang, OutputFormat, print_problems, say
from baocao.core import keys
from baocao.core.period import Period

if TYPE_CHECKING:
    from baocao.input.changes import ActivityChange
    from baocao.input.filing import Filed

_MARKS = {"added": "+", "changed": "~", "removed": "-"}
_LIST_NAMES = {
    keys.DIFFICULTIES: ("Khó khăn, vướng mắc", "Difficulties"),
    keys.PROPOSALS: ("Đề xuất, kiến nghị", "Proposals"),
}


def print_filed(filed: list[Filed], fmt: OutputFormat, lang: Lang, *, check_only: bool) -> None:
    """Per file: where it was filed and what changed, per task; then one closing line.

    As JSON, one list with a record per file, its warnings in it.
    """
    if fmt is OutputFormat.json:
        payload = [_filed_payload(done, lang) for done in filed]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for done in filed:
        print_problems(done.warnings, fmt, lang, err=True)
    for done in filed:
        for line in _filed_lines(done, lang, check_only=check_only):
            typer.echo(line)
    written = sum(1 for done in filed if done.written)
    same = len(filed) - written
    if check_only:
        say(
            f"Đã kiểm tra {len(filed)} tệp, không có lỗi: {_written_vi(filed)} sẽ được ghi, "
            f"{same} không thay đổi. Chưa ghi tệp nào (bỏ --kiem-tra để nhận).",
            f"Checked {len(filed)} file(s), no errors: {_written_en(filed)} would be written, "
            f"{same} unchanged. Nothing written (drop --kiem-tra to file them).",
            lang,
            err=True,
        )
    else:
        say(
            f"Đã nhận {len(filed)} tệp: {_written_vi(filed)} được ghi, {same} không thay đổi.",
            f"Filed {len(filed)} file(s): {_written_en(filed)} written, {same} unchanged.",
            lang,
            err=True,
        )


def _written_vi(filed: list[Filed]) -> str:
    logs = sum(1 for done in filed if done.written and done.summary is None)
    summaries = sum(1 for done in filed if done.written and done.summary is not None)
    if not any(done.summary is not None for done in filed):
        return f"{logs} nhật ký"
    parts = ([f"{logs} nhật ký"] if logs else []) + (
        [f"{summaries} tệp tóm tắt"] if summaries else []
    )
    return ", ".join(parts) or "0 tệp"


def _written_en(filed: list[Filed]) -> str:
    logs = sum(1 for done in filed if done.written and done.summary is None)
    summaries = sum(1 for done in filed if done.written and done.summary is not None)
    if not any(done.summary is not None for done in filed):
        return f"{logs} log(s)"
    parts = ([f"{logs} log(s)"] if logs else []) + (
        [f"{summaries} summary file(s)"] if summaries else []
    )
    return ", ".join(parts) or "0 files"


def _filed_lines(done: Filed, lang: Lang, *, check_only: bool) -> list[str]:
    from baocao.core.vietnamese import short_date
    from baocao.errors import display_path

    vi = lang is Lang.vi
    head = f"{done.file} → {display_path(done.target)} ({done.unit_name}): "
    if not done.written:
        return [head + ("không thay đổi" if vi else "unchanged")]
    if check_only:
        state = "sẽ ghi" if vi else "would be written"
    elif done.created:
        new = "tệp tóm tắt mới" if done.summary is not None else "nhật ký mới"
        state = f"đã ghi ({new})" if vi else "written (new file)"
    else:
        kept = display_path(done.previous) if done.previous else "?"
        state = f"đã ghi; bản trước lưu ở {kept}" if vi else f"written; previous kept as {kept}"
    lines = [head + state]
    if done.summary is not None:
        return lines + _summary_lines(done, lang)
    if done.unreadable:
        lines.append(
            "  (nhật ký trước có lỗi nên mọi hoạt động được tính là mới)"
            if vi
            else "  (the previous log had errors: every activity counts as new)"
        )
    for task, listed in done.changes.tasks.items():
        counts = [done.changes.count(task, kind) for kind in ("added", "changed", "removed")]
        lines.append(
            f"  {task}: thêm {counts[0]}, sửa {counts[1]}, bỏ {counts[2]} hoạt động"
            if vi
            else f"  {task}: {counts[0]} added, {counts[1]} changed, {counts[2]} removed"
        )
        lines.extend("    " + _change_line(change, task, done, lang) for change in listed)
    for period, before, after in done.changes.sent:
        was = short_date(before) if before else "—"
        now = short_date(after) if after else "—"
        note = ""
        if done.recorded is not None and done.recorded[0].value == period:
            note = " (ngày nhận)" if vi else " (date received)"
        label = f"Ngày gửi kỳ {Period(period).label}" if vi else f"Sent date, period {period}"
        lines.append(f"  {label}: {was} → {now}{note}")
    for key, (added, removed) in done.changes.lists.items():
        name = _LIST_NAMES[key][0 if vi else 1]
        lines.append(
            f"  {name}: thêm {added}, bỏ {removed}"
            if vi
            else f"  {name}: {added} added, {removed} removed"
        )
    if not done.changes:
        lines.append(
            "  chỉ khác cách ghi, ghi chú" if vi else "  only the wording or comments differ"
        )
    for place, text in done.notes:
        label = "Ghi chú của đơn vị (không đưa vào nhật ký)" if vi else "Unit's note (not filed)"
        lines.append(f"  {label} {place}: {text}")
    return lines


def _summary_lines(done: Filed, lang: Lang) -> list[str]:
    """What a lower body's summary holds, in one or two lines."""
    from baocao.core.vietnamese import short_date

    summary = done.summary
    assert summary is not None
    vi = lang is Lang.vi
    lines = [
        f"  Báo cáo {summary.name} ngày {short_date(summary.report_date)}"
        if vi
        else f"  Report of {summary.period.phrase[1]} {summary.year}, "
        f"dated {short_date(summary.report_date)}"
    ]
    if summary.reach is not None:
        reach = summary.reach
        word = summary.units_word or "đơn vị"
        lines[0] += (
            f", tổng hợp từ {reach.reported}/{reach.units} {word}"
            if vi
            else f", compiled from {reach.reported} of {reach.units} units"
        )
    if done.recorded is not None:
        day = short_date(done.recorded[1])
        lines.append(f"  Ngày nhận: {day}" if vi else f"  Received on: {day}")
    return lines


def _change_line(change: ActivityChange, task: str, done: Filed, lang: Lang) -> str:
    from baocao.core.vietnamese import format_number, short_date

    shown = change.shown
    text = shown.text if len(shown.text) <= 70 else shown.text[:69] + "…"
    day = short_date(shown.day)
    if change.kind == "changed" and change.before is not None and change.before.day != shown.day:
        day = f"{short_date(change.before.day)} → {day}"
    line = f"{_MARKS[change.kind]} {day} {text}"
    details = []
    if change.kind == "changed" and change.before is not None and change.before.text != shown.text:
        details.append("nội dung đã sửa" if lang is Lang.vi else "text changed")
    for code, before, after in change.figures():
        name = done.names.get((task, code), code)
        if change.kind == "changed":
            was = format_number(before) if before is not None else "—"
            now = format_number(after) if after is not None else "—"
            details.append(f"{name}: {was} → {now}")
        else:
            details.append(f"{name}: {format_number(after if after is not None else before or 0)}")
    return line + (" — " + "; ".join(details) if details else "")


def _filed_payload(done: Filed, lang: Lang) -> dict[str, Any]:
    from baocao.errors import display_path

    tasks = {
        task: [
            {
                "change": c.kind,
                "date": c.shown.day.isoformat(),
                "text": c.shown.text,
                "figures": [{"code": k, "before": b, "after": a} for k, b, a in c.figures()],
            }
            for c in listed
        ]
        for task, listed in done.changes.tasks.items()
    }
    summary = done.summary
    return {
        "file": done.file,
        "unit": done.unit,
        "log": display_path(done.target),
        "summary": {
            "period": summary.period.value,
            "year": summary.year,
            "report_date": summary.report_date.isoformat(),
            "received_on": done.recorded[1].isoformat() if done.recorded else None,
        }
        if summary is not None
        else None,
        "written": done.written,
        "created": done.created,
        "previous": display_path(done.previous) if done.previous else None,
        "tasks": tasks,
        "sent": [
            {
                "period": p,
                "before": b.isoformat() if b else None,
                "after": a.isoformat() if a else None,
            }
            for p, b, a in done.changes.sent
        ],
        "notes": [{"place": str(place), "text": text} for place, text in done.notes],
        "warnings": [p.to_dict(lang.value) for p in done.warnings],
    }

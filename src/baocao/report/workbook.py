"""The companion spreadsheet (.xlsx): every unit's figures and submission, beside a report
whose units are too many to list in its appendix (see :mod:`baocao.report.appendix`).

Sheets: "Tổng hợp" (each task's totals), one per task named by its code (a row per unit:
activities and every indicator), "Gửi báo cáo" (a row per unit: sent on, state, days
late) and "Khó khăn, đề xuất" (a row per unit and note). Numbers are numbers and dates
are dates, so Excel sums, sorts and filters them; each sheet's header row is frozen and
carries filters. Rows go into the file as they are made (:mod:`baocao.report.xlsx`), so
a national spreadsheet takes no more memory than a district's, and the same data give
the same bytes: no clock time, zip entries in a fixed order and date.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import chain
from typing import Any

from baocao.report.aggregate import Aggregate, Note, TaskStatus
from baocao.report.appendix import STATES
from baocao.report.xlsx import Column, Sheet, write_xlsx

TASK_STATES = {
    TaskStatus.DONE: "Đã hoàn thành",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.NOT_DUE: "Chưa đến thời gian thực hiện",
    TaskStatus.NOT_DONE: "Chưa có kết quả",
}
SUMMARY_SHEET = "Tổng hợp"
SUBMISSIONS_SHEET = "Gửi báo cáo"
NOTES_SHEET = "Khó khăn, đề xuất"


def _columns(*named: tuple[str, float]) -> list[Column]:
    return [Column(name, width) for name, width in named]


def _summary(agg: Aggregate) -> Sheet:
    columns = _columns(
        ("Mã nhiệm vụ", 12),
        ("Nhiệm vụ", 60),
        ("Tình trạng", 22),
        ("Số đơn vị thực hiện", 12),
        ("Số hoạt động", 12),
        ("Chỉ tiêu", 40),
        ("Đơn vị tính", 14),
        ("Tổng số", 14),
    )

    def rows() -> Iterator[list[Any]]:
        for result in agg.tasks:
            task = result.task
            head: list[Any] = [task.code, task.title, TASK_STATES[result.status]]
            head += [len(result.units), len(result.activities)]
            if not task.counted:
                yield [*head, None, None, None]
            for indicator in task.counted:
                tail = [indicator.label, indicator.unit_of_measure, result.totals[indicator.code]]
                yield [*head, *tail]

    count = sum(max(1, len(t.task.counted)) for t in agg.tasks)
    return Sheet(SUMMARY_SHEET, columns, count, rows())


def _task_sheets(agg: Aggregate) -> list[Sheet]:
    sheets = []
    for result in agg.tasks:
        task = result.task
        columns = _columns(("STT", 6), ("Mã đơn vị", 24), ("Đơn vị", 40), ("Số hoạt động", 12))
        columns += [
            Column(f"{i.label[:1].upper()}{i.label[1:]} ({i.unit_of_measure})", 16)
            for i in task.counted
        ]
        codes = [i.code for i in task.counted]

        def rows(code: str = task.code, codes: list[str] = codes) -> Iterator[list[Any]]:
            for number, unit in enumerate(agg.units, 1):
                figures = unit.figures[code]
                row = [number, unit.unit.code, unit.unit.name, unit.activity_counts[code]]
                yield row + [figures[c] for c in codes]

        sheets.append(Sheet(task.code[:31], columns, len(agg.units), rows()))
    return sheets


def _submissions(agg: Aggregate) -> Sheet:
    columns = _columns(
        ("STT", 6),
        ("Mã đơn vị", 24),
        ("Đơn vị", 40),
        ("Ngày gửi", 12),
        ("Tình trạng", 16),
        ("Số ngày chậm", 12),
    )

    def rows() -> Iterator[list[Any]]:
        for number, unit in enumerate(agg.units, 1):
            state = STATES[unit.submission]
            yield [number, unit.unit.code, unit.unit.name, unit.sent_on, state, unit.days_late]

    return Sheet(SUBMISSIONS_SHEET, columns, len(agg.units), rows())


def _note_rows(kind: str, notes: Iterable[Note]) -> Iterable[tuple[str, str, str]]:
    for note in notes:
        for unit in note.units:
            yield kind, note.text, unit


def _notes(agg: Aggregate) -> Sheet:
    columns = _columns(("STT", 6), ("Loại", 20), ("Nội dung", 80), ("Đơn vị", 40))
    count = sum(len(n.units) for n in (*agg.difficulties, *agg.proposals))

    def rows() -> Iterator[Sequence[Any]]:
        found = chain(
            _note_rows("Khó khăn, vướng mắc", agg.difficulties),
            _note_rows("Đề xuất, kiến nghị", agg.proposals),
        )
        for number, (kind, text, unit) in enumerate(found, 1):
            yield [number, kind, text, unit]

    return Sheet(NOTES_SHEET, columns, count, rows())


def workbook_bytes(agg: Aggregate, *, title: str, author: str, created: datetime) -> bytes:
    """The companion spreadsheet's bytes; the same arguments give the same bytes."""
    sheets = [_summary(agg), *_task_sheets(agg), _submissions(agg), _notes(agg)]
    buffer = io.BytesIO()
    write_xlsx(buffer, sheets, title=title, author=author, created=created)
    return buffer.getvalue()

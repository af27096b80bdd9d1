"""One task of the imported plan: its fields as written, and what baocao proposes for it.

The title, lead, partners, time frame and product are copied as the document writes
them. The date range, a short name for the report's headings, and the indicators with
their targets are proposals: each is written with a ``# KIỂM TRA`` mark that quotes the
words it was read from, and a missing field gets a ``# CẦN ĐIỀN`` placeholder.
"""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from baocao.core import keys
from baocao.errors import Place, Problem
from baocao.plan import timeframes
from baocao.plan.importer import Draft
from baocao.plan.indicators import NAMING_WORDS, Proposal, match_task, propose, read_product
from baocao.plan.tables import DraftTask
from baocao.plan.timeframes import DateRange
from baocao.plan.writing import CHECK, FILL, Marks

SHORT_WORDS = 10
"""A title longer than this many words gets a proposed short name (ten_ngan)."""
LONG_WORDS = 14
"""A title this long with no natural place to cut is still a usable heading."""


def task_codes(draft: Draft, warnings: list[Problem]) -> list[str]:
    """NV + the number the document gives ("NV1", "NV1.2", "NV1a"), unique."""
    used: list[str] = []
    for index, task in enumerate(draft.tasks, 1):
        code = f"NV{task.number}"
        if code in used:
            code = next(f"NV{n}" for n in range(index, 10_000) if f"NV{n}" not in used)
            params = {"field": task.title[:40], "code": code}
            warnings.append(Problem("W508", Place(draft.file, task.line), params))
        used.append(code)
    return used


class TaskBuilder:
    """Builds the tasks of one plan, sharing its year, period, warnings and marks."""

    def __init__(
        self, draft: Draft, year: int, period: DateRange, warnings: list[Problem], marks: Marks
    ) -> None:
        self.draft, self.year, self.period = draft, year, period
        self.warnings, self.marks = warnings, marks
        self.period_doubt: str | None = None  # why the plan's own period is uncertain

    def build(self, task: DraftTask, code: str, index: int) -> CommentedMap:
        """One task of nhiem_vu, with placeholders and review marks where needed."""
        path = (keys.TASKS, index)
        out = CommentedMap()
        out[keys.CODE] = code
        out[keys.NAME] = task.title
        short = short_name(task.title)
        if short:
            out[keys.SHORT_NAME] = short
            reason = "tên ngắn đề xuất, dùng làm tiêu đề trong báo cáo"
            self.marks.add(out, keys.SHORT_NAME, (*path, keys.SHORT_NAME), CHECK, reason, task.line)
        if task.details:
            out[keys.DETAILS] = " ".join(task.details)
        lead = task.fields.get("lead")
        if lead and lead[0]:
            out[keys.LEAD] = lead[0]
        else:
            out[keys.LEAD] = "[đơn vị chủ trì]"
            reason = "văn bản không ghi đơn vị chủ trì"
            self.marks.add(out, keys.LEAD, (*path, keys.LEAD), FILL, reason, task.line)
            self._missing(task, code, "Đơn vị chủ trì")
        partners = task.fields.get("partners")
        if partners and partners[0]:
            out[keys.PARTNERS] = partners[0]
        self._time(out, task, code, path)
        product = task.fields.get("product")
        if product and product[0]:
            out[keys.PRODUCT] = product[0]
        else:
            self._missing(task, code, "Kết quả, sản phẩm")
        self._indicators(out, task, path)
        return out

    def _missing(self, task: DraftTask, code: str, label: str) -> None:
        params = {"field": code, "label": label}
        self.warnings.append(Problem("W502", Place(self.draft.file, task.line), params))

    def _time(self, out: CommentedMap, task: DraftTask, code: str, path: tuple[str, int]) -> None:
        time = task.fields.get("time")
        span = None
        if time and time[0]:
            out[keys.TIME_FRAME] = time[0]
            reading = timeframes.read(time[0], year=self.year, period=self.period)
            if reading is None:
                params = {"field": code, "text": time[0], "year": self.year}
                self.warnings.append(Problem("W501", Place(self.draft.file, time[1]), params))
                reason = f"không hiểu '{time[0]}', tạm ghi cả thời gian kế hoạch"
            elif reading.doubt:
                span, reason = reading.range, f"'{time[0]}': {reading.doubt}"
            elif reading.range == self.period and self.period_doubt:
                span, reason = reading.range, f"'{time[0]}': {self.period_doubt}"
            else:
                span, reason = reading.range, ""
            line = time[1]
        else:
            out[keys.TIME_FRAME] = "[chưa ghi thời gian]"
            reason = "văn bản không ghi thời gian thực hiện"
            self.marks.add(out, keys.TIME_FRAME, (*path, keys.TIME_FRAME), FILL, reason, task.line)
            self._missing(task, code, "Thời gian thực hiện")
            reason, line = "tạm ghi cả thời gian kế hoạch", task.line
        span = span or self.period
        out[keys.START], out[keys.END] = span.start, span.end
        if reason:
            self.marks.add(out, keys.START, (*path, keys.START), CHECK, reason, line)

    def _indicators(self, out: CommentedMap, task: DraftTask, path: tuple[str, int]) -> None:
        product = task.fields.get("product")
        proposals, wording = propose(product[0] if product else None, task.title)
        line = product[1] if product and wording == product[0] else task.line
        items = CommentedSeq()
        for number, proposal in enumerate(proposals):
            items.append(indicator(proposal, (*path, keys.INDICATORS, number), self.marks, line))
        out[keys.INDICATORS] = items
        short = wording if len(wording) <= 60 else wording[:57] + "…"
        reason = f'chỉ tiêu đề xuất từ "{short}"'
        self.marks.add(out, keys.INDICATORS, (*path, keys.INDICATORS), CHECK, reason, line)
        unread = unread_numbers(wording, proposals)
        if unread and items:
            reason = f"văn bản có số chưa ghi thành mục tiêu: {', '.join(unread)}"
            self.marks.add(
                items[0], keys.CODE, (*path, keys.INDICATORS, 0, keys.CODE), CHECK, reason, line
            )

    def section_targets(self, tasks: CommentedSeq) -> None:
        """Targets of a "Chỉ tiêu" part, put on the task whose words they share."""
        pairs = [(t[keys.NAME], str(t.get(keys.PRODUCT, ""))) for t in tasks]
        for text, line in self.draft.targets:
            found = [p for p in read_product(text) if p.target is not None]
            index = match_task(text, pairs)
            if not found or index is None:
                if found:
                    params = {"text": text}
                    self.warnings.append(Problem("W513", Place(self.draft.file, line), params))
                continue
            items = tasks[index][keys.INDICATORS]
            for proposal in found:
                same = next((i for i in items if i[keys.CODE] == proposal.code), None)
                if same is not None and keys.TARGET in same:
                    continue
                if same is None:
                    items.append(
                        CommentedMap({keys.CODE: proposal.code, keys.NAME: proposal.label})
                    )
                    same = items[-1]
                    same[keys.UNIT_OF_MEASURE] = proposal.unit
                same[keys.TARGET] = proposal.target
                number = list(items).index(same)
                path = (keys.TASKS, index, keys.INDICATORS, number, keys.TARGET)
                reason = (
                    f'chỉ tiêu của kế hoạch gắn với nhiệm vụ {tasks[index][keys.CODE]}: "{text}"'
                )
                self.marks.add(same, keys.TARGET, path, CHECK, reason, line)


def indicator(
    proposal: Proposal, path: tuple[str | int, ...], marks: Marks, line: int
) -> CommentedMap:
    """One chi_tieu entry; a target is marked with the words it was read from."""
    item = CommentedMap(
        {keys.CODE: proposal.code, keys.NAME: proposal.label, keys.UNIT_OF_MEASURE: proposal.unit}
    )
    if proposal.target is not None:
        item[keys.TARGET] = proposal.target
        marks.add(item, keys.TARGET, (*path, keys.TARGET), CHECK, f'"{proposal.words}"', line)
    elif proposal.words:  # a number that is not a total ("mỗi trường ít nhất 02 buổi")
        marks.add(
            item,
            keys.CODE,
            (*path, keys.CODE),
            CHECK,
            f'chưa ghi muc_tieu: "{proposal.words}"',
            line,
        )
    return item


_NUMBERS = re.compile(r"(?<![\w/.,])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?!\s*/\s*\d)(?![\w/])")


def unread_numbers(text: str, proposals: list[Proposal]) -> list[str]:
    """Numbers in ``text`` that may be targets but were not read as one (a rate "02
    kỳ/tháng"); years, dates, document numbers and the targets read are left out."""
    read = {str(p.target) for p in proposals if p.target is not None}
    found = []
    for match in _NUMBERS.finditer(text):
        before = text[: match.start()].lower()
        value = match.group(1).replace(".", "")
        if re.search(rf"(?:{NAMING_WORDS})\s*$", before):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", value) or value.lstrip("0") in read or value in read:
            continue
        found.append(match.group(0))
    return found


_SHORT_CUT = re.compile(
    r"\s+(?:nhằm|để|theo|trên địa bàn|cho|đối với|tại|trong|về|thông qua|trên|giai đoạn"
    r"|nước Cộng hòa|năm \d{4}|năm học)\s?"
    r"|\s+được\s+(?=[A-ZĐ])"  # "… được Quốc hội thông qua": who did it
    r"|\s*[;:(]"
)
_LOOSE_END = {
    "và",
    "của",
    "các",
    "những",
    "với",
    "cho",
    "về",
    "được",
    "đã",
    "sẽ",
    "là",
    "có",
    "theo",
}


def short_name(title: str) -> str | None:
    """A short name for a long title, for the report's headings; None if it is short.

    The title is cut before what only qualifies it ("… cho cán bộ", "… trên địa bàn
    xã", "… năm 2024", "…; …") once at least three words are said. A title with no such
    place is left whole up to fourteen words (a cut could split a phrase in two), and
    cut after ten beyond; a name never ends on a word that leads on ("được", "các").
    """
    if len(title.split()) <= SHORT_WORDS:
        return None
    heads = (title[: c.start()].strip(" ,") for c in _SHORT_CUT.finditer(title))
    head = next((h for h in heads if len(h.split()) >= 3), None)
    if head is None and len(title.split()) <= LONG_WORDS:
        return None
    words = (head or title).replace("“", "").replace("”", "").split()
    if len(words) > LONG_WORDS:
        words = words[:SHORT_WORDS]
    while len(words) > 3 and words[-1].lower().strip(",") in _LOOSE_END:
        words.pop()
    short = " ".join(words).rstrip(",;")
    return short if short and short != title else None

"""When units report: the plan's reporting deadlines, read from its organisation section.

Deadlines are read in the wordings plans use:

- "6 tháng (trước ngày 05/5), năm (trước ngày 12/11)" — a period, then its date;
- "6 tháng, năm (trước ngày 10/6 và 10/12)" — the periods, then their dates in order;
- "trước ngày 15/6 và ngày 15/12 hằng năm" — dates alone: mid-year is the 6-month
  report, year-end the annual one (marked for review, since the text names no period);
- "báo cáo quý trước ngày 10 của tháng cuối quý", "hằng quý (trước ngày 05 của tháng
  đầu quý sau)" — the four quarters, q1–q4.

A sentence about a report's deadline that cannot be mapped ("học kỳ I trước ngày
10/01", "trước 16 giờ hằng ngày") is quoted in a warning; no period is written that the
document does not set.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap

from baocao.core import keys
from baocao.core.period import DayMonth, Period, Preset
from baocao.errors import Place, Problem
from baocao.plan.importer import Draft
from baocao.plan.writing import CHECK, FILL, Marks, note

_QUARTERS = (Period.Q1, Period.Q2, Period.Q3, Period.Q4)
_ORDER = (*_QUARTERS, Period.HALF_YEAR, Period.YEAR)
# The data of the half-year and year reports ends, on the calendar, on 30/6 and 31/12.
_DEFAULT_END = {p: p.window(Preset.CALENDAR)[1] for p in (Period.HALF_YEAR, Period.YEAR)}
# While a sentence is read, a period is its code, "?" after it when guessed from its date
# alone, "~" when read from other words ("6 tháng cuối năm" is the year report), or "q"
# for each of the four quarters.
_CODES = {
    "h1": Period.HALF_YEAR.value,
    "h2": f"{Period.YEAR.value}~",
    "y": Period.YEAR.value,
    "every": Period.YEAR.value,
}

# What a reporting sentence says, in order: period words and deadlines.
_PERIOD = (
    r"(?P<h2>(?:6|06|sáu) tháng cuối năm)"
    r"|(?P<h1>(?:6|06|sáu) tháng(?: đầu năm)?)"
    r"|(?P<qn>quý (?:iv|iii|ii|i|[1-4])(?![\w/]))"
    r"|(?P<q>(?:hằng |hàng |định kỳ |báo cáo )?quý(?!\s+(?:iv|iii|ii|i|[1-4])(?![\w/])))"
    r"|(?P<other>học kỳ|năm học|hằng tháng|hàng tháng|báo cáo tháng|hằng tuần|hằng ngày|đột xuất"
    r"|(?:sơ kết|tổng kết)(?! (?:6|06|sáu) tháng| năm(?!\s*\d))|báo cáo nhanh)"
    r"|(?P<every>hằng năm|hàng năm)"
    r"|(?P<y>(?<!\d )(?:cả )?năm(?! học)(?!\s*\d))"
    r"|(?P<yn>(?:(?<=kết quả )|(?<=thực hiện )|(?<=báo cáo ))năm \d{4})"
)
_DAY_MONTH = (
    r"(?P<d>\d{1,2})\s*(?:/|-|\.|\s*tháng\s*)(?P<m>\d{1,2})(?:\s*(?:/|năm)\s*(?P<yy>\d{4}))?(?!\d)"
)
_DEADLINE = (
    rf"(?P<rel>(?:trước|chậm nhất(?: là)?|hạn)?\s*(?:ngày\s*)?(?P<rd>\d{{1,2}}) (?:của )?tháng "
    r"(?P<which>cuối|đầu|thứ nhất|thứ hai|thứ ba|thứ 1|thứ 2|thứ 3)(?: của)? quý"
    r"(?P<next> sau| tiếp theo| kế tiếp)?)"
    rf"|(?P<abs>(?:trước|chậm nhất(?: là)?|hạn(?: chót| gửi)?(?: là)?|không quá|vào)\s*(?:ngày\s*)?{_DAY_MONTH})"
    rf"|(?P<more>(?:,|và|;)\s*(?:trước\s*)?(?:ngày\s*)?{_DAY_MONTH.replace('?P<', '?P<x')})"
    r"|(?P<hour>trước \d{1,2} ?(?:giờ|h)\b)"
)
_MENTION = re.compile(f"{_PERIOD}|{_DEADLINE}", re.IGNORECASE)
_REPORT_WORDS = re.compile(r"báo cáo|gửi (?:về|kết quả)", re.IGNORECASE)
_WHICH = {"đầu": 1, "thứ nhất": 1, "thứ 1": 1, "thứ hai": 2, "thứ 2": 2}


@dataclass
class Deadlines:
    """Due dates by period, why some need review, and the sentences not understood."""

    due: dict[Period, DayMonth] = field(default_factory=dict)
    doubts: dict[Period, str] = field(default_factory=dict)
    sources: dict[Period, str] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences ('. ' before a capital letter)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])", text)
    return [p.strip() for p in parts if p.strip()]


def deadlines(texts: list[str]) -> Deadlines:
    """Reporting deadlines of every sentence of ``texts`` that speaks of reports."""
    found = Deadlines()
    for text in texts:
        for sentence in sentences(text):
            if _REPORT_WORDS.search(sentence):
                _read_sentence(sentence, found)
    return found


def _mentions(sentence: str) -> list[tuple[str, re.Match[str]]]:
    """Period words and deadlines of a sentence, in order; "hằng năm" after the last date
    ("trước ngày 15/6 và 15/12 hằng năm") means every year, not the annual report."""
    found = []
    for match in _MENTION.finditer(sentence):
        kind = next(k for k, v in match.groupdict().items() if v is not None and k in _KINDS)
        found.append(("y" if kind == "yn" else kind, match))
    kinds = [k for k, _ in found]
    return [
        (kind, match)
        for index, (kind, match) in enumerate(found)
        if not (
            kind == "every"
            and index
            and kinds[index - 1] in _DATES
            and not any(k in _DATES for k in kinds[index + 1 :])
        )
    ]


def _read_sentence(sentence: str, found: Deadlines) -> None:
    periods: list[tuple[str, str]] = []  # (kind, words) waiting for their dates
    dates: list[tuple[str, tuple[int, int] | str]] = []
    pairs: list[tuple[str, tuple[int, int] | str]] = []
    unreadable = False
    last = ""
    for kind, match in _mentions(sentence):
        if kind not in _DATES:
            if dates:
                unreadable |= not _pair(periods, dates, pairs)
                periods, dates = [], []
            periods.append((kind, match.group(0).lower()))
            unreadable |= kind == "other" and bool(_SOME_DEADLINE.search(sentence))
            last = "period"
            continue
        value = _date_of(kind, match)
        if value is None:
            unreadable = True
            continue
        if kind == "more" and last != "date":
            continue  # ", 10/6" with no deadline before it is not a deadline
        dates.append((kind, value))
        last = "date"
    if dates:
        unreadable |= not _pair(periods, dates, pairs)
    if not pairs and not unreadable:
        return
    for period, value in pairs:
        _record(found, period, value, sentence)
    if unreadable and sentence not in found.unread:
        found.unread.append(sentence)


_DATES = {"rel", "abs", "more", "hour"}
# A deadline of any form, to know that a sentence about another kind of report sets one.
_SOME_DEADLINE = re.compile(r"(?:trước|chậm nhất|hạn)\s*(?:ngày\s*)?\d", re.IGNORECASE)
_KINDS = {"h1", "h2", "qn", "q", "other", "every", "y", "yn", "rel", "abs", "more", "hour"}


def _date_of(kind: str, match: re.Match[str]) -> tuple[int, int] | str | None:
    if kind == "hour":
        return None
    if kind == "rel":
        which = match.group("which").lower()
        offset = 3 if match.group("next") else 0
        return f"{match.group('rd')}:{_WHICH.get(which, 3) + offset}"
    prefix = "x" if kind == "more" else ""
    day, month = int(match.group(f"{prefix}d")), int(match.group(f"{prefix}m"))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    return day, month


def _pair(
    periods: list[tuple[str, str]],
    dates: list[tuple[str, tuple[int, int] | str]],
    pairs: list[tuple[str, tuple[int, int] | str]],
) -> bool:
    """Give each date its period; False when the words and dates do not match up."""
    kinds = [k for k, _ in periods if k != "every"] or [k for k, _ in periods]
    values = [v for _, v in dates]
    if "other" in kinds:
        return False
    if not kinds:
        return _pair_by_month(values, pairs)
    if kinds == ["q"] and len(values) in (1, 4):
        if len(values) == 1 and isinstance(values[0], str):
            pairs.append(("q", values[0]))
            return True
        if len(values) == 4 and all(isinstance(v, tuple) for v in values):
            pairs.extend((q, v) for q, v in zip(_QUARTERS, values, strict=True))
            return True
        return False
    if len(kinds) == 1 and kinds[0] == "qn":
        quarter = _quarter_code(periods[-1][1])
        if len(values) == 1 and isinstance(values[0], tuple):
            pairs.append((quarter, values[0]))
            return True
        return False
    named = [(k, w) for k, w in periods if k != "every"] or periods
    if len(named) != len(values) or any(isinstance(v, str) for v in values):
        return False
    for (kind, words), value in zip(named, values, strict=True):
        code = _CODES.get(kind)
        if kind == "qn":
            code = _quarter_code(words)
        if code is None:
            return False
        pairs.append((code, value))
    return True


def _pair_by_month(
    values: list[tuple[int, int] | str], pairs: list[tuple[str, tuple[int, int] | str]]
) -> bool:
    """Dates with no period named: one in May–July is the 6-month report's, one in
    October–January the annual report's; anything else is not guessed."""
    found: list[tuple[str, tuple[int, int] | str]] = []
    for value in values:
        if not isinstance(value, tuple):
            return False
        month = value[1]
        year_end = month >= 10 or month == 1
        guess = Period.HALF_YEAR if 5 <= month <= 7 else Period.YEAR if year_end else None
        code = f"{guess.value}?" if guess is not None else None
        if code is None or any(c == code for c, _ in found):
            return False
        found.append((code, value))
    pairs.extend(found)
    return bool(found)


def _quarter_code(words: str) -> str:
    roman = words.split()[-1]
    return _QUARTERS[({"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(roman) or int(roman)) - 1].value


def _record(found: Deadlines, period: str, value: tuple[int, int] | str, sentence: str) -> None:
    if period == "q" and isinstance(value, str):  # "10 của tháng cuối quý": four dates
        day, month_in = (int(x) for x in value.split(":"))
        for index, code in enumerate(_QUARTERS):
            month = (3 * index + month_in - 1) % 12 + 1
            day_ok = min(day, calendar.monthrange(2000, month)[1])
            if found.due.get(code, (day_ok, month)) != (day_ok, month):
                found.unread.append(sentence)
            if code not in found.due:
                found.due[code] = (day_ok, month)
                found.sources[code] = sentence
        return
    if not isinstance(value, tuple):
        return
    code = Period(period.rstrip("?~"))
    if code in found.due:
        if found.due[code] != value and sentence not in found.unread:
            found.unread.append(sentence)  # a second, different deadline: say so
        return
    found.due[code] = value
    found.sources[code] = sentence
    if period.endswith("?"):
        found.doubts[code] = "văn bản không ghi kỳ báo cáo, suy ra từ ngày"
    elif period.endswith("~"):
        found.doubts[code] = "văn bản ghi '6 tháng cuối năm', đọc là báo cáo năm"


def schedule(draft: Draft, year: int, warnings: list[Problem], marks: Marks) -> CommentedMap:
    """bao_cao_dinh_ky: the deadlines found, with proposed data windows; none invented."""
    texts = [text for text, _ in draft.organisation]
    found = deadlines(texts)
    if not found.due:  # elsewhere only sentences about reports count
        found = deadlines([t for t in draft.mentions if "báo cáo" in t.lower()])
    lines = {text: line for text, line in draft.organisation}
    out = CommentedMap()
    out[keys.PRESET] = Preset.CALENDAR.value
    note(out, keys.PRESET, "lich: 01/01–30/6, 01/01–31/12; nd09: 15/12 năm trước–14/6, –14/12")
    periods = CommentedMap()
    out[keys.PERIOD] = periods
    for sentence in found.unread:
        line = next((n for t, n in lines.items() if sentence in t), None)
        warnings.append(Problem("W511", Place(draft.file, line), {"text": _short(sentence)}))
    if not found.due:
        warnings.append(Problem("W506", Place(draft.file)))
        marks.add(
            out,
            keys.PERIOD,
            (keys.SCHEDULE, keys.PERIOD),
            FILL,
            "văn bản không ghi hạn gửi báo cáo; ghi kỳ và hạn, ví dụ 6m: {han_nop: 15/6}",
            source="",
        )
        return out
    for period in _ORDER:
        if period in found.due:
            periods[period.value] = _period(period, found, lines, marks)
    return out


def _period(code: Period, found: Deadlines, lines: dict[str, int], marks: Marks) -> CommentedMap:
    day, month = found.due[code]
    sentence = found.sources[code]
    line = next((n for t, n in lines.items() if sentence in t), None)
    path = (keys.SCHEDULE, keys.PERIOD, code.value)
    entry = CommentedMap({keys.DUE: f"{day:02d}/{month}"})
    if code in found.doubts:
        marks.add(
            entry, keys.DUE, (*path, keys.DUE), CHECK, found.doubts[code], line, source=sentence
        )
    window = _window(code, day, month)
    if window is not None:
        (start, end), reason = window
        entry[keys.START], entry[keys.END] = start, end
        marks.add(entry, keys.END, (*path, keys.END), CHECK, reason, line, source=sentence)
    return entry


def _window(code: Period, day: int, month: int) -> tuple[tuple[str, str], str] | None:
    """A data window ending before a due date that falls inside its own period."""
    due = f"{day:02d}/{month}"
    if code in _DEFAULT_END:
        end_day, end_month = _DEFAULT_END[code]
        if (month, day) >= (end_month, end_day) or month == 1:
            return None
        last = f"{_last_day(month - 1)}/{month - 1}"
        return ("01/01", last), f"hạn nộp {due} nên số liệu tạm tính đến hết tháng {month - 1}"
    quarter = _QUARTERS.index(code) + 1
    if not 3 * quarter - 2 <= month <= 3 * quarter:
        return None  # due after its quarter: the whole quarter
    # Due inside the quarter: each quarter's data runs to the end of the month before its
    # due date, from where the previous quarter's stopped, so no day is counted twice.
    end = (month - 2) % 12 + 1
    start = (end - 3) % 12 + 1
    reason = f"hạn nộp {due} trong quý nên số liệu tính từ 01/{start} đến hết tháng {end}"
    return (f"01/{start:02d}", f"{_last_day(end)}/{end}"), reason


def _last_day(month: int) -> int:
    return calendar.monthrange(2000, month)[1]  # a leap year: 29/2 is read as the month's end


def _short(text: str) -> str:
    return text if len(text) <= 160 else text[:157] + "…"

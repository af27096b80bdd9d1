"""Reading a task's time frame ("quý II, quý III năm 2021") as a date range.

Pure functions only. A phrase is read in two steps: it is cut into tokens
(quarters, months, days, years, and a few words such as "từ", "đến", "trước",
"thường xuyên"); then the tokens are combined into one range covering every
date the phrase names. Anything the reader does not know makes the whole phrase
unreadable (``None``): a time frame is never guessed.

Readings that are practice rather than grammar:

- a phrase naming several periods ("quý I và quý IV") gives the one range from the
  first to the last, since a task has a single start and end date;
- "trước ngày 30/9/2023" runs from the start of the plan period to 30/9 inclusive,
  the way the plan's own "trước ngày 05/5" reporting deadlines are read;
  "trước tháng 6" and "trước quý III" end the day before that month or quarter;
- "thường xuyên", "hằng năm", "hằng quý", "liên tục" and "cả năm" without a year mean
  the whole plan period; beside a named period ("quý I hằng năm") they mean that period;
- "từ A đến B", "A đến B", "A - B" are the range A..B;
- "năm học 2025 - 2026" is 1 September 2025 to 31 May 2026.

Some readings are sure, some are the best single range for what the text says; a
:class:`Reading` says why a range deserves a second look ("quý I và quý IV" is two
stretches, not one; a school year's days vary), and the importer marks those.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days."""

    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> DateRange:
        return cls(date(year, 1, 1), date(year, 12, 31))


@dataclass(frozen=True)
class _Token:
    kind: str  # Q quarter, M month, D day, H half-year, N bare number, Y year, or a word kind
    value: int = 0
    month: int = 0  # for D


# Order matters: longer phrases before their prefixes.
_TOKEN_PATTERNS: list[tuple[str, str]] = [
    ("H1", r"(?:6|06|sáu) tháng đầu(?: năm)?"),
    ("H2", r"(?:6|06|sáu) tháng cuối(?: năm)?"),
    ("SY", r"năm học (\d{4}) ?- ?(\d{4})"),
    (
        "WHOLE",
        r"thường xuyên|liên tục|hằng năm|hàng năm|cả năm|trong năm|suốt năm"
        r"|hằng quý|hàng quý|hằng tháng|hàng tháng|định kỳ",
    ),
    ("BEFORE", r"trước ngày|trước|chậm nhất(?: là)?(?: ngày)?|hạn chót(?: là)?(?: ngày)?"),
    ("FROM", r"kể từ ngày|kể từ|từ ngày|từ"),
    ("TO", r"đến hết ngày|đến hết|đến ngày|đến|tới ngày|tới|cho đến"),
    ("D", r"(?:ngày )?(\d{1,2}) tháng (\d{1,2})(?! ?/)"),
    ("D", r"(?:ngày )?(\d{1,2})[/.](\d{1,2})(?=$|[^\d])"),
    ("Q", r"quý (iv|iii|ii|i|[1-4])(?![a-z\d])"),
    ("M", r"tháng (\d{1,2})(?!\d)"),
    ("Y", r"(?:năm |/ ?)(\d{4})(?!\d)"),
    ("Y", r"(\d{4})(?!\d)"),
    ("N", r"(iv|iii|ii|i|\d{1,2})(?![a-z\d])"),
    ("SEP", r"[,;&+-]|và"),
    ("SKIP", r"dự kiến|thực hiện|hoàn thành|triển khai|giai đoạn|trong|vào|các|năm|ngày|hết"),
]
# Every word token ends where a word ends: "và" is not the start of "vào"; a
# separator may touch the next word ("II-III").
_TOKEN_RE = re.compile(
    "|".join(
        rf"(?P<g{i}>(?:{pattern})(?![^\W\d_]))" if kind != "SEP" else rf"(?P<g{i}>[,;&+-]|và(?!\w))"
        for i, (kind, pattern) in enumerate(_TOKEN_PATTERNS)
    )
)
_KINDS = {
    f"g{i}": (kind, re.compile(pattern).groups) for i, (kind, pattern) in enumerate(_TOKEN_PATTERNS)
}


def normalise(text: str) -> str:
    """Lower case NFC with one space between words and plain hyphens."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[()\[\]:]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .;,")


def _tokenise(text: str) -> list[_Token] | None:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos] == " ":
            pos += 1
            continue
        match = _TOKEN_RE.match(text, pos)
        if match is None or match.end() == pos:
            return None
        name = match.lastgroup or ""
        kind, inner = _KINDS[name]
        first = _TOKEN_RE.groupindex[name] + 1
        token = _make_token(kind, [match.group(i) for i in range(first, first + inner)])
        if token is not None and kind == "SEP":  # "-" joins a range, "," and "và" a list
            token = _Token("SEP", 1 if match.group(name) == "-" else 0)
        if token is None:
            return None
        if token.kind != "SKIP":
            tokens.append(token)
        pos = match.end()
    return tokens


def _make_token(kind: str, groups: list[str]) -> _Token | None:
    if kind in ("Q", "N"):
        raw = groups[0]
        value = ROMAN.get(raw) or int(raw)
        if kind == "Q" and not 1 <= value <= 4:
            return None
        return _Token(kind, value)
    if kind == "M":
        month = int(groups[0])
        return _Token("M", month) if 1 <= month <= 12 else None
    if kind == "D":
        day, month = int(groups[0]), int(groups[1])
        return _Token("D", day, month) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if kind == "Y":
        year = int(groups[0])
        return _Token("Y", year) if 1900 <= year <= 2100 else None
    if kind == "SY":
        first, second = int(groups[0]), int(groups[1])
        return _Token("SY", first) if 1900 <= first <= 2100 and second == first + 1 else None
    return _Token(kind)


@dataclass
class _Point:
    """A quarter, month, half-year or day still waiting for its year."""

    kind: str
    value: int
    month: int = 0
    year: int | None = None

    def range(self) -> DateRange | None:
        if self.year is None:
            return None
        y = self.year
        if self.kind == "Q":
            first = 3 * self.value - 2
            return DateRange(date(y, first, 1), _month_end(y, first + 2))
        if self.kind == "M":
            return DateRange(date(y, self.value, 1), _month_end(y, self.value))
        if self.kind == "H":
            return (
                DateRange(date(y, 1, 1), date(y, 6, 30))
                if self.value == 1
                else DateRange(date(y, 7, 1), date(y, 12, 31))
            )
        if self.kind == "Y":
            return DateRange.year(y)
        if self.kind == "SY":
            return DateRange(date(y, 9, 1), date(y + 1, 5, 31))
        try:
            day = date(y, self.month, self.value)
        except ValueError:
            return None
        return DateRange(day, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class _Part:
    """One stretch of the phrase: its points and how they bound the range."""

    points: list[_Point]
    mode: str = "span"  # span, before, until (inclusive "đến"), from, whole
    listed: list[bool] = field(default_factory=list)  # point i follows "," or "và", not "-"


def _parts(tokens: list[_Token]) -> list[_Part] | None:
    """Group tokens into parts; years written after points are given to them."""
    parts: list[_Part] = [_Part([])]
    pending: list[_Point] = []  # points without a year yet
    last_unit = ""  # what a bare number continues: Q or M
    listing = False  # the last separator made a list, not a range
    until = False  # "từ A đến" was read: a year alone now is the range's end
    for token in tokens:
        part = parts[-1]
        if token.kind in ("Q", "M", "D", "H1", "H2", "N", "SY"):
            part.listed.append(listing and bool(part.points))
            listing = until = False
        if token.kind == "SY":
            part.points.append(_Point("SY", token.value, year=token.value))
            last_unit = ""
        elif token.kind in ("Q", "M", "D", "H1", "H2"):
            if token.kind in ("H1", "H2"):
                point = _Point("H", 1 if token.kind == "H1" else 2)
            else:
                point = _Point(token.kind, token.value, token.month)
            last_unit = token.kind if token.kind in ("Q", "M") else ""
            part.points.append(point)
            pending.append(point)
        elif token.kind == "N":
            if not last_unit or (last_unit == "M" and not 1 <= token.value <= 12):
                return None
            if last_unit == "Q" and not 1 <= token.value <= 4:
                return None
            point = _Point(last_unit, token.value)
            part.points.append(point)
            pending.append(point)
        elif token.kind == "Y":
            if until and pending and part.points and pending[-1] is part.points[-1]:
                for point in pending:  # "từ tháng 3 đến hết năm 2024"
                    point.year = token.value
                pending = []
                part.points.append(_Point("D", 31, 12, year=token.value))  # its last day
            elif pending:
                for point in pending:
                    point.year = token.value
                pending = []
            else:
                part.points.append(_Point("Y", token.value, year=token.value))
            last_unit = ""
        elif token.kind in ("BEFORE", "FROM", "TO", "WHOLE"):
            mode = {"BEFORE": "before", "FROM": "from", "TO": "until", "WHOLE": "whole"}[token.kind]
            if token.kind == "TO" and part.mode in ("from", "span") and part.points:
                part.mode = "span"  # "từ A đến B", "A đến B": simply A..B
                until = True
                continue
            if part.points or part.mode != "span":
                parts.append(_Part([], mode))
            else:
                part.mode = mode
            last_unit = ""
        elif token.kind == "SEP":
            listing = token.value == 0
    return parts


@dataclass(frozen=True)
class Reading:
    """A time frame's range, and why it deserves a second look (None: it does not)."""

    range: DateRange
    doubt: str | None = None


def parse(text: str, *, year: int | None, period: DateRange | None = None) -> DateRange | None:
    """The date range a time-frame phrase names, or None when it cannot be read.

    ``year`` is given to quarters, months and days written without one (the plan
    year); ``period`` is the whole plan period, for "thường xuyên" and for the open
    end of "trước ...", "từ ...", "đến ..." (default: the plan year).
    """
    found = read(text, year=year, period=period)
    return found.range if found else None


def read(text: str, *, year: int | None, period: DateRange | None = None) -> Reading | None:
    """Like :func:`parse`, with the reason to review the range when it is not certain."""
    tokens = _tokenise(normalise(text))
    if not tokens:
        return None
    parts = _parts(tokens)
    if parts is None:
        return None
    whole = period or (DateRange.year(year) if year is not None else None)
    named = any(part.points for part in parts)
    ranges: list[DateRange] = []
    for part in parts:
        for point in part.points:
            if point.year is None:
                point.year = year
        found = [point.range() for point in part.points]
        if any(r is None for r in found):
            return None
        spans = [r for r in found if r is not None]
        if part.mode == "whole" and not spans and named:
            continue  # "quý I hằng năm": the quarter, every year
        made = _bound(part.mode, spans, whole, part.points)
        if made is None:
            return None
        ranges.append(made)
    if not ranges:
        return None
    start, end = min(r.start for r in ranges), max(r.end for r in ranges)
    if start > end:
        return None
    return Reading(DateRange(start, end), _doubt(parts))


def _doubt(parts: list[_Part]) -> str | None:
    """Why the one range is not exactly what the text says, if it is not."""
    if any(p.kind == "SY" for part in parts for p in part.points):
        return "năm học tạm tính từ 01/9 đến 31/5"
    for part in parts:
        for index, listed in enumerate(part.listed):
            before, after = part.points[index - 1].range(), part.points[index].range()
            if listed and before and after and after.start > before.end + timedelta(days=1):
                return "văn bản ghi các khoảng không liền nhau; tạm ghi một khoảng bao trọn"
    return None


def _bound(
    mode: str, spans: list[DateRange], whole: DateRange | None, points: list[_Point]
) -> DateRange | None:
    if mode == "whole":
        if spans:  # "cả năm 2021": the year itself
            return DateRange(min(s.start for s in spans), max(s.end for s in spans))
        return whole
    if not spans:
        return None
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    if mode == "span":
        return DateRange(first, last)
    if mode == "from":
        end = whole.end if whole is not None and whole.end >= first else _year_end(first)
        return DateRange(first, end)
    # "trước ngày X" includes X; "trước tháng 6" stops before June; "đến tháng 6" includes it.
    if mode == "before":
        end = last if points[-1].kind == "D" else first - timedelta(days=1)
    else:
        end = last
    start = whole.start if whole is not None and whole.start <= end else date(end.year, 1, 1)
    return DateRange(start, end)


def _year_end(day: date) -> date:
    return date(day.year, 12, 31)


def explicit_years(text: str) -> list[int]:
    """The four-digit years a phrase writes out (to find a plan's year)."""
    tokens = _tokenise(normalise(text)) or []
    return [t.value for t in tokens if t.kind == "Y"]

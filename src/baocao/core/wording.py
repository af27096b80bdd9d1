"""Wording a signer keeps: short task names, one way of writing dates and named days,
names that read inside a sentence, lists that stay readable.

Every piece of text that reaches a report's running text from the workspace (a task's
title, an activity, a unit's note, the clerk's narrative) goes through :func:`tidy`, so the
report writes a date and a named day one way whoever typed them. All functions are pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from baocao.core.vietnamese import fold_tone, format_count2, nfc

__all__ = [
    "DEFAULT_WORDS",
    "SHORT_TITLE_MAX",
    "UnitWords",
    "in_sentence",
    "join_items",
    "named_days",
    "named_or_counted",
    "short_title",
    "tidy",
    "unify_dates",
]

NAMED_MAX = 10
"""Up to this many units a sentence names them; beyond, it counts them."""

SHORT_TITLE_MAX = 90
"""Longest short name derived from a title: about one line of a 14 pt heading."""

# Where a long title may be cut: before the words that start a purpose, a means, a place
# or an audience ("… nhằm nâng cao …", "… cho các xã …"). Never at a comma: commas join
# pairs that belong together ("phòng, chống", "phổ biến, giáo dục").
_CUT_BEFORE = re.compile(
    r"\s+(?=(?:nhằm|để|thông qua|cho|trên|tại|theo|với|bằng|đối với|gắn với|góp phần)\s)"
)
_MIN_WORDS = 3
_TRAILING = " .,;:…"


def short_title(title: str, limit: int = SHORT_TITLE_MAX) -> str:
    """A task's name short enough for a heading, cut from its full title at a phrase.

    The title up to its first ";" when that is short enough, else the longest part ending
    before "nhằm", "cho", "trên", "theo"… that fits ``limit`` characters, else the words
    that fit. "Tổ chức tập huấn, bồi dưỡng cho chủ thể … nhằm nâng cao …" gives "Tổ chức
    tập huấn, bồi dưỡng".
    """
    text = " ".join(nfc(title).split()).rstrip(_TRAILING)
    if len(text) <= limit:
        return text
    head = text.split(";", 1)[0].rstrip(_TRAILING)
    if len(head) <= limit:
        return head
    fitting = [
        cut
        for match in _CUT_BEFORE.finditer(head)
        if len(cut := head[: match.start()].rstrip(_TRAILING)) <= limit
        and len(cut.split()) >= _MIN_WORDS
    ]
    if fitting:
        return fitting[-1]
    space = head.rfind(" ", 0, limit + 1)  # no phrase fits: the words that do
    return (head[:space] if space > 0 else head[:limit]).rstrip(_TRAILING) or head[:limit]


# Named days and names whose capitalisation is fixed by law or usage, written as they must
# appear. Matching ignores case and tone placement (hòa/hoà), so "Ngày pháp luật" and
# "ngày Pháp Luật" both become "Ngày Pháp luật".
_NAMED = (
    "Ngày Pháp luật",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Tháng hành động vì trẻ em",
    "Ngày Quốc tế Thiếu nhi",
    "Ngày Gia đình Việt Nam",
    "Ngày Phụ nữ Việt Nam",
    "Ngày Quốc tế Phụ nữ",
    "Ngày Sách và Văn hóa đọc Việt Nam",
    "Ngày hội Đại đoàn kết toàn dân tộc",
    "Ngày Dân số Việt Nam",
    "Ngày Chuyển đổi số quốc gia",
)
_TONE_PAIRS = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ"}


def _loose(name: str) -> str:
    """A pattern for ``name`` that accepts either tone placement."""
    pattern = re.escape(name.casefold())
    for old, new in _TONE_PAIRS.items():
        pattern = pattern.replace(old, f"(?:{old}|{new})")
    return pattern.replace(r"\ ", r"\s")


_NAMED_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(_loose(n) for n in _NAMED) + r")(?!\w)", re.IGNORECASE
)
_NAMED_BY_KEY = {n.casefold(): n for n in _NAMED}


def _recase(match: re.Match[str]) -> str:
    written = match[0]
    canonical = _NAMED_BY_KEY.get(" ".join(fold_tone(written.casefold()).split()))
    if canonical is None or len(canonical) != len(written):
        return written
    # Keep what was typed (tone placement, spacing); take only the case of each letter.
    return "".join(
        c.upper() if model.isupper() else c.lower()
        for c, model in zip(written, canonical, strict=True)
    )


def named_days(text: str) -> str:
    """``text`` with named days written one way: "Ngày pháp luật" → "Ngày Pháp luật"."""
    return _NAMED_PATTERN.sub(_recase, text)


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def _padded(match: re.Match[str]) -> str:
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    try:
        date(year, month, day)
    except ValueError:
        return match[0]  # not a date (a ratio, a typing slip): leave it as written
    return f"{day:02d}/{month:02d}/{year}"


def unify_dates(text: str) -> str:
    """Dates in running text as dd/mm/yyyy: "10/3/2021" → "10/03/2021"."""
    return _NUMERIC_DATE.sub(_padded, text)


def tidy(text: str) -> str:
    """Text from the workspace as the report writes it: NFC, single spaces, dates and
    named days written one way."""
    return unify_dates(named_days(" ".join(nfc(text).split())))


def join_items(items: Iterable[str]) -> str:
    """Items of a list in a sentence: "A, B, C"; "A; B; C" when an item holds a comma."""
    listed = [item for item in items if item]
    return ("; " if any("," in item for item in listed) else ", ").join(listed)


def named_or_counted(units: Sequence[str]) -> str:
    """Who said something: "UBND xã A, UBND xã B" when few, "312 đơn vị" when many."""
    if len(units) <= NAMED_MAX:
        return join_items(units)
    return f"{format_count2(len(units))} đơn vị"


def in_sentence(name: str) -> str:
    """A name as written inside a sentence: the first letter lowered when it is a capital
    only because the name starts a line ("Tuyên truyền …" → "tuyên truyền …"), kept for
    proper names and abbreviations ("UBND …", "Ngày Pháp luật …", "Luật Trẻ em …")."""
    words = name.split(" ", 2)
    first = words[0]
    if not first[:1].isupper() or (len(first) > 1 and not first[1:].islower()):
        return name
    if len(words) > 1 and words[1][:1].isupper():
        return name  # two capitalised words in a row: a proper name
    return named_days(first[0].lower() + name[1:])


@dataclass(frozen=True)
class UnitWords:
    """How a report speaks of its reporting units.

    A plan may name their kind (``goi_don_vi``: "xã", "phòng, ban", "trường"): the report
    then says "03 xã đã thực hiện", "Còn 02 xã chưa gửi báo cáo". Otherwise units that act
    are "cơ quan, đơn vị" and units that send are "đơn vị", as reports write them.
    """

    actors: str = "cơ quan, đơn vị"
    senders: str = "đơn vị"

    @classmethod
    def of(cls, word: str | None) -> UnitWords:
        """The words for a plan's ``goi_don_vi`` (None: the defaults)."""
        return cls(word, word) if word else cls()


DEFAULT_WORDS = UnitWords()
"""The words of a plan that does not name the kind of its units."""

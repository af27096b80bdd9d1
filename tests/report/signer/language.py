"""Sentences, Roman-numbered sections and written dates in Vietnamese administrative text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .text import BODY, SPELLED_DATE, ReportText, safe_date

BULLET = re.compile(r"^\s*[-–+•]\s+")
LIST_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[IVXLC]+\.|[a-zđ]\))\s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
ROMAN_HEADING = re.compile(r"^([IVX]+)\.\s")
_MARKER_ONLY = re.compile(r"\s*(?:[-–+•]\s*)?(?:\d+(?:\.\d+)*|[IVXLC]+)\.")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs: a new sentence after ".", "!" or "?" and a space."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    merged: list[tuple[int, str]] = []
    for offset, sentence in out:
        if merged and _MARKER_ONLY.fullmatch(merged[-1][1]):
            merged[-1] = (merged[-1][0], text[merged[-1][0] : offset + len(sentence)])
        else:
            merged.append((offset, sentence))
    return [(offset, s) for offset, s in merged if s.strip()]


def sections(report: ReportText) -> dict[int, str]:
    """The Roman section ("I", "II", …) each body paragraph belongs to ("" before the first)."""
    current, out = "", {}
    for paragraph in report.part(BODY):
        match = ROMAN_HEADING.match(paragraph.text.strip())
        if match and not paragraph.in_table:
            current = match[1]
        out[paragraph.index] = current
    return out


@dataclass(frozen=True)
class DateMention:
    """A date written in the text. ``day`` is None when the written date does not exist."""

    start: int
    end: int
    written: str
    day: date | None
    kind: str  # numeric, iso, spelled, short, month, school_year

    @property
    def exact(self) -> bool:
        return self.kind in ("numeric", "iso", "spelled", "short")


_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?![\d/\-])")
_ISO = re.compile(r"(?<![\d/.\-])(\d{4})-(\d{2})-(\d{2})(?![\d\-])")
_SHORT = re.compile(r"\bngày\s+(\d{1,2})/(\d{1,2})(?![\d/])", re.IGNORECASE)
_MONTH = re.compile(r"\btháng\s+(\d{1,2})(?:/|\s+năm\s+)(\d{4})(?!\d)", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"năm học\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)


def find_dates(text: str, year: int | None = None) -> list[DateMention]:
    """Dates in ``text``: 05/3/2021, 2021-03-05, ngày 5 tháng 3 năm 2021, ngày 05/3 (in
    ``year``), tháng 3/2021 and tháng 3 năm 2021 (its first day), năm học 2021 - 2022 (1/9/2021).
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], ymd: tuple[int, int, int] | None, kind: str) -> None:
        if any(s < match.end() and match.start() < e for s, e in taken):
            return
        taken.append(match.span())
        day = safe_date(*ymd) if ymd else None
        found.append(DateMention(match.start(), match.end(), match[0], day, kind))

    for m in SPELLED_DATE.finditer(text):
        add(m, (int(m[3]), int(m[2]), int(m[1])), "spelled")
    for m in _NUMERIC.finditer(text):
        add(m, (int(m[4]), int(m[3]), int(m[1])), "numeric")
    for m in _ISO.finditer(text):
        add(m, (int(m[1]), int(m[2]), int(m[3])), "iso")
    for m in _SHORT.finditer(text):
        add(m, (year, int(m[2]), int(m[1])) if year else None, "short")
    for m in _MONTH.finditer(text):
        add(m, (int(m[2]), int(m[1]), 1), "month")
    for m in _SCHOOL_YEAR.finditer(text):
        add(m, (int(m[1]), 9, 1), "school_year")
    return sorted(found, key=lambda d: d.start)

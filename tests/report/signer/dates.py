"""Checks on dates: nothing after the report's own date, nothing outside its period, one way
of writing them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from .language import DateMention, find_dates, sections
from .text import APPENDIX, BODY, SIGNATURE, TITLE, Finding, Paragraph, ReportText, excerpt


def dates_after(report: ReportText) -> list[Finding]:
    """Any date later than the report's own date (the header date): exact dates anywhere
    (05/6/2021, 2021-06-05, ngày 5 tháng 6 năm 2021, "ngày 05/6" read in the report's year),
    and, outside section IV (Phương hướng, which speaks of the future), a month or school year
    that had not begun ("tháng 6/2021", "năm học 2021 - 2022" starts 1/9/2021). A date that does
    not exist (31/02/2021) is a finding too. Year-only mentions ("năm 2022") pass. Without a
    header date there is nothing to compare: ``missing_parts`` reports that.
    """
    if report.date is None:
        return []
    section = sections(report)
    findings = []
    for paragraph in report.part(TITLE, BODY, SIGNATURE, APPENDIX):
        future_ok = section.get(paragraph.index) == "IV"
        for mention in find_dates(paragraph.text, report.date.year):
            why = _date_problem(mention, report.date, future_ok)
            if why:
                snippet = excerpt(paragraph.text, mention.start, mention.end, 30)
                findings.append(Finding("dates_after", paragraph.index, snippet, why))
    return findings


def _date_problem(mention: DateMention, signed: date, future_ok: bool) -> str | None:
    if mention.day is None:
        return f"ngày {mention.written!r} không có thật"
    if mention.day <= signed or (future_ok and not mention.exact):
        return None
    what = "ngày" if mention.exact else "khoảng thời gian bắt đầu"
    return f"{what} {mention.day:%d/%m/%Y} sau ngày báo cáo {signed:%d/%m/%Y}"


_LATE = re.compile(r"([^:;,()]+?)\s*\(chậm\s+(\d+)\s+ngày\)")
_DEADLINE = re.compile(r"(?:thời hạn|hạn)\s+(?:ngày\s+)?(\d{1,2}/\d{1,2}/\d{4})")


def received_after_report(report: ReportText) -> list[Finding]:
    """A unit reported "chậm N ngày" against a deadline stated in the same paragraph whose
    deadline + N days is after the report's date: its submission arrived after the report was
    signed, so its figures cannot be in the report."""
    if report.date is None:
        return []
    findings = []
    for paragraph in report.part(BODY, APPENDIX):
        deadline = _DEADLINE.search(paragraph.text)
        mentions = find_dates(deadline[1]) if deadline else []
        if not mentions or mentions[0].day is None:
            continue
        for match in _LATE.finditer(paragraph.text):
            received = mentions[0].day + timedelta(days=int(match[2]))
            if received > report.date:
                why = f"gửi ngày {received:%d/%m/%Y}, sau ngày báo cáo {report.date:%d/%m/%Y}"
                snippet = excerpt(paragraph.text, match.start(), match.end(), 0)
                findings.append(Finding("received_after_report", paragraph.index, snippet, why))
    return findings


_WINDOW = re.compile(
    r"số liệu tính từ ngày\s+(\S+)\s+đến ngày\s+(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE
)


def data_window(report: ReportText) -> tuple[date, date] | None:
    """The window the report says its figures cover ("số liệu tính từ ngày … đến ngày …")."""
    for paragraph in report.prose(BODY):
        match = _WINDOW.search(paragraph.text)
        if match:
            ends = [find_dates(match[1]), find_dates(match[2])]
            if all(e and e[0].day for e in ends):
                return ends[0][0].day, ends[1][0].day  # type: ignore[return-value]
    return None


def dates_outside_window(report: ReportText) -> list[Finding]:
    """In section II (Kết quả thực hiện), an activity dated outside the window the report says
    it covers: its figures do not belong to this period. Read from the date that opens a result
    line ("- Ngày 24/5/2021, …"); dates cited inside a sentence pass."""
    window = data_window(report)
    if window is None:
        return []
    section = sections(report)
    findings = []
    for paragraph in report.prose(BODY):
        lead = re.match(r"\s*(?:[-–+•]\s*)?Ngày\s+(\S+?),", paragraph.text)
        mentions = find_dates(lead[1]) if lead and section.get(paragraph.index) == "II" else []
        day = mentions[0].day if mentions else None
        if day and not window[0] <= day <= window[1]:
            why = f"hoạt động ngày {day:%d/%m/%Y} ngoài kỳ số liệu {window[0]:%d/%m/%Y}–{window[1]:%d/%m/%Y}"
            findings.append(
                Finding(
                    "dates_outside_window", paragraph.index, excerpt(paragraph.text, 0, 60, 0), why
                )
            )
    return findings


_Uses = list[tuple[Paragraph, DateMention]]


def inconsistent_dates(report: ReportText) -> list[Finding]:
    """Numeric dates written in more than one way outside the header: months 3 to 9 with and
    without a leading zero (10/03/2021 and 10/3/2021), months 1 and 2 likewise, days under 10
    likewise (05/4 and 5/4), "/" and "-" mixed. "01/01/2021" beside "10/3/2021" is one way (the
    Nghị định 30 rule: a leading zero for months 1 and 2 only) and passes. Each occurrence of
    the less used form is a finding (on a tie, the form seen second). An ISO date (2021-03-10)
    in the text is always a finding."""
    uses: dict[str, dict[str, _Uses]] = defaultdict(lambda: defaultdict(list))
    findings = []
    for paragraph in report.part(TITLE, BODY, SIGNATURE, APPENDIX):
        for mention in find_dates(paragraph.text):
            if mention.kind == "iso":
                why = "ngày viết kiểu ISO (năm-tháng-ngày)"
                findings.append(_date_form_finding(paragraph, mention, why))
            elif mention.kind == "numeric":
                for feature, form in _date_forms(mention.written):
                    uses[feature][form].append((paragraph, mention))
    for feature, forms in uses.items():
        findings += _minority_forms(feature, forms)
    return sorted(findings, key=lambda f: f.index)


def _date_forms(written: str) -> Iterator[tuple[str, str]]:
    """The choices a written date shows: its separator, and the leading zeros it uses."""
    day, sep, month = re.match(r"(\d+)([/-])(\d+)", written).groups()  # type: ignore[union-attr]
    yield "dấu phân cách", sep
    if int(day) < 10:
        yield "ngày dưới 10", _zero(day)
    if int(month) < 3:
        yield "tháng 1, 2", _zero(month)
    elif int(month) < 10:
        yield "tháng 3 đến 9", _zero(month)


def _zero(number: str) -> str:
    return "có số 0 đầu" if len(number) == 2 else "không có số 0 đầu"


def _minority_forms(feature: str, forms: dict[str, _Uses]) -> list[Finding]:
    """Every use of a form other than the most used one."""
    if len(forms) < 2:
        return []
    ranked = sorted(forms.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0].index))
    usual, (example, _) = ranked[0][0], ranked[0][1][0]
    findings = []
    for form, places in ranked[1:]:
        for paragraph, mention in places:
            why = f"{feature} {form!r} ở đây nhưng {usual!r} ở {len(ranked[0][1])} chỗ khác (đoạn {example.index})"
            findings.append(_date_form_finding(paragraph, mention, why))
    return findings


def _date_form_finding(paragraph: Paragraph, mention: DateMention, why: str) -> Finding:
    snippet = excerpt(paragraph.text, mention.start, mention.end, 25)
    return Finding("inconsistent_dates", paragraph.index, snippet, why)

"""Checks on the parts a signed report cannot lack, and on whom its proposals address."""

from __future__ import annotations

import re

from .language import BULLET, ROMAN_HEADING, sections, sentences
from .text import BODY, HEADER, SIGNATURE, SPELLED_DATE, TITLE, Finding, ReportText, excerpt, squash

_PROPOSAL = re.compile(r"^(?:Đề nghị|Kiến nghị|Đề xuất)\s+(.*)", re.IGNORECASE | re.DOTALL)
_FOR_REPORT = re.compile(r"\(\s*để\s+(?:b/c|báo cáo)\s*\)", re.IGNORECASE)


def misaddressed_proposals(report: ReportText) -> list[Finding]:
    """In section V (Đề xuất, kiến nghị), each "Đề nghị …" sentence must be addressed to a body
    the report goes to "để b/c" / "để báo cáo" (every recipient except "Lưu" when none is so
    marked). Findings: a proposal to the reporting office itself (its own next step, section
    IV), to a body that is not among those recipients, or to no named body at all."""
    addressees = _report_addressees(report)
    issuer = _issuer(report)
    section = sections(report)
    findings = []
    for paragraph in report.prose(BODY):
        if section.get(paragraph.index) != "V" or ROMAN_HEADING.match(paragraph.text):
            continue
        for _, sentence in sentences(BULLET.sub("", paragraph.text)):
            why = _proposal_problem(sentence.strip(), addressees, issuer)
            if why:
                snippet = excerpt(sentence.strip(), 0, 50, 0)
                findings.append(Finding("misaddressed_proposals", paragraph.index, snippet, why))
    return findings


def _proposal_problem(sentence: str, addressees: list[str], issuer: str | None) -> str | None:
    match = _PROPOSAL.match(sentence)
    if not match:
        return None
    target = match[1].casefold()
    if issuer and target.startswith(issuer.casefold()):
        return f"đề nghị chính {issuer}: việc của cơ quan báo cáo, thuộc phương hướng"
    if any(target.startswith(a.casefold()) for a in addressees):
        return None
    if match[1][:1].isupper():
        return "gửi cơ quan không có trong nơi nhận để báo cáo"
    return "không nêu cơ quan nhận báo cáo nào được đề nghị"


def recipients(report: ReportText) -> list[str]:
    """The lines under "Nơi nhận:", without the dash and final punctuation."""
    lines, listing = [], False
    for paragraph in report.part(SIGNATURE):
        for line in paragraph.text.split("\n"):
            if re.match(r"\s*Nơi nhận", line):
                listing = True
            elif listing and BULLET.match(line):
                lines.append(BULLET.sub("", line).strip().rstrip(";.").strip())
    return lines


def _report_addressees(report: ReportText) -> list[str]:
    names = [r for r in recipients(report) if not r.casefold().startswith("lưu")]
    marked = [r for r in names if _FOR_REPORT.search(r)]
    return [_FOR_REPORT.sub("", r).strip() for r in (marked or names)]


def _issuer(report: ReportText) -> str | None:
    """The issuing body from the header's left column, as written in running text."""
    left = [p.text.strip() for p in report.part(HEADER) if p.cell and p.cell[2] == 0]
    names = [t for t in left if t and t == t.upper() and not t.startswith("SỐ")]
    if not names:
        return None
    body = " ".join(p.text for p in report.prose(BODY))
    written = re.search(re.escape(names[-1]), body, re.IGNORECASE)
    return written[0] if written else names[-1].capitalize()


_TITLE_WORDS = re.compile(r"\b(?:TS|ThS|PGS|GS|BS|KS|CN)\.\s", re.UNICODE)


def missing_parts(report: ReportText) -> list[Finding]:
    """What a signable report cannot lack: the header date (in the Nghị định 30 form: day and
    months 1–2 with a leading zero, months 3–12 without), the "Số:" line, "BÁO CÁO", a body
    ending in "./.", the signer's title (upper case) and name (no academic title), and "Nơi
    nhận:" with at least one recipient besides "Lưu", lines ending ";" and a last line
    "- Lưu: …" ending "."."""
    findings = _header_problems(report) + _body_end_problems(report)
    return findings + _signature_problems(report) + _recipient_problems(report)


def _missing(index: int, snippet: str, why: str) -> Finding:
    return Finding("missing_parts", index, snippet, why)


def _header_problems(report: ReportText) -> list[Finding]:
    header = report.part(HEADER)
    findings = []
    if report.date is None:
        findings.append(_missing(-1, "", "không có ngày tháng năm ban hành"))
    for paragraph in header:
        match = SPELLED_DATE.search(paragraph.text)
        if match and not _nd30_date_form(match[1], match[2]):
            findings.append(
                _missing(
                    paragraph.index, match[0], "ngày tháng không đúng cách viết của Nghị định 30"
                )
            )
    if not any(re.match(r"\s*Số\s*:", p.text) for p in header):
        findings.append(_missing(-1, "", 'không có dòng "Số:"'))
    if not any(squash(p.text) == "BÁO CÁO" for p in report.part(TITLE)):
        findings.append(_missing(-1, "", 'không có tên loại "BÁO CÁO"'))
    return findings


def _nd30_date_form(day: str, month: str) -> bool:
    """Days under 10 and months 1, 2 take a leading zero; months 3 to 9 do not."""
    day_ok = len(day) == 2
    month_ok = len(month) == 2 if int(month) < 3 or int(month) >= 10 else len(month) == 1
    return day_ok and month_ok


def _body_end_problems(report: ReportText) -> list[Finding]:
    body = report.prose(BODY)
    if body and body[-1].text.rstrip().endswith("./."):
        return []
    last = body[-1] if body else None
    snippet = excerpt(last.text, len(last.text), len(last.text), 40) if last else ""
    return [
        _missing(last.index if last else -1, snippet, 'phần nội dung không kết thúc bằng "./."')
    ]


def _signer_lines(report: ReportText) -> list[tuple[int, str]]:
    """Signature lines that are not the recipient list."""
    out = []
    for paragraph in report.part(SIGNATURE):
        if paragraph.cell and paragraph.cell[2] == 0:
            continue  # the left column of the signature table holds Nơi nhận
        for line in paragraph.text.split("\n"):
            if line.strip() and not re.match(r"\s*Nơi nhận", line) and not BULLET.match(line):
                out.append((paragraph.index, line.strip()))
    return out


def _signature_problems(report: ReportText) -> list[Finding]:
    lines = _signer_lines(report)
    titles = [(i, t) for i, t in lines if t == t.upper() and re.search(r"[A-ZĐ]{2}", t)]
    names = [(i, t) for i, t in lines if t != t.upper()]
    findings = []
    if not titles:
        findings.append(_missing(-1, "", "không có chức vụ người ký"))
    if not names:
        findings.append(_missing(-1, "", "không có họ tên người ký"))
    for index, name in names:
        if _TITLE_WORDS.search(name + " "):
            findings.append(_missing(index, name, "họ tên người ký kèm học hàm, học vị"))
    return findings


def _recipient_problems(report: ReportText) -> list[Finding]:
    names = recipients(report)
    index = next((p.index for p in report.part(SIGNATURE) if "Nơi nhận" in p.text), -1)
    if not names:
        return [_missing(index, "Nơi nhận:", "không có nơi nhận")]
    findings = []
    if all(name.casefold().startswith("lưu") for name in names):
        findings.append(
            _missing(index, "Nơi nhận:", "chỉ có nơi lưu: báo cáo không gửi cơ quan nào")
        )
    lines = [
        line.strip()
        for p in report.part(SIGNATURE)
        for line in p.text.split("\n")
        if BULLET.match(line)
    ]
    findings += [
        _missing(index, line, 'dòng nơi nhận phải kết thúc bằng ";"')
        for line in lines[:-1]
        if not line.endswith(";")
    ]
    if not (names[-1].startswith("Lưu") and lines[-1].endswith(".")):
        findings.append(
            _missing(index, lines[-1], 'dòng cuối nơi nhận phải là "- Lưu: …" và kết thúc bằng "."')
        )
    return findings

"""Checks on wording: what is left to fill, quotation marks, sentence openings, repetition,
capitals, lists that belong in an appendix."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from .language import BULLET, LIST_NUMBER, sentences
from .text import APPENDIX, BODY, TITLE, Finding, Paragraph, ReportText, excerpt, nfc

_PLACEHOLDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[[^\]\n]*\]"), "nội dung trong ngoặc vuông chờ điền"),
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}"), "mã của mẫu báo cáo chưa được thay"),
    (re.compile(r"<[^<>\n]{1,60}>"), "nội dung trong ngoặc nhọn chờ điền"),
    (re.compile(r"\.{4,}|…{2,}|(?:…\s*){2,}|_{3,}"), "dòng chấm hoặc gạch để điền tay"),
    (
        re.compile(r"(?:(?<=^)|(?<=[\s:(/]))(?:…|\.\.\.)(?=$|[\s/,;.)])"),
        "dấu … đứng thay cho nội dung chờ điền",
    ),
    (re.compile(r"CẦN ĐIỀN|DỰ THẢO|TODO|FIXME"), "dấu hiệu bản nháp"),
    (re.compile(r"(?<!\w)[xX]{3,}(?!\w)"), "ký hiệu tạm xxx"),
    (re.compile(r"(?<!\w)(?:None|null|undefined|NaN)(?!\w)"), "giá trị rỗng của chương trình"),
    (re.compile(r"\?{2,}"), "dấu ?? chờ điền"),
)


_REVIEW_MARK = re.compile(r"KIỂM TRA")


def placeholders(report: ReportText) -> list[Finding]:
    """Anything left to fill: "[...]", "…" standing alone ("Số: …/BC", "ngày … tháng"), dot or
    underscore leaders, CẦN ĐIỀN / DỰ THẢO / TODO, "KIỂM TRA" outside an upper-case heading,
    xxx, None/null, "??". An empty number ("Số:      /BC-PTP") is usual practice and passes;
    "…" attached to a word ("tin bài…", an "etc.") passes.
    """
    findings = []
    for paragraph in report.part():
        text = paragraph.text
        patterns = list(_PLACEHOLDERS)
        if text != text.upper():
            patterns.append((_REVIEW_MARK, "dấu hiệu chờ rà soát"))
        for pattern, why in patterns:
            for match in pattern.finditer(text):
                snippet = excerpt(text, match.start(), match.end())
                findings.append(Finding("placeholders", paragraph.index, snippet, why))
    return findings


_OPENING, _CLOSING = "“«", "”»"


def _quote_events(text: str) -> Iterator[tuple[int, str]]:
    """(offset, "open"|"close") for each double quote; a straight quote opens after a space,
    an opening bracket or the start, and closes otherwise."""
    for offset, char in enumerate(text):
        if char in _OPENING:
            yield offset, "open"
        elif char in _CLOSING:
            yield offset, "close"
        elif char == '"':
            before = text[offset - 1] if offset else " "
            after = text[offset + 1] if offset + 1 < len(text) else " "
            opens = (before.isspace() or before in "([{“-–:") and not after.isspace()
            yield offset, "open" if opens else "close"


def nested_quotes(report: ReportText) -> list[Finding]:
    """A quoted span inside another quoted span, with “ ” « » or " marks, and quotes left
    unclosed or closed without opening. Single quotes ‘ ’ inside double ones are the proper
    way to nest and pass."""
    findings = []
    for paragraph in report.part():
        depth, opened_at = 0, 0
        for offset, event in _quote_events(paragraph.text):
            if event == "open":
                depth += 1
                if depth == 1:
                    opened_at = offset
                elif depth == 2:
                    findings.append(
                        _quote_finding(
                            paragraph, opened_at, offset, "ngoặc kép lồng trong ngoặc kép"
                        )
                    )
            else:
                depth -= 1
                if depth < 0:
                    findings.append(
                        _quote_finding(paragraph, offset, offset + 1, "đóng ngoặc kép khi chưa mở")
                    )
                    depth = 0
        if depth > 0:
            findings.append(
                _quote_finding(paragraph, opened_at, opened_at + 1, "mở ngoặc kép không đóng")
            )
    return findings


def _quote_finding(paragraph: Paragraph, start: int, end: int, why: str) -> Finding:
    return Finding("nested_quotes", paragraph.index, excerpt(paragraph.text, start, end + 20), why)


def numeral_led_sentences(report: ReportText) -> list[Finding]:
    """A sentence that begins with a digit ("1 đơn vị gửi chậm…", "…2021. 3 đơn vị…"), in the
    title, body and appendix prose. Not findings: list numbering at a sentence start
    ("1. Ưu điểm", "1.2. …", "1) …"), the text right after a bullet ("- 03 hội nghị…" is a list
    item, as written in practice), table cells, and "1.500" (no space after the dot).
    """
    findings = []
    for paragraph in report.prose(TITLE, BODY, APPENDIX):
        text = paragraph.text
        for offset, sentence in sentences(text):
            lead = len(sentence) - len(sentence.lstrip())
            body = sentence.lstrip()
            if offset == 0 and BULLET.match(body):
                continue
            if body[:1].isdigit() and not LIST_NUMBER.match(body):
                start = offset + lead
                findings.append(
                    Finding(
                        "numeral_led_sentences",
                        paragraph.index,
                        excerpt(text, start, start + 30, 0),
                        "câu mở đầu bằng chữ số",
                    )
                )
    return findings


def _sentence_key(sentence: str) -> str:
    text = BULLET.sub("", nfc(sentence)).strip()
    text = re.sub(r"\./\.$", "", text).rstrip(" .;:")
    text = re.sub(r"\s*\([^()]*\)$", "", text)  # a trailing attribution: "(UBND xã An Bình)"
    return " ".join(text.casefold().split())


def repeated_sentences(report: ReportText, min_words: int = 6) -> list[Finding]:
    """The same sentence twice or more in the body (not in tables). Compared after Unicode NFC,
    case folding, dropping a leading bullet, the final "./." or punctuation, and one trailing
    parenthesis (the unit or time frame it is attributed to). Sentences under ``min_words``
    words (syllables between spaces, as Vietnamese is written) and lead-ins ending in ":"
    ("Một số hoạt động tiêu biểu:") are ignored. One finding per repeated sentence, at its
    second occurrence."""
    seen: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for paragraph in report.prose(BODY):
        for _, sentence in sentences(paragraph.text):
            key = _sentence_key(sentence)
            if len(key.split()) >= min_words and not sentence.rstrip().endswith(":"):
                seen[key].append((paragraph.index, sentence))
    findings = []
    for places in seen.values():
        if len(places) > 1:
            where = ", ".join(str(i) for i, _ in places)
            why = f"câu xuất hiện {len(places)} lần (đoạn {where})"
            index, sentence = places[1]
            findings.append(Finding("repeated_sentences", index, excerpt(sentence, 0, 0, 80), why))
    return findings


_WORD = re.compile(r"\w+")
_RUN_BREAK = re.compile(r"[,.;:!?()\[\]“”«»\"…/\n\t]")
_OPENS_CLAUSE = re.compile(r"[.!?:(\[“«\"\n\t]\s*[-–+•]?\s*$|^\s*[-–+•]?\s*$")


def _word_runs(text: str) -> Iterator[list[tuple[int, str, bool]]]:
    """Runs of words between punctuation; each word with its offset and whether a capital there
    could be a sentence's or a quotation's first letter."""
    start = 0
    for piece in [*_RUN_BREAK.finditer(text), None]:
        end = piece.start() if piece else len(text)
        words = [(start + m.start(), m[0]) for m in _WORD.finditer(text[start:end])]
        if words:
            first = bool(_OPENS_CLAUSE.search(text[: words[0][0]]))
            yield [(o, w, first and n == 0) for n, (o, w) in enumerate(words)]
        start = piece.end() if piece else end


def inconsistent_capitalisation(report: ReportText) -> list[Finding]:
    """The same word capitalised differently between the same neighbours ("Ngày Pháp luật nước"
    and "Ngày pháp luật nước", "về Tuyên truyền phòng" and "về tuyên truyền phòng"). Compared:
    each word with the word before it (written exactly alike) and the word after it (alike but
    for case), all three in one clause (no punctuation between). A proper name and a common noun
    rarely share both neighbours ("Luật Trẻ em năm 2016" and "vì trẻ em năm 2021" do not), so
    these pass. Upper-case paragraphs (headings), upper-case words and table cells are left out.
    Each occurrence of a less used form is a finding (on a tie, the form seen second)."""
    forms: dict[tuple[str, str, str], dict[str, list[tuple[Paragraph, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for paragraph in report.prose(TITLE, BODY, APPENDIX):
        if paragraph.text == paragraph.text.upper():
            continue
        for run in _word_runs(paragraph.text):
            for (_, left, _), (offset, word, _), (_, right, _) in zip(
                run, run[1:], run[2:], strict=False
            ):
                if not (len(word) > 1 and word == word.upper()):
                    forms[(left, word.casefold(), right.casefold())][word].append(
                        (paragraph, offset)
                    )
    findings = []
    for (left, _, right), variants in forms.items():
        if len(variants) < 2:
            continue
        ranked = sorted(variants.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0].index))
        usual, usual_places = ranked[0]
        for form, places in ranked[1:]:
            for paragraph, offset in places:
                why = (
                    f"viết '{left} {form} {right}' nhưng '{left} {usual} {right}' ở "
                    f"{len(usual_places)} chỗ khác (đoạn {usual_places[0][0].index})"
                )
                snippet = excerpt(paragraph.text, offset, offset + len(form), 30)
                findings.append(
                    Finding("inconsistent_capitalisation", paragraph.index, snippet, why)
                )
    return sorted(findings, key=lambda f: f.index)


def lists_with_commas(report: ReportText, max_items: int = 12) -> list[Finding]:
    """A body sentence that lists more than ``max_items`` comma-separated items, after a colon
    ("Đơn vị thực hiện: A, B, C, …") or inside a parenthesis ("… còn hạn hẹp (A, B, C, …)"): a
    list that long belongs in an appendix table. One finding per sentence, for its longest list."""
    findings = []
    for paragraph in report.prose(BODY):
        for _, sentence in sentences(paragraph.text):
            longest = max((_count_items(s) for s in _list_segments(sentence)), default=0)
            if longest > max_items:
                why = f"liệt kê {longest} mục trong một câu; đưa vào phụ lục"
                findings.append(
                    Finding("lists_with_commas", paragraph.index, excerpt(sentence, 0, 60, 0), why)
                )
    return findings


def _list_segments(sentence: str) -> list[str]:
    """What follows the first colon (parentheses taken out), and each parenthesis."""
    groups = re.findall(r"\(([^()]*)\)", sentence)
    _, colon, tail = sentence.partition(":")
    return [re.sub(r"\([^()]*\)", "", tail)] * bool(colon) + groups


def _count_items(segment: str) -> int:
    return len([item for item in re.split(r"[,;]", segment) if item.strip()])

"""The frame of a plan: its letterhead (bodies, number, place and date, title) and its
signature block (recipients and signer).

Real plans open with the two-column letterhead of Nghị định 30/2020 (parent body and
issuer on the left, the national motto on the right, then "Số: …" and the place and
date), then "KẾ HOẠCH" and the title; they close with "Nơi nhận:" and its list on the
left and the signer on the right. In a .txt copy both columns often share a line; in
a .docx they are a table. Whatever the document gives is returned with its line;
nothing is made up here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baocao.core import keys
from baocao.plan.document import Block, Line, Table, is_caps

_NUMBER = re.compile(
    r"^số\s*:?\s*(?P<number>[^\s,]*/\s*KH\s*[-–]\s*[A-ZĐ0-9-]+|\d{1,4}\s*-\s*KH\s*/\s*[A-ZĐ0-9/-]+)",
    re.I,
)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\d,:]{2,60}?),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.I,
)
# A letterhead line naming a place continues the body above it.
_PLACE_LEVEL = re.compile(r"^(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH|ĐẶC KHU)\b")
# The national motto lines (and a party or union's own, "ĐOÀN TNCS HỒ CHÍ MINH"); in a
# text copy of the letterhead they share lines with the issuer.
_MOTTO = re.compile(
    r"cộng h[òo]a xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc"
    r"|đảng cộng sản việt nam|đoàn tncs hồ chí minh",
    re.I,
)
# What opens the preamble after a title: a citation, or a sentence ending in ":" / ";".
_PREAMBLE = re.compile(r"^(?:căn cứ|thực hiện|nhằm|để|theo|trên cơ sở)\b", re.I)


def read_header(blocks: list[Block]) -> dict[str, tuple[str, int]]:
    """Issuing bodies, number, place and date, and title, where the document gives them."""
    lines: list[tuple[str, int]] = []
    for block in blocks:
        if isinstance(block, Line):
            lines.extend((part, block.number) for part in block.columns)
        else:  # the usual two-column letterhead table
            for row, number in zip(block.rows, block.numbers, strict=True):
                for cell in row:
                    lines.extend((part, number) for part in cell.split("\n") if part.strip())
    found: dict[str, tuple[str, int]] = {}
    bodies: list[tuple[str, int]] = []
    title: list[tuple[str, int]] = []
    in_title = False
    for raw, number in lines:
        text = _MOTTO.sub(" ", raw).strip(" _-=*.")
        if not text:
            continue
        if in_title:
            if _title_ends(title, text, number):
                in_title = False
                continue
            title.append((text, number))
            continue
        if m := _NUMBER.match(text):
            found.setdefault(
                keys.NUMBER, (re.sub(r"\s+", "", m.group("number")).replace("–", "-"), number)
            )
            text = text[m.end() :].strip()
        if m := _PLACE_DATE.search(text):
            found.setdefault(keys.PLACE, (m.group("place").strip(), number))
            found.setdefault(
                keys.ISSUED_ON, (f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}", number)
            )
            text = text[: m.start()].strip()
        if text.upper() == "KẾ HOẠCH":
            in_title = True
            found["ten_line"] = ("", number)
        elif text and is_caps(text) and keys.NUMBER not in found:
            if bodies and _PLACE_LEVEL.match(text):  # "ỦY BAN NHÂN DÂN" / "XÃ HÒA BÌNH"
                bodies[-1] = (f"{bodies[-1][0]} {text}", bodies[-1][1])
            else:
                bodies.append((text, number))
    if bodies:
        found[keys.ISSUER] = bodies[-1]
        if len(bodies) > 1:
            found[keys.PARENT_BODY] = (" ".join(b for b, _ in bodies[:-1]), bodies[0][1])
    if title:
        found[keys.NAME] = (" ".join(t for t, _ in title), found.pop("ten_line")[1])
    found.pop("ten_line", None)
    return found


def _title_ends(title: list[tuple[str, int]], text: str, number: int) -> bool:
    """Whether ``text`` is past the title: the preamble, after a blank line, or a sentence.

    The title's first line is always the title, even "Thực hiện Nghị quyết số …"; a
    line of the preamble starts "Căn cứ", or ends as a sentence does ("…như sau:").
    """
    if not title:
        return False
    if text.lower().startswith("căn cứ") or text.endswith((":", ";")) or len(title) >= 4:
        return True
    after_gap = number > title[-1][1] + 1
    return bool(_PREAMBLE.match(text)) and (after_gap or text.endswith("."))


# --- the signature block ---------------------------------------------------------------

_AUTHORITY = re.compile(r"^(?:KT|TM|TL|TUQ|Q|THỪA LỆNH|THAY MẶT|KÝ THAY)\.?\s+\S", re.I)
_AUTHORITY_PREFIX = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\.\s")
_NOTE = re.compile(r"^[(\[/].*[)\]/]\.?$|^(?:đã ký|ký bởi|ký tên|ký số)\b", re.I)
_ACADEMIC = re.compile(r"^(?:(?:GS|PGS|TS|ThS|Ths|BS|KS|CN|LS)\.\s*)+")
_RECIPIENTS = re.compile(r"^nơi nhận\s*:?\s*", re.I)
_BULLET = re.compile(r"^[-–—•+*·]\s*")


@dataclass
class Signature:
    """The signer's lines and the recipients, each with the line it came from."""

    authority: list[tuple[str, int]] = field(default_factory=list)
    title: tuple[str, int] | None = None
    name: tuple[str, int] | None = None
    recipients: list[tuple[str, int]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.title or self.name or self.recipients)


def is_name(text: str) -> bool:
    """A person's name as signatures write it: "Nguyễn Văn An" (an academic title is allowed)."""
    words = _ACADEMIC.sub("", text).split(" ")
    return 2 <= len(words) <= 6 and all(
        w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
    )


def is_signer_line(text: str) -> bool:
    """A line of the signer's column: an authority, a title in capitals, a note, a name."""
    return bool(
        _AUTHORITY.match(text)
        or _NOTE.match(text)
        or is_name(text)
        or (is_caps(text) and len(text) < 60)
    )


def starts_signature(block: Block) -> bool:
    """Whether ``block`` opens the signature block ("Nơi nhận:", or its two-column table)."""
    if isinstance(block, Table):
        return any(_RECIPIENTS.match(cell) for row in block.rows for cell in row)
    return bool(_RECIPIENTS.match(block.columns[0]))


def read_signature(blocks: list[Block]) -> Signature:
    """Recipients and signer from the blocks that follow the body of the plan.

    Reading stops at what comes after the signature: "PHỤ LỤC", a heading or a table
    that is not the signature's own.
    """
    left: list[tuple[str, int]] = []
    right: list[tuple[str, int]] = []
    for block in blocks:
        if isinstance(block, Table):
            if not _signature_table(block):
                break
            for row, number in zip(block.rows, block.numbers, strict=True):
                _cell_lines(row[0], number, left)
                for cell in row[1:]:
                    _cell_lines(cell, number, right)
            continue
        first, *rest = block.columns
        if first.lower().startswith("phụ lục") or (right and not rest and _ends_signature(first)):
            break
        _sort_line(first, block.number, left, right)
        for cell in rest:
            right.append((cell, block.number))
    return _signature(left, right)


def _signature_table(table: Table) -> bool:
    return starts_signature(table) or any(
        _AUTHORITY.match(part) for row in table.rows for cell in row for part in cell.split("\n")
    )


def _ends_signature(text: str) -> bool:
    """A line that cannot belong to the signature (a section of an appendix, prose)."""
    return not is_signer_line(text) and not _RECIPIENTS.match(text) and not _BULLET.match(text)


def _cell_lines(cell: str, number: int, out: list[tuple[str, int]]) -> None:
    out.extend((part.strip(), number) for part in cell.split("\n") if part.strip())


def _sort_line(
    text: str, number: int, left: list[tuple[str, int]], right: list[tuple[str, int]]
) -> None:
    """One column of text goes left (recipients) or right (signer); a recipient line
    that runs on into the signer's words ("- Lưu: VT. Nguyễn Văn An") is cut in two."""
    opened = _RECIPIENTS.match(text)
    if opened:
        left.append(("Nơi nhận:", number))
        rest = text[opened.end() :].strip()
        if rest:
            right.append((rest, number))
        return
    if _BULLET.match(text):
        for cut in re.finditer(r"[;.]\s+", text):
            tail = text[cut.end() :]
            if is_signer_line(tail):
                left.append((text[: cut.start() + 1], number))
                right.append((tail, number))
                return
        left.append((text, number))
        return
    right.append((text, number))


def _signature(left: list[tuple[str, int]], right: list[tuple[str, int]]) -> Signature:
    signature = Signature()
    for text, number in left:
        item = _BULLET.sub("", text).strip().rstrip(";.,").strip()
        if item and not _RECIPIENTS.match(item + ":"):
            signature.recipients.append((item, number))
    for text, number in right:
        if _NOTE.match(text):
            continue
        if signature.title is None and _AUTHORITY.match(text) and is_caps(text):
            signature.authority.append((text, number))
        elif signature.title is None and is_caps(text):
            signature.title = (text, number)
        elif signature.name is None and is_name(text):
            signature.name = (_ACADEMIC.sub("", text), number)
    # A title taken for an authority ("THAY MẶT" read loosely) when no title follows it;
    # "TM. BAN THƯỜNG VỤ" alone stays an authority and the title is missing.
    last = signature.authority[-1][0] if signature.authority else ""
    if signature.title is None and last and not _AUTHORITY_PREFIX.match(last):
        signature.title = signature.authority.pop()
    return signature

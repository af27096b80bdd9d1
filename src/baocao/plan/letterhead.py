"""The letterhead of a plan: issuing bodies, number, place and date, and title.

Real plans open with the two-column letterhead of Nghị định 30/2020 (parent body and
issuer on the left, the national motto on the right, then "Số: …" and the place and
date), then "KẾ HOẠCH" and the title. In a .txt copy both columns often share a line;
in a .docx they are a table. Whatever the document gives is returned with its line;
nothing is made up here.
"""

from __future__ import annotations

import re

from baocao.core import keys
from baocao.plan.document import Block, Line, is_caps

_NUMBER = re.compile(r"^số\s*:?\s*(?P<number>[^\s,]*/\s*KH\s*[-–]\s*[A-ZĐ0-9-]+)", re.I)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\d,:]{2,60}?),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.I,
)
# A letterhead line naming a place continues the body above it.
_PLACE_LEVEL = re.compile(r"^(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH)\b")
# The national motto lines; in a text copy of the letterhead they share lines with
# the issuer ("UBND HUYỆN X CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
_MOTTO = re.compile(
    r"cộng h[òo]a xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc", re.I
)


def read_header(blocks: list[Block]) -> dict[str, tuple[str, int]]:
    """Issuing bodies, number, place and date, and title, where the document gives them."""
    lines: list[tuple[str, int]] = []
    for block in blocks:
        if isinstance(block, Line):
            lines.extend((part, block.number) for part in re.split(r"\s{2,}|\t", block.text))
        else:  # the usual two-column letterhead table
            for row, number in zip(block.rows, block.numbers, strict=True):
                for cell in row:
                    lines.extend((part, number) for part in cell.split("\n") if part.strip())
    found: dict[str, tuple[str, int]] = {}
    bodies: list[tuple[str, int]] = []
    title: list[str] = []
    in_title = False
    for raw, number in lines:
        text = _MOTTO.sub(" ", raw).strip(" _-=*.")
        if not text:
            continue
        if in_title:
            if text.lower().startswith(("căn cứ", "thực hiện", "nhằm")):
                in_title = False
                continue
            title.append(text)
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
        found[keys.NAME] = (" ".join(title), found.pop("ten_line")[1])
    found.pop("ten_line", None)
    return found

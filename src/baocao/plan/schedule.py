"""Who reports and when: the plan's reporting deadlines and its reporting units.

Deadlines are read from the organisation section ("6 tháng (trước ngày 05/5), năm
(trước ngày 12/11)"); reporting units, which plans seldom list, are proposed from the
units named as leads and partners. Both are marked for review in the plan YAML.
"""

from __future__ import annotations

import calendar
import re
import unicodedata

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from baocao.errors import Problem
from baocao.plan.importer import Draft
from baocao.plan.writing import CHECK, FILL, note

_DEADLINE = re.compile(
    r"(?:trước|chậm nhất(?: là)?|hạn chót(?: là)?)\s*(?:ngày\s*)?(\d{1,2})\s*(?:/|tháng\s*)(\d{1,2})(?!\d)",
    re.IGNORECASE,
)
_PERIOD_WORD = re.compile(
    r"(?:6|06|sáu) tháng(?: đầu năm)?|(?:6|06|sáu) tháng cuối năm|hằng quý|hàng quý|quý"
    r"|hằng năm|hàng năm|cả năm|\bnăm\b(?!\s*\d)",
    re.IGNORECASE,
)
_DEFAULT_END = {"6m": (6, 30), "1y": (12, 31)}
DUE_PLACEHOLDER = "[ngày/tháng]"
"""What han_nop holds when the document gives no reporting deadline."""


def deadlines(texts: list[str]) -> dict[str, tuple[int, int]]:
    """Reporting deadlines "6 tháng (trước ngày 05/5), năm (trước ngày 12/11)" by period."""
    found: dict[str, tuple[int, int]] = {}
    for text in texts:
        start = 0
        for match in _DEADLINE.finditer(text):
            words = _PERIOD_WORD.findall(text[start : match.start()])
            start = match.end()
            if not words:
                continue
            word = words[-1].lower()
            period = "6m" if "tháng" in word and "cuối" not in word else None
            if word.endswith("năm") and "tháng" not in word:
                period = "1y"
            day, month = int(match.group(1)), int(match.group(2))
            if period and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]:
                found.setdefault(period, (day, month))
    return found


def schedule(draft: Draft, year: int, warnings: list[Problem]) -> CommentedMap:
    """bao_cao_dinh_ky: the deadlines found (or placeholders), with proposed data windows."""
    texts = [text for text, _ in draft.organisation]
    # Elsewhere only sentences about reports count: a task's "trước ngày 30/9" is no deadline.
    found = deadlines(texts) or deadlines([t for t in draft.mentions if "báo cáo" in t.lower()])
    schedule = CommentedMap()
    schedule["cach_tinh"] = "lich"
    note(schedule, "cach_tinh", "lich: 01/01–30/6, 01/01–31/12; nd09: 15/12 năm trước–14/6, –14/12")
    periods = CommentedMap()
    if not found:  # no made-up deadline: a placeholder that validation names
        for period in ("6m", "1y"):
            periods[period] = CommentedMap(han_nop=DUE_PLACEHOLDER)
            note(periods[period], "han_nop", f"{FILL}: văn bản không ghi hạn gửi báo cáo")
        warnings.append(Problem("W506", draft.file, None, None, {"due": DUE_PLACEHOLDER}))
    for period, (day, month) in found.items():
        entry = CommentedMap(han_nop=f"{day:02d}/{month}")
        end_month, end_day = _DEFAULT_END[period]
        if (month, day) < (end_month, end_day) and month > 1:
            last = calendar.monthrange(year, month - 1)[1]
            entry["tu_ngay"] = "01/01"
            entry["den_ngay"] = f"{last}/{month - 1}"
            note(
                entry,
                "den_ngay",
                f"{CHECK}: hạn nộp {day:02d}/{month} nên số liệu tạm tính đến hết tháng {month - 1}",
            )
        periods[period] = entry
    schedule["ky"] = periods
    return schedule


def slug(name: str) -> str:
    """A unit code from its name: 'Phòng Tư pháp' -> 'phong-tu-phap'."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")[:80].strip("-")


def ascii_fold(text: str) -> str:
    """Text without diacritics: 'Đài Phát thanh' -> 'Dai Phat thanh'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


_COLLECTIVE = re.compile(r"^(các|những|mọi|cơ quan|đơn vị)\b|\bcác\b|liên quan", re.IGNORECASE)


_UNIT_WORDS = re.compile(
    r"^(?:Sở|Phòng|Ban|Bộ|Cục|Chi cục|Vụ|Viện|Văn phòng|Thanh tra|Trung tâm|Trường|Bệnh viện|"
    r"UBND|Ủy ban|Uỷ ban|HĐND|Hội|Liên đoàn|Mặt trận|MTTQ|Đoàn|Huyện Đoàn|Tỉnh Đoàn|Thành Đoàn|"
    r"Đài|Báo|Công an|Quân sự|Bộ Chỉ huy|Ban Chỉ huy|Tòa án|Toà án|Viện kiểm sát|Kho bạc|"
    r"Ngân hàng|Chi nhánh|Bưu điện|Công chức|Cán bộ|Các|các|Những|những)\b"
)


def unit_names(text: str) -> list[str]:
    """Names in a list of units; a comma inside a name ("Sở Văn hóa, Thể thao và Du lịch")
    is kept, since what follows it does not start a unit name."""
    names: list[str] = []
    for chunk in re.split(r";", text):
        for part in chunk.split(","):
            part = part.strip().rstrip(".")
            if not part:
                continue
            if names and not _UNIT_WORDS.match(part):
                names[-1] = f"{names[-1]}, {part}"
            else:
                names.append(part)
        names.append("")  # a semicolon always ends a name
    return [n for n in names if n]


def reporting_units(draft: Draft, warnings: list[Problem]) -> tuple[CommentedSeq, str]:
    """Reporting units named as leads or partners, or one placeholder; and a note on them."""
    names: dict[str, str] = {}
    for task in draft.tasks:
        for key in ("lead", "partners"):
            for name in unit_names(task.fields.get(key, ("", 0))[0]):
                if name[0].isupper() and not _COLLECTIVE.search(name) and slug(name):
                    names.setdefault(slug(name), name)
    units = CommentedSeq(CommentedMap(ma=code, ten=name) for code, name in names.items())
    how = "mỗi đơn vị một mục (ma, ten); ma viết chữ thường không dấu, gạch nối,\nlà tên tệp nhật ký của đơn vị"
    if units:
        warnings.append(Problem("W504", draft.file, None, None, {"count": len(units)}))
        return (
            units,
            f"{CHECK}: đề xuất từ đơn vị chủ trì, phối hợp; bổ sung đủ đơn vị báo cáo,\n{how}",
        )
    units.append(CommentedMap(ma="don-vi-1", ten="[Tên đơn vị báo cáo]"))
    warnings.append(Problem("W505", draft.file, None, None, {}))
    return units, f"{FILL}: danh sách đơn vị báo cáo, {how}"

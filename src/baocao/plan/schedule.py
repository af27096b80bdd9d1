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

from baocao.core import keys
from baocao.core.period import DayMonth, Period, Preset
from baocao.errors import Place, Problem
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


def deadlines(texts: list[str]) -> dict[Period, DayMonth]:
    """Reporting deadlines "6 tháng (trước ngày 05/5), năm (trước ngày 12/11)" by period."""
    found: dict[Period, DayMonth] = {}
    for text in texts:
        start = 0
        for match in _DEADLINE.finditer(text):
            words = _PERIOD_WORD.findall(text[start : match.start()])
            start = match.end()
            if not words:
                continue
            word = words[-1].lower()
            period = Period.HALF_YEAR if "tháng" in word and "cuối" not in word else None
            if word.endswith("năm") and "tháng" not in word:
                period = Period.YEAR
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
    schedule[keys.PRESET] = Preset.CALENDAR.value
    note(schedule, keys.PRESET, "lich: 01/01–30/6, 01/01–31/12; nd09: 15/12 năm trước–14/6, –14/12")
    periods = CommentedMap()
    if not found:
        found = {Period.HALF_YEAR: (15, 6), Period.YEAR: (15, 12)}
        warnings.append(Problem("W506", Place(draft.file), {"due": "15/6, 15/12"}))
        missing = f"{FILL}: văn bản không ghi hạn gửi báo cáo"
    else:
        missing = None
    for period, (day, month) in found.items():
        entry = CommentedMap({keys.DUE: f"{day:02d}/{month}"})
        if missing:
            note(entry, keys.DUE, missing)
        end_day, end_month = period.window(Preset.CALENDAR)[1]
        if (month, day) < (end_month, end_day) and month > 1:
            last = calendar.monthrange(year, month - 1)[1]
            entry[keys.START] = "01/01"
            entry[keys.END] = f"{last}/{month - 1}"
            note(
                entry,
                keys.END,
                f"{CHECK}: hạn nộp {day:02d}/{month} nên số liệu tạm tính đến hết tháng {month - 1}",
            )
        periods[period.value] = entry
    schedule[keys.PERIOD] = periods
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
    units = CommentedSeq(
        CommentedMap({keys.CODE: code, keys.NAME: name}) for code, name in names.items()
    )
    how = "mỗi đơn vị một mục (ma, ten); ma viết chữ thường không dấu, gạch nối,\nlà tên tệp nhật ký của đơn vị"
    if units:
        warnings.append(Problem("W504", Place(draft.file), {"count": len(units)}))
        return (
            units,
            f"{CHECK}: đề xuất từ đơn vị chủ trì, phối hợp; bổ sung đủ đơn vị báo cáo,\n{how}",
        )
    units.append(CommentedMap({keys.CODE: "don-vi-1", keys.NAME: "[Tên đơn vị báo cáo]"}))
    warnings.append(Problem("W505", Place(draft.file)))
    return units, f"{FILL}: danh sách đơn vị báo cáo, {how}"

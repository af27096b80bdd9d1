"""Who reports: the plan's reporting units.

Reporting units are those a sentence of the organisation section names as reporting
("Trường THCS A, Trường Tiểu học A và Công an xã báo cáo …"); when it names them only as
a group ("các cơ quan, đơn vị"), the task leads are proposed and marked for review.
Partner units are never made reporting units: they are listed in a comment for the clerk
to decide.
"""

from __future__ import annotations

import re
import unicodedata

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from baocao.core import keys
from baocao.errors import Place, Problem
from baocao.plan.importer import Draft
from baocao.plan.schedule import sentences
from baocao.plan.writing import CHECK, FILL, Marks


def slug(name: str) -> str:
    """A unit code from its name: 'Phòng Tư pháp' -> 'phong-tu-phap'."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")[:80].strip("-")


def ascii_fold(text: str) -> str:
    """Text without diacritics: 'Đài Phát thanh' -> 'Dai Phat thanh'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


_COLLECTIVE = re.compile(
    r"^(các|những|mọi|cơ quan|đơn vị)\b|\bcác\b|liên quan|thành viên", re.IGNORECASE
)


_UNIT_WORDS = re.compile(
    r"^(?:Sở|Phòng|Ban|Bộ|Cục|Chi cục|Vụ|Viện|Văn phòng|Thanh tra|Trung tâm|Trường|Bệnh viện|"
    r"UBND|Ủy ban|Uỷ ban|HĐND|Hội|Chi hội|Liên đoàn|Mặt trận|MTTQ|Đoàn|Huyện Đoàn|Tỉnh Đoàn|"
    r"Thành Đoàn|Đài|Báo|Công an|Quân sự|Bộ Chỉ huy|Ban Chỉ huy|Tòa án|Toà án|Viện kiểm sát|"
    r"Kho bạc|Ngân hàng|Chi nhánh|Bưu điện|Công chức|Cán bộ|Trạm|Đồn|Hạt|Tổ|Đội|Chi bộ|"
    r"Công ty|Hợp tác xã|Thường trực|Các|các|Những|những)\b"
)


def unit_names(text: str) -> list[str]:
    """Names in a list of units; a comma inside a name ("Sở Văn hóa, Thể thao và Du lịch")
    is kept, since what follows it does not start a unit name; the last name of a list
    may follow "và" ("…, Trường Tiểu học và Công an xã")."""
    names: list[str] = []
    for chunk in re.split(r";", text):
        parts = [p.strip().rstrip(".") for p in chunk.split(",")]
        if len(parts) > 1:  # "A, B và C": the last "và" before a unit name ends a name
            last = re.split(r" và (?=" + _UNIT_WORDS.pattern[1:] + ")", parts[-1], maxsplit=1)
            parts[-1:] = [p for p in last if p]
        for part in parts:
            if not part:
                continue
            if names and not _UNIT_WORDS.match(part):
                names[-1] = f"{names[-1]}, {part}"
            else:
                names.append(part)
        names.append("")  # a semicolon always ends a name
    return [n for n in names if n]


_REPORTS = re.compile(
    r"\b(?:định kỳ |thường xuyên )?(?:gửi )?báo cáo(?! định kỳ:| kết quả:)(?=\s+(?:kết quả|định kỳ"
    r"|tình hình|quý|6 tháng|sáu tháng|năm|về|nhanh|cho|tiến độ|việc|theo|\())",
    re.IGNORECASE,
)
_LEAD_GROUP = re.compile(r"(?:cơ quan|đơn vị) (?:chủ trì|được giao)", re.IGNORECASE)


def named_reporters(draft: Draft) -> tuple[list[str], bool, str, int | None]:
    """Units a sentence names as reporting, whether it means the task leads, and the
    sentence (with its line) that says so."""
    for text, line in draft.organisation:
        for sentence in sentences(text):
            verb = _REPORTS.search(sentence)
            if verb is None or not re.search(r"kết quả|định kỳ|6 tháng|quý|năm", sentence):
                continue
            subject = sentence[: verb.start()]
            subject = re.sub(r"^.*?(?:báo cáo|[Tt]rước[^,]*,)\s*:?\s*", "", subject) or subject
            subject = subject.split(":")[-1].strip().rstrip(",")
            if _LEAD_GROUP.search(subject):
                return [], True, sentence, line
            names = [n for n in unit_names(subject) if _UNIT_WORDS.match(n)]
            names = [re.split(r" (?:căn cứ|thực hiện|theo|được)\b", n)[0] for n in names]
            if names:
                return names, False, sentence, line
    return [], False, "", None


def reporting_units(
    tree: CommentedMap, draft: Draft, warnings: list[Problem], marks: Marks
) -> None:
    """don_vi: the units the document names as reporting, else the task leads (marked)."""
    how = "mỗi đơn vị một mục (ma, ten); ma viết chữ thường không dấu, gạch nối,\nlà tên tệp nhật ký của đơn vị"
    named, leads_meant, sentence, line = named_reporters(draft)
    specific = [n for n in named if not _COLLECTIVE.search(n)]
    leads, groups = _split(_named(draft, "lead"))
    if specific:
        tree[keys.UNITS] = _units(specific)
        reason, comment = "đơn vị báo cáo theo văn bản", how
        if len(specific) < len(named):
            general = "; ".join(n for n in named if n not in specific)
            reason = f"văn bản ghi chung '{general}': thêm từng đơn vị"
    elif leads:
        tree[keys.UNITS] = _units(leads)
        reason = (
            "văn bản giao đơn vị chủ trì báo cáo"
            if leads_meant
            else "văn bản không liệt kê đơn vị báo cáo; đề xuất các đơn vị chủ trì"
        )
        warnings.append(Problem("W504", Place(draft.file), {"count": len(tree[keys.UNITS])}))
        comment = f"Bổ sung, bớt cho đúng; {how}"
        if groups:
            comment += "\nĐơn vị chủ trì ghi chung, chưa đưa vào: " + "; ".join(groups)
    else:
        tree[keys.UNITS] = CommentedSeq(
            [CommentedMap({keys.CODE: "don-vi-1", keys.NAME: "[Tên đơn vị báo cáo]"})]
        )
        warnings.append(Problem("W505", Place(draft.file), {}))
        marks.add(
            tree, keys.UNITS, (keys.UNITS,), FILL, "danh sách đơn vị báo cáo", source=sentence
        )
        tree.yaml_set_comment_before_after_key(keys.UNITS, before=f"\n{how}")
        return
    chosen = {slug(u[keys.NAME]) for u in tree[keys.UNITS]}
    partners = [p for p in _split(_named(draft, "partners"))[0] if slug(p) not in chosen]
    if partners:  # never reporting units unless the clerk says so
        comment += "\nĐơn vị phối hợp, chưa đưa vào: " + "; ".join(partners)
    marks.add(tree, keys.UNITS, (keys.UNITS,), CHECK, reason, line, source=sentence)
    tree.yaml_set_comment_before_after_key(keys.UNITS, before=f"\n{comment}")


def _named(draft: Draft, key: str) -> list[str]:
    names: dict[str, str] = {}
    for task in draft.tasks:
        for name in unit_names(task.fields.get(key, ("", 0))[0]):
            if name[0].isupper() or _COLLECTIVE.search(name):
                names.setdefault(slug(name), name)
    return [n for code, n in names.items() if code]


def _split(names: list[str]) -> tuple[list[str], list[str]]:
    """Names of single units, and names of groups ("các xã, phường")."""
    single = [n for n in names if not _COLLECTIVE.search(n) and n[0].isupper()]
    return single, [n for n in names if n not in single]


def _units(names: list[str]) -> CommentedSeq:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(slug(name), name)
    return CommentedSeq(
        CommentedMap({keys.CODE: code, keys.NAME: name}) for code, name in seen.items() if code
    )

"""Turning a :class:`~baocao.plan.importer.Draft` into the plan YAML, with review marks.

What the document gives is copied as written (NFC). What it does not give comes
from the caller's options, or becomes a placeholder in square brackets marked
``# CẦN ĐIỀN`` with a warning; what baocao proposes (indicators and targets, short
names, reporting units, data windows, a time frame's dates when the wording is not
plain, the plan's signer and recipients) is marked ``# KIỂM TRA``. Every mark is also
kept in :attr:`Built.marks` with the document's sentence it came from, so the clerk
can review them all in one list. The result always validates as a
:class:`~baocao.core.models.Plan`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from baocao.core.models import Plan, parse_date
from baocao.errors import InputError, Problem
from baocao.input.careful import to_plain
from baocao.messages import Say
from baocao.plan import timeframes
from baocao.plan.importer import Draft
from baocao.plan.schedule import schedule
from baocao.plan.tasks import TaskBuilder, task_codes
from baocao.plan.timeframes import DateRange
from baocao.plan.units import ascii_fold, reporting_units
from baocao.plan.writing import CHECK, FILL, Mark, Marks

_ABBR = re.compile(r"^[A-ZĐ0-9-]{1,20}$")


@dataclass(frozen=True)
class HeaderOptions:
    """Header values given on the command line; None means 'take it from the document'."""

    parent_body: str | None = None
    issuer: str | None = None
    issuer_abbr: str | None = None
    number: str | None = None
    issued_on: str | None = None
    place: str | None = None
    title: str | None = None
    year: int | None = None


@dataclass
class Built:
    """The plan YAML tree, the validated plan, and what the clerk must look at."""

    tree: CommentedMap
    plan: Plan
    warnings: list[Problem]
    marks: list[Mark]


# key in the YAML: (option, what it is, placeholder)
_HEADER = {
    "co_quan_chu_quan": ("--co-quan-chu-quan", "cơ quan chủ quản", "[CƠ QUAN CHỦ QUẢN]"),
    "co_quan_ban_hanh": ("--co-quan", "cơ quan ban hành", "[CƠ QUAN BAN HÀNH]"),
    "ky_hieu": ("--ky-hieu", "chữ viết tắt cơ quan", "[KÝ HIỆU]"),
    "so": ("--so", "số, ký hiệu", "[số]/KH-[KÝ HIỆU]"),
    # Never a made-up date: a real-looking 01/01 would pass into a signed report.
    "ngay_ban_hanh": ("--ngay", "ngày ban hành", "[ngày ban hành]"),
    "dia_danh": ("--dia-danh", "địa danh", "[Địa danh]"),
    "ten": ("--ten", "tên kế hoạch", "[tên kế hoạch]"),
}


def build_plan(draft: Draft, options: HeaderOptions | None = None) -> Built:
    """The plan YAML for ``draft``; raises :class:`InputError` when it has no task or year."""
    options = options or HeaderOptions()
    file = draft.file
    if not draft.tasks:
        raise InputError.one("E503", file)
    _check_options(options)
    year = options.year or _plan_year(draft)
    if year is None:
        raise InputError.one("E504", file)
    warnings: list[Problem] = []
    marks = Marks(quote=draft.quote)
    tree = CommentedMap()
    tree.yaml_set_start_comment(
        f"Kế hoạch nhập từ văn bản {PurePath(file).name} bằng lệnh baocao plan import.\n"
        f"Xem lại mọi dòng đánh dấu '# {FILL}' (văn bản không ghi) và '# {CHECK}'\n"
        "(baocao đề xuất) trước khi dùng. Mục I, II, III chép nguyên văn từ văn bản."
    )
    _header(tree, draft, options, year, warnings, marks)
    tree["nam"] = year
    title = draft.header.get("ten", ("", None))
    if options.year is None and re.search(r"năm học \d{4}", title[0]):
        reason = "năm học trải hai năm; nhật ký ghi theo năm này"
        marks.add(tree, "nam", ("nam",), CHECK, reason, title[1])
    tree["muc_dich"] = CommentedSeq(draft.purposes)
    tree.yaml_set_comment_before_after_key("muc_dich", before="\n")
    period = plan_period(title[0], year)
    builder = TaskBuilder(draft, year, period, warnings, marks)
    if re.search(r"năm học \d{4}", title[0]):
        builder.period_doubt = "cả thời gian kế hoạch, năm học tạm tính từ 01/9 đến 31/5"
    tasks = CommentedSeq()
    for task, code in zip(draft.tasks, task_codes(draft, warnings), strict=True):
        tasks.append(builder.build(task, code, len(tasks)))
        index = len(tasks) - 1
        gap = "\n" if index else ""
        before = f"{gap}{task.group}" if task.group else gap
        if before:
            tasks.yaml_set_comment_before_after_key(index, before=before, indent=2)
    builder.section_targets(tasks)
    tree["nhiem_vu"] = tasks
    tree.yaml_set_comment_before_after_key("nhiem_vu", before="\n")
    tree["to_chuc_thuc_hien"] = CommentedSeq(text for text, _ in draft.organisation)
    tree.yaml_set_comment_before_after_key("to_chuc_thuc_hien", before="\n")
    tree["bao_cao_dinh_ky"] = schedule(draft, year, warnings, marks)
    tree.yaml_set_comment_before_after_key("bao_cao_dinh_ky", before="\n")
    reporting_units(tree, draft, warnings, marks)
    _signature(tree, draft, warnings, marks)
    warnings.append(Problem("W507", file, None, None, {"count": len(tasks)}))
    for kind, name in (("purposes", "I. MỤC ĐÍCH, YÊU CẦU"), ("organisation", "TỔ CHỨC THỰC HIỆN")):
        if kind not in draft.sections:
            warnings.append(Problem("W509", file, None, None, {"section": name}))
    try:
        plan = Plan.model_validate(to_plain(tree))
    except ValidationError as exc:  # only an option value can get here: the rest is built valid
        first = exc.errors()[0]
        raise InputError.one(
            "E507",
            file,
            option=".".join(map(str, first["loc"])),
            got=first["input"],
            detail=first["msg"],
        ) from None
    return Built(tree, plan, warnings, marks.items)


def plan_period(title: str, year: int) -> DateRange:
    """The days the plan covers: what its title names ("6 tháng cuối năm 2025", "năm học
    2025 - 2026", "quý III năm 2024"), else its whole year."""
    found = re.search(
        r"(?:6|06|sáu) tháng (?:đầu|cuối) năm \d{4}|năm học \d{4} ?[-–] ?\d{4}"
        r"|quý (?:I|II|III|IV|[1-4]) năm \d{4}",
        title,
        re.IGNORECASE,
    )
    reading = timeframes.parse(found.group(0), year=year) if found else None
    return (
        reading
        if reading and reading.start.year <= year <= reading.end.year
        else DateRange.year(year)
    )


def _check_options(options: HeaderOptions) -> None:
    if options.issuer_abbr is not None and not _ABBR.match(options.issuer_abbr):
        raise InputError.one(
            "E507",
            None,
            option="--ky-hieu",
            got=options.issuer_abbr,
            detail=Say("chữ in hoa không dấu, số, dấu gạch nối", "upper-case letters, digits, -"),
        )
    if options.issued_on is not None:
        try:
            parse_date(options.issued_on)
        except ValueError:
            raise InputError.one(
                "E507",
                None,
                option="--ngay",
                got=options.issued_on,
                detail=Say("viết 2021-03-10 hoặc 10/03/2021", "write 2021-03-10 or 10/03/2021"),
            ) from None


def _plan_year(draft: Draft) -> int | None:
    """The year the title names, else the one the time frames name most, else the date's."""
    title = draft.header.get("ten", ("", 0))[0]
    if found := re.findall(r"năm (?:học )?(\d{4})\b", title):
        return int(found[-1])
    years = Counter(
        y for t in draft.tasks for y in timeframes.explicit_years(t.fields.get("time", ("", 0))[0])
    )
    if years:
        return years.most_common(1)[0][0]
    issued = draft.header.get("ngay")
    return int(issued[0][:4]) if issued else None


# --- header --------------------------------------------------------------------------


def _header(
    tree: CommentedMap,
    draft: Draft,
    options: HeaderOptions,
    year: int,
    warnings: list[Problem],
    marks: Marks,
) -> None:
    found = {key: value for key, (value, _line) in draft.header.items()}
    given = {
        "co_quan_chu_quan": options.parent_body,
        "co_quan_ban_hanh": options.issuer,
        "ky_hieu": options.issuer_abbr,
        "so": options.number,
        "ngay_ban_hanh": options.issued_on,
        "dia_danh": options.place,
        "ten": options.title,
    }
    values: dict[str, Any] = {}
    for key, value in given.items():
        doc_key = "ngay" if key == "ngay_ban_hanh" else key
        values[key] = value if value is not None else found.get(doc_key)
    if values["ten"] and options.title is None:
        values["ten"] = _lower_first(values["ten"])
    derived_abbr = False
    abbr = re.search(r"(?:/KH-|-KH/)([A-ZĐ0-9-]{1,20})$", values["so"] or "")
    if values["ky_hieu"] is None and abbr:
        values["ky_hieu"] = abbr.group(1)
    if values["ky_hieu"] is None and values["co_quan_ban_hanh"]:
        values["ky_hieu"] = _initials(values["co_quan_ban_hanh"])
        derived_abbr = True
    missing = [key for key, value in values.items() if not value]
    # A letterhead with one body (a UBND xã) has no parent body: nothing to fill in.
    no_parent = "co_quan_chu_quan" in missing and "co_quan_ban_hanh" in draft.header
    if no_parent:
        missing.remove("co_quan_chu_quan")
    for key in missing:
        values[key] = _HEADER[key][2]
    if "so" in missing and values["ky_hieu"] != _HEADER["ky_hieu"][2]:
        values["so"] = f"[số]/KH-{values['ky_hieu']}"
    if "ngay_ban_hanh" not in missing and isinstance(values["ngay_ban_hanh"], str):
        values["ngay_ban_hanh"] = parse_date(values["ngay_ban_hanh"])
    for key in ("co_quan_chu_quan", "co_quan_ban_hanh"):
        if values[key] and key not in missing:
            values[key] = values[key].upper()
    if not no_parent:
        tree["co_quan_chu_quan"] = values["co_quan_chu_quan"]
    tree["co_quan_ban_hanh"] = values["co_quan_ban_hanh"]
    if "co_quan_ban_hanh" not in missing and (name := _written_name(draft, values)):
        tree["ten_co_quan"] = name
    for key in ("ky_hieu", "dia_danh", "so", "ngay_ban_hanh", "ten"):
        tree[key] = values[key]
    for key in missing:
        marks.add(tree, key, (key,), FILL, _HEADER[key][1], source="")
    if derived_abbr:
        issuer_line = draft.header.get("co_quan_ban_hanh", ("", 0))[1]
        marks.add(tree, "ky_hieu", ("ky_hieu",), CHECK, "lấy chữ đầu tên cơ quan", issuer_line)
    if missing:
        params = {
            "fields": ", ".join(_HEADER[k][1] for k in missing),
            "options": ", ".join(_HEADER[k][0] for k in missing),
        }
        warnings.append(Problem("W503", draft.file, None, None, params))


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if len(first) > 1 and not first.isupper() else text


def _initials(name: str) -> str:
    letters = "".join(word[0] for word in name.split() if word[0].isalpha())
    abbr = ascii_fold(letters).upper()[:20]
    return abbr if _ABBR.match(abbr) else _HEADER["ky_hieu"][2]


def _written_name(draft: Draft, values: dict[str, Any]) -> str | None:
    """How the issuer's name is written in sentences of the document ('Phòng Tư pháp')."""
    issuer = values["co_quan_ban_hanh"]
    pattern = re.compile(re.escape(issuer), re.IGNORECASE)
    for text in draft.mentions:
        match = pattern.search(text)
        if match and not match.group(0).isupper():
            return match.group(0)
    # "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH" -> "Ủy ban nhân dân xã Hòa Bình": the kind of body in
    # lower case, the place as the letterhead's place line writes it (or in title case).
    council = _COUNCIL.match(issuer)
    if council is None:
        return None
    place = council.group("place")
    written = values["dia_danh"] if str(values["dia_danh"]).upper() == place else place.title()
    return f"{council.group('body').capitalize()} {council.group('level').lower()} {written}"


_COUNCIL = re.compile(
    r"^(?P<body>(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN) "
    r"(?P<level>XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH) (?P<place>.+)$"
)


# --- signature -------------------------------------------------------------------------


def _signature(tree: CommentedMap, draft: Draft, warnings: list[Problem], marks: Marks) -> None:
    """nguoi_ky and noi_nhan as the plan's signature block gives them, marked for review
    (the report's signer and recipients may differ); nothing when the block is missing."""
    signature = draft.signature
    if signature.title or signature.name:
        signer = CommentedMap()
        signer["quyen_han"] = " ".join(text for text, _ in signature.authority)
        signer["chuc_vu"] = signature.title[0] if signature.title else "[CHỨC VỤ NGƯỜI KÝ]"
        signer["ho_ten"] = signature.name[0] if signature.name else "[Họ và tên]"
        tree["nguoi_ky"] = signer
        parts = [*signature.authority, signature.title, signature.name]
        said = [part for part in parts if part is not None]
        reason = "người ký kế hoạch; người ký báo cáo đặt trong baocao.yaml có thể khác"
        source = " / ".join(text for text, _ in said)
        marks.add(tree, "nguoi_ky", ("nguoi_ky",), CHECK, reason, said[0][1], source=source)
        for key, part in (("chuc_vu", signature.title), ("ho_ten", signature.name)):
            if part is None:
                marks.add(signer, key, ("nguoi_ky", key), FILL, "văn bản không ghi", source="")
        tree.yaml_set_comment_before_after_key("nguoi_ky", before="\n")
    if signature.recipients:
        tree["noi_nhan"] = CommentedSeq(text for text, _ in signature.recipients)
        reason = "nơi nhận của kế hoạch; báo cáo thường gửi cấp trên (để b/c) và lưu VT"
        line = signature.recipients[0][1]
        source = "; ".join(text for text, _ in signature.recipients)
        marks.add(tree, "noi_nhan", ("noi_nhan",), CHECK, reason, line, source=source)
        tree.yaml_set_comment_before_after_key("noi_nhan", before="\n")
    missing = [
        what
        for what, found in (("người ký", "nguoi_ky" in tree), ("nơi nhận", signature.recipients))
        if not found
    ]
    if missing:
        warnings.append(Problem("W512", draft.file, None, None, {"what": ", ".join(missing)}))

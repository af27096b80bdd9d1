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

from baocao.core import keys
from baocao.core.models import Plan, parse_date
from baocao.errors import InputError, Place, Problem
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
    keys.PARENT_BODY: ("--co-quan-chu-quan", "cơ quan chủ quản", "[CƠ QUAN CHỦ QUẢN]"),
    keys.ISSUER: ("--co-quan", "cơ quan ban hành", "[CƠ QUAN BAN HÀNH]"),
    keys.ISSUER_ABBR: ("--ky-hieu", "chữ viết tắt cơ quan", "[KÝ HIỆU]"),
    keys.NUMBER: ("--so", "số, ký hiệu", "[số]/KH-[KÝ HIỆU]"),
    # Never a made-up date: a real-looking 01/01 would pass into a signed report.
    keys.ISSUED_ON: ("--ngay", "ngày ban hành", "[ngày ban hành]"),
    keys.PLACE: ("--dia-danh", "địa danh", "[Địa danh]"),
    keys.NAME: ("--ten", "tên kế hoạch", "[tên kế hoạch]"),
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
    tree[keys.YEAR] = year
    title = draft.header.get(keys.NAME, ("", None))
    if options.year is None and re.search(r"năm học \d{4}", title[0]):
        reason = "năm học trải hai năm; nhật ký ghi theo năm này"
        marks.add(tree, keys.YEAR, (keys.YEAR,), CHECK, reason, title[1])
    tree[keys.PURPOSES] = CommentedSeq(draft.purposes)
    tree.yaml_set_comment_before_after_key(keys.PURPOSES, before="\n")
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
    tree[keys.TASKS] = tasks
    tree.yaml_set_comment_before_after_key(keys.TASKS, before="\n")
    tree[keys.ORGANISATION] = CommentedSeq(text for text, _ in draft.organisation)
    tree.yaml_set_comment_before_after_key(keys.ORGANISATION, before="\n")
    tree[keys.SCHEDULE] = schedule(draft, year, warnings, marks)
    tree.yaml_set_comment_before_after_key(keys.SCHEDULE, before="\n")
    reporting_units(tree, draft, warnings, marks)
    _signature(tree, draft, warnings, marks)
    warnings.append(Problem("W507", Place(file), {"count": len(tasks)}))
    for kind, name in (("purposes", "I. MỤC ĐÍCH, YÊU CẦU"), ("organisation", "TỔ CHỨC THỰC HIỆN")):
        if kind not in draft.sections:
            warnings.append(Problem("W509", Place(file), {"section": name}))
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
    title = draft.header.get(keys.NAME, ("", 0))[0]
    if found := re.findall(r"năm (?:học )?(\d{4})\b", title):
        return int(found[-1])
    years = Counter(
        y for t in draft.tasks for y in timeframes.explicit_years(t.fields.get("time", ("", 0))[0])
    )
    if years:
        return years.most_common(1)[0][0]
    issued = draft.header.get(keys.ISSUED_ON)
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
        keys.PARENT_BODY: options.parent_body,
        keys.ISSUER: options.issuer,
        keys.ISSUER_ABBR: options.issuer_abbr,
        keys.NUMBER: options.number,
        keys.ISSUED_ON: options.issued_on,
        keys.PLACE: options.place,
        keys.NAME: options.title,
    }
    values: dict[str, Any] = {}
    for key, value in given.items():
        values[key] = value if value is not None else found.get(key)
    if values[keys.NAME] and options.title is None:
        values[keys.NAME] = _lower_first(values[keys.NAME])
    derived_abbr = False
    abbr = re.search(r"(?:/KH-|-KH/)([A-ZĐ0-9-]{1,20})$", values[keys.NUMBER] or "")
    if values[keys.ISSUER_ABBR] is None and abbr:
        values[keys.ISSUER_ABBR] = abbr.group(1)
    if values[keys.ISSUER_ABBR] is None and values[keys.ISSUER]:
        values[keys.ISSUER_ABBR] = _initials(values[keys.ISSUER])
        derived_abbr = True
    missing = [key for key, value in values.items() if not value]
    # A letterhead with one body (a UBND xã) has no parent body: nothing to fill in.
    no_parent = keys.PARENT_BODY in missing and keys.ISSUER in draft.header
    if no_parent:
        missing.remove(keys.PARENT_BODY)
    for key in missing:
        values[key] = _HEADER[key][2]
    if keys.NUMBER in missing and values[keys.ISSUER_ABBR] != _HEADER[keys.ISSUER_ABBR][2]:
        values[keys.NUMBER] = f"[số]/KH-{values[keys.ISSUER_ABBR]}"
    if keys.ISSUED_ON not in missing and isinstance(values[keys.ISSUED_ON], str):
        values[keys.ISSUED_ON] = parse_date(values[keys.ISSUED_ON])
    for key in (keys.PARENT_BODY, keys.ISSUER):
        if values[key] and key not in missing:
            values[key] = values[key].upper()
    if not no_parent:
        tree[keys.PARENT_BODY] = values[keys.PARENT_BODY]
    tree[keys.ISSUER] = values[keys.ISSUER]
    if keys.ISSUER not in missing and (name := _written_name(draft, values)):
        tree[keys.ISSUER_NAME] = name
    for key in (keys.ISSUER_ABBR, keys.PLACE, keys.NUMBER, keys.ISSUED_ON, keys.NAME):
        tree[key] = values[key]
    for key in missing:
        marks.add(tree, key, (key,), FILL, _HEADER[key][1], source="")
    if derived_abbr:
        issuer_line = draft.header.get(keys.ISSUER, ("", 0))[1]
        marks.add(
            tree,
            keys.ISSUER_ABBR,
            (keys.ISSUER_ABBR,),
            CHECK,
            "lấy chữ đầu tên cơ quan",
            issuer_line,
        )
    if missing:
        params = {
            "fields": ", ".join(_HEADER[k][1] for k in missing),
            "options": ", ".join(_HEADER[k][0] for k in missing),
        }
        warnings.append(Problem("W503", Place(draft.file), params))


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if len(first) > 1 and not first.isupper() else text


def _initials(name: str) -> str:
    letters = "".join(word[0] for word in name.split() if word[0].isalpha())
    abbr = ascii_fold(letters).upper()[:20]
    return abbr if _ABBR.match(abbr) else _HEADER[keys.ISSUER_ABBR][2]


def _written_name(draft: Draft, values: dict[str, Any]) -> str | None:
    """How the issuer's name is written in sentences of the document ('Phòng Tư pháp')."""
    issuer = values[keys.ISSUER]
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
    written = values[keys.PLACE] if str(values[keys.PLACE]).upper() == place else place.title()
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
        signer[keys.AUTHORITY] = " ".join(text for text, _ in signature.authority)
        signer[keys.TITLE] = signature.title[0] if signature.title else "[CHỨC VỤ NGƯỜI KÝ]"
        signer[keys.FULL_NAME] = signature.name[0] if signature.name else "[Họ và tên]"
        tree[keys.SIGNER] = signer
        parts = [*signature.authority, signature.title, signature.name]
        said = [part for part in parts if part is not None]
        reason = "người ký kế hoạch; người ký báo cáo đặt trong baocao.yaml có thể khác"
        source = " / ".join(text for text, _ in said)
        marks.add(tree, keys.SIGNER, (keys.SIGNER,), CHECK, reason, said[0][1], source=source)
        for key, part in ((keys.TITLE, signature.title), (keys.FULL_NAME, signature.name)):
            if part is None:
                marks.add(signer, key, (keys.SIGNER, key), FILL, "văn bản không ghi", source="")
        tree.yaml_set_comment_before_after_key(keys.SIGNER, before="\n")
    if signature.recipients:
        tree[keys.RECIPIENTS] = CommentedSeq(text for text, _ in signature.recipients)
        reason = "nơi nhận của kế hoạch; báo cáo thường gửi cấp trên (để b/c) và lưu VT"
        line = signature.recipients[0][1]
        source = "; ".join(text for text, _ in signature.recipients)
        marks.add(tree, keys.RECIPIENTS, (keys.RECIPIENTS,), CHECK, reason, line, source=source)
        tree.yaml_set_comment_before_after_key(keys.RECIPIENTS, before="\n")
    missing = [
        what
        for what, found in (("người ký", keys.SIGNER in tree), ("nơi nhận", signature.recipients))
        if not found
    ]
    if missing:
        warnings.append(Problem("W512", Place(draft.file), {"what": ", ".join(missing)}))

"""Turning a :class:`~baocao.plan.importer.Draft` into the plan YAML, with review marks.

What the document gives is copied as written (NFC). What it does not give comes
from the caller's options, or becomes a placeholder in square brackets marked
``# CẦN ĐIỀN`` with a warning; what baocao proposes (indicators, reporting units,
data windows, an unreadable time frame's dates) is marked ``# KIỂM TRA``. The
result always validates as a :class:`~baocao.core.models.Plan`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
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
from baocao.plan.importer import Draft, DraftTask
from baocao.plan.indicators import propose
from baocao.plan.schedule import ascii_fold, reporting_units, schedule
from baocao.plan.timeframes import DateRange
from baocao.plan.writing import CHECK, FILL, note

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


# key in the YAML: (option, what it is, placeholder)
_HEADER = {
    keys.PARENT_BODY: ("--co-quan-chu-quan", "cơ quan chủ quản", "[CƠ QUAN CHỦ QUẢN]"),
    keys.ISSUER: ("--co-quan", "cơ quan ban hành", "[CƠ QUAN BAN HÀNH]"),
    keys.ISSUER_ABBR: ("--ky-hieu", "chữ viết tắt cơ quan", "XXX"),
    keys.NUMBER: ("--so", "số, ký hiệu", "[số]/KH-XXX"),
    keys.ISSUED_ON: ("--ngay", "ngày ban hành", ""),
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
    tree = CommentedMap()
    tree.yaml_set_start_comment(
        f"Kế hoạch nhập từ văn bản {PurePath(file).name} bằng lệnh baocao plan import.\n"
        f"Xem lại mọi dòng đánh dấu '# {FILL}' (văn bản không ghi) và '# {CHECK}'\n"
        "(baocao đề xuất) trước khi dùng. Mục I, II, III chép nguyên văn từ văn bản."
    )
    _header(tree, draft, options, year, warnings)
    tree[keys.YEAR] = year
    tree[keys.PURPOSES] = CommentedSeq(draft.purposes)
    tree.yaml_set_comment_before_after_key(keys.PURPOSES, before="\n")
    tasks = CommentedSeq()
    for task, code in zip(draft.tasks, _codes(draft, warnings), strict=True):
        tasks.append(_task(task, code, year, file, warnings))
        index = len(tasks) - 1
        gap = "\n" if index else ""
        before = f"{gap}{task.group}" if task.group else gap
        if before:
            tasks.yaml_set_comment_before_after_key(index, before=before, indent=2)
    tree[keys.TASKS] = tasks
    tree.yaml_set_comment_before_after_key(keys.TASKS, before="\n")
    tree[keys.ORGANISATION] = CommentedSeq(text for text, _ in draft.organisation)
    tree.yaml_set_comment_before_after_key(keys.ORGANISATION, before="\n")
    tree[keys.SCHEDULE] = schedule(draft, year, warnings)
    tree.yaml_set_comment_before_after_key(keys.SCHEDULE, before="\n")
    tree[keys.UNITS], units_note = reporting_units(draft, warnings)
    tree.yaml_set_comment_before_after_key(keys.UNITS, before=f"\n{units_note}")
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
    return Built(tree, plan, warnings)


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
    if found := re.findall(r"năm (\d{4})\b", title):
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
    tree: CommentedMap, draft: Draft, options: HeaderOptions, year: int, warnings: list[Problem]
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
    abbr = re.search(r"/KH-([A-ZĐ0-9-]{1,20})$", values[keys.NUMBER] or "")
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
        values[key] = date(year, 1, 1) if key == keys.ISSUED_ON else _HEADER[key][2]
    if keys.NUMBER in missing and values[keys.ISSUER_ABBR] != "XXX":
        values[keys.NUMBER] = f"[số]/KH-{values[keys.ISSUER_ABBR]}"
    if isinstance(values[keys.ISSUED_ON], str):
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
        note(tree, key, f"{FILL}: {_HEADER[key][1]}")
    if derived_abbr:
        note(tree, keys.ISSUER_ABBR, f"{CHECK}: lấy chữ đầu tên cơ quan")
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
    return abbr if _ABBR.match(abbr) else "XXX"


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


# --- tasks ---------------------------------------------------------------------------


def _codes(draft: Draft, warnings: list[Problem]) -> list[str]:
    """NV + the number the document gives ("NV1", "NV1.2", "NV1a"), unique."""
    used: list[str] = []
    for index, task in enumerate(draft.tasks, 1):
        code = f"NV{task.number}"
        if code in used:
            code = next(f"NV{n}" for n in range(index, 10_000) if f"NV{n}" not in used)
            params = {"field": task.title[:40], "code": code}
            warnings.append(Problem("W508", Place(draft.file, task.line), params))
        used.append(code)
    return used


def _task(
    task: DraftTask, code: str, year: int, file: str, warnings: list[Problem]
) -> CommentedMap:
    """One task of nhiem_vu, with placeholders and review marks where needed."""
    out = CommentedMap()
    out[keys.CODE] = code
    out[keys.NAME] = task.title
    if task.details:
        out[keys.DETAILS] = " ".join(task.details)
    notes: dict[str, str] = {}
    lead = task.fields.get("lead")
    if lead and lead[0]:
        out[keys.LEAD] = lead[0]
    else:
        out[keys.LEAD] = "[đơn vị chủ trì]"
        notes[keys.LEAD] = f"{FILL}: văn bản không ghi đơn vị chủ trì"
        _missing(warnings, file, task.line, code, "Đơn vị chủ trì")
    partners = task.fields.get("partners")
    if partners and partners[0]:
        out[keys.PARTNERS] = partners[0]
    time = task.fields.get("time")
    whole = DateRange.year(year)
    if time and time[0]:
        out[keys.TIME_FRAME] = time[0]
        span = timeframes.parse(time[0], year=year, period=whole)
        if span is None:
            warnings.append(
                Problem(
                    "W501", Place(file, time[1]), {"field": code, "text": time[0], "year": year}
                )
            )
            notes[keys.START] = f"{CHECK}: không hiểu '{time[0]}', tạm ghi cả năm {year}"
    else:
        out[keys.TIME_FRAME] = "[chưa ghi thời gian]"
        span = None
        notes[keys.TIME_FRAME] = f"{FILL}: văn bản không ghi thời gian thực hiện"
        notes[keys.START] = f"{CHECK}: tạm ghi cả năm {year}"
        _missing(warnings, file, task.line, code, "Thời gian thực hiện")
    span = span or whole
    out[keys.START], out[keys.END] = span.start, span.end
    product = task.fields.get("product")
    if product and product[0]:
        out[keys.PRODUCT] = product[0]
    else:
        _missing(warnings, file, task.line, code, "Kết quả, sản phẩm")
    proposals, wording = propose(product[0] if product else None, task.title)
    out[keys.INDICATORS] = CommentedSeq(
        CommentedMap({keys.CODE: p.code, keys.NAME: p.label, keys.UNIT_OF_MEASURE: p.unit})
        for p in proposals
    )
    short = wording if len(wording) <= 60 else wording[:57] + "…"
    notes[keys.INDICATORS] = f'{CHECK}: chỉ tiêu đề xuất từ "{short}"'
    for key, text in notes.items():
        note(out, key, text)
    return out


def _missing(warnings: list[Problem], file: str, line: int, code: str, label: str) -> None:
    warnings.append(Problem("W502", Place(file, line), {"field": code, "label": label}))

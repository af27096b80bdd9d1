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
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from baocao.core.models import Plan, parse_date
from baocao.errors import InputError, Problem
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
    tree = CommentedMap()
    tree.yaml_set_start_comment(
        f"Kế hoạch nhập từ văn bản {PurePath(file).name} bằng lệnh baocao plan import.\n"
        f"Xem lại mọi dòng đánh dấu '# {FILL}' (văn bản không ghi) và '# {CHECK}'\n"
        "(baocao đề xuất) trước khi dùng. Mục I, II, III chép nguyên văn từ văn bản."
    )
    _header(tree, draft, options, year, warnings)
    tree["nam"] = year
    tree["muc_dich"] = CommentedSeq(draft.purposes)
    tree.yaml_set_comment_before_after_key("muc_dich", before="\n")
    tasks = CommentedSeq()
    for task, code in zip(draft.tasks, _codes(draft, warnings), strict=True):
        tasks.append(_task(task, code, year, file, warnings))
        index = len(tasks) - 1
        gap = "\n" if index else ""
        before = f"{gap}{task.group}" if task.group else gap
        if before:
            tasks.yaml_set_comment_before_after_key(index, before=before, indent=2)
    tree["nhiem_vu"] = tasks
    tree.yaml_set_comment_before_after_key("nhiem_vu", before="\n")
    tree["to_chuc_thuc_hien"] = CommentedSeq(text for text, _ in draft.organisation)
    tree.yaml_set_comment_before_after_key("to_chuc_thuc_hien", before="\n")
    tree["bao_cao_dinh_ky"] = schedule(draft, year, warnings)
    tree.yaml_set_comment_before_after_key("bao_cao_dinh_ky", before="\n")
    tree["don_vi"], units_note = reporting_units(draft, warnings)
    tree.yaml_set_comment_before_after_key("don_vi", before=f"\n{units_note}")
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
    title = draft.header.get("ten", ("", 0))[0]
    if found := re.findall(r"năm (\d{4})\b", title):
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
    tree: CommentedMap, draft: Draft, options: HeaderOptions, year: int, warnings: list[Problem]
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
    abbr = re.search(r"/KH-([A-ZĐ0-9-]{1,20})$", values["so"] or "")
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
        note(tree, key, f"{FILL}: {_HEADER[key][1]}")
    if derived_abbr:
        note(tree, "ky_hieu", f"{CHECK}: lấy chữ đầu tên cơ quan")
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


# --- tasks ---------------------------------------------------------------------------


def _codes(draft: Draft, warnings: list[Problem]) -> list[str]:
    """NV + the number the document gives ("NV1", "NV1.2", "NV1a"), unique."""
    used: list[str] = []
    for index, task in enumerate(draft.tasks, 1):
        code = f"NV{task.number}"
        if code in used:
            code = next(f"NV{n}" for n in range(index, 10_000) if f"NV{n}" not in used)
            params = {"field": task.title[:40], "code": code}
            warnings.append(Problem("W508", draft.file, task.line, None, params))
        used.append(code)
    return used


def _task(
    task: DraftTask, code: str, year: int, file: str, warnings: list[Problem]
) -> CommentedMap:
    """One task of nhiem_vu, with placeholders and review marks where needed."""
    out = CommentedMap()
    out["ma"] = code
    out["ten"] = task.title
    if task.details:
        out["noi_dung"] = " ".join(task.details)
    notes: dict[str, str] = {}
    lead = task.fields.get("lead")
    if lead and lead[0]:
        out["chu_tri"] = lead[0]
    else:
        out["chu_tri"] = "[đơn vị chủ trì]"
        notes["chu_tri"] = f"{FILL}: văn bản không ghi đơn vị chủ trì"
        _missing(warnings, file, task.line, code, "Đơn vị chủ trì")
    partners = task.fields.get("partners")
    if partners and partners[0]:
        out["phoi_hop"] = partners[0]
    time = task.fields.get("time")
    whole = DateRange.year(year)
    if time and time[0]:
        out["thoi_gian"] = time[0]
        span = timeframes.parse(time[0], year=year, period=whole)
        if span is None:
            warnings.append(
                Problem(
                    "W501",
                    file,
                    time[1],
                    None,
                    {"field": code, "text": time[0], "year": year},
                )
            )
            notes["tu_ngay"] = f"{CHECK}: không hiểu '{time[0]}', tạm ghi cả năm {year}"
    else:
        out["thoi_gian"] = "[chưa ghi thời gian]"
        span = None
        notes["thoi_gian"] = f"{FILL}: văn bản không ghi thời gian thực hiện"
        notes["tu_ngay"] = f"{CHECK}: tạm ghi cả năm {year}"
        _missing(warnings, file, task.line, code, "Thời gian thực hiện")
    span = span or whole
    out["tu_ngay"], out["den_ngay"] = span.start, span.end
    product = task.fields.get("product")
    if product and product[0]:
        out["san_pham"] = product[0]
    else:
        _missing(warnings, file, task.line, code, "Kết quả, sản phẩm")
    proposals, wording = propose(product[0] if product else None, task.title)
    out["chi_tieu"] = CommentedSeq(
        CommentedMap(ma=p.code, ten=p.label, don_vi_tinh=p.unit) for p in proposals
    )
    short = wording if len(wording) <= 60 else wording[:57] + "…"
    notes["chi_tieu"] = f'{CHECK}: chỉ tiêu đề xuất từ "{short}"'
    for key, text in notes.items():
        note(out, key, text)
    return out


def _missing(warnings: list[Problem], file: str, line: int, code: str, label: str) -> None:
    warnings.append(Problem("W502", file, line, None, {"field": code, "label": label}))

"""Workspaces for roll-up tests: one plan, units with their logs, and lower-level bodies.

A lower body's workspace carries out the upper plan (``thuc_hien_ke_hoach``) with its own
units; its summary is made the way ``compile`` makes it, without rendering a document
(the summary's figures do not depend on the document).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from baocao import api
from baocao.report.summary_writer import build_summary, dumps
from baocao.settings import Settings

PLAN_NUMBER = "25/KH-STP"
YEAR = 2021
NO_CACHE = Settings(cache=False)

TASKS = """\
nhiem_vu:
  - ma: NV1
    ten: Tuyên truyền pháp luật
    chu_tri: Sở Tư pháp
    thoi_gian: cả năm 2021
    tu_ngay: 2021-01-01
    den_ngay: 2021-12-31
    chi_tieu:
      - ma: so_buoi
        ten: buổi tuyên truyền
        don_vi_tinh: buổi
        muc_tieu: 40
      - ma: so_nguoi
        ten: lượt người tham dự
        don_vi_tinh: lượt người
      - ma: binh_quan
        ten: lượt người mỗi buổi
        don_vi_tinh: '%'
        cach_tinh:
          tu_so: so_nguoi
          mau_so: so_buoi
  - ma: NV2
    ten: Phát thanh pháp luật
    chu_tri: Đài Phát thanh
    thoi_gian: từ quý II năm 2021
    tu_ngay: 2021-04-01
    den_ngay: 2021-12-31
    chi_tieu:
      - ma: so_tin
        ten: tin, bài
        don_vi_tinh: tin, bài
        muc_tieu: 12
bao_cao_dinh_ky:
  ky:
    6m:
      han_nop: 05/7
    q3:
      han_nop: 05/10
    1y:
      han_nop: 05/01
"""

CONFIG = """\
ke_hoach: ke-hoach.yaml
nguoi_ky:
  chuc_vu: GIÁM ĐỐC
  ho_ten: Nguyễn Văn An
noi_nhan:
  - UBND tỉnh (để b/c)
  - "Lưu: VT, STP"
"""


@dataclass
class Activity:
    task: str
    day: date
    figures: dict[str, int]


@dataclass
class Unit:
    code: str
    name: str
    activities: list[Activity] = field(default_factory=list)
    sent: dict[str, date] = field(default_factory=dict)
    difficulties: list[str] = field(default_factory=list)


@dataclass
class Body:
    """A reporting unit of a plan: a unit with a log, or a lower body with its summary."""

    code: str
    name: str
    lower: bool = False


def plan_yaml(
    bodies: Sequence[Body],
    *,
    issuer: str = "SỞ TƯ PHÁP",
    issuer_name: str = "Sở Tư pháp",
    number: str = PLAN_NUMBER,
    carries_out: str | None = None,
    units_word: str | None = None,
) -> str:
    lines = [
        f"co_quan_ban_hanh: {issuer}",
        f"ten_co_quan: {issuer_name}",
        "ky_hieu: STP",
        "dia_danh: Tân Lập",
        f"so: {number}",
        "ngay_ban_hanh: 2021-01-10",
        "ten: tuyên truyền pháp luật năm 2021",
        f"nam: {YEAR}",
    ]
    if carries_out:
        lines.append(f"thuc_hien_ke_hoach: {carries_out}")
    if units_word:
        lines.append(f"goi_don_vi: {units_word}")
    lines.append(TASKS.rstrip("\n"))
    lines.append("don_vi:")
    for body in bodies:
        lines += [f"  - ma: {body.code}", f"    ten: {body.name}"]
        if body.lower:
            lines.append("    cap_duoi: true")
    return "\n".join(lines) + "\n"


def log_yaml(unit: Unit) -> str:
    lines = [f"don_vi: {unit.code}", f"nam: {YEAR}"]
    if unit.sent:
        lines.append("ngay_gui:")
        lines += [f"  {period}: {day.isoformat()}" for period, day in unit.sent.items()]
    by_task: dict[str, list[Activity]] = {}
    for act in unit.activities:
        by_task.setdefault(act.task, []).append(act)
    if by_task:
        lines.append("nhiem_vu:")
    for task, acts in by_task.items():
        lines.append(f"  {task}:")
        for number, act in enumerate(acts, 1):
            lines += [
                f"    - ngay: {act.day.isoformat()}",
                f"      noi_dung: Hoạt động {number} của {unit.name}",
            ]
            if act.figures:
                lines.append("      so_lieu:")
                lines += [f"        {code}: {value}" for code, value in act.figures.items()]
    if unit.difficulties:
        lines.append("kho_khan:")
        lines += [f"  - {text}" for text in unit.difficulties]
    return "\n".join(lines) + "\n"


def workspace(root: Path, plan: str, units: Sequence[Unit]) -> Path:
    """A workspace at ``root`` with ``plan`` and the logs of ``units``."""
    (root / str(YEAR)).mkdir(parents=True)
    (root / "baocao.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "ke-hoach.yaml").write_text(plan, encoding="utf-8")
    for unit in units:
        path = root / str(YEAR) / f"{unit.code}.yaml"
        path.write_text(log_yaml(unit), encoding="utf-8")
    return root


def summary_bytes(root: Path, period: str) -> bytes:
    """The summary ``compile`` would write for ``period`` of the workspace at ``root``."""
    ws = api.validate(root, settings=NO_CACHE)
    built = api.build(ws, period)
    summary = build_summary(
        ws,
        built.progress,
        built.comparison,
        report_date=built.report_date,
        report={"file": "ket-qua/bao-cao.docx", "sha256": "0" * 64},
        pdf=None,
        inputs=[],
        template_sha="0" * 64,
        fingerprint_hex="0" * 64,
        options={"as_of": built.as_of},
    )
    return dumps(summary)


def file_summary(upper: Path, code: str, raw: bytes, received: date) -> Path:
    """Put a lower body's summary where ``baocao nhan`` files it, received on ``received``."""
    data = json.loads(raw)
    data["received_on"] = received.isoformat()
    target = upper / str(YEAR) / f"{code}.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


MEMBERS = {
    "xa-an-binh": [
        Unit(
            "truong-a",
            "Trường THCS A",
            [Activity("NV1", date(2021, 3, 2), {"so_buoi": 2})],
            difficulties=["Thiếu tài liệu tuyên truyền."],
        ),
        Unit("truong-b", "Trường THCS B", [Activity("NV1", date(2021, 8, 2), {"so_buoi": 5})]),
    ],
    "xa-tan-hoa": [
        Unit("truong-c", "Trường THCS C", [Activity("NV2", date(2021, 5, 2), {"so_tin": 3})]),
    ],
}
NAMES = {"xa-an-binh": "UBND xã An Bình", "xa-tan-hoa": "UBND xã Tân Hòa"}
DIRECT = Unit(
    "dai-phat-thanh", "Đài Phát thanh", [Activity("NV2", date(2021, 4, 9), {"so_tin": 7})]
)


def communes(base: Path, *, direct: bool = True, units_word: str | None = None) -> Path:
    """Two communes' workspaces (./xa-an-binh, ./xa-tan-hoa), each with its schools, and the
    province's (./tinh), whose units are the two communes and (``direct``) its radio
    station, and which calls its units ``units_word``."""
    for code, members in MEMBERS.items():
        plan = plan_yaml(
            [Body(u.code, u.name) for u in members],
            issuer=NAMES[code].upper(),
            issuer_name=NAMES[code],
            number="5/KH-UBND",
            carries_out=PLAN_NUMBER,
            units_word="trường",
        )
        workspace(base / code, plan, members)
    narratives = base / "xa-an-binh" / "dien-giai"
    narratives.mkdir()
    (narratives / "2021-6m.yaml").write_text(
        "ky: 6m\nnam: 2021\nde_xuat:\n  - Đề nghị Sở Tư pháp cấp thêm tài liệu tuyên truyền.\n",
        encoding="utf-8",
    )
    bodies = [Body(code, name, lower=True) for code, name in NAMES.items()]
    others = [DIRECT] if direct else []
    plan = plan_yaml([*bodies, *(Body(u.code, u.name) for u in others)], units_word=units_word)
    workspace(base / "tinh", plan, others)
    return base


def sent(
    base: Path,
    code: str,
    period: str = "6m",
    change: Callable[[dict[str, Any]], Any] | None = None,
    name: str | None = None,
) -> Path:
    """The summary the commune ``code`` sends for ``period``, changed by ``change``."""
    data = json.loads(summary_bytes(base / code, period))
    if change is not None:
        change(data)
    path = base / (name or f"{code}-{period}.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path

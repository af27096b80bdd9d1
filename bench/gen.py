"""Write a synthetic, valid baocao workspace of any size, for benchmarks and tests.

    python bench/gen.py --units 1000 --activities 60 OUT

The plan reuses the sample plan's tasks and reporting schedule (data/ke-hoach-2021.yaml)
with ``--units`` generated reporting units; each unit gets a 2021 activity log of
``--activities`` activities spread over the year, every one dated inside its task's time
frame, with Vietnamese text (NFC), figures for the task's indicators, send dates, and a
few difficulties and proposals by period. The same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"
PLAN_NAME = "ke-hoach-2021.yaml"
YEAR = 2021


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Place names are made of two of these, so thousands of distinct communes exist.
_FIRST = _words(
    "An Bình Tân Phú Long Mỹ Hòa Thạnh Phước Hưng Thuận Vĩnh Đông Tây Nam Bắc Trung Quảng Đức "
    "Hiệp Thới Lộc Khánh Hải Sơn Thủy Lâm Tiến Tường Định Xuân Hồng Kim Ngọc Thành Lợi Quý Minh"
)
_SECOND = _words(
    "Bình Hòa Phú Lợi Thạnh Hưng Phước Long An Mỹ Thuận Lộc Tân Đông Tây Khánh Hải Sơn Trung "
    "Hiệp Hậu Điền Xuân Thành Nghĩa Quang Tiến Thịnh Vinh Hà Châu Lạc Định Đạt Cường Ninh Yên"
)
_KINDS = (("xã", "xa", 8), ("phường", "phuong", 2), ("thị trấn", "tt", 1))
_DEPARTMENTS = (
    ("Phòng Tư pháp", "phong-tu-phap"),
    ("Phòng Văn hóa và Thông tin", "phong-van-hoa-thong-tin"),
    ("Phòng Giáo dục và Đào tạo", "phong-giao-duc"),
    ("Phòng Lao động - Thương binh và Xã hội", "phong-lao-dong"),
    ("Công an huyện", "cong-an-huyen"),
    ("Đài Truyền thanh huyện", "dai-truyen-thanh"),
    ("Hội Liên hiệp Phụ nữ huyện", "hoi-phu-nu"),
    ("Huyện Đoàn", "huyen-doan"),
)

_AUDIENCES = (
    "học sinh Trường THCS {place}",
    "học sinh Trường Tiểu học {place}",
    "đoàn viên, thanh niên ấp {place}",
    "hội viên Chi hội Phụ nữ ấp {place}",
    "phụ huynh học sinh khu phố {place}",
    "cán bộ, công chức và người lao động",
    "Nhân dân ấp {place}",
    "giáo viên chủ nhiệm các trường trên địa bàn",
)
_SUBJECTS = (
    "phòng, chống xâm hại tình dục trẻ em trên môi trường mạng",
    "kỹ năng nhận diện tài khoản mạng xã hội giả mạo, dụ dỗ trẻ em",
    "Luật Trẻ em năm 2016 và các văn bản hướng dẫn thi hành",
    "thủ đoạn làm quen, lôi kéo trẻ em qua mạng xã hội",
    "trách nhiệm của gia đình trong giám sát trẻ sử dụng Internet",
    "quy định của Bộ luật Hình sự về tội phạm xâm hại tình dục người dưới 16 tuổi",
)
_PHRASES = {
    "NV1": (
        "Tuyên truyền {subject} cho {audience}",
        "Phối hợp tổ chức buổi nói chuyện chuyên đề về {subject} cho {audience}",
        "Lồng ghép tuyên truyền {subject} trong buổi sinh hoạt của {audience}",
    ),
    "NV2": (
        "Cấp phát sách, tờ gấp pháp luật về {subject} cho {audience}",
        "Tiếp nhận và phân phối tài liệu tuyên truyền về {subject} đến {audience}",
    ),
    "NV3": (
        "Biên tập, phát thanh tin, bài về {subject} trên hệ thống truyền thanh",
        "Đăng tải bài viết về {subject} trên Trang thông tin điện tử",
        "Thực hiện chuyên mục phổ biến, giáo dục pháp luật về {subject}",
    ),
    "NV4": (
        "Tổ chức hưởng ứng Ngày Pháp luật với chủ đề {subject} cho {audience}",
        "Treo băng rôn, khẩu hiệu hưởng ứng Ngày Pháp luật, tuyên truyền {subject}",
    ),
    "NV5": (
        "Tổ chức hội nghị tập huấn kỹ năng tuyên truyền {subject} cho {audience}",
        "Cử cán bộ tham dự lớp bồi dưỡng chuyên sâu về {subject}",
    ),
    "NV6": (
        "Tư vấn pháp luật, hướng dẫn thủ tục trợ giúp pháp lý liên quan đến {subject}",
        "Kiểm tra các điểm kinh doanh dịch vụ Internet, trò chơi điện tử công cộng tại ấp {place}",
        "Hỗ trợ nạn nhân và gia đình trong vụ việc liên quan đến {subject}",
    ),
}
# Typical range of each indicator for one activity.
_RANGES = {
    "so_buoi": (1, 3),
    "so_luot_nguoi": (20, 450),
    "so_cuon_sach": (10, 300),
    "so_to_gap": (50, 1500),
    "so_tin_bai": (1, 6),
    "so_luot_phat_thanh": (2, 30),
    "so_bai_dang_web": (1, 5),
    "so_hoat_dong": (1, 4),
    "so_nguoi_tham_gia": (30, 600),
    "so_hoi_nghi": (1, 2),
    "so_hoc_vien": (20, 150),
    "so_vu_viec": (1, 4),
    "so_nan_nhan": (1, 2),
    "so_cuoc_kiem_tra": (1, 5),
}
_DIFFICULTIES = (
    "Kinh phí dành cho công tác tuyên truyền còn hạn hẹp.",
    "Đội ngũ làm công tác phổ biến, giáo dục pháp luật ở cơ sở chủ yếu kiêm nhiệm.",
    "Tài liệu tuyên truyền về phòng, chống xâm hại trẻ em trên môi trường mạng còn ít.",
    "Do ảnh hưởng của dịch bệnh COVID-19, một số buổi tuyên truyền trực tiếp phải tạm hoãn.",
    "Một bộ phận phụ huynh chưa quan tâm đến việc giám sát trẻ sử dụng mạng xã hội.",
)
_PROPOSALS = (
    "Đề nghị tiếp tục cấp phát tài liệu tuyên truyền cho cơ sở.",
    "Đề nghị tổ chức tập huấn kỹ năng tuyên truyền trên môi trường mạng cho cán bộ cơ sở.",
    "Đề nghị bố trí kinh phí riêng cho hoạt động tuyên truyền phòng, chống xâm hại trẻ em.",
    "Đề nghị tăng cường phối hợp giữa nhà trường, gia đình và chính quyền địa phương.",
)


@dataclass(frozen=True)
class TaskFrame:
    """What the generator needs of a plan task."""

    code: str
    start: date
    end: date
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    place: str


def slug(text: str) -> str:
    """ASCII lower-case code of a Vietnamese name: "xã Tân Hòa" -> "xa-tan-hoa"."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in bare if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def make_units(count: int, rng: random.Random) -> list[Unit]:
    """``count`` distinct reporting units: the district's departments, then communes."""
    units = [Unit(code, name, "") for name, code in _DEPARTMENTS[: min(count, 3)]]
    seen = {u.code for u in units}
    kinds = [kind for kind in _KINDS for _ in range(kind[2])]
    while len(units) < count:
        place = f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"
        kind, kind_code, _weight = rng.choice(kinds)
        code = f"{kind_code}-{slug(place)}"
        if code in seen:
            code = f"{code}-{len(units)}"
        seen.add(code)
        units.append(Unit(code, f"UBND {kind} {place}", place))
    return units


def plan_frames(plan_text: str) -> list[TaskFrame]:
    """Tasks, time frames and indicator codes read from the sample plan's text."""
    section = re.split(r"\n(?=[^\s#])", plan_text.split("\nnhiem_vu:\n", 1)[1], maxsplit=1)[0]
    frames = []
    for block in re.split(r"\n  - ma: ", "\n" + section)[1:]:
        start = re.search(r"\n    tu_ngay: (\S+)", block)
        end = re.search(r"\n    den_ngay: (\S+)", block)
        assert start and end, block[:80]
        # ratio indicators ('%') are computed from the others, never reported by units
        indicators = tuple(
            found[1]
            for found in re.finditer(r"\n      - ma: (\S+)((?:\n        .*)*)", block)
            if "don_vi_tinh: '%'" not in found[2]
        )
        frames.append(
            TaskFrame(
                block.split("\n", 1)[0].strip(),
                date.fromisoformat(start[1]),
                date.fromisoformat(end[1]),
                indicators,
            )
        )
    return frames


def quote(text: str) -> str:
    """A YAML scalar for ``text``: plain when that is safe, double-quoted otherwise."""
    if re.fullmatch(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def plan_yaml(sample: str, units: list[Unit]) -> str:
    """The sample plan with its unit list replaced by ``units``."""
    head = sample.split("\ndon_vi:\n", 1)[0]
    lines = [head, "", "don_vi:"]
    for unit in units:
        lines += [f"  - ma: {unit.code}", f"    ten: {quote(unit.name)}", "    loai: xa"]
    return "\n".join(lines) + "\n"


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _written(day: date, rng: random.Random) -> str:
    """Dates as clerks write them: mostly ISO, sometimes dd/mm/yyyy."""
    return day.isoformat() if rng.random() < 0.8 else f"{day:%d/%m/%Y}"


def _activity_text(task: str, unit: Unit, rng: random.Random) -> str:
    place = unit.place or rng.choice(_FIRST) + " " + rng.choice(_SECOND)
    audience = rng.choice(_AUDIENCES).format(place=place)
    text = rng.choice(_PHRASES.get(task, _PHRASES["NV1"]))
    return text.format(subject=rng.choice(_SUBJECTS), audience=audience, place=place)


def log_yaml(unit: Unit, frames: list[TaskFrame], activities: int, rng: random.Random) -> str:
    """One unit's activity log for the year, as YAML text."""
    year_start, year_end = date(YEAR, 1, 1), date(YEAR, 12, 31)
    by_task: dict[str, list[tuple[date, str, dict[str, int]]]] = {f.code: [] for f in frames}
    used: set[tuple[str, date, str]] = set()
    while sum(len(v) for v in by_task.values()) < activities:
        frame = rng.choice(frames)
        day = _day(rng, max(frame.start, year_start), min(frame.end, year_end))
        text = _activity_text(frame.code, unit, rng)
        if (frame.code, day, text) in used:
            continue
        used.add((frame.code, day, text))
        chosen = [i for i in frame.indicators if rng.random() < 0.7] or [frame.indicators[0]]
        figures = {i: rng.randint(*_RANGES.get(i, (1, 10))) for i in chosen}
        by_task[frame.code].append((day, text, figures))
    sent_6m = _day(rng, date(YEAR, 4, 20), date(YEAR, 5, 12))
    # Some late, none after the office's own deadline (the sample plan's han_bao_cao 15/11).
    sent_1y = _day(rng, date(YEAR, 11, 1), date(YEAR, 11, 15))
    name = unit.name
    out = [
        f"# Nhật ký hoạt động năm {YEAR} của {name}.",
        f"don_vi: {unit.code}",
        f"nam: {YEAR}",
        "",
        "ngay_gui:",
        f"  6m: {_written(sent_6m, rng)}",
        f"  1y: {_written(sent_1y, rng)}",
        "",
        "nhiem_vu:",
    ]
    for frame in frames:
        items = sorted(by_task[frame.code])
        if not items:
            continue
        out.append(f"  {frame.code}:")
        for day, text, figures in items:
            out.append(f"    - ngay: {_written(day, rng)}")
            out.append(f"      noi_dung: {quote(text)}")
            out.append("      so_lieu:")
            out.extend(f"        {key}: {value}" for key, value in figures.items())
    out.append("")
    for key, choices in (("kho_khan", _DIFFICULTIES), ("de_xuat", _PROPOSALS)):
        out.append(f"{key}:")  # by period, as a log should hold them
        for period in ("6m", "1y"):
            out += [f"  {period}:"]
            out += [f"    - {quote(t)}" for t in rng.sample(choices, rng.randint(1, 2))]
    return unicodedata.normalize("NFC", "\n".join(out) + "\n")


def generate(out: Path, units: int, activities: int, seed: int = 2021) -> Path:
    """Write the workspace into ``out`` (replacing its plan, configuration and logs)."""
    rng = random.Random(seed)
    sample = (SAMPLE / PLAN_NAME).read_text(encoding="utf-8")
    frames = plan_frames(sample)
    made = make_units(units, rng)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE / "baocao.yaml", out / "baocao.yaml")
    (out / PLAN_NAME).write_text(plan_yaml(sample, made), encoding="utf-8")
    narratives = out / "dien-giai"
    narratives.mkdir(exist_ok=True)
    for path in sorted((SAMPLE / "dien-giai").glob("*.yaml")):
        shutil.copyfile(path, narratives / path.name)
    logs = out / str(YEAR)
    if logs.exists():
        shutil.rmtree(logs)
    logs.mkdir()
    for unit in made:
        text = log_yaml(unit, frames, activities, random.Random(f"{seed}/{unit.code}"))
        (logs / f"{unit.code}.yaml").write_text(text, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the workspace into")
    parser.add_argument("--units", type=int, default=30, help="reporting units (default 30)")
    parser.add_argument(
        "--activities", type=int, default=60, help="activities per unit (default 60)"
    )
    parser.add_argument("--seed", type=int, default=2021, help="random seed (default 2021)")
    args = parser.parse_args(argv)
    if args.units < 1 or args.activities < 0:
        parser.error("--units must be at least 1 and --activities at least 0")
    generate(args.out, args.units, args.activities, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

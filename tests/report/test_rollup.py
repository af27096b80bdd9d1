"""Roll-up: a report compiled from lower bodies' summaries says exactly what the units'
logs say, however the units are split between the lower bodies."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baocao import api
from baocao.errors import InputError
from rollup import (
    DIRECT,
    MEMBERS,
    NAMES,
    NO_CACHE,
    PLAN_NUMBER,
    Activity,
    Body,
    Unit,
    communes,
    file_summary,
    plan_yaml,
    sent,
    summary_bytes,
    workspace,
)

JUL_6 = date(2021, 7, 6)

COUNTED = {"NV1": ("so_buoi", "so_nguoi"), "NV2": ("so_tin",)}
DUE = {"6m": date(2021, 7, 5), "q3": date(2021, 10, 5), "1y": date(2022, 1, 5)}


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    task = draw(st.sampled_from(sorted(COUNTED)))
    day = date(2021, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
    codes = draw(st.lists(st.sampled_from(COUNTED[task]), unique=True))
    return Activity(task, day, {code: draw(st.integers(0, 500)) for code in codes})


@st.composite
def units(draw: st.DrawFn) -> list[Unit]:
    count = draw(st.integers(2, 7))
    made = []
    for number in range(count):
        sent = {
            period: due - timedelta(days=draw(st.integers(0, 20)))
            for period, due in DUE.items()
            if draw(st.booleans())
        }
        made.append(
            Unit(
                f"dv-{number}",
                f"Đơn vị {number}",
                draw(st.lists(activities(), max_size=6)),
                sent,
                draw(st.lists(st.sampled_from(["Thiếu kinh phí.", "Thiếu người."]), max_size=1)),
            )
        )
    return made


def figures(root: Path, period: str) -> dict[str, Any]:
    """What the report of ``period`` counts: per task and indicator, per unit, the reach."""
    ws = api.validate(root, settings=NO_CACHE)
    built = api.build(ws, period)
    agg = built.aggregate
    tasks = {
        t.task.code: {
            "status": t.status,
            "totals": t.totals,
            "activities": t.count,
            "reached": t.reached,
            "indicators": {
                p.indicator.code: (p.value, p.to_date, p.target, p.met)
                for p in built.progress.task(t.task.code).indicators
            },
        }
        for t in agg.tasks
    }
    per_unit = {u.unit.code: (u.figures, u.activity_counts) for u in agg.units}
    return {"tasks": tasks, "reach": agg.reach, "units": per_unit}


def summary_figures(raw: bytes) -> dict[str, Any]:
    """The same figures as the summary written for the level above holds them."""
    data = json.loads(raw)
    return {
        "reach": data["reach"],
        "tasks": [
            {
                key: task[key]
                for key in (
                    "code",
                    "status",
                    "activities",
                    "reached",
                    "totals",
                    "activities_to_date",
                )
            }
            | {
                "indicators": [
                    (
                        i["code"],
                        i["value"],
                        i["to_date"],
                        i["target"],
                        i["met"],
                        i["part"],
                        i["whole"],
                    )
                    for i in task["indicators"]
                ]
            }
            for task in data["tasks"]
        ],
    }


def add_up(units: dict[str, tuple[dict[str, dict[str, int]], dict[str, int]]]) -> tuple[Any, Any]:
    totals: dict[str, dict[str, int]] = {}
    counts: dict[str, int] = {}
    for unit_figures, unit_counts in units.values():
        for task, by_code in unit_figures.items():
            for code, value in by_code.items():
                totals.setdefault(task, {}).setdefault(code, 0)
                totals[task][code] += value
        for task, count in unit_counts.items():
            counts[task] = counts.get(task, 0) + count
    return totals, counts


def roll_up(base: Path, made: list[Unit], groups: list[int], period: str) -> Path:
    """An upper workspace whose units in group -1 report directly and each other group is a
    lower body that compiled its own units' logs and sent its summary."""
    bodies: list[Body] = []
    direct = [u for u, g in zip(made, groups, strict=True) if g < 0]
    for group in sorted({g for g in groups if g >= 0}):
        members = [u for u, g in zip(made, groups, strict=True) if g == group]
        lower = workspace(
            base / f"g{group}",
            plan_yaml(
                [Body(u.code, u.name) for u in members],
                issuer=f"UBND XÃ SỐ {group}",
                issuer_name=f"UBND xã Số {group}",
                number=f"{group + 1}/KH-UBND",
                carries_out=PLAN_NUMBER,
            ),
            members,
        )
        bodies.append(Body(f"xa-{group}", f"UBND xã Số {group}", lower=True))
        raw = summary_bytes(lower, period)
        (base / f"g{group}.json").write_bytes(raw)
    bodies += [Body(u.code, u.name) for u in direct]
    upper = workspace(base / "upper", plan_yaml(bodies), direct)
    for body in bodies:
        if body.lower:
            raw = (base / f"g{body.code.removeprefix('xa-')}.json").read_bytes()
            file_summary(upper, body.code, raw, DUE[period])
    return upper


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    made=units(),
    split=st.lists(st.integers(-1, 3), min_size=7, max_size=7),
    period=st.sampled_from(sorted(DUE)),
)
def test_any_split_into_lower_bodies_gives_the_figures_of_the_units_logs(
    made: list[Unit], split: list[int], period: str
) -> None:
    groups = split[: len(made)]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        flat = workspace(base / "flat", plan_yaml([Body(u.code, u.name) for u in made]), made)
        upper = roll_up(base, made, groups, period)
        direct, rolled = figures(flat, period), figures(upper, period)
        assert rolled["tasks"] == direct["tasks"]
        assert rolled["reach"] == direct["reach"]
        # each lower body stands for the sum of its own units
        for group in {g for g in groups if g >= 0}:
            members = {u.code for u, g in zip(made, groups, strict=True) if g == group}
            mine = {c: f for c, f in direct["units"].items() if c in members}
            assert rolled["units"][f"xa-{group}"] == add_up(mine)
        # and the summary the upper office sends on says the same again
        assert summary_figures(summary_bytes(upper, period)) == summary_figures(
            summary_bytes(flat, period)
        )


# --- one province, two communes --------------------------------------------------------------


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return communes(tmp_path)


def receive(base: Path, code: str, period: str, day: date) -> None:
    api.receive(
        [sent(base, code, period)], base / "tinh", unit=code, sent_on=day, settings=NO_CACHE
    )


def test_the_six_months_report_is_made_again_from_the_summary_kept_after_the_year_s(
    base: Path,
) -> None:
    receive(base, "xa-an-binh", "6m", date(2021, 7, 2))
    receive(base, "xa-an-binh", "1y", date(2022, 1, 3))
    ws = api.validate(base / "tinh", settings=NO_CACHE)
    half, year = api.build(ws, "6m"), api.build(ws, "1y")
    # Trường A's March session in the six months, Trường B's August one only in the year
    assert half.aggregate.total("NV1", "so_buoi") == 2
    assert year.aggregate.total("NV1", "so_buoi") == 7
    used = [p.relative_to(base / "tinh").as_posix() for p in ws.report_inputs(2021, "6m")]
    assert [p for p in used if p.endswith(".json")] == [
        f"2021/.lich-su/xa-an-binh/{p.name}"
        for p in (base / "tinh/2021/.lich-su/xa-an-binh").iterdir()
    ]


def test_status_lists_lower_bodies_like_units(base: Path) -> None:
    receive(base, "xa-an-binh", "6m", date(2021, 7, 2))
    receive(base, "xa-tan-hoa", "6m", date(2021, 7, 9))
    report = api.status(base / "tinh", "6m", as_of=date(2021, 7, 20), settings=NO_CACHE)
    assert [(u.code, u.status, u.sent_on, u.days_late) for u in report.units] == [
        ("xa-an-binh", "on_time", date(2021, 7, 2), None),
        ("xa-tan-hoa", "late", date(2021, 7, 9), 4),
        ("dai-phat-thanh", "not_sent", None, None),
    ]
    assert [u["lower"] for u in report.as_json()["units"]] == [True, True, False]


def test_a_summary_received_after_the_report_s_date_is_not_counted(base: Path) -> None:
    receive(base, "xa-an-binh", "6m", date(2021, 7, 2))
    receive(base, "xa-tan-hoa", "6m", date(2021, 7, 9))
    built = api.build(api.validate(base / "tinh", settings=NO_CACHE), "6m", report_date=JUL_6)
    assert built.aggregate.total("NV2", "so_tin") == 7  # the radio's own, not Tân Hòa's 3
    filed = (base / "tinh/2021/xa-tan-hoa.json").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(filed, 1) if '"received_on"' in text)
    assert [p.format() for p in built.warnings if p.code == "W206"] == [
        f"tinh/2021/xa-tan-hoa.json:{line}:18: W206 UBND xã Tân Hòa gửi báo cáo kỳ này ngày "
        "09/07/2021, sau ngày báo cáo 06/07/2021: chưa tính vào báo cáo, coi như chưa gửi"
    ]
    states = {u.unit.code: u.submission for u in built.aggregate.units}
    assert states["xa-tan-hoa"] == "not_sent"
    # by default the report is dated when the last summary came
    assert api.build(api.validate(base / "tinh", settings=NO_CACHE), "6m").report_date == date(
        2021, 7, 9
    )


def test_a_report_over_days_the_summaries_do_not_cover_is_refused(base: Path) -> None:
    receive(base, "xa-an-binh", "6m", date(2021, 7, 2))
    ws = api.validate(base / "tinh", settings=NO_CACHE)
    with pytest.raises(InputError) as caught:
        api.build(ws, "6m", start=date(2021, 3, 1), end=date(2021, 6, 30))
    assert [p.format() for p in caught.value.problems] == [
        "tinh/2021/xa-an-binh.json:15:13: E709 số liệu tính từ 01/01/2021 đến 30/06/2021, không "
        "khớp kỳ 6 tháng đầu năm 2021 của kế hoạch (từ 01/03/2021 đến 30/06/2021); cấp dưới cần "
        "lập báo cáo theo cùng khoảng ngày"
    ]


def test_three_levels_add_up_like_one(base: Path) -> None:
    """Communes to a province, the province to a ministry: the ministry's figures are those
    of every school and station below it."""
    for code in NAMES:
        receive(base, code, "1y", date(2022, 1, 3))
    province = base / "tinh"
    plan = (province / "ke-hoach.yaml").read_text(encoding="utf-8")
    (province / "ke-hoach.yaml").write_text(
        plan.replace(f"so: {PLAN_NUMBER}", f"so: {PLAN_NUMBER}\nthuc_hien_ke_hoach: 1/KH-BTP"),
        encoding="utf-8",
    )
    top = workspace(
        base / "bo",
        plan_yaml([Body("tinh", "Sở Tư pháp", lower=True)], number="1/KH-BTP"),
        [],
    )
    file_summary(top, "tinh", summary_bytes(province, "1y"), date(2022, 1, 5))
    every = [u for members in MEMBERS.values() for u in members] + [DIRECT]
    flat = workspace(base / "phang", plan_yaml([Body(u.code, u.name) for u in every]), every)
    assert figures(top, "1y")["tasks"] == figures(flat, "1y")["tasks"]
    assert figures(top, "1y")["reach"] == figures(flat, "1y")["reach"]


# --- the words of the report -------------------------------------------------------------------


def test_a_report_from_lower_bodies_says_what_it_was_made_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base = communes(tmp_path, direct=False, units_word="xã")
    receive(base, "xa-an-binh", "6m", date(2021, 7, 2))
    built = api.build(api.validate(base / "tinh", settings=NO_CACHE), "6m")
    context = built.context
    assert context.mo_dau.endswith(
        "(số liệu tính từ ngày 01/01/2021 đến ngày 30/06/2021; 1/2 xã đã gửi báo cáo, tổng hợp "
        "từ 02 trường) như sau:"
    )
    nv1 = context.nhiem_vu[0].doan
    assert nv1[0].startswith(
        "Trong kỳ, UBND xã An Bình (tổng hợp từ 01 trường) đã thực hiện 01 hoạt động, kết quả: "
        "02 buổi tuyên truyền"
    )
    assert (
        "- Ngày 02/03/2021, Trường THCS A (UBND xã An Bình): Hoạt động 1 của Trường THCS A "
        "(02 buổi tuyên truyền)." in nv1
    )
    assert context.uu_diem == [
        "Các xã đã triển khai 1/2 nhiệm vụ đến hạn của Kế hoạch với 01 hoạt động; 1/2 xã gửi "
        "báo cáo đúng hạn."
    ]
    assert "Còn 01 xã chưa gửi báo cáo: UBND xã Tân Hòa." in context.ton_tai
    assert "Khó khăn, vướng mắc do các xã phản ánh:" in context.ton_tai
    assert "- Thiếu tài liệu tuyên truyền (UBND xã An Bình)." in context.ton_tai
    # what the commune asked of the province's office is the office's own business
    asked = [item for group in context.kien_nghi for item in group.muc]
    assert asked == ["- Đề nghị Sở Tư pháp cấp thêm tài liệu tuyên truyền (UBND xã An Bình)."]


def test_a_plan_names_the_kind_of_its_units(tmp_path: Path) -> None:
    schools = [
        Unit("truong-a", "Trường THCS A", [Activity("NV1", date(2021, 3, 2), {"so_buoi": 2})]),
        Unit("truong-b", "Trường THCS B", [Activity("NV1", date(2021, 4, 2), {"so_buoi": 1})]),
        Unit("truong-c", "Trường THCS C"),
    ]
    plan = plan_yaml([Body(u.code, u.name) for u in schools], units_word="trường")
    root = workspace(tmp_path / "phong", plan, schools[:2])
    context = api.build(api.validate(root, settings=NO_CACHE), "6m").context
    assert "(số liệu tính từ ngày 01/01/2021 đến ngày 30/06/2021) như sau:" in context.mo_dau
    assert (
        context.nhiem_vu[0]
        .doan[0]
        .startswith(
            "Trong kỳ, cả 02 trường báo cáo kết quả đều đã thực hiện nhiệm vụ này với 02 hoạt động"
        )
    )
    assert context.nhiem_vu[1].doan[0] == (
        "Đã đến thời gian thực hiện nhiệm vụ phát thanh pháp luật (từ quý II năm 2021) nhưng "
        "trong kỳ chưa có trường nào báo cáo kết quả."
    )
    assert "Còn 03 trường chưa gửi báo cáo: Trường THCS A, Trường THCS B, Trường THCS C." in (
        context.ton_tai
    )
    assert (
        context.phu_luc.nop.tom_tat
        == "Tổng số 03 trường (thời hạn 05/07/2021): 03 trường chưa gửi."
    )


def test_units_below_are_counted_in_the_same_brackets_as_the_names(base: Path) -> None:
    for code in NAMES:
        receive(base, code, "1y", date(2022, 1, 3))
    context = api.build(api.validate(base / "tinh", settings=NO_CACHE), "1y").context
    assert context.nhiem_vu[1].doan[0] == (
        "Trong kỳ, 2/3 cơ quan, đơn vị báo cáo kết quả (trừ UBND xã An Bình; tổng hợp từ 02 "
        "đơn vị) đã thực hiện 02 hoạt động, kết quả: 10 tin, bài."
    )

"""Progress against targets and ratio indicators: on the sample, and on small plans made here."""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from baocao import api
from baocao.core.models import Activity, Plan, UnitLog
from baocao.core.window import Window
from baocao.input.workspace import Workspace
from baocao.report import progress_text
from baocao.report.aggregate import aggregate
from baocao.report.targets import Progress, progress

DATA = Path(__file__).resolve().parents[2] / "data"


@functools.cache
def sample() -> Workspace:
    return api.validate(DATA)


def sample_progress(period: str) -> Progress:
    ws = sample()
    return api.build(ws, period).progress


# --- the sample plan -----------------------------------------------------------------------


def test_six_month_report_measures_the_year_target_so_far() -> None:
    nv1 = sample_progress("6m").task("NV1")
    buoi = nv1.indicator("so_buoi")
    assert (buoi.value, buoi.to_date, buoi.target, buoi.share, buoi.met) == (
        77,
        77,
        100,
        Decimal("77.0"),
        False,
    )
    assert nv1.outcome is None  # the task runs all year


def test_year_report_states_the_target_exceeded() -> None:
    nv1 = sample_progress("1y").task("NV1")
    buoi = nv1.indicator("so_buoi")
    assert (buoi.to_date, buoi.share, buoi.met, buoi.exceeded) == (
        128,
        Decimal("128.0"),
        True,
        True,
    )
    sentence = progress_text.target_sentence(nv1, sample_progress("1y"))
    assert sentence is not None
    assert "128 buổi tuyên truyền, đạt 128% chỉ tiêu năm (100 buổi)" in sentence
    assert "17.168 lượt người tham dự, đạt 114,4% chỉ tiêu năm (15.000 lượt người)" in sentence


def test_share_of_units_of_a_kind_that_carried_out_the_task() -> None:
    ratio = sample_progress("6m").task("NV1").indicator("ty_le_xa")
    # xã, thị trấn of the plan: Tân Lập, An Bình, Tân Hòa have NV1 activities; Phú Mỹ none
    assert ratio.ratio is not None
    assert (ratio.ratio.part, ratio.ratio.whole, ratio.value) == (3, 4, Decimal("75.0"))
    assert (ratio.target, ratio.met, ratio.share) == (100, False, None)


def test_targets_given_to_each_unit_of_a_kind() -> None:
    buoi = sample_progress("1y").task("NV1").indicator("so_buoi")
    given_to = {u.unit.code: (u.target, u.to_date, u.met) for u in buoi.units}
    assert given_to == {
        "tt-tan-lap": (6, 6, True),
        "xa-an-binh": (6, 6, True),
        "xa-tan-hoa": (6, 4, False),
        "xa-phu-my": (6, 0, False),
    }


def test_task_ended_in_the_window_says_how_its_targets_went() -> None:
    year = sample_progress("1y").task("NV5")  # quý II, quý III: over by 10/11
    assert year.outcome == "exceeded"
    assert progress_text.outcome_sentence(year) == (
        "Nhiệm vụ hoàn thành vượt chỉ tiêu theo thời gian của Kế hoạch (quý II, quý III năm 2021)."
    )
    assert sample_progress("6m").task("NV5").outcome is None


def test_indicator_without_target_is_measured_but_not_judged() -> None:
    cases = sample_progress("1y").task("NV6").indicator("so_vu_viec")
    assert (cases.value, cases.target, cases.share, cases.met) == (27, None, None, None)


# --- small plans ---------------------------------------------------------------------------


def plan(indicators: list[dict[str, Any]], **task: Any) -> Plan:
    units = [
        {"ma": "xa-a", "ten": "UBND xã A", "loai": "xa"},
        {"ma": "xa-b", "ten": "UBND xã B", "loai": "xa"},
        {"ma": "xa-c", "ten": "UBND xã C", "loai": "xa"},
        {"ma": "phong", "ten": "Phòng Tư pháp", "loai": "co_quan"},
    ]
    return Plan.model_validate(
        {
            "co_quan_ban_hanh": "PHÒNG TƯ PHÁP",
            "ky_hieu": "PTP",
            "dia_danh": "Tân Lập",
            "so": "1/KH-PTP",
            "ngay_ban_hanh": "2021-01-05",
            "ten": "thử",
            "nam": 2021,
            "nhiem_vu": [
                {
                    "ma": "NV1",
                    "ten": "Tuyên truyền",
                    "chu_tri": "Phòng Tư pháp",
                    "thoi_gian": "cả năm 2021",
                    "tu_ngay": task.get("start", "2021-01-01"),
                    "den_ngay": task.get("end", "2021-12-31"),
                    "chi_tieu": indicators,
                }
            ],
            "bao_cao_dinh_ky": {"ky": {"6m": {"han_nop": "05/7"}, "q3": {"han_nop": "05/10"}}},
            "don_vi": units,
        }
    )


def log(unit: str, *acts: tuple[str, dict[str, int]]) -> UnitLog:
    activities = tuple(
        Activity("NV1", date.fromisoformat(day), "Hoạt động", figures, i)
        for i, (day, figures) in enumerate(acts)
    )
    return UnitLog(f"{unit}.yaml", unit, 2021, {}, activities, {}, {})


COUNT = {"ma": "so_buoi", "ten": "buổi tuyên truyền", "don_vi_tinh": "buổi"}
CASES = {"ma": "so_vu", "ten": "vụ việc tiếp nhận", "don_vi_tinh": "vụ việc"}
SOLVED = {"ma": "so_giai_quyet", "ten": "vụ việc đã giải quyết", "don_vi_tinh": "vụ việc"}
SOLVED_RATE = {
    "ma": "ty_le_giai_quyet",
    "ten": "tỷ lệ vụ việc được giải quyết",
    "don_vi_tinh": "%",
    "cach_tinh": {"tu_so": "so_giai_quyet", "mau_so": "so_vu"},
    "muc_tieu": 90,
}


def measure(p: Plan, logs: list[UnitLog], start: date, end: date, period: str = "6m") -> Progress:
    window = Window(period, 2021, start, end, None)
    return progress(p, logs, aggregate(p, logs, window, end))


def test_quarter_report_counts_what_was_done_since_the_year_began() -> None:
    p = plan([{**COUNT, "muc_tieu": 10}])
    logs = [log("xa-a", ("2021-02-01", {"so_buoi": 3}), ("2021-08-01", {"so_buoi": 2}))]
    done = measure(p, logs, date(2021, 7, 1), date(2021, 9, 30), "q3")
    buoi = done.task("NV1").indicator("so_buoi")
    assert (done.cumulative, buoi.value, buoi.to_date, buoi.share) == (True, 2, 5, Decimal("50.0"))
    sentence = progress_text.target_sentence(done.task("NV1"), done)
    assert sentence == (
        "Lũy kế từ ngày 01/01/2021 đến ngày 30/09/2021, so với chỉ tiêu Kế hoạch đề ra: "
        "05 buổi tuyên truyền, đạt 50% chỉ tiêu năm (10 buổi)."
    )


def test_one_indicator_over_another_from_the_totals() -> None:
    p = plan([CASES, SOLVED, SOLVED_RATE])
    logs = [
        log("xa-a", ("2021-03-01", {"so_vu": 1, "so_giai_quyet": 1})),  # 100% on its own
        log("xa-b", ("2021-03-01", {"so_vu": 9, "so_giai_quyet": 3})),  # 33,3% on its own
    ]
    rate = (
        measure(p, logs, date(2021, 1, 1), date(2021, 6, 30))
        .task("NV1")
        .indicator("ty_le_giai_quyet")
    )
    # 4 of 10 cases: 40%, not the mean of the units' 100% and 33,3%
    assert rate.ratio is not None and (rate.ratio.part, rate.ratio.whole) == (4, 10)
    assert (rate.value, rate.met) == (Decimal("40.0"), False)


def test_ratio_with_nothing_to_divide_by_is_not_met_and_says_so() -> None:
    p = plan([CASES, SOLVED, SOLVED_RATE])
    done = measure(
        p, [log("xa-a", ("2021-03-01", {"so_vu": 0}))], date(2021, 1, 1), date(2021, 6, 30)
    )
    rate = done.task("NV1").indicator("ty_le_giai_quyet")
    assert (rate.value, rate.met) == (None, False)
    sentence = progress_text.target_sentence(done.task("NV1"), done)
    assert sentence is not None
    assert "tỷ lệ vụ việc được giải quyết: chưa có số liệu để tính (chỉ tiêu năm 90%)" in sentence


def test_a_ratio_is_met_on_the_figure_the_report_states() -> None:
    # 1999 of 2000 units would be 99,95%: stated 99,9%, so a target of 99.95 is not met
    p = plan([CASES, SOLVED, {**SOLVED_RATE, "muc_tieu": 99.95}])
    logs = [log("xa-a", ("2021-03-01", {"so_vu": 2000, "so_giai_quyet": 1999}))]
    rate = (
        measure(p, logs, date(2021, 1, 1), date(2021, 6, 30))
        .task("NV1")
        .indicator("ty_le_giai_quyet")
    )
    assert (rate.value, rate.met) == (Decimal("99.9"), False)


def test_unit_own_target_wins_over_its_kind_and_the_plan_target_is_their_sum() -> None:
    p = plan([{**COUNT, "muc_tieu_theo_loai": {"xa": 4}, "muc_tieu_theo_don_vi": {"xa-b": 8}}])
    logs = [
        log("xa-a", ("2021-03-01", {"so_buoi": 5})),
        log("xa-b", ("2021-03-01", {"so_buoi": 2})),
    ]
    buoi = (
        measure(p, logs, date(2021, 1, 1), date(2021, 12, 31), "1y")
        .task("NV1")
        .indicator("so_buoi")
    )
    assert [(u.unit.code, u.target, u.met) for u in buoi.units] == [
        ("xa-a", 4, True),
        ("xa-b", 8, False),
        ("xa-c", 4, False),
    ]
    assert (buoi.target, buoi.to_date, buoi.share) == (16, 7, Decimal("43.7"))


def test_task_over_with_a_target_missed() -> None:
    p = plan([{**COUNT, "muc_tieu": 10}, {**CASES, "muc_tieu": 2}], end="2021-06-30")
    logs = [log("xa-a", ("2021-03-01", {"so_buoi": 7, "so_vu": 3}))]
    done = measure(p, logs, date(2021, 1, 1), date(2021, 6, 30))
    item = done.task("NV1")
    assert item.outcome == "not_met"
    assert progress_text.outcome_sentence(item) == (
        "Nhiệm vụ đã hết thời gian thực hiện theo Kế hoạch (cả năm 2021) nhưng chưa đạt chỉ "
        "tiêu: buổi tuyên truyền đạt 70% chỉ tiêu (10 buổi)."
    )
    assert progress_text.target_shortcomings(done) == [
        "Nhiệm vụ tuyên truyền chưa đạt chỉ tiêu: buổi tuyên truyền đạt 70% chỉ tiêu (10 buổi)."
    ]


def test_task_over_with_every_target_met_exactly_is_completed() -> None:
    p = plan([{**COUNT, "muc_tieu": 7}], end="2021-06-30")
    done = measure(
        p, [log("xa-a", ("2021-03-01", {"so_buoi": 7}))], date(2021, 1, 1), date(2021, 6, 30)
    )
    assert done.task("NV1").outcome == "completed"
    assert progress_text.outcome_sentence(done.task("NV1")) == (
        "Nhiệm vụ hoàn thành theo thời gian của Kế hoạch (cả năm 2021)."
    )


def test_unit_targets_sentence_lists_who_missed_once_the_task_is_over() -> None:
    p = plan([{**COUNT, "muc_tieu_theo_loai": {"xa": 2}}], end="2021-06-30")
    logs = [log("xa-a", ("2021-03-01", {"so_buoi": 2}))]
    done = measure(p, logs, date(2021, 1, 1), date(2021, 6, 30))
    assert progress_text.unit_target_sentence(done.task("NV1")) == (
        "Về chỉ tiêu giao cho từng đơn vị: 1/3 đơn vị đạt chỉ tiêu buổi tuyên truyền được giao "
        "(chưa đạt: UBND xã B, UBND xã C)."
    )


def test_share_of_all_units_counts_every_unit_of_the_plan() -> None:
    share = {
        "ma": "ty_le_don_vi",
        "ten": "tỷ lệ đơn vị triển khai",
        "don_vi_tinh": "%",
        "cach_tinh": {"don_vi_thuc_hien": "tat_ca"},
    }
    p = plan([COUNT, share])
    logs = [
        log("xa-a", ("2021-03-01", {"so_buoi": 1})),
        log("phong", ("2021-03-01", {"so_buoi": 1})),
    ]
    ratio = (
        measure(p, logs, date(2021, 1, 1), date(2021, 6, 30)).task("NV1").indicator("ty_le_don_vi")
    )
    assert ratio.ratio is not None and (ratio.ratio.part, ratio.ratio.whole) == (2, 4)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["xa-a", "xa-b", "xa-c", "phong"]),
            st.integers(0, 50),
            st.integers(0, 50),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_a_ratio_is_the_totals_divided_however_units_split_them(
    rows: list[tuple[str, int, int]],
) -> None:
    """Never an average of units' percentages: only the totals decide the ratio."""
    p = plan([CASES, SOLVED, SOLVED_RATE])
    logs = [
        log(
            unit,
            *(
                ("2021-03-01", {"so_vu": a + b, "so_giai_quyet": b})
                for u, a, b in rows
                if u == unit
            ),
        )
        for unit in {u for u, _a, _b in rows}
    ]
    cases = sum(a + b for _u, a, b in rows)
    solved = sum(b for _u, _a, b in rows)
    rate = (
        measure(p, logs, date(2021, 1, 1), date(2021, 6, 30))
        .task("NV1")
        .indicator("ty_le_giai_quyet")
    )
    expected = (
        None
        if cases == 0
        else (Decimal(solved) * 100 / Decimal(cases)).quantize(
            Decimal("0.1"), rounding="ROUND_DOWN"
        )
    )
    assert rate.value == expected


def test_ratio_whose_method_the_plan_does_not_give_is_said_not_computed() -> None:
    p = plan(
        [
            COUNT,
            {
                "ma": "ty_le_so_hoa",
                "ten": "tỷ lệ hồ sơ được số hóa",
                "don_vi_tinh": "%",
                "muc_tieu": 90,
            },
        ]
    )
    done = measure(
        p, [log("xa-a", ("2021-03-01", {"so_buoi": 1}))], date(2021, 1, 1), date(2021, 6, 30)
    )
    rate = done.task("NV1").indicator("ty_le_so_hoa")
    assert (rate.value, rate.ratio, rate.met) == (None, None, False)
    assert progress_text.target_sentence(done.task("NV1"), done) == (
        "So với chỉ tiêu Kế hoạch đề ra: tỷ lệ hồ sơ được số hóa: Kế hoạch chưa xác định cách "
        "tính (chỉ tiêu năm 90%)."
    )


def test_the_year_so_far_counts_reports_that_came_after_the_quarter_ended(tmp_path: Path) -> None:
    """A quarter's report is sent after the quarter: the year so far counts it as the
    report does, up to the report's own day, not up to the quarter's last day."""
    from rollup import NO_CACHE, Activity, Body, Unit, plan_yaml, workspace

    unit = Unit(
        "truong-a",
        "Trường THCS A",
        [
            Activity("NV1", date(2021, 2, 1), {"so_buoi": 4}),
            Activity("NV1", date(2021, 8, 1), {"so_buoi": 1}),
        ],
        sent={"q3": date(2021, 10, 2)},
    )
    root = workspace(tmp_path / "ws", plan_yaml([Body(unit.code, unit.name)]), [unit])
    built = api.build(api.validate(root, settings=NO_CACHE), "q3")
    buoi = built.progress.task("NV1").indicator("so_buoi")
    assert (buoi.value, buoi.to_date) == (1, 5)

"""Reporting periods and their windows: presets, the plan's own windows, due dates."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from baocao import api
from baocao.core.models import Plan
from baocao.core.period import Period, Preset
from baocao.core.window import window_for
from baocao.errors import InputError


@pytest.fixture(scope="module")
def plan() -> Plan:
    return api.validate(Path(__file__).resolve().parents[2] / "data").plan


def with_schedule(plan: Plan, preset: str, periods: dict[str, dict[str, str]]) -> Plan:
    data = plan.model_dump(by_alias=True)
    data["bao_cao_dinh_ky"] = {"cach_tinh": preset, "ky": periods}
    return Plan.model_validate(data)


def test_sample_plan_windows_come_from_its_schedule(plan: Plan) -> None:
    six = window_for(plan, "6m")
    assert (six.start, six.end, six.due) == (date(2021, 1, 1), date(2021, 4, 30), date(2021, 5, 5))
    assert six.name == "6 tháng đầu năm 2021"
    year = window_for(plan, "1y")
    assert (year.start, year.end, year.due) == (
        date(2021, 1, 1),
        date(2021, 11, 10),
        date(2021, 11, 12),
    )
    assert year.name == "năm 2021"


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("6m", date(2021, 1, 1), date(2021, 6, 30)),
        ("1y", date(2021, 1, 1), date(2021, 12, 31)),
        ("q1", date(2021, 1, 1), date(2021, 3, 31)),
        ("q4", date(2021, 10, 1), date(2021, 12, 31)),
    ],
)
def test_calendar_preset(plan: Plan, period: str, start: date, end: date) -> None:
    custom = with_schedule(plan, "lich", {period: {"han_nop": "05/5"}})
    window = window_for(custom, period)
    assert (window.start, window.end) == (start, end)


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("6m", date(2020, 12, 15), date(2021, 6, 14)),
        ("1y", date(2020, 12, 15), date(2021, 12, 14)),
        ("q1", date(2020, 12, 15), date(2021, 3, 14)),
        ("q3", date(2021, 6, 15), date(2021, 9, 14)),
    ],
)
def test_decree_09_preset(plan: Plan, period: str, start: date, end: date) -> None:
    custom = with_schedule(plan, "nd09", {period: {"han_nop": "20/12"}})
    window = window_for(custom, period)
    assert (window.start, window.end) == (start, end)


def test_year_report_due_in_january_is_due_the_next_year(plan: Plan) -> None:
    custom = with_schedule(plan, "lich", {"1y": {"han_nop": "15/01"}})
    assert window_for(custom, "1y").due == date(2022, 1, 15)


def test_other_year_and_explicit_dates(plan: Plan) -> None:
    assert window_for(plan, "6m", 2022).start == date(2022, 1, 1)
    window = window_for(plan, "6m", start=date(2021, 2, 1), end=date(2021, 3, 31))
    assert (window.start, window.end) == (date(2021, 2, 1), date(2021, 3, 31))


def test_period_the_plan_does_not_define_is_a_located_error() -> None:
    ws = api.validate(Path(__file__).resolve().parents[2] / "data")
    with pytest.raises(InputError) as caught:
        window_for(ws.plan, "q1", plan_doc=ws.plan_doc)
    problem = caught.value.problems[0]
    assert problem.code == "E115"
    assert problem.file is not None and problem.file.endswith("ke-hoach-2021.yaml")
    assert problem.line is not None
    assert "q1" in problem.message() and "6m, 1y" in problem.message()


@pytest.mark.parametrize(
    ("code", "name", "file", "label"),
    [
        ("6m", "6 tháng đầu năm 2021", "bao-cao-6-thang-2021.docx", "6 tháng"),
        ("1y", "năm 2021", "bao-cao-nam-2021.docx", "năm"),
        ("q4", "quý IV năm 2021", "bao-cao-quy-4-2021.docx", "quý IV"),
    ],
)
def test_one_period_type_names_the_report_and_its_file(
    plan: Plan, code: str, name: str, file: str, label: str
) -> None:
    custom = with_schedule(plan, "lich", {code: {"han_nop": "05/5"}})
    window = window_for(custom, code)
    assert window.period is Period(code)
    assert window.name == name
    assert f"{window.period.slug}-{window.year}.docx" == file
    assert window.period.label == label


def test_a_code_that_is_no_period_is_the_plan_schedule_error(plan: Plan) -> None:
    assert Period.parse("9m") is None and Period.parse("6m") is Period.HALF_YEAR
    with pytest.raises(InputError) as caught:
        window_for(plan, "9m")
    assert [p.code for p in caught.value.problems] == ["E115"]


@pytest.mark.parametrize("preset", list(Preset))
def test_under_each_preset_the_half_year_and_the_year_are_made_of_quarters(preset: Preset) -> None:
    def window(period: Period) -> tuple[tuple[int, int], tuple[int, int]]:
        return period.window(preset)

    assert window(Period.HALF_YEAR) == (window(Period.Q1)[0], window(Period.Q2)[1])
    assert window(Period.YEAR) == (window(Period.Q1)[0], window(Period.Q4)[1])
    quarters = [Period.Q1, Period.Q2, Period.Q3, Period.Q4]
    for before, after in pairwise(quarters):
        last_day, last_month = window(before)[1]
        following = date(2021, last_month, last_day) + timedelta(days=1)
        assert (following.day, following.month) == window(after)[0]

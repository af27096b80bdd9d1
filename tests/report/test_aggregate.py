"""Aggregation: figures checked against sums computed here, straight from the YAML files."""

from __future__ import annotations

import functools
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from baocao import api
from baocao.core.models import Activity, UnitLog
from baocao.core.window import Window
from baocao.input.workspace import Workspace
from baocao.report.aggregate import aggregate, merge_notes, submission

DATA = Path(__file__).resolve().parents[2] / "data"


@functools.cache
def sample() -> Workspace:
    return api.validate(DATA)


def as_date(value: object) -> date:
    """Dates as the sample writes them, parsed independently of the package."""
    if isinstance(value, date):
        return value
    text = str(value)
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    assert m, text
    return date(int(m[3]), int(m[2]), int(m[1]))


def independent_totals(start: date, end: date) -> Counter[tuple[str, str]]:
    totals: Counter[tuple[str, str]] = Counter()
    yaml = YAML(typ="safe", pure=True)
    for path in sorted((DATA / "2021").glob("*.yaml")):
        log = yaml.load(path.read_text(encoding="utf-8"))
        for task, items in (log.get("nhiem_vu") or {}).items():
            for item in items:
                if start <= as_date(item["ngay"]) <= end:
                    for key, value in (item.get("so_lieu") or {}).items():
                        totals[(task, key)] += value
    return totals


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [("6m", date(2021, 1, 1), date(2021, 4, 30)), ("1y", date(2021, 1, 1), date(2021, 11, 10))],
)
def test_totals_match_sums_of_the_files(period: str, start: date, end: date) -> None:
    ws = sample()
    agg = api.build(ws, period).aggregate
    expected = independent_totals(start, end)
    for result in agg.tasks:
        for indicator, total in result.totals.items():
            assert total == expected[(result.task.code, indicator)], (result.task.code, indicator)
    assert sum(expected.values()) > 0


def test_sample_statuses_in_the_six_month_report() -> None:
    ws = sample()
    agg = api.build(ws, "6m").aggregate
    status = {t.task.code: t.status for t in agg.tasks}
    assert status["NV4"] == "not_due"  # quý IV starts after 30/4
    assert status["NV1"] == "in_progress"
    submissions = {u.unit.code: (u.submission, u.days_late) for u in agg.units}
    assert submissions["hoi-phu-nu"] == ("late", 7)
    assert submissions["xa-phu-my"][0] in ("not_sent", "not_due")
    assert submissions["phong-lao-dong"] == ("on_time", None)  # sent on the due day itself


def test_sample_statuses_in_the_year_report() -> None:
    ws = sample()
    agg = api.build(ws, "1y").aggregate
    status = {t.task.code: t.status for t in agg.tasks}
    assert status["NV5"] == "done"  # quý II, quý III ended inside the window
    assert status["NV4"] == "in_progress"


def window(start: date, end: date, due: date | None = None) -> Window:
    return Window("6m", 2021, start, end, due)


def test_task_with_nothing_reported_in_its_frame_is_not_done() -> None:
    ws = sample()
    agg = aggregate(ws.plan, [], window(date(2021, 1, 1), date(2021, 6, 30)), date(2021, 7, 1))
    assert {t.status for t in agg.tasks} == {"not_done", "not_due"}
    assert all(u.submission == "not_sent" for u in agg.units)


def test_submission_states() -> None:
    w = window(date(2021, 1, 1), date(2021, 4, 30), due=date(2021, 5, 5))
    log = UnitLog("f", "u", 2021, {"6m": date(2021, 5, 9)}, (), {}, {})
    assert submission(log, w, date(2021, 6, 1)) == ("late", date(2021, 5, 9), 4)
    assert submission(None, w, date(2021, 5, 1)) == ("not_due", None, None)
    assert submission(None, w, date(2021, 5, 6)) == ("not_sent", None, None)


def test_notes_are_merged_across_units_and_spellings() -> None:
    notes = merge_notes(
        [
            ("UBND xã A", ["Kinh phí còn hạn hẹp.", "Thiếu tài liệu"]),
            ("UBND xã B", ["kinh phí  còn hạn hẹp", "Thiếu tài liệu."]),
            ("UBND xã C", ["Đề nghị tập huấn cho hoà giải viên"]),
            ("UBND xã D", ["Đề nghị tập huấn cho hòa giải viên."]),
        ]
    )
    assert [(n.text, n.units) for n in notes] == [
        ("Kinh phí còn hạn hẹp.", ("UBND xã A", "UBND xã B")),
        ("Thiếu tài liệu", ("UBND xã A", "UBND xã B")),
        ("Đề nghị tập huấn cho hoà giải viên", ("UBND xã C", "UBND xã D")),
    ]


figures = st.dictionaries(st.sampled_from(["so_buoi", "so_luot_nguoi"]), st.integers(0, 10_000))
activities = st.lists(
    st.tuples(st.sampled_from(["NV1"]), st.dates(date(2021, 1, 1), date(2021, 12, 31)), figures),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(activities, min_size=1, max_size=5))
def test_sums_by_unit_equal_sums_by_task(
    per_unit: list[list[tuple[str, date, dict[str, int]]]],
) -> None:
    ws = sample()
    units = [u.code for u in ws.plan.units][: len(per_unit)]
    logs = [
        UnitLog(
            f"{code}.yaml",
            code,
            2021,
            {},
            tuple(Activity(t, d, "x", f, i) for i, (t, d, f) in enumerate(acts)),
            {},
            {},
        )
        for code, acts in zip(units, per_unit, strict=False)
    ]
    w = window(date(2021, 3, 1), date(2021, 8, 31))
    agg = aggregate(ws.plan, logs, w, date(2021, 9, 1))
    for result in agg.tasks:
        for indicator, total in result.totals.items():
            assert total == sum(u.figures[result.task.code][indicator] for u in agg.units)
    expected = sum(
        f.get("so_buoi", 0) for acts in per_unit[: len(units)] for _t, d, f in acts if w.contains(d)
    )
    assert agg.total("NV1", "so_buoi") == expected


def test_a_task_the_plan_does_not_have_is_a_key_error_not_a_stop_iteration() -> None:
    """A StopIteration escaping next() would silently end whatever generator asked."""
    ws = api.validate(DATA)
    agg = aggregate(ws.plan, ws.logs, window(date(2021, 1, 1), date(2021, 6, 30)), date(2021, 7, 1))
    with pytest.raises(KeyError, match="NV99"):
        ws.plan.task("NV99")
    with pytest.raises(KeyError, match="NV99"):
        agg.total("NV99", "so_buoi")

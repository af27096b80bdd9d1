"""The sample plan (data/ke-hoach-2021.yaml) says what the source plan text says.

The text is read here with a small reader of its own, independent of the project's
importer, so a mistake in either shows up as a difference. The text is a byte copy of
the shared source document, kept in tests/fixtures/ so a clean clone can run this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from baocao.core.models import Plan
from baocao.input.yamlio import load

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "tests" / "fixtures" / "ke-hoach-2021.txt"
SHARED_TEXT = ROOT.parent / "shared" / "docs" / "ke-hoach-2021.txt"
PLAN = ROOT / "data" / "ke-hoach-2021.yaml"

QUARTERS = {"I": (1, 3), "II": (4, 6), "III": (7, 9), "IV": (10, 12)}
QUARTER_END_DAY = {3: 31, 6: 30, 9: 30, 12: 31}

_SECTION = re.compile(r"^(I|II|III)\. (.+)$")
_NUMBERED = re.compile(r"^(\d+)\. (.+)$")
# "- Đơn vị chủ trì: Phòng Tư pháp;" — two tasks write "-Thời gian" without the space.
_FIELD = re.compile(
    r"^-\s*(Đơn vị chủ trì|Đơn vị phối hợp|Thời gian thực hiện|Kết quả, sản phẩm):\s*(.+?)[;.]?$"
)
_DEADLINES = re.compile(
    r"6 tháng \(trước ngày (\d{1,2}/\d{1,2})\), năm \(trước ngày (\d{1,2}/\d{1,2})\)"
)


@dataclass
class TextTask:
    number: int
    title: str
    fields: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)


@dataclass
class TextPlan:
    purposes: list[str]
    tasks: list[TextTask]
    organisation: list[str]


def read_plan_text(text: str) -> TextPlan:
    """Sections I–III of a plan written the usual way, line by line."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        heading = _SECTION.match(line)
        if heading:
            current = heading[1]
            sections[current] = []
        elif line.strip():
            sections[current].append(line.strip())
    purposes = [m[2] for m in map(_NUMBERED.match, sections["I"]) if m]
    tasks: list[TextTask] = []
    for line in sections["II"]:
        numbered, detail = _NUMBERED.match(line), _FIELD.match(line)
        if numbered:
            tasks.append(TextTask(int(numbered[1]), numbered[2]))
        elif detail:
            tasks[-1].fields[detail[1]] = detail[2]
        else:
            tasks[-1].extra.append(line)
    organisation = [m[2] for m in map(_NUMBERED.match, sections["III"]) if m]
    return TextPlan(purposes, tasks, organisation)


def time_frame_dates(frame: str) -> tuple[date, date]:
    """'cả năm 2021' → the year; 'quý II, quý III năm 2021' → 1 April – 30 September."""
    year = int(re.search(r"năm (\d{4})$", frame)[1])  # type: ignore[index]
    if frame.startswith("cả năm"):
        return date(year, 1, 1), date(year, 12, 31)
    quarters = re.findall(r"quý ([IV]+)", frame)
    first, last = QUARTERS[quarters[0]][0], QUARTERS[quarters[-1]][1]
    return date(year, first, 1), date(year, last, QUARTER_END_DAY[last])


@pytest.fixture(scope="module")
def text_plan() -> TextPlan:
    return read_plan_text(TEXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan() -> Plan:
    return Plan.model_validate(load(PLAN).data)


def test_fixture_is_the_shared_source_text() -> None:
    if not SHARED_TEXT.is_file():
        pytest.skip("the shared documents are not beside this checkout")
    assert TEXT.read_bytes() == SHARED_TEXT.read_bytes()


def test_reader_finds_the_whole_text(text_plan: TextPlan) -> None:
    assert len(text_plan.purposes) == 4
    assert [t.number for t in text_plan.tasks] == [1, 2, 3, 4, 5, 6]
    assert [len(t.fields) for t in text_plan.tasks] == [4] * 6
    assert [len(t.extra) for t in text_plan.tasks] == [0, 0, 0, 0, 0, 1]
    assert len(text_plan.organisation) == 2


def test_purposes_verbatim(text_plan: TextPlan, plan: Plan) -> None:
    assert plan.purposes == text_plan.purposes


def test_six_tasks_verbatim(text_plan: TextPlan, plan: Plan) -> None:
    written = [
        (
            t.title,
            t.fields["Đơn vị chủ trì"],
            t.fields["Đơn vị phối hợp"],
            t.fields["Thời gian thực hiện"],
            t.fields["Kết quả, sản phẩm"],
            t.extra[0] if t.extra else None,
        )
        for t in text_plan.tasks
    ]
    carried = [
        (t.title, t.lead, t.partners, t.time_frame, t.product, t.details) for t in plan.tasks
    ]
    assert carried == written
    assert [t.code for t in plan.tasks] == ["NV1", "NV2", "NV3", "NV4", "NV5", "NV6"]


def test_task_six_details(plan: Plan) -> None:
    assert plan.tasks[5].details == (
        "Hướng dẫn triển khai các hoạt động cung cấp dịch vụ bảo vệ nạn nhân bị xâm hại "
        "tình dục; tăng cường hướng dẫn, thường xuyên kiểm tra đối với tổ chức và các hoạt "
        "động trợ giúp pháp lý."
    )
    assert [t.details for t in plan.tasks[:5]] == [None] * 5


def test_time_frames_parse_to_the_plan_dates(text_plan: TextPlan, plan: Plan) -> None:
    from_text = [time_frame_dates(t.fields["Thời gian thực hiện"]) for t in text_plan.tasks]
    assert [(t.start, t.end) for t in plan.tasks] == from_text


@pytest.mark.parametrize(
    ("frame", "start", "end"),
    [
        ("cả năm 2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("quý IV năm 2021", date(2021, 10, 1), date(2021, 12, 31)),
        ("quý II, quý III năm 2021", date(2021, 4, 1), date(2021, 9, 30)),
    ],
)
def test_time_frame_reader(frame: str, start: date, end: date) -> None:
    assert time_frame_dates(frame) == (start, end)


def test_reporting_deadlines(text_plan: TextPlan, plan: Plan) -> None:
    due = _DEADLINES.search(text_plan.organisation[1])
    assert due is not None
    assert (due[1], due[2]) == ("05/5", "12/11")
    assert plan.schedule.periods["6m"].due == (5, 5)
    assert plan.schedule.periods["1y"].due == (12, 11)
    assert set(plan.schedule.periods) == {"6m", "1y"}


def test_organisation_verbatim(text_plan: TextPlan, plan: Plan) -> None:
    assert plan.organisation == text_plan.organisation

"""Lower-level bodies' summaries: filed by baocao nhan, read by the workspace, refused with
a located error when they cannot be added up exactly."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from baocao import api
from baocao.errors import InputError
from baocao.input.lower import HISTORY_DIR
from baocao.input.workspace import load_workspace
from conftest import snapshot
from rollup import NO_CACHE, PLAN_NUMBER, YEAR, Unit, communes, log_yaml, sent

JUL_1, JUL_6 = date(2021, 7, 1), date(2021, 7, 6)


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two communes' workspaces and the province's (./tinh), files named from tmp_path."""
    monkeypatch.chdir(tmp_path)
    return communes(tmp_path)


def data(root: Path) -> dict[str, str]:
    """The workspace's files, the lock a run holds left out."""
    return {k: v for k, v in snapshot(root).items() if k != ".baocao.lock"}


def refused(base: Path, path: Path, unit: str | None = "xa-an-binh", **options: Any) -> list[str]:
    before = data(base / "tinh")
    with pytest.raises(InputError) as caught:
        api.receive([path], base / "tinh", unit=unit, settings=NO_CACHE, **options)
    assert data(base / "tinh") == before  # nothing changed
    return [p.format() for p in caught.value.problems]


def filed_at(base: Path, code: str = "xa-an-binh") -> Path:
    return base / "tinh" / str(YEAR) / f"{code}.json"


# --- filing ---------------------------------------------------------------------------------


def test_a_summary_is_filed_as_the_body_s_file_with_the_day_received(base: Path) -> None:
    path = sent(base, "xa-an-binh")
    (done,) = api.receive([path], base / "tinh", unit="xa-an-binh", sent_on=JUL_1)
    assert (done.written, done.created, done.target) == (True, True, filed_at(base))
    assert done.recorded == ("6m", JUL_1)
    data = json.loads(filed_at(base).read_text(encoding="utf-8"))
    assert data["received_on"] == "2021-07-01"
    assert data["tasks"] == json.loads(path.read_text(encoding="utf-8"))["tasks"]
    # the same summary again changes nothing, not even the day it was received
    (again,) = api.receive([path], base / "tinh", unit="xa-an-binh", sent_on=None)
    assert again.written is False
    assert json.loads(filed_at(base).read_text(encoding="utf-8"))["received_on"] == "2021-07-01"


def test_the_body_is_known_by_its_name_when_no_code_is_given(base: Path) -> None:
    (done,) = api.receive([sent(base, "xa-tan-hoa")], base / "tinh", sent_on=JUL_1)
    assert done.unit == "xa-tan-hoa"
    assert filed_at(base, "xa-tan-hoa").is_file()


def test_a_newer_summary_replaces_the_filed_one_which_is_kept(base: Path) -> None:
    api.receive([sent(base, "xa-an-binh")], base / "tinh", unit="xa-an-binh", sent_on=JUL_1)
    first = filed_at(base).read_bytes()
    (done,) = api.receive(
        [sent(base, "xa-an-binh", "1y")], base / "tinh", unit="xa-an-binh", sent_on=date(2022, 1, 4)
    )
    assert done.previous is not None and done.previous.read_bytes() == first
    assert done.previous.parent == base / "tinh" / str(YEAR) / HISTORY_DIR / "xa-an-binh"
    assert json.loads(filed_at(base).read_text(encoding="utf-8"))["period"] == "1y"


def test_an_older_summary_is_refused(base: Path) -> None:
    api.receive([sent(base, "xa-an-binh", "1y")], base / "tinh", unit="xa-an-binh", sent_on=JUL_6)
    assert refused(base, sent(base, "xa-an-binh")) == [
        "xa-an-binh-6m.json:15:13: E713 tệp này cũ hơn tệp đã nhận của UBND xã An Bình (báo cáo "
        "6 tháng đầu năm 2021, ngày 05/07/2021, tệp đã nhận: báo cáo năm 2021, ngày 05/01/2022); "
        "không thay tệp mới bằng tệp cũ"
    ]


def test_a_summary_of_another_body_is_refused(base: Path) -> None:
    # another of the plan's lower bodies, by name
    assert refused(base, sent(base, "xa-tan-hoa")) == [
        "xa-tan-hoa-6m.json:7:15: E714 tệp này là báo cáo của UBND xã Tân Hòa, không phải của "
        "UBND xã An Bình"
    ]
    # a body the plan does not name, after the body's own reports were filed
    api.receive([sent(base, "xa-an-binh")], base / "tinh", unit="xa-an-binh", sent_on=JUL_1)

    def stranger(data: dict[str, Any]) -> None:
        data["plan"]["issuer"] = "UBND XÃ PHÚ MỸ"
        data["plan"]["issuer_name"] = "UBND xã Phú Mỹ"

    assert refused(base, sent(base, "xa-an-binh", "1y", stranger)) == [
        "xa-an-binh-1y.json:7:15: E717 báo cáo đã nhận của UBND xã An Bình là báo cáo của UBND xã "
        "An Bình; tệp này là báo cáo của UBND xã Phú Mỹ, một cơ quan khác"
    ]


def test_which_body_sent_it_must_be_known(base: Path) -> None:
    def nameless(data: dict[str, Any]) -> None:
        data["plan"]["issuer"] = "UBND XÃ PHÚ MỸ"
        data["plan"]["issuer_name"] = None

    lower = "(cơ quan cấp dưới: xa-an-binh, xa-tan-hoa)"
    assert refused(base, sent(base, "xa-an-binh", change=nameless), unit=None) == [
        "xa-an-binh-6m.json: E712 cần chỉ rõ cơ quan cấp dưới đã gửi tệp tóm tắt này: --don-vi "
        f"MÃ {lower}"
    ]
    assert refused(base, sent(base, "xa-an-binh"), unit="xa-khac")[0].endswith(lower)
    assert refused(base, sent(base, "xa-an-binh"), unit="dai-phat-thanh") == [
        "xa-an-binh-6m.json: E715 đơn vị 'dai-phat-thanh' không phải cơ quan cấp dưới (cap_duoi: "
        "true) nên không gửi tệp tóm tắt .json; đơn vị gửi nhật ký hoặc biểu mẫu"
    ]


def test_a_log_of_a_lower_body_is_refused(base: Path) -> None:
    path = base / "xa-an-binh.yaml"
    path.write_text(log_yaml(Unit("xa-an-binh", "UBND xã An Bình")), encoding="utf-8")
    assert refused(base, path) == [
        "xa-an-binh.yaml:1:9: E711 UBND xã An Bình (xa-an-binh) là cơ quan cấp dưới (cap_duoi: "
        "true): nhận tệp tóm tắt .json của báo cáo đã lập, không nhận nhật ký"
    ]


def test_a_summary_for_another_period_than_the_one_given_is_refused(base: Path) -> None:
    assert refused(base, sent(base, "xa-an-binh"), period="1y") == [
        "xa-an-binh-6m.json:12:13: E716 tệp là báo cáo 6 tháng đầu năm 2021, không phải báo cáo "
        "năm đã chỉ định (--ky)"
    ]


# --- what makes a summary impossible to add up ---------------------------------------------


def _set(*path: str | int, to: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = to  # type: ignore[index]

    return change


def _drop_task(data: dict[str, Any]) -> None:
    data["tasks"] = data["tasks"][:1]


def _twice(data: dict[str, Any]) -> None:
    data["tasks"] = [data["tasks"][0], *data["tasks"]]


def _drop_indicator(data: dict[str, Any]) -> None:
    del data["tasks"][1]["totals"]["so_tin"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _set("plan", "carries_out", to="9/KH-BTP"),
            "xa-an-binh-6m.json:4:11: E704 đây là báo cáo theo Kế hoạch số 5/KH-UBND năm 2021, "
            "không phải Kế hoạch số 25/KH-STP năm 2021; kế hoạch của cấp dưới thực hiện kế "
            "hoạch này thì ghi thuc_hien_ke_hoach: 25/KH-STP",
        ),
        (
            _drop_task,
            "xa-an-binh-6m.json:{tasks}:12: E705 nhiệm vụ không khớp với kế hoạch (thiếu NV2); cấp "
            "dưới cần dùng đúng mã nhiệm vụ của kế hoạch",
        ),
        (
            _twice,
            "xa-an-binh-6m.json:{tasks}:12: E705 nhiệm vụ không khớp với kế hoạch (lặp NV1); cấp "
            "dưới cần dùng đúng mã nhiệm vụ của kế hoạch",
        ),
        (
            _set("tasks", 1, "totals", "so_tin", to=-3),
            "E152 tệp tóm tắt hỏng hoặc đã bị sửa ở 'tasks[1].totals.so_tin': sai giá trị",
        ),
        (
            _drop_indicator,
            "E706 chỉ tiêu của nhiệm vụ NV2 không khớp với kế hoạch (thiếu so_tin)",
        ),
        (_set("year", to=2020), "E707 đây là báo cáo năm 2020; kế hoạch này là năm 2021"),
        (
            _set("period", to="q1"),
            "E708 đây là báo cáo kỳ q1, kế hoạch không có kỳ báo cáo này (có: 6m, q3, 1y)",
        ),
        (
            _set("window", "start", to="2021-02-01"),
            "E709 số liệu tính từ 01/02/2021 đến 30/06/2021, không khớp kỳ 6 tháng đầu năm 2021 "
            "của kế hoạch (từ 01/01/2021 đến 30/06/2021); cấp dưới cần lập báo cáo theo cùng "
            "khoảng ngày",
        ),
        (
            _set("format", to="baocao-summary/1"),
            "xa-an-binh-6m.json:2:13: E703 tệp tóm tắt phiên bản 1 không dùng được để tổng hợp lên "
            "cấp trên: không có số liệu lũy kế từ đầu năm; đề nghị cơ quan cấp dưới lập lại báo "
            "cáo bằng baocao mới (phiên bản 3)",
        ),
        (
            _set("format", to="baocao-summary/9"),
            "xa-an-binh-6m.json:2:13: E151 tệp tóm tắt phiên bản 9, bản baocao này chỉ đọc được "
            "phiên bản 2, 3",
        ),
        (
            _set("tasks", 0, "activities", to="nhiều"),
            "xa-an-binh-6m.json:{activities}:21: E152 tệp tóm tắt hỏng hoặc đã bị sửa ở "
            "'tasks[0].activities': sai giá trị",
        ),
    ],
)
def test_a_summary_that_cannot_be_added_up_exactly_is_refused(
    base: Path, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    path = sent(base, "xa-an-binh", change=change)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = {  # where the tasks and the first task's activities stand in the file
        name: next((n for n, text in enumerate(lines, 1) if f'"{name}"' in text), 0)
        for name in ("tasks", "activities")
    }
    (found,) = refused(base, path)
    assert expected.format(**at) in found


def test_what_is_not_json_is_refused_at_its_place(base: Path) -> None:
    path = base / "hong.json"
    path.write_text('{\n  "format": "baocao-summary/3",\n  "plan": {,\n}', encoding="utf-8")
    assert refused(base, path) == [
        "hong.json:3:12: E150 không phải tệp tóm tắt báo cáo của baocao (JSON không hợp lệ "
        "(Expecting property name enclosed in double quotes)); dùng tệp .json lập cùng báo cáo"
    ]


def test_a_version_2_summary_is_added_up_and_says_what_it_lacks(base: Path) -> None:
    def version_2(data: dict[str, Any]) -> None:
        data["format"] = "baocao-summary/2"
        for key in ("units_word", "reach", "difficulties", "proposals", "received_on"):
            del data[key]
        for key in ("issuer_name", "carries_out"):
            del data["plan"][key]
        for task in data["tasks"]:
            for key in ("reached", "activities_to_date", "highlights"):
                del task[key]
        for unit in data["units"]:
            del unit["lower"], unit["reach"]
        data["plan"]["number"] = PLAN_NUMBER  # before version 3, the same plan's number

    (done,) = api.receive(
        [sent(base, "xa-an-binh", change=version_2)],
        base / "tinh",
        unit="xa-an-binh",
        sent_on=JUL_1,
    )
    assert [p.format() for p in done.warnings] == [
        "xa-an-binh-6m.json:2:13: W701 tệp tóm tắt phiên bản 2: vẫn tổng hợp được nhưng thiếu hoạt "
        "động tiêu biểu, khó khăn, đề xuất và số đơn vị cơ sở; đề nghị UBND xã An Bình lập lại "
        "báo cáo bằng baocao mới"
    ]
    built = api.build(api.validate(base / "tinh", settings=NO_CACHE), "6m")
    nv1 = built.aggregate.tasks[0]
    assert (nv1.totals["so_buoi"], nv1.count, nv1.reached) == (2, 1, 1)


# --- the workspace ----------------------------------------------------------------------------


def test_the_workspace_says_which_bodies_have_not_sent_and_what_is_misplaced(base: Path) -> None:
    tinh = base / "tinh"
    ws = load_workspace(tinh, settings=NO_CACHE)
    assert [p.format() for p in ws.warnings if p.code == "W702"] == [
        "tinh/ke-hoach.yaml:50:9: W702 chưa nhận tệp tóm tắt báo cáo năm 2021 của UBND xã An Bình "
        "(cơ quan cấp dưới); nhận bằng baocao nhan TỆP.json --don-vi xa-an-binh",
        "tinh/ke-hoach.yaml:53:9: W702 chưa nhận tệp tóm tắt báo cáo năm 2021 của UBND xã Tân Hòa "
        "(cơ quan cấp dưới); nhận bằng baocao nhan TỆP.json --don-vi xa-tan-hoa",
    ]
    sent(base, "xa-an-binh", name="tinh/2021/xa-phu-my.json")
    (tinh / "2021" / "xa-tan-hoa.yaml").write_text(
        log_yaml(Unit("xa-tan-hoa", "UBND xã Tân Hòa")), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_workspace(tinh, settings=NO_CACHE)
    assert [p.format() for p in caught.value.problems if p.severity == "error"] == [
        "tinh/2021/xa-phu-my.json: E710 tệp tóm tắt 'xa-phu-my.json': kế hoạch không có cơ quan "
        "cấp dưới mã 'xa-phu-my' (các đơn vị có cap_duoi: true: xa-an-binh, xa-tan-hoa)",
        "tinh/2021/xa-tan-hoa.yaml:1:9: E711 UBND xã Tân Hòa (xa-tan-hoa) là cơ quan cấp dưới "
        "(cap_duoi: true): nhận tệp tóm tắt .json của báo cáo đã lập, không nhận nhật ký",
    ]

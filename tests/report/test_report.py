"""The report's words, built from the sample: what a clerk reads in each section."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from baocao import api
from baocao.input.workspace import Workspace

DATA = Path(__file__).resolve().parents[2] / "data"


@functools.cache
def sample() -> Workspace:
    return api.validate(DATA)


def context(period: str) -> dict[str, Any]:
    return api.build(sample(), period).context


def test_header_and_subject_of_the_six_month_report() -> None:
    ctx = context("6m")
    assert ctx["co_quan_chu_quan"] == "UBND HUYỆN TÂN LẬP"
    assert ctx["co_quan_ban_hanh"] == "PHÒNG TƯ PHÁP"
    assert ctx["so_ky_hieu"] == "/BC-PTP"
    assert ctx["dia_danh_ngay"] == "Tân Lập, ngày 15 tháng 5 năm 2021"
    assert ctx["trich_yeu"] == (
        "Kết quả thực hiện Kế hoạch tuyên truyền phòng, chống tội phạm xâm hại tình dục "
        "trẻ em trên môi trường mạng xã hội 6 tháng đầu năm 2021"
    )
    assert ctx["mo_dau"].startswith(
        "Thực hiện Kế hoạch số 25/KH-PTP ngày 10/03/2021 của Phòng Tư pháp"
    )
    assert "(số liệu tính từ ngày 01/01/2021 đến ngày 30/04/2021)" in ctx["mo_dau"]


def test_year_report_does_not_repeat_the_year() -> None:
    ctx = context("1y")
    assert ctx["trich_yeu"].endswith("trên môi trường mạng xã hội năm 2021")
    assert "năm 2021 năm 2021" not in ctx["trich_yeu"]
    assert ctx["dia_danh_ngay"] == "Tân Lập, ngày 15 tháng 11 năm 2021"


def test_every_plan_task_has_its_item_in_order() -> None:
    ctx = context("6m")
    plan = sample().plan
    assert [(i["so"], i["ten"]) for i in ctx["nhiem_vu"]] == [
        (n, t.title) for n, t in enumerate(plan.tasks, 1)
    ]


def test_figures_in_sentences_use_vietnamese_grouping() -> None:
    items = {i["so"]: i["doan"] for i in context("6m")["nhiem_vu"]}
    assert items[1][0] == (
        "Trong kỳ, 10 cơ quan, đơn vị đã thực hiện 25 hoạt động, kết quả: "
        "77 buổi tuyên truyền, 10.096 lượt người tham dự."
    )
    assert items[4] == [
        "Nhiệm vụ có thời gian thực hiện quý IV năm 2021, chưa đến thời hạn triển khai "
        "trong kỳ báo cáo."
    ]


def test_shortcomings_name_silent_and_late_units() -> None:
    found = context("6m")["ton_tai"]
    assert "Còn 1 đơn vị chưa gửi báo cáo: UBND xã Phú Mỹ." in found
    assert any("Hội Liên hiệp Phụ nữ huyện (chậm 7 ngày)" in line for line in found)


def test_proposals_said_once_with_every_unit_that_made_them() -> None:
    groups = {g["ten"]: g["muc"] for g in context("6m")["kien_nghi"]}
    proposals = groups["Đối với Phòng Tư pháp"]
    shared = [p for p in proposals if "tiếp tục cấp phát tài liệu tuyên truyền cho xã" in p]
    assert len(shared) == 1
    assert "UBND xã An Bình" in shared[0] and "UBND xã Tân Hòa" in shared[0]


def test_next_steps_name_the_tasks_still_running_and_the_one_not_yet_due() -> None:
    steps = context("6m")["phuong_huong"]
    assert any(s.startswith("Triển khai nhiệm vụ “Tuyên truyền thông qua") for s in steps)
    assert any(s.startswith("Tiếp tục thực hiện nhiệm vụ “Đẩy mạnh") for s in steps)


def test_recipients_punctuation_and_signer() -> None:
    ctx = context("6m")
    assert ctx["noi_nhan"] == [
        "UBND huyện (để b/c);",
        "Sở Tư pháp (để b/c);",
        "Các cơ quan, đơn vị có liên quan;",
        "Lưu: VT, PTP.",
    ]
    assert ctx["nguoi_ky"] == {
        "quyen_han": "",
        "chuc_vu": "TRƯỞNG PHÒNG",
        "ho_ten": "Nguyễn Thị Thu Hà",
    }


def test_appendix_rows_sum_to_the_total_row() -> None:
    appendix = context("1y")["phu_luc"]
    assert appendix["chua_bao_cao"] == ["Huyện Đoàn", "UBND xã Phú Mỹ"]
    for table in appendix["bang"]:
        for column, total in enumerate(table["tong"]):
            if table["cot"][column].startswith("Tỷ lệ"):  # a share, never summed
                assert total == "-"
                continue
            cells = [row["so"][column] for row in table["dong"]]
            column_sum = sum(int(c.replace(".", "")) for c in cells if c != "-")
            assert column_sum == int(total.replace(".", ""))

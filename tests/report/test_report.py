"""The report's words, built from the sample: what a clerk reads in each section."""

from __future__ import annotations

import functools
from pathlib import Path

from baocao import api
from baocao.input.workspace import Workspace
from baocao.report.contract import ReportContext

DATA = Path(__file__).resolve().parents[2] / "data"


@functools.cache
def sample() -> Workspace:
    return api.validate(DATA)


def context(period: str) -> ReportContext:
    return api.build(sample(), period).context


def test_header_and_subject_of_the_six_month_report() -> None:
    ctx = context("6m")
    assert ctx.co_quan_chu_quan == "UBND HUYỆN TÂN LẬP"
    assert ctx.co_quan_ban_hanh == "PHÒNG TƯ PHÁP"
    assert ctx.so_ky_hieu == "/BC-PTP"
    assert ctx.dia_danh_ngay == "Tân Lập, ngày 15 tháng 5 năm 2021"
    assert ctx.trich_yeu == (
        "Kết quả thực hiện Kế hoạch tuyên truyền phòng, chống tội phạm xâm hại tình dục "
        "trẻ em trên môi trường mạng xã hội 6 tháng đầu năm 2021"
    )
    assert ctx.mo_dau.startswith(
        "Thực hiện Kế hoạch số 25/KH-PTP ngày 10/03/2021 của Phòng Tư pháp"
    )
    assert "(số liệu tính từ ngày 01/01/2021 đến ngày 30/04/2021)" in ctx.mo_dau


def test_year_report_does_not_repeat_the_year() -> None:
    ctx = context("1y")
    assert ctx.trich_yeu.endswith("trên môi trường mạng xã hội năm 2021")
    assert "năm 2021 năm 2021" not in ctx.trich_yeu
    assert ctx.dia_danh_ngay == "Tân Lập, ngày 15 tháng 11 năm 2021"


def test_every_plan_task_has_its_item_in_order_under_its_short_name() -> None:
    ctx = context("6m")
    plan = sample().plan
    assert [(i.so, i.ten) for i in ctx.nhiem_vu] == [
        (n, t.short_name) for n, t in enumerate(plan.tasks, 1)
    ]
    assert ctx.nhiem_vu[3].ten == "Hưởng ứng Ngày Pháp luật"


def test_a_task_without_a_short_name_gets_one_cut_from_its_title(sample_copy: Path) -> None:
    plan = sample_copy / "ke-hoach-2021.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        "\n".join(line for line in text.splitlines() if "ten_ngan:" not in line) + "\n",
        encoding="utf-8",
    )
    headings = [i.ten for i in api.build(api.validate(sample_copy), "6m").context.nhiem_vu]
    assert headings[1] == (
        "Hỗ trợ tài liệu cho các đối tượng thực hiện công tác phổ biến, giáo dục pháp luật"
    )
    assert headings[4] == "Tổ chức tập huấn, bồi dưỡng"
    assert all(len(h) <= 90 for h in headings)  # a line or so of a heading, never four


def test_figures_in_sentences_use_vietnamese_grouping() -> None:
    items = {i.so: i.doan for i in context("6m").nhiem_vu}
    assert items[1][0] == (
        "Trong kỳ, 10/11 cơ quan, đơn vị báo cáo kết quả (trừ Đài Truyền thanh huyện) đã thực "
        "hiện 25 hoạt động, kết quả: 77 buổi tuyên truyền, 10.096 lượt người tham dự."
    )
    assert items[4] == [
        "Nhiệm vụ hưởng ứng Ngày Pháp luật thực hiện trong quý IV năm 2021, chưa đến thời gian "
        "triển khai trong kỳ báo cáo."
    ]


def test_indicators_with_commas_are_listed_with_semicolons() -> None:
    items = {i.so: i.doan for i in context("6m").nhiem_vu}
    assert items[3][0].endswith(
        "đã thực hiện 14 hoạt động, kết quả: 21 tin, bài được biên tập; 103 lượt phát thanh; "
        "13 bài đăng trên Trang thông tin điện tử."
    )


def test_units_are_named_inside_the_sentence_with_the_figures() -> None:
    items = {i.so: i.doan for i in context("6m").nhiem_vu}
    assert items[5][0] == (
        "Trong kỳ, 02 cơ quan, đơn vị (Phòng Tư pháp, UBND xã Tân Hòa) đã thực hiện 02 hoạt "
        "động, kết quả: 02 hội nghị tập huấn, 148 lượt người được tập huấn."
    )
    every = [line for doan in items.values() for line in doan]
    assert not any(line.startswith("Đơn vị thực hiện") for line in every)


def test_a_finished_task_says_so_once() -> None:
    items = {i.so: i.doan for i in context("1y").nhiem_vu}
    done = [line for line in items[5] if "theo thời gian của Kế hoạch" in line]
    assert done == [
        "Nhiệm vụ hoàn thành vượt chỉ tiêu theo thời gian của Kế hoạch (quý II, quý III năm 2021)."
    ]
    every = [line for doan in items.values() for line in doan]
    assert not any("tiếp tục được thực hiện" in line for line in every)


def test_a_finished_task_without_targets_says_so_with_its_figures(sample_copy: Path) -> None:
    plan = sample_copy / "ke-hoach-2021.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        "\n".join(line for line in text.splitlines() if "muc_tieu:" not in line) + "\n",
        encoding="utf-8",
    )
    items = api.build(api.validate(sample_copy), "1y").context.nhiem_vu
    assert (
        items[4]
        .doan[0]
        .startswith(
            "Nhiệm vụ đã hoàn thành theo Kế hoạch (quý II, quý III năm 2021): trong kỳ, 06 cơ quan"
        )
    )


def test_examples_come_from_different_units() -> None:
    for period in ("6m", "1y"):
        for item in context(period).nhiem_vu:
            examples = [line for line in item.doan if line.startswith("- Ngày ")]
            units = {line.split(", ", 1)[1].split(":", 1)[0] for line in examples}
            assert len(units) == len(examples), item.ten


def test_shortcomings_name_silent_and_late_units() -> None:
    found = context("6m").ton_tai
    assert "Còn 01 đơn vị chưa gửi báo cáo: UBND xã Phú Mỹ." in found
    assert any(
        line.startswith("Có 01 đơn vị gửi báo cáo chậm")
        and "Hội Liên hiệp Phụ nữ huyện (chậm 07 ngày)" in line
        for line in found
    )


def test_proposals_said_once_with_every_unit_that_made_them() -> None:
    groups = {g.ten: g.muc for g in context("6m").kien_nghi}
    proposals = groups["Đối với Phòng Tư pháp"]
    shared = [p for p in proposals if "tiếp tục cấp phát tài liệu tuyên truyền cho xã" in p]
    assert len(shared) == 1
    assert "UBND xã An Bình" in shared[0] and "UBND xã Tân Hòa" in shared[0]


def test_next_steps_group_the_running_tasks_and_leave_the_clerks_tasks_to_the_clerk() -> None:
    steps = context("6m").phuong_huong
    assert (
        "Tiếp tục thực hiện đến hết năm 2021 các nhiệm vụ: cấp phát tài liệu phổ biến, giáo dục "
        "pháp luật; tuyên truyền trên sóng phát thanh và Trang thông tin điện tử; trợ giúp pháp "
        "lý, tư vấn pháp luật." in steps
    )
    # NV1, NV4 and NV5 have the clerk's own words (phuong_huong_nhiem_vu): no second line.
    clerk = sample().narratives[(2021, "6m")].task_steps
    assert [s for s in steps if s in clerk.values()] == list(clerk.values())
    for name in ("hưởng ứng Ngày Pháp luật", "tập huấn, bồi dưỡng", "tuyên truyền phòng, chống"):
        assert not any(name in s for s in steps if s not in clerk.values()), name
    assert not any("thời gian thực hiện: cả năm" in s for s in steps)


def test_next_steps_without_a_narrative(sample_copy: Path) -> None:
    for path in (sample_copy / "dien-giai").glob("*.yaml"):
        path.unlink()
    steps = api.build(api.validate(sample_copy), "6m").context.phuong_huong
    assert steps == [
        "Tiếp tục thực hiện đến hết năm 2021 các nhiệm vụ: tuyên truyền phòng, chống xâm hại "
        "tình dục trẻ em; cấp phát tài liệu phổ biến, giáo dục pháp luật; tuyên truyền trên sóng "
        "phát thanh và Trang thông tin điện tử; trợ giúp pháp lý, tư vấn pháp luật.",
        "Tiếp tục thực hiện nhiệm vụ tập huấn, bồi dưỡng người làm công tác phổ biến, giáo dục "
        "pháp luật đến hết quý III năm 2021.",
        "Triển khai nhiệm vụ hưởng ứng Ngày Pháp luật theo Kế hoạch (quý IV năm 2021).",
        "Xem xét, giải quyết các kiến nghị của các đơn vị đối với Phòng Tư pháp (chi tiết tại "
        "Phụ lục).",
    ]


def test_recipients_punctuation_and_signer() -> None:
    ctx = context("6m")
    assert ctx.noi_nhan == [
        "UBND huyện (để b/c);",
        "Sở Tư pháp (để b/c);",
        "Các cơ quan, đơn vị có liên quan;",
        "Lưu: VT, PTP.",
    ]
    assert ctx.nguoi_ky.model_dump() == {
        "quyen_han": "",
        "chuc_vu": "TRƯỞNG PHÒNG",
        "ho_ten": "Nguyễn Thị Thu Hà",
    }


def test_appendix_rows_sum_to_the_total_row() -> None:
    appendix = context("1y").phu_luc
    assert appendix.chua_bao_cao == ["Huyện Đoàn", "UBND xã Phú Mỹ"]
    assert appendix.phu_de == (
        "(Kèm theo Báo cáo số      /BC-PTP ngày 15/11/2021 của Phòng Tư pháp)"
    )
    assert appendix.tep_so_lieu == "" and appendix.ghi_chu == ""
    for table in appendix.bang:
        for column, total in enumerate(table.tong):
            if table.cot[column].startswith("Tỷ lệ"):  # a share, never summed
                assert total == "-"
                continue
            cells = [row.so[column] for row in table.dong]
            column_sum = sum(int(c.replace(".", "")) for c in cells if c != "-")
            assert column_sum == int(total.replace(".", ""))


def test_appendix_says_when_a_task_is_not_yet_due_instead_of_a_table() -> None:
    table = context("6m").phu_luc.bang[3]
    assert table.dong == []
    assert table.ghi_chu == (
        "Nhiệm vụ thực hiện trong quý IV năm 2021, chưa đến thời gian triển khai trong kỳ báo cáo."
    )
    assert table.ten == (
        "Tuyên truyền thông qua “Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam”"
    )


def test_appendix_lists_every_units_submission() -> None:
    nop = context("1y").phu_luc.nop
    rows = {row.don_vi: (row.ngay_gui, row.tinh_trang) for row in nop.dong}
    assert len(rows) == len(sample().plan.units)
    assert rows["Huyện Đoàn"] == ("", "Chưa gửi")
    assert rows["Phòng Tư pháp"][1] == "Đúng hạn"
    assert nop.tom_tat == (
        "Tổng số 12 đơn vị (thời hạn 12/11/2021): 10 đơn vị gửi đúng hạn, 02 đơn vị chưa gửi."
    )


def test_a_share_of_the_units_never_reads_as_a_date() -> None:
    items = {i.so: i.doan for i in context("1y").nhiem_vu}
    assert items[2][0].startswith(
        "Trong kỳ, 8/11 cơ quan, đơn vị báo cáo kết quả (trừ Phòng Văn hóa và Thông tin, "
        "Công an huyện, Đài Truyền thanh huyện) đã thực hiện 13 hoạt động"
    )


def test_strengths_without_a_narrative_count_tasks_and_units(sample_copy: Path) -> None:
    for path in (sample_copy / "dien-giai").glob("*.yaml"):
        path.unlink()
    assert api.build(api.validate(sample_copy), "6m").context.uu_diem == [
        "Các cơ quan, đơn vị đã triển khai 5/5 nhiệm vụ đến hạn của Kế hoạch với 52 hoạt động; "
        "10/12 đơn vị gửi báo cáo đúng hạn."
    ]

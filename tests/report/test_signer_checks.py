"""Each check finds a problem planted in a clean report and passes the clean report."""

from __future__ import annotations

import pytest
import signer
from docx_builder import CLEAN
from signer import (
    dates_after,
    dates_outside_window,
    inconsistent_capitalisation,
    inconsistent_dates,
    lists_with_commas,
    misaddressed_proposals,
    missing_parts,
    nested_quotes,
    numeral_led_sentences,
    placeholders,
    received_after_report,
    repeated_sentences,
)


def whys(findings: list[signer.Finding]) -> list[str]:
    return [f.why for f in findings]


@pytest.mark.parametrize("check", signer.ALL_CHECKS, ids=lambda c: c.__name__)
def test_clean_report_passes(read, check):
    assert check(read(CLEAN)) == []


def test_run_checks_names_each_finding(read):
    report = read(CLEAN.with_body("Nội dung [cần bổ sung] sau."))
    (finding,) = signer.run_checks(report)
    assert finding.check == "placeholders"
    assert str(finding).startswith("[placeholders] ¶")


# --- placeholders ---


@pytest.mark.parametrize(
    "planted",
    [
        "Kết quả: [số liệu] buổi tuyên truyền.",
        "Kế hoạch số …/KH-PTP đã được triển khai.",
        "Ngày … tháng … năm 2021, Phòng Tư pháp họp.",
        "Kế hoạch số .../KH-PTP đã được triển khai.",
        "Đơn vị thực hiện: ............",
        "Người ký: ________",
        "Số liệu CẦN ĐIỀN trước khi trình ký.",
        "Chỉ tiêu đề xuất, KIỂM TRA lại trước khi dùng.",
        "Ký hiệu XXX của cơ quan.",
        "Số liệu: None buổi.",
        "Tổng số {{ tong_so }} buổi.",
        "Đơn vị <tên đơn vị> đã thực hiện.",
        "Số liệu ?? buổi.",
    ],
)
def test_placeholders_found(read, planted):
    findings = placeholders(read(CLEAN.with_body(planted)))
    assert len(findings) >= 1
    assert all(f.index > 0 for f in findings)


def test_placeholders_in_the_header(read):
    issuer = ("[CƠ QUAN CHỦ QUẢN]", "PHÒNG TƯ PHÁP", "", "Số: …/BC-PTP")
    findings = placeholders(read(CLEAN.but(issuer=issuer)))
    assert [f.excerpt for f in findings] == ["[CƠ QUAN CHỦ QUẢN]", "Số: …/BC-PTP"]


@pytest.mark.parametrize(
    "fine",
    [
        "Tuyên truyền trên Đài Phát thanh, chuyên mục pháp luật, tin bài… của huyện.",
        "Công an huyện tổ chức 6 cuộc kiểm tra các điểm kinh doanh dịch vụ Internet.",
        "II. KẾT QUẢ KIỂM TRA",
        "Khó khăn nan giải là kinh phí.",
    ],
)
def test_placeholders_pass(read, fine):
    assert placeholders(read(CLEAN.with_body(fine))) == []


def test_empty_report_number_is_practice(read):
    assert placeholders(read(CLEAN)) == []  # "Số:      /BC-PTP" and "Báo cáo số      /BC-PTP"


# --- nested quotes ---


@pytest.mark.parametrize(
    ("planted", "why"),
    [
        (
            "Triển khai nhiệm vụ “Tuyên truyền thông qua “Ngày pháp luật nước Cộng hòa xã hội "
            "chủ nghĩa Việt Nam”” trong quý IV.",
            "ngoặc kép lồng trong ngoặc kép",
        ),
        (
            'Triển khai nhiệm vụ “Tuyên truyền qua "Ngày Pháp luật" năm 2021” trong quý IV.',
            "ngoặc kép lồng trong ngoặc kép",
        ),
        (
            'Triển khai nhiệm vụ "Tuyên truyền qua "Ngày Pháp luật" năm 2021" trong quý IV.',
            "ngoặc kép lồng trong ngoặc kép",
        ),
        ("Cấp phát tờ gấp “Bảo vệ trẻ em cho các ấp.", "mở ngoặc kép không đóng"),
        ("Cấp phát tờ gấp Bảo vệ trẻ em” cho các ấp.", "đóng ngoặc kép khi chưa mở"),
    ],
)
def test_nested_quotes_found(read, planted, why):
    assert whys(nested_quotes(read(CLEAN.with_body(planted)))) == [why]


@pytest.mark.parametrize(
    "fine",
    [
        "Cấp phát tờ gấp “Em biết tự bảo vệ mình” và “An toàn trên mạng” cho học sinh.",
        'Cấp phát tờ gấp "Em biết tự bảo vệ mình" cho học sinh.',
        "Triển khai nhiệm vụ “Tuyên truyền thông qua ‘Ngày Pháp luật’ năm 2021”.",
    ],
)
def test_nested_quotes_pass(read, fine):
    assert nested_quotes(read(CLEAN.with_body(fine))) == []


# --- numeral-led sentences ---


@pytest.mark.parametrize(
    "planted",
    [
        "1 đơn vị gửi báo cáo chậm so với thời hạn 05/5/2021.",
        "03 hội nghị tập huấn đã được tổ chức.",
        "Kế hoạch được triển khai kịp thời. 3 đơn vị chưa gửi báo cáo.",
        "- Kinh phí còn hạn chế. 2 xã chưa có loa truyền thanh.",
    ],
)
def test_numeral_led_sentences_found(read, planted):
    (finding,) = numeral_led_sentences(read(CLEAN.with_body(planted)))
    assert finding.excerpt.lstrip("…")[0].isdigit()


@pytest.mark.parametrize(
    "fine",
    [
        "3. Nguyên nhân",
        "1.2. Kết quả cụ thể",
        "a) Về tuyên truyền",
        "- 02 hội nghị, 150 lượt người tham dự.",
        "Cấp phát 1.500 tờ gấp pháp luật.",
        "Có 3 đơn vị chưa gửi báo cáo.",
    ],
)
def test_numeral_led_sentences_pass(read, fine):
    assert numeral_led_sentences(read(CLEAN.with_body(fine))) == []


def test_numeral_led_sentences_skip_table_cells(read):
    assert numeral_led_sentences(read(CLEAN)) == []  # cells "1", "2", "5"


# --- dates after the report's date ---


@pytest.mark.parametrize(
    "planted",
    [
        "Ngày 12/5/2021, Hội Liên hiệp Phụ nữ huyện gửi báo cáo.",
        "Ngày 2021-05-12, Hội Liên hiệp Phụ nữ huyện gửi báo cáo.",
        "Ngày 12 tháng 5 năm 2021, Hội Liên hiệp Phụ nữ huyện gửi báo cáo.",
        "Hội Liên hiệp Phụ nữ huyện gửi báo cáo ngày 12/5.",
        "Trong tháng 6/2021, các đơn vị tổ chức tuyên truyền.",
        "Việc dạy học trực tuyến từ đầu năm học 2021 - 2022 làm hạn chế hoạt động ngoại khóa.",
        "Ngày 31/02/2021, Phòng Tư pháp họp.",
    ],
)
def test_dates_after_found(read, planted):
    (finding,) = dates_after(read(CLEAN.with_body(planted, at=3)))
    assert finding.check == "dates_after"


def test_dates_after_in_an_appendix_cell(read):
    table = (("STT", "Đơn vị", "Ngày gửi"), ("1", "Hội Liên hiệp Phụ nữ huyện", "12/05/2021"))
    (finding,) = dates_after(read(CLEAN.but(table=table)))
    assert "12/05/2021" in finding.why


@pytest.mark.parametrize(
    ("fine", "at"),
    [
        ("Ngày 05/5/2021, Phòng Tư pháp tổng hợp báo cáo.", 3),
        ("Tiếp tục thực hiện trong năm 2022.", 3),
        ("Nhiệm vụ thực hiện trong quý IV năm 2021.", 3),
        ("Chuẩn bị cho năm học 2021 - 2022.", -1),  # section IV speaks of the future
        ("Tổ chức hội nghị trong tháng 9/2021.", -1),
    ],
)
def test_dates_after_pass(read, fine, at):
    at = len(CLEAN.body) - 2 if at == -1 else at
    assert dates_after(read(CLEAN.with_body(fine, at=at))) == []


def test_exact_future_date_in_next_steps_is_still_found(read):
    planted = "Tổ chức hội nghị vào ngày 09/11/2021."
    assert len(dates_after(read(CLEAN.with_body(planted, at=len(CLEAN.body) - 2)))) == 1


def test_dates_after_needs_a_header_date(read):
    nation = (*CLEAN.nation[:3], "Tân Lập, ngày … tháng … năm 2021")
    report = read(CLEAN.but(nation=nation).with_body("Ngày 12/5/2021, họp.", at=3))
    assert dates_after(report) == []
    assert "không có ngày tháng năm ban hành" in whys(missing_parts(report))


# --- submissions received after the report's date ---


def test_received_after_report_found(read):
    planted = (
        "Có 2 đơn vị gửi báo cáo chậm so với thời hạn 05/5/2021: Hội Liên hiệp Phụ nữ huyện "
        "(chậm 7 ngày), Huyện Đoàn (chậm 0 ngày)."
    )
    (finding,) = received_after_report(read(CLEAN.with_body(planted, at=13)))
    assert "Hội Liên hiệp Phụ nữ huyện" in finding.excerpt
    assert "12/05/2021" in finding.why


def test_received_before_the_report_passes(read):
    report_date = (*CLEAN.nation[:3], "Tân Lập, ngày 20 tháng 5 năm 2021")
    planted = "Có 1 đơn vị gửi chậm so với thời hạn 05/5/2021: Huyện Đoàn (chậm 7 ngày)."
    assert received_after_report(read(CLEAN.but(nation=report_date).with_body(planted))) == []


# --- activities outside the stated window ---


def test_dates_outside_window_found(read):
    planted = "- Ngày 24/5/2021, UBND xã An Bình: Đăng tải bài viết lên Trang thông tin điện tử."
    (finding,) = dates_outside_window(read(CLEAN.with_body(planted, at=7)))
    assert "24/05/2021" in finding.why


def test_dates_outside_window_only_in_results(read):
    cited = "- Ngày 24/5/2021, Phòng Tư pháp sẽ tổ chức hội nghị."
    assert dates_outside_window(read(CLEAN.with_body(cited, at=len(CLEAN.body) - 2))) == []


# --- repeated sentences ---


def test_repeated_sentences_found(read):
    boiler = "Nhiệm vụ đang tiếp tục được thực hiện theo Kế hoạch (cả năm 2021)."
    other = "Nhiệm vụ đang tiếp tục được thực hiện theo kế hoạch (quý II, quý III năm 2021)."
    (finding,) = repeated_sentences(read(CLEAN.with_body(boiler, other, boiler, at=7)))
    assert "3 lần" in finding.why


def test_repeated_sentences_ignore_attribution_and_bullet(read):
    first = "- Kinh phí dành cho công tác tuyên truyền còn hạn hẹp (UBND xã An Bình)."
    second = "- Kinh phí dành cho công tác tuyên truyền còn hạn hẹp (UBND xã Tân Hòa)."
    assert len(repeated_sentences(read(CLEAN.with_body(first, second, at=13)))) == 1


@pytest.mark.parametrize(
    "fine",
    [
        ("Một số hoạt động tiêu biểu:", "Một số hoạt động tiêu biểu:"),
        ("Nhiệm vụ đã hoàn thành.", "Nhiệm vụ đã hoàn thành."),
    ],
)
def test_repeated_sentences_pass_short_ones_and_lead_ins(read, fine):
    assert repeated_sentences(read(CLEAN.with_body(*fine, at=7))) == []


# --- inconsistent dates ---


def test_inconsistent_month_form_found(read):
    planted = "Ngày 10/03/2021, Phòng Tư pháp ban hành Kế hoạch."  # CLEAN writes 10/3/2021
    findings = inconsistent_dates(read(CLEAN.with_body(planted, at=3)))
    assert [f.index for f in findings] == [
        read(CLEAN.with_body(planted, at=3)).part("body")[3].index
    ]
    assert "tháng 3 đến 9" in findings[0].why


def test_inconsistent_day_form_found(read):
    planted = (
        "Ngày 2/4/2021, họp triển khai.",
        "Ngày 02/4/2021, họp sơ kết.",
        "Ngày 05/4/2021, họp.",
    )
    (finding,) = inconsistent_dates(read(CLEAN.with_body(*planted, at=3)))
    assert "2/4/2021" in finding.excerpt
    assert "ngày dưới 10" in finding.why


def test_iso_date_is_always_found(read):
    (finding,) = inconsistent_dates(read(CLEAN.with_body("Ngày 2021-03-22, họp.", at=3)))
    assert "ISO" in finding.why


def test_nd30_style_leading_zero_for_january_passes(read):
    assert inconsistent_dates(read(CLEAN)) == []  # 01/01/2021 beside 10/3/2021 and 30/4/2021


# --- inconsistent capitalisation ---


def test_inconsistent_capitalisation_found(read):
    planted = "Tuyên truyền thông qua “Ngày pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam”."
    (finding,) = inconsistent_capitalisation(read(CLEAN.with_body(planted, at=5)))
    assert "'Ngày pháp luật'" in finding.why
    assert "'Ngày Pháp luật'" in finding.why


def test_nhan_dan_found(read):
    planted = (
        "Cấp phát tài liệu cho cán bộ và Nhân dân trên địa bàn.",
        "Tuyên truyền cho cán bộ và nhân dân trên địa bàn.",
        "Phổ biến cho cán bộ và Nhân dân trên địa bàn.",
    )
    (finding,) = inconsistent_capitalisation(read(CLEAN.with_body(*planted, at=7)))
    assert "nhân dân" in finding.excerpt


@pytest.mark.parametrize(
    "fine",
    [
        ("Tuyên truyền Luật Trẻ em năm 2016.", "Hưởng ứng Tháng hành động vì trẻ em năm 2021."),
        ("Học sinh Trường Tiểu học Tân Lập A.", "Giáo viên các trường tiểu học trên địa bàn."),
        ("Kế hoạch được triển khai kịp thời.", "Kế hoạch được triển khai đồng bộ."),
        ("V. ĐỀ XUẤT, KIẾN NGHỊ CỦA XÃ", "Các xã có đề xuất, kiến nghị của xã."),
    ],
)
def test_inconsistent_capitalisation_pass(read, fine):
    assert inconsistent_capitalisation(read(CLEAN.with_body(*fine, at=7))) == []


# --- long lists ---


def names(count: int) -> str:
    return ", ".join(f"UBND xã Số {n}" for n in range(1, count + 1))


def test_long_list_after_colon_found(read):
    (finding,) = lists_with_commas(read(CLEAN.with_body(f"Đơn vị thực hiện: {names(40)}.", at=6)))
    assert "40 mục" in finding.why


def test_long_list_in_parenthesis_found(read):
    planted = f"- Kinh phí dành cho công tác tuyên truyền còn hạn hẹp ({names(15)})."
    assert len(lists_with_commas(read(CLEAN.with_body(planted, at=13)))) == 1


def test_short_lists_pass(read):
    planted = f"Đơn vị thực hiện: {names(12)}."
    assert lists_with_commas(read(CLEAN.with_body(planted, at=6))) == []


# --- proposals ---


@pytest.mark.parametrize(
    ("planted", "why"),
    [
        ("Đề nghị Phòng Tư pháp cử báo cáo viên về trường học.", "đề nghị chính Phòng Tư pháp"),
        ("Đề nghị Sở Thông tin và Truyền thông tổ chức tập huấn.", "không có trong nơi nhận"),
        ("Đề nghị bố trí kinh phí hỗ trợ tư vấn tâm lý.", "không nêu cơ quan"),
        ("- Đề nghị các nhà trường phối hợp với công an.", "không nêu cơ quan"),
    ],
)
def test_misaddressed_proposals_found(read, planted, why):
    (finding,) = misaddressed_proposals(read(CLEAN.with_body(planted)))
    assert why in finding.why


def test_proposals_outside_section_v_pass(read):
    planted = "Đề nghị Phòng Tư pháp cử báo cáo viên về trường học."
    assert misaddressed_proposals(read(CLEAN.with_body(planted, at=13))) == []


def test_any_recipient_counts_when_none_is_marked(read):
    recipients = ("Nơi nhận:", "- UBND huyện;", "- Lưu: VT, PTP.")
    assert misaddressed_proposals(read(CLEAN.but(recipients=recipients))) == []


# --- missing parts ---


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"nation": (*CLEAN.nation[:3], "Tân Lập, ngày 5 tháng 5 năm 2021")}, "Nghị định 30"),
        ({"nation": (*CLEAN.nation[:3], "Tân Lập, ngày 05 tháng 05 năm 2021")}, "Nghị định 30"),
        ({"nation": (*CLEAN.nation[:3], "Tân Lập, ngày 05 tháng 1 năm 2021")}, "Nghị định 30"),
        ({"issuer": CLEAN.issuer[:3]}, 'không có dòng "Số:"'),
        ({"title": ("Kết quả thực hiện Kế hoạch năm 2021", "")}, "BÁO CÁO"),
        ({"body": (*CLEAN.body[:-1], "Đề nghị UBND huyện bố trí kinh phí.")}, "./."),
        ({"signer": ("", "", "", "Nguyễn Thị Thu Hà")}, "chức vụ người ký"),
        ({"signer": ("TRƯỞNG PHÒNG", "", "")}, "họ tên người ký"),
        ({"signer": ("TRƯỞNG PHÒNG", "ThS. Nguyễn Thị Thu Hà")}, "học hàm"),
        ({"recipients": ("Nơi nhận:",)}, "không có nơi nhận"),
        ({"recipients": ("Nơi nhận:", "- Lưu: VT, PTP.")}, "chỉ có nơi lưu"),
        ({"recipients": ("Nơi nhận:", "- UBND huyện (để b/c)", "- Lưu: VT, PTP.")}, '";"'),
        ({"recipients": ("Nơi nhận:", "- UBND huyện (để b/c);", "- Lưu: VT, PTP")}, "Lưu"),
    ],
)
def test_missing_parts_found(read, change, why):
    findings = missing_parts(read(CLEAN.but(**change)))
    assert any(why in f.why for f in findings), whys(findings)


@pytest.mark.parametrize(
    "date_line",
    [
        "Tân Lập, ngày 05 tháng 01 năm 2021",
        "Tân Lập, ngày 12 tháng 11 năm 2021",
        "Tân Lập, ngày 25 tháng 3 năm 2021",
    ],
)
def test_nd30_date_forms_pass(read, date_line):
    assert missing_parts(read(CLEAN.dated(date_line))) == []

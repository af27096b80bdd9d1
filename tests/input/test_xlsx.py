"""Reading forms back: the round trip, and each way a real spreadsheet goes wrong."""

from __future__ import annotations

import io
import struct
import time
import unicodedata
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.workbook import Workbook

from baocao.core.models import Plan, build_log_model, to_unit_log
from baocao.errors import InputError
from baocao.input.validate import check, check_log
from baocao.input.xlsx import FormSource
from baocao.plan.forms import form_bytes
from formkit import (
    LOGS,
    NAME,
    UNIT,
    as_plan,
    edit,
    lines,
    patch_part,
    read,
    refused,
    sample_log,
    set_cell_xml,
)

NV1 = "xl/worksheets/sheet2.xml"  # Thông tin is sheet1, then the tasks in plan order

# --- the round trip -----------------------------------------------------------------------


@pytest.mark.parametrize("log_file", LOGS)
def test_log_to_form_and_back_is_the_same_log(plan: Plan, log_file: str) -> None:
    log = sample_log(plan, log_file)
    unit = log["don_vi"]
    reading = read(form_bytes(plan, unit, log), plan, f"{unit}.xlsx")
    assert lines(reading) == []
    assert reading.data == log


def test_per_period_lists_come_back_per_period(plan: Plan, log: dict[str, Any]) -> None:
    log["kho_khan"] = {"6m": ["Thiếu tài liệu.", "Thiếu loa."], "1y": ["Thiếu kinh phí."]}
    log["de_xuat"] = ["Cấp thêm tài liệu."]  # one list plain, the other by period
    reading = read(form_bytes(plan, UNIT, log), plan)
    assert lines(reading) == []
    assert reading.data == log
    assert reading.data["kho_khan"] == {
        "6m": ["Thiếu tài liệu.", "Thiếu loa."],
        "1y": ["Thiếu kinh phí."],
    }


def test_an_empty_form_is_an_empty_log(plan: Plan, blank_form: bytes) -> None:
    reading = read(blank_form, plan)
    assert (reading.data, reading.problems) == ({"don_vi": UNIT, "nam": 2021}, [])


def _at(reading: FormSource, *path: str | int) -> str:
    """Where a value of the log came from, as messages name it, without the file."""
    return str(reading.place(path)).removeprefix(f"{NAME}:")


def test_places_point_back_at_cells(plan: Plan, form: bytes) -> None:
    reading = read(form, plan)
    assert _at(reading, "nhiem_vu", "NV1", 0) == "NV1!A7"
    assert _at(reading, "nhiem_vu", "NV1", 1, "ngay") == "NV1!A8"
    assert _at(reading, "nhiem_vu", "NV3", 1, "so_lieu", "so_bai_dang_web") == "NV3!E8"
    assert _at(reading, "ngay_gui", "1y") == "Thông tin!B18"
    assert _at(reading, "de_xuat", "6m", 1) == "Thông tin!C22"
    assert _at(reading, "de_xuat", "1y", 0) == "Thông tin!C23"
    assert _at(reading, "don_vi") == "Thông tin!B5"
    # a part the log does not hold is placed on the nearest part that it does
    assert _at(reading, "nhiem_vu", "NV1", 0, "so_lieu", "so_khac") == "NV1!A7"
    assert reading.raw_text(("nhiem_vu", "NV1", 0, "so_lieu", "so_luot_nguoi")) == "72"


def test_a_unit_adds_a_row_in_the_first_empty_line(plan: Plan, form: bytes) -> None:
    def add(wb: Workbook) -> None:
        ws = wb["NV1"]
        ws["A12"], ws["B12"], ws["C12"], ws["D12"] = date(2021, 12, 3), "Tuyên truyền thêm", 1, 40

    reading = read(edit(form, add), plan)
    assert lines(reading) == []
    assert reading.data["nhiem_vu"]["NV1"][-1] == {
        "ngay": date(2021, 12, 3),
        "noi_dung": "Tuyên truyền thêm",
        "so_lieu": {"so_buoi": 1, "so_luot_nguoi": 40},
    }


# --- cells as people type them -----------------------------------------------------------


def _nv1(form: bytes, **cells: Any) -> bytes:
    def change(wb: Workbook) -> None:
        for ref, value in cells.items():
            wb["NV1"][ref] = value

    return edit(form, change)


@pytest.mark.parametrize(
    "typed", ["20/3/2021", "2021-03-20", "20/03/2021", " 20-03-2021 ", "20.3.2021"]
)
def test_dates_typed_as_text(plan: Plan, form: bytes, typed: str) -> None:
    reading = read(_nv1(form, A7=typed), plan)
    assert lines(reading) == []
    assert reading.data["nhiem_vu"]["NV1"][0]["ngay"] == date(2021, 3, 20)


def test_a_serial_number_is_a_date_only_in_a_date_formatted_cell(plan: Plan, form: bytes) -> None:
    assert read(_nv1(form, A7=44275), plan).data["nhiem_vu"]["NV1"][0]["ngay"] == date(2021, 3, 20)

    def general(wb: Workbook) -> None:
        wb["NV1"]["A7"] = 44275
        wb["NV1"]["A7"].number_format = "General"

    assert lines(read(edit(form, general), plan)) == [
        f"{NAME}:NV1!A7: E105 NV1.ngay: ngày không hợp lệ (nhận được 44275); viết theo dạng 2021-03-15 hoặc 15/03/2021"
    ]


def test_date_with_a_time_of_day(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, A7=datetime(2021, 3, 20, 14, 30)), plan)
    assert reading.data["nhiem_vu"]["NV1"][0]["ngay"] == date(2021, 3, 20)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "30/02/2021",
            "NV1!A7: E105 NV1.ngay: ngày không hợp lệ (nhận được 30/02/2021); viết theo dạng 2021-03-15 hoặc 15/03/2021",
        ),
        (
            "20/3/21",
            "NV1!A7: E105 NV1.ngay: ngày không hợp lệ (nhận được 20/3/21); viết theo dạng 2021-03-15 hoặc 15/03/2021",
        ),
        (
            "tháng Ba",
            "NV1!A7: E105 NV1.ngay: ngày không hợp lệ (nhận được tháng Ba); viết theo dạng 2021-03-15 hoặc 15/03/2021",
        ),
        (date(2020, 12, 31), "NV1!A7: E106 NV1.ngay: ngày 31/12/2020 nằm ngoài năm kế hoạch 2021"),
        ("05/01/2022", "NV1!A7: E106 NV1.ngay: ngày 05/01/2022 nằm ngoài năm kế hoạch 2021"),
        (None, "NV1!A7: E117 NV1.ngay: không được để trống"),
    ],
)
def test_bad_dates(plan: Plan, form: bytes, typed: Any, expected: str) -> None:
    reading = read(_nv1(form, A7=typed), plan)
    assert lines(reading) == [f"{NAME}:{expected}"]
    assert len(reading.data["nhiem_vu"]["NV1"]) == 4  # the row is left out, the others kept


def test_missing_content(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, B8="   "), plan)
    assert lines(reading) == [f"{NAME}:NV1!B8: E117 NV1.noi_dung: không được để trống"]


@pytest.mark.parametrize(
    ("typed", "number"), [("72", 72), ("072", 72), (" 72 ", 72), (72.0, 72), ("0", 0)]
)
def test_figures_typed_as_text_or_float(plan: Plan, form: bytes, typed: Any, number: int) -> None:
    reading = read(_nv1(form, D7=typed), plan)
    assert lines(reading) == []
    assert reading.data["nhiem_vu"]["NV1"][0]["so_lieu"]["so_luot_nguoi"] == number


def test_thousands_dots_are_read_with_a_warning(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, D7="1.500", D8="12.000.000"), plan)
    assert [p.severity for p in reading.problems] == ["warning", "warning"]
    assert lines(reading) == [
        f"{NAME}:NV1!D7: W601 NV1.so_luot_nguoi: đã đọc «1.500» là 1500 (dấu chấm phân cách hàng nghìn); nên nhập số liền, không dấu chấm",
        f"{NAME}:NV1!D8: W601 NV1.so_luot_nguoi: đã đọc «12.000.000» là 12000000 (dấu chấm phân cách hàng nghìn); nên nhập số liền, không dấu chấm",
    ]
    figures = [a["so_lieu"]["so_luot_nguoi"] for a in reading.data["nhiem_vu"]["NV1"][:2]]
    assert figures == [1500, 12000000]


_SEPARATOR = "; không rõ dấu chấm, dấu phẩy là phần thập phân hay phân cách hàng nghìn: viết số liền, ví dụ 1500"


@pytest.mark.parametrize(
    ("typed", "got", "hint"),
    [
        ("1,5", "1,5", _SEPARATOR),
        ("1.50", "1.50", _SEPARATOR),
        ("1,500", "1,500", _SEPARATOR),
        ("1.500,5", "1.500,5", _SEPARATOR),
        (2.5, "2,5", "; số liệu là số nguyên"),
        ("-5", "-5", ""),
        (-5, "-5", ""),
        ("5 buổi", "5 buổi", "; chỉ ghi số, đơn vị tính đã có ở tiêu đề cột"),
        ("1 500", "1 500", "; chỉ ghi số, đơn vị tính đã có ở tiêu đề cột"),
        ("nhiều", "nhiều", ""),
        (True, "True", ""),
        (date(2021, 3, 1), "01/03/2021", ""),
        (1_000_000_001, "1000000001", ""),
    ],
)
def test_bad_figures(plan: Plan, form: bytes, typed: Any, got: str, hint: str) -> None:
    reading = read(_nv1(form, D7=typed), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!D7: E104 NV1.so_luot_nguoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được {got}){hint}"
    ]


def test_problems_in_english(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, D7=2.5), plan)
    assert lines(reading, "en") == [
        f"{NAME}:NV1!D7: E104 NV1.so_luot_nguoi: must be a non-negative whole number up to 1,000,000,000 (got 2.5); figures are whole numbers"
    ]


def test_text_is_stored_composed(plan: Plan, form: bytes) -> None:
    decomposed = unicodedata.normalize("NFD", "Tuyên truyền ở ấp Hòa Lợi")
    reading = read(_nv1(form, B7=decomposed + "  "), plan)
    assert reading.data["nhiem_vu"]["NV1"][0]["noi_dung"] == "Tuyên truyền ở ấp Hòa Lợi"


def test_notes_are_kept_apart_from_the_log(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, E8="Số liệu ước tính", E20="Quý IV bổ sung sau"), plan)
    assert lines(reading) == []
    assert [(str(place), text) for place, text in reading.notes] == [
        (f"{NAME}:NV1!E8", "Số liệu ước tính"),
        (f"{NAME}:NV1!E20", "Quý IV bổ sung sau"),
    ]
    assert "ghi_chu" not in reading.data["nhiem_vu"]["NV1"][1]


def test_blank_rows_between_activities(plan: Plan, form: bytes, log: dict[str, Any]) -> None:
    def spread(wb: Workbook) -> None:
        ws = wb["NV1"]
        ws.insert_rows(9, 3)
        ws["B10"] = "   "  # a space typed in an otherwise empty line

    reading = read(edit(form, spread), plan)
    assert lines(reading) == []
    assert reading.data == log
    assert _at(reading, "nhiem_vu", "NV1", 2) == "NV1!A12"


def test_a_row_inserted_above_the_header(plan: Plan, form: bytes, log: dict[str, Any]) -> None:
    reading = read(edit(form, lambda wb: wb["NV1"].insert_rows(2)), plan)
    assert lines(reading) == []
    assert reading.data == log
    assert _at(reading, "nhiem_vu", "NV1", 0) == "NV1!A8"


def test_columns_in_another_order(plan: Plan, form: bytes, log: dict[str, Any]) -> None:
    def swap(wb: Workbook) -> None:
        ws = wb["NV1"]
        for row in range(6, 12):
            ws[f"C{row}"].value, ws[f"D{row}"].value = ws[f"D{row}"].value, ws[f"C{row}"].value

    reading = read(edit(form, swap), plan)
    assert lines(reading) == []
    assert reading.data == log


def test_header_written_loosely(plan: Plan, form: bytes, log: dict[str, Any]) -> None:
    reading = read(
        _nv1(form, A6="NGÀY", B6="noi dung:", C6="buổi tuyên truyền", D6="so_luot_nguoi"), plan
    )
    assert lines(reading) == []
    assert reading.data == log


# --- formulas, errors, merged cells ------------------------------------------------------


def test_formula_with_a_cached_value_reads_its_value(plan: Plan, form: bytes) -> None:
    data = set_cell_xml(form, NV1, "D7", "<f>SUM(60,12)</f><v>72</v>")
    data = set_cell_xml(data, NV1, "A8", "<f>DATE(2021,3,12)</f><v>44267</v>")
    reading = read(data, plan)
    assert lines(reading) == []
    assert reading.data["nhiem_vu"]["NV1"][0]["so_lieu"]["so_luot_nguoi"] == 72
    assert reading.data["nhiem_vu"]["NV1"][1]["ngay"] == date(2021, 3, 12)


def test_formula_without_a_cached_value_is_named(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, D7="=SUM(D8:D9)"), plan)  # openpyxl saves no computed value
    assert lines(reading) == [
        f"{NAME}:NV1!D7: E618 ô có công thức (=SUM(D8:D9)) nhưng không có giá trị đã tính; hãy mở tệp bằng Excel hoặc LibreOffice Calc để bảng tính tính lại rồi lưu, hoặc thay công thức bằng giá trị"
    ]


def test_formulas_left_in_empty_lines_are_ignored(
    plan: Plan, form: bytes, log: dict[str, Any]
) -> None:
    reading = read(_nv1(form, C20='=IF(B20="","",1)'), plan)
    assert lines(reading) == []
    assert reading.data == log


def test_error_value(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, C8="#DIV/0!"), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!C8: E619 ô báo lỗi #DIV/0!; hãy sửa công thức hoặc nhập giá trị"
    ]


def test_date_and_content_merged_over_two_rows_apply_to_both(plan: Plan, form: bytes) -> None:
    def merge(wb: Workbook) -> None:
        ws = wb["NV1"]
        ws["C12"], ws["D12"] = 1, 20
        ws["A11"], ws["B11"] = date(2021, 10, 15), "Tuyên truyền tại hai ấp"
        ws.merge_cells("A11:A12")
        ws.merge_cells("B11:B12")

    activities = read(edit(form, merge), plan).data["nhiem_vu"]["NV1"]
    assert [(a["ngay"], a["noi_dung"], a["so_lieu"]) for a in activities[-2:]] == [
        (date(2021, 10, 15), "Tuyên truyền tại hai ấp", {"so_buoi": 1, "so_luot_nguoi": 56}),
        (date(2021, 10, 15), "Tuyên truyền tại hai ấp", {"so_buoi": 1, "so_luot_nguoi": 20}),
    ]


def test_a_figure_merged_over_two_rows_is_refused(plan: Plan, form: bytes) -> None:
    reading = read(edit(form, lambda wb: wb["NV1"].merge_cells("C7:C8")), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!C7: E620 ô gộp C7:C8 trải qua nhiều dòng ở cột số liệu; hãy bỏ gộp ô và ghi số liệu cho từng hoạt động"
    ]


def test_content_merged_across_into_the_notes(plan: Plan, form: bytes, log: dict[str, Any]) -> None:
    reading = read(edit(form, lambda wb: wb["NV2"].merge_cells("B7:B8")), plan)
    assert (
        lines(reading) == []
    )  # B8 had its own text, now hidden under B7's: two activities, one text
    assert [a["noi_dung"] for a in reading.data["nhiem_vu"]["NV2"]] == [
        log["nhiem_vu"]["NV2"][0]["noi_dung"]
    ] * 2


# --- sheets and columns of their own, changed headers ------------------------------------


def test_extra_sheet_with_content_is_ignored_with_a_warning(
    plan: Plan, form: bytes, log: dict[str, Any]
) -> None:
    def add(wb: Workbook) -> None:
        wb.create_sheet("Tính nháp")["A1"] = "tổng: 340"
        wb.create_sheet("Sheet2")

    reading = read(edit(form, add), plan)
    assert lines(reading) == [
        f"{NAME}:Tính nháp: W602 trang 'Tính nháp' không thuộc biểu mẫu; đã bỏ qua"
    ]
    assert reading.data == log


def test_extra_columns_are_ignored_with_a_warning(
    plan: Plan, form: bytes, log: dict[str, Any]
) -> None:
    reading = read(_nv1(form, F6="Địa điểm", F8="ấp Bình Đông", G9="x", F30=None), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!F8: W603 cột 'Địa điểm' không thuộc biểu mẫu; dữ liệu ở cột này đã bỏ qua",
        f"{NAME}:NV1!G9: W604 cột G có dữ liệu nhưng không có tiêu đề; đã bỏ qua",
    ]
    assert reading.data == log


def test_sheet_for_an_unknown_task(plan: Plan, form: bytes) -> None:
    def copy(wb: Workbook) -> None:
        wb.copy_worksheet(wb["NV1"]).title = "NV7"
        wb.copy_worksheet(wb["NV1"]).title = "NV1 (sửa)"

    assert lines(read(edit(form, copy), plan)) == [
        f"{NAME}:NV7!A1: E107 mã nhiệm vụ 'NV7' không có trong kế hoạch",
        f"{NAME}:NV1 (sửa)!A1: E107 mã nhiệm vụ 'NV1 (sửa)' không có trong kế hoạch — có phải 'NV1'?",
    ]


def test_sheet_names_are_matched_loosely(plan: Plan, form: bytes, log: dict[str, Any]) -> None:
    data = patch_part(form, "xl/workbook.xml", lambda c: c.replace(b'name="NV1"', b'name="nv1"'))
    reading = read(data, plan)
    assert lines(reading) == []
    assert reading.data == log


def test_missing_task_sheet(plan: Plan, form: bytes) -> None:
    reading = read(edit(form, lambda wb: wb.remove(wb["NV5"])), plan)
    assert lines(reading) == [
        f"{NAME}: E614 thiếu trang 'NV5' của biểu mẫu; đừng xóa hay đổi tên trang (nhiệm vụ không có hoạt động thì để trống bảng)"
    ]


def test_indicator_column_missing(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, D6=None), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!D6: E616 thiếu cột 'Số lượt người tham dự (lượt người)' (chỉ tiêu so_luot_nguoi) ở hàng tiêu đề; đừng xóa, gộp hay đổi tên cột của biểu mẫu",
        f"{NAME}:NV1!D7: W604 cột D có dữ liệu nhưng không có tiêu đề; đã bỏ qua",
    ]


def test_indicator_column_renamed(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, C6="Số buổi"), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!C6: E616 thiếu cột 'Số buổi tuyên truyền (buổi)' (chỉ tiêu so_buoi) ở hàng tiêu đề; đừng xóa, gộp hay đổi tên cột của biểu mẫu",
        f"{NAME}:NV1!C7: W603 cột 'Số buổi' không thuộc biểu mẫu; dữ liệu ở cột này đã bỏ qua",
    ]


def test_indicator_column_deleted(plan: Plan, form: bytes) -> None:
    reading = read(edit(form, lambda wb: wb["NV3"].delete_cols(4)), plan)
    assert lines(reading) == [
        f"{NAME}:NV3!D6: E616 thiếu cột 'Số lượt phát thanh (lượt)' (chỉ tiêu so_luot_phat_thanh) ở hàng tiêu đề; đừng xóa, gộp hay đổi tên cột của biểu mẫu"
    ]


def test_column_twice(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, F6="Số buổi tuyên truyền (buổi)"), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!F6: E617 cột 'Số buổi tuyên truyền (buổi)' xuất hiện hai lần (đã có ở ô C6); hãy xóa một cột"
    ]


def test_header_row_gone(plan: Plan, form: bytes) -> None:
    reading = read(edit(form, lambda wb: wb["NV4"].delete_rows(6)), plan)
    assert lines(reading) == [
        f"{NAME}:NV4!A1: E615 không tìm thấy hàng tiêu đề của bảng (Ngày | Nội dung | …) trên trang này; đừng xóa hay sửa hàng tiêu đề"
    ]


def test_too_many_rows(plan: Plan, form: bytes) -> None:
    reading = read(_nv1(form, B5100="lạc dòng"), plan)
    assert lines(reading) == [
        f"{NAME}:NV1!A5100: E621 trang có dữ liệu đến dòng 5100; biểu mẫu nhận tối đa 5000 dòng dưới hàng tiêu đề"
    ]


# --- the information sheet ---------------------------------------------------------------


def _info(form: bytes, **cells: Any) -> bytes:
    def change(wb: Workbook) -> None:
        for ref, value in cells.items():
            wb["Thông tin"][ref] = value

    return edit(form, change)


def test_submission_dates(plan: Plan, form: bytes) -> None:
    reading = read(_info(form, B17="3/5/2021", B18=None), plan)
    assert lines(reading) == []
    assert reading.data["ngay_gui"] == {"6m": date(2021, 5, 3)}
    reading = read(_info(form, B17="3/15/2021"), plan)
    assert lines(reading) == [
        f"{NAME}:Thông tin!B17: E105 ngay_gui.6m: ngày không hợp lệ (nhận được 3/15/2021); viết theo dạng 2021-03-15 hoặc 15/03/2021"
    ]


def test_period_chosen_for_some_rows_only(plan: Plan, form: bytes) -> None:
    reading = read(_info(form, A22=None), plan)
    assert lines(reading) == [
        f"{NAME}:Thông tin!A22: E622 dòng này chưa chọn kỳ báo cáo trong khi các dòng khác của cột 'Khó khăn, vướng mắc' đã chọn; hãy chọn kỳ (6 tháng, Năm)",
        f"{NAME}:Thông tin!A22: E622 dòng này chưa chọn kỳ báo cáo trong khi các dòng khác của cột 'Đề xuất, kiến nghị' đã chọn; hãy chọn kỳ (6 tháng, Năm)",
    ]


def test_periods_typed_loosely(plan: Plan, form: bytes) -> None:
    reading = read(_info(form, A21="6 tháng đầu năm", A22="cả năm", B23="Mới", A23="1y"), plan)
    assert lines(reading) == []
    assert reading.data["kho_khan"] == {
        "6m": ["Kinh phí dành cho công tác tuyên truyền còn hạn hẹp."],
        "1y": [
            "Hệ thống loa truyền thanh ở một số ấp đã xuống cấp, chất lượng âm thanh kém.",
            "Mới",
        ],
    }


def test_unknown_period(plan: Plan, form: bytes) -> None:
    reading = read(_info(form, A21="Quý I", A22="6 tháng."), plan)
    assert lines(reading) == [
        f"{NAME}:Thông tin!A21: E115 kỳ báo cáo 'Quý I' không có trong kế hoạch",
        f"{NAME}:Thông tin!A22: E115 kỳ báo cáo '6 tháng.' không có trong kế hoạch — có phải '6 tháng'?",
    ]


def test_unit_code_changed_on_the_visible_sheet(plan: Plan, form: bytes) -> None:
    reading = read(_info(form, B5="xa-tan-hoa"), plan)
    assert lines(reading) == [
        f"{NAME}:Thông tin!B5: E612 mã đơn vị ở ô này (xa-tan-hoa) khác mã đơn vị của biểu mẫu (xa-an-binh); mỗi đơn vị điền biểu mẫu của mình và giữ nguyên mã đơn vị"
    ]


def test_information_sheet_missing(plan: Plan, form: bytes) -> None:
    reading = read(edit(form, lambda wb: wb.remove(wb["Thông tin"])), plan)
    assert lines(reading) == [
        f"{NAME}: E614 thiếu trang 'Thông tin' của biểu mẫu; đừng xóa hay đổi tên trang (nhiệm vụ không có hoạt động thì để trống bảng)"
    ]


# --- whose form, for which plan ----------------------------------------------------------


def test_form_of_another_plan(plan_data: dict[str, Any], form: bytes) -> None:
    plan_data["so"] = "30/KH-PTP"
    assert refused(form, as_plan(plan_data)) == [
        f"{NAME}: E610 biểu mẫu được lập cho Kế hoạch số 25/KH-PTP năm 2021, không khớp với Kế hoạch số 30/KH-PTP năm 2021 đang tổng hợp (kế hoạch khác, hoặc nhiệm vụ, chỉ tiêu đã thay đổi); hãy lập biểu mẫu mới bằng lệnh baocao form và gửi đơn vị"
    ]


def test_form_of_a_plan_whose_indicators_changed(plan_data: dict[str, Any], form: bytes) -> None:
    extra = {"ma": "so_lop", "ten": "lớp", "don_vi_tinh": "lớp"}
    plan_data["nhiem_vu"][0]["chi_tieu"].append(extra)
    assert [line.split()[1] for line in refused(form, as_plan(plan_data))] == ["E610"]


def test_unit_no_longer_in_the_plan(plan_data: dict[str, Any], form: bytes) -> None:
    plan_data["don_vi"] = [u for u in plan_data["don_vi"] if u["ma"] != UNIT]
    assert refused(form, as_plan(plan_data)) == [
        f"{NAME}: E109 đơn vị 'xa-an-binh' không có trong danh sách đơn vị của kế hoạch"
    ]


def test_sheets_copied_into_a_new_workbook(plan: Plan, form: bytes) -> None:
    assert refused(edit(form, lambda wb: wb.remove(wb["_baocao"])), plan) == [
        f"{NAME}: E609 bảng tính không phải biểu mẫu của baocao (thiếu phần nhận dạng kế hoạch và đơn vị); hãy điền vào chính biểu mẫu đã nhận, đừng chép sang tệp mới"
    ]


def test_form_of_a_later_version(plan: Plan, form: bytes) -> None:
    def bump(wb: Workbook) -> None:
        wb["_baocao"]["B1"] = 2

    assert refused(edit(form, bump), plan) == [
        f"{NAME}: E613 biểu mẫu phiên bản 2, bản baocao này chỉ đọc phiên bản 1; hãy lập biểu mẫu mới bằng lệnh baocao form"
    ]


# --- files that are not forms ------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


_NOT_XLSX = "E601 tệp không phải bảng tính Excel .xlsx (có thể là tệp văn bản, PDF hay tệp khác được đổi đuôi); hãy gửi lại biểu mẫu .xlsx"
_REOPEN = "hãy mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại dạng Excel .xlsx rồi gửi lại"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Ngay,Noi dung\n20/03/2021,abc\n", _NOT_XLSX),
        (b"%PDF-1.7\n...", _NOT_XLSX),
        (
            _zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"}),
            _NOT_XLSX,
        ),
        (b"", "E005 tệp rỗng"),
        (
            b"PK\x03\x04 truncated download",
            "E604 tệp .xlsx bị hỏng hoặc không đầy đủ (có thể tải về hay sao chép chưa xong); hãy gửi lại tệp",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            f"E602 tệp là bảng tính dạng .xls (Excel 97–2003), baocao chỉ đọc được .xlsx; {_REOPEN}",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + bytes(100)
            + "EncryptedPackage".encode("utf-16-le"),
            "E603 bảng tính được đặt mật khẩu nên không đọc được; hãy bỏ mật khẩu, lưu lại rồi gửi lại",
        ),
        (
            _zip(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": b"<x/>",
                }
            ),
            f"E602 tệp là bảng tính dạng .ods (OpenDocument), baocao chỉ đọc được .xlsx; {_REOPEN}",
        ),
        (
            _zip({"xl/workbook.bin": b"\x00", "[Content_Types].xml": b"<Types/>"}),
            f"E602 tệp là bảng tính dạng .xlsb (Excel nhị phân), baocao chỉ đọc được .xlsx; {_REOPEN}",
        ),
        (
            b"<html><body><table><tr><td>1</td></tr></table>",
            f"E602 tệp là bảng tính dạng HTML, baocao chỉ đọc được .xlsx; {_REOPEN}",
        ),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            f"E602 tệp là bảng tính dạng XML (Excel 2003), baocao chỉ đọc được .xlsx; {_REOPEN}",
        ),
    ],
)
def test_not_a_workbook(plan: Plan, data: bytes, expected: str) -> None:
    assert refused(data, plan) == [f"{NAME}: {expected}"]


def test_workbook_that_openpyxl_cannot_open(plan: Plan, form: bytes) -> None:
    data = patch_part(form, "xl/workbook.xml", lambda content: content[: len(content) // 2])
    (line,) = refused(data, plan)
    assert line.startswith(f"{NAME}: E608 không mở được bảng tính (")
    assert line.endswith(f"); {_REOPEN}")


# --- hostile packages: refused before openpyxl, quickly ----------------------------------


def _refused_quickly(plan: Plan, data: bytes) -> list[str]:
    start = time.monotonic()
    found = refused(data, plan)
    assert time.monotonic() - start < 2
    return found


def test_zip_bomb(plan: Plan, form: bytes) -> None:
    bomb = patch_part(form, NV1, lambda c: c + b" " * (200 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    assert _refused_quickly(plan, bomb) == [
        f"{NAME}: E605 nội dung giải nén của bảng tính quá lớn (200.1 MB, tối đa 50 MB); biểu mẫu chỉ cần các bảng số liệu: hãy bỏ hình ảnh, trang thừa rồi gửi lại"
    ]


def test_sheet_xml_too_large(plan: Plan, form: bytes) -> None:
    data = patch_part(form, NV1, lambda c: c + b" " * (12 * 1024 * 1024))
    assert _refused_quickly(plan, data) == [
        f"{NAME}: E605 nội dung giải nén của bảng tính quá lớn (12.1 MB, tối đa 10 MB); biểu mẫu chỉ cần các bảng số liệu: hãy bỏ hình ảnh, trang thừa rồi gửi lại"
    ]


def test_too_many_parts(plan: Plan, form: bytes) -> None:
    out = io.BytesIO(form)
    with zipfile.ZipFile(out, "a") as archive:
        for i in range(1001 - len(archive.infolist())):
            archive.writestr(f"xl/media/image{i}.png", b"")
    assert _refused_quickly(plan, out.getvalue()) == [
        f"{NAME}: E606 bảng tính có quá nhiều phần (1001, tối đa 1000); hãy bỏ hình ảnh, trang thừa rồi gửi lại"
    ]


def test_declared_size_that_lies(plan: Plan, form: bytes) -> None:
    """A part claiming to be smaller than it inflates to is cut at its claim: a bad CRC."""
    data = bytearray(form)
    central = data.rfind(b"PK\x01\x02" + b"\x14\x00\x14\x00")  # the last entry's directory record
    assert central > 0
    struct.pack_into("<I", data, central + 24, 10)  # uncompressed size: 10 bytes
    assert _refused_quickly(plan, bytes(data)) == [
        f"{NAME}: E604 tệp .xlsx bị hỏng hoặc không đầy đủ (có thể tải về hay sao chép chưa xong); hãy gửi lại tệp"
    ]


def test_entity_expansion(plan: Plan, form: bytes) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    )

    def inject(content: bytes) -> bytes:
        return laughs + content.replace(b"<t>", b"<t>&lol2;", 1)

    data = patch_part(form, NV1, inject)
    assert _refused_quickly(plan, data) == [
        f"{NAME}: E607 bảng tính có khai báo DOCTYPE hoặc ENTITY trong phần {NV1}, điều Excel và LibreOffice không bao giờ ghi; tệp bị từ chối"
    ]


def test_a_stray_cell_far_down_does_not_stall(plan: Plan, form: bytes) -> None:
    start = time.monotonic()
    reading = read(_nv1(form, XFD1048576="x"), plan)
    assert time.monotonic() - start < 5
    assert [p.code for p in reading.problems] == ["E621"]


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_no_damage_makes_the_reader_crash(plan: Plan, form: bytes, data: st.DataObject) -> None:
    spoiled = bytearray(form)
    for _ in range(data.draw(st.integers(1, 8))):
        spoiled[data.draw(st.integers(0, len(spoiled) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(spoiled)))
    try:
        found = lines(read(bytes(spoiled[:cut] if data.draw(st.booleans()) else spoiled), plan))
    except InputError as error:
        found = [p.format() for p in error.problems]
        assert found
    for line in found:
        assert line.startswith(NAME)


# --- plans of other shapes, logs with mistakes ---------------------------------------------


def test_mistakes_in_the_log_are_written_as_they_are_and_found_again(
    plan: Plan, log: dict[str, Any]
) -> None:
    log["nhiem_vu"]["NV1"][0]["ngay"] = "30/02/2021"
    log["nhiem_vu"]["NV1"][1]["so_lieu"]["so_buoi"] = -2
    assert lines(read(form_bytes(plan, UNIT, log), plan)) == [
        f"{NAME}:NV1!A7: E105 NV1.ngay: ngày không hợp lệ (nhận được 30/02/2021); viết theo dạng 2021-03-15 hoặc 15/03/2021",
        f"{NAME}:NV1!C8: E104 NV1.so_buoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được -2)",
    ]


def test_quarterly_plan_and_a_task_without_indicators(
    plan_data: dict[str, Any], log: dict[str, Any]
) -> None:
    periods = plan_data["bao_cao_dinh_ky"]["ky"]
    plan_data["bao_cao_dinh_ky"]["ky"] = {"q1": {"han_nop": "05/4"}, **periods}
    plan_data["nhiem_vu"][5]["chi_tieu"] = []
    plan = as_plan(plan_data)
    log["nhiem_vu"]["NV6"] = [{"ngay": date(2021, 8, 18), "noi_dung": "Tư vấn pháp luật"}]
    log["ngay_gui"]["q1"] = date(2021, 4, 2)
    log["kho_khan"] = {"q1": ["Thiếu người."], "1y": ["Thiếu kinh phí."]}
    form = form_bytes(plan, UNIT, log)
    reading = read(form, plan)
    assert lines(reading) == []
    assert reading.data == log
    assert list(reading.data["ngay_gui"]) == ["q1", "6m", "1y"]
    assert _at(reading, "kho_khan", "q1", 0) == "Thông tin!B22"  # the first period


@pytest.mark.parametrize("log_file", LOGS)
def test_what_is_read_passes_the_checks_of_every_log(plan: Plan, log_file: str) -> None:
    log = sample_log(plan, log_file)
    reading = read(form_bytes(plan, log["don_vi"], log), plan)
    instance, problems = check(build_log_model(plan), reading)
    assert instance is not None and problems == []
    unit_log = to_unit_log(instance, reading.file)
    assert unit_log.unit == log["don_vi"]
    # the rules that span activities place their findings in the sheet
    for problem in check_log(plan, unit_log, reading):
        assert problem.place.sheet is not None and problem.place.file == NAME


def test_a_problem_found_after_reading_points_at_its_cell(plan: Plan, form: bytes) -> None:
    def outside(wb: Workbook) -> None:
        wb["NV5"]["A7"] = date(2021, 1, 20)  # NV5 runs in quarters II and III

    reading = read(edit(form, outside), plan)
    instance, _problems = check(build_log_model(plan), reading)
    assert instance is not None
    found = check_log(plan, to_unit_log(instance, NAME), reading)
    assert [p.format() for p in found] == [
        f"{NAME}:NV5!A7: W201 NV5.ngay: hoạt động ngày 20/01/2021 nằm ngoài thời gian thực hiện nhiệm vụ NV5 (quý II, quý III năm 2021)"
    ]

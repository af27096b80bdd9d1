"""The unit's form as written: its sheets, table, formats, checks, identity and bytes."""

from __future__ import annotations

import io
import os
import time
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from baocao import api
from baocao.core.models import Plan
from baocao.errors import InputError, OutputError
from baocao.input.form_layout import plan_fingerprint
from baocao.plan.forms import form_bytes
from formkit import UNIT, as_log, as_plan


def _open(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def test_one_sheet_per_task_after_the_information_sheet(form: bytes) -> None:
    wb = _open(form)
    assert wb.sheetnames == ["Thông tin", "NV1", "NV2", "NV3", "NV4", "NV5", "NV6", "_baocao"]
    assert wb["_baocao"].sheet_state == "veryHidden"
    assert [ws.sheet_state for ws in wb.worksheets[:-1]] == ["visible"] * 7


def test_task_sheet_states_the_task_above_its_table(form: bytes) -> None:
    ws = _open(form)["NV1"]
    assert ws["A1"].value == (
        "NV1. Đẩy mạnh công tác tuyên truyền phòng, chống tội phạm xâm hại tình dục trẻ em"
    )
    assert ws["A2"].value == "Thời gian thực hiện: cả năm 2021 (từ 01/01/2021 đến 31/12/2021)"
    assert ws["A3"].value == "Kết quả, sản phẩm: báo cáo kết quả thực hiện"
    assert ws["A4"].value == "Chỉ tiêu: buổi tuyên truyền (buổi); lượt người tham dự (lượt người)"
    assert "20/03/2021" in ws["A5"].value and "1500" in ws["A5"].value
    # NV1's ratio (tỷ lệ xã, thị trấn tổ chức tuyên truyền, %) is baocao's to compute: no column
    assert [c.value for c in ws[6]] == [
        "Ngày",
        "Nội dung",
        "Số buổi tuyên truyền (buổi)",
        "Số lượt người tham dự (lượt người)",
        "Ghi chú",
    ]
    assert ws.freeze_panes == "A7"


def test_table_is_prefilled_with_the_log(form: bytes) -> None:
    ws = _open(form)["NV1"]
    assert [c.value for c in ws[7]] == [
        datetime(2021, 1, 22),
        "Tuyên truyền pháp luật về phòng, chống xâm hại tình dục trẻ em tại nhà văn hóa ấp An Lợi",
        1,
        72,
        None,
    ]
    assert ws["A7"].number_format == "dd/mm/yyyy"
    assert ws["C7"].number_format == ws["D7"].number_format == "0"
    # the next free line is ruled and formatted, ready for a new activity
    assert ws["A12"].value is None and ws["A12"].number_format == "dd/mm/yyyy"
    assert ws["A12"].border.left.style == "thin"


def test_a_date_written_dd_mm_yyyy_in_the_log_becomes_a_date_cell(form: bytes) -> None:
    assert _open(form)["NV2"]["A7"].value == datetime(2021, 4, 15)  # "15/04/2021" in the log


def test_figures_and_dates_are_checked_while_typing(form: bytes) -> None:
    ws = _open(form)["NV3"]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    dates, figures = rules["A7:A2006"], rules["C7:E2006"]
    assert (dates.type, dates.operator, dates.formula1, dates.formula2) == (
        "date",
        "between",
        "44197",  # 01/01/2021
        "44561",  # 31/12/2021
    )
    assert (figures.type, figures.operator, figures.formula1, figures.formula2) == (
        "whole",
        "between",
        "0",
        "1000000000",
    )
    assert figures.showErrorMessage
    assert figures.error == "Nhập số nguyên không âm, viết liền, ví dụ 1500."


def test_column_widths_fit_their_headers(form: bytes) -> None:
    ws = _open(form)["NV3"]
    widths = [ws.column_dimensions[c].width for c in "ABCDEF"]
    assert widths[0] >= len("dd/mm/yyyy") and widths[1] >= 50
    for col, width in zip("CDE", widths[2:5], strict=True):
        longest_word = max(len(w) for w in ws[f"{col}6"].value.split())
        assert width >= longest_word
    assert ws.row_dimensions[6].height >= 2 * 16.5  # the headers wrap on two lines at least


def test_information_sheet(form: bytes) -> None:
    ws = _open(form)["Thông tin"]
    assert ws["A1"].value == "BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH"
    assert ws["A2"].value.endswith("(số 25/KH-PTP ngày 10/03/2021 của Phòng Tư pháp)")
    assert [(ws[f"A{r}"].value, ws[f"B{r}"].value) for r in (4, 5, 6)] == [
        ("Đơn vị", "UBND xã An Bình"),
        ("Mã đơn vị", "xa-an-binh"),
        ("Năm", 2021),
    ]
    assert [c.value for c in ws[16][:2]] == ["Kỳ báo cáo", "Ngày gửi"]
    assert [[c.value for c in row] for row in ws["A17:B18"]] == [
        ["6 tháng", datetime(2021, 5, 4)],
        ["Năm", datetime(2021, 11, 10)],
    ]
    assert [c.value for c in ws[20][:3]] == ["Kỳ", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"]
    assert [[c.value for c in row] for row in ws["A21:C24"]] == [
        [
            "6 tháng",
            "Kinh phí dành cho công tác tuyên truyền còn hạn hẹp.",
            "Đề nghị Phòng Tư pháp tiếp tục cấp phát tài liệu tuyên truyền cho xã.",
        ],
        [
            "6 tháng",
            "Hệ thống loa truyền thanh ở một số ấp đã xuống cấp, chất lượng âm thanh kém.",
            "Đề nghị tổ chức tập huấn kỹ năng tuyên truyền trên mạng xã hội cho cán bộ làm "
            "công tác phổ biến, giáo dục pháp luật ở xã.",
        ],
        [
            "Năm",
            "Kinh phí dành cho công tác tuyên truyền còn hạn hẹp.",
            "Đề nghị Phòng Tư pháp tiếp tục cấp phát tài liệu tuyên truyền cho xã.",
        ],
        [None, None, None],
    ]
    periods = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert periods[0].formula1 == '"6 tháng,Năm"'


def test_per_period_difficulties_are_written_under_their_period(
    plan: Plan, log: dict[str, Any]
) -> None:
    log["kho_khan"] = {"1y": ["Cuối năm thiếu kinh phí."], "6m": ["Thiếu tài liệu.", "Thiếu loa."]}
    log["de_xuat"] = ["Cấp thêm tài liệu."]  # a plain list: the whole year, no period
    ws = _open(form_bytes(plan, UNIT, log))["Thông tin"]
    assert [[c.value for c in row] for row in ws["A21:C25"]] == [
        [None, None, "Cấp thêm tài liệu."],
        ["6 tháng", "Thiếu tài liệu.", None],
        ["6 tháng", "Thiếu loa.", None],
        ["Năm", "Cuối năm thiếu kinh phí.", None],
        [None, None, None],
    ]


def test_identity_of_plan_and_unit(form: bytes, plan: Plan) -> None:
    ws = _open(form)["_baocao"]
    assert [[c.value for c in row] for row in ws["A1:B5"]] == [
        ["phien_ban", 1],
        ["ke_hoach", plan_fingerprint(plan)],
        ["so", "25/KH-PTP"],
        ["nam", 2021],
        ["don_vi", "xa-an-binh"],
    ]


def test_fingerprint_follows_codes_not_order_or_wording(plan_data: dict[str, Any]) -> None:
    before = plan_fingerprint(as_plan(plan_data))
    plan_data["nhiem_vu"].reverse()
    plan_data["nhiem_vu"][0]["chi_tieu"].reverse()
    plan_data["nhiem_vu"][0]["ten"] = "Tên khác"
    assert plan_fingerprint(as_plan(plan_data)) == before
    plan_data["nhiem_vu"][0]["chi_tieu"].append(
        {"ma": "so_moi", "ten": "mới", "don_vi_tinh": "cái"}
    )
    assert plan_fingerprint(as_plan(plan_data)) != before


def test_same_inputs_same_bytes(plan: Plan, log: dict[str, Any]) -> None:
    first = form_bytes(plan, UNIT, log)
    time.sleep(1.1)  # zip entries and properties would carry the clock's seconds
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Ho_Chi_Minh"
    time.tzset()
    try:
        assert form_bytes(plan, UNIT, log) == first
    finally:
        if old_tz is None:
            os.environ.pop("TZ")
        else:
            os.environ["TZ"] = old_tz
        time.tzset()
    package = zipfile.ZipFile(io.BytesIO(first))
    core = package.read("docProps/core.xml").decode()
    assert "2021-03-10T00:00:00Z</dcterms:created>" in core
    assert "2021-03-10T00:00:00Z</dcterms:modified>" in core
    assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_properties_name_the_unit(form: bytes) -> None:
    props = _open(form).properties
    assert props.title == "Biểu mẫu báo cáo: UBND xã An Bình"
    assert props.creator == "Phòng Tư pháp"


def test_quarterly_plan_and_a_task_without_indicators(plan_data: dict[str, Any]) -> None:
    plan_data["bao_cao_dinh_ky"]["ky"] = {
        "q1": {"han_nop": "05/4"},
        **plan_data["bao_cao_dinh_ky"]["ky"],
    }
    plan_data["nhiem_vu"][5]["chi_tieu"] = []
    plan = as_plan(plan_data)
    wb = _open(form_bytes(plan, UNIT))
    assert [c.value for c in wb["NV6"][6]] == ["Ngày", "Nội dung", "Ghi chú"]
    assert {dv.type for dv in wb["NV6"].data_validations.dataValidation} == {"date"}
    assert [wb["Thông tin"][f"A{r}"].value for r in (17, 18, 19)] == ["Quý I", "6 tháng", "Năm"]


# --- baocao form: files ---------------------------------------------------------------------


def test_a_form_per_unit_prefilled_from_its_log(sample_copy: Path, plan: Plan) -> None:
    written = api.make_forms(sample_copy, output=sample_copy / "gui")
    assert sorted(p.name for p in written) == sorted(f"{u.code}.xlsx" for u in plan.units)
    log = as_log(plan, _yaml(sample_copy / "2021" / "xa-tan-hoa.yaml"))
    assert (sample_copy / "gui" / "xa-tan-hoa.xlsx").read_bytes() == form_bytes(
        plan, "xa-tan-hoa", log
    )
    # a unit without a log gets an empty form
    assert (sample_copy / "gui" / "xa-phu-my.xlsx").read_bytes() == form_bytes(plan, "xa-phu-my")


def test_one_form_goes_to_the_workspace_forms_folder(sample_copy: Path) -> None:
    (path,) = api.make_forms(sample_copy, "xa-an-binh")
    assert path == sample_copy / "bieu-mau" / "xa-an-binh.xlsx"
    assert _open(path.read_bytes())["_baocao"]["B5"].value == "xa-an-binh"


def test_never_over_a_file_without_force(sample_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "an-binh.xlsx"
    target.write_bytes(b"the unit's own copy")
    with pytest.raises(OutputError) as caught:
        api.make_forms(sample_copy, "xa-an-binh", output=target)
    assert [p.code for p in caught.value.problems] == ["E505"]
    assert target.read_bytes() == b"the unit's own copy"
    api.make_forms(sample_copy, "xa-an-binh", output=target, force=True)
    assert target.read_bytes().startswith(b"PK")


def test_what_cannot_be_made(sample_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        api.make_forms(sample_copy, "xa-an-bin")
    assert [p.format() for p in caught.value.problems] == [
        f"{_plan_file(sample_copy)}: E109 đơn vị 'xa-an-bin' không có trong danh sách đơn vị "
        "của kế hoạch — có phải 'xa-an-binh'?"
    ]
    with pytest.raises(OutputError) as caught:
        api.make_forms(sample_copy, "xa-an-binh", output=tmp_path / "an-binh.xls")
    assert [p.code for p in caught.value.problems] == ["E625"]


def test_a_log_with_errors_is_not_copied_into_a_form(sample_copy: Path) -> None:
    log = sample_copy / "2021" / "xa-an-binh.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace("so_buoi: 2", "so_buoi: -2"), "utf-8")
    with pytest.raises(InputError) as caught:
        api.make_forms(sample_copy, "xa-an-binh")
    assert [(p.code, p.line) for p in caught.value.problems] == [("E104", 29)]
    assert not (sample_copy / "bieu-mau").exists()


def test_task_codes_that_cannot_name_a_sheet(sample_copy: Path) -> None:
    plan_file = sample_copy / "ke-hoach-2021.yaml"
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace("ma: NV1\n", "ma: NV1-tuyen-truyen-tai-cong-dong-dan-cu\n", 1)
    text = text.replace("ma: NV2\n", "ma: nv3\n", 1)
    plan_file.write_text(text, encoding="utf-8")
    for log in (sample_copy / "2021").glob("*.yaml"):
        log.unlink()
    with pytest.raises(InputError) as caught:
        api.make_forms(sample_copy, "xa-an-binh")
    assert [p.code for p in caught.value.problems] == ["E626", "E627"]


def _yaml(path: Path) -> dict[str, Any]:
    from formkit import load_yaml

    return load_yaml(path)


def _plan_file(root: Path) -> str:
    from baocao.errors import display_path

    return display_path(root / "ke-hoach-2021.yaml")

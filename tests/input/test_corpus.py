"""The corpus of broken inputs: each case names exactly the problems it must produce.

A case is a folder of tests/corpus/ copied over the minimal valid workspace
(tests/corpus/_minimal/); its REMOVE file lists workspace files to delete.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao import api
from baocao.cli import app
from baocao.errors import PlaceholderError
from conftest import CORPUS, Found, found, overlay, snapshot, validate

LOG = "ws/2021/xa-an-binh.yaml"
LOG2 = "ws/2021/xa-tan-hoa.yaml"
PLAN = "ws/ke-hoach.yaml"
CONFIG = "ws/baocao.yaml"

ERRORS: dict[str, list[Found]] = {
    "e001-not-utf8": [("E001", LOG, 8, 20)],
    "e002-yaml-syntax": [("E002", LOG, 8, 23)],
    "e003-duplicate-key": [("E003", LOG, 8, 7)],
    "e004-tab-indent": [("E004", LOG, 4, 1)],
    "e005-empty-file": [("E005", LOG, 1, 1)],
    "e006-top-level-list": [("E006", LOG, 1, 1)],
    "e011-config-missing": [("E011", CONFIG, None, None)],
    "e101-unknown-key": [("E101", LOG, 12, 1)],
    "e102-missing-field": [("E102", LOG, 5, 7)],
    "e104-bad-figures": [
        ("E104", LOG, 8, 18),
        ("E104", LOG, 9, 24),
        ("E104", LOG, 13, 18),
        ("E104", LOG, 14, 24),
    ],
    "e105-invalid-date": [("E105", LOG, 7, 13)],
    "e106-date-outside-year": [("E106", LOG, 7, 13)],
    "e107-unknown-task": [("E107", LOG, 6, 3)],
    "e108-unknown-indicator": [("E108", LOG, 10, 9)],
    "e109-unknown-unit": [("E109", LOG, 1, 9)],
    "e110-same-unit-twice": [("E110", "ws/2021/xa-an-binh-ban-sao.yaml", 1, 9)],
    "e112-duplicate-task-code": [("E112", PLAN, 22, 9)],
    "e113-log-year": [("E113", LOG, 2, 6)],
    "e114-start-after-end": [("E114", PLAN, 26, 14)],
    "e115-unknown-period": [("E115", LOG, 4, 3), ("E115", LOG, 5, 3)],
    "all-files-one-run": [("E104", LOG, 10, 18), ("E003", LOG2, 3, 1)],
    "e101-target-on-a-task": [("E101", PLAN, 15, 5)],
    "e140-target-not-a-number": [
        ("E140", PLAN, 19, 19),
        ("E140", PLAN, 23, 19),
        ("E140", PLAN, 34, 19),
    ],
    "e140-target-grouped-thousands": [("E140", PLAN, 22, 19)],
    "e142-ratio-target-over-100": [("E142", PLAN, 27, 19), ("E155", PLAN, 28, 9)],
    "e143-target-unknown-unit-or-kind": [("E143", PLAN, 20, 11), ("E144", PLAN, 22, 11)],
    "e146-ratio-methods": [
        ("E149", PLAN, 22, 9),
        ("W220", PLAN, 26, 22),
        ("E146", PLAN, 31, 9),
        ("E147", PLAN, 39, 18),
        ("E147", PLAN, 40, 19),
        ("E148", PLAN, 46, 19),
        ("E144", PLAN, 51, 29),
    ],
}

# Placeholders left: refused as a report to sign (a draft can still be made).
PLACEHOLDERS: dict[str, list[Found]] = {
    "e130-placeholder": [("E130", PLAN, 3, 11), ("E130", PLAN, 5, 16), ("E130", PLAN, 11, 14)],
    "e131-fill-mark": [("E131", PLAN, 6, 27)],
    "e132-missing-signer": [("E132", CONFIG, 2, 1), ("E132", CONFIG, 3, 3)],
    "e133-no-archive-line": [("E133", CONFIG, 5, 1)],
    "e134-one-recipient": [("E134", CONFIG, 5, 1)],
}

WARNINGS: dict[str, list[Found]] = {
    "ok-utf8-bom": [],
    "nfd-text": [],
    "w201-outside-time-frame": [("W201", LOG, 5, 13)],
    "w202-no-figures": [("W202", LOG, 5, 7)],
    "w203-duplicate-activity": [("W203", LOG, 12, 7)],
    "w204-unit-without-log": [("W204", PLAN, 43, 9)],
    "w220-ratio-without-method": [("W220", PLAN, 24, 22)],
}

# The words a clerk reads, for the cases where the wording is the point.
MESSAGES: dict[str, list[str]] = {
    "e001-not-utf8": [
        "tệp không phải UTF-8 (gặp byte 0xEA; có thể là bảng mã TCVN3, VNI, Windows-1258 "
        "hoặc UTF-16); hãy lưu lại tệp với bảng mã UTF-8"
    ],
    "e003-duplicate-key": ["khóa 'ngay' bị lặp (đã có ở dòng 7)"],
    "e011-config-missing": [
        "không tìm thấy tệp cấu hình 'ws/baocao.yaml'; hãy chạy lệnh trong thư mục làm việc, "
        "chỉ rõ thư mục bằng -w THƯ_MỤC, hoặc tạo thư mục mới bằng: baocao init THƯ_MỤC"
    ],
    "e101-unknown-key": ["khóa không hợp lệ 'kho_khann' — có phải 'kho_khan'?"],
    "e102-missing-field": ["thiếu trường bắt buộc 'noi_dung' trong NV1"],
    "e130-placeholder": [
        "dia_danh: còn chỗ cần điền [Địa danh]; điền giá trị thật (báo cáo còn chỗ trống chỉ "
        "là bản dự thảo)",
        "ngay_ban_hanh: còn chỗ cần điền [ngày ban hành]; điền giá trị thật (báo cáo còn chỗ "
        "trống chỉ là bản dự thảo)",
        "NV1.chu_tri: còn chỗ cần điền [đơn vị chủ trì]; điền giá trị thật (báo cáo còn chỗ "
        "trống chỉ là bản dự thảo)",
    ],
    "e131-fill-mark": [
        "ngay_ban_hanh: dòng còn đánh dấu '# CẦN ĐIỀN'; kiểm tra giá trị rồi xóa dấu này"
    ],
    "e132-missing-signer": [
        "nguoi_ky.ho_ten: chưa có họ và tên người ký",
        "nguoi_ky.chuc_vu: chưa có chức vụ người ký",
    ],
    "e133-no-archive-line": [
        "noi_nhan: thiếu dòng lưu văn bản ở cuối danh sách, ví dụ 'Lưu: VT, PTP'"
    ],
    "e134-one-recipient": ["noi_nhan: cần ít nhất một nơi nhận và dòng lưu văn bản (có 1 dòng)"],
    "e104-bad-figures": [
        "NV1.so_buoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được -5)",
        "NV1.so_luot_nguoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được 6.5)",
        "NV1.so_buoi: phải là số nguyên không âm, tối đa 1.000.000.000 (nhận được true)",
        "NV1.so_luot_nguoi: phải là số nguyên không âm, tối đa 1.000.000.000 "
        "(nhận được 1.500); viết số liền, không dùng dấu phân cách hàng nghìn (ví dụ 1500)",
    ],
    "e105-invalid-date": [
        "NV1.ngay: ngày không hợp lệ (nhận được 2021-02-30); "
        "viết theo dạng 2021-03-15 hoặc 15/03/2021"
    ],
    "e106-date-outside-year": ["NV1.ngay: ngày 2022-01-05 nằm ngoài năm kế hoạch 2021"],
    "e107-unknown-task": ["mã nhiệm vụ 'NV01' không có trong kế hoạch — có phải 'NV1'?"],
    "e108-unknown-indicator": ["chỉ tiêu 'so_buoii' không thuộc nhiệm vụ NV1 — có phải 'so_buoi'?"],
    "e109-unknown-unit": [
        "đơn vị 'xa-an-bin' không có trong danh sách đơn vị của kế hoạch — có phải 'xa-an-binh'?"
    ],
    "e110-same-unit-twice": ["đơn vị 'xa-an-binh' đã được khai ở tệp ws/2021/xa-an-binh.yaml"],
    "e112-duplicate-task-code": ["nhiem_vu: mã 'NV1' bị trùng"],
    "e113-log-year": ["năm của nhật ký (2020) khác năm kế hoạch (2021)"],
    "e114-start-after-end": ["NV2: ngày bắt đầu 31/12/2021 sau ngày kết thúc 01/10/2021"],
    "e115-unknown-period": [
        "kỳ báo cáo '6M' không có trong kế hoạch — có phải '6m'?",
        "kỳ báo cáo 'q2' không có trong kế hoạch",
    ],
    "e101-target-on-a-task": [
        "khóa không hợp lệ 'muc_tieu' — mục tiêu đặt trong từng chỉ tiêu (chi_tieu) của nhiệm vụ"
    ],
    "e140-target-not-a-number": [
        "NV1.so_buoi.muc_tieu: mục tiêu phải là số không âm (nhận được 90%); viết số, không kèm %",
        "NV1.so_luot_nguoi.muc_tieu: mục tiêu phải là số không âm (nhận được -500)",
        "NV2.so_hoat_dong.muc_tieu: mục tiêu phải là số không âm (nhận được 2,5); "
        "dùng dấu chấm thập phân, ví dụ 87.5",
    ],
    "e140-target-grouped-thousands": [
        "NV1.so_luot_nguoi.muc_tieu: mục tiêu phải là số không âm (nhận được 15.000); viết số "
        "liền, không dùng dấu phân cách hàng nghìn (ví dụ 1500)"
    ],
    "e142-ratio-target-over-100": [
        "NV1.ty_le_xa.muc_tieu: mục tiêu của chỉ tiêu tỷ lệ phải từ 0 đến 100 (nhận được 120)",
        "NV1.ty_le_xa.muc_tieu_theo_loai: chỉ tiêu tỷ lệ chỉ có một mục tiêu chung (muc_tieu), "
        "không giao theo đơn vị",
    ],
    "e143-target-unknown-unit-or-kind": [
        "NV1.so_buoi.muc_tieu_theo_don_vi: mục tiêu giao cho đơn vị 'xa-an-bin' không có trong "
        "danh sách don_vi của kế hoạch — có phải 'xa-an-binh'?",
        "NV1.so_buoi.muc_tieu_theo_loai: không có đơn vị nào thuộc loại 'xaa' (khai loai cho "
        "đơn vị trong don_vi) — có phải 'xa'?",
    ],
    "e146-ratio-methods": [
        "NV1.so_luot_nguoi.cach_tinh: cach_tinh chỉ dùng cho chỉ tiêu có đơn vị tính '%' "
        "(chỉ tiêu này: 'lượt người')",
        "NV1.ty_le_khong_cach.don_vi_tinh: chỉ tiêu '%' chưa khai cách tính (cach_tinh), báo "
        "cáo chưa tính được tỷ lệ này; khai don_vi_thuc_hien (tat_ca hoặc một loại đơn vị), "
        "hoặc tu_so và mau_so",
        "NV1.ty_le_hai_cach.cach_tinh: cach_tinh khai đúng một cách: don_vi_thuc_hien, hoặc cả "
        "tu_so và mau_so",
        "NV1.ty_le_thieu.cach_tinh.tu_so: không có chỉ tiêu 'so_buoii' để tính tỷ lệ — có phải "
        "'so_buoi'?",
        "NV1.ty_le_thieu.cach_tinh.mau_so: không có chỉ tiêu 'NV3.so_hoat_dong' để tính tỷ lệ "
        "— có phải 'NV2.so_hoat_dong'?",
        "NV1.ty_le_cua_ty_le.cach_tinh.mau_so: 'ty_le_khong_cach' là chỉ tiêu tỷ lệ; tử số, "
        "mẫu số phải là chỉ tiêu đếm do đơn vị báo cáo",
        "NV1.ty_le_loai_la.cach_tinh.don_vi_thuc_hien: không có đơn vị nào thuộc loại 'phuong' "
        "(khai loai cho đơn vị trong don_vi)",
    ],
    "w201-outside-time-frame": [
        "NV2.ngay: hoạt động ngày 12/03/2021 nằm ngoài thời gian thực hiện nhiệm vụ NV2 "
        "(quý IV năm 2021)"
    ],
    "w202-no-figures": ["NV1: hoạt động không có số liệu"],
    "w203-duplicate-activity": ["NV1: hoạt động trùng với hoạt động ở dòng 7"],
    "w204-unit-without-log": ["đơn vị UBND xã Tân Hòa chưa gửi nhật ký hoạt động năm 2021"],
}


def test_every_corpus_case_has_expectations() -> None:
    cases = {p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "_minimal"}
    assert cases == set(ERRORS) | set(WARNINGS) | set(PLACEHOLDERS)


def test_minimal_workspace_is_valid_and_clean(ws: Path) -> None:
    problems, refused = validate(ws)
    assert (found(problems), refused) == ([], False)


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_error_case(ws: Path, case: str) -> None:
    overlay(ws, case)
    problems, refused = validate(ws)
    assert refused
    assert found(problems) == ERRORS[case]
    if case in MESSAGES:
        assert [p.message() for p in problems] == MESSAGES[case]


@pytest.mark.parametrize("case", sorted(PLACEHOLDERS))
def test_placeholder_case(ws: Path, case: str) -> None:
    overlay(ws, case)
    problems, refused = validate(ws)
    assert refused
    with pytest.raises(PlaceholderError):
        api.validate(ws)
    assert found(problems) == PLACEHOLDERS[case]
    assert [p.message() for p in problems] == MESSAGES[case]


@pytest.mark.parametrize("case", sorted(WARNINGS))
def test_warning_case(ws: Path, case: str) -> None:
    overlay(ws, case)
    problems, refused = validate(ws)
    assert not refused
    assert found(problems) == WARNINGS[case]
    if case in MESSAGES:
        assert [p.message() for p in problems] == MESSAGES[case]


def test_nfd_text_equals_nfc_after_loading(ws: Path) -> None:
    overlay(ws, "nfd-text")
    raw = (ws / "2021" / "xa-an-binh.yaml").read_text(encoding="utf-8")
    assert "Tuyên" not in raw  # the file really is decomposed
    log = api.validate(ws).log_for("xa-an-binh")
    assert log is not None
    text = log.activities[0].text
    assert text == "Tuyên truyền tại ấp Bình Đông"
    assert unicodedata.is_normalized("NFC", text)


def test_utf8_bom_is_read_as_plain_utf8(ws: Path) -> None:
    overlay(ws, "ok-utf8-bom")
    assert (ws / "2021" / "xa-an-binh.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    log = api.validate(ws).log_for("xa-an-binh")
    assert log is not None
    assert (log.unit, log.activities[0].figures) == (
        "xa-an-binh",
        {"so_buoi": 1, "so_luot_nguoi": 65},
    )


def test_duplicate_claim_keeps_the_file_named_after_the_unit(ws: Path) -> None:
    overlay(ws, "e110-same-unit-twice")
    (ws / "2021" / "xa-an-binh-ban-sao.yaml").rename(ws / "2021" / "a-ban-sao.yaml")
    problems, _ = validate(ws)
    assert found(problems) == [("E110", "ws/2021/a-ban-sao.yaml", 1, 9)]


# --- through the command line ---------------------------------------------------


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", "-w", "ws", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_cli_json_fields_and_exit_code(ws: Path) -> None:
    overlay(ws, "e104-bad-figures")
    before = snapshot(ws)
    code, out, _err = cli("--format", "json")
    assert code == 1
    assert json.loads(out)[3] == {
        "file": LOG,
        "line": 14,
        "column": 24,
        "code": "E104",
        "severity": "error",
        "message": "NV1.so_luot_nguoi: phải là số nguyên không âm, tối đa 1.000.000.000 "
        "(nhận được 1.500); viết số liền, không dùng dấu phân cách hàng nghìn (ví dụ 1500)",
    }
    assert [(p["code"], p["line"]) for p in json.loads(out)] == [
        ("E104", 8),
        ("E104", 9),
        ("E104", 13),
        ("E104", 14),
    ]
    assert snapshot(ws) == before


def test_cli_text_lines_name_file_line_column(ws: Path) -> None:
    overlay(ws, "e107-unknown-task")
    code, out, err = cli()
    assert code == 1
    assert out == (
        "ws/2021/xa-an-binh.yaml:6:3: E107 mã nhiệm vụ 'NV01' không có trong kế hoạch"
        " — có phải 'NV1'?\n"
    )
    assert err == "Không hợp lệ: 1 lỗi.\n"


def test_cli_english_on_request(ws: Path) -> None:
    overlay(ws, "e107-unknown-task")
    code, out, _err = cli("--lang", "en")
    assert code == 1
    assert out == (
        "ws/2021/xa-an-binh.yaml:6:3: E107 task code 'NV01' is not in the plan"
        " — did you mean 'NV1'?\n"
    )


def test_cli_text_output_sorted_by_file_then_line(ws: Path) -> None:
    overlay(ws, "all-files-one-run")
    (ws / "2021" / "xa-an-binh.yaml").write_text(
        (ws / "2021" / "xa-an-binh.yaml").read_text(encoding="utf-8") + "kho_khan: 3\n",
        encoding="utf-8",
    )
    code, out, _err = cli()
    assert code == 1
    places = [line.split(": ")[0] for line in out.splitlines()]
    assert places == [
        "ws/2021/xa-an-binh.yaml:10:18",
        "ws/2021/xa-an-binh.yaml:12:11",
        "ws/2021/xa-tan-hoa.yaml:3:1",
    ]


def test_cli_config_missing_is_invalid_input(ws: Path) -> None:
    overlay(ws, "e011-config-missing")
    code, out, _err = cli("--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "file": CONFIG,
            "line": None,
            "column": None,
            "code": "E011",
            "severity": "error",
            "message": "không tìm thấy tệp cấu hình 'ws/baocao.yaml'; hãy chạy lệnh trong "
            "thư mục làm việc, chỉ rõ thư mục bằng -w THƯ_MỤC, hoặc tạo thư mục mới bằng: "
            "baocao init THƯ_MỤC",
        }
    ]


@pytest.mark.parametrize("case", ["w201-outside-time-frame", "w204-unit-without-log"])
def test_cli_warnings_pass_unless_strict(ws: Path, case: str) -> None:
    overlay(ws, case)
    code, out, _err = cli()
    assert code == 0
    assert len(out.splitlines()) == 1
    code, out_strict, _err = cli("--strict")
    assert (code, out_strict) == (3, out)


def test_cli_strict_without_warnings_is_ok(ws: Path) -> None:
    code, out, err = cli("--strict")
    assert (code, out) == (0, "")
    assert err == "Hợp lệ: 4 tệp, 2 đơn vị đã gửi nhật ký, 0 cảnh báo.\n"


def test_cli_config_missing_in_english(ws: Path) -> None:
    overlay(ws, "e011-config-missing")
    code, out, _err = cli("--lang", "en")
    assert (code, out) == (
        1,
        "ws/baocao.yaml: E011 configuration file 'ws/baocao.yaml' not found; run the command "
        "in a workspace, name one with -w FOLDER, or create one with: baocao init FOLDER\n",
    )

"""baocao form and baocao nhan as a clerk runs them: output, exit codes, formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from baocao.lock import workspace_lock
from formkit import cells, edit, workspace_files

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def root(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(sample_copy)
    return sample_copy


@pytest.fixture
def filled(root: Path) -> Path:
    """The unit's form, with one activity added and one figure corrected."""
    code, _out, err = invoke("form", "--don-vi", "xa-an-binh", "-o", "an-binh.xlsx")
    assert code == 0 and err == "Đã lập 1 biểu mẫu: an-binh.xlsx\n"
    path = root / "an-binh.xlsx"
    change = cells("NV1", A12="03/12/2021", B12="Tuyên truyền lưu động", C12=1, D12=40, D7=80)
    path.write_bytes(edit(path.read_bytes(), change))
    return path


def test_nhan_files_a_form_and_says_what_changed(filled: Path) -> None:
    code, out, err = invoke("nhan", "an-binh.xlsx", "--ngay-gui", "10/11/2021")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(
        "an-binh.xlsx → 2021/xa-an-binh.yaml (UBND xã An Bình): đã ghi; bản trước lưu ở "
        "2021/.lich-su/xa-an-binh/"
    )
    assert lines[1:] == [
        "  NV1: thêm 1, sửa 1, bỏ 0 hoạt động",
        "    ~ 22/01/2021 Tuyên truyền pháp luật về phòng, chống xâm hại tình dục trẻ em tại nh… "
        "— lượt người tham dự: 72 → 80",
        "    + 03/12/2021 Tuyên truyền lưu động — buổi tuyên truyền: 1; lượt người tham dự: 40",
    ]
    assert err == "Đã nhận 1 tệp: 1 nhật ký được ghi, 0 không thay đổi.\n"
    code, out, err = invoke("nhan", "an-binh.xlsx")
    assert (code, out) == (
        0,
        "an-binh.xlsx → 2021/xa-an-binh.yaml (UBND xã An Bình): không thay đổi\n",
    )


def test_nhan_refuses_with_every_problem_and_exit_1(root: Path, filled: Path) -> None:
    filled.write_bytes(edit(filled.read_bytes(), cells("NV1", D12="40 người", A13="x")))
    before = workspace_files(root)
    code, out, err = invoke("nhan", "an-binh.xlsx")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "an-binh.xlsx:NV1!D12: E104 NV1.so_luot_nguoi: phải là số nguyên không âm, tối đa "
        "1.000.000.000 (nhận được 40 người); chỉ ghi số, đơn vị tính đã có ở tiêu đề cột",
        "an-binh.xlsx:NV1!A13: E105 NV1.ngay: ngày không hợp lệ (nhận được x); viết theo dạng "
        "2021-03-15 hoặc 15/03/2021",
        "an-binh.xlsx:NV1!B13: E117 NV1.noi_dung: không được để trống",
    ]
    assert workspace_files(root) == before


def test_nhan_strict_warnings_exit_3(root: Path, filled: Path) -> None:
    filled.write_bytes(edit(filled.read_bytes(), cells("NV1", D12="1.500")))
    before = workspace_files(root)
    code, _out, err = invoke("nhan", "an-binh.xlsx", "--strict")
    assert code == 3 and "W601" in err
    assert workspace_files(root) == before


def test_nhan_check_only_and_json(root: Path, filled: Path) -> None:
    before = workspace_files(root)
    code, out, err = invoke("nhan", "an-binh.xlsx", "--kiem-tra", "--format", "json")
    assert code == 0 and err == ""
    (filed,) = json.loads(out)
    assert (filed["unit"], filed["log"], filed["written"], filed["previous"]) == (
        "xa-an-binh",
        "2021/xa-an-binh.yaml",
        True,
        None,
    )
    assert [(c["change"], c["figures"]) for c in filed["tasks"]["NV1"]] == [
        ("changed", [{"code": "so_luot_nguoi", "before": 72, "after": 80}]),
        (
            "added",
            [
                {"code": "so_buoi", "before": None, "after": 1},
                {"code": "so_luot_nguoi", "before": None, "after": 40},
            ],
        ),
    ]
    assert workspace_files(root) == before


def test_nhan_usage_and_lock(root: Path, filled: Path) -> None:
    assert invoke("nhan", "an-binh.xlsx", "--ngay-gui", "31/02/2021")[0] == 2
    assert invoke("nhan", "an-binh.xlsx", "--ky", "9m")[0] == 2
    assert invoke("nhan")[0] == 2
    with workspace_lock(root):
        code, _out, err = invoke("nhan", "an-binh.xlsx")
    assert code == 5 and "E410" in err


def test_form_options(root: Path) -> None:
    assert invoke("form")[0] == 2
    assert invoke("form", "--all", "--don-vi", "xa-an-binh")[0] == 2
    code, _out, err = invoke("form", "--all")
    assert code == 0 and err == "Đã lập 12 biểu mẫu: bieu-mau\n"
    code, _out, err = invoke("form", "--don-vi", "xa-an-binh")
    assert code == 4
    assert err.startswith("bieu-mau/xa-an-binh.xlsx: E505 tệp 'bieu-mau/xa-an-binh.xlsx' đã có")
    assert invoke("form", "--don-vi", "xa-an-binh", "--force")[0] == 0
    code, _out, err = invoke("form", "--don-vi", "xa-khong-co")
    assert code == 1 and "E109 đơn vị 'xa-khong-co'" in err

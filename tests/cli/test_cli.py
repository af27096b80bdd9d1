"""The command line as a clerk and a scheduler use it: exit codes, output, formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app

DATA = str(Path(__file__).resolve().parents[2] / "data")
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_sample_passes_with_its_deliberate_warnings() -> None:
    code, out, err = invoke("validate", "-w", DATA)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(
        "W201 NV5.ngay: hoạt động ngày 25/03/2021 nằm ngoài thời gian thực hiện nhiệm vụ NV5 "
        "(quý II, quý III năm 2021)"
    )
    assert "W204 đơn vị UBND xã Phú Mỹ chưa gửi nhật ký hoạt động năm 2021" in lines[1]
    assert "Hợp lệ: 15 tệp, 11 đơn vị đã gửi nhật ký, 2 cảnh báo." in err


def test_strict_turns_warnings_into_exit_3() -> None:
    assert invoke("validate", "-w", DATA, "--strict")[0] == 3


def test_validate_json_and_english() -> None:
    code, out, _err = invoke("validate", "-w", DATA, "--format", "json", "--lang", "en")
    assert code == 0
    problems = json.loads(out)
    assert [p["code"] for p in problems] == ["W201", "W204"]
    assert set(problems[0]) == {"file", "line", "column", "code", "severity", "message"}
    assert problems[0]["severity"] == "warning"
    assert problems[0]["message"].startswith("NV5.ngay: activity dated 25/03/2021 is outside")


def test_usage_error_is_exit_2() -> None:
    assert invoke("compile", "--period", "9m", "-w", DATA)[0] == 2


def test_status_json_has_a_status_per_unit() -> None:
    code, out, _err = invoke(
        "status", "-w", DATA, "--period", "1y", "--as-of", "2021-11-12", "--format", "json"
    )
    assert code == 0
    payload = json.loads(out)
    states = {u["code"]: u["status"] for u in payload["units"]}
    assert states["huyen-doan"] == "not_due"  # not sent, and the deadline is today
    assert states["xa-phu-my"] == "not_due"
    assert states["cong-an-huyen"] == "on_time"  # sent on the due day
    assert payload["due"] == "2021-11-12"
    assert payload["units"][0]["activities"] == {
        "NV1": 4,
        "NV2": 4,
        "NV3": 3,
        "NV4": 2,
        "NV5": 3,
        "NV6": 4,
    }


def test_status_after_the_deadline_text_and_csv() -> None:
    code, out, _err = invoke("status", "-w", DATA, "--as-of", "2021-06-01")
    assert code == 0
    late = next(line for line in out.splitlines() if line.startswith("hoi-phu-nu"))
    assert "Chậm 7 ngày" in late
    silent = next(line for line in out.splitlines() if line.startswith("xa-phu-my"))
    assert "Chưa gửi" in silent and "chưa đến hạn" not in silent
    assert out.splitlines()[-1] == "Đúng hạn: 10; chậm: 1; chưa gửi: 1."
    code, out, _err = invoke("status", "-w", DATA, "--as-of", "2021-06-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["code"]: r["status"] for r in rows}["xa-phu-my"] == "not_sent"
    assert {r["code"]: r["days_late"] for r in rows}["hoi-phu-nu"] == "7"


@pytest.mark.parametrize("command", ["validate", "compile", "status"])
def test_help_documents_exit_codes(command: str) -> None:
    code, out, _err = invoke(command, "--help")
    assert code == 0
    assert "Mã thoát: 0 thành công; 1 dữ liệu không hợp lệ" in " ".join(out.split())


@pytest.mark.parametrize("command", ["validate", "compile", "status"])
def test_workspace_that_is_a_file_or_missing_is_a_located_input_error(
    command: str, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "bao-cao.docx"
    not_a_folder.write_bytes(b"PK")
    for target in (not_a_folder, tmp_path / "khong-co"):
        result = runner.invoke(app, [command, "-w", str(target)])
        assert result.exit_code == 1, result.output
        assert "E011" in result.output and "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_compile_o_onto_a_file_baocao_did_not_make_needs_force(tmp_path: Path) -> None:
    mine = tmp_path / "bao-cao.docx"
    mine.write_bytes(b"the clerk's own draft")
    code, _out, err = invoke("compile", "-w", DATA, "-o", str(mine))
    assert code == 4
    assert f"E505 tệp '{mine}' đã có; dùng --force nếu muốn ghi đè" in err
    assert mine.read_bytes() == b"the clerk's own draft"
    assert not mine.with_suffix(".json").exists()
    code, _out, err = invoke("compile", "-w", DATA, "-o", str(mine), "--force")
    assert code == 0, err
    assert mine.read_bytes().startswith(b"PK")


def test_compile_o_brings_its_own_earlier_report_up_to_date(tmp_path: Path) -> None:
    report = tmp_path / "bao-cao.docx"
    assert invoke("compile", "-w", DATA, "-o", str(report))[0] == 0
    code, _out, err = invoke("compile", "-w", DATA, "-o", str(report), "--period", "1y")
    assert code == 0, err  # its summary beside it says it is an earlier report of baocao's
    assert "Đã lập báo cáo" in err
    code, _out, err = invoke("compile", "-w", DATA, "-o", str(report), "--period", "1y")
    assert code == 0 and "Không thay đổi, giữ nguyên" in err


def test_a_summary_that_is_not_baocaos_is_not_overwritten(tmp_path: Path) -> None:
    data = tmp_path / "so-lieu.json"
    data.write_text('{"owner": "someone else"}', encoding="utf-8")
    code, _out, err = invoke("compile", "-w", DATA, "-o", str(tmp_path / "so-lieu.docx"))
    assert code == 4 and "E505" in err and str(data) in err
    assert data.read_text(encoding="utf-8") == '{"owner": "someone else"}'
    assert not (tmp_path / "so-lieu.docx").exists()


def test_no_workspace_here_says_how_to_name_or_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = invoke("compile")
    assert code == 1
    assert "chỉ rõ thư mục bằng -w THƯ_MỤC, hoặc tạo thư mục mới bằng: baocao init THƯ_MỤC" in err

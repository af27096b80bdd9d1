"""Unattended operation: compile --all, summaries, idempotent re-runs, one writer at a time."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from baocao import api
from baocao.cli import app
from baocao.errors import InputError, WorkspaceLockedError
from baocao.lock import workspace_lock

runner = CliRunner()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_compile_all_produces_every_configured_report(sample_copy: Path) -> None:
    results = api.compile_all(sample_copy)
    out = sample_copy / "ket-qua"
    assert sorted(p.name for p in out.iterdir()) == [
        "bao-cao-6-thang-2021.docx",
        "bao-cao-6-thang-2021.json",
        "bao-cao-nam-2021.docx",
        "bao-cao-nam-2021.json",
    ]
    assert [(r.window.period, r.changed) for r in results] == [("6m", True), ("1y", True)]


def test_rerun_with_unchanged_inputs_rewrites_nothing(sample_copy: Path) -> None:
    api.compile_all(sample_copy)
    out = sample_copy / "ket-qua"
    before = snapshot(out)
    time.sleep(0.01)  # so that a rewrite would show in the modification times
    results = api.compile_all(sample_copy)
    assert [r.changed for r in results] == [False, False]
    assert snapshot(out) == before


def test_only_the_affected_report_is_regenerated(sample_copy: Path) -> None:
    api.compile_all(sample_copy)
    out = sample_copy / "ket-qua"
    before = snapshot(out)
    narrative = sample_copy / "dien-giai" / "2021-1y.yaml"
    narrative.write_text(
        narrative.read_text(encoding="utf-8").replace(
            "de_xuat:\n", "de_xuat:\n  - Đề nghị mới.\n", 1
        ),
        encoding="utf-8",
    )
    results = api.compile_all(sample_copy)
    assert [(r.window.period, r.changed) for r in results] == [("6m", False), ("1y", True)]
    after = snapshot(out)
    assert after["bao-cao-6-thang-2021.docx"] == before["bao-cao-6-thang-2021.docx"]
    assert after["bao-cao-6-thang-2021.json"] == before["bao-cao-6-thang-2021.json"]
    assert after["bao-cao-nam-2021.docx"][0] != before["bao-cao-nam-2021.docx"][0]


def test_a_changed_log_regenerates_both_reports(sample_copy: Path) -> None:
    api.compile_all(sample_copy)
    log = sample_copy / "2021" / "xa-an-binh.yaml"
    log.write_text(
        log.read_text(encoding="utf-8").replace("so_buoi: 1\n", "so_buoi: 2\n", 1), encoding="utf-8"
    )
    assert [r.changed for r in api.compile_all(sample_copy)] == [True, True]


def test_summary_records_figures_states_warnings_and_input_hashes(sample_copy: Path) -> None:
    done = api.compile_report(sample_copy, "6m")
    assert done.summary is not None
    summary = json.loads(done.summary.read_text(encoding="utf-8"))
    assert summary["period"] == "6m" and summary["year"] == 2021
    assert summary["window"] == {"start": "2021-01-01", "end": "2021-04-30"}
    tasks = {t["code"]: t for t in summary["tasks"]}
    assert tasks["NV1"]["totals"] == done.aggregate.tasks[0].totals
    assert tasks["NV4"]["status"] == "not_due"
    units = {u["code"]: u for u in summary["units"]}
    assert units["hoi-phu-nu"]["submission"] == "late" and units["hoi-phu-nu"]["days_late"] == 7
    assert [w["code"] for w in summary["warnings"]] == ["W201", "W204"]
    assert summary["warnings"][0]["file"] == "2021/xa-tan-hoa.yaml"
    files = {i["file"]: i["sha256"] for i in summary["inputs"]}
    assert "dien-giai/2021-6m.yaml" in files and "dien-giai/2021-1y.yaml" not in files
    for name, digest in files.items():
        assert hashlib.sha256((sample_copy / name).read_bytes()).hexdigest() == digest
    docx = sample_copy / summary["report"]["file"]
    assert hashlib.sha256(docx.read_bytes()).hexdigest() == summary["report"]["sha256"]


def test_cli_all_logs_one_line_per_report_when_not_a_terminal(sample_copy: Path) -> None:
    result = runner.invoke(app, ["compile", "--all", "-w", str(sample_copy)])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0].startswith("[1/2] Đã lập báo cáo: ") and lines[0].endswith(
        "bao-cao-6-thang-2021.docx"
    )
    assert lines[1].startswith("[2/2] Đã lập báo cáo: ")
    assert lines[-1] == "Xong: 2 báo cáo, 2 báo cáo được lập lại."
    again = runner.invoke(app, ["compile", "--all", "-w", str(sample_copy)])
    assert "[1/2] Không thay đổi, giữ nguyên: " in again.stderr
    assert again.stderr.splitlines()[-1] == "Xong: 2 báo cáo, 0 báo cáo được lập lại."
    quiet = runner.invoke(app, ["compile", "--all", "--quiet", "-w", str(sample_copy)])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")


def test_all_without_configured_reports_is_an_input_error(sample_copy: Path) -> None:
    config = sample_copy / "baocao.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text[: text.index("\n# Các báo cáo lập bằng một lệnh")] + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        api.compile_all(sample_copy)
    assert caught.value.problems[0].code == "E119"


def test_locked_workspace_stops_with_exit_5(sample_copy: Path) -> None:
    with workspace_lock(sample_copy):
        with pytest.raises(WorkspaceLockedError):
            api.compile_report(sample_copy, "6m")
        result = runner.invoke(app, ["compile", "-w", str(sample_copy)])
    assert result.exit_code == 5
    assert "E410 một lần chạy khác đang lập báo cáo" in result.stderr
    assert not (sample_copy / "ket-qua").exists()


HOLDER = """
import sys, time
from pathlib import Path
from baocao.lock import workspace_lock
with workspace_lock(Path(sys.argv[1])):
    Path(sys.argv[2]).write_text("held", encoding="utf-8")
    time.sleep(float(sys.argv[3]))
"""


def baocao(*args: str) -> subprocess.Popen[str]:
    exe = Path(sys.executable).with_name("baocao")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "baocao"]
    return subprocess.Popen(
        [*command, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def start_holder(root: Path, tmp_path: Path, seconds: float) -> subprocess.Popen[str]:
    flag = tmp_path / "held.flag"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(root), str(flag), str(seconds)])
    deadline = time.monotonic() + 30
    while not flag.exists():
        assert holder.poll() is None and time.monotonic() < deadline, "lock holder did not start"
        time.sleep(0.05)
    return holder


def test_second_process_stops_while_another_holds_the_workspace(
    sample_copy: Path, tmp_path: Path
) -> None:
    holder = start_holder(sample_copy, tmp_path, seconds=20)
    try:
        second = baocao("compile", "-w", str(sample_copy))
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 5, err
        assert "E410" in err and "pid" in err
    finally:
        holder.kill()
        holder.wait()


def test_second_process_with_wait_runs_after_the_first(sample_copy: Path, tmp_path: Path) -> None:
    holder = start_holder(sample_copy, tmp_path, seconds=1.5)
    second = baocao("compile", "-w", str(sample_copy), "--wait", "60")
    _out, err = second.communicate(timeout=120)
    holder.wait()
    assert second.returncode == 0, err
    assert (sample_copy / "ket-qua" / "bao-cao-6-thang-2021.docx").is_file()


def test_two_runs_at_once_never_corrupt_the_outputs(sample_copy: Path) -> None:
    runs = [baocao("compile", "--all", "-w", str(sample_copy)) for _ in range(2)]
    codes = []
    for run in runs:
        _out, err = run.communicate(timeout=180)
        codes.append(run.returncode)
        assert run.returncode in (0, 5), err
    assert 0 in codes
    out = sample_copy / "ket-qua"
    for name in ("bao-cao-6-thang-2021", "bao-cao-nam-2021"):
        summary = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        docx = (out / f"{name}.docx").read_bytes()
        assert hashlib.sha256(docx).hexdigest() == summary["report"]["sha256"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp files left


@pytest.mark.skipif(os.name != "posix", reason="kills a process with SIGKILL")
def test_a_killed_holder_releases_the_workspace(sample_copy: Path, tmp_path: Path) -> None:
    holder = start_holder(sample_copy, tmp_path, seconds=60)
    holder.kill()
    holder.wait()
    assert api.compile_report(sample_copy, "6m").changed


def test_a_new_program_checks_reports_of_unchanged_inputs_again(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import baocao.input.logs

    def fingerprints() -> list[str]:
        return [
            json.loads(r.summary.read_text(encoding="utf-8"))["fingerprint"]
            for r in api.compile_all(sample_copy)
            if r.summary is not None
        ]

    before = fingerprints()
    monkeypatch.setattr(baocao.input.logs, "code_digest", lambda: "another version of baocao")
    after = fingerprints()
    assert len(before) == len(after) == 2
    assert not set(before) & set(after)

"""The README tells the truth: its examples run, every command is documented, CI runs its test command."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from baocao import api
from baocao.cli import app

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_quick_start_test_command_is_what_ci_runs() -> None:
    commands = [line for line in blocks("sh")[0].splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].replace(" -q", "") in ci.replace(" -q", "")


def test_unit_log_example_validates(sample_copy: Path) -> None:
    example = next(b for b in blocks("yaml") if b.startswith("don_vi:"))
    (sample_copy / "2021" / "xa-an-binh.yaml").write_text(example, encoding="utf-8")
    ws = api.validate(sample_copy)
    log = ws.log_for("xa-an-binh")
    assert log is not None and log.activities[0].figures == {"so_buoi": 1, "so_luot_nguoi": 65}


def test_batch_example_is_valid_configuration(sample_copy: Path) -> None:
    example = next(b for b in blocks("yaml") if b.startswith("bao_cao:"))
    config = sample_copy / "baocao.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\nbao_cao:")] + "\n" + example, encoding="utf-8")
    jobs = api.validate(sample_copy).config.jobs
    assert [(j.period, j.pdf) for j in jobs] == [("6m", False), ("1y", True)]


def test_every_command_is_documented() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names.extend(
            f"{group.name} {c.name or (c.callback.__name__ if c.callback else '')}"
            for c in group.typer_instance.registered_commands
        )
    assert names
    for name in names:
        assert f"baocao {name}" in README, name


def test_exit_code_table_matches_the_code() -> None:
    from baocao.errors import ExitCode

    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \| ", README, flags=re.MULTILINE), code


def test_next_step_per_task_example_replaces_baocaos_line(sample_copy: Path) -> None:
    example = next(b for b in blocks("yaml") if "phuong_huong_nhiem_vu:" in b)
    (sample_copy / "dien-giai" / "2021-6m.yaml").write_text(
        textwrap.dedent(example), encoding="utf-8"
    )
    steps = api.build(api.validate(sample_copy), "6m").context.phuong_huong
    clerks = (
        "Tổ chức các hội nghị tập huấn chuyên sâu trong quý II, quý III năm 2021 theo Kế hoạch."
    )
    assert steps[0] == clerks
    assert not any("tập huấn, bồi dưỡng" in step for step in steps)

"""The command line speaks Vietnamese: every --help as a clerk reads it, and usage errors.

Each command's --help is compared with its snapshot in tests/cli/help/. After changing a
help text on purpose, write the snapshots again with
``BAOCAO_WRITE_HELP=1 pytest tests/cli/test_help.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from baocao.cli import app

HELP = Path(__file__).parent / "help"
runner = CliRunner()


def commands(command: object = None, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path of the CLI: (), ("validate",), ("plan", "import"), …"""
    command = command or typer.main.get_command(app)
    found = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += commands(sub, (*path, name))
    return found


def help_of(path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "baocao")
def test_help_matches_its_snapshot(path: tuple[str, ...]) -> None:
    snapshot = HELP / f"{'-'.join(('baocao', *path))}.txt"
    shown = help_of(path)
    if os.environ.get("BAOCAO_WRITE_HELP"):
        snapshot.write_text(shown, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot {snapshot.name}: write it with BAOCAO_WRITE_HELP=1"
    assert shown == snapshot.read_text(encoding="utf-8")


def test_every_snapshot_is_of_a_command() -> None:
    names = {f"{'-'.join(('baocao', *path))}.txt" for path in commands()}
    assert {p.name for p in HELP.iterdir()} == names


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "baocao")
def test_help_has_no_english_left(path: tuple[str, ...]) -> None:
    shown = help_of(path)
    english = ["Usage", "Options", "Arguments", "Commands", "Show this message", "default:"]
    english += ["required]", "env var", "<path>", "<int>", "<str>", "<float>", "[OPTIONS]"]
    assert [word for word in english if word in shown] == []


def exit_codes(path: tuple[str, ...]) -> list[str]:
    line = " ".join(help_of(path).split()).split("Mã thoát: ")[1]
    return [item.split(" ", 1)[0] for item in line.rstrip(".").split("; ")]


@pytest.mark.parametrize(
    ("path", "codes"),
    [
        ((), ["0", "1", "2", "3", "4", "5", "6", "70"]),
        (("validate",), ["0", "1", "2", "3", "6", "70"]),
        (("compile",), ["0", "1", "2", "3", "4", "5", "6", "70"]),
        (("status",), ["0", "1", "2", "70"]),
        (("init",), ["0", "1", "2", "4", "70"]),
        (("schema",), ["0", "1", "2", "4", "70"]),
        (("plan", "import"), ["0", "1", "2", "3", "4", "70"]),
    ],
)
def test_each_command_lists_the_exit_codes_it_can_give(
    path: tuple[str, ...], codes: list[str]
) -> None:
    assert exit_codes(path) == codes
    has_strict = any(line.lstrip().startswith("--strict") for line in help_of(path).splitlines())
    assert has_strict == ("3" in codes and path != ())


def test_date_options_show_their_format() -> None:
    shown = " ".join(help_of(("compile",)).split())
    for option in ("--date", "--from", "--to"):
        assert f"{option} NGÀY" in shown
    assert "NGÀY: dd/mm/yyyy hoặc yyyy-mm-dd" in shown
    assert "--as-of NGÀY" in " ".join(help_of(("status",)).split())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["compile", "--period", "9m"],
            "giá trị không hợp lệ cho '--period' / '-p': '9m' không "
            "phải một trong các giá trị '6m', '1y', 'q1', 'q2', 'q3', 'q4'",
        ),
        (["validate", "--strct"], "không có tùy chọn --strct — có phải --strict?"),
        (["validate", "--bogus"], "không có tùy chọn --bogus"),
        (["init"], "thiếu tham số 'THƯ_MỤC'"),
        (["plan", "import", "ke-hoach.txt"], "thiếu tùy chọn '--output' / '-o'"),
        (["frobnicate"], "không có lệnh 'frobnicate'"),
        (["plan", "export"], "không có lệnh 'export' — có phải 'import'?"),
        (
            ["compile", "--date", "31/02/2021"],
            "giá trị không hợp lệ cho '--date': '31/02/2021' "
            "không phải ngày; viết dd/mm/yyyy hoặc yyyy-mm-dd (15/03/2021, 2021-03-15)",
        ),
        (["compile", "--date"], "tùy chọn '--date' cần một giá trị"),
        (
            ["status", "--year", "abc"],
            "giá trị không hợp lệ cho '--year': 'abc' không phải số nguyên",
        ),
        (["compile", "--wait", "lâu"], "giá trị không hợp lệ cho '--wait': 'lâu' không phải số"),
        (
            ["plan", "import", "a.txt", "-o", "b.yaml", "--nam", "1800"],
            "giá trị không hợp lệ cho '--nam': 1800 nằm ngoài 1900–2100",
        ),
        (["validate", "thừa"], "thừa tham số: thừa"),
    ],
)
def test_usage_errors_are_said_in_vietnamese(args: list[str], said: str) -> None:
    result = runner.invoke(app, args, terminal_width=80)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == f"Lỗi: {said}"
    assert lines[0].startswith("Cách dùng: baocao")
    assert lines[1].startswith("Xem 'baocao") and lines[1].endswith("--help' để biết cách dùng.")
    assert "Error" not in result.stderr and "Try" not in result.stderr

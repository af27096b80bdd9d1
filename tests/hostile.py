"""Helpers of the hostile corpus: run baocao as a careless or hostile user would, and
prove what the run left behind.

Every run asserts what holds whatever the attack: no traceback, and (for compile) no
input file changed. ``refused`` adds the rest of a refusal: the exit code, the exact
problems, and not one byte of the workspace changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from typer.testing import CliRunner, Result

from baocao.cli import app
from baocao.lock import LOCK_NAME
from conftest import Found, snapshot

DEFAULT_TEMPLATE = Path(str(files("baocao").joinpath("templates", "bao-cao.docx")))
REPORT = "ws/ket-qua/bao-cao-6-thang-2021.docx"
SUMMARY = "ws/ket-qua/bao-cao-6-thang-2021.json"
LOG = "ws/2021/xa-an-binh.yaml"

Reported = dict[str, Any]


def files_of(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``, results and hidden files included.

    The lock file is left out: it records who held the workspace last.
    """
    return {name: digest for name, digest in snapshot(root).items() if Path(name).name != LOCK_NAME}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """``baocao ARGS`` in this process: never a traceback, whatever happens."""
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stdout + result.stderr
    return result


def refused(
    args: list[str],
    expected: list[Found],
    exit_code: int,
    *,
    root: Path = Path("ws"),
    env: dict[str, str] | None = None,
) -> list[Reported]:
    """The run fails with ``exit_code`` and exactly ``expected``; no file under ``root``
    changed (with ``root`` the current folder, nothing anywhere in the test's folder)."""
    before = files_of(root)
    result = run(*args, "--format", "json", env=env)
    assert result.exit_code == exit_code, result.stdout + result.stderr
    problems: list[Reported] = json.loads(result.stderr or result.stdout)
    found = [(p["code"], p["file"], p["line"], p["column"]) for p in problems]
    assert found == expected, problems
    for problem in problems:
        assert unicodedata.is_normalized("NFC", problem["message"])
    assert files_of(root) == before, "a file changed although the run was refused"
    return problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def change_a_figure(ws: Path) -> None:
    """An edit to a log, so that the next run has a new report to write."""
    edit(ws / "2021" / "xa-an-binh.yaml", "so_buoi: 1\n", "so_buoi: 2\n")


def compiled(ws: Path) -> Path:
    """The workspace with its 6-month report made: the "previous report"."""
    result = run("compile", "-w", str(ws), "-q")
    assert result.exit_code == 0, result.stderr
    return ws


def template(
    name: str, tag: str = "{{ trich_yeu }}", *, xml: Callable[[bytes], bytes] | None = None
) -> str:
    """The packaged template as ``mau/<name>``: its subject tag replaced by ``tag``
    (written as Word writes text, "<" as "&lt;"), then ``xml`` applied to its body."""
    path = Path("mau") / name
    path.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert b"{{ trich_yeu }}" in data
                data = data.replace(b"{{ trich_yeu }}", escape(tag).encode(), 1)
                data = xml(data) if xml is not None else data
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path.as_posix()


def command(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The installed ``baocao`` command, started in a process of its own."""
    exe = Path(sys.executable).with_name("baocao")
    start = [str(exe)] if exe.exists() else [sys.executable, "-m", "baocao"]
    full = {**os.environ, "BAOCAO_LANG": "vi", **(env or {})}
    full.pop("BAOCAO_DEBUG", None)
    return subprocess.Popen(
        [*start, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=full,
    )

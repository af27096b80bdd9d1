"""The log cache is baocao's own state: never through a link, never someone else's file.

The store is one SQLite file, ``.baocao-cache/checked.sqlite3``. Whatever stands where
it belongs and is not baocao's (a link, a folder, a pipe, a file with two names, another
program's data, a journal baocao never makes) is a located error (E413) and is left
exactly as it was; a store damaged by a killed run is baocao's own and starts afresh.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from baocao import api
from baocao.errors import ExitCode, OutputError
from baocao.input.logstore import CACHE_DIR, STORE_NAME
from baocao.settings import Settings
from conftest import snapshot

ONE = Settings(jobs=1)


def store(root: Path) -> Path:
    return root / CACHE_DIR / STORE_NAME


def entries(root: Path) -> int:
    db = sqlite3.connect(store(root))
    try:
        return int(db.execute("SELECT count(*) FROM checked").fetchone()[0])
    finally:
        db.close()


def refused(root: Path, shown: str) -> None:
    """The run stops on E413 naming ``shown`` (relative to the workspace)."""
    with pytest.raises(OutputError) as caught:
        api.validate(root, settings=ONE)
    problem = caught.value.problems[0]
    assert caught.value.exit_code == ExitCode.OUTPUT
    assert problem.code == "E413" and problem.file is not None
    assert problem.file.endswith(shown), problem.file


def test_the_cache_is_one_store_with_an_entry_per_log(sample_copy: Path) -> None:
    api.validate(sample_copy, settings=ONE)
    names = sorted(p.name for p in (sample_copy / CACHE_DIR).iterdir())
    assert names == ["CACHEDIR.TAG", STORE_NAME]
    assert entries(sample_copy) == 11


def test_a_cache_folder_that_is_a_link_is_refused(sample_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (sample_copy / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    refused(sample_copy, CACHE_DIR)
    assert list(elsewhere.iterdir()) == []


def test_a_store_that_is_a_link_is_refused(sample_copy: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.sqlite3"
    victim.write_bytes(b"someone's data")
    (sample_copy / CACHE_DIR).mkdir()
    store(sample_copy).symlink_to(victim)
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}")
    assert victim.read_bytes() == b"someone's data"


def test_a_store_that_is_a_link_to_a_missing_file_creates_nothing(
    sample_copy: Path, tmp_path: Path
) -> None:
    (sample_copy / CACHE_DIR).mkdir()
    store(sample_copy).symlink_to(tmp_path / "nowhere.sqlite3")
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}")
    assert not (tmp_path / "nowhere.sqlite3").exists()


def test_a_store_that_is_a_hard_link_to_a_log_is_refused(sample_copy: Path) -> None:
    log = sample_copy / "2021" / "xa-an-binh.yaml"
    before = log.read_bytes()
    (sample_copy / CACHE_DIR).mkdir()
    os.link(log, store(sample_copy))
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}")
    assert log.read_bytes() == before


def test_a_folder_where_the_store_belongs_is_refused(sample_copy: Path) -> None:
    store(sample_copy).mkdir(parents=True)
    (store(sample_copy) / "keep.txt").write_text("x", encoding="utf-8")
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}")
    assert (store(sample_copy) / "keep.txt").read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_where_the_store_belongs_is_refused_without_blocking(sample_copy: Path) -> None:
    (sample_copy / CACHE_DIR).mkdir()
    os.mkfifo(store(sample_copy))
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}")


def test_a_file_that_is_not_a_store_is_left_alone(sample_copy: Path) -> None:
    (sample_copy / CACHE_DIR).mkdir()
    store(sample_copy).write_bytes(b"notes the clerk keeps here\n")
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}")
    assert store(sample_copy).read_bytes() == b"notes the clerk keeps here\n"


def test_another_programs_database_is_left_alone(sample_copy: Path) -> None:
    (sample_copy / CACHE_DIR).mkdir()
    db = sqlite3.connect(store(sample_copy))
    with db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Nguyễn Văn A')")
    db.close()
    before = store(sample_copy).read_bytes()
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}")
    assert store(sample_copy).read_bytes() == before


@pytest.mark.parametrize("suffix", ["-journal", "-wal"])
def test_a_journal_beside_the_store_is_not_baocaos(
    sample_copy: Path, tmp_path: Path, suffix: str
) -> None:
    api.validate(sample_copy, settings=ONE)
    victim = tmp_path / "victim"
    victim.write_bytes(b"someone's data")
    sidecar = store(sample_copy).with_name(STORE_NAME + suffix)
    sidecar.symlink_to(victim)
    before = (snapshot(sample_copy), store(sample_copy).read_bytes())
    refused(sample_copy, f"{CACHE_DIR}/{STORE_NAME}{suffix}")
    assert victim.read_bytes() == b"someone's data"
    assert (snapshot(sample_copy), store(sample_copy).read_bytes()) == before


def test_a_cache_tag_that_is_a_link_is_not_followed(sample_copy: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"someone's data")
    (sample_copy / CACHE_DIR).mkdir()
    (sample_copy / CACHE_DIR / "CACHEDIR.TAG").symlink_to(victim)
    api.validate(sample_copy, settings=ONE)
    assert victim.read_bytes() == b"someone's data"
    assert entries(sample_copy) == 11


def test_a_damaged_store_starts_afresh(sample_copy: Path) -> None:
    first = api.validate(sample_copy, settings=ONE)
    data = bytearray(store(sample_copy).read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header stays: it is baocao's, damaged
    store(sample_copy).write_bytes(bytes(data))
    again = api.validate(sample_copy, settings=ONE)
    assert again.logs == first.logs and again.warnings == first.warnings
    assert entries(sample_copy) == 11


def test_a_store_of_an_older_layout_starts_afresh(sample_copy: Path) -> None:
    first = api.validate(sample_copy, settings=ONE)
    db = sqlite3.connect(store(sample_copy))
    db.execute("PRAGMA user_version = 0")
    db.close()
    assert api.validate(sample_copy, settings=ONE).logs == first.logs
    assert entries(sample_copy) == 11


def test_the_command_line_names_the_link_and_exits_with_the_output_code(
    sample_copy: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from baocao.cli import app

    (sample_copy / CACHE_DIR).symlink_to(tmp_path, target_is_directory=True)
    result = CliRunner().invoke(app, ["validate", "-w", str(sample_copy)])
    assert result.exit_code == ExitCode.OUTPUT
    assert "E413" in result.output and CACHE_DIR in result.output
    assert "Traceback" not in result.output

"""Hostile corpus: baocao's own state (lock, cache, temporary files) cannot be turned
against the user's data.

A link planted where baocao keeps its state (or left there by a sync tool), a hard
link, a folder, a pipe, a file of someone else's: each is a located E413 and nothing is
touched — not the link, not what it points to. Two of these destroyed unit logs before.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from baocao.lock import LOCK_NAME
from hostile import LOG, compiled, files_of, refused, run

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")

LOCK = f"ws/{LOCK_NAME}"


def is_link_to(path: Path, target: str) -> bool:
    return path.is_symlink() and os.readlink(path) == target


# --- the lock file -----------------------------------------------------------------------


def test_lock_that_is_a_link_to_a_log(ws: Path) -> None:
    # Was followed: compile truncated the log and wrote "pid …, từ …" into it.
    (ws / LOCK_NAME).symlink_to("2021/xa-an-binh.yaml")
    problems = refused(["compile", "-w", "ws"], [("E413", LOCK, None, None)], 4)
    assert problems[0]["message"] == (
        f"'{LOCK}' là chỗ baocao ghi trạng thái của mình nhưng đây là một liên kết "
        "(symlink) trỏ đi nơi khác; baocao không đụng tới nó: hãy xem lại rồi xóa nó"
    )
    assert is_link_to(ws / LOCK_NAME, "2021/xa-an-binh.yaml")
    assert "don_vi: xa-an-binh" in Path(LOG).read_text(encoding="utf-8")


def test_lock_that_is_a_link_to_a_file_outside(ws: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "bang-luong.csv"
    elsewhere.write_text("Nguyễn Văn A;12.000.000\n", encoding="utf-8")
    (ws / LOCK_NAME).symlink_to(elsewhere)
    refused(["compile", "-w", "ws"], [("E413", LOCK, None, None)], 4, root=tmp_path)


def test_lock_that_is_a_dangling_link_creates_nothing(ws: Path, tmp_path: Path) -> None:
    (ws / LOCK_NAME).symlink_to(tmp_path / "khong-co" / "tep.txt")
    refused(["compile", "-w", "ws"], [("E413", LOCK, None, None)], 4)
    assert not (tmp_path / "khong-co").exists()


def test_lock_that_is_a_hard_link_to_a_log(ws: Path) -> None:
    os.link(ws / "2021" / "xa-an-binh.yaml", ws / LOCK_NAME)
    problems = refused(["compile", "-w", "ws"], [("E413", LOCK, None, None)], 4)
    assert "liên kết cứng" in problems[0]["message"]


def test_lock_file_holding_someone_elses_text(ws: Path) -> None:
    (ws / LOCK_NAME).write_text("mật khẩu: 123456\n", encoding="utf-8")
    problems = refused(["compile", "-w", "ws"], [("E413", LOCK, None, None)], 4)
    assert "123456" not in problems[0]["message"]
    assert (ws / LOCK_NAME).read_text(encoding="utf-8") == "mật khẩu: 123456\n"


def test_lock_that_is_a_folder(ws: Path) -> None:
    (ws / LOCK_NAME).mkdir()
    (ws / LOCK_NAME / "ghi-chu.txt").write_text("x", encoding="utf-8")
    refused(["compile", "-w", "ws"], [("E413", LOCK, None, None)], 4)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_lock_that_is_a_pipe_does_not_hang(ws: Path) -> None:
    os.mkfifo(ws / LOCK_NAME)
    refused(["compile", "-w", "ws"], [("E413", LOCK, None, None)], 4)


def test_lock_left_by_an_earlier_run_is_reused(ws: Path) -> None:
    (ws / LOCK_NAME).write_text("pid 4242, từ 2021-05-04 06:00:00\n", encoding="utf-8")
    assert run("compile", "-w", "ws", "-q").exit_code == 0
    note = (ws / LOCK_NAME).read_text(encoding="utf-8")
    assert note.startswith(f"pid {os.getpid()}, từ ")


# --- the log cache ---------------------------------------------------------------------


def cache_entries(ws: Path) -> list[Path]:
    """What baocao keeps in ``.baocao-cache/`` after a run, but the backup tools' tag."""
    return sorted(p for p in (ws / ".baocao-cache").iterdir() if p.name != "CACHEDIR.TAG")


def test_cache_entries_replaced_by_links_to_the_logs(ws: Path) -> None:
    # Was followed: validate (documented as read-only) deleted every unit log of a log
    # folder linked in place of a cache folder, and left cache files in their place.
    assert run("validate", "-w", "ws").exit_code == 0
    logs = files_of(ws / "2021")
    entries = cache_entries(ws)
    assert entries
    for entry in entries:
        if entry.is_dir():
            shutil.rmtree(entry)
            entry.symlink_to(Path("..") / "2021")
        else:
            entry.unlink()
            entry.symlink_to(Path("..") / "2021" / "xa-an-binh.yaml")
        shown = f"ws/.baocao-cache/{entry.name}"
        for args in (["validate", "-w", "ws"], ["compile", "-w", "ws"]):
            refused(args, [("E413", shown, None, None)], 4)
        assert files_of(ws / "2021") == logs
        assert sorted(p.name for p in (ws / "2021").iterdir()) == [
            "xa-an-binh.yaml",
            "xa-tan-hoa.yaml",
        ]
        entry.unlink()  # the next entry on its own


def test_cache_root_replaced_by_a_link(ws: Path) -> None:
    (ws / ".baocao-cache").symlink_to("2021")
    logs = files_of(ws / "2021")
    refused(["validate", "-w", "ws"], [("E413", "ws/.baocao-cache", None, None)], 4)
    assert files_of(ws / "2021") == logs


def test_cache_root_that_is_a_file(ws: Path) -> None:
    (ws / ".baocao-cache").write_text("ghi chú\n", encoding="utf-8")
    refused(["validate", "-w", "ws"], [("E413", "ws/.baocao-cache", None, None)], 4)


def test_cache_clean_up_removes_only_its_own_entries(ws: Path, tmp_path: Path) -> None:
    assert run("validate", "-w", "ws").exit_code == 0
    keep = tmp_path / "giu-lai.yaml"
    keep.write_text("nội dung\n", encoding="utf-8")
    folders = [ws / ".baocao-cache", *(p for p in cache_entries(ws) if p.is_dir())]
    for folder in folders:
        (folder / "ghi-chu.txt").write_text("của người dùng\n", encoding="utf-8")
        (folder / "lien-ket.json").symlink_to(keep)
    log = ws / "2021" / "xa-an-binh.yaml"
    log.write_text(log.read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")
    assert run("validate", "-w", "ws").exit_code == 0  # a new version: old entries dropped
    for folder in folders:
        assert (folder / "ghi-chu.txt").read_text(encoding="utf-8") == "của người dùng\n"
        assert is_link_to(folder / "lien-ket.json", str(keep))
    assert keep.read_text(encoding="utf-8") == "nội dung\n"


def test_cache_tag_that_is_a_dangling_link_is_not_followed(ws: Path, tmp_path: Path) -> None:
    (ws / ".baocao-cache").mkdir()
    (ws / ".baocao-cache" / "CACHEDIR.TAG").symlink_to(tmp_path / "tao-ra.txt")
    assert run("validate", "-w", "ws").exit_code == 0
    assert not (tmp_path / "tao-ra.txt").exists()


# --- temporary files beside the results ----------------------------------------------------


def test_temporary_name_that_is_a_link(ws: Path) -> None:
    compiled(ws)
    stale = ws / "ket-qua" / ".bao-cao-6-thang-2021.docx.0123abcd.tmp"
    stale.symlink_to(Path("..") / "2021" / "xa-an-binh.yaml")
    shown = "ws/ket-qua/.bao-cao-6-thang-2021.docx.0123abcd.tmp"
    refused(["compile", "-w", "ws"], [("E413", shown, None, None)], 4)
    assert is_link_to(stale, "../2021/xa-an-binh.yaml")


def test_temporary_name_that_is_a_folder(ws: Path) -> None:
    compiled(ws)
    stale = ws / "ket-qua" / ".bao-cao-6-thang-2021.json.0123abcd.tmp"
    stale.mkdir()
    (stale / "du-lieu.txt").write_text("x", encoding="utf-8")
    shown = "ws/ket-qua/.bao-cao-6-thang-2021.json.0123abcd.tmp"
    refused(["compile", "-w", "ws"], [("E413", shown, None, None)], 4)


# --- a full disk ---------------------------------------------------------------------------


class FullDisk:
    """Every file opened through os.fdopen: writes are accepted, flushing fails."""

    def __init__(self, handle: object) -> None:
        self.handle = handle

    def __getattr__(self, name: str) -> object:
        return getattr(self.handle, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        getattr(self.handle, "close")()  # noqa: B009 - the wrapped handle's own

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_workspace_disk_full(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Was an internal error (exit 70) at the lock's note; now the results say why.
    compiled(ws)
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **kw: FullDisk(real(fd, *a, **kw)))
    (ws / "2021" / "xa-an-binh.yaml").write_text(
        Path(LOG).read_text(encoding="utf-8").replace("so_buoi: 1", "so_buoi: 2"),
        encoding="utf-8",
    )
    problems = refused(
        ["compile", "-w", "ws"], [("E403", "ws/ket-qua/bao-cao-6-thang-2021.docx", None, None)], 4
    )
    assert problems[0]["message"] == "ổ đĩa đầy, không ghi được tệp kết quả"

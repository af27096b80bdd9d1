"""One writer per workspace: a cron job overlapping a manual run must not mix their files.

The lock is the operating system's (flock on POSIX, msvcrt on Windows), so it is
released when the process ends for any reason, a killed run included; the lock
file only says who holds it, for the message. It is baocao's own state: opened without
following a link, and written only when it holds baocao's note or nothing (see
:mod:`baocao.state`).
"""

from __future__ import annotations

import math
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from baocao.errors import InputError, OptionError, OutputError, WorkspaceLockedError, display_path
from baocao.messages import WORKSPACE_HINT, Say
from baocao.state import open_state_file, state_error

LOCK_NAME = ".baocao.lock"
MAX_WAIT_SECONDS = 86_400.0
"""Longest --wait: a day. A scheduler that waits longer has lost track of its runs."""

_NOTE = re.compile(r"pid \d+, từ [0-9: -]+\n?")
_NOTE_BYTES = 200


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(0)  # msvcrt locks bytes from the current position
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _note(handle: IO[str]) -> str | None:
    """The lock file's note ("pid 12, từ …"), "" when empty, None when it is not baocao's."""
    try:
        raw = os.pread(handle.fileno(), _NOTE_BYTES + 1, 0) if hasattr(os, "pread") else b""
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text:
        return ""
    return text.strip() if len(raw) <= _NOTE_BYTES and _NOTE.fullmatch(text) else None


def check_wait(wait: float) -> float:
    """``wait`` when it is a number of seconds baocao can wait; E803 (a usage error) otherwise."""
    if not (
        isinstance(wait, int | float) and math.isfinite(wait) and 0 <= wait <= MAX_WAIT_SECONDS
    ):
        raise OptionError.one(
            "E803", "--wait", got=str(wait), low=0, high=f"{MAX_WAIT_SECONDS:.0f}"
        )
    return float(wait)


def _open(path: Path) -> IO[str]:
    """The lock file, opened without following a link and checked to be baocao's own."""
    try:
        fd = open_state_file(path, os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        raise OutputError.one("E401", display_path(path), detail=exc.strerror or str(exc)) from None
    handle = os.fdopen(fd, "r+", encoding="utf-8", newline="")
    if _note(handle) is None:  # a file of someone else's: never truncated
        handle.close()
        raise state_error(
            path,
            Say(
                "tệp này có nội dung không phải của baocao",
                "it holds something baocao did not write",
            ),
        )
    return handle


@contextmanager
def workspace_lock(root: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the workspace for writing; wait up to ``wait`` seconds for another run.

    Raises :class:`WorkspaceLockedError` (exit code 5) when it stays held, a usage
    error when ``wait`` is not a number of seconds from 0 to a day.
    """
    wait = check_wait(wait)
    path = root / LOCK_NAME
    if not root.is_dir():
        raise InputError.one(
            "E011",
            display_path(root),
            what=Say("thư mục làm việc", "workspace folder"),
            path=display_path(root),
            hint=WORKSPACE_HINT,
        )
    handle = _open(path)  # opening never truncates: the holder's note stays readable
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                holder = _note(handle) or "?"
                raise WorkspaceLockedError.one("E410", display_path(path), holder=holder)
            time.sleep(0.2)
        _write_note(handle)
        yield
    finally:
        handle.close()  # closing releases the lock


def _write_note(handle: IO[str]) -> None:
    # Only for the message of a run that finds the workspace held: a disk too full
    # for these few bytes must not stop the run (its results will say so).
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, từ {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
    except OSError:
        pass

"""One writer per workspace: a cron job overlapping a manual run must not mix their files.

The lock is the operating system's (flock on POSIX, msvcrt on Windows), so it is
released when the process ends for any reason, a killed run included; the lock
file only says who holds it, for the message.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from baocao.errors import InputError, OutputError, WorkspaceLockedError, display_path
from baocao.messages import WORKSPACE_HINT, Say

LOCK_NAME = ".baocao.lock"


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


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "?"
    except OSError:
        return "?"


@contextmanager
def workspace_lock(root: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the workspace for writing; wait up to ``wait`` seconds for another run.

    Raises :class:`WorkspaceLockedError` (exit code 5) when it stays held.
    """
    path = root / LOCK_NAME
    if not root.is_dir():
        raise InputError.one(
            "E011",
            display_path(root),
            what=Say("thư mục làm việc", "workspace folder"),
            path=display_path(root),
            hint=WORKSPACE_HINT,
        )
    try:
        # Opened for appending so that opening never truncates the holder's note.
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - closed in finally
    except OSError as exc:
        raise OutputError.one("E401", display_path(path), detail=exc.strerror or str(exc)) from None
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise WorkspaceLockedError.one("E410", display_path(path), holder=_holder(path))
            time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, từ {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock

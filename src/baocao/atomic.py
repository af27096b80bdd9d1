"""Writing a result whole or not at all, and clearing what a killed run left behind.

A result is written to a hidden temporary file beside it (``.bao-cao.docx.1a2b3c4d.tmp``),
flushed to disk, then renamed over the old file: whoever opens the result sees the old
file or the new one, never part of one. A run killed while writing (SIGKILL, a power cut)
can leave its temporary file behind. The writer holds a lock on that file while it writes,
so the next run tells such a leftover from a file another run is still writing, and
removes it.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sys
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from baocao.errors import BaocaoError, OutputError, Place, Problem, display_path
from baocao.messages import Say

__all__ = [
    "check_output",
    "ensure_free",
    "make_dir",
    "output_error",
    "remove_stale_temps",
    "write_all",
    "write_atomic",
]

_DETAILS = {
    errno.ENOTDIR: Say(
        "một phần của đường dẫn không phải thư mục", "a part of the path is not a folder"
    ),
    errno.EEXIST: Say(
        "đã có một tệp trùng tên với thư mục cần tạo", "a file has the name of the folder to make"
    ),
    errno.ENAMETOOLONG: Say("tên tệp quá dài", "file name too long"),
    errno.ELOOP: Say("liên kết vòng", "too many symbolic links"),
    errno.EIO: Say("lỗi vào/ra khi ghi đĩa", "input/output error"),
}


def output_error(exc: OSError, path: Path) -> BaocaoError:
    """The located :class:`OutputError` for an operating-system error while writing ``path``."""
    name = display_path(path)
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError.one("E403", file=name)
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return OutputError.one("E402", file=name)
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        return OutputError.one("E406", file=name, folder=display_path(path.parent))
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError.one("E407", file=name)
    detail = _DETAILS.get(code or 0) or exc.strerror or str(exc)
    return OutputError.one("E401", file=name, detail=detail)


def check_output(path: Path) -> None:
    """Fail before any work when the result cannot be written there."""
    if path.is_dir():
        raise OutputError.one("E402", file=display_path(path))
    if not path.parent.is_dir():
        raise OutputError.one("E406", file=display_path(path), folder=display_path(path.parent))


def _claim(fd: int) -> bool:
    """Lock an open temporary file; False when another living run holds it (POSIX only)."""
    if sys.platform == "win32":  # pragma: no cover - Windows refuses to delete an open file
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _temp_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.tmp")


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete the temporary files of ``path`` left by runs that died while writing it.

    A temporary file that another run is still writing is locked and left alone.
    Returns the files removed.
    """
    folder = path.parent
    pattern = _temp_pattern(path)
    try:
        names = sorted(n for n in os.listdir(folder) if pattern.fullmatch(n))
    except OSError:
        return []
    removed = []
    for name in names:
        stale = folder / name
        with suppress(OSError):
            if os.name == "posix":
                fd = os.open(stale, os.O_RDONLY)
                try:
                    if not _claim(fd):
                        continue
                    os.unlink(stale)
                finally:
                    os.close(fd)
            else:  # pragma: no cover - a file still open elsewhere cannot be deleted
                os.unlink(stale)
            removed.append(stale)
    return removed


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows has no directory handles for this.
    if not hasattr(os, "O_DIRECTORY"):
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _stage(path: Path, data: bytes) -> tuple[Path, BinaryIO]:
    """``data`` written and flushed to disk in a locked temporary file beside ``path``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # Mode 0o666 lets the user's umask decide, as for any file they create.
    handle = os.fdopen(os.open(tmp, flags, 0o666), "wb")
    try:
        _claim(handle.fileno())
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    except BaseException:
        handle.close()
        with suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp, handle


def write_all(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as one: each to its temporary file first, then all renamed.

    A failure while writing (a full disk, a permission) changes none of them; only a
    failure between two renames, which touch no data, could leave some renamed. Raises
    :class:`OutputError` (E401–E407) naming the file that could not be written.
    """
    for path, _data in files:
        check_output(path)
        remove_stale_temps(path)
    staged: list[tuple[Path, Path, BinaryIO]] = []
    current = files[0][0] if files else Path()
    try:
        for current, data in files:
            tmp, handle = _stage(current, data)
            staged.append((current, tmp, handle))
        for current, tmp, handle in staged:
            if os.name != "posix":  # pragma: no cover - Windows cannot rename an open file
                handle.close()
            # On POSIX the file is renamed while still locked: never taken for a leftover.
            os.replace(tmp, current)
    except BaseException as exc:
        for _path, tmp, _handle in staged:
            with suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise output_error(exc, current) from exc
        raise
    finally:
        for _path, _tmp, handle in staged:
            handle.close()
    for folder in {path.parent for path, _data in files}:
        _fsync_folder(folder)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (temporary file, fsync, rename).

    Raises :class:`OutputError` (E401–E407) and leaves the previous file as it was.
    """
    write_all([(path, data)])


def ensure_free(paths: Iterable[Path], *, force: bool) -> None:
    """Raise one :class:`OutputError` (E505) naming every path that exists, unless ``force``."""
    if force:
        return
    taken = [p for p in paths if p.exists()]
    if taken:
        raise OutputError(
            Problem("E505", Place(display_path(p)), {"path": display_path(p)}) for p in taken
        )


def make_dir(folder: Path) -> None:
    """Create a results folder (and its parents), or fail with a located OutputError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder) from None

"""Writing a result whole or not at all, and clearing what a killed run left behind.

A result is written to a hidden temporary file beside it (``.bao-cao.docx.1a2b3c4d.tmp``),
flushed to disk, then renamed over the old file: whoever opens the result sees the old
file or the new one, never part of one. A run killed while writing (SIGKILL, a power cut)
can leave its temporary file behind. The writer holds a lock on that file while it writes,
so the next run tells such a leftover from a file another run is still writing, and
removes it. Only regular files with baocao's temporary names are ever removed; a link or
anything else under such a name is an error (:mod:`baocao.state`).

Several files written as one (a report and its summary) are replaced together: the old
files are kept under temporary names until every new one is in place, and put back if
one cannot be.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from baocao.errors import BaocaoError, OutputError, Place, Problem, display_path
from baocao.messages import Say
from baocao.state import NOFOLLOW, open_state_file

__all__ = [
    "NAME_MAX_BYTES",
    "check_not_input",
    "check_output",
    "ensure_free",
    "make_dir",
    "output_error",
    "remove_stale_temps",
    "write_all",
    "write_atomic",
]

NAME_MAX_BYTES = 255 - len(".") - len(".0123abcd.tmp")
"""Longest result file name, in UTF-8 bytes: file systems hold 255, and the temporary
file written first adds a dot before the name and 13 characters after it."""

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


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def check_not_input(targets: Sequence[Path], inputs: Sequence[Path]) -> None:
    """E412 when a result would be written onto one of the command's own inputs.

    Compared as files, not names: a link or another spelling of the same file is
    caught. ``--force`` allows replacing a result, never an input.
    """
    sources = {key: source for source in inputs if (key := _identity(source)) is not None}
    for target in targets:
        source = sources.get(_identity(target) or (-1, -1))
        if source is not None:
            shown = (Path(display_path(target.parent)) / target.name).as_posix()
            raise OutputError.one("E412", shown, input=display_path(source))


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


def _second_name_of(stale: Path, path: Path) -> bool:
    """Whether ``stale`` is a regular file that is ``path`` itself under another name."""
    try:
        info, target = os.lstat(stale), os.lstat(path)
    except OSError:
        return False
    same = (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino)
    return same and stat.S_ISREG(info.st_mode)


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
        if _second_name_of(stale, path):  # an old file kept by a killed run: still at path
            with suppress(OSError):
                os.unlink(stale)
                removed.append(stale)
            continue
        try:
            fd = open_state_file(stale, os.O_RDONLY)  # E413 for a link or a folder
        except FileNotFoundError:
            continue  # removed meanwhile by the run that wrote it
        except OSError:
            continue  # unreadable: not ours to judge
        try:
            if not _claim(fd):
                continue
            if os.name != "posix":  # pragma: no cover - an open file cannot be deleted there
                os.close(fd)
                fd = -1
            with suppress(OSError):
                os.unlink(stale)
                removed.append(stale)
        finally:
            if fd >= 0:
                os.close(fd)
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


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def _keep_old(path: Path) -> Path | None:
    """A second name for the file at ``path`` (None when there is none), to put it back.

    A hard link costs nothing and leaves ``path`` in place; where the file system has
    none, a copy. The name is a temporary file's, so a killed run's is cleaned later.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    backup = _temp_name(path)
    try:
        os.link(path, backup, follow_symlinks=False)
    except (OSError, NotImplementedError):
        if stat.S_ISLNK(info.st_mode):
            os.symlink(os.readlink(path), backup)
        else:
            shutil.copy2(path, backup)
    return backup


def _put_back(done: list[tuple[Path, Path | None]]) -> None:
    """Undo the renames of ``done``, newest first: each old file back, each new one gone."""
    for path, backup in reversed(done):
        with suppress(OSError):
            if backup is None:
                os.unlink(path)
            else:
                os.replace(backup, path)


def _stage(path: Path, data: bytes) -> tuple[Path, BinaryIO]:
    """``data`` written and flushed to disk in a locked temporary file beside ``path``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_BINARY", 0)
    tmp = _temp_name(path)
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

    A failure while writing (a full disk, a permission) changes none of them, and so
    does a failure to rename one of them: the files already renamed get their previous
    content back (or are removed when they did not exist). Raises :class:`OutputError`
    (E401–E407) naming the file that could not be written.
    """
    for path, _data in files:
        check_output(path)
        remove_stale_temps(path)
    staged: list[tuple[Path, Path, BinaryIO]] = []
    done: list[tuple[Path, Path | None]] = []
    kept: list[Path] = []
    current = files[0][0] if files else Path()
    try:
        for current, data in files:
            tmp, handle = _stage(current, data)
            staged.append((current, tmp, handle))
        for current, tmp, handle in staged:
            if os.name != "posix":  # pragma: no cover - Windows cannot rename an open file
                handle.close()
            backup = _keep_old(current) if len(staged) > 1 else None
            if backup is not None:
                kept.append(backup)
            # On POSIX the file is renamed while still locked: never taken for a leftover.
            os.replace(tmp, current)
            done.append((current, backup))
    except BaseException as exc:
        _put_back(done)
        for _path, tmp, _handle in staged:
            with suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise output_error(exc, current) from exc
        raise
    finally:
        for _path, _tmp, handle in staged:
            handle.close()
        for backup in kept:
            with suppress(OSError):
                os.unlink(backup)
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

"""baocao's own state in a workspace (lock, cache, temporary files): never through a link.

baocao writes and deletes its state without asking, so it must be sure each path is
what baocao made: a folder that is a real folder, a file that is a regular file with a
single name. A symbolic link (planted, or left by a sync tool), a hard link to a unit's
log, a device or a pipe in its place would turn a routine write or clean-up into the
loss of someone's file. Such a path is a located error (E413) and nothing is touched.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path

from baocao.errors import BaocaoError, OutputError, display_path
from baocao.messages import Say

__all__ = ["NOFOLLOW", "check_state_dir", "make_state_dir", "open_state_file", "state_error"]

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Open flag that refuses a symbolic link (POSIX; Windows has no such links by default)."""

_LINK = Say(
    "đây là một liên kết (symlink) trỏ đi nơi khác", "it is a symbolic link pointing elsewhere"
)
_NOT_FOLDER = Say("đây không phải một thư mục", "it is not a folder")
_NOT_FILE = Say("đây không phải một tệp thông thường", "it is not a regular file")
_MANY_NAMES = Say(
    "tệp này có thêm tên khác (liên kết cứng) trong thư mục",
    "the file has other names (hard links)",
)


def state_error(path: Path, detail: Say) -> BaocaoError:
    """E413 naming ``path``: baocao's state path is not what baocao made."""
    shown = (Path(display_path(path.parent)) / path.name).as_posix()  # a link by its own name
    return OutputError.one("E413", shown, path=shown, detail=detail)


def check_state_dir(path: Path) -> bool:
    """Whether the state folder ``path`` exists; E413 when something else stands there."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        raise state_error(path, _LINK)
    if not stat.S_ISDIR(info.st_mode):
        raise state_error(path, _NOT_FOLDER)
    return True


def make_state_dir(path: Path) -> None:
    """Create the state folder ``path`` (its parent must exist), or check the one there.

    Raises E413 for a link or a file in its place, OSError when it cannot be made.
    """
    if not check_state_dir(path):
        with suppress(FileExistsError):  # made meanwhile by another run: checked below
            os.mkdir(path)
    check_state_dir(path)


def _explain(path: Path) -> None:
    """Raise E413 when ``path`` could not be opened because of what stands there."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if stat.S_ISLNK(mode):
        raise state_error(path, _LINK) from None
    if not stat.S_ISREG(mode):
        raise state_error(path, _NOT_FILE) from None


def open_state_file(path: Path, flags: int) -> int:
    """Open the state file ``path`` without following a link; its descriptor.

    ``flags`` are ``os.open``'s (``os.O_RDWR | os.O_CREAT``...). Raises E413 when the
    path is a link, not a regular file, or a file with more than one name; OSError
    for anything else (the caller names it).
    """
    if not NOFOLLOW:  # pragma: no cover - Windows: no O_NOFOLLOW, look before opening
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise state_error(path, _LINK)
        except FileNotFoundError:
            pass
    extra = NOFOLLOW | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | extra, 0o666)
    except OSError:
        _explain(path)  # a link, a folder, a pipe: say so
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise state_error(path, _NOT_FILE)
        if info.st_nlink > 1:
            raise state_error(path, _MANY_NAMES)
    except BaseException:
        os.close(fd)
        raise
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd

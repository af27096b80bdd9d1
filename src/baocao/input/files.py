"""Reading a file's bytes safely, whatever it is, and its text when it should be text.

Every reader of the input stage starts here: the size is capped, only regular files are
opened, and whatever goes wrong is a located :class:`InputError`, never a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from baocao.errors import InputError, Place, Problem
from baocao.messages import Say

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest file read: a year of one unit's log is 10–50 KB, so this is generous."""


def read_text(path: Path, file: str) -> str:
    """The file's text: UTF-8 (a BOM is accepted), size-capped, located errors otherwise."""
    return decode_text(read_bytes(path, file), file)


def read_bytes(path: Path, file: str) -> bytes:
    """The file's bytes, size-capped; a located InputError when it cannot be read.

    The size is checked before a byte is read, and only regular files are opened:
    a device or a pipe named in the configuration would otherwise hang the run.
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError.one("E010", file, detail=_OS_ERRORS[errno.EISDIR])
        if not stat.S_ISREG(info.st_mode):
            raise InputError.one("E010", file, detail=_NOT_A_FILE)
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(file, info.st_size)
        with path.open("rb") as stream:
            # Its size and one byte more: no buffer of the cap's size for a 16 KB file.
            raw = stream.read(info.st_size + 1)
            if len(raw) > info.st_size:  # it grew meanwhile: read on, up to the cap
                raw += stream.read(MAX_FILE_BYTES + 1 - len(raw))
    except FileNotFoundError:
        raise InputError.one("E011", file, what=Say("tệp", "file"), path=file, hint="") from None
    except OSError as exc:
        raise InputError.one("E010", file, detail=_os_detail(exc)) from None
    if len(raw) > MAX_FILE_BYTES:  # grew between the check and the read
        raise _too_large(file, len(raw))
    return raw


def decode_text(raw: bytes, file: str) -> str:
    """A file's bytes as text: UTF-8, a BOM accepted; E001 at the first bad byte otherwise."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise InputError.one("E001", file, line, column, byte=f"{raw[exc.start]:02X}") from None


def _too_large(file: str, size: int) -> InputError:
    params = {"size": round(size / 1048576, 1), "limit": MAX_FILE_BYTES // 1048576}
    return InputError([Problem("E007", Place(file), params)])


_NOT_A_FILE = Say("không phải là một tệp thông thường", "not a regular file")
_OS_ERRORS = {
    errno.EISDIR: Say("đây là một thư mục, không phải tệp", "it is a folder, not a file"),
    errno.EACCES: Say("không có quyền đọc tệp", "permission denied"),
    errno.EPERM: Say("không có quyền đọc tệp", "permission denied"),
    errno.ENAMETOOLONG: Say("tên tệp quá dài", "file name too long"),
    errno.ELOOP: Say("liên kết vòng", "too many symbolic links"),
    errno.ENOTDIR: Say(
        "một phần của đường dẫn không phải thư mục", "a part of the path is not a folder"
    ),
    errno.EIO: Say("lỗi vào/ra khi đọc đĩa", "input/output error"),
}


def _os_detail(exc: OSError) -> Say:
    known = _OS_ERRORS.get(exc.errno or 0)
    if known is not None:
        return known
    text = exc.strerror or type(exc).__name__
    return Say(f"lỗi hệ thống ({text})", text)


_BROKEN_LINK = Say("liên kết trỏ tới tệp không còn tồn tại", "a link to a file that does not exist")
_OUTSIDE = Say(
    "liên kết trỏ ra ngoài thư mục làm việc; baocao không đọc tệp đó",
    "a link pointing outside the workspace; baocao does not read that file",
)
_FOLDER = Say("đây là một thư mục, không phải tệp", "it is a folder, not a file")
_NOT_A_FILE = Say("không phải là một tệp thông thường", "not a regular file")


def entry_problem(path: Path, root: Path) -> Say | None:
    """Why the data file ``path`` of a workspace folder cannot be read as one, or None.

    A link is followed only to a file inside the workspace: a unit's log linked to a
    file elsewhere (another user's, a system file) is not read, so none of it can
    appear in a message.
    """
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return _BROKEN_LINK
            if not target.is_relative_to(root.resolve()):
                return _OUTSIDE
            info = os.stat(target)
    except OSError:
        return None  # gone meanwhile, or unreadable: reading it says why
    if stat.S_ISDIR(info.st_mode):
        return _FOLDER
    return None if stat.S_ISREG(info.st_mode) else _NOT_A_FILE

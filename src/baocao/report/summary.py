"""Reading a report's summary JSON (its model is :mod:`baocao.core.summary`).

A summary a user names (``compile --so-sanh``) that is not one baocao can read is
refused with a clear error: E150 not a summary, E151 an unknown version, E152 damaged;
the report's own earlier summary, when unreadable, is silently rebuilt.
:mod:`baocao.report.summary_writer` builds it; a lower-level body's summary is read by
:mod:`baocao.input.lower`.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

from pydantic import ValidationError

from baocao.core.summary import FORMAT_PREFIX, MAX_SUMMARY_BYTES, READABLE_VERSIONS, Summary
from baocao.errors import InputError, Place, Problem
from baocao.input.files import decode_text, read_bytes
from baocao.messages import Say

# --- reading ---------------------------------------------------------------------------


def parse_summary(raw: bytes, file: str) -> Summary:
    """A summary from its bytes; an :class:`InputError` naming ``file`` when it is not one
    baocao can read: E150 not a summary, E151 an unknown version, E152 damaged."""
    try:
        data = json.loads(decode_text(raw, file))
    except (ValueError, RecursionError):
        raise InputError.one("E150", file, detail=_NOT_JSON) from None
    version = data.get("format") if isinstance(data, dict) else None
    if not (isinstance(version, str) and version.startswith(FORMAT_PREFIX)):
        raise InputError.one("E150", file, detail=_NO_FORMAT)
    number = version.removeprefix(FORMAT_PREFIX)
    if number not in {str(v) for v in READABLE_VERSIONS}:
        known = ", ".join(str(v) for v in READABLE_VERSIONS)
        raise InputError.one("E151", file, version=number[:20], known=known)
    try:
        return Summary.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(step) for step in first["loc"]) or "format"
        detail = _MISSING if first["type"] == "missing" else Say("sai giá trị", first["msg"])
        raise InputError.one("E152", file, field=field[:120], detail=detail) from None


_MISSING = Say("thiếu trường này", "the field is missing")
_NOT_JSON = Say("nội dung không phải JSON", "its content is not JSON")
_NO_FORMAT = Say(
    'không có dòng "format": "baocao-summary/…"', 'there is no "format": "baocao-summary/…"'
)


def load_summary(path: Path, file: str) -> Summary:
    """The summary at ``path`` (named ``file`` in messages), or a located InputError."""
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_SUMMARY_BYTES:
        params = {"size": round(info.st_size / 1048576, 1), "limit": MAX_SUMMARY_BYTES >> 20}
        raise InputError([Problem("E007", Place(file), params)])
    if info is not None and stat.S_ISREG(info.st_mode):
        try:
            return parse_summary(path.read_bytes(), file)
        except OSError:
            pass
    # Missing, a folder, unreadable: the located errors every input gets.
    return parse_summary(read_bytes(path, file), file)


def read_summary(path: Path) -> Summary | None:
    """The report's own earlier summary, or None when there is none or it cannot be read.

    Whatever the file holds (garbage bytes, JSON nested a million deep, a folder, another
    version), the answer is None and the report is made again.
    """
    try:
        if path.stat().st_size > MAX_SUMMARY_BYTES:
            return None
        return parse_summary(path.read_bytes(), path.name)
    except (OSError, InputError):
        return None

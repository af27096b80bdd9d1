"""Reading JSON files (a lower-level body's summary) into plain data, with places on demand.

The JSON reader of :mod:`baocao.input.sources`. The data is read by the standard
library's C parser, fast: a province reads a hundred and fifty communes' summaries on
every run. Where a value stands (``2025/xa-an-binh.json:14:7``) is only needed when
something is wrong with it, so it is found then, by walking the text to it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from baocao.errors import InputError, Place, Problem
from baocao.input.files import decode_text
from baocao.input.yamlbase import PathKey
from baocao.messages import Say
from baocao.settings import Settings

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


@dataclass
class JsonDocument:
    """A parsed JSON file: its plain data, and where each part of it stands."""

    file: str
    data: dict[str, Any]
    text: str = field(repr=False)
    warnings: list[Problem] = field(default_factory=list)

    def place(self, path: PathKey, *, key: bool = False) -> Place:
        """Where the value at ``path`` stands (its key's place with ``key=True``); a path
        past what the file holds is placed on the deepest part that exists."""
        line, column = _line_column(self.text, _offset(self.text, path, key=key))
        return Place(self.file, line, column)

    def raw_text(self, path: PathKey) -> str:
        """The value at ``path`` as the file writes it, on one line (for messages)."""
        start = _offset(self.text, path, key=False)
        try:
            _value, end = _DECODER.raw_decode(self.text, start)
        except ValueError:
            return ""
        return " ".join(self.text[start:end].split())[:120]


def read_json(raw: bytes, file: str, settings: Settings | None = None) -> JsonDocument:
    """A JSON object from a file's bytes (UTF-8, a BOM accepted), its text in NFC.

    Whatever the bytes are, the answer is a document or an :class:`InputError` naming
    the file and, for bad JSON, the line and column (E150); never a traceback.
    """
    text = decode_text(raw, file)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # decomposed Vietnamese from macOS
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        detail = Say(f"JSON không hợp lệ ({exc.msg})", f"invalid JSON ({exc.msg})")
        raise InputError.at("E150", Place(file, exc.lineno, exc.colno), detail=detail) from None
    except (ValueError, RecursionError):
        raise InputError.at("E150", Place(file), detail=_TOO_DEEP) from None
    if not isinstance(data, dict):
        raise InputError.at("E150", Place(file, 1, 1), detail=_NOT_AN_OBJECT)
    return JsonDocument(file, data, text)


_TOO_DEEP = Say("lồng nhau quá sâu", "nested too deep")
_NOT_AN_OBJECT = Say(
    "nội dung phải là một đối tượng JSON {…}", "its content must be a JSON object {…}"
)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _offset(text: str, path: PathKey, *, key: bool) -> int:
    """Offset of the value at ``path`` (or of its key), or of the deepest part that exists."""
    pos = _skip_space(text, 0)
    for depth, step in enumerate(path):
        found = _child(text, pos, step)
        if found is None:
            return pos
        key_at, pos = found
        if key and depth == len(path) - 1 and key_at is not None:
            return key_at
    return pos


def _child(text: str, pos: int, step: str | int) -> tuple[int | None, int] | None:
    """(key offset, value offset) of ``step`` in the object or array at ``pos``."""
    opening = text[pos : pos + 1]
    if opening not in ("{", "["):
        return None
    pos = _skip_space(text, pos + 1)
    index = 0
    try:
        while pos < len(text) and text[pos] not in "]}":
            key_at: int | None = None
            name: str | int = index
            if opening == "{":
                key_at = pos
                name, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
                pos = _skip_space(text, _skip_space(text, pos) + 1)  # past the ":"
            if name == step:
                return key_at, pos
            _value, pos = _DECODER.raw_decode(text, pos)
            pos = _skip_space(text, pos)
            if text[pos : pos + 1] == ",":
                pos = _skip_space(text, pos + 1)
            index += 1
    except (ValueError, RecursionError):
        return None
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

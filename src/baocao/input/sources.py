"""The seam between file formats and the rest of the input stage.

A *reader* turns one file's bytes into a :class:`Source`: the plain data the models
validate (the same shape whatever the format: the keys of :mod:`baocao.core.keys`) and
a way to name the place, in that file, of any part of it, so that every problem found
later points into the user's own file: ``xa-an-binh.yaml:14:7`` for text,
``xa-an-binh.xlsx:Hoạt động!B7`` for a spreadsheet.

The reader is chosen by the file's suffix; a new format is one reader and one line::

    register(read_form, ".xlsx")

and the workspace then takes that format's files as unit logs too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from baocao.errors import InputError, Place, Problem, display_path
from baocao.input.files import read_bytes
from baocao.input.jsonio import read_json
from baocao.input.yamlbase import PathKey
from baocao.input.yamlio import read_yaml
from baocao.messages import Say
from baocao.settings import Settings


class Source(Protocol):
    """One file read into plain data, knowing where each part of it stands."""

    file: str
    """The file as messages name it."""
    data: dict[str, Any]
    """Plain dict / list / str / None, keyed like the YAML files, text in NFC."""
    warnings: list[Problem]
    """What reading it found that does not stop it (characters dropped, …)."""

    def place(self, path: PathKey, *, key: bool = False) -> Place:
        """Where the value at ``path`` stands (its key's place with ``key=True``).

        A path past what the file holds is placed on the deepest part that exists.
        """
        ...

    def raw_text(self, path: PathKey) -> str:
        """The value at ``path`` as the user wrote it (one line, for messages)."""
        ...


Reader = Callable[[bytes, str, Settings], Source]
"""Reads a file's bytes (named as messages name the file) into a :class:`Source`, as the
run's settings say; raises :class:`~baocao.errors.InputError` with located problems."""

_READERS: dict[str, Reader] = {}


def register(reader: Reader, *suffixes: str) -> None:
    """Read files ending in any of ``suffixes`` (".xlsx") with ``reader``."""
    for suffix in suffixes:
        _READERS[suffix.lower()] = reader


def reader_for(path: Path) -> Reader | None:
    """The reader of ``path``'s format, or None when no reader claims it."""
    return _READERS.get(path.suffix.lower())


LOWER_SUFFIX = ".json"
"""The files of a log folder that are lower-level bodies' summaries, not activity logs."""


def claims(path: Path) -> bool:
    """Whether some reader reads files like ``path``."""
    return path.suffix.lower() in _READERS


def read_source(path: Path, raw: bytes, file: str, settings: Settings | None = None) -> Source:
    """``path``'s bytes read by the reader of its format; E014 when none claims it."""
    reader = reader_for(path)
    if reader is None:
        suffix = path.suffix or Say("không có đuôi", "none")
        raise InputError.one("E014", file, suffix=suffix, formats=", ".join(sorted(_READERS)))
    return reader(raw, file, settings or Settings())


def load_source(path: Path, settings: Settings | None = None) -> Source:
    """Read ``path`` whole with the reader of its format."""
    file = display_path(path)
    return read_source(path, read_bytes(path, file), file, settings)


register(read_yaml, ".yaml", ".yml")
# A lower-level body's summary (cap_duoi): read through the same seam, checked as a
# summary by baocao.input.lower, never as an activity log.
register(read_json, LOWER_SUFFIX)

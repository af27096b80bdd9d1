"""Reading YAML files safely into plain data, keeping where every key and value stood.

The YAML reader of :mod:`baocao.input.sources` (files are read by
:mod:`baocao.input.files`). Whatever the bytes are, the result is either a
:class:`Document` or an :class:`InputError` whose problems name the file, line and
column; never a traceback.

Every scalar is read as the text the clerk typed (or None when empty): YAML's own
typing turns ``no`` into false, ``0012`` into 10 and ``12:30`` into 750 depending on
the YAML version, so the models decide what a value means, never the parser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from baocao.errors import InputError, Place, Problem, display_path
from baocao.input.fastyaml import MapPlaces, SeqPlaces, places, plain_data
from baocao.input.files import decode_text, read_text
from baocao.input.yamlbase import BAD_CHARS, MAX_DEPTH, PathKey
from baocao.messages import Say
from baocao.settings import Settings


@dataclass
class Document:
    """A parsed YAML file: plain data plus the positions of its keys and values.

    A file read the fast way (:mod:`baocao.input.fastyaml`) has no ``tree`` until a position
    is asked for: the text is then read again the careful way, once.
    """

    file: str
    data: dict[str, Any]
    tree: Any = field(repr=False)
    lines: list[str] = field(repr=False)
    warnings: list[Problem] = field(default_factory=list)

    def positions(self) -> Any:
        """A tree that knows where every key and value stands.

        For a file read the fast way, LibYAML's marks (a C parse); the round-trip
        tree otherwise, or when the marks cannot be had.
        """
        if self.tree is None:
            text = "\n".join(self.lines)
            self.tree = places(text)
            if self.tree is None:
                from baocao.input.careful import new_yaml

                self.tree = new_yaml().load(text)
        return self.tree

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of its key with ``key=True``.

        A path that goes past what the file holds (a missing field) is placed on the
        deepest part that exists, so every problem still points somewhere useful.
        """
        if key and self.tree is None and len(path) == 1 and isinstance(path[0], str):
            # A top-level key starts a line: found in the text, without a parse for positions.
            heads = (f"{path[0]}:", f'"{path[0]}":', f"'{path[0]}':")
            line = next((n for n, text in enumerate(self.lines, 1) if text.startswith(heads)), 0)
            if line:
                return line, 1
        node = self.positions()
        place = (0, 0)
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            try:
                if isinstance(node, MapPlaces):
                    if not isinstance(step, str) or step not in node:
                        return _one_based(place)
                    key_line, key_col, line, col, node = node[step]
                    place = (key_line, key_col) if (key and last) else (line, col)
                elif isinstance(node, SeqPlaces):
                    if not (isinstance(step, int) and 0 <= step < len(node)):
                        return _one_based(place)
                    line, col, node = node[step]
                    place = (line, col)
                elif isinstance(node, dict):  # ruamel's CommentedMap, from the careful reader
                    if step not in node:
                        return _one_based(place)
                    marks: Any = cast(Any, node).lc
                    place = marks.key(step) if (key and last) else marks.value(step)
                    node = node[step]
                elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                    place = cast(Any, node).lc.item(step)
                    node = node[step]
                else:
                    return _one_based(place)
            except (AttributeError, KeyError, TypeError):
                return _one_based(place)
        return _one_based(place)

    def place(self, path: PathKey, *, key: bool = False) -> Place:
        """The :class:`~baocao.errors.Place` of the value at ``path`` (of its key with ``key``)."""
        line, column = self.locate(path, key=key)
        return Place(self.file, line, column)

    def raw_text(self, path: PathKey) -> str:
        """The value at ``path`` as the user typed it (one line), for messages."""
        line, column = self.locate(path)
        if not 1 <= line <= len(self.lines):
            return ""
        text = self.lines[line - 1][column - 1 :]
        text = re.split(r"\s+#", text, maxsplit=1)[0]
        return text.strip().rstrip(",]}").strip()[:80]


def _one_based(place: tuple[int, int]) -> tuple[int, int]:
    return place[0] + 1, place[1] + 1


_YAML_DIRECTIVE = re.compile(r"%YAML(?=[ \t]|$)")
_SUPPORTED_DIRECTIVE = re.compile(r"%YAML[ \t]+1\.[12][ \t]*(#.*)?")


def _bad_directives(lines: list[str], file: str) -> list[Problem]:
    """``%YAML`` lines naming a version other than 1.1 or 1.2 (the library asserts on them)."""
    detail = Say(
        "chỉ dùng được chỉ thị '%YAML 1.1' hoặc '%YAML 1.2' (có thể bỏ hẳn dòng này)",
        "only '%YAML 1.1' or '%YAML 1.2' directives are supported (the line can be removed)",
    )
    return [
        Problem("E002", Place(file, number, 1), {"detail": detail})
        for number, line in enumerate(lines, 1)
        if _YAML_DIRECTIVE.match(line) and not _SUPPORTED_DIRECTIVE.fullmatch(line)
    ]


def _tab_indents(lines: list[str], file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(lines, 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            problems.append(Problem("E004", Place(file, number, indent.index("\t") + 1)))
    return problems


def _clean_chars(lines: list[str], file: str) -> tuple[list[str], list[Problem]]:
    """Drop characters a .docx cannot hold or that are invisible, with a warning each line."""
    cleaned, warnings = [], []
    for number, line in enumerate(lines, 1):
        first = BAD_CHARS.search(line)
        if first is not None:
            line, count = BAD_CHARS.subn("", line)
            warnings.append(
                Problem("W205", Place(file, number, first.start() + 1), {"count": count})
            )
        cleaned.append(line)
    return cleaned, warnings


def plain_text(text: str) -> bool:
    """Whether :func:`parse` would leave ``text`` as it is before reading it: no
    character to drop, already NFC (line ends and tabs are the fast reader's to judge)."""
    return BAD_CHARS.search(text) is None and unicodedata.is_normalized("NFC", text)


def parse(text: str, file: str, *, fast: bool = True) -> Document:
    """Parse YAML text into a :class:`Document`; all problems raised as one InputError.

    ``fast`` reads an ordinary file with LibYAML first (``fast=False``: always the
    careful way; the result is the same, only slower).
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines, warnings = _clean_chars(text.split("\n"), file)
    tabs = _tab_indents(lines, file)
    if tabs:
        raise InputError(tabs)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
        raise InputError.one("E005", file, 1, 1)
    directives = _bad_directives(lines, file)
    if directives:
        raise InputError(directives)
    joined = "\n".join(lines)
    if not warnings and fast:
        data = plain_data(joined, MAX_DEPTH)
        if data is not None:
            return Document(file=file, data=data, tree=None, lines=lines)
    from baocao.input.careful import read_careful

    tree, data, found = read_careful(joined, file, warnings)
    return Document(file=file, data=data, tree=tree, lines=lines, warnings=found)


def read_yaml(raw: bytes, file: str, settings: Settings) -> Document:
    """A YAML file's bytes (``file`` names it in messages) as a :class:`Document`."""
    return parse(decode_text(raw, file), file, fast=settings.fast_yaml)


def load(path: Path, *, fast: bool = True) -> Document:
    """Read and parse one YAML file."""
    file = display_path(path)
    return parse(read_text(path, file), file, fast=fast)

"""Reading YAML files safely into plain data, keeping where every key and value stood.

Only this module (with ``workspace``) reads the disk. Whatever the bytes are, the
result is either a :class:`Document` or an :class:`InputError` whose problems name
the file, line and column; never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from baocao.errors import InputError, Problem
from baocao.fastyaml import plain_data
from baocao.messages import Say

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest file read: a year of one unit's log is 10–50 KB, so this is generous."""

MAX_DEPTH = 40
"""Deepest nesting accepted: real files need about six levels."""

PathKey = tuple[str | int, ...]

FAST = os.environ.get("BAOCAO_FAST_YAML", "1") != "0"
"""Read ordinary files with LibYAML first; BAOCAO_FAST_YAML=0 reads every file the careful way."""

# Characters XML 1.0 cannot hold (they would corrupt the .docx) and invisible
# characters that make two equal-looking names compare different.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u200b-\u200d\u2060\ufeff]")


class _DataConstructor(RoundTripConstructor):
    """Round-trip constructor that leaves dates as text, so pydantic judges them.

    The stock one raises a bare ValueError on 2021-02-30, which has no position.
    """


_DataConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda self, node: self.construct_scalar(node),
)


class _AliasFound(Exception):
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


class _DepthExceeded(Exception):
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


class _DataComposer(Composer):
    """Refuses aliases (no alias bomb is ever expanded) and absurd nesting."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _AliasFound(event.start_mark.line + 1, event.start_mark.column + 1)
        if self.depth >= MAX_DEPTH:
            raise _DepthExceeded(event.start_mark.line + 1, event.start_mark.column + 1)
        return super().compose_node(parent, index)


def _new_yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _DataConstructor
    yaml.Composer = _DataComposer
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass
class Document:
    """A parsed YAML file: plain data plus the positions of its keys and values.

    A file read the fast way (:mod:`baocao.fastyaml`) has no ``tree`` until a position
    is asked for: the text is then read again the careful way, once.
    """

    file: str
    data: dict[str, Any]
    tree: Any = field(repr=False)
    lines: list[str] = field(repr=False)
    warnings: list[Problem] = field(default_factory=list)

    def positions(self) -> Any:
        """The round-trip tree that knows where every key and value stands."""
        if self.tree is None:
            self.tree = _new_yaml().load("\n".join(self.lines))
        return self.tree

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of its key with ``key=True``.

        A path that goes past what the file holds (a missing field) is placed on the
        deepest part that exists, so every problem still points somewhere useful.
        """
        node = self.positions()
        place = (0, 0)
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            try:
                if isinstance(node, CommentedMap):
                    if step not in node:
                        return _one_based(place)
                    place = node.lc.key(step) if (key and last) else node.lc.value(step)
                    node = node[step]
                elif (
                    isinstance(node, CommentedSeq)
                    and isinstance(step, int)
                    and 0 <= step < len(node)
                ):
                    place = node.lc.item(step)
                    node = node[step]
                else:
                    return _one_based(place)
            except (AttributeError, KeyError, TypeError):
                return _one_based(place)
        return _one_based(place)

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


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def read_text(path: Path, file: str) -> str:
    """The file's text: UTF-8 (a BOM is accepted), size-capped, located errors otherwise."""
    return decode_text(read_bytes(path, file), file)


def read_bytes(path: Path, file: str) -> bytes:
    """The file's bytes, size-capped; a located InputError when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError.one(
                "E007", file, size=round(size / 1048576, 1), limit=MAX_FILE_BYTES // 1048576
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError.one("E011", file, what="tệp", path=file) from None
    except OSError as exc:
        raise InputError.one("E010", file, detail=exc.strerror or str(exc)) from None
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


def _tab_indents(lines: list[str], file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(lines, 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            problems.append(Problem("E004", file, number, indent.index("\t") + 1))
    return problems


def _clean_chars(lines: list[str], file: str) -> tuple[list[str], list[Problem]]:
    """Drop characters a .docx cannot hold or that are invisible, with a warning each line."""
    cleaned, warnings = [], []
    for number, line in enumerate(lines, 1):
        found = _BAD_CHARS.findall(line)
        if found:
            first = _BAD_CHARS.search(line)
            column = first.start() + 1 if first else None
            warnings.append(
                Problem("W205", file, number, column, {"field": "", "count": len(found)})
            )
            line = _BAD_CHARS.sub("", line)
        cleaned.append(line)
    return cleaned, warnings


def _kind(value: Any) -> Say:
    if isinstance(value, list):
        return Say("một danh sách", "a list")
    if value is None:
        return Say("giá trị rỗng", "an empty value")
    return Say("một giá trị đơn", "a single value")


def parse(text: str, file: str) -> Document:
    """Parse YAML text into a :class:`Document`; all problems raised as one InputError."""
    text = unicodedata.normalize("NFC", text)
    lines, warnings = _clean_chars(text.split("\n"), file)
    tabs = _tab_indents(lines, file)
    if tabs:
        raise InputError(tabs)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
        raise InputError.one("E005", file, 1, 1)
    joined = "\n".join(lines)
    if not warnings and FAST:
        data = plain_data(joined, MAX_DEPTH)
        if data is not None:
            return Document(file=file, data=data, tree=None, lines=lines)
    try:
        tree = _new_yaml().load(joined)
    except _AliasFound as exc:
        raise InputError.one("E008", file, exc.line, exc.column) from None
    except (_DepthExceeded, RecursionError) as exc:
        line, column = (exc.line, exc.column) if isinstance(exc, _DepthExceeded) else (None, None)
        raise InputError.one("E009", file, line, column, limit=MAX_DEPTH) from None
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        first = exc.context_mark.line + 1 if exc.context_mark else None
        key = _duplicate_key_name(exc)
        raise InputError.one(
            "E003", file, mark.line + 1, mark.column + 1, key=key, first_line=first
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = _syntax_detail(exc)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError.one("E002", file, line, column, detail=detail) from None
    except YAMLError as exc:
        first = (str(exc).splitlines() or ["?"])[0]
        raise InputError.one("E002", file, detail=Say(first, first)) from None
    if not isinstance(tree, dict):
        raise InputError.one("E006", file, 1, 1, got=_kind(tree))
    data = to_plain(tree)
    for problem in warnings:
        warnings_field = _field_at_line(tree, problem.line or 0)
        object.__setattr__(problem, "params", {**problem.params, "field": warnings_field})
    return Document(file=file, data=data, tree=tree, lines=lines, warnings=warnings)


def load(path: Path) -> Document:
    """Read and parse one YAML file."""
    file = display_path(path)
    return parse(read_text(path, file), file)


def to_plain(node: Any) -> Any:
    """ruamel's round-trip objects as plain dict / list / str / int / float / bool / None."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _duplicate_key_name(exc: DuplicateKeyError) -> str:
    match = re.search(r'found duplicate key "([^"]*)"', str(exc))
    return match.group(1) if match else "?"


_SYNTAX_VI = [
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau khóa"),
    (
        "mapping values are not allowed here",
        "dấu ':' không đúng chỗ (giá trị có ': ' cần đặt trong ngoặc kép)",
    ),
    ("found unexpected end of stream", "tệp kết thúc khi chưa đóng ngoặc hoặc dấu nháy"),
    ("did not find expected key", "thụt lề không thẳng hàng hoặc thiếu khóa"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không thẳng hàng"),
    ("found character that cannot start any token", "ký tự không được phép ở đầu giá trị"),
    ("found undefined alias", "bí danh chưa được định nghĩa"),
    ("expected <block end>, but found", "thụt lề không thẳng hàng"),
    ("did not find expected node content", "thiếu giá trị"),
    ("expected the node content", "thiếu giá trị hoặc chưa đóng ngoặc"),
    ("while parsing a flow", "chưa đóng ngoặc [ ] hoặc { }"),
    ("while scanning a quoted scalar", "chưa đóng dấu nháy"),
]


def _syntax_detail(exc: MarkedYAMLError) -> Say:
    text = f"{exc.context or ''} {exc.problem or ''}"
    english = (exc.problem or exc.context or "unknown").strip()
    for pattern, vietnamese in _SYNTAX_VI:
        if pattern in text:
            return Say(vietnamese, english)
    return Say(english, english)


def _field_at_line(tree: Any, line: int) -> str:
    """Dotted name of the key written on ``line`` (1-based), for warnings found before parsing."""
    for path, (key_line, _col) in _walk_keys(tree, ()):
        if key_line + 1 == line:
            return ".".join(str(p) for p in path)
    return ""


def _walk_keys(node: Any, prefix: PathKey) -> Iterator[tuple[PathKey, tuple[int, int]]]:
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            with contextlib.suppress(AttributeError, KeyError):
                yield (*prefix, key), node.lc.key(key)
            yield from _walk_keys(value, (*prefix, key))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            with contextlib.suppress(AttributeError, KeyError, IndexError):
                yield (*prefix, index), node.lc.item(index)
            yield from _walk_keys(value, (*prefix, index))

"""Reading YAML files safely into plain data, keeping where every key and value stood.

Only this module (with ``workspace``) reads the disk. Whatever the bytes are, the
result is either a :class:`Document` or an :class:`InputError` whose problems name
the file, line and column; never a traceback.

Every scalar is read as the text the clerk typed (or None when empty): YAML's own
typing turns ``no`` into false, ``0012`` into 10 and ``12:30`` into 750 depending on
the YAML version, so the models decide what a value means, never the parser.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode

from baocao.errors import InputError, Problem
from baocao.fastyaml import MapPlaces, SeqPlaces, places, plain_data
from baocao.messages import Say

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest file read: a year of one unit's log is 10–50 KB, so this is generous."""

MAX_DEPTH = 40
"""Deepest nesting accepted: real files need about six levels."""

PathKey = tuple[str | int, ...]

FAST = os.environ.get("BAOCAO_FAST_YAML", "1") != "0"
"""Read ordinary files with LibYAML first; BAOCAO_FAST_YAML=0 reads every file the careful way."""

# Characters XML 1.0 cannot hold (they would corrupt the .docx; lone surrogates come
# from a YAML escape such as "\uD800" and no UTF-8 text can hold them), C1 controls (left
# by a wrong conversion from a legacy code page; YAML refuses them), line and
# paragraph separators (YAML counts lines differently with them), and invisible
# characters that make two equal-looking names compare different or reorder text.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
    "\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]"
)

_STR_TAG = "tag:yaml.org,2002:str"


class _DataConstructor(RoundTripConstructor):
    """Round-trip constructor that keeps every non-empty scalar as the text typed.

    Numbers, booleans and dates stay text for the models to judge: the stock
    constructors read ``0o12`` as 10 and raise a bare ValueError (no position) on
    2021-02-30 or on a 5,000-digit number.
    """


for _tag in ("int", "float", "bool", "timestamp"):
    _DataConstructor.add_constructor(
        f"tag:yaml.org,2002:{_tag}",
        lambda self, node: str(self.construct_scalar(node)),
    )


class _Refused(Exception):
    """A construct data files must not use, found at a 1-based place."""

    def __init__(self, code: str, event: Any, **params: Any) -> None:
        self.code, self.params = code, params
        self.line, self.column = event.start_mark.line + 1, event.start_mark.column + 1


class _DataComposer(Composer):
    """Refuses anchors, aliases and merge keys (no alias bomb is ever expanded), explicit tags
    (``!!binary``, ``!!set``, ``!!python/...``), keys that are lists or mappings, and
    absurd nesting, before building anything.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused("E008", event)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", _STR_TAG):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused("E012", event, tag=shown[:80])
        if self.depth >= MAX_DEPTH:
            raise _Refused("E009", event, limit=MAX_DEPTH)
        # ruamel composes a mapping's key with index None, its value with the key node.
        if isinstance(parent, MappingNode) and index is None:
            if not isinstance(event, ScalarEvent):
                raise _Refused("E013", event)
            if event.value == "<<" and event.style is None:  # a merge key: aliases' partner
                raise _Refused("E008", event)
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
        """A tree that knows where every key and value stands.

        For a file read the fast way, LibYAML's marks (a C parse); the round-trip
        tree otherwise, or when the marks cannot be had.
        """
        if self.tree is None:
            text = "\n".join(self.lines)
            self.tree = places(text) or _new_yaml().load(text)
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
                elif isinstance(node, CommentedMap):
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
            raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError.one("E011", file, what=Say("tệp", "file"), path=file) from None
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
    return InputError([Problem("E007", file, params=params)])


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


_YAML_DIRECTIVE = re.compile(r"%YAML(?=[ \t]|$)")
_SUPPORTED_DIRECTIVE = re.compile(r"%YAML[ \t]+1\.[12][ \t]*(#.*)?")


def _bad_directives(lines: list[str], file: str) -> list[Problem]:
    """``%YAML`` lines naming a version other than 1.1 or 1.2 (the library asserts on them)."""
    detail = Say(
        "chỉ dùng được chỉ thị '%YAML 1.1' hoặc '%YAML 1.2' (có thể bỏ hẳn dòng này)",
        "only '%YAML 1.1' or '%YAML 1.2' directives are supported (the line can be removed)",
    )
    return [
        Problem("E002", file, number, 1, {"detail": detail})
        for number, line in enumerate(lines, 1)
        if _YAML_DIRECTIVE.match(line) and not _SUPPORTED_DIRECTIVE.fullmatch(line)
    ]


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
        first = _BAD_CHARS.search(line)
        if first is not None:
            line, count = _BAD_CHARS.subn("", line)
            warnings.append(Problem("W205", file, number, first.start() + 1, {"count": count}))
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
    if not warnings and FAST:
        data = plain_data(joined, MAX_DEPTH)
        if data is not None:
            return Document(file=file, data=data, tree=None, lines=lines)
    try:
        tree = _new_yaml().load(joined)
    except _Refused as exc:
        raise InputError.one(exc.code, file, exc.line, exc.column, **exc.params) from None
    except RecursionError:  # not reached while MAX_DEPTH is far below the stack limit
        raise InputError.one("E009", file, limit=MAX_DEPTH) from None
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
        detail = Say(f"nội dung không đọc được ({first})", first)
        raise InputError.one("E002", file, 1, 1, detail=detail) from None
    except (AssertionError, KeyError, IndexError, TypeError, ValueError) as exc:
        # The YAML library's own checks on input it did not expect (fuzzing found
        # "%YAML 1.10" and a mapping used as a key): still the file's fault, not a crash.
        detail = Say(f"cấu trúc YAML không đọc được ({type(exc).__name__})", type(exc).__name__)
        raise InputError.one("E002", file, detail=detail) from None
    if not isinstance(tree, dict):
        raise InputError.one("E006", file, 1, 1, got=_kind(tree))
    named = [_name_line(p, tree) for p in warnings]
    data = to_plain(tree)
    escaped = _escaped_chars(tree, file)
    return Document(file=file, data=data, tree=tree, lines=lines, warnings=named + escaped)


def load(path: Path) -> Document:
    """Read and parse one YAML file."""
    file = display_path(path)
    return parse(read_text(path, file), file)


def to_plain(node: Any) -> Any:
    """ruamel's round-trip objects as plain dict / list / str / None, text in NFC.

    Text is cleaned again here because YAML escapes ("\\0", "\\u200b") can put back
    characters that the line-by-line cleaning removed from the source.
    """
    if isinstance(node, dict):
        return {_clean_text(_key_text(k)): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, str):
        return _clean_text(str(node))
    if isinstance(node, TaggedScalar):  # "!!str 0012": the only tag let through
        return _clean_text(str(node.value))
    return node


def _key_text(key: Any) -> str:
    """A key as text: ``~:`` or ``? `` with nothing is the empty key, not "None"."""
    return "" if key is None else str(key)


def _clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", _BAD_CHARS.sub("", text))


def _escaped_chars(tree: Any, file: str) -> list[Problem]:
    """W205 for each value whose YAML escapes produced characters that were dropped."""
    problems = []
    for path, _key, (line, column), node in _walk(tree, ()):
        value = node.value if isinstance(node, TaggedScalar) else node
        if isinstance(value, str) and _BAD_CHARS.search(value):
            count = len(_BAD_CHARS.findall(value))
            params = {"field": field_name(path), "count": count}
            problems.append(Problem("W205", file, line + 1, column + 1, params))
    return problems


def _duplicate_key_name(exc: DuplicateKeyError) -> str:
    match = re.search(r'found duplicate key "([^"]*)"', str(exc))
    return match.group(1) if match else "?"


_QUOTE_IT = "; nếu đây là chữ, hãy đặt cả giá trị trong ngoặc kép"
_SYNTAX_VI = [
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau khóa"),
    (
        "mapping values are not allowed here",
        "dấu ':' không đúng chỗ (giá trị có ': ' cần đặt trong ngoặc kép)",
    ),
    ("found unexpected end of stream", "tệp kết thúc khi chưa đóng ngoặc hoặc dấu nháy"),
    ("did not find expected key", "thụt lề không thẳng hàng hoặc thiếu khóa"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không thẳng hàng"),
    (
        "that cannot start any token",
        "giá trị không được bắt đầu bằng ký tự này (`, @, %, tab)" + _QUOTE_IT,
    ),
    ("found undefined alias", "bí danh chưa được định nghĩa"),
    ("expected <block end>, but found", "thụt lề không thẳng hàng"),
    ("did not find expected node content", "thiếu giá trị"),
    ("expected the node content", "thiếu giá trị hoặc chưa đóng ngoặc"),
    ("while parsing a flow", "chưa đóng ngoặc [ ] hoặc { }"),
    ("while scanning a quoted scalar", "chưa đóng dấu nháy"),
    ("but found another document", "tệp chỉ được chứa một văn bản YAML (bỏ dòng '---' thứ hai)"),
    ("sequence entries are not allowed here", "dấu '- ' không đúng chỗ (kiểm tra thụt lề)"),
    ("mapping keys are not allowed here", "khóa không đúng chỗ (kiểm tra thụt lề)"),
    ("expected '<document start>'", "thiếu dòng '---' sau dòng chỉ thị bắt đầu bằng '%'"),
    ("found duplicate YAML directive", "chỉ thị '%YAML' bị lặp"),
    ("while scanning a block scalar", "sau dấu '|' hoặc '>' phải xuống dòng" + _QUOTE_IT),
    ("while scanning an anchor", "tên sau dấu '&' không hợp lệ" + _QUOTE_IT),
    ("while scanning an alias", "tên sau dấu '*' không hợp lệ" + _QUOTE_IT),
    ("while scanning a tag", "thẻ sau dấu '!' không hợp lệ" + _QUOTE_IT),
    ("an tag", "thẻ sau dấu '!' không hợp lệ" + _QUOTE_IT),  # the library's "while ... an tag"
    ("while parsing a node", "thẻ sau dấu '!' không hợp lệ" + _QUOTE_IT),
    ("while scanning a directive", "dòng chỉ thị bắt đầu bằng '%' không hợp lệ"),
]


def _syntax_detail(exc: MarkedYAMLError) -> Say:
    text = f"{exc.context or ''} {exc.problem or ''}"
    english = (exc.problem or exc.context or "unknown").strip()
    for pattern, vietnamese in _SYNTAX_VI:
        if pattern in text:
            return Say(vietnamese, english)
    return Say(f"cấu trúc không đúng ({english})", english)


_CONTAINER_KEYS = frozenset({"nhiem_vu", "so_lieu"})


def field_name(path: Sequence[str | int]) -> str:
    """How a place in a file is named in messages: ``NV3.so_luot_nguoi``.

    List positions and the container keys ``nhiem_vu`` and ``so_lieu`` are left out
    when something follows them, so the name reads like the plan's own words.
    """
    names = [str(p) for p in path if not isinstance(p, int) and p != "[key]"]
    shown = [n for i, n in enumerate(names) if n not in _CONTAINER_KEYS or i == len(names) - 1]
    return ".".join(shown) or "(gốc)"


def _name_line(problem: Problem, tree: Any) -> Problem:
    """The problem with ``field`` set to the last key written on or before its line."""
    best: PathKey = ()
    for path, (line, _column), _place, _value in _walk(tree, ()):
        if line + 1 > (problem.line or 0):
            break
        best = path
    return replace(problem, params={**problem.params, "field": field_name(best)})


Place = tuple[int, int]


def _walk(node: Any, prefix: PathKey) -> Iterator[tuple[PathKey, Place, Place, Any]]:
    """Every key and list item in document order: path, 0-based key and value places, value."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            with contextlib.suppress(AttributeError, KeyError, TypeError):
                yield (*prefix, _key_text(key)), node.lc.key(key), node.lc.value(key), value
            yield from _walk(value, (*prefix, _key_text(key)))
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            with contextlib.suppress(AttributeError, KeyError, IndexError, TypeError):
                place = node.lc.item(index)
                yield (*prefix, index), place, place, value
            yield from _walk(value, (*prefix, index))

"""The careful way to read a YAML file: ruamel's round trip, which knows every position.

Used for the files the fast reader (:mod:`baocao.input.fastyaml`) is not sure of, and for
their problems: refused constructs (anchors, aliases, tags, merge keys, complex keys,
deep nesting), syntax errors explained in Vietnamese, duplicate keys with both lines.
Imported only when needed: ruamel costs a noticeable part of a small run's start-up.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent
from ruamel.yaml.nodes import MappingNode

from baocao.errors import InputError, Place, Problem
from baocao.input.yamlbase import BAD_CHARS, MAX_DEPTH, PathKey, field_name, kind
from baocao.messages import Say

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


def new_yaml() -> YAML:
    """A round-trip reader that keeps scalars as text and refuses what data files must not use."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _DataConstructor
    yaml.Composer = _DataComposer
    yaml.allow_duplicate_keys = False
    return yaml


def read_careful(
    text: str, file: str, warnings: list[Problem]
) -> tuple[Any, dict[str, Any], list[Problem]]:
    """The round-trip tree, the plain data and the warnings, or a located InputError."""
    try:
        tree = new_yaml().load(text)
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
        raise InputError.one("E006", file, 1, 1, got=kind(tree))
    named = [_name_line(p, tree) for p in warnings]
    return tree, to_plain(tree), named + _escaped_chars(tree, file)


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
    return unicodedata.normalize("NFC", BAD_CHARS.sub("", text))


def _escaped_chars(tree: Any, file: str) -> list[Problem]:
    """W205 for each value whose YAML escapes produced characters that were dropped."""
    problems = []
    for path, _key, (line, column), node in _walk(tree, ()):
        value = node.value if isinstance(node, TaggedScalar) else node
        if isinstance(value, str) and BAD_CHARS.search(value):
            count = len(BAD_CHARS.findall(value))
            params = {"field": field_name(path), "count": count}
            problems.append(Problem("W205", Place(file, line + 1, column + 1), params))
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


def _name_line(problem: Problem, tree: Any) -> Problem:
    """The problem with ``field`` set to the last key written on or before its line."""
    best: PathKey = ()
    for path, (line, _column), _place, _value in _walk(tree, ()):
        if line + 1 > (problem.line or 0):
            break
        best = path
    return replace(problem, params={**problem.params, "field": field_name(best)})


Mark = tuple[int, int]


def _walk(node: Any, prefix: PathKey) -> Iterator[tuple[PathKey, Mark, Mark, Any]]:
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

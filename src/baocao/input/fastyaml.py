"""The fast way to read an ordinary YAML file: LibYAML's C parser straight into plain data.

The careful reader (:mod:`baocao.input.yamlio`, ruamel's round trip) keeps every key's line
and column, and costs about ten times more. Most files are ordinary and valid, and
their positions are never asked for; so a file is first read here, and only a file
that needs more (one this reader is not sure of, or one whose problems need places)
is read the careful way.

This reader must give exactly the data the careful one gives, or nothing. It reads
LibYAML's events, never its YAML 1.1 resolver (``no`` is false there, ``0012`` octal,
``12:30`` sexagesimal): like the careful reader it keeps every scalar as the text typed,
None for the YAML 1.2 nulls. Anything else — an anchor, an alias, a tag, a directive,
a merge key, a repeated key, a key that is a list or mapping, escapes that make
characters the source cannot hold, a tab, deep nesting, a second document, a syntax
error — makes this reader give up (return None) for the whole file, and the careful
reader then says what is wrong, and where.
"""

from __future__ import annotations

import re
from typing import Any
from unicodedata import is_normalized

try:  # LibYAML, through PyYAML's C extension: absent on a few platforms
    from yaml import _yaml as _libyaml
    from yaml import events as _events
    from yaml.error import YAMLError as _YAMLError
except ImportError:  # pragma: no cover - every supported wheel has it
    _libyaml = None

__all__ = ["available", "plain_data"]

# Characters after which the careful reader splits lines or treats spaces differently:
# tabs, carriage returns and Unicode line breaks send a file the careful way.
_UNUSUAL = ("\t", "\r", "\x85", "\u2028", "\u2029")

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_SPECIAL = frozenset({"<<", "="})
# Characters that a double-quoted escape can produce but the cleaned source cannot hold:
# controls, invisible and direction marks, line separators (see yamlio._BAD_CHARS).
_ESCAPED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff]"
)


class _Unsure(Exception):
    """This file is for the careful reader."""


def available() -> bool:
    """Whether LibYAML can be used."""
    return _libyaml is not None


def _plain_scalar(value: str) -> Any:
    """An unquoted scalar as the careful reader gives it: the text typed, None when empty.

    Numbers, booleans and dates stay text there (the models judge them), so only the
    YAML 1.2 nulls and the merge and value keys need care.
    """
    if value in _NULLS:
        return None
    if value in _SPECIAL:
        raise _Unsure
    return value


def plain_data(
    text: str, max_depth: int, marks: dict[str, tuple[int, int]] | None = None
) -> dict[str, Any] | None:
    """The mapping ``text`` holds, as plain dict / list / str / int / None, or None.

    None means "read it the careful way": the file may be fine, but this reader
    cannot vouch that it would read it the same. ``marks``, when given, receives the
    0-based (line, column) of each top-level key, as :func:`places` gives them.
    """
    if _libyaml is None or any(c in text for c in _UNUSUAL):
        return None
    try:
        return _build(_libyaml.CParser(text), max_depth, marks)
    except (_Unsure, _YAMLError, RecursionError, ValueError):
        return None


def _build(
    parser: Any, max_depth: int, marks: dict[str, tuple[int, int]] | None = None
) -> dict[str, Any]:
    ev = _events
    scalar_event, mapping_start, sequence_start = (
        ev.ScalarEvent,
        ev.MappingStartEvent,
        ev.SequenceStartEvent,
    )
    next_event = parser.get_event
    next_event()  # stream start
    start = next_event()
    if type(start) is not ev.DocumentStartEvent or start.version or start.tags:
        raise _Unsure
    first = next_event()
    if type(first) is not mapping_start or first.anchor is not None or first.tag is not None:
        raise _Unsure
    root: dict[str, Any] = {}
    # Open containers: (mapping or list, is a mapping, key waiting for its value).
    stack: list[list[Any]] = [[root, True, None]]
    key_marks = {} if marks is None else marks
    top_level = None if marks is None else stack[0]
    while stack:
        event = next_event()
        kind = type(event)
        top = stack[-1]
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None:
                raise _Unsure
            value = event.value
            style = event.style
            if not style:  # plain
                value = _plain_scalar(value)
            elif style == '"' and (_ESCAPED.search(value) or not is_normalized("NFC", value)):
                raise _Unsure  # escapes made characters the source text could not hold
            if top[1]:
                if top[2] is None:
                    key = "" if value is None else value  # as yamlio._key_text
                    if key in top[0]:
                        raise _Unsure  # the careful reader names both lines
                    top[2] = key
                    if top is top_level:
                        key_marks[key] = (event.start_mark.line, event.start_mark.column)
                    continue
                top[0][top[2]] = value
                top[2] = None
            else:
                top[0].append(value)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= max_depth - 1:
                raise _Unsure
            if top[1] and top[2] is None:
                raise _Unsure  # a mapping or list used as a key
            made: Any = {} if kind is mapping_start else []
            if top[1]:
                top[0][top[2]] = made
                top[2] = None
            else:
                top[0].append(made)
            stack.append([made, kind is mapping_start, None])
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            stack.pop()
        else:  # an alias, or anything unexpected
            raise _Unsure
    if type(next_event()) is not ev.DocumentEndEvent or type(next_event()) is not ev.StreamEndEvent:
        raise _Unsure  # a second document
    return root


class MapPlaces(dict[str, tuple[int, int, int, int, Any]]):
    """Where a mapping's keys and values stand: key -> (key line, col, value line, col, child)."""


class SeqPlaces(list[tuple[int, int, Any]]):
    """Where a list's items stand: (line, col, child), 0-based like ruamel's."""


def places(text: str) -> MapPlaces | None:
    """Line and column of every key and value of a file ``plain_data`` accepted, or None.

    LibYAML's events carry their marks, so positions cost a C parse, not a round trip.
    """
    if _libyaml is None:
        return None
    try:
        return _places(_libyaml.CParser(text))
    except (_YAMLError, RecursionError, ValueError, IndexError, TypeError):
        return None


def _places(parser: Any) -> MapPlaces:
    ev = _events
    next_event = parser.get_event
    next_event()  # stream start
    next_event()  # document start
    first = next_event()
    if type(first) is not ev.MappingStartEvent:
        raise ValueError("not a mapping")
    root = MapPlaces()
    # Open containers: (places, is a mapping, key waiting for its value, its mark).
    stack: list[list[Any]] = [[root, True, None, None]]
    while stack:
        event = next_event()
        kind = type(event)
        top = stack[-1]
        mark = (event.start_mark.line, event.start_mark.column)
        if kind is ev.ScalarEvent or kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            child: Any = None
            if kind is ev.MappingStartEvent:
                child = MapPlaces()
            elif kind is ev.SequenceStartEvent:
                child = SeqPlaces()
            if top[1] and top[2] is None:  # a key (always a scalar in files read fast)
                value = event.value if kind is ev.ScalarEvent else ""
                top[2] = "" if (not event.style and value in _NULLS) else value
                top[3] = mark
                continue
            if top[1]:
                top[0][top[2]] = (*top[3], *mark, child)
                top[2] = None
            else:
                top[0].append((*mark, child))
            if child is not None:
                stack.append([child, kind is ev.MappingStartEvent, None, None])
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            stack.pop()
        else:
            raise ValueError("unexpected event")
    return root

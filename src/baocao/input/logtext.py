"""A unit's log as YAML text a clerk can read, keeping what a person wrote in it.

When a submission changes a log, the new text is the old one changed where the data
changed: ruamel's round trip keeps comments, key order and the way each unchanged value
was written ("15/04/2021" stays so), and only the parts that differ are written anew.
A log that cannot be read that way (or no earlier text at all) is written fresh, in the
layout of the README's example.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

MISSING: Any = object()
"""A value a log does not hold (not the same as one it holds as empty)."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096  # never fold a long activity over two lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def fresh_text(data: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """``data`` written as a new YAML log, with ``header`` as its first comment lines."""
    tree = _node(data)
    if header:
        tree.yaml_set_start_comment("\n".join(header))
    return _dump(tree)


def updated_text(text: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    """``text`` (a log holding ``before``) changed to hold ``after``, everything else kept;
    None when the text cannot be changed that way."""
    try:
        tree = _yaml().load(text)
    except Exception:  # ruamel's own typing refuses some texts our reader takes
        return None
    if not isinstance(tree, CommentedMap):
        return None
    _update(tree, before, after)
    return _dump(tree)


def _dump(tree: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(tree, buffer)
    return buffer.getvalue()


def _node(value: Any) -> Any:
    """A round-trip node for a plain value."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[str(key)] = _node(item)
        return node
    if isinstance(value, list | tuple):
        return CommentedSeq(_node(item) for item in value)
    return value


def _update(node: Any, before: Any, after: Any) -> Any:
    """``node`` (which holds ``before``) made to hold ``after``; parts equal in both are
    left as they are, with their comments and way of writing."""
    if before == after:
        return node
    if isinstance(node, CommentedMap) and isinstance(after, Mapping):
        old = before if isinstance(before, Mapping) else {}
        # A key left empty ("de_xuat:" under its commented example) says nothing: kept.
        for key in [k for k in node if k not in after and node[k] is not None]:
            del node[key]
        for position, (key, value) in enumerate(after.items()):
            if key in node:
                node[key] = _update(node[key], old.get(key, MISSING), value)
            else:
                node.insert(_position(node, after, position), key, _node(value))
        return node
    if isinstance(node, CommentedSeq) and isinstance(after, list | tuple):
        old_items = before if isinstance(before, list | tuple) else []
        del node[len(after) :]
        for index, value in enumerate(after):
            if index < len(node):
                was = old_items[index] if index < len(old_items) else MISSING
                node[index] = _update(node[index], was, value)
            else:
                node.append(_node(value))
        return node
    return _node(after)


def _position(node: CommentedMap, after: Mapping[str, Any], position: int) -> int:
    """Where a new key goes: after the keys that come before it in ``after``."""
    earlier = list(after)[:position]
    places = [i for i, key in enumerate(node) if key in earlier]
    return places[-1] + 1 if places else 0

"""Writing files the clerk will edit: YAML with its comments, schemas, copies.

Every write is atomic (a temporary file in the same folder, then ``os.replace``),
UTF-8, with "\\n" line ends, and refuses to replace an existing file unless told
to: a clerk's edited plan or log is never lost to a repeated command.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from baocao.atomic import ensure_free as ensure_free
from baocao.core import keys

SCHEMA_MODELINE = "# yaml-language-server: $schema="
FILL = "CẦN ĐIỀN"
"""Marks a value the source did not give: a placeholder the clerk must replace."""
CHECK = "KIỂM TRA"
"""Marks a value baocao proposed: the clerk should review it."""


def yaml_writer() -> YAML:
    """The round-trip dumper: keeps comments and key order, never folds long lines."""
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    # A value used twice (one date object for several tasks) is written twice, never as
    # an anchor and alias, which data files may not hold.
    yaml.representer.ignore_aliases = lambda data: True
    return yaml


def dump_yaml(tree: Any) -> str:
    """YAML text of a ruamel round-trip tree (CommentedMap), comments included."""
    buffer = io.StringIO()
    yaml_writer().dump(tree, buffer)
    return buffer.getvalue()


def note(node: Any, key: str, text: str) -> None:
    """A comment at the end of ``key``'s line in a round-trip map, one space after the value."""
    node.yaml_add_eol_comment(text, key, column=0)


YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """One value written with a review mark, and the document text it came from."""

    path: YamlPath
    kind: str  # FILL or CHECK
    reason: str
    value: str
    line: int | None = None  # in the source document
    source: str = ""
    where: str = ""  # the key as a reader finds it: nhiem_vu[NV1].tu_ngay
    yaml_line: int | None = None  # in the plan YAML written


@dataclass
class Marks:
    """Every review mark written into a plan, in the order written.

    ``quote`` gives the document's text of a line, so each mark can show the
    sentence it came from beside the value.
    """

    quote: Callable[[int | None], str] = lambda line: ""
    items: list[Mark] = field(default_factory=list)

    def add(
        self,
        node: Any,
        key: str | int,
        path: YamlPath,
        kind: str,
        reason: str,
        line: int | None = None,
        *,
        source: str | None = None,
    ) -> None:
        """Write ``# <kind>: <reason>`` after ``node[key]`` and remember it."""
        if isinstance(key, str):
            note(node, key, f"{kind}: {reason}")
        quoted = source if source is not None else self.quote(line)
        self.items.append(Mark(path, kind, reason, shown(node[key]), line, quoted))


def locate_marks(text: str, marks: list[Mark]) -> list[Mark]:
    """``marks`` with the line of each marked key in ``text`` (the plan YAML written)."""
    from dataclasses import replace

    root = yaml_writer().load(text)
    located = []
    for mark in marks:
        node, names, line = root, [], None
        for step in mark.path:
            try:
                if isinstance(step, int):
                    line = node.lc.item(step)[0] + 1
                    child = node[step]
                    name = child.get(keys.CODE) if isinstance(child, dict) else None
                    names.append(f"[{name or step + 1}]")
                else:
                    line = node.lc.key(step)[0] + 1
                    child = node[step]
                    names.append(f".{step}" if names else step)
            except (KeyError, IndexError, AttributeError, TypeError):
                break
            node = child
        located.append(replace(mark, where="".join(names), yaml_line=line))
    return sorted(located, key=lambda m: m.yaml_line or 0)


def shown(value: Any) -> str:
    """A short text for a value in the review list."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        if keys.NAME in value:  # an indicator or a unit: its name says it
            unit = value.get(keys.UNIT_OF_MEASURE)
            return f"{value[keys.NAME]}{f' ({unit})' if unit else ''}"
        return " / ".join(shown(v) for v in value.values() if v != "") or "{}"
    if isinstance(value, list):
        return "; ".join(shown(v) for v in value) or "[]"
    return str(value)


def with_schema(text: str, schema: str | None) -> str:
    """``text`` whose first line points editors at ``schema`` (a relative path or URL).

    An existing modeline is replaced; the rest of the text is kept byte for byte.
    """
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(SCHEMA_MODELINE):
        lines = lines[1:]
    head = f"{SCHEMA_MODELINE}{schema}\n" if schema else ""
    return head + "".join(lines)


def write_text(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``path`` atomically, making its folder; an existing file needs ``force``.

    The report's writer does the temporary file, fsync and rename, and names disk-full,
    permission (a file open in Word) and folder errors the same way for every command.
    """
    from baocao.atomic import make_dir, write_atomic

    ensure_free([path], force=force)
    make_dir(path.parent)
    write_atomic(path, text.encode("utf-8"))

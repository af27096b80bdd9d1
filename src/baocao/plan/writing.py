"""Writing files the clerk will edit: YAML with its comments, schemas, copies.

Every write is atomic (a temporary file in the same folder, then ``os.replace``),
UTF-8, with "\\n" line ends, and refuses to replace an existing file unless told
to: a clerk's edited plan or log is never lost to a repeated command.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from baocao.atomic import ensure_free as ensure_free

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
    return yaml


def dump_yaml(tree: Any) -> str:
    """YAML text of a ruamel round-trip tree (CommentedMap), comments included."""
    buffer = io.StringIO()
    yaml_writer().dump(tree, buffer)
    return buffer.getvalue()


def note(node: Any, key: str, text: str) -> None:
    """A comment at the end of ``key``'s line in a round-trip map, one space after the value."""
    node.yaml_add_eol_comment(text, key, column=0)


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

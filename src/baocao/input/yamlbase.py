"""What both YAML readers share: limits, the name of a place, and what is refused in text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from baocao.core import keys
from baocao.messages import Say

MAX_DEPTH = 40
"""Deepest nesting accepted: real files need about six levels."""

PathKey = tuple[str | int, ...]

# Characters XML 1.0 cannot hold (they would corrupt the .docx; lone surrogates come
# from a YAML escape such as "\uD800" and no UTF-8 text can hold them), C1 controls (left
# by a wrong conversion from a legacy code page; YAML refuses them), line and
# paragraph separators (YAML counts lines differently with them), and invisible
# characters that make two equal-looking names compare different or reorder text.
BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
    "\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]"
)


def kind(value: Any) -> Say:
    if isinstance(value, list):
        return Say("một danh sách", "a list")
    if value is None:
        return Say("giá trị rỗng", "an empty value")
    return Say("một giá trị đơn", "a single value")


_CONTAINER_KEYS = frozenset({keys.TASKS, keys.FIGURES})


def field_name(path: Sequence[str | int]) -> str:
    """How a place in a file is named in messages: ``NV3.so_luot_nguoi``.

    List positions and the container keys ``nhiem_vu`` and ``so_lieu`` are left out
    when something follows them, so the name reads like the plan's own words.
    """
    names = [str(p) for p in path if not isinstance(p, int) and p != "[key]"]
    shown = [n for i, n in enumerate(names) if n not in _CONTAINER_KEYS or i == len(names) - 1]
    return ".".join(shown) or "(gốc)"

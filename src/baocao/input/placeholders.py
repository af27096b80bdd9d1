"""What is still to be filled in before a report can be signed.

A workspace started from an imported plan holds placeholders ("[CƠ QUAN CHỦ QUẢN]",
"[Họ và tên]") and lines the import marked ``# CẦN ĐIỀN``; a configuration may lack
the signer or a proper recipient list. None of these stops a draft, but each makes
the report one: every one is found here, with its place, so that ``validate`` lists
them all and ``compile`` refuses to produce a report to sign until they are gone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from baocao.core.models import PLACEHOLDER, Plan, WorkspaceConfig
from baocao.errors import Problem
from baocao.input.yamlbase import PathKey, field_name
from baocao.input.yamlio import Document
from baocao.messages import Say

FILL_MARK = "CẦN ĐIỀN"
"""The comment ``plan import`` and ``init`` put after a value the source did not give."""

_MARKED = re.compile(rf"(?:^|\s)(#\s*{FILL_MARK}\b)")
_KEY = re.compile(r"^\s*(?:-\s+)?([^\s#:'\"][^#:]*?)\s*:")
_SIGNER = {
    "chuc_vu": Say("chức vụ", "title"),
    "ho_ten": Say("họ và tên", "name"),
}


def placeholders(
    config_doc: Document,
    config: WorkspaceConfig,
    plan_doc: Document,
    plan: Plan,
    narrative_docs: list[Document],
) -> list[Problem]:
    """Every placeholder left in the configuration, the plan and the narratives."""
    problems: list[Problem] = []
    for doc in (config_doc, plan_doc, *narrative_docs):
        bracketed = list(_bracketed(doc))
        problems.extend(bracketed)
        problems.extend(_marked(doc, {p.line for p in bracketed}))
    problems.extend(_signer(config_doc, config))
    problems.extend(_recipients(config_doc, config, plan))
    return problems


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _field(doc: Document, path: PathKey) -> str:
    """ "NV2.chu_tri" for a plan task's field, the usual dotted name otherwise."""
    if len(path) > 2 and path[0] == "nhiem_vu" and isinstance(path[1], int):
        tasks = doc.data.get("nhiem_vu")
        task = tasks[path[1]] if isinstance(tasks, list) else None
        code = task.get("ma") if isinstance(task, dict) else None
        if isinstance(code, str):
            return field_name((code, *path[2:]))
    return field_name(path)


def _bracketed(doc: Document) -> Iterator[Problem]:
    for path, text in _strings(doc.data, ()):
        found = PLACEHOLDER.findall(text)
        if found:
            line, column = doc.locate(path)
            params = {"field": _field(doc, path), "text": ", ".join(found)}
            yield Problem("E130", doc.file, line, column, params)


def _marked(doc: Document, skip: set[int | None]) -> Iterator[Problem]:
    """Values still marked '# CẦN ĐIỀN' (a comment line of its own explains, it is no mark)."""
    for number, text in enumerate(doc.lines, 1):
        found = _MARKED.search(text)
        before = text[: found.start(1)].strip() if found else ""
        if not found or number in skip or not before or before.startswith("#"):
            continue
        key = _KEY.match(text)
        field = key.group(1) if key else Say(f"dòng {number}", f"line {number}")
        params = {"field": field, "mark": FILL_MARK}
        yield Problem("E131", doc.file, number, found.start(1) + 1, params)


def _place(doc: Document, path: tuple[str, ...]) -> tuple[int, int]:
    """Where a key stands; for a missing one, the key it belongs under (or line 1)."""
    node: Any = doc.data
    for depth, key in enumerate(path):
        if not isinstance(node, dict) or key not in node:
            return doc.locate(path[:depth], key=True) if depth else (1, 1)
        node = node[key]
    return doc.locate(path, key=True)


def _signer(doc: Document, config: WorkspaceConfig) -> Iterator[Problem]:
    given = {"chuc_vu": config.signer.title, "ho_ten": config.signer.name}
    for key, value in given.items():
        if not value.strip():
            line, column = _place(doc, ("nguoi_ky", key))
            params = {"key": key, "what": _SIGNER[key]}
            yield Problem("E132", doc.file, line, column, params)


def is_archive_line(text: str) -> bool:
    """ "Lưu: VT, PTP": the last line of a recipient list."""
    return text.strip().lstrip("-–• ").casefold().startswith("lưu")


def _recipients(doc: Document, config: WorkspaceConfig, plan: Plan) -> Iterator[Problem]:
    items = [item for item in config.recipients if item.strip()]
    line, column = _place(doc, ("noi_nhan",))
    if len(items) < 2:
        yield Problem("E134", doc.file, line, column, {"count": len(items)})
    elif not is_archive_line(items[-1]):
        yield Problem("E133", doc.file, line, column, {"archive": f"Lưu: VT, {plan.issuer_abbr}"})

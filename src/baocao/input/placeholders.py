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

from baocao.core import keys
from baocao.core.models import PLACEHOLDER, Plan, WorkspaceConfig
from baocao.errors import Place, Problem
from baocao.input.yamlbase import PathKey, field_name
from baocao.input.yamlio import Document
from baocao.messages import Say

FILL_MARK = "CẦN ĐIỀN"
"""The comment ``plan import`` and ``init`` put after a value the source did not give."""

_MARKED = re.compile(rf"(?:^|\s)(#\s*{FILL_MARK}\b)")
_KEY = re.compile(r"^\s*(?:-\s+)?([^\s#:'\"][^#:]*?)\s*:")
_SIGNER = {
    keys.TITLE: Say("chức vụ", "title"),
    keys.FULL_NAME: Say("họ và tên", "name"),
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
    if len(path) > 2 and path[0] == keys.TASKS and isinstance(path[1], int):
        tasks = doc.data.get(keys.TASKS)
        task = tasks[path[1]] if isinstance(tasks, list) else None
        code = task.get(keys.CODE) if isinstance(task, dict) else None
        if isinstance(code, str):
            return field_name((code, *path[2:]))
    return field_name(path)


def _bracketed(doc: Document) -> Iterator[Problem]:
    for path, text in _strings(doc.data, ()):
        found = PLACEHOLDER.findall(text)
        if found:
            params = {"field": _field(doc, path), "text": ", ".join(found)}
            yield Problem("E130", doc.place(path), params)


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
        yield Problem("E131", Place(doc.file, number, found.start(1) + 1), params)


def _place(doc: Document, path: tuple[str, ...]) -> Place:
    """Where a key stands; for a missing one, the key it belongs under (or line 1)."""
    node: Any = doc.data
    for depth, key in enumerate(path):
        if not isinstance(node, dict) or key not in node:
            return doc.place(path[:depth], key=True) if depth else Place(doc.file, 1, 1)
        node = node[key]
    return doc.place(path, key=True)


def _signer(doc: Document, config: WorkspaceConfig) -> Iterator[Problem]:
    given = {keys.TITLE: config.signer.title, keys.FULL_NAME: config.signer.name}
    for key, value in given.items():
        if not value.strip():
            params = {"key": key, "what": _SIGNER[key]}
            yield Problem("E132", _place(doc, (keys.SIGNER, key)), params)


def is_archive_line(text: str) -> bool:
    """ "Lưu: VT, PTP": the last line of a recipient list."""
    return text.strip().lstrip("-–• ").casefold().startswith("lưu")


def _recipients(doc: Document, config: WorkspaceConfig, plan: Plan) -> Iterator[Problem]:
    items = [item for item in config.recipients if item.strip()]
    place = _place(doc, (keys.RECIPIENTS,))
    if len(items) < 2:
        yield Problem("E134", place, {"count": len(items)})
    elif not is_archive_line(items[-1]):
        yield Problem("E133", place, {"archive": f"Lưu: VT, {plan.issuer_abbr}"})

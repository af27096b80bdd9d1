"""Positions from LibYAML's marks are the round-trip reader's, for every key and value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from baocao.input import careful, yamlio
from baocao.input.fastyaml import places, plain_data

REPO = Path(__file__).resolve().parents[2]
FILES = sorted(
    p
    for folder in (REPO / "data", REPO / "tests" / "corpus", REPO / "src" / "baocao" / "samples")
    for p in folder.rglob("*.yaml")
)


def paths(node: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from paths(value, (*prefix, index))


def fast_document(path: Path) -> yamlio.Document | None:
    try:
        doc = yamlio.load(path)
    except Exception:  # files of the corpus that are meant to fail
        return None
    text = "\n".join(doc.lines)
    if plain_data(text, yamlio.MAX_DEPTH) is None:
        return None
    return doc


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_marks_equal_round_trip_positions(path: Path) -> None:
    doc = fast_document(path)
    if doc is None:
        pytest.skip("read the careful way: positions come from the round-trip tree anyway")
    text = "\n".join(doc.lines)
    fast = yamlio.Document(doc.file, doc.data, places(text), doc.lines)
    slow = yamlio.Document(doc.file, doc.data, careful.new_yaml().load(text), doc.lines)
    checked = 0
    for place in paths(doc.data):
        for key in (False, True):
            assert fast.locate(place, key=key) == slow.locate(place, key=key), (place, key)
            checked += 1
        missing = (*place, "khong_co")
        assert fast.locate(missing, key=True) == slow.locate(missing, key=True)
    assert checked > 0


def test_sample_files_are_read_fast() -> None:
    assert all(fast_document(p) is not None for p in (REPO / "data" / "2021").glob("*.yaml"))

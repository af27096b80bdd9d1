"""The fast reader (LibYAML) and the careful one (ruamel round trip) read the same data.

For any text, reading with the fast path on and off must give the same outcome: the
same plain data (types included: 1, True and "1" differ) or the same located problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.errors import InputError
from baocao.input import careful, fastyaml, yamlio

SAMPLE = Path(__file__).resolve().parents[2] / "data"

TRICKY = [
    # YAML 1.1 booleans, octals, sexagesimals and dates
    "a: no\nb: yes\nc: on\nd: off\ne: y\nf: N\n",
    "a: 0012\nb: 012\nc: 0o17\nd: 0x1F\ne: 0b101\nf: 1_000\ng: 1,000\n",
    "a: 12:30\nb: 1:20:30\nc: 190:20:30.15\n",
    "a: 1.500\nb: 1.5e3\nc: 1e3\nd: .5\ne: 1.\nf: -.inf\ng: .NaN\nh: .nan\n",
    "a: -5\nb: +5\nc: -0\nd: 0\ne: 00\nf: 7\ng: 12345678901234567890123\n",
    "a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"\"\n",
    "a: 2021-03-12\nb: 2021-3-5\nc: 2021-02-30\nd: 2021-03-12 10:00:00\ne: 2021-03-12T10:00:00Z\n",
    "a: 15/03/2021\nb: 05/5\nc: 15.03.2021\nd: 6m\ne: 1y\nf: 03 hội nghị\n",
    "6m: 2021-05-04\n1y: 12/11/2021\n2021: năm\n0: zero\n~: none\n",
    "a: '0012'\nb: \"no\"\nc: '12:30'\nd: 'true'\ne: '~'\n",
    "a: !!str 12\n",
    "a: !!int '12'\n",
    "a: !custom x\n",
    "a: &x 1\nb: *x\n",
    "<<: {b: 1}\n",
    "a: <<\nb: =\n",
    "%YAML 1.1\n---\na: no\n",
    "%TAG !e! tag:example.com,2000:\n---\na: 1\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "---\na: 1\n---\nb: 2\n",
    "a: 1\na: 2\n",
    "1: a\n'1': b\n",
    "? [a, b]\n: c\n",
    "? a\n: b\n",
    "a:\n  - b\n  -\n  - c: d\n    e: [1, no, '2']\n",
    "a: |\n  dòng một\n   dòng hai\n\nb: >-\n  gấp\n  lại\n",
    'a: "esc \\u00e9 \\x41 \\/ \\N \\_ \\0"\n',
    'a: "zero\\u200bwidth"\n',
    "a: 'it''s'\nb: \"say \\\"hi\\\"\"\n",
    "a: b # chú thích\nc: d#e\n",
    "a: {x: 1, y: [1, 2], z: {w: no}}\nb: []\nc: {}\n",
    "a: plain\n  continued line\nb: 'multi\n  line'\n",
    "- a\n- b\n",
    "just text\n",
    "a: 1\n\tb: 2\n",
    "a: x\r\nb: y\r\n",
    "a: x\u2028y\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: 'open\n",
    "  a: 1\n b: 2\n",
    "Số: tiếng Việt có dấu\nnoi_dung: Tuyên truyền, phổ biến; giáo dục: pháp luật\n",
    "a: Tie\u0302\u0301ng\n",  # decomposed: NFC first on both paths
    "a: x\x07y\n",
    "a: " + "[" * 45 + "]" * 45 + "\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 45)) + "  " * 45 + "v\n",
]


def _typed(value: Any) -> Any:
    """``value`` with every scalar's type spelled out (1, True and "1" all differ)."""
    if isinstance(value, dict):
        return {"dict": [(_typed(k), _typed(v)) for k, v in value.items()]}
    if isinstance(value, list):
        return {"list": [_typed(v) for v in value]}
    if value is None or isinstance(value, str | int | float):
        return (type(value).__name__, value)
    return (type(value).__name__, repr(value))  # a parser object: compared by its repr


def _outcome(text: str, fast: bool) -> Any:
    try:
        doc = yamlio.parse(text, "t.yaml", fast=fast)
    except InputError as exc:
        return ("error", [(p.code, p.line, p.column, p.message("en")) for p in exc.problems])
    warnings = [(p.code, p.line, p.column, p.message("en")) for p in doc.warnings]
    return ("data", _typed(doc.data), warnings)


def _same(text: str) -> None:
    assert _outcome(text, True) == _outcome(text, False), text


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_documents_read_the_same_on_both_paths(text: str) -> None:
    _same(text)


def _sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE.rglob("*.yaml") if "ket-qua" not in p.parts)


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: p.name)
def test_sample_files_read_the_same_and_take_the_fast_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _same(text)
    if fastyaml.available():
        assert fastyaml.plain_data(text, yamlio.MAX_DEPTH) is not None


def test_positions_of_a_fast_read_file_come_from_the_careful_reader() -> None:
    path = SAMPLE / "2021" / "xa-tan-hoa.yaml"
    doc = yamlio.load(path)
    assert doc.tree is None or not fastyaml.available()
    line, column = doc.locate(("nhiem_vu", "NV5", 0, "ngay"))
    tree = careful.new_yaml().load(path.read_text(encoding="utf-8"))
    place = tree["nhiem_vu"]["NV5"][0].lc.value("ngay")
    assert (line, column) == (place[0] + 1, place[1] + 1)


_KEYS = st.sampled_from(["a", "b", "NV1", "6m", "1", "no", "~", "so_buoi", "ngày", "12:30"])
_SCALARS = st.sampled_from(
    [
        "x",
        "no",
        "yes",
        "0012",
        "12",
        "0",
        "-5",
        "1.500",
        "12:30",
        "2021-03-12",
        "15/03/2021",
        "~",
        "",
        "true",
        "'0012'",
        '"no"',
        ".inf",
        "0x1F",
        "1e3",
        "Tuyên truyền, phổ biến",
        "a #b",
        "[1, no]",
        "{a: 1}",
        "&x 1",
        "*x",
        "!!str 1",
        "'",
        ": :",
        "- a",
        "|\n  literal",
        "null",
    ]
)


@st.composite
def _documents(draw: st.DrawFn, depth: int = 0) -> str:
    """Block YAML made of keys and scalars that the two resolvers may disagree on."""
    lines = []
    indent = "  " * depth
    for _ in range(draw(st.integers(1, 4))):
        key = draw(_KEYS)
        kind = draw(
            st.sampled_from(["scalar", "scalar", "list", "map"] if depth < 3 else ["scalar"])
        )
        if kind == "scalar":
            lines.append(f"{indent}{key}: {draw(_SCALARS)}")
        elif kind == "list":
            lines.append(f"{indent}{key}:")
            lines += [f"{indent}  - {draw(_SCALARS)}" for _ in range(draw(st.integers(1, 3)))]
        else:
            lines.append(f"{indent}{key}:")
            lines.append(draw(_documents(depth + 1)))
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_documents())
def test_any_document_reads_the_same_on_both_paths(text: str) -> None:
    _same(text + "\n")

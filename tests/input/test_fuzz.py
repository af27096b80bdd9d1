"""No input crashes the loader: a result, or a BaocaoError whose problems all name a file."""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from baocao.errors import BaocaoError
from baocao.input.careful import to_plain
from baocao.input.workspace import load_workspace
from baocao.input.yamlio import Document, parse
from conftest import MINIMAL, assert_complete

# Fuzzing: hundreds of random inputs per test.
pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A whole workspace load parses the configuration and the plan too (about 35 ms).
FUZZ_WORKSPACE = settings(FUZZ, max_examples=100)

# Characters that make YAML interesting, Vietnamese letters, and a few troublemakers.
YAML_ALPHABET = st.sampled_from(
    list(" \t\n\r-:#&*!|>'\"%@`,[]{}?~.0123456789abcxyz")
    + list("ăâđêôơưáàảãạếềểễệ")
    + ["\x00", "\x07", "\x85", "\u200b", "\u2028", "\ufeff", "\U0001f600", "e\u0301"]
)
YAML_WORDS = st.sampled_from(
    [
        *("don_vi", "nam", "nhiem_vu", "NV1", "ngay", "noi_dung", "so_lieu", "so_buoi"),
        *("2021", "2021-02-30", "yes", "no", "0012", "12:30", "1.500", "-5", "null", "~"),
        *("<<", "---", "!!binary", "&a", "*a", "%YAML 1.1", "? ", ": ", "- ", "\n  ", "\n  - "),
    ]
)
YAMLISH_TEXT = st.lists(st.one_of(YAML_ALPHABET, YAML_WORDS), max_size=60).map("".join)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=25,
)


def dump(data: Any) -> str:
    """``data`` as a YAML writer writes it (block style: ruamel's flow output of text such
    as ``?0`` cannot be read back by ruamel itself)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def assert_located(error: BaocaoError, file: str | None = None) -> None:
    assert error.problems
    for problem in error.problems:
        assert_complete(problem)
        if file is not None:
            assert problem.file == file


def parse_or_error(text: str) -> Document | None:
    try:
        return parse(text, "nhat-ky.yaml")
    except BaocaoError as error:
        assert_located(error, "nhat-ky.yaml")
        return None


@FUZZ
@given(YAMLISH_TEXT)
def test_parse_yamlish_text(text: str) -> None:
    doc = parse_or_error(text)
    if doc is not None:
        assert isinstance(doc.data, dict)
        for problem in doc.warnings:
            assert (problem.code, problem.file) == ("W205", "nhat-ky.yaml")
            assert_complete(problem)


@FUZZ
@given(st.text(max_size=200))
def test_parse_any_text(text: str) -> None:
    parse_or_error(text)


@FUZZ
@given(st.dictionaries(st.text(max_size=10), STRUCTURES, max_size=5))
def test_dumped_structures_load_or_fail_cleanly(data: dict[str, Any]) -> None:
    doc = parse_or_error(dump(data))
    if doc is not None and not doc.warnings:  # W205: a dropped character changed a key
        assert set(doc.data) <= {to_plain(k) for k in data}


@FUZZ
@given(
    st.dictionaries(
        st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=10),
        st.recursive(
            st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text("abcđêơ_", min_size=1, max_size=6), inner, max_size=3)
            ),
            max_leaves=12,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_text_round_trips(data: dict[str, Any]) -> None:
    """Text written by a YAML writer comes back as the same text, in NFC, whatever it looks like."""
    doc = parse(dump(data), "nhat-ky.yaml")
    assert doc.data == to_plain(data)


@pytest.fixture(scope="module")
def fuzz_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        shutil.copytree(MINIMAL, root)
        yield root


def load_or_error(root: Path) -> None:
    try:
        load_workspace(root)
    except BaocaoError as error:
        assert_located(error)


@FUZZ_WORKSPACE
@given(
    st.dictionaries(
        st.sampled_from(["don_vi", "nam", "ngay_gui", "nhiem_vu", "kho_khan", "de_xuat", "x"]),
        STRUCTURES,
        max_size=6,
    )
)
def test_workspace_with_random_log_structure(fuzz_root: Path, data: dict[str, Any]) -> None:
    (fuzz_root / "2021" / "xa-an-binh.yaml").write_text(dump(data), encoding="utf-8")
    load_or_error(fuzz_root)


@FUZZ_WORKSPACE
@given(
    st.fixed_dictionaries(
        {"don_vi": st.sampled_from(["xa-an-binh", "xa-tan-hoa", "x"]), "nam": SCALARS},
        optional={
            "nhiem_vu": st.dictionaries(
                st.sampled_from(["NV1", "NV2", "NV3"]),
                st.lists(
                    st.fixed_dictionaries(
                        {"ngay": SCALARS, "noi_dung": SCALARS},
                        optional={
                            "so_lieu": st.dictionaries(
                                st.sampled_from(["so_buoi", "so_luot_nguoi", "so_hoat_dong"]),
                                SCALARS,
                            )
                        },
                    ),
                    max_size=3,
                ),
            ),
            "ngay_gui": st.dictionaries(st.sampled_from(["6m", "1y", "q1"]), SCALARS),
        },
    )
)
def test_workspace_with_log_shaped_data(fuzz_root: Path, data: dict[str, Any]) -> None:
    (fuzz_root / "2021" / "xa-an-binh.yaml").write_text(dump(data), encoding="utf-8")
    load_or_error(fuzz_root)


@FUZZ_WORKSPACE
@given(st.one_of(YAMLISH_TEXT.map(str.encode), st.binary(max_size=300)))
def test_workspace_with_random_log_bytes(fuzz_root: Path, raw: bytes) -> None:
    (fuzz_root / "2021" / "xa-an-binh.yaml").write_bytes(raw)
    load_or_error(fuzz_root)


@FUZZ_WORKSPACE
@given(YAMLISH_TEXT)
def test_workspace_with_random_plan_text(fuzz_root: Path, text: str) -> None:
    plan = (MINIMAL / "ke-hoach.yaml").read_text(encoding="utf-8")
    cut = len(text) % len(plan)
    (fuzz_root / "ke-hoach.yaml").write_text(plan[:cut] + text + plan[cut:], encoding="utf-8")
    load_or_error(fuzz_root)

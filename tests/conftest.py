"""Shared fixtures: the sample workspace and copies of it, a minimal valid workspace in
tmp_path, corpus overlays, file hashes, a rendered report."""

from __future__ import annotations

import hashlib
import shutil
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from baocao import api
from baocao.errors import BaocaoError, Problem
from baocao.messages import CATALOG

# The spreadsheet form fixtures (plan, log, form, ...) of tests/input and tests/plan.
pytest_plugins = ["formkit"]

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"


@pytest.fixture
def sample_root() -> Path:
    """The shipped sample workspace (read only: copy it before changing anything)."""
    return SAMPLE


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample workspace, without earlier results."""
    target = tmp_path / "sample"
    shutil.copytree(
        SAMPLE, target, ignore=shutil.ignore_patterns("ket-qua", ".baocao.lock", ".baocao-cache")
    )
    return target


CORPUS = Path(__file__).parent / "corpus"
MINIMAL = CORPUS / "_minimal"
REMOVE = "REMOVE"
"""A file in a corpus case listing workspace files to delete, one per line."""

Found = tuple[str, str | None, int | None, int | None]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the minimal valid workspace at ./ws; files are named ws/... in messages."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "ws"
    shutil.copytree(MINIMAL, root)
    return root


def overlay(root: Path, case: str) -> None:
    """Copy the corpus case's files over the workspace and apply its REMOVE list."""
    source = CORPUS / case
    assert source.is_dir(), f"no corpus case {case}"
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(source)
        if rel.as_posix() == REMOVE:
            for name in path.read_text(encoding="utf-8").split():
                (root / name).unlink()
            continue
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def snapshot(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``, by relative path (baocao's own cache left out)."""
    hashes = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".baocao-cache" not in path.relative_to(root).parts:
            digest = hashlib.sha256()
            with path.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
            hashes[path.relative_to(root).as_posix()] = digest.hexdigest()
    return hashes


def assert_complete(problem: Problem) -> None:
    """The problem names a file and carries every parameter its messages use."""
    assert problem.file
    for template in CATALOG[problem.code]:
        needed = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
        assert needed <= set(problem.params), (problem.code, needed - set(problem.params))


def found(problems: list[Problem]) -> list[Found]:
    return [(p.code, p.file, p.line, p.column) for p in problems]


def validate(root: Path) -> tuple[list[Problem], bool]:
    """Problems of a workspace through the API, and whether it was refused (InputError,
    or PlaceholderError when only placeholders are left).

    The workspace's files are hashed before and after: validation must not touch them.
    """
    before = snapshot(root)
    try:
        workspace = api.validate(root)
    except BaocaoError as error:
        problems, refused = error.problems, True
        assert type(error).__name__ in ("InputError", "PlaceholderError")
    else:
        problems, refused = workspace.warnings, False
    assert snapshot(root) == before, "an input file changed during validation"
    for problem in problems:
        assert_complete(problem)
    return problems, refused


@pytest.fixture(scope="module")
def rendered_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full report context (``rendering.full_context``) rendered once per test module."""
    from rendering import render

    return render(tmp_path_factory.mktemp("report") / "bao-cao.docx")


@pytest.fixture(scope="module")
def report_doc(rendered_report: Path) -> Any:
    """``rendered_report`` read back with python-docx."""
    from docx import Document

    return Document(str(rendered_report))


@pytest.fixture
def read(tmp_path: Path) -> Callable[..., Any]:
    """Write a report made of parts (tests/report/docx_builder.py) and read it back as its
    signer would (tests/report/signer): ``read(Report(...)) -> ReportText``."""
    import signer  # tests/report, on the path of the tests that use this fixture
    from docx_builder import write_docx

    count = iter(range(1_000_000))

    def read_back(report: Any) -> Any:
        return signer.report_text(write_docx(report, tmp_path / f"report-{next(count)}.docx"))

    return read_back

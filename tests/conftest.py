"""Shared fixtures: the shipped sample workspace, and copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"


@pytest.fixture
def sample_root() -> Path:
    """The shipped sample workspace (read only: copy it before changing anything)."""
    return SAMPLE


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample workspace, without earlier results."""
    target = tmp_path / "ws"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("ket-qua", ".baocao-cache"))
    return target

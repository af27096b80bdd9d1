"""bench/gen.py writes valid, realistic, reproducible workspaces."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

from typer.testing import CliRunner

from baocao import api
from baocao.cli import app

GEN = Path(__file__).resolve().parents[2] / "bench" / "gen.py"


def load_gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_gen", GEN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_gen"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_generated_workspace_validates_without_warnings(tmp_path: Path) -> None:
    root = load_gen().generate(tmp_path / "ws", units=6, activities=15)
    ws = api.validate(root)
    assert len(ws.plan.units) == 6
    assert len(ws.logs) == 6
    assert all(len(log.activities) == 15 for log in ws.logs)
    assert ws.warnings == []  # every activity inside its task's frame, none repeated
    assert all(log.sent.keys() == {"6m", "1y"} for log in ws.logs)
    assert all(log.difficulties and log.proposals for log in ws.logs)
    result = CliRunner().invoke(app, ["validate", "-w", str(root)])
    assert result.exit_code == 0, result.stdout


def test_generated_text_is_vietnamese_in_nfc(tmp_path: Path) -> None:
    root = load_gen().generate(tmp_path / "ws", units=3, activities=10)
    for path in (root / "2021").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)
        assert "Tuyên truyền" in text or "tuyên truyền" in text


def test_the_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    gen = load_gen()
    first = gen.generate(tmp_path / "a", units=4, activities=8)
    second = gen.generate(tmp_path / "b", units=4, activities=8)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    other = gen.generate(tmp_path / "c", units=4, activities=8, seed=7)
    assert any(
        (first / f).read_bytes() != (other / f).read_bytes() for f in files if f.parts[0] == "2021"
    )

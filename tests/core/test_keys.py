"""The YAML files' keys are named once, in baocao.core.keys, and nowhere else in the code."""

from __future__ import annotations

import ast
from pathlib import Path

from baocao.core import keys

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "baocao"
# Words of one syllable ("nam", "ma", "so") are also ordinary words and filter names;
# the compound keys are the ones that would drift apart if written twice.
COMPOUND = {v for k, v in vars(keys).items() if k.isupper() and "_" in v}


def literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    }


def test_compound_keys_are_written_only_in_the_keys_module() -> None:
    assert {"nhiem_vu", "so_lieu", "ngay_gui", "bao_cao_dinh_ky"} <= COMPOUND
    found = {
        path.relative_to(PACKAGE).as_posix(): sorted(literals(path) & COMPOUND)
        for path in PACKAGE.rglob("*.py")
        if path.name != "keys.py"
    }
    assert {module: keys for module, keys in found.items() if keys} == {}

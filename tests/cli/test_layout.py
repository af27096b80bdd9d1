"""The package's stages keep their order: imports point down the pipeline, never in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "baocao"
STAGES = ("core", "input", "report", "plan")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every baocao module this file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("baocao"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("baocao"))
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {m for m in imports(path) if m in modules} - {name} for name, path in modules.items()
    }


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else "top"


def test_no_import_cycles() -> None:
    edges = graph()
    # Package faces (__init__) only name their stage; a module importing one is not a cycle.
    edges = {k: {m for m in v if not m.endswith(STAGES)} for k, v in edges.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])


def test_stages_point_down_the_pipeline() -> None:
    allowed = {
        "core": {"core", "top"},
        "input": {"core", "input", "top"},
        "report": {"core", "input", "report", "top"},
        "plan": {"core", "input", "plan", "top"},
    }
    wrong = [
        f"{src} -> {dst}"
        for src, targets in graph().items()
        for dst in targets
        if stage(src) in allowed and stage(dst) not in allowed[stage(src)]
    ]
    assert wrong == []


def test_top_level_helpers_import_no_stage_but_core() -> None:
    low = {
        "baocao.errors",
        "baocao.messages",
        "baocao.atomic",
        "baocao.lock",
        "baocao.settings",
        "baocao.state",
        "baocao.stopping",
    }
    wrong = [
        f"{src} -> {dst}"
        for src, targets in graph().items()
        if src in low
        for dst in targets
        if stage(dst) not in {"top", "core"} or dst in {"baocao.api", "baocao.cli"}
    ]
    assert wrong == []


def test_the_cli_reaches_the_library_through_the_api_only() -> None:
    allowed = {"api", "console", "console_filing", "errors", "messages", "settings", "stopping"}
    used = graph()["baocao.cli"] - {"baocao"}  # "from baocao import api" names the package
    assert used <= {f"baocao.{name}" for name in allowed}


def reads_environment(path: Path) -> bool:
    names = {"environ", "getenv", "environb", "getenvb"}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in names:
            return True
        if isinstance(node, ast.alias) and node.name in names:
            return True
    return False


def test_only_the_edge_reads_the_environment() -> None:
    readers = sorted(module_name(p) for p in PACKAGE.rglob("*.py") if reads_environment(p))
    # settings reads it once; cli only tells pydantic to skip its plugin search.
    assert readers == ["baocao.cli", "baocao.settings"]


def test_nothing_imports_the_cli() -> None:
    users = [src for src, targets in graph().items() if "baocao.cli" in targets]
    assert users == ["baocao.__main__"]


def test_the_program_digest_covers_every_module_of_every_subpackage() -> None:
    from baocao.input.logs import program_files

    covered = {module_name(p) for p in program_files()}
    assert covered == {module_name(p) for p in PACKAGE.rglob("*.py")}
    assert {stage(m) for m in covered} == {*STAGES, "top"}

"""The package's import arrows go one way (DESIGN.md, "Layout"), and the README's command table is the CLI's.

Imports are read from the source (module level and inside functions alike), so a lazy import that
breaks the layering is caught too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from crisp.cli import SUBCOMMANDS, TOP_LEVEL, app

SRC = Path(__file__).resolve().parents[1] / "src" / "crisp"
README = Path(__file__).resolve().parents[1] / "README.md"

# package -> packages of ours it must never import
FORBIDDEN: dict[str, set[str]] = {
    "cr": {"llm", "dialogue", "safety", "synth", "data", "chat", "train", "eval", "serve", "cli"},
    "llm": {"dialogue", "safety", "synth", "data", "chat", "train", "eval", "serve", "cli"},
    "dialogue": {"synth", "data", "chat", "train", "eval", "serve", "cli"},
    "safety": {"dialogue", "synth", "data", "chat", "train", "eval", "serve", "cli"},
    "chat": {"data", "synth", "train", "eval", "serve", "cli"},
}
# Modules that make up the command line: nothing in the library may import them.
CLI_MODULES = {"crisp.cli"} | {module for module in SUBCOMMANDS.values()} | {
    target.partition(":")[0] for target in TOP_LEVEL.values()
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name == "crisp" or name.startswith("crisp.")}


GRAPH = {_module_name(path): _imports(path) for path in SRC.rglob("*.py")}


def test_packages_import_only_downward() -> None:
    wrong = []
    for module, imported in GRAPH.items():
        package = module.split(".")[1] if module.count(".") else ""
        for name in imported:
            target = name.split(".")[1] if name.count(".") else ""
            if target in FORBIDDEN.get(package, set()):
                wrong.append(f"{module} imports {name}")
    assert wrong == []


def test_the_library_imports_no_cli_module() -> None:
    wrong = [f"{module} imports {name}" for module, imported in GRAPH.items() if module not in CLI_MODULES
             for name in imported if name in CLI_MODULES]
    assert wrong == []


def test_no_import_cycle_between_modules() -> None:
    modules = set(GRAPH)
    edges = {m: {n for n in GRAPH[m] if n in modules and n != m and not m.startswith(n + ".")} for m in modules}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(modules):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def _readme_commands() -> set[str]:
    """The top-level commands named in the README's command table (`| \\`crisp NAME ...\\` | ... |`)."""
    section = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `crisp ([a-z-]+)", section, flags=re.MULTILINE))


def test_readme_command_table_matches_the_cli() -> None:
    listed = _readme_commands()
    assert listed == set(SUBCOMMANDS) | set(TOP_LEVEL)


def test_every_command_the_readme_names_exists() -> None:
    from typer.testing import CliRunner

    section = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    runner = CliRunner()
    for line in re.findall(r"^\| `crisp ([^`]+)`", section, flags=re.MULTILINE):
        words = [w for w in line.split() if re.fullmatch(r"[a-z][a-z-]*", w)]
        group = words[0]
        path = words[:2] if group in SUBCOMMANDS and len(words) > 1 else words[:1]
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, f"README names `crisp {' '.join(path)}`, which does not exist"

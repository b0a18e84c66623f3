"""The package's layers: core < io < render < run < cli, no cycles, no private names reached.

Read from the source with ``ast`` (nothing is imported), so a violation is found whether or
not the import runs: imports inside functions (deferred) count as much as those at the top.
Importing ``readiness.io.workbook.cells`` also runs ``readiness/io/workbook/__init__.py``
(and every package above it), so an import reaches each package around its target too,
except the importer's own packages, which are already running when it is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "readiness"
LAYERS = ("core", "io", "render", "run", "cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int | None:
    """The rank of a readiness module's layer; None for the package root (its lazy API)."""
    parts = module.split(".")
    if len(parts) < 2:
        return None
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else None


def modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for p in sorted(PACKAGE.rglob("*.py"))
        if "locale" not in p.parts and "templates" not in p.parts
    }


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names imported from it, line) for every readiness import."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "readiness":
                found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "readiness":
                    found.append((alias.name, [], node.lineno))
    return found


def target(module: str, name: str, known: dict[str, Path]) -> str:
    """``from readiness.render import charts`` imports the module readiness.render.charts."""
    return f"{module}.{name}" if f"{module}.{name}" in known else module


def packages(module: str) -> list[str]:
    """The packages whose ``__init__`` runs before ``module``: ``a.b.c`` -> ``a``, ``a.b``."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def reached(importer: str, imported: str, known: dict[str, Path]) -> set[str]:
    """What importing ``imported`` runs: the module and the packages around it.

    The importer's own packages (and the importer, when it is a package) are already
    running, so importing a sibling does not run them again.
    """
    running = {importer, *packages(importer)}
    return {m for m in (*packages(imported), imported) if m in known and m not in running}


def graph() -> dict[str, set[str]]:
    """Module (or package ``__init__``) -> the readiness modules and packages it runs.

    The package root is left out as an importer: it holds ``__version__`` and the lazy public
    API, whose imports run on first use (and under TYPE_CHECKING only).
    """
    known = modules()
    edges: dict[str, set[str]] = {m: set() for m in known}
    for module, path in known.items():
        if module == "readiness":
            continue
        for imported, names, _line in imports(path):
            for t in {target(imported, n, known) for n in names} or {imported}:
                edges[module] |= reached(module, t, known)
    return edges


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Every import of a module from a layer above its own."""
    found = []
    for module, targets in edges.items():
        here = layer(module)
        for t in sorted(targets):
            there = layer(t)
            if here is not None and there is not None and there > here:
                found.append(f"{module} imports {t}")
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles, each as the modules around it."""
    found: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def private(module: str, path: Path) -> list[str]:
    """Every private name a module imports from another module."""
    return [
        f"{module}:{line} imports {name} from {imported}"
        for imported, names, line in imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]


def test_every_module_sits_in_a_layer() -> None:
    known = modules()
    assert "readiness.core.model" in known and "readiness.run.pipeline" in known
    homeless = [m for m in known if m != "readiness" and layer(m) is None]
    assert homeless == []


def test_no_module_imports_from_a_layer_above_it() -> None:
    assert upward(graph()) == []


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_no_private_name_is_imported_from_another_module() -> None:
    assert [hit for m, p in modules().items() for hit in private(m, p)] == []


def test_the_checks_catch_each_violation(tmp_path: Path) -> None:
    edges = {
        "readiness.core.plan": {"readiness.render.view"},
        "readiness.render.view": {"readiness.core.plan"},
    }
    assert upward(edges) == ["readiness.core.plan imports readiness.render.view"]
    assert cycles(edges) == [
        ["readiness.core.plan", "readiness.render.view", "readiness.core.plan"]
    ]
    # a deferred import in a package's __init__ and an import of a module inside it
    known = dict.fromkeys(
        ["readiness.io", "readiness.io.book", "readiness.io.book.cells", "readiness.io.reg"],
        tmp_path,
    )
    book = {"readiness.io.reg"}  # io/book/__init__.py: def read(): from readiness.io import reg
    reg = reached("readiness.io.reg", "readiness.io.book.cells", known)
    assert reg == {"readiness.io.book", "readiness.io.book.cells"}
    assert cycles({"readiness.io.book": book, "readiness.io.reg": reg}) == [
        ["readiness.io.book", "readiness.io.reg", "readiness.io.book"]
    ]
    # a module of the package importing its sibling does not run the package again
    assert reached("readiness.io.book.rules", "readiness.io.book.cells", known) == {
        "readiness.io.book.cells"
    }
    source = tmp_path / "gates.py"
    source.write_text("from readiness.core.gates import _requirement_blocker, __all__\n")
    assert private("readiness.core.x", source) == [
        "readiness.core.x:1 imports _requirement_blocker from readiness.core.gates"
    ]

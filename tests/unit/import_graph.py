"""The project's import graph, read from the source with ast (nothing is imported), and the layering rules
of issue 11 checked on it. tests/unit/test_layering.py runs `layering_violations` on the real tree and on
small planted trees, so the checker itself is shown to fail where it should.

An edge is every import statement, wherever it sits (module level, inside a function, importlib calls with
a literal name); `from a.b import c` is an edge to a.b and, when c is a module, to a.b.c; importing a
module also runs its parent packages' __init__. Imports under `if TYPE_CHECKING:` never run: they count
for what ui/ may name directly, not for what a module reaches at run time.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("sitcentre", "ui")
QT = ("PySide6", "shiboken6", "pyqtgraph")
# What ui/ may import from sitcentre/ (a name or anything under it). The bare package holds only __version__.
UI_MAY_IMPORT = ("sitcentre.backend", "sitcentre.domain", "sitcentre.settings", "sitcentre.live",
                 "sitcentre.exit_codes", "sitcentre.logs", "sitcentre.output_paths", "sitcentre.preferences",
                 "sitcentre.geo")
UI_MAY_IMPORT_EXACTLY = ("sitcentre",)
# The two doors to the database ui/ may use: whatever they import behind them is theirs to keep tidy.
UI_DOORS = ("sitcentre.backend", "sitcentre.live")
DATABASE_CODE = ("sqlalchemy", "alembic", "sitcentre.db", "sitcentre.repositories")
# bench/ measures the panels it paints; their data comes through a desk, never from ui's own data modules.
BENCH_MAY_IMPORT = ("ui.common.tasks", "ui.incidents.incident_panel", "ui.incidents.incident_model",
                    "ui.shell.workstation", "ui.charts.charts_panel")


@dataclass(frozen=True)
class Import:
    name: str  # dotted; a project module when it is one
    runtime: bool  # False under `if TYPE_CHECKING:`
    implied: bool = False  # a parent package run by importing its module, not named in the source


def under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


class ImportGraph:
    def __init__(self, root: Path, packages: tuple[str, ...] = PACKAGES):
        self.root = root
        self.modules: dict[str, Path] = {}
        for package in packages:
            folder = root / package
            for path in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
                parts = path.relative_to(root).with_suffix("").parts
                self.modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
        self._imports: dict[str, list[Import]] = {}

    def imports(self, module: str) -> list[Import]:
        """What `module` (a project module) imports, in source order, with the parent packages that run."""
        if module not in self._imports:
            path = self.modules[module]
            self._imports[module] = self._resolve(source_imports(path.read_text(encoding="utf-8"), module,
                                                                 path.name == "__init__.py"))
        return self._imports[module]

    def file_imports(self, path: Path) -> list[Import]:
        """The imports of a file outside the packages (a bench script), resolved the same way."""
        return self._resolve(source_imports(path.read_text(encoding="utf-8"), "", False))

    def _resolve(self, found: list[tuple[str, str | None, bool]]) -> list[Import]:
        result: list[Import] = []
        for base, member, runtime in found:
            name = f"{base}.{member}" if member is not None and f"{base}.{member}" in self.modules else base
            result.append(Import(name, runtime))  # `from a import b` names a.b when b is a module, else a
            result += [Import(parent, runtime, implied=True) for parent in self._parents(name)]
        return result

    def _parents(self, name: str) -> list[str]:
        parts = name.split(".")
        return [p for p in (".".join(parts[:i]) for i in range(1, len(parts))) if p in self.modules]

    def path_to(self, start: str, targets: tuple[str, ...], doors: tuple[str, ...] = ()) -> list[str] | None:
        """The shortest run-time chain from `start` to a module under `targets`, or None. Edges from a ui
        module into `doors` are not followed."""
        seen, queue = {start}, deque([[start]])
        while queue:
            chain = queue.popleft()
            here = chain[-1]
            for edge in self.imports(here) if here in self.modules else []:
                if not edge.runtime or edge.name in seen:
                    continue
                if here.split(".")[0] == "ui" and under(edge.name, doors):
                    continue
                if under(edge.name, targets):
                    return [*chain, edge.name]
                seen.add(edge.name)
                queue.append([*chain, edge.name])
        return None


def source_imports(source: str, module: str, is_package: bool) -> list[tuple[str, str | None, bool]]:
    """(base, member or None, runs at run time) for every import in the source; relative ones made absolute."""
    found: list[tuple[str, str | None, bool]] = []

    def visit(node: ast.AST, runtime: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, False)
            for child in node.orelse:
                visit(child, runtime)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, None, runtime) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            if base is not None:
                found.extend((base, alias.name, runtime) for alias in node.names if alias.name != "*")
        elif _is_dynamic_import(node):
            found.append((node.args[0].value, None, runtime))  # type: ignore[attr-defined]
        for child in ast.iter_child_nodes(node):
            visit(child, runtime)

    visit(ast.parse(source), True)
    return found


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str | None:
    if node.level == 0:
        return node.module
    package = module.split(".") if is_package else module.split(".")[:-1]
    if node.level - 1 >= len(package):
        return None  # beyond the top-level package: Python refuses it too
    base = package[:len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _is_dynamic_import(node: ast.AST) -> bool:
    """importlib.import_module("x"), import_module("x") or __import__("x") with a literal name."""
    if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__") and isinstance(node.args[0].value, str)


def layering_violations(root: Path) -> list[str]:
    """Every break of the layering rules under `root` (sitcentre/, ui/, bench/), in words, sorted."""
    graph = ImportGraph(root)
    found: set[str] = set()
    for module in graph.modules:
        edges = graph.imports(module)
        if module.split(".")[0] == "sitcentre":
            found |= {f"{module} imports {e.name}: sitcentre/ never imports Qt or pyqtgraph"
                      for e in edges if under(e.name.split(".")[0], QT)}
            continue
        found |= {f"{module} imports {e.name}, which ui/ may not import" for e in edges
                  if not e.implied and under(e.name, ("sitcentre",)) and not under(e.name, UI_MAY_IMPORT)
                  and e.name not in UI_MAY_IMPORT_EXACTLY}
        chain = graph.path_to(module, DATABASE_CODE, UI_DOORS)
        if chain is not None:
            found.add(f"{module} reaches {chain[-1]}: {' -> '.join(chain)}")
    bench = root / "bench"
    for path in sorted(bench.rglob("*.py")) if bench.is_dir() else []:
        where = path.relative_to(root).as_posix()
        found |= {f"{where} imports {e.name}, which bench/ may not import" for e in graph.file_imports(path)
                  if not e.implied and e.name.startswith("ui.") and not under(e.name, BENCH_MAY_IMPORT)}
    return sorted(found)

"""Design rule 1 and issue 11: the layers, checked on the import graph.

sitcentre/ (domain, db, repositories, services, backend, CLI) never imports Qt or pyqtgraph: the CLI, the
tests and scripts use it without a display. ui/ imports only an allow-list (the backend, the domain, the
settings, the live feed's types and a few leaf utilities), and nothing it imports other than
sitcentre.backend and sitcentre.live reaches SQLAlchemy, sitcentre.db or sitcentre.repositories, however
indirectly. bench/ imports only the panels it paints. The scans read import statements (not text), so a
docstring that mentions PySide6 is fine; a second check imports modules and looks at what got loaded.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from tests.unit.import_graph import ImportGraph, layering_violations, under

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = ROOT / "sitcentre"
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph")


def forbidden_imports(source: str, forbidden: tuple[str, ...] = FORBIDDEN) -> list[str]:
    """Modules from `forbidden` imported anywhere in the source: statements, functions, importlib calls."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif _is_dynamic_import(node):
            names = [node.args[0].value]  # type: ignore[attr-defined]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in forbidden]
    return found


def _is_dynamic_import(node: ast.AST) -> bool:
    """importlib.import_module("x"), import_module("x") or __import__("x") with a literal name."""
    if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__") and isinstance(node.args[0].value, str)


def offending_files(root: Path, forbidden: tuple[str, ...] = FORBIDDEN) -> dict[str, list[str]]:
    """Every .py file under root that imports a forbidden module, with what it imports."""
    return {
        str(path.relative_to(root)): found
        for path in sorted(root.rglob("*.py"))
        if (found := forbidden_imports(path.read_text(encoding="utf-8"), forbidden))
    }


def test_no_module_under_sitcentre_imports_qt_or_pyqtgraph():
    scanned = {p.relative_to(PACKAGE_DIR).as_posix() for p in PACKAGE_DIR.rglob("*.py")}
    assert {"cli.py", "db/engine.py", "domain/records.py", "services/demo.py"} <= scanned, "scanned the wrong folder"
    assert offending_files(PACKAGE_DIR) == {}


def test_importing_every_sitcentre_module_loads_no_qt():
    """Catches an indirect import too (sitcentre -> some library -> PySide6), which the scan cannot see."""
    script = (
        "import importlib, json, pkgutil, sys\n"
        "import sitcentre\n"
        "names = [m.name for m in pkgutil.walk_packages(sitcentre.__path__, 'sitcentre.')\n"
        "         if m.name != 'sitcentre.__main__']\n"
        "for name in names: importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(json.dumps({'imported': names, 'forbidden': bad}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "sitcentre.cli" in report["imported"] and "sitcentre.services.demo" in report["imported"]
    assert report["forbidden"] == []


def test_the_scanner_finds_an_offending_import_in_a_temporary_package(tmp_path):
    (tmp_path / "clean.py").write_text('"""Charts are drawn with pyqtgraph in ui/, not here."""\nimport math\n')
    sub = tmp_path / "services"
    sub.mkdir()
    (sub / "offender.py").write_text(
        "from __future__ import annotations\n"
        "def chart():\n"
        "    import pyqtgraph as pg\n"
        "    return pg\n"
    )
    assert offending_files(tmp_path) == {"services/offender.py": ["pyqtgraph"]}


def test_the_scanner_catches_every_form_of_import():
    source = (
        "import PySide6\n"
        "import PySide6.QtCore as core\n"
        "from PySide6.QtWidgets import QWidget\n"
        "from shiboken6 import isValid\n"
        "def f():\n    from pyqtgraph import PlotDataItem\n"
        "import importlib\nimportlib.import_module('PySide6.QtGui')\n"
        "from importlib import import_module\nimport_module('shiboken6')\n"
        "__import__('pyqtgraph.exporters')\n"
        "import os, PySide6.QtSql\n"
    )
    assert sorted(forbidden_imports(source)) == sorted([
        "PySide6", "PySide6.QtCore", "PySide6.QtWidgets", "shiboken6", "pyqtgraph", "PySide6.QtGui",
        "shiboken6", "pyqtgraph.exporters", "PySide6.QtSql",
    ])


def test_the_scanner_ignores_mentions_lookalikes_and_relative_imports():
    source = (
        '"""Unlike ui/, this module does not import PySide6 or pyqtgraph."""\n'
        "# import PySide6\n"
        "name = 'PySide6'\n"
        "import PySide6_lookalike\n"
        "import pyqtgraphics\n"
        "from . import pyqtgraph\n"
        "import_module(name)\n"
    )
    assert forbidden_imports(source) == []


UI_DIR = PACKAGE_DIR.parent / "ui"


def test_no_module_under_ui_imports_sqlalchemy_or_alembic():
    scanned = {p.relative_to(UI_DIR).as_posix() for p in UI_DIR.rglob("*.py")}
    expected = {"shell/app.py", "shell/main_window.py", "incidents/incident_panel.py"}
    assert expected <= scanned, "scanned the wrong folder"
    assert offending_files(UI_DIR, ("sqlalchemy", "alembic")) == {}


def test_the_scanner_finds_sqlalchemy_in_a_ui_module(tmp_path):
    (tmp_path / "panel.py").write_text("from sqlalchemy.orm import Session\n")
    assert offending_files(tmp_path, ("sqlalchemy", "alembic")) == {"panel.py": ["sqlalchemy.orm"]}


def imports_under(source: str, prefixes: tuple[str, ...]) -> list[str]:
    """Dotted modules imported by the source that are, or sit under, one of `prefixes`."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif _is_dynamic_import(node):
            names = [node.args[0].value]  # type: ignore[attr-defined]
        else:
            continue
        found += [n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)]
    return sorted(set(found))


def files_importing(root: Path, prefixes: tuple[str, ...]) -> dict[str, list[str]]:
    return {
        str(path.relative_to(root)): found
        for path in sorted(root.rglob("*.py"))
        if (found := imports_under(path.read_text(encoding="utf-8"), prefixes))
    }


REPOSITORIES = ("sitcentre.repositories",)


def test_no_module_under_ui_imports_a_repository_module():
    assert files_importing(UI_DIR, REPOSITORIES) == {}


def test_the_repository_scanner_sees_every_way_a_ui_module_can_reach_a_repository(tmp_path):
    (tmp_path / "a.py").write_text("from sitcentre.repositories.changes import ChangeBatch\n")
    (tmp_path / "b.py").write_text("from sitcentre import repositories\n")
    (tmp_path / "c.py").write_text("import sitcentre.repositories.stats as stats\n")
    (tmp_path / "d.py").write_text("from sitcentre.domain.queries import ChangeBatch\nimport sitcentre.repositories2\n")
    assert files_importing(tmp_path, REPOSITORIES) == {
        "a.py": ["sitcentre.repositories.changes", "sitcentre.repositories.changes.ChangeBatch"],
        "b.py": ["sitcentre.repositories"],
        "c.py": ["sitcentre.repositories.stats"],
    }


# Issue 11, items 1, 3, 5, 6: the allow-list on the import graph (tests/unit/import_graph.py).

def test_the_real_tree_keeps_to_the_layers():
    """ui/ imports only the backend, the domain and the leaf utilities, and reaches no database code except
    through sitcentre.backend and sitcentre.live; sitcentre/ imports no Qt; bench/ paints only the panels."""
    graph = ImportGraph(ROOT)
    assert {"ui.shell.workstation", "sitcentre.backend", "sitcentre.domain.changes"} <= set(graph.modules)
    assert layering_violations(ROOT) == []


def test_the_checker_refuses_a_service_imported_by_ui(tmp_path):
    plant(tmp_path, {"ui/panel.py": "from sitcentre.services.incidents import IncidentService\n",
                     "sitcentre/services/incidents.py": "import sqlalchemy\n"})
    assert layering_violations(tmp_path) == [
        "ui.panel imports sitcentre.services.incidents, which ui/ may not import",
        "ui.panel reaches sqlalchemy: ui.panel -> sitcentre.services.incidents -> sqlalchemy",
    ]


def test_the_checker_follows_imports_through_allowed_modules(tmp_path):
    """An allowed module (here a domain one) that imports database code taints every ui module using it;
    the backend and the live feed are the two doors ui/ may reach the database through."""
    plant(tmp_path, {
        "ui/panel.py": "from sitcentre.domain import rows\nfrom sitcentre.backend import Desk\n",
        "ui/feed.py": "def start():\n    from sitcentre.live import ChangeFeed\n",
        "sitcentre/domain/rows.py": "from sitcentre.domain.helpers import base\n",
        "sitcentre/domain/helpers.py": "from sitcentre.db.tables import IncidentRow\n",
        "sitcentre/backend/__init__.py": "from sitcentre.repositories.incidents import IncidentRepository\n",
        "sitcentre/live.py": "import sqlalchemy\n",
    })
    assert layering_violations(tmp_path) == [
        "ui.panel reaches sitcentre.db.tables: ui.panel -> sitcentre.domain.rows -> sitcentre.domain.helpers"
        " -> sitcentre.db.tables",
    ]


def test_the_checker_refuses_qt_under_sitcentre_and_unlisted_ui_modules_in_bench(tmp_path):
    plant(tmp_path, {
        "sitcentre/domain/look.py": "from PySide6.QtGui import QColor\n",
        "bench/table.py": ("from ui.incidents.incident_panel import IncidentPanel\n"
                           "from ui.posts.post_card import PostCard\n"),
        "bench/charts.py": "import importlib\nimportlib.import_module('ui.incidents.incident_reference')\n",
        "ui/incidents/incident_panel.py": "", "ui/posts/post_card.py": "", "ui/incidents/incident_reference.py": "",
    })
    assert layering_violations(tmp_path) == [
        "bench/charts.py imports ui.incidents.incident_reference, which bench/ may not import",
        "bench/table.py imports ui.posts.post_card, which bench/ may not import",
        "sitcentre.domain.look imports PySide6.QtGui: sitcentre/ never imports Qt or pyqtgraph",
    ]


def test_the_checker_resolves_relative_imports_and_ignores_type_checking_for_the_reach(tmp_path):
    plant(tmp_path, {
        "ui/panel.py": "from . import helper\n",
        "ui/helper.py": "from sitcentre.domain import rows\n",
        "sitcentre/domain/rows.py": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                     "    from sqlalchemy import Row\n"),
        "ui/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sitcentre.db import tables\n",
        "sitcentre/db/tables.py": "import sqlalchemy\n",
    })
    assert layering_violations(tmp_path) == [
        "ui.typed imports sitcentre.db.tables, which ui/ may not import",
    ]


def plant(root: Path, files: dict[str, str]) -> None:
    """A small tree of modules to hand to the checker (each package gets its __init__.py)."""
    for name, text in files.items():
        path = root / name
        for folder in [path.parent, *path.parent.parents]:
            if folder == root or root not in folder.parents:
                break
            if folder.name != "bench" and not (folder / "__init__.py").exists():
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "__init__.py").write_text("")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_shared_value_types_load_neither_sqlalchemy_nor_a_repository():
    """ui/ must not reach SQLAlchemy through a domain module or a leaf utility either: every one imported."""
    shared = sorted(name for name in ImportGraph(ROOT).modules if name.startswith("sitcentre.domain"))
    shared += ["sitcentre.settings", "sitcentre.exit_codes", "sitcentre.logs", "sitcentre.output_paths",
               "sitcentre.preferences", "sitcentre.geo"]
    assert "sitcentre.domain.queries" in shared and "sitcentre.domain.series" in shared
    script = (
        "import json, sys\n"
        f"for name in {shared!r}: __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'PySide6')\n"
        "             or m.startswith(('sitcentre.db', 'sitcentre.repositories')))\n"
        "print(json.dumps(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


EXCHANGE_MAY_IMPORT = ("sitcentre.exchange", "sitcentre.output_paths")


def test_the_exchange_core_needs_no_database():
    """sitcentre/exchange/ (canonical JSON, keys, the bundle file, the merge) is pure: the standard library,
    cryptography and its own modules (and output_paths for writing files); never the database layers, so the
    bundle checks can run before anything is opened."""
    graph = ImportGraph(ROOT)
    found = []
    for module in sorted(m for m in graph.modules if m.startswith("sitcentre.exchange")):
        for imp in graph.imports(module):
            if imp.name in ("sitcentre", *EXCHANGE_MAY_IMPORT) or under(imp.name, EXCHANGE_MAY_IMPORT):
                continue
            if imp.name.startswith("sitcentre.") or imp.name.split(".")[0] in (
                    "sqlalchemy", "alembic", "psycopg", *FORBIDDEN):
                found.append(f"{module} imports {imp.name}")
    assert "sitcentre.exchange.canonical" in graph.modules
    assert found == []


def test_repositories_and_the_database_layer_never_reach_up_into_services():
    """design.md's layers: db <- repositories <- services <- backend. A repository importing a service (even
    inside a function) hides a cycle the import-cycle test cannot see."""
    graph = ImportGraph(ROOT)
    found = [f"{module} imports {imp.name}"
             for module in sorted(m for m in graph.modules if under(m, ("sitcentre.repositories", "sitcentre.db")))
             for imp in graph.imports(module)
             if under(imp.name, ("sitcentre.services", "sitcentre.backend", "sitcentre.cli"))]
    assert "sitcentre.repositories.revisions" in graph.modules
    assert found == []


# Issue 13: `sitcentre serve` (sitcentre/server/) sits beside the CLI, over the services.
SERVER = ("sitcentre.server",)
SERVER_MAY_IMPORT = ("sitcentre.server", "sitcentre.services", "sitcentre.db", "sitcentre.domain",
                     "sitcentre.exchange", "sitcentre.settings", "sitcentre.logs",
                     "sitcentre.repositories.inbox")  # inbox: HEAD /v1/bundles/{id} (was it imported here?)
SERVER_IMPORTED_BY = ("sitcentre.server", "sitcentre.cli_serve")


def test_the_server_uses_the_services_and_only_the_command_line_uses_the_server():
    """sitcentre/server/ (Starlette, uvicorn) imports the services, the database layer, the domain, the
    exchange core and the settings; nothing under sitcentre/ but itself and `sitcentre serve` imports it, and
    ui/ never does (ui's allow-list)."""
    graph = ImportGraph(ROOT)
    found = []
    for module in sorted(graph.modules):
        for imp in graph.imports(module):
            if imp.implied or not under(imp.name, ("sitcentre",)) or imp.name == "sitcentre":
                continue
            if under(module, SERVER) and not under(imp.name, SERVER_MAY_IMPORT):
                found.append(f"{module} imports {imp.name}, which sitcentre/server/ may not import")
            if under(imp.name, SERVER) and not under(module, SERVER_IMPORTED_BY):
                found.append(f"{module} imports {imp.name}: only `sitcentre serve` may")
    assert "sitcentre.server.app" in graph.modules
    assert found == []


# Issue 15: sitcentre/sheets/ (reading spreadsheets, header, values, mapping, candidate rows) is pure.
SHEETS = ("sitcentre.sheets",)
SHEETS_MAY_IMPORT = ("sitcentre.sheets", "sitcentre.domain", "sitcentre.output_paths")  # saving a mapping
SHEETS_THIRD_PARTY = ("openpyxl",)


def sheets_violations(graph: ImportGraph) -> list[str]:
    found = []
    for module in sorted(m for m in graph.modules if under(m, SHEETS)):
        for imp in graph.imports(module):
            top = imp.name.split(".")[0]
            if imp.name == "sitcentre" or under(imp.name, SHEETS_MAY_IMPORT) or top in SHEETS_THIRD_PARTY:
                continue
            if top == "sitcentre" or top not in sys.stdlib_module_names:
                found.append(f"{module} imports {imp.name}, which sitcentre/sheets/ may not import")
    for module in sorted(m for m in graph.modules if under(m, ("ui",))):
        found += [f"{module} imports {imp.name}: ui/ reaches the sheets through the backend"
                  for imp in graph.imports(module) if under(imp.name, SHEETS)]
    return found


def test_the_sheets_package_needs_only_the_standard_library_the_domain_and_openpyxl():
    """sitcentre/sheets/ reads files and turns cells into candidate records without a database: it imports the
    standard library, sitcentre.domain, openpyxl and itself (and output_paths to save a mapping safely); ui/
    never imports it directly."""
    graph = ImportGraph(ROOT)
    assert "sitcentre.sheets.readers" in graph.modules and "sitcentre.sheets.header" in graph.modules
    assert sheets_violations(graph) == []


def test_the_sheets_rule_refuses_the_database_a_third_party_library_and_ui(tmp_path):
    plant(tmp_path, {
        "sitcentre/sheets/readers.py": "import csv\nimport openpyxl\nfrom sitcentre.domain import numbers\n",
        "sitcentre/sheets/rows.py": "import sqlalchemy\nfrom sitcentre.db import tables\nimport pandas\n",
        "sitcentre/domain/numbers.py": "", "sitcentre/db/tables.py": "",
        "ui/wizard.py": "from sitcentre.sheets.readers import open_table\n",
    })
    assert sheets_violations(ImportGraph(tmp_path)) == [
        "sitcentre.sheets.rows imports sqlalchemy, which sitcentre/sheets/ may not import",
        "sitcentre.sheets.rows imports sitcentre.db.tables, which sitcentre/sheets/ may not import",
        "sitcentre.sheets.rows imports sitcentre.db, which sitcentre/sheets/ may not import",
        "sitcentre.sheets.rows imports pandas, which sitcentre/sheets/ may not import",
        "ui.wizard imports sitcentre.sheets.readers: ui/ reaches the sheets through the backend",
        "ui.wizard imports sitcentre.sheets: ui/ reaches the sheets through the backend",
    ]

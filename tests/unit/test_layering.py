"""Design rule 1: sitcentre/ (domain, db, repositories, services, CLI) never imports Qt or pyqtgraph.

The CLI, the tests and scripts use sitcentre/ without a display; a Qt import there would also drag the
GUI toolkit into every headless run. The scan reads import statements (not text), so a docstring that
mentions PySide6 is fine; a second check imports every module and looks at what got loaded.
And ui/ never imports SQLAlchemy or alembic (it gets plain records from repositories and services).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

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
    assert {"app.py", "main_window.py", "incident_panel.py"} <= scanned, "scanned the wrong folder"
    assert offending_files(UI_DIR, ("sqlalchemy", "alembic")) == {}


def test_the_scanner_finds_sqlalchemy_in_a_ui_module(tmp_path):
    (tmp_path / "panel.py").write_text("from sqlalchemy.orm import Session\n")
    assert offending_files(tmp_path, ("sqlalchemy", "alembic")) == {"panel.py": ["sqlalchemy.orm"]}


# Issue 11, item 5: ui/ takes its value types from sitcentre.domain, never from a repository module.
# These two still open units of work and repositories themselves; issue 11 item 1 moves that into sitcentre/.
UI_DATA_ACCESS_NOT_YET_MOVED = {"chart_data.py", "incident_reference.py"}
REPOSITORIES = ("sitcentre.repositories",)


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


def test_no_module_under_ui_imports_a_repository_module_for_its_value_types():
    offenders = files_importing(UI_DIR, REPOSITORIES)
    assert set(offenders) - UI_DATA_ACCESS_NOT_YET_MOVED == set(), offenders


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


SHARED_TYPES = ("sitcentre.domain.queries", "sitcentre.domain.series")


def test_the_shared_value_types_load_neither_sqlalchemy_nor_a_repository():
    """ui/ must not reach SQLAlchemy through a shared-types module either (design rule 1)."""
    script = (
        "import json, sys\n"
        f"for name in {SHARED_TYPES!r}: __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'PySide6')\n"
        "             or m.startswith(('sitcentre.db', 'sitcentre.repositories')))\n"
        "print(json.dumps(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []

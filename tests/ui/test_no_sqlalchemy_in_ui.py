"""Design rule 1: ui/ gets data from repositories and services, never from SQLAlchemy directly.

Scans import statements (not text), so a comment or docstring mentioning SQLAlchemy is fine. alembic is
forbidden too: it is SQLAlchemy underneath, and migrations run through sitcentre.db.migrate.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
FORBIDDEN = ("sqlalchemy", "alembic")


def forbidden_imports(source: str) -> list[str]:
    """Top-level names of forbidden modules imported anywhere in the source (including inside functions)."""
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
        found += [name for name in names if name.split(".")[0] in FORBIDDEN]
    return found


def _is_dynamic_import(node: ast.AST) -> bool:
    """importlib.import_module("x") or __import__("x") with a literal name."""
    if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("import_module", "__import__") and isinstance(node.args[0].value, str)


def test_no_file_under_ui_imports_sqlalchemy():
    files = sorted(UI_DIR.rglob("*.py"))
    assert files, f"no Python files found under {UI_DIR}"
    offenders = {
        str(path.relative_to(UI_DIR.parent)): found
        for path in files
        if (found := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_scan_catches_every_form_of_import():
    source = (
        "import sqlalchemy\n"
        "import sqlalchemy.orm as orm\n"
        "from sqlalchemy import select\n"
        "def f():\n    from alembic import command\n"
        "import importlib\nimportlib.import_module('sqlalchemy.exc')\n"
    )
    assert forbidden_imports(source) == ["sqlalchemy", "sqlalchemy.orm", "sqlalchemy", "alembic", "sqlalchemy.exc"]


def test_the_scan_ignores_mentions_and_lookalikes():
    source = '"""Built over SQLAlchemy."""\nimport sqlalchemy_lookalike as x\nfrom . import sqlalchemy\n'
    assert forbidden_imports(source) == []

"""Issue 11, item 6: exit codes live in one Qt-free module shared by the CLI and the app."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sitcentre import exit_codes

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "sitcentre" / "exit_codes.py"


def exit_code_definitions(root: Path) -> dict[str, list[str]]:
    """Modules under `root` that assign a name starting with EXIT_ (a second list of exit codes)."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        names = [
            target.id
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            for target in (target.elts if isinstance(target, ast.Tuple) else [target])
            if isinstance(target, ast.Name) and target.id.startswith("EXIT_")
        ]
        if names:
            found[str(path.relative_to(root))] = names
    return found


def test_no_module_but_sitcentre_exit_codes_defines_an_exit_code():
    offenders = {
        path: names
        for folder in ("sitcentre", "ui")
        for path, names in exit_code_definitions(ROOT / folder).items()
        if ROOT / folder / path != HOME
    }
    assert offenders == {}


def test_the_scanner_finds_exit_codes_defined_one_by_one_or_as_a_tuple(tmp_path):
    (tmp_path / "a.py").write_text("EXIT_OK, EXIT_USAGE = 0, 3\n")
    (tmp_path / "b.py").write_text("EXIT_ERROR: int = 1\nexit_later = 2\n")
    (tmp_path / "c.py").write_text("from sitcentre.exit_codes import EXIT_OK\n")
    assert exit_code_definitions(tmp_path) == {"a.py": ["EXIT_OK", "EXIT_USAGE"], "b.py": ["EXIT_ERROR"]}


def test_every_exit_code_the_readme_tells_operators_about_is_defined_with_that_number():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Exit codes:"):].split("\n\n")[0]
    told = {int(n) for n in re.findall(r"(?:^|[:,]\s)(\d+) [a-z]", paragraph)}
    defined = {value for name, value in vars(exit_codes).items() if name.startswith("EXIT_")}
    assert told == {0, 1, 2, 3} and told <= defined

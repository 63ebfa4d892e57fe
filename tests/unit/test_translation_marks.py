"""Issue 16: every text a person reads in ui/ is marked for translation, in a form pyside6-lupdate extracts.

Two rules, read from the source (AST):
- a tr() call sits outside f-strings (lupdate does not read inside them), and is self.tr() (another object's tr()
  has the variable's name as its context for lupdate, its class's at run time: the translation is never found);
- a text handed to tr(), the module helpers `_t`/`_tr` or QCoreApplication.translate() is a literal, so lupdate
  finds it (a variable would reach Qt untranslated: mark the texts where they are written instead), or is looked
  up in a vocabulary of sitcentre.domain marked there with N_() (its own .ts area, "domain");
- a literal with words passed to a widget's visible text (setText, setToolTip, QLabel(...), addAction, ...) or an
  f-string with words around its values is a text nobody marked.
Log messages (for the administrator's log file) and the helpers' own definitions are not texts a person reads.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
TR = {"tr", "_t", "_tr", "translate"}
VISIBLE = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "addAction", "addMenu", "setTitle",
    "setStatusTip", "setLabelText", "showMessage", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QRadioButton",
    "QAction", "setItemText", "addItem", "addTab", "setSubTitle", "setButtonText", "information", "warning",
    "critical", "question", "setWhatsThis", "QMenu", "QToolButton", "setHeaderLabels", "addRow", "setSuffix",
    "setPrefix", "setSpecialValueText", "setFormat", "QMessageBox", "setInformativeText", "setDetailedText",
    "setHorizontalHeaderLabels", "setAccessibleName", "QLineEdit", "setTabText",
}
LOGGERS = {"log", "logger", "logging"}
WORDS = re.compile(r"[^\W\d_]{2,}")  # two letters in a row, any script
TAG = re.compile(r"<[^>]*>|&\w+;")


def _name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _is_log_call(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOGGERS


def _words(text: str) -> bool:
    text = TAG.sub(" ", text)
    return bool(WORDS.search(text)) and not text.strip().startswith(("http://", "https://"))


def _literal_text(arg: ast.expr) -> str | None:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):
        return " ".join(v.value for v in arg.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None


def _marked_vocabularies(tree: ast.Module) -> set[str]:
    """Names the file imports from a sitcentre.domain module that marks its texts with N_()."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sitcentre.domain."):
            source = ROOT / (node.module.replace(".", "/") + ".py")
            if source.exists() and "N_(" in source.read_text(encoding="utf-8"):
                names.update(alias.asname or alias.name for alias in node.names)
    return names


def _root_name(arg: ast.expr) -> str | None:
    while isinstance(arg, ast.Subscript | ast.Attribute | ast.Call):
        arg = arg.value if not isinstance(arg, ast.Call) else arg.func
    return arg.id if isinstance(arg, ast.Name) else None


def _findings() -> tuple[list[str], list[str]]:
    dynamic, unmarked = [], []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        vocabularies = _marked_vocabularies(tree)
        in_fstring = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in ast.walk(f)}
        helpers = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name in TR
                   for n in ast.walk(f)}
        where = path.relative_to(UI.parent)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _is_log_call(node) or id(node) in helpers:
                continue
            name = _name(node.func)
            receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
            if name == "tr" and receiver is not None and not (isinstance(receiver, ast.Name) and receiver.id == "self"):
                dynamic.append(f"{where}:{node.lineno}: tr() of another object: lupdate names the context after "
                               f"the variable, Qt after its class; use the module's _t(): {ast.unparse(node)[:60]}")
                continue
            literal = any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2])
            if name in TR and id(node) in in_fstring and literal:
                dynamic.append(f"{where}:{node.lineno}: inside an f-string, lupdate does not see it: "
                               f"{ast.unparse(node)[:80]}")
            elif name in TR:
                index = 1 if name == "translate" else 0
                if len(node.args) > index and not (isinstance(node.args[index], ast.Constant)
                                                   and isinstance(node.args[index].value, str)) \
                        and _root_name(node.args[index]) not in vocabularies:
                    dynamic.append(f"{where}:{node.lineno}: {ast.unparse(node)[:100]}")
            elif name in VISIBLE:
                for arg in node.args:
                    text = _literal_text(arg)
                    if text is not None and _words(text):
                        unmarked.append(f"{where}:{node.lineno}: {ast.unparse(node)[:100]}")
    return dynamic, unmarked


def test_texts_given_to_tr_are_literals_that_lupdate_extracts():
    dynamic, _ = _findings()
    assert dynamic == [], "texts lupdate cannot see (mark them where they are written):\n" + "\n".join(dynamic)


def test_every_visible_text_in_ui_is_marked_for_translation():
    _, unmarked = _findings()
    assert unmarked == [], "visible texts not marked for translation:\n" + "\n".join(unmarked)


def test_the_rules_find_what_they_are_for(tmp_path):
    """The checker itself: an unmarked label and a variable handed to tr() are found, a marked one is not."""
    sample = ast.parse('label = QLabel("Seizures today")\nok = QLabel(self.tr("Seizures"))\nx = self.tr(name)\n'
                       'log.warning("not shown %s", 1)\nQLabel(f"<b>{n}</b>")\nQLabel(f"{n} incidents")\n')
    calls = [n for n in ast.walk(sample) if isinstance(n, ast.Call)]
    visible = [c for c in calls if _name(c.func) in VISIBLE and not _is_log_call(c)
               and any((t := _literal_text(a)) is not None and _words(t) for a in c.args)]
    assert [ast.unparse(c) for c in visible] == ["QLabel('Seizures today')", "QLabel(f'{n} incidents')"]
    assert [ast.unparse(c) for c in calls if _name(c.func) == "tr"
            and not isinstance(c.args[0], ast.Constant)] == ["self.tr(name)"]

"""English plurals for Qt's %n texts, without shipping a compiled .qm file.

Source texts follow Qt's convention, "%n alert(s) waiting" with `tr(text, "", n)`: a translation file gives
each language its plural forms (Russian has three). English is the source language, so no file is loaded
for it and Qt would show "(s)" as written; this translator gives English its two forms ("1 alert waiting",
"2 alerts waiting"). Installed once at start (ui.shell.app), before any other translator, so that a Russian
translation installed later takes precedence (Qt asks the most recently installed translator first).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_installed: dict[int, QTranslator] = {}  # per application object: installing twice is harmless


class EnglishPlurals(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1):  # Qt override
        if n < 0 or "(s)" not in source:
            return None  # not ours: Qt keeps the source text (or asks the next translator)
        return source.replace("(s)", "" if n == 1 else "s")

    def isEmpty(self) -> bool:  # Qt override
        return False


def install_english_plurals(app: QCoreApplication | None = None) -> QTranslator:
    app = app or QCoreApplication.instance()
    key = id(app)
    if key not in _installed:
        translator = EnglishPlurals(app)
        app.installTranslator(translator)
        _installed[key] = translator
    return _installed[key]

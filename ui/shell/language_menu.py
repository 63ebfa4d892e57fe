"""View → Language: English or Russian, chosen per person at this computer (ui.shell.language keeps it in
QSettings). Qt cannot re-translate every open window, so the choice takes effect at the next start; the menu says
so at once, in the language chosen."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from ui.shell.language import LANGUAGES, current_language, save_language

# What the menu says after a choice, in the language chosen (the running one may be the other).
NEXT_START = {
    "en": "sitcentre will be shown in English from its next start.",
    "ru": "sitcentre будет показан на русском языке при следующем запуске.",
}


class LanguageMenu(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.view_menu.addMenu(self.tr("&Language"))
        self.group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setObjectName(f"language_{code}")
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action
        self.actions[current_language()].setChecked(True)
        self.chosen = current_language()

    def choose(self, language: str, confirm: bool = True) -> None:
        self.actions[language].setChecked(True)
        if language == self.chosen:
            return
        save_language(language)
        self.chosen = language
        if confirm:
            QMessageBox.information(self.window, LANGUAGES[language], NEXT_START[language])

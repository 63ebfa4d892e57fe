"""File → Import from spreadsheet… (issue 15, item 6): opens the import wizard (ui.imports.import_wizard).

Greyed, with the reason as tooltip, for a role that may import neither incident logs nor published statistics
(an administrator). One wizard at a time: the action raises the open one. When an import has committed, the
status bar says what it did; the table and the charts reload through the change hub (the job runner publishes
the import's Done).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from sitcentre.domain.permissions import Action
from ui.imports.import_page import summary_text
from ui.imports.import_wizard import ImportWizard

ACTION_NAME = "ImportSpreadsheetAction"


def install_sheet_import(workstation) -> SheetImport:
    """Add File → Import from spreadsheet… above Quit (once)."""
    existing = getattr(workstation, "sheet_import", None)
    if isinstance(existing, SheetImport):
        return existing
    workstation.sheet_import = SheetImport(workstation)
    return workstation.sheet_import


class SheetImport(QObject):
    def __init__(self, workstation):
        super().__init__(workstation.window)
        self.ws, self.desk, self.window = workstation, workstation.desk, workstation.window
        self.wizard: ImportWizard | None = None
        menu = self.window.file_menu
        menu.setToolTipsVisible(True)
        self.action = QAction(self.tr("Import from &spreadsheet…"), self.window)
        self.action.setObjectName(ACTION_NAME)
        self.action.triggered.connect(self.open_wizard)
        menu.insertAction(self.window.quit_action, self.action)
        allowed = self.desk.can(Action.SHEET_IMPORT_INCIDENTS) or self.desk.can(Action.SHEET_IMPORT_STATISTICS)
        tip = (self.tr("Bring in an incident log or published statistics from a CSV or Excel file.") if allowed else
               self.tr("Your role cannot import spreadsheets: ask an operator or a supervisor."))
        self.action.setEnabled(allowed)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def open_wizard(self) -> ImportWizard:
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        if self.wizard is not None and not self.wizard.job_running:
            self.wizard.deleteLater()
        self.wizard = ImportWizard(self.ws.runner, self.ws.jobs, self.desk, self.ws.reference, self.window)
        self.wizard.imported.connect(self._imported)
        self.wizard.show()
        return self.wizard

    def _imported(self, result) -> None:
        self.window.statusBar().showMessage(
            self.tr("{0}: {1}.").format(result.file_name, summary_text(result)), 15000)

"""File → Settings… (issue 16, item 3): what a person chooses for themself at this computer (language, theme, how
often the live table looks for changes) and what the installation decides for every workstation (report
thresholds, the own-post rule, the centre's clock).

Taste is kept in QSettings and the theme applies at once; the language and the look-every interval at the next
start (the dialog says so). Policy is kept in the database through desk.installation (administrators only: for
everyone else the section shows the values, greyed, and says who can change them; every change is audited) and
workstations apply it when they next start. "Restore defaults" puts every field the person may change back to the
declared defaults; nothing is stored before OK.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.days import offset_text
from sitcentre.live import FeedSettings
from ui.common.messages import message_for
from ui.common.theme import THEMES, apply_theme, chosen_theme, save_theme
from ui.shell.language import LANGUAGES, chosen_language, save_language, system_language

log = logging.getLogger(__name__)

LOOK_EVERY = "live_fallback_s"  # QSettings: seconds; 0 or none: the feed's own defaults
LOOK_EVERY_MAX = 600
OFFSETS = range(-720, 841, 15)  # the centre's UTC offset, in minutes, by quarter hours


def look_every(settings: QSettings | None = None) -> int:
    try:
        value = int((settings or QSettings()).value(LOOK_EVERY, 0))
    except (TypeError, ValueError):
        return 0
    return value if 0 < value <= LOOK_EVERY_MAX else 0


def feed_settings(settings: QSettings | None = None) -> FeedSettings | None:
    """The live feed's settings with the person's look-every interval, or None for the feed's defaults."""
    seconds = look_every(settings)
    if not seconds:
        return None
    return FeedSettings(sqlite_fallback_poll_s=float(seconds), pg_safety_poll_s=float(seconds))


class SettingsDialog(QDialog):
    def __init__(self, desk, runner, parent: QWidget | None = None, store: QSettings | None = None):
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.desk, self.runner = desk, runner
        self.store = store or QSettings()
        self.policy: dict = {}  # key -> InstallationSetting, once read
        self.may_change = desk.installation.may_change()
        layout = QVBoxLayout(self)
        layout.addWidget(self._taste_box())
        layout.addWidget(self._policy_box())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout.addWidget(self.buttons)
        self._load_taste()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)  # until the policy is read
        installation = desk.installation
        runner.submit(installation.current, self._policy_loaded, self._failed, key="settings-dialog")

    # ------------------------------------------------------------------------------------------- building

    def _taste_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("For you at this computer"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.language = QComboBox(objectName="SettingsLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        form.addRow(self.tr("&Language:"), self.language)
        self.theme = QComboBox(objectName="SettingsTheme")
        names = {"system": self.tr("As the system"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for code in THEMES:
            self.theme.addItem(names[code], code)
        form.addRow(self.tr("&Theme:"), self.theme)
        self.look_every = QSpinBox(objectName="SettingsLookEvery")
        self.look_every.setRange(0, LOOK_EVERY_MAX)
        self.look_every.setSuffix(self.tr(" s"))
        self.look_every.setSpecialValueText(self.tr("automatic"))
        words = max(self.look_every.specialValueText(), f"{LOOK_EVERY_MAX}{self.look_every.suffix()}", key=len)
        self.look_every.setMinimumWidth(self.look_every.fontMetrics().horizontalAdvance(words) + 48)  # + arrows
        self.look_every.setToolTip(self.tr("How often the table looks for changes when the database sends no "
                                           "notice of them (automatic: every 5 s on a file, 10 s on a server)."))
        form.addRow(self.tr("Look for &changes at least every:"), self.look_every)
        note = QLabel(self.tr("The theme changes at once; the language and the look-for-changes interval at the "
                              "next start."))
        note.setWordWrap(True)
        form.addRow(note)
        return box

    def _policy_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("For this installation (every workstation)"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.amber = QDoubleSpinBox(objectName="SettingsAmber")
        self.red = QDoubleSpinBox(objectName="SettingsRed")
        for spin, high in ((self.amber, 720), (self.red, 2160)):
            spin.setRange(1, high)
            spin.setDecimals(1)
            spin.setSuffix(self.tr(" h"))
        form.addRow(self.tr("A post turns &amber after:"), self.amber)
        form.addRow(self.tr("A post turns &red after:"), self.red)
        self.all_posts = QCheckBox(self.tr("Operators record and edit incidents of &every post"),
                                   objectName="SettingsAllPosts")
        self.all_posts.setToolTip(self.tr("Cleared: each operator records and edits only their own post's "
                                          "incidents (a post's own workstation)."))
        form.addRow(self.all_posts)
        self.centre_offset = QComboBox(objectName="SettingsCentreOffset")
        for minutes in OFFSETS:
            self.centre_offset.addItem(offset_text(minutes), minutes)
        self.centre_offset.setToolTip(self.tr("The centre's clock: the daily brief's day and the times shown in "
                                              "centre time."))
        form.addRow(self.tr("The centre's &time zone:"), self.centre_offset)
        self.policy_note = QLabel(objectName="SettingsPolicyNote")
        self.policy_note.setWordWrap(True)
        self.policy_note.setText(self.tr("Workstations apply these when they next start. Each change is recorded "
                                         "in the audit trail.") if self.may_change else
                                 self.tr("Only an administrator can change these."))
        form.addRow(self.policy_note)
        self.policy_widgets = (self.amber, self.red, self.all_posts, self.centre_offset)
        for widget in self.policy_widgets:
            widget.setEnabled(False)  # until the values are read (and for good when the person may not change them)
        return box

    # ------------------------------------------------------------------------------------------- values

    def _load_taste(self) -> None:
        self._choose(self.language, chosen_language(self.store))
        self._choose(self.theme, chosen_theme(self.store))
        self.look_every.setValue(look_every(self.store))

    @staticmethod
    def _choose(combo: QComboBox, data) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _policy_loaded(self, settings: list) -> None:
        self.policy = {s.key: s for s in settings}
        self._show_policy({key: s.value for key, s in self.policy.items()})
        for widget in self.policy_widgets:
            widget.setEnabled(self.may_change)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _show_policy(self, values: dict[str, str]) -> None:
        self.amber.setValue(float(values["report_amber_hours"]))
        self.red.setValue(float(values["report_red_hours"]))
        self.all_posts.setChecked(values["operators_all_posts"] == "true")
        self._choose(self.centre_offset, int(values["centre_utc_offset_minutes"]))

    def _policy_texts(self) -> dict[str, str]:
        return {"report_amber_hours": f"{self.amber.value():g}", "report_red_hours": f"{self.red.value():g}",
                "operators_all_posts": "true" if self.all_posts.isChecked() else "false",
                "centre_utc_offset_minutes": str(self.centre_offset.currentData())}

    def restore_defaults(self) -> None:
        self._choose(self.language, system_language())
        self._choose(self.theme, "system")
        self.look_every.setValue(0)
        if self.may_change and self.policy:
            self._show_policy({key: s.default for key, s in self.policy.items()})

    # ------------------------------------------------------------------------------------------- saving

    def policy_changes(self) -> dict[str, str | None]:
        """key -> new text, or None to go back to the default, for each value that differs from what applies."""
        changes: dict[str, str | None] = {}
        for key, text in self._policy_texts().items():
            setting = self.policy[key]
            if text == setting.value:
                continue
            changes[key] = None if text == setting.default else text
        return changes

    def save(self) -> None:
        if self.red.value() <= self.amber.value():
            QMessageBox.warning(self, self.tr("Settings"), self.tr(
                "A post turns red after it turns amber: give red more hours than amber."))
            self.red.setFocus()
            return
        language_before = chosen_language(self.store)
        look_before = look_every(self.store)
        save_language(self.language.currentData(), self.store)
        self.store.setValue(LOOK_EVERY, self.look_every.value())
        theme = self.theme.currentData()
        if theme != chosen_theme(self.store):
            save_theme(theme, self.store)
            apply_theme(QApplication.instance(), theme)
        self.store.sync()
        self.next_start = (self.language.currentData() != language_before or self.look_every.value() != look_before)
        changes = self.policy_changes() if self.may_change and self.policy else {}
        if not changes:
            self._finish(policy_changed=False)
            return
        self.buttons.setEnabled(False)
        installation = self.desk.installation
        self.runner.submit(lambda: installation.change(changes), lambda _done: self._finish(policy_changed=True),
                           self._save_failed)

    def _finish(self, policy_changed: bool) -> None:
        lines = []
        if policy_changed:
            lines.append(self.tr("The installation's settings are saved. Workstations apply them when they next "
                                 "start."))
        if self.next_start:
            lines.append(self.tr("Your language and look-for-changes interval apply from the next start."))
        if lines:
            QMessageBox.information(self, self.tr("Settings"), "\n".join(lines))
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        log.warning("settings: %s", exc)
        QMessageBox.warning(self, self.tr("Settings"), message_for(exc))


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)


def install_settings(workstation) -> None:
    """File → Settings… (Ctrl+,), before Quit."""
    window = workstation.window
    action = QAction(_t("&Settings…"), window)
    action.setObjectName("SettingsAction")
    action.setShortcut(QKeySequence(_t("Ctrl+,")))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)

    def open_dialog() -> None:
        dialog = SettingsDialog(workstation.desk, workstation.runner, window)
        workstation.settings_dialog = dialog
        dialog.open()

    action.triggered.connect(open_dialog)
    window.file_menu.insertAction(window.quit_action, action)
    window.file_menu.insertSeparator(window.quit_action)
    workstation.settings_action = action

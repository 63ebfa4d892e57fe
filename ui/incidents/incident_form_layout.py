"""The widgets of the incident form and how they are arranged; the behaviour lives in ui.incidents.incident_form.

Sections: Where & when | What, Route & persons, Seizures, Narrative; status, banner and buttons below.
Every label has a mnemonic (Alt+letter) that focuses its field; Ctrl+S saves, Ctrl+L adds a line.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.reference import ReferenceData
from sitcentre.domain.validation import MAX_PERSONS_DETAINED, TEXT_LIMITS
from ui.incidents.incident_form_fields import CountryCombo, LocalTimeEdit, PostCombo
from ui.incidents.incident_labels import (
    Field,
    directions,
    enum_combo,
    error_label,
    hint_label,
    incident_types,
    transport_modes,
)
from ui.incidents.seizure_lines_editor import SeizureLinesEditor
from ui.shell.screen_fit import FitOnShow

FORM_MINIMUM = (600, 420)  # the footer and a few rows of the sections; a smaller screen wins (screen_fit)


class IncidentFormLayout:
    """Mixed into IncidentForm (a QDialog): builds the widgets, knows the fields and the tab order.

    Lengths and ranges are the domain's own limits (domain.validation, the source of truth), so what the
    service would refuse cannot be typed in the first place.
    """

    fields: dict[str, Field]

    def build(self, reference: ReferenceData) -> None:
        self.fields = {}
        outer = QVBoxLayout(self)  # type: ignore[arg-type]
        self.content = QWidget()
        grid = QGridLayout(self.content)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.addWidget(self._where_and_when(reference), 0, 0)
        grid.addWidget(self._what(), 0, 1)
        grid.addWidget(self._route_and_persons(reference), 1, 0, 1, 2)
        grid.addWidget(self._seizures(reference), 2, 0, 1, 2)
        grid.addWidget(self._narrative(), 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        outer.addWidget(scroll, 1)
        self.banner = error_label()
        self.banner.setObjectName("FormBanner")
        outer.addWidget(self.banner)
        outer.addLayout(self._footer())
        # Opens no larger than the screen's free area (1366x768, 1024x700): the sections scroll inside.
        self.setMinimumSize(*FORM_MINIMUM)  # type: ignore[attr-defined]
        self.fit_on_show = FitOnShow(self)  # type: ignore[arg-type]

    # --- sections --------------------------------------------------------------------------------

    def _section(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return box, form

    def _row(self, form: QFormLayout, name: str, label: str, editor: QWidget,
             trailing: QWidget | None = None) -> None:
        """A labelled field with its own problem label; the label's mnemonic focuses the editor."""
        field = Field(editor, trailing)
        caption = QLabel(label)
        caption.setBuddy(editor)
        caption.setMinimumHeight(editor.sizeHint().height())
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(caption, field)
        self.fields[name] = field

    def _where_and_when(self, reference: ReferenceData) -> QGroupBox:
        box, form = self._section(self.tr("Where && when"))
        self.post = PostCombo(reference.posts)
        self.occurred_at = LocalTimeEdit()
        self.reported_at = LocalTimeEdit()
        self.now_label = hint_label()
        self.now_label.setObjectName("PostClock")
        self.times_hint = hint_label(self.tr("Times are the post's own clock. Untouched, they follow the time now; "
                                             "a time you change stays as typed, also if you then change the post."))
        self.times_hint.setWordWrap(True)
        self._row(form, "post_id", self.tr("&Post:"), self.post)
        form.addRow("", self.now_label)
        self._row(form, "occurred_at", self.tr("&Occurred at:"), self.occurred_at, self.occurred_at.offset_label)
        form.addRow("", self._ago_buttons())
        self._row(form, "reported_at", self.tr("&Reported at:"), self.reported_at, self.reported_at.offset_label)
        form.addRow("", self.times_hint)
        for editor in (self.occurred_at, self.reported_at):
            editor.setToolTip(self.times_hint.text())
        return box

    def _ago_buttons(self) -> QWidget:
        """Occurred 15, 30 or 60 minutes before now at the post (Alt+1, Alt+3, Alt+H); not in the Tab chain."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.ago_buttons = []
        for minutes, text in ((15, self.tr("&15 min ago")), (30, self.tr("&30 min ago")), (60, self.tr("1 &h ago"))):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(self.tr("Set “Occurred at” to %n minute(s) before now at the post", "", minutes))
            button.setProperty("minutes", minutes)
            layout.addWidget(button)
            self.ago_buttons.append(button)
        layout.addStretch(1)
        return row

    def _what(self) -> QGroupBox:
        box, form = self._section(self.tr("What"))
        self.incident_type = enum_combo(incident_types())
        self.direction = enum_combo(directions())
        self.transport_mode = enum_combo(transport_modes())
        self.concealment = QLineEdit()
        self.concealment.setMaxLength(TEXT_LIMITS["concealment"])
        self.concealment.setPlaceholderText(self.tr("e.g. spare wheel, false floor, body"))
        self._row(form, "incident_type", self.tr("&Type:"), self.incident_type)
        self._row(form, "direction", self.tr("D&irection:"), self.direction)
        self._row(form, "transport_mode", self.tr("Transport &mode:"), self.transport_mode)
        self._row(form, "concealment", self.tr("&Concealment:"), self.concealment)
        return box

    def _route_and_persons(self, reference: ReferenceData) -> QGroupBox:
        box = QGroupBox(self.tr("Route && persons"))
        columns = QHBoxLayout(box)
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            columns.addLayout(form, 1)
        self.route_departure = CountryCombo(reference.countries)
        self.route_transit = QLineEdit()
        self.route_transit.setMaxLength(TEXT_LIMITS["route_transit"])
        self.route_transit.setPlaceholderText(self.tr("Codes or names, e.g. TJ, UZ"))
        self.route_destination = CountryCombo(reference.countries)
        self.persons_detained = QSpinBox()
        self.persons_detained.setRange(0, MAX_PERSONS_DETAINED)
        self.persons_detained.setMaximumWidth(100)
        self.detainee_nationalities = QLineEdit()
        self.detainee_nationalities.setMaxLength(TEXT_LIMITS["detainee_nationalities"])
        self.detainee_nationalities.setPlaceholderText(self.tr("Country codes, e.g. TJ, AF"))
        self.joint_operation = QLineEdit()
        self.joint_operation.setMaxLength(TEXT_LIMITS["joint_operation"])
        self.joint_operation.setPlaceholderText(self.tr("With which agencies or counterpart BLO"))
        self._row(left, "route_departure", self.tr("&Departure:"), self.route_departure)
        self._row(left, "route_transit", self.tr("Tra&nsit:"), self.route_transit)
        self._row(left, "route_destination", self.tr("D&estination:"), self.route_destination)
        self._row(right, "persons_detained", self.tr("Persons det&ained:"), self.persons_detained)
        self._row(right, "detainee_nationalities", self.tr("Nationa&lities:"), self.detainee_nationalities)
        self._row(right, "joint_operation", self.tr("&Joint operation:"), self.joint_operation)
        return box

    def _seizures(self, reference: ReferenceData) -> QGroupBox:
        box = QGroupBox(self.tr("Seizures"))
        layout = QVBoxLayout(box)
        self.lines_editor = SeizureLinesEditor(reference.substances)
        layout.addWidget(self.lines_editor)
        return box

    def _narrative(self) -> QGroupBox:
        box = self.narrative_box = QGroupBox(self.tr("Narrati&ve"))
        layout = QVBoxLayout(box)
        self.narrative = QPlainTextEdit()
        self.narrative.setTabChangesFocus(True)
        self.narrative.setPlaceholderText(self.tr("What happened, as reported by the post"))
        self.narrative.setMinimumHeight(90)
        field = Field(self.narrative)
        layout.addWidget(field)
        self.fields["narrative"] = field
        return box

    def _footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.footer_fields = QWidget()
        status_row = QHBoxLayout(self.footer_fields)
        status_row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Stat&us:"))
        self.status = enum_combo({})
        self.status.setMinimumContentsLength(10)
        caption.setBuddy(self.status)
        self.status_note = hint_label(self.tr("set by a supervisor"))
        self.record_label = hint_label()
        self.record_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for widget in (caption, self.status, self.status_note):
            status_row.addWidget(widget)
        status_row.addSpacing(16)
        status_row.addWidget(self.record_label)
        footer.addWidget(self.footer_fields)
        footer.addStretch(1)
        self.saving_label = QLabel(self.tr("Saving…"))
        self.saving_label.setObjectName("SavingLabel")
        self.saving_label.hide()
        footer.addWidget(self.saving_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Save"))
        save.setToolTip(self.tr("Save the incident (Ctrl+S)"))
        save.setDefault(True)
        footer.addWidget(self.buttons)
        return footer

    # --- order -----------------------------------------------------------------------------------

    def field_order(self) -> list[str]:
        """Field names as they appear on screen ("lines" is the seizures editor)."""
        names = list(self.fields)
        names.insert(names.index("narrative"), "lines")
        return names

    def update_tab_order(self) -> None:
        chain: list[QWidget] = []
        for name in self.field_order():
            chain += self.lines_editor.focus_chain() if name == "lines" else [self.fields[name].editor]
        chain += [self.status, *self.buttons.buttons()]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

"""The incident form: create or edit an incident and its seizure lines.

Validation runs on the GUI thread (pure, no I/O) and shows every problem beside its field at once,
keeping the input. Saving runs on the task runner's DB worker (design rule 4); while it runs the form is
disabled and says so. A save over a version someone else changed opens the conflict dialog, and the
operator decides: nothing is overwritten or thrown away without that choice. A new incident is saved with
allow_duplicates=False: when it looks like one already recorded (same post, ±24 h, same substance, amount
within 10 %) nothing is saved and the duplicate warning lists the candidates; the operator saves anyway or
goes back. Saves go through the desk (`desk.incidents.record/update`), as the desk's signed-in actor (the
service checks the permission and audits the change); the runner publishes what they changed to every panel.

Typical use (the reference data is loaded once, on the worker):

    runner.submit(desk.reference.load, on_done=lambda ref: IncidentForm(runner, desk, ref).open())
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QWidget

from sitcentre.domain.duplicates import LikelyDuplicates
from sitcentre.domain.enums import Direction, IncidentStatus, IncidentType, TransportMode
from sitcentre.domain.errors import ConflictError
from sitcentre.domain.permissions import PermissionDenied
from sitcentre.domain.records import Incident, new_id, utcnow
from sitcentre.domain.reference import ReferenceData
from sitcentre.domain.validation import Problem, ValidationError, validate_incident
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.incidents.conflict_dialog import ConflictChoice, ConflictDialog
from ui.incidents.duplicate_dialog import DuplicateChoice, DuplicateWarning
from ui.incidents.incident_form_entry import IncidentFormEntry
from ui.incidents.incident_form_layout import IncidentFormLayout
from ui.incidents.incident_labels import FORM_STYLE, select_data, statuses
from ui.incidents.seizure_lines_editor import split_line_field

__all__ = ["IncidentForm", "ReferenceData"]

log = logging.getLogger(__name__)
OPERATOR_STATUSES = (IncidentStatus.DRAFT, IncidentStatus.REPORTED)
_UNSET = object()


class IncidentForm(QDialog, IncidentFormLayout, IncidentFormEntry):
    """Create (incident=None) or edit an incident. After a successful save: `saved` and `incident_saved`."""

    incident_saved = Signal(object)  # the Incident as saved (new version number, kg-equivalents filled)
    clock = staticmethod(utcnow)  # what "now" is (tests set it)

    def __init__(self, runner: TaskRunner, desk, reference: ReferenceData, incident: Incident | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("IncidentForm")
        self.setStyleSheet(FORM_STYLE)
        self._runner, self._incidents = runner, desk.incidents
        self._exchange = getattr(desk, "exchange_status", None)  # issue 13: "changed at the centre too"
        self.reference = reference
        self.saved: Incident | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self.duplicate_warning: DuplicateWarning | None = None
        self._original: Incident | None = None
        self._blank = Incident(post_id=None, occurred_at=None)  # a new incident keeps this id while edited
        self._saving = False
        self._offset: object = _UNSET  # the UTC offset the time fields show (None: no post chosen yet)
        self.build(reference)  # IncidentFormLayout: the widgets and their sections
        self.exchange_note = QLabel(self.tr("⚠ Changed at the centre too while your edit was not yet confirmed: "
                                            "the centre will decide."))
        self.exchange_note.setObjectName("ExchangeNote")
        self.exchange_note.setWordWrap(True)
        self.exchange_note.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 4px 6px; border-radius: 3px;")
        self.exchange_note.hide()
        self.layout().insertWidget(0, self.exchange_note)  # a line above the fields
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.save)
        self.post.currentTextChanged.connect(self._post_changed)
        self.lines_editor.rows_changed.connect(self.update_tab_order)
        for button in self.ago_buttons:
            button.clicked.connect(lambda _checked=False, b=button: self.occurred_ago(b.property("minutes")))
        self.clock_timer = QTimer(self, singleShot=True)
        self.clock_timer.timeout.connect(self.tick)
        self.load(incident)
        self.resize(1080, 780)

    # --- the incident in the form --------------------------------------------------------------

    @property
    def original(self) -> Incident | None:
        """The saved version the form edits (None for a new incident)."""
        return self._original

    @property
    def is_saving(self) -> bool:
        return self._saving

    def load(self, incident: Incident | None) -> None:
        """Fill the form from a saved incident, or with the defaults of a new one."""
        self._original = incident
        source = incident or self._blank
        now = self.clock()
        self.post.set_post_id(source.post_id)
        self._post_changed()
        for field, moment in ((self.occurred_at, source.occurred_at), (self.reported_at, source.reported_at)):
            if moment is None:
                field.follow_now(now)  # a new incident happened and is reported now, until told otherwise
            else:
                field.set_value(moment)
        self.tick()
        select_data(self.incident_type, IncidentType(source.incident_type))
        select_data(self.direction, Direction(source.direction))
        select_data(self.transport_mode, TransportMode(source.transport_mode))
        self.concealment.setText(source.concealment)
        self.route_departure.set_code(source.route_departure)
        self.route_transit.setText(source.route_transit)
        self.route_destination.set_code(source.route_destination)
        self.persons_detained.setValue(source.persons_detained)
        self.detainee_nationalities.setText(source.detainee_nationalities)
        self.joint_operation.setText(source.joint_operation)
        self.narrative.setPlainText(source.narrative)
        self._set_status(IncidentStatus(source.status))
        self.lines_editor.set_lines(source.lines)
        if incident is None:
            self.lines_editor.add_line()  # a starter row; left blank it is simply not a line
        self.setWindowTitle(self.tr("New incident") if incident is None else  # the number people say on the phone
                            self.tr("Edit incident {0}").format(incident.number or incident.id.hex[:8]))
        self.record_label.setText("" if incident is None else self.tr("Version {v} · {id}").format(
            v=incident.version, id=incident.id))
        self.show_problems([])
        self._clean = self._comparable()
        self.update_tab_order()
        self.post.setFocus()
        self._check_exchange(incident)

    def _check_exchange(self, incident: Incident | None) -> None:
        """At a post: does the centre hold another version of this record, beside our unconfirmed edit?"""
        self.exchange_note.hide()
        status = self._exchange
        if incident is None or status is None:
            return
        incident_id = incident.id

        def shown(flagged: bool) -> None:
            try:
                if self._original is not None and self._original.id == incident_id:
                    self.exchange_note.setVisible(bool(flagged))
            except RuntimeError:  # the form was closed and deleted meanwhile
                pass

        self._runner.submit(lambda: status.changed_at_centre(incident_id), on_done=shown,
                            on_error=lambda exc: log.info("exchange check failed: %s", exc))

    def incident(self) -> Incident:
        """What the form holds now, as an Incident (not validated)."""
        base = self._original or self._blank
        status = self.status.currentData()
        return replace(
            base,
            post_id=self.post.post_id(),
            occurred_at=self.occurred_at.value(),
            reported_at=self.reported_at.value(),
            incident_type=IncidentType(self.incident_type.currentData()),
            direction=Direction(self.direction.currentData()),
            transport_mode=TransportMode(self.transport_mode.currentData()),
            concealment=self.concealment.text().strip(),
            route_departure=_code_or_none(self.route_departure),
            route_transit=self._transit(),
            route_destination=_code_or_none(self.route_destination),
            persons_detained=self.persons_detained.value(),
            detainee_nationalities=self.detainee_nationalities.text().strip(),
            joint_operation=self.joint_operation.text().strip(),
            narrative=self.narrative.toPlainText().rstrip(),
            status=IncidentStatus(status) if status else base.status,
            lines=self.lines_editor.lines(),
        )

    def is_dirty(self) -> bool:
        return self._comparable() != self._clean

    def _comparable(self) -> Incident:
        """The incident without the times that only follow the clock: time passing is not an edit."""
        incident = self.incident()
        follows = {name: None for name in ("occurred_at", "reported_at") if getattr(self, name).follows_now}
        return replace(incident, **follows)

    def _set_status(self, status: IncidentStatus) -> None:
        """Draft/reported are the operator's; verified/rejected are a supervisor's and shown read-only."""
        editable = status in OPERATOR_STATUSES
        labels = statuses()
        self.status.clear()
        for value in OPERATOR_STATUSES if editable else (status,):
            self.status.addItem(labels[value], value)
        select_data(self.status, status)
        self.status.setEnabled(editable)
        self.status_note.setVisible(not editable)

    def _post_changed(self) -> None:
        post = self.reference.post(self.post.post_id())
        minutes = post.utc_offset_minutes if post else None
        if minutes != self._offset:
            self._offset = minutes
            self.occurred_at.set_offset(minutes)
            self.reported_at.set_offset(minutes)
            self.tick()

    # --- problems ------------------------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        """Every problem beside its field, the first one focused; problems of no field in the banner."""
        for name, field in self.fields.items():
            field.show_problems([p.message for p in problems if p.field == name])
        self.lines_editor.show_problems([p for p in problems if p.field.startswith("lines")])
        if not problems:
            self._banner("")
            return
        placed = set(self.fields) | {"lines"}
        others = [p.message for p in problems if p.field.split("[")[0] not in placed]
        summary = self.tr("Not saved: %n problem(s) to correct, marked in red.", "", len(problems))
        self._banner("\n".join([summary, *others]), error=True)
        widget = self._first_problem_widget(problems)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_problem_widget(self, problems: list[Problem]) -> QWidget | None:
        names = {p.field for p in problems}
        for name in self.field_order():
            if name == "lines":
                line_fields = sorted((f for f in names if f.startswith("lines")), key=_line_sort_key)
                if line_fields:
                    return self.lines_editor.widget_for(line_fields[0])
            elif name in names:
                return self.fields[name].editor
        return None

    def _banner(self, text: str, error: bool = False) -> None:
        self.banner.setProperty("role", "error" if error else "hint")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate here; if clean, save on the DB worker. Returns True when a save was started."""
        if self._saving or self.conflict_dialog is not None or self.duplicate_warning is not None:
            return False
        self.tick()  # untouched times are now, to the minute
        incident = self.incident()
        problems = self.form_problems()
        flagged = {p.field for p in problems}  # one message a field: "'12kg' is not a number", not also "above 0"
        problems += [p for p in validate_incident(incident, self.reference.substances_by_id) if p.field not in flagged]
        self.show_problems(problems)
        if problems or not self._large_quantities_confirmed(incident):
            return False
        self._submit(incident, "record" if self._original is None else "update")
        return True

    def _submit(self, incident: Incident, method: str, allow_duplicates: bool = False) -> None:
        incidents = self._incidents

        def work():  # runs on the DB worker: no widget is touched here; Done(saved incident, what changed)
            if method == "record":
                return incidents.record(incident, allow_duplicates=allow_duplicates)
            return incidents.update(incident)

        self._set_saving(True)
        self._runner.submit(work, on_done=self._save_done, on_error=self._save_failed)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.content.setEnabled(not saving)
        self.footer_fields.setEnabled(not saving)
        self.buttons.setEnabled(not saving)
        self.saving_label.setVisible(saving)
        if saving:
            self._banner("")

    def _save_done(self, saved: Incident) -> None:
        self._set_saving(False)
        self.saved = self._original = saved
        self._clean = self._comparable()
        self.incident_saved.emit(saved)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, ValidationError):
            self.show_problems(exc.problems)
        elif isinstance(exc, ConflictError):
            self.open_conflict_dialog(exc)
        elif isinstance(exc, LikelyDuplicates):
            self.open_duplicate_warning(exc)
        elif isinstance(exc, PermissionDenied):
            self._banner(self.tr("Not saved: {reason}").format(reason=message_for(exc)), error=True)
        else:
            self._banner(self.tr("Not saved: {reason}\nYour input is kept; try again.").format(
                reason=message_for(exc)), error=True)

    # --- someone else saved meanwhile ------------------------------------------------------------

    def open_conflict_dialog(self, conflict: ConflictError) -> ConflictDialog:
        """Show both versions (window-modal, not blocking); the choice is acted on when it closes."""
        dialog = ConflictDialog(conflict.mine, conflict.theirs, self.reference, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _code: self._conflict_resolved(dialog, conflict))
        self.conflict_dialog = dialog
        dialog.open()
        return dialog

    def _conflict_resolved(self, dialog: ConflictDialog, conflict: ConflictError) -> None:
        self.conflict_dialog = None
        dialog.deleteLater()
        mine, theirs = conflict.mine, conflict.theirs
        if dialog.choice is ConflictChoice.RELOAD_THEIRS and theirs is not None:
            self.load(theirs)
            self._banner(self.tr("Reloaded version {v} as saved by someone else; your edits were discarded.").format(
                v=theirs.version))
        elif dialog.choice is ConflictChoice.OVERWRITE and theirs is not None:
            self._submit(replace(mine, version=theirs.version), "update")
        elif dialog.choice is ConflictChoice.SAVE_AS_NEW:
            as_new = replace(mine, id=new_id(), version=1, lines=tuple(replace(ln, id=new_id()) for ln in mine.lines))
            self._submit(as_new, "record")
        else:
            self._banner(self.tr("Not saved: the incident changed after you opened it. Your edits are still here; "
                                 "saving again shows both versions."), error=True)

    # --- it may have been recorded already -------------------------------------------------------

    def open_duplicate_warning(self, found: LikelyDuplicates) -> DuplicateWarning:
        """List the likely duplicates (window-modal, not blocking); save anyway or go back."""
        incident = self.incident()
        dialog = DuplicateWarning(str(found), found.candidates, self.reference, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _code: self._duplicates_answered(dialog, incident))
        self.duplicate_warning = dialog
        dialog.open()
        return dialog

    def _duplicates_answered(self, dialog: DuplicateWarning, incident: Incident) -> None:
        self.duplicate_warning = None
        dialog.deleteLater()
        if dialog.choice is DuplicateChoice.SAVE_ANYWAY:
            self._submit(incident, "record", allow_duplicates=True)
        else:
            self._banner(self.tr("Not saved: check the incidents listed as possible duplicates. Your input is kept; "
                                 "save again to see them."), error=True)

    # --- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: ask before throwing edits away."""
        if self._saving:
            return  # the save is under way; its answer decides
        if self.is_dirty() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard changes?"),
                          self.tr("This incident has changes that are not saved. Discard them?"),
                          QMessageBox.StandardButton.NoButton, self)
        discard = box.addButton(self.tr("&Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is discard

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    @property
    def cancel_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)


def _code_or_none(combo) -> str | None:
    try:
        return combo.code()
    except ValueError:
        return None


def _line_sort_key(field: str) -> tuple[int, int]:
    index, attribute = split_line_field(field)
    return (-1 if index is None else index, ("substance_id", "quantity", "unit").index(attribute)
            if attribute in ("substance_id", "quantity", "unit") else 3)


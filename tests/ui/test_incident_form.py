"""The incident form: create and edit incidents with their seizure lines, on SQLite and PostgreSQL.

The form is driven as an operator would (typing, Ctrl+S, Esc); saves run on the real task runner's
worker and are checked in the database. Conflicts are made for real: the test saves a newer version
through the service while the form still holds the old one. Dialogs that would block (the discard
question) are replaced by a stand-in; the conflict dialog is window-modal and opened with open(), so
the test presses its buttons.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.records import utcnow
from sitcentre.domain.validation import MAX_PERSONS_DETAINED, TEXT_LIMITS, Problem, ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.incidents import IncidentService
from tests.ui import form_helpers
from tests.ui.barriers import drain
from tests.ui.form_helpers import (
    SAVE_TIMEOUT_MS,
    choose,
    incident_count,
    make_form,
    offline_reference,
    post_id,
    save_and_wait,
    saved_incident,
    stored,
    substance_id,
    type_quantity,
)
from ui.conflict_dialog import ConflictDialog
from ui.incident_form import IncidentForm

runner, reference = form_helpers.runner, form_helpers.reference  # fixtures


# --- creating --------------------------------------------------------------------------------------

def test_creating_an_incident_with_two_lines_saves_it_and_shows_the_tablet_conversion(qtbot, runner, engine,
                                                                                     reference):
    form = make_form(qtbot, runner, engine, reference)
    assert form.windowTitle() == "New incident"
    form.post.set_post_id(post_id(reference, "KG-DOS"))
    form.occurred_at.set_value(datetime(2026, 3, 14, 4, 0, tzinfo=UTC))
    first = form.lines_editor.rows[0]
    choose(first.substance, substance_id(reference, "tramadol"))
    type_quantity(qtbot, first, "1000")
    assert first.unit.currentData() == Unit.TABLETS  # tramadol is recorded in tablets by default
    assert first.kg.text() == "0.2 kg — 1,000 tablets x 200 mg = 0.2 kg"
    qtbot.keyClick(form, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L adds a line
    second = form.lines_editor.rows[1]
    choose(second.substance, substance_id(reference, "heroin"))
    type_quantity(qtbot, second, "2.5")
    choose(second.basis, "weighed")
    assert second.kg.text() == "2.5 kg — 2.5 kg as recorded"
    assert "2.7 kg" in form.lines_editor.total_label.text()
    qtbot.keyClicks(form.narrative, "Tablets in a sports bag, heroin under the seat.")

    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert form.result() == IncidentForm.DialogCode.Accepted and not form.isVisible()
    saved = stored(engine, form.saved.id)
    assert saved is not None and saved.version == 1
    assert saved.post_id == post_id(reference, "KG-DOS")
    assert saved.occurred_at == datetime(2026, 3, 14, 4, 0, tzinfo=UTC)
    assert saved.narrative == "Tablets in a sports bag, heroin under the seat."
    lines = sorted(saved.lines, key=lambda line: line.kg_equivalent)
    assert [(line.quantity, line.unit, line.kg_equivalent) for line in lines] == [
        (1000, Unit.TABLETS, pytest.approx(0.2)), (2.5, Unit.KG, 2.5)]
    assert lines[0].conversion == "1,000 tablets x 200 mg = 0.2 kg"
    assert lines[1].basis == "weighed"


def test_times_are_typed_in_the_posts_local_time_and_kept_in_utc(qtbot, runner):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    assert form.occurred_at.offset_label.text() == "UTC (choose a post)"
    form.post.set_post_id(post_id(reference, "KG-DOS"))  # Kyrgyzstan, UTC+6
    form.occurred_at.set_value(datetime(2026, 3, 14, 4, 0, tzinfo=UTC))
    assert form.occurred_at.text() == "2026-03-14 10:00"
    assert form.occurred_at.offset_label.text() == "UTC+06:00 post time"

    form.post.set_post_id(post_id(reference, "KZ-KOR"))  # the operator picked the wrong post: Kordai, UTC+5
    assert form.occurred_at.text() == "2026-03-14 10:00"  # the time copied from the report stays as typed
    assert form.incident().occurred_at == datetime(2026, 3, 14, 5, 0, tzinfo=UTC)
    assert form.occurred_at.value().tzinfo is not None


def test_typing_part_of_a_post_name_finds_it_and_sets_the_time_zone(qtbot, runner):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    qtbot.keyClicks(form.post.lineEdit(), "dost")
    popup = form.post.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    assert form.post.currentText() == "BLO Dostuk (KG-UZ)"
    assert form.post.post_id() == post_id(reference, "KG-DOS")
    assert form.reported_at.offset_label.text() == "UTC+06:00 post time"


def test_each_substance_offers_only_its_units(qtbot, runner):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    row = form.lines_editor.rows[0]

    def offered(code: str) -> set[Unit]:
        choose(row.substance, substance_id(reference, code))
        return {row.unit.itemData(i) for i in range(row.unit.count())}

    assert offered("heroin") == {Unit.KG, Unit.G}
    assert offered("acetic_anhydride") == {Unit.LITRE, Unit.KG}
    assert offered("tramadol") == {Unit.TABLETS, Unit.KG, Unit.G}


# --- problems --------------------------------------------------------------------------------------

def test_an_invalid_form_shows_every_problem_beside_its_field_keeps_the_input_and_writes_nothing(
        qtbot, runner, engine, reference):
    form = make_form(qtbot, runner, engine, reference)
    form.occurred_at.set_value(utcnow() + timedelta(days=2))  # no post chosen; a time in the future
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "heroin"))  # ... and no quantity
    qtbot.keyClicks(form.narrative, "Two bags found in the boot.")
    form.route_departure.setEditText("Afghanistan?")

    assert not form.save()

    problems = {name: field.error.text() for name, field in form.fields.items() if field.error.isVisibleTo(form)}
    assert set(problems) == {"post_id", "occurred_at", "reported_at", "route_departure"}
    assert "post" in problems["post_id"] and "future" in problems["occurred_at"]
    assert all(form.fields[name].editor.property("invalid") for name in problems)
    assert not form.fields["narrative"].editor.property("invalid")
    assert row.error.isVisibleTo(form) and "quantity must be above zero" in row.error.text()
    assert row.quantity.property("invalid") and not row.substance.property("invalid")
    assert "5 problems" in form.banner.text()
    assert form.post.hasFocus() or form.post.lineEdit().hasFocus()  # the first problem, for correcting
    # everything typed is still there
    assert form.narrative.toPlainText() == "Two bags found in the boot."
    assert row.substance_id == substance_id(reference, "heroin") and row.quantity.value() == 0
    assert form.route_departure.currentText() == "Afghanistan?"
    assert form.isVisible() and not form.is_saving
    drain(qtbot, runner)  # a save the form had sent to the database would have run by now
    assert incident_count(engine) == 0


def test_a_seizure_without_lines_is_shown_beside_the_seizures_and_corrected_problems_go_away(qtbot, runner):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    form.post.set_post_id(post_id(reference, "TJ-PPY"))
    form.lines_editor.rows[0].remove.click()
    assert form.lines_editor.empty_hint.isVisibleTo(form)

    assert not form.save()
    assert form.lines_editor.error.isVisibleTo(form)
    assert "at least one seizure line" in form.lines_editor.error.text()

    row = form.lines_editor.add_line()
    choose(row.substance, substance_id(reference, "opium"))
    row.quantity.setValue(0)
    assert not form.save()
    assert not form.lines_editor.error.isVisibleTo(form) and row.error.isVisibleTo(form)
    assert row.quantity.hasFocus()


# --- editing and conflicts -------------------------------------------------------------------------

def test_editing_shows_the_saved_incident_and_saves_the_next_version(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    assert form.windowTitle() == f"Edit incident {original.number}" and original.number.startswith("DOS-C-")
    assert form.post.post_id() == original.post_id
    assert form.occurred_at.text() == "2026-03-10 12:30"  # Dostuk is UTC+6
    assert form.narrative.toPlainText() == "Car stopped at Dostuk."
    assert form.lines_editor.rows[0].kg.text() == "4.2 kg — 4.2 kg as recorded"
    assert not form.is_dirty()

    form.persons_detained.setValue(2)
    save_and_wait(qtbot, form)

    saved = stored(engine, original.id)
    assert saved.version == 2 and saved.persons_detained == 2
    assert [line.id for line in saved.lines] == [line.id for line in original.lines]


def test_saving_over_a_changed_incident_shows_both_versions_and_overwrite_saves_mine_as_version_3(
        qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine: two men detained.")
    form.persons_detained.setValue(2)
    IncidentService(engine).update(replace(original, narrative="Theirs: changed at the other desk."))

    assert form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None and form.conflict_dialog.isVisible(),
                    timeout=SAVE_TIMEOUT_MS)
    dialog: ConflictDialog = form.conflict_dialog
    rows = {d.label: d for d in dialog.differences}
    assert rows["Narrative"].mine == "Mine: two men detained."
    assert rows["Narrative"].theirs == "Theirs: changed at the other desk."
    assert {label for label, d in rows.items() if d.differs} == {"Narrative", "Persons detained"}
    headers = [dialog.table.horizontalHeaderItem(i).text() for i in range(3)]
    assert headers[1] == "Mine (edited from version 1)" and headers[2] == "Theirs (saved, version 2)"
    assert incident_count(engine) == 1 and stored(engine, original.id).narrative.startswith("Theirs")

    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        dialog.overwrite_button.click()

    saved = stored(engine, original.id)
    assert saved.version == 3 and form.saved.version == 3
    assert saved.narrative == "Mine: two men detained." and saved.persons_detained == 2


def test_reload_theirs_puts_the_saved_version_in_the_form(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine")
    theirs = IncidentService(engine).update(replace(original, narrative="Theirs", persons_detained=4))

    form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None, timeout=SAVE_TIMEOUT_MS)
    form.conflict_dialog.reload_button.click()

    assert form.isVisible() and form.conflict_dialog is None
    assert form.narrative.toPlainText() == "Theirs" and form.persons_detained.value() == 4
    assert form.original.version == theirs.version == 2 and not form.is_dirty()
    save_and_wait(qtbot, form)  # saving now builds on their version
    assert stored(engine, original.id).version == 3


def test_keep_editing_leaves_my_edits_in_the_form_and_saves_nothing(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine")
    IncidentService(engine).update(replace(original, narrative="Theirs"))

    form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None, timeout=SAVE_TIMEOUT_MS)
    form.conflict_dialog.keep_editing_button.click()

    assert form.isVisible() and form.narrative.toPlainText() == "Mine"
    assert "Not saved" in form.banner.text() and form.content.isEnabled()
    assert stored(engine, original.id).narrative == "Theirs"


def test_saving_over_a_deleted_incident_offers_to_save_mine_as_new(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine, after it was deleted")
    with UnitOfWork(engine, write=True) as uow:
        IncidentRepository(uow.session).delete(original.id)
        uow.commit()

    form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None, timeout=SAVE_TIMEOUT_MS)
    dialog = form.conflict_dialog
    assert "deleted" in dialog.message.text() and dialog.table is None
    assert dialog.overwrite_button is None and dialog.reload_button is None
    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        dialog.save_as_new_button.click()

    assert form.saved.id != original.id and stored(engine, original.id) is None
    again = stored(engine, form.saved.id)
    assert again.narrative == "Mine, after it was deleted" and again.version == 1 and len(again.lines) == 1


# --- saving off the GUI thread, and its failures ---------------------------------------------------

def test_saving_runs_on_the_db_worker_while_the_form_is_disabled(qtbot, runner, engine, reference, monkeypatch):
    threads = []
    real_record = IncidentService.record

    def record(self, incident, username="", **options):
        threads.append(threading.current_thread())
        return real_record(self, incident, username, **options)

    monkeypatch.setattr(IncidentService, "record", record)
    form = make_form(qtbot, runner, engine, reference)
    form.post.set_post_id(post_id(reference, "UZ-TER"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "acetic_anhydride"))
    row.quantity.setValue(40)

    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        assert form.save()
        # the answer comes back through the event loop, so the form is still waiting here
        assert form.is_saving and not form.content.isEnabled() and not form.buttons.isEnabled()
        assert form.saving_label.isVisibleTo(form) and form.saving_label.text() == "Saving…"
        assert not form.save()  # a second Ctrl+S while saving does nothing

    assert threads and threads[0] is not threading.main_thread() and threads[0].name == "sitcentre-db"
    assert stored(engine, form.saved.id).lines[0].conversion == "40 l counted as 40 kg (1 l = 1 kg)"


def test_a_database_failure_is_shown_in_plain_words_and_the_form_stays_open(qtbot, runner, monkeypatch):
    def locked(self, incident, username="", **options):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(IncidentService, "record", locked)
    reference = offline_reference()
    form = make_form(qtbot, runner, object(), reference)
    form.post.set_post_id(post_id(reference, "KG-KSU"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "hashish"))
    row.quantity.setValue(12)

    form.save()
    qtbot.waitUntil(lambda: not form.is_saving, timeout=SAVE_TIMEOUT_MS)

    assert form.isVisible() and form.content.isEnabled() and form.buttons.isEnabled()
    assert "busy" in form.banner.text() and "Your input is kept" in form.banner.text()
    assert row.quantity.value() == 12 and form.saved is None


def test_problems_found_by_the_service_are_shown_beside_their_fields(qtbot, runner, monkeypatch):
    def refused(self, incident, username="", **options):
        raise ValidationError([Problem("post_id", "The chosen post no longer exists. Choose another post.")])

    monkeypatch.setattr(IncidentService, "record", refused)
    reference = offline_reference()
    form = make_form(qtbot, runner, object(), reference)
    form.post.set_post_id(post_id(reference, "KG-KSU"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "hashish"))
    row.quantity.setValue(12)

    form.save()
    qtbot.waitUntil(lambda: form.fields["post_id"].error.isVisibleTo(form), timeout=SAVE_TIMEOUT_MS)
    assert "no longer exists" in form.fields["post_id"].error.text() and form.content.isEnabled()


def fill_valid(form, reference) -> None:
    """A post, times an hour ago and one heroin line: what a save needs."""
    form.post.set_post_id(post_id(reference, "KG-DOS"))  # the time fields keep their wall-clock time: set after
    form.occurred_at.set_value(utcnow() - timedelta(hours=1))
    form.reported_at.set_value(utcnow() - timedelta(hours=1))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "heroin"))
    row.quantity.setValue(3)


def test_a_report_time_in_the_future_is_shown_beside_the_reported_field(qtbot, runner):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    fill_valid(form, reference)
    form.reported_at.set_value(datetime(2062, 1, 1, 9, 0, tzinfo=UTC))

    assert not form.save()
    shown = {name: field.error.text() for name, field in form.fields.items() if field.error.isVisibleTo(form)}
    assert set(shown) == {"reported_at"} and "future" in shown["reported_at"]
    assert form.reported_at.hasFocus() and form.reported_at.property("invalid")


def test_a_future_report_time_refused_by_the_service_is_shown_beside_the_reported_field(
        qtbot, runner, engine, reference, monkeypatch):
    monkeypatch.setattr("ui.incident_form.validate_incident", lambda *args, **kwargs: [])  # only the service checks
    form = make_form(qtbot, runner, engine, reference)
    fill_valid(form, reference)
    form.reported_at.set_value(datetime(2062, 1, 1, 9, 0, tzinfo=UTC))

    assert form.save()  # sent to the service, which refuses it
    qtbot.waitUntil(lambda: form.fields["reported_at"].error.isVisibleTo(form), timeout=SAVE_TIMEOUT_MS)
    assert "future" in form.fields["reported_at"].error.text()
    assert form.isVisible() and form.content.isEnabled() and incident_count(engine) == 0


def test_the_form_takes_its_limits_from_the_domain(qtbot, runner):
    form = make_form(qtbot, runner, None, offline_reference())
    assert form.persons_detained.maximum() == MAX_PERSONS_DETAINED
    # the quantity is text (test_form_numbers): its limit per unit is the domain's, shown beside the line
    for name in ("concealment", "route_transit", "detainee_nationalities", "joint_operation"):
        assert getattr(form, name).maxLength() == TEXT_LIMITS[name], name


def test_a_quantity_above_the_domain_limit_for_its_unit_is_shown_beside_the_line(qtbot, runner):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    fill_valid(form, reference)
    row = form.lines_editor.rows[0]
    row.quantity.setValue(2_000_000)  # kg: within the widget's range (grams go higher), above the kg limit

    assert not form.save()
    assert row.error.isVisibleTo(form) and "1,000,000 kg" in row.error.text()
    assert row.quantity.property("invalid") and row.quantity.hasFocus()


# --- status, closing, keyboard ---------------------------------------------------------------------

def test_a_verified_incident_shows_its_status_read_only_and_keeps_it(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference, status=IncidentStatus.VERIFIED)
    form = make_form(qtbot, runner, engine, reference, original)
    assert form.status.currentText() == "Verified" and not form.status.isEnabled()
    assert form.status_note.isVisibleTo(form)

    form.concealment.setText("spare wheel")
    save_and_wait(qtbot, form)
    assert stored(engine, original.id).status == IncidentStatus.VERIFIED


def test_escape_asks_before_discarding_edits_and_only_then(qtbot, runner):
    form = make_form(qtbot, runner, None, offline_reference())
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and form.discard_questions == 0  # nothing typed: closes at once

    form = make_form(qtbot, runner, None, offline_reference())
    qtbot.keyClicks(form.narrative, "Half-typed report")
    form.discard_answer = False
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and form.discard_questions == 1
    assert form.narrative.toPlainText() == "Half-typed report"
    form.discard_answer = True
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and form.result() == IncidentForm.DialogCode.Rejected


def test_every_field_has_its_own_alt_mnemonic_and_tab_follows_the_screen(qtbot, runner):
    form = make_form(qtbot, runner, None, offline_reference())
    captions = [label for label in form.findChildren(QLabel) if label.buddy() is not None]
    assert len(captions) == len(form.fields)  # every field but the narrative (its box has one), plus status
    letters = [mnemonic(label.text()) for label in captions] + [mnemonic(form.narrative_box.title())]
    assert None not in letters and len(set(letters)) == len(letters)
    assert "s" not in letters  # Alt+S is the Save button

    row = form.lines_editor.rows[0]
    expected = [form.post, form.occurred_at, form.reported_at, form.incident_type, form.direction,
                form.transport_mode, form.concealment, form.route_departure, form.route_transit,
                form.route_destination, form.persons_detained, form.detainee_nationalities, form.joint_operation,
                row.substance, row.quantity, row.unit, row.basis, row.remove, form.lines_editor.add_button,
                form.narrative, form.status]
    form.post.setFocus()
    visited = [form.post]
    for _ in range(len(expected) - 1):  # one press a field: Tab leaves a date-time at once, not section by section
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(owner(QApplication.focusWidget(), expected))
    assert visited == expected


def mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return None if index < 0 else text.replace("&&", "")[index + 1].lower()


def owner(widget, candidates):
    """The form's input that a focused inner widget (a combo's or spin box's line edit) belongs to."""
    while widget is not None and widget not in candidates:
        widget = widget.parentWidget()
    return widget

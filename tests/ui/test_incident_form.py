"""The incident form: create incidents with their seizure lines, problems shown beside their fields, status,
closing and keyboard, on SQLite and PostgreSQL. Editing, conflicts and save failures: test_form_saving.py.

The form is driven as an operator would (typing, Ctrl+S, Esc); saves run on the real task runner's
worker and are checked in the database. Dialogs that would block (the discard question) are replaced by
a stand-in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from sitcentre.domain.enums import IncidentStatus, Unit
from sitcentre.domain.records import utcnow
from sitcentre.domain.validation import MAX_PERSONS_DETAINED, TEXT_LIMITS
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
from ui.incidents.incident_form import IncidentForm

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
    assert form.occurred_at.offset_label.text() == "UTC+6 post time"

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
    assert form.reported_at.offset_label.text() == "UTC+6 post time"


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
    # only the service checks
    monkeypatch.setattr("ui.incidents.incident_form.validate_incident", lambda *args, **kwargs: [])
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

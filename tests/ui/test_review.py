"""The review of incidents in the real workstation: what each role is offered, what the service refuses,
verify / reject / reopen on the selected row, the duplicate warning of the form, and linking duplicates.

Message boxes are recorded instead of shown; the reason, warning and link dialogs are window-modal and
opened with open(), so the tests press their buttons.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

import ui.incidents.review_actions as review_actions
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, Role
from sitcentre.repositories.incidents import IncidentRepository
from tests.integration.helpers import ids
from tests.integration.people import add_user, audit_rows, test_settings
from tests.ui.barriers import drain
from tests.ui.stations import WHEN, make_station, record, select, status_in_table, wait_rows
from ui.incidents.duplicate_dialog import DuplicateWarning
from ui.incidents.incident_form import IncidentForm

TIMEOUT_MS = 15_000


@pytest.fixture
def messages(monkeypatch):
    shown = []
    monkeypatch.setattr(review_actions.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    return shown


@pytest.fixture
def settings(tmp_path):
    return test_settings(tmp_path)


@pytest.fixture
def reported(engine):
    return record(engine)


def station_as(qtbot, engine, settings, name: str, role: Role):
    ws = make_station(qtbot, engine, add_user(engine, settings, name, role), settings)
    return ws


@pytest.fixture
def supervisor_station(qtbot, engine, settings, reported):
    ws = station_as(qtbot, engine, settings, "sup", Role.SUPERVISOR)
    wait_rows(qtbot, ws, 1)
    select(ws, reported.id)
    yield ws
    ws.shutdown()


def stored(engine, incident_id):
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).get(incident_id)


def wait_status(qtbot, ws, incident_id, status: IncidentStatus) -> None:
    qtbot.waitUntil(lambda: status_in_table(ws, incident_id) == status, timeout=TIMEOUT_MS)


# --- what each role is offered ---------------------------------------------------------------------

def test_an_operators_window_has_verify_disabled_and_shows_who_is_signed_in(qtbot, engine, settings, reported):
    ws = station_as(qtbot, engine, settings, "ops", Role.OPERATOR)
    wait_rows(qtbot, ws, 1)
    select(ws, reported.id)
    review = ws.review
    assert ws.user_label.text() == "User: ops (operator)"
    assert ws.new_action.isEnabled() and ws.edit_action.isEnabled()
    assert not any(a.isEnabled() for a in (review.verify_action, review.reject_action, review.reopen_action,
                                           review.link_action, review.history_action, ws.audit_action))
    ws.shutdown()


def test_a_refusal_by_the_service_shows_its_message_in_plain_words(qtbot, engine, settings, reported, messages):
    ws = station_as(qtbot, engine, settings, "ops", Role.OPERATOR)
    wait_rows(qtbot, ws, 1)
    select(ws, reported.id)

    with qtbot.waitSignal(ws.review.refused, timeout=TIMEOUT_MS):
        ws.review.verify_selected()  # as if the greyed-out action had been reached anyway

    assert messages == ["Operators cannot verify or reject incidents: ask a supervisor."]
    assert stored(engine, reported.id).status == IncidentStatus.REPORTED
    assert [r.username for r in audit_rows(engine, action="refused")] == ["ops"]
    ws.shutdown()


def test_an_admin_may_not_record_incidents_but_may_open_the_audit_trail(qtbot, engine, settings):
    ws = station_as(qtbot, engine, settings, "root", Role.ADMIN)
    assert ws.user_label.text() == "User: root (administrator)"
    assert not ws.new_action.isEnabled() and ws.audit_action.isEnabled()
    ws.shutdown()


# --- verify, reject, reopen ------------------------------------------------------------------------

def test_a_supervisor_verifies_the_selected_row_and_the_table_shows_it(qtbot, engine, supervisor_station, reported):
    ws = supervisor_station
    assert ws.review.verify_action.isEnabled() and ws.review.verify_action.shortcut().toString() == "Ctrl+Shift+V"
    assert not ws.review.reopen_action.isEnabled()  # a reported incident has no verdict to take back

    ws.review.verify_action.trigger()

    wait_status(qtbot, ws, reported.id, IncidentStatus.VERIFIED)
    saved = stored(engine, reported.id)
    assert saved.status == IncidentStatus.VERIFIED and saved.verified_by == ws.actor.id
    assert not ws.review.verify_action.isEnabled() and ws.review.reopen_action.isEnabled()
    assert ws.window.statusBar().currentMessage().startswith("Verified ")


def test_rejecting_asks_for_a_reason_and_refuses_to_go_on_without_one(qtbot, engine, supervisor_station, reported):
    ws = supervisor_station
    dialog = ws.review.reject_selected()
    assert dialog is not None and dialog.isVisible()

    dialog.accept()  # no reason yet
    assert dialog.isVisible() and dialog.field.error.text() == "Say why the incident is rejected."

    dialog.reason.setPlainText("Reported twice: the same car as the morning report.")
    dialog.accept()

    wait_status(qtbot, ws, reported.id, IncidentStatus.REJECTED)
    saved = stored(engine, reported.id)
    assert saved.rejection_reason == "Reported twice: the same car as the morning report."


def test_cancelling_the_reason_rejects_nothing(qtbot, engine, supervisor_station, reported):
    dialog = supervisor_station.review.reject_selected()
    dialog.reject()
    drain(qtbot, supervisor_station.runner)  # a rejection sent to the database would have run by now
    assert stored(engine, reported.id).status == IncidentStatus.REPORTED
    assert [r.action for r in audit_rows(engine, entity_id=str(reported.id))] == ["create"]


def test_reopen_takes_a_verdict_back(qtbot, engine, supervisor_station, reported):
    ws = supervisor_station
    ws.review.verify_action.trigger()
    wait_status(qtbot, ws, reported.id, IncidentStatus.VERIFIED)
    ws.review.reopen_action.trigger()
    wait_status(qtbot, ws, reported.id, IncidentStatus.REPORTED)


def test_a_review_of_a_version_changed_meanwhile_is_refused(qtbot, engine, supervisor_station, reported, messages):
    ws = supervisor_station
    ws.desk.reviews.verify(reported.id)  # another supervisor, same moment (not through this window's runner)
    with qtbot.waitSignal(ws.review.refused, timeout=TIMEOUT_MS):
        ws.review.reject_action.trigger()
        ws.review.reject_dialog.reason.setPlainText("Too late")
        ws.review.reject_dialog.accept()
    assert "someone else" in messages[0]
    wait_status(qtbot, ws, reported.id, IncidentStatus.VERIFIED)  # the table shows what it is now


# --- duplicates ------------------------------------------------------------------------------------

def fill_like(form: IncidentForm, engine, kg: float) -> None:
    posts, subs = ids(engine)
    form.post.set_post_id(posts["KG-DOS"])
    form.occurred_at.set_value(WHEN + timedelta(hours=3))
    row = form.lines_editor.rows[0]
    row.substance.setCurrentIndex(row.substance.findData(subs["heroin"]))
    row.quantity.setValue(kg)


def incident_count(engine) -> int:
    with UnitOfWork(engine) as uow:
        return IncidentRepository(uow.session).count()


@pytest.fixture
def operator_form(qtbot, engine, settings, reported):
    ws = station_as(qtbot, engine, settings, "ops", Role.OPERATOR)
    form = ws._open_form(None)
    yield form
    ws.shutdown()


def test_saving_a_likely_duplicate_warns_and_save_anyway_saves(qtbot, engine, operator_form, reported):
    form = operator_form
    fill_like(form, engine, 4.0)  # same post, 3 hours later, heroin 4.0 kg against 4.2 kg

    assert form.save()
    qtbot.waitUntil(lambda: form.duplicate_warning is not None, timeout=TIMEOUT_MS)
    warning: DuplicateWarning = form.duplicate_warning
    assert incident_count(engine) == 1  # nothing saved yet
    table = warning.table
    assert table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[0] == "BLO Dostuk" and cells[2] == "3.0" and cells[3] == "Heroin"
    assert cells[4].startswith("4.200 kg") and "4.000 kg" in cells[4]

    with qtbot.waitSignal(form.incident_saved, timeout=TIMEOUT_MS):
        warning.save_anyway_button.click()

    assert incident_count(engine) == 2
    saved = stored(engine, form.saved.id)
    assert saved.recorded_by is not None and [r.username for r in audit_rows(engine, action="create")][-1] == "ops"


def test_going_back_from_the_duplicate_warning_saves_nothing_and_keeps_the_input(qtbot, engine, operator_form):
    form = operator_form
    fill_like(form, engine, 4.0)
    form.save()
    qtbot.waitUntil(lambda: form.duplicate_warning is not None, timeout=TIMEOUT_MS)
    form.duplicate_warning.go_back_button.click()
    assert form.duplicate_warning is None and form.isVisible()
    assert "possible duplicates" in form.banner.text()
    assert incident_count(engine) == 1 and form.lines_editor.rows[0].quantity.value() == 4.0


def test_an_amount_far_from_the_other_saves_without_a_warning(qtbot, engine, operator_form):
    form = operator_form
    fill_like(form, engine, 9.0)
    with qtbot.waitSignal(form.incident_saved, timeout=TIMEOUT_MS):
        form.save()
    assert form.duplicate_warning is None and incident_count(engine) == 2


def test_a_supervisor_links_a_duplicate_to_the_original_picked_from_the_candidates(qtbot, engine, settings,
                                                                                 reported):
    repeat = record(engine, when=WHEN + timedelta(hours=2), kg=4.1)
    record(engine, post_code="UZ-TER", kg=4.2)  # another post: not a candidate
    ws = station_as(qtbot, engine, settings, "sup", Role.SUPERVISOR)
    wait_rows(qtbot, ws, 3)
    select(ws, repeat.id)
    assert ws.review.link_action.isEnabled() and not ws.review.unlink_action.isEnabled()

    ws.review.link_action.trigger()
    qtbot.waitUntil(lambda: ws.review.link_dialog is not None, timeout=TIMEOUT_MS)
    dialog = ws.review.link_dialog
    assert [c.incident_id for c in dialog.table.candidates] == [reported.id]
    dialog.link_button.click()

    wait_status(qtbot, ws, repeat.id, IncidentStatus.DUPLICATE)
    assert stored(engine, repeat.id).duplicate_of == reported.id
    assert ws.review.unlink_action.isEnabled()
    ws.review.unlink_action.trigger()
    wait_status(qtbot, ws, repeat.id, IncidentStatus.REPORTED)
    ws.shutdown()

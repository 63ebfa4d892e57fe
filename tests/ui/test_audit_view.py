"""View → Audit trail…: the actions just done, newest first and paged; filters by user, action, record and
day; one incident's full history (from the audit view and from the incident table); and the chain check."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select as sql_select

import ui.audit.audit_view as audit_view
from sitcentre.db.tables import UserRow
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import PostStatus, Role, Unit
from sitcentre.domain.permissions import SYSTEM
from sitcentre.services.audit import AuditService, ChainCheck
from sitcentre.services.audit_anchor import save_anchor
from sitcentre.services.auth import actor_of
from sitcentre.services.duplicates import DuplicateService
from sitcentre.services.incidents import IncidentService
from sitcentre.services.posts import change_status
from sitcentre.services.users import UserService
from sitcentre.services.verification import VerificationService
from tests.integration.helpers import ids, incident
from tests.integration.people import add_user, test_settings
from tests.ui.stations import WHEN, make_station, record, select, wait_rows
from ui.audit.audit_model import COL_ACTION, COL_RECORD, COL_SUMMARY, COL_USER, AuditTableModel, local_time
from ui.audit.audit_view import AuditView
from ui.audit.history_dialog import HistoryDialog

TIMEOUT_MS = 15_000


@pytest.fixture
def settings(tmp_path):
    return test_settings(tmp_path)


@pytest.fixture
def history(engine, settings):
    """A reported incident verified by one supervisor, and another one rejected by a second supervisor."""
    sup = add_user(engine, settings, "sup", Role.SUPERVISOR)
    other = add_user(engine, settings, "sup2", Role.SUPERVISOR)
    first, second = record(engine), record(engine, post_code="UZ-TER", when=WHEN + timedelta(days=2))
    VerificationService(engine, settings).verify(first.id, actor=sup)
    VerificationService(engine, settings).reject(second.id, "Not a seizure", actor=other)
    return sup, first, second


@pytest.fixture
def station(qtbot, engine, settings, history):
    ws = make_station(qtbot, engine, history[0], settings)
    yield ws
    ws.shutdown()


def open_view(qtbot, ws) -> AuditView:
    with qtbot.waitSignal(ws.audit_action.triggered):
        ws.audit_action.trigger()
    view = ws.audit_view
    qtbot.waitUntil(lambda: view.entries.model.rowCount() > 0, timeout=TIMEOUT_MS)
    return view


def reload_and_wait(qtbot, view: AuditView, change) -> None:
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        change()


def shown(view: AuditView) -> list:
    return view.entries.model.entries


def test_the_model_passes_qts_model_tester(qtmodeltester, engine, settings, history):
    model = AuditTableModel()
    model.set_entries(AuditService(engine, settings).entries(actor=history[0]))
    qtmodeltester.check(model)


def test_the_audit_view_lists_the_actions_just_done_newest_first(qtbot, station, history):
    _sup, first, second = history
    view = open_view(qtbot, station)
    entries = shown(view)
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    assert (entries[0].action, entries[0].username, entries[0].entity_id) == ("reject", "sup2", str(second.id))
    assert ("verify", "sup", str(first.id)) in [(e.action, e.username, e.entity_id) for e in entries]
    model = view.entries.model
    assert model.index(0, 3).data() == "Rejected" and "Not a seizure" in model.index(0, 5).data()
    assert second.number and model.index(0, COL_RECORD).data() == f"Incident {second.number}"  # not a hex id
    view.entries.view.selectRow(0)
    assert "Rejection reason (none) → Not a seizure" in view.entries.details.toPlainText()
    assert "rejection_reason" not in view.entries.details.toPlainText()


def test_filters_by_user_action_record_and_day(qtbot, station, history):
    view = open_view(qtbot, station)
    reload_and_wait(qtbot, view, lambda: view.set_user("sup2"))
    assert {e.username for e in shown(view)} == {"sup2"} and "reject" in [e.action for e in shown(view)]

    reload_and_wait(qtbot, view, lambda: view.set_user(""))
    reload_and_wait(qtbot, view, lambda: view.action.setCurrentIndex(view.action.findData("verify")))
    assert [(e.action, e.username) for e in shown(view)] == [("verify", "sup")]

    reload_and_wait(qtbot, view, lambda: view.action.setCurrentIndex(0))
    reload_and_wait(qtbot, view, lambda: view.entity.setCurrentIndex(view.entity.findData("user")))
    assert shown(view) and {e.entity for e in shown(view)} == {"user"}

    reload_and_wait(qtbot, view, lambda: view.since.setDate(QDate.currentDate().addDays(1)))
    reload_and_wait(qtbot, view, lambda: view.since_on.setChecked(True))
    assert shown(view) == [] and "0 entries" in view.summary.text()


def test_older_entries_load_page_by_page(qtbot, station, monkeypatch):
    monkeypatch.setattr(audit_view, "PAGE_SIZE", 3)
    view = open_view(qtbot, station)
    reload_and_wait(qtbot, view, view.reload)
    assert len(shown(view)) == 3 and view.more_button.isEnabled()
    total = len(station.desk.audit.entries())
    while view.more_button.isEnabled():
        reload_and_wait(qtbot, view, view.more_button.click)
    ids = [e.id for e in shown(view)]
    assert len(ids) == total == len(set(ids)) and ids == sorted(ids, reverse=True)


def test_an_incidents_history_opens_from_the_audit_view_oldest_first(qtbot, station, history):
    _sup, first, _second = history
    view = open_view(qtbot, station)
    row = next(i for i, e in enumerate(shown(view)) if e.entity_id == str(first.id))
    view.entries.view.selectRow(row)
    assert view.history_button.isEnabled()
    dialog = view.history_of_selected()
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        pass
    assert [e.action for e in dialog.entries.model.entries] == ["create", "verify"]
    assert "BLO Dostuk" in dialog.windowTitle() and first.id.hex not in dialog.windowTitle()


def test_an_incidents_history_opens_from_the_incident_table(qtbot, station, history):
    _sup, first, _second = history
    wait_rows(qtbot, station, 2)
    select(station, first.id)
    assert station.review.history_action.isEnabled()
    dialog: HistoryDialog = station.review.history_of_selected()
    qtbot.waitUntil(lambda: dialog.entries.model.rowCount() == 2, timeout=TIMEOUT_MS)
    assert "verified" in dialog.entries.details.toPlainText()  # the newest entry is shown in full


def test_verify_chain_reports_intact(qtbot, station):
    view = open_view(qtbot, station)
    with qtbot.waitSignal(view.chain_checked, timeout=TIMEOUT_MS) as signal:
        view.verify_button.click()
    assert signal.args[0].intact and "Intact" in view.chain_label.text()


def test_verify_chain_names_the_first_broken_entry(qtbot, station, monkeypatch):
    monkeypatch.setattr(AuditService, "verify", lambda self, actor: ChainCheck(12, 13, 12, "abc"))
    view = open_view(qtbot, station)
    with qtbot.waitSignal(view.chain_checked, timeout=TIMEOUT_MS):
        view.verify_button.click()
    assert "Broken at entry #13" in view.chain_label.text()


def test_the_view_says_when_the_trail_was_never_anchored(qtbot, station):
    view = open_view(qtbot, station)
    qtbot.waitUntil(lambda: view.anchor_label.text() != "", timeout=TIMEOUT_MS)
    assert view.anchor_label.text() == "Never anchored"


def test_the_view_shows_the_last_anchors_time_in_this_computers_clock(qtbot, engine, settings, station, tmp_path):
    first = save_anchor(engine, tmp_path / "one.json", actor=SYSTEM, settings=settings)
    saved = save_anchor(engine, tmp_path / "two.json", actor=SYSTEM, settings=settings)
    entry = AuditService(engine, settings).entries(actor=station.desk.audit.actor, limit=1)[0]
    assert entry.action == "anchor" and saved.anchor.statement.head_id > first.anchor.statement.head_id
    view = open_view(qtbot, station)
    qtbot.waitUntil(lambda: view.anchor_label.text() != "", timeout=TIMEOUT_MS)
    assert view.anchor_label.text() == (f"Last anchor: {local_time(entry.at)} "
                                        f"(entry #{saved.anchor.statement.head_id}, not signed)")
    assert shown(view)[0].action == "anchor" and "Audit trail anchored" in view.entries.model.data(
        view.entries.model.index(0, COL_ACTION))


def test_an_operator_who_reaches_the_audit_view_is_refused_by_the_service(qtbot, engine, settings):
    ops = add_user(engine, settings, "ops", Role.OPERATOR)
    ws = make_station(qtbot, engine, ops, settings)
    assert not ws.audit_action.isEnabled()
    view = AuditView(ws.runner, ws.desk, ws.window)
    qtbot.waitUntil(lambda: "cannot view the audit trail" in view.summary.text(), timeout=TIMEOUT_MS)
    assert shown(view) == []
    ws.shutdown()


@pytest.fixture
def edited(engine, settings, history):
    """An operator with a Russian name records 10 kg of heroin at Termez, then corrects it to 12 kg."""
    UserService(engine, settings).add("karimov", Role.OPERATOR, None, display_name="А. Каримов", actor=SYSTEM)
    operator = _actor(engine, "karimov")
    posts, subs = ids(engine)
    service = IncidentService(engine, settings)
    first = service.record(incident(posts["UZ-TER"], WHEN + timedelta(days=1), (subs["heroin"], 10, Unit.KG)),
                           actor=operator)
    line = replace(first.lines[0], quantity=12)
    return service.update(replace(first, lines=(line,)), actor=operator)


def _actor(engine, name):
    with UnitOfWork(engine) as uow:
        return actor_of(uow.session.scalar(sql_select(UserRow).where(UserRow.username == name)))


def test_history_says_each_change_in_plain_words_with_names_and_the_posts_clock(qtbot, edited, station):
    wait_rows(qtbot, station, 3)
    select(station, edited.id)
    dialog: HistoryDialog = station.review.history_of_selected()
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        pass
    model, entries = dialog.entries.model, dialog.entries
    assert [e.action for e in model.entries] == ["create", "update"]
    text = entries.details.toPlainText()
    assert "Quantity of Heroin 10 kg → 12 kg" in text
    assert "by А. Каримов (operator)" in text and "Termez time (UTC+5)" in text
    assert "substance_id" not in text and "{" not in text and model.entries[-1].hash not in text
    assert model.index(1, COL_SUMMARY).data() == "Quantity of Heroin 10 kg → 12 kg"
    assert model.index(1, COL_USER).data() == "А. Каримов (operator)"
    assert "BLO Termez" in dialog.windowTitle()


def test_the_json_and_hashes_are_behind_a_technical_details_toggle(qtbot, edited, station):
    wait_rows(qtbot, station, 3)
    select(station, edited.id)
    dialog: HistoryDialog = station.review.history_of_selected()
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        pass
    entries = dialog.entries
    assert not entries.technical.isVisible()
    entries.technical_toggle.click()
    assert entries.technical.isVisible()
    technical = entries.technical.toPlainText()
    assert '"substance_id"' in technical and dialog.entries.model.entries[-1].hash in technical
    entries.technical_toggle.click()
    assert not entries.technical.isVisible()


def test_a_post_status_change_reads_in_words_in_that_posts_clock(qtbot, engine, station):
    posts, _ = ids(engine)
    change_status(engine, posts["KG-DOS"], PostStatus.LIMITED, "Scanner under repair", actor=station.actor,
                  settings=station.desk.settings)
    view = open_view(qtbot, station)
    reload_and_wait(qtbot, view, view.reload)
    view.entries.view.selectRow(0)
    text = view.entries.details.toPlainText()
    assert text.startswith("Post status changed, by sup (supervisor), ") and "Dostuk time (UTC+6)" in text
    assert "Status operational → limited" in text and "Reason (none) → Scanner under repair" in text


def test_a_duplicate_link_names_the_original_by_its_number(qtbot, engine, settings, history, station):
    sup, first, _second = history
    repeat = record(engine)  # the same seizure reported again
    DuplicateService(engine, settings).link(repeat.id, first.id, actor=sup)
    view = AuditView(station.runner, station.desk.backend.desk(sup), station.window)
    dialog = view.open_history("incident", repeat.id)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        pass
    assert first.number and f"Duplicate of (none) → {first.number}" in dialog.entries.details.toPlainText()

"""The post status panel: cards in attention order, live figures, a click that filters the incident table,
grouping, the detail view, the status change dialog, and the alerts view."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from sitcentre.backend import Backend
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.alerts import Alert
from sitcentre.domain.changes import changes_from_batch
from sitcentre.domain.enums import PostStatus, Role, Unit
from sitcentre.domain.post_status import ReportLevel
from sitcentre.domain.posts import GroupBy
from sitcentre.domain.records import utcnow
from sitcentre.repositories.changes import ChangeRepository
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services.alerts import load_alerts
from sitcentre.settings import Settings
from tests.integration.helpers import ids, incident, write_from_another_process
from tests.integration.people import add_user, audit_rows, test_settings
from tests.ui.barriers import drain
from ui.common.live import LiveFeed
from ui.common.tasks import TaskRunner
from ui.posts.alerts_model import ALERT_ROLE, COL_ACK
from ui.posts.alerts_panel import AlertsPanel
from ui.posts.post_card import PostCardWidget
from ui.posts.post_panel import PostStatusPanel
from ui.posts.post_style import MUTED


@pytest.fixture
def runner():
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def desk(app_backend):
    return app_backend.system_desk("supervisor1")


@pytest.fixture
def panel(qtbot, desk, runner):
    widget = PostStatusPanel(runner, desk)
    qtbot.addWidget(widget)
    widget.resize(360, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None, timeout=10_000)
    yield widget
    for dialog in list(widget.dialogs.values()) + list(widget._others):
        dialog.close()


def _seq(engine) -> int:
    with UnitOfWork(engine) as uow:
        return ChangeRepository(uow.session).latest_seq()


def _changes_since(engine, seq):
    with UnitOfWork(engine) as uow:
        return ChangeRepository(uow.session).since(seq)


def _record(backend, new_incident):
    return backend.system_desk("tests").incidents.record(new_incident).value


def _publish(runner, batch) -> None:
    """The live feed's rows as it hands them on: Changes by topic on runner.changes."""
    runner.changes.publish(changes_from_batch(batch))


def _shown_order(panel) -> list[int]:
    layout = panel.cards_layout
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [w.post_id for w in widgets if isinstance(w, PostCardWidget)]


def test_there_is_one_card_per_post_in_the_order_of_the_attention_they_need(panel, engine):
    assert len(panel.cards) == 15
    assert _shown_order(panel) == [c.post.id for c in panel.board.cards]
    posts, _ = ids(engine)
    first = panel.cards[_shown_order(panel)[0]]
    assert first.card.attention == max(c.attention for c in panel.board.cards)
    assert "15 posts" in panel.summary.text()
    assert posts["KZ-KOR"] in panel.cards


def test_a_card_shows_a_new_incident_after_the_live_change(qtbot, panel, engine, app_backend):
    posts, subs = ids(engine)
    card = panel.cards[posts["KG-DOS"]]
    assert "<b>0</b>" in card.figures.text() and "No report" in card.report.text()
    seq = _seq(engine)
    _record(app_backend, incident(posts["KG-DOS"], utcnow() - timedelta(hours=2), (subs["heroin"], 12.5, Unit.KG)))
    _publish(panel.runner, _changes_since(engine, seq))
    qtbot.waitUntil(lambda: card.card.summary.incidents_24h == 1, timeout=5_000)
    assert f"<b>1</b> <span style='color:{MUTED}'>in 24 h</span>" in card.figures.text()
    assert "12.5 kg" in card.figures.text()
    assert card.spark.values[-1] == pytest.approx(12.5)
    assert card.report.text() == "Last report 2 h ago"


def test_a_card_shows_the_drugs_seized_and_the_precursors_apart(qtbot, panel, engine, app_backend):
    """Issue 16, item 6: litres of acetic anhydride are no kilograms of heroin; the card gives them apart."""
    posts, subs = ids(engine)
    card, other = panel.cards[posts["KG-DOS"]], panel.cards[posts["UZ-TER"]]
    seq = _seq(engine)
    when = utcnow() - timedelta(hours=2)
    _record(app_backend, incident(posts["KG-DOS"], when, (subs["heroin"], 120, Unit.KG)))
    _record(app_backend, incident(posts["KG-DOS"], when, (subs["acetic_anhydride"], 400, "l")))
    _record(app_backend, incident(posts["UZ-TER"], when, (subs["opium"], 3, Unit.KG)))
    _publish(panel.runner, _changes_since(engine, seq))
    qtbot.waitUntil(lambda: card.card.summary.incidents_24h == 2 and other.card.summary.incidents_24h == 1,
                    timeout=5_000)
    muted = f"<span style='color:{MUTED}'>%s</span>"
    text = card.figures.text()
    assert muted % "Drugs" + " <b>120 kg</b> " + muted % "in 30 d" in text
    assert "<br>" + muted % "Precursors" + " <b>400 kg</b> " + muted % "in 30 d" in text
    assert card.card.summary.kg_30d == pytest.approx(120.0)  # the 400 l are not in the drugs' kg
    assert card.spark.values[-1] == pytest.approx(120.0)
    assert muted % "Drugs" + " <b>3.0 kg</b> " + muted % "in 30 d" in other.figures.text()
    assert "Precursors" not in other.figures.text()  # a post without any says nothing of them


def test_a_card_follows_a_row_written_by_another_process_through_the_real_live_feed(qtbot, panel, engine,
                                                                                   app_backend):
    posts, _ = ids(engine)
    feed = LiveFeed(app_backend)
    feed.changed.connect(panel.runner.changes.publish)  # as the workstation connects it
    feed.start()
    try:
        qtbot.waitUntil(lambda: feed.is_live, timeout=10_000)
        key = "UPDATE posts SET status = 'offline', status_reason = 'Flooded' WHERE id = ?"
        write_from_another_process(engine, key, posts["KG-KSU"])
        qtbot.waitUntil(lambda: panel.cards[posts["KG-KSU"]].card.post.status == PostStatus.OFFLINE, timeout=5_000)
        # offline and never reported: with Ishkashim (offline in the reference data), the most urgent
        assert set(_shown_order(panel)[:2]) == {posts["KG-KSU"], posts["TJ-ISH"]}
        assert panel.cards[posts["KG-KSU"]].status.text() == "■ Offline"
        assert "Flooded" in panel.cards[posts["KG-KSU"]].reason.text()
    finally:
        feed.stop()


def test_the_panel_takes_its_report_thresholds_from_the_settings(qtbot, engine, runner, tmp_path):
    posts, subs = ids(engine)
    backend = Backend(engine, Settings(data_dir=tmp_path, report_amber_hours=2, report_red_hours=5))
    _record(backend, incident(posts["KG-DOS"], utcnow() - timedelta(hours=3), (subs["heroin"], 1, Unit.KG)))
    strict = PostStatusPanel(runner, backend.system_desk("tests"))
    qtbot.addWidget(strict)
    qtbot.waitUntil(lambda: strict.board is not None, timeout=5_000)
    card = strict.cards[posts["KG-DOS"]]
    assert card.card.report == ReportLevel.AMBER and "bold" in card.report.styleSheet()
    assert "Amber after 2 h" in strict.summary.toolTip()


def test_changes_to_other_tables_do_not_reload_the_board(qtbot, panel, engine):
    loads = []
    panel.boardLoaded.connect(loads.append)
    seq = _seq(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO users (username, role) VALUES ('x', 'operator')")
    assert not panel._reload_timer.isActive()
    _publish(panel.runner, _changes_since(engine, seq))
    assert not panel._reload_timer.isActive()  # no reload scheduled ...
    drain(qtbot, panel.runner)  # ... and none under way
    assert loads == []
    # The same path does see a change it watches (so the check above can fail).
    seq = _seq(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE posts SET status_reason = 'checked' WHERE code = 'KG-KSU'")
    with qtbot.waitSignal(panel.boardLoaded, timeout=5_000):
        _publish(panel.runner, _changes_since(engine, seq))
    assert len(loads) == 1


def test_grouping_by_border_puts_a_header_above_each_border_and_keeps_every_card(qtbot, panel):
    panel.set_group_by(GroupBy.BORDER)
    layout = panel.cards_layout
    headers = [layout.itemAt(i).widget().text() for i in range(layout.count())
               if layout.itemAt(i).widget() is not None and layout.itemAt(i).widget().objectName() == "PostGroupHeader"]
    assert len(headers) == 6 and any("KG-TJ" in h and "4 posts" in h for h in headers)
    assert sorted(_shown_order(panel)) == sorted(panel.cards)
    panel.grouping.setCurrentIndex(panel.grouping.findData("country"))
    assert panel.group_by == GroupBy.COUNTRY


def test_clicking_a_card_emits_its_post_and_filters_the_incident_table(qtbot, engine, app_backend):
    posts, subs = ids(engine)
    for code in ("TJ-PPY", "TJ-PPY", "UZ-TER"):
        _record(app_backend, incident(posts[code], utcnow() - timedelta(hours=3), (subs["opium"], 1, Unit.KG)))
    from ui.shell.workstation import Workstation  # the whole window: here only, the panels above need none of it

    station = Workstation(app_backend.system_desk("tester"), live=False)
    qtbot.addWidget(station.window)
    station.window.show()
    try:
        cards = station.post_views.posts
        qtbot.waitUntil(lambda: cards.board is not None and station.panel.count == 3, timeout=10_000)
        card = cards.cards[posts["TJ-PPY"]]
        with qtbot.waitSignal(cards.postSelected, timeout=2_000) as signal:
            qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        assert signal.args == [posts["TJ-PPY"]]
        # one worker reads the table after the click, and the charts too (they follow the post, issue 16)
        qtbot.waitUntil(lambda: station.panel.count == 2, timeout=15_000)
        assert station.panel.filter.post_ids == (posts["TJ-PPY"],)
        assert station.panel.filters.post.currentData() == posts["TJ-PPY"]
        assert card.property("selected") is True
        assert station.post_views.map.selected == posts["TJ-PPY"]
        station.panel.filters.clear()
        qtbot.waitUntil(lambda: station.panel.count == 3, timeout=15_000)
        assert card.property("selected") is False
        assert station.window.centralWidget() is station.post_views.tabs
        assert station.window.post_status_dock.widget() is cards
    finally:
        station.shutdown()


def test_the_detail_view_shows_the_record_the_history_and_the_recent_incidents(qtbot, panel, engine, app_backend):
    posts, subs = ids(engine)
    app_backend.system_desk("supervisor2").posts.set_status(posts["UZ-TER"], "limited", "Scanner broken")
    _record(app_backend, incident(posts["UZ-TER"], utcnow() - timedelta(hours=1), (subs["hashish"], 3, Unit.KG)))
    dialog = panel.open_detail(posts["UZ-TER"])
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=5_000)
    assert dialog.title.text() == "BLO Termez" and dialog.status.text() == "Limited"
    assert dialog.history.rowCount() == 1 and dialog.history.item(0, 3).text() == "Scanner broken"
    assert dialog.history.item(0, 4).text() == "supervisor2"
    assert dialog.incidents.rowCount() == 1 and "Hashish" in dialog.incidents.item(0, 2).text()
    assert dialog.responses.item(0, 0).text() == "No alerts sent or received yet."
    assert panel.open_detail(posts["UZ-TER"]) is dialog  # one window per post
    with qtbot.waitSignal(panel.postSelected, timeout=1_000) as signal:
        dialog.show_button.click()
    assert signal.args == [posts["UZ-TER"]]


def test_the_status_dialog_changes_the_status_and_the_card_follows(qtbot, panel, engine):
    posts, _ = ids(engine)
    dialog = panel.change_status(posts["KG-BOR"])
    dialog.choices.button(2).setChecked(True)  # offline
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5_000)  # no reason given: refused, kept open
    assert "reason" in dialog.error.text()
    dialog.reason.setPlainText("Avalanche closed the road")
    with qtbot.waitSignal(dialog.changed, timeout=5_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    card = panel.cards[posts["KG-BOR"]]
    qtbot.waitUntil(lambda: card.card.post.status == PostStatus.OFFLINE, timeout=5_000)
    assert "Avalanche" in card.reason.text()


def test_the_alerts_view_lists_acknowledges_and_shows_who_did_it(qtbot, qtmodeltester, engine, runner,
                                                                  app_backend):
    posts, _ = ids(engine)
    sent = app_backend.system_desk("oybek").alerts.send(Alert("White Toyota, 3 passengers",
                                                              from_post_id=posts["UZ-OYB"],
                                                              to_post_id=posts["TJ-PAT"], priority="urgent")).value
    view = AlertsPanel(runner, app_backend.system_desk("patar.officer"))
    qtbot.addWidget(view)
    view.show()
    waiting = []
    view.unacknowledgedChanged.connect(waiting.append)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5_000)
    qtmodeltester.check(view.model)
    assert view.model.index(0, COL_ACK).data().startswith("Waiting for")
    view.view.selectRow(0)
    assert view.ack_button.isEnabled()
    seq = _seq(engine)
    view.ack_button.click()
    qtbot.waitUntil(lambda: view.model.alert_at(0) is not None and view.model.alert_at(0).acknowledged,
                    timeout=5_000)
    assert view.model.index(0, COL_ACK).data().startswith("patar.officer, ")
    assert view.model.index(0, 0).data(ALERT_ROLE).id == sent.id
    assert waiting[-1] == 0 and not view.ack_button.isEnabled()
    assert "patar.officer" in view.detail.text()
    assert any(c.table == "alerts" for c in _changes_since(engine, seq).changes)  # the sender's side is told
    assert load_alerts(engine).alerts[0].acknowledged_by == "patar.officer"


def test_the_send_dialog_offers_the_posts_across_the_border_first(qtbot, engine, runner, app_backend):
    posts, _ = ids(engine)
    view = AlertsPanel(runner, app_backend.system_desk("oybek"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.result is not None, timeout=5_000)
    dialog = view.open_send_dialog(from_post_id=posts["UZ-OYB"])
    try:
        first = {dialog.receiver.itemData(i) for i in range(2)}
        assert first == {posts["TJ-TUR"], posts["TJ-PAT"]}
        dialog.text.setPlainText("Convoy of three trucks")
        assert dialog.incident.selected_id() is None  # no related incident unless one is picked from the list
        with qtbot.waitSignal(dialog.sent, timeout=5_000) as signal:
            dialog.send()
        alert = signal.args[0]
        assert (alert.from_post_id, alert.to_post_id, alert.sent_by) == (posts["UZ-OYB"], posts["TJ-PAT"], "oybek")
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.dialogs, timeout=5_000)  # sent: it closed
    finally:
        for open_dialog in view.dialogs:
            open_dialog.close()


def test_an_operator_signed_in_cannot_change_a_posts_status_and_is_told_why(qtbot, engine, runner, tmp_path):
    settings = test_settings(tmp_path)
    operator = add_user(engine, settings, "op1", Role.OPERATOR)
    widget = PostStatusPanel(runner, Backend(engine, settings).desk(operator))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None, timeout=10_000)
    posts, _ = ids(engine)
    dialog = widget.change_status(posts["KG-BOR"])
    dialog.choices.button(2).setChecked(True)  # offline
    dialog.reason.setPlainText("Avalanche closed the road")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5_000)
    assert "cannot" in dialog.error.text() and "supervisor" in dialog.error.text().lower()
    with UnitOfWork(engine) as uow:
        assert ReferenceRepository(uow.session).post(posts["KG-BOR"]).status == PostStatus.OPERATIONAL
    assert [r.action for r in audit_rows(engine, username="op1")][-1] == "refused"
    dialog.close()

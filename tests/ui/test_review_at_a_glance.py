"""Issue 10, item 7: review at a glance. The status column says the status with a symbol and a colour (never a
colour alone) and the rejection reason on hover; the Reject dialog names the incident; after a review, a post
status change or an acknowledgement the item stays selected and in view, and the status bar says what was done."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from sitcentre.backend import Backend
from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import IncidentStatus, PostStatus, Role
from tests.integration.helpers import ids
from tests.integration.people import add_user, test_settings
from tests.ui.stations import WHEN, make_station, record, select, status_in_table, wait_rows
from ui.incidents.incident_model import COL_STATUS
from ui.incidents.review_actions import incident_name

TIMEOUT_MS = 15_000


@pytest.fixture
def settings(tmp_path):
    return test_settings(tmp_path)


@pytest.fixture
def supervisor(engine, settings):
    return add_user(engine, settings, "sup", Role.SUPERVISOR)


@pytest.fixture
def station(qtbot, engine, settings, supervisor, request):
    count = getattr(request, "param", 3)
    made = [record(engine, when=WHEN + timedelta(hours=i)) for i in range(count)]
    ws = make_station(qtbot, engine, supervisor, settings)
    wait_rows(qtbot, ws, count)
    ws.made = made
    yield ws
    ws.shutdown()


def status_cell(ws, incident_id):
    model = ws.panel.model
    return model.index(model.find_row(incident_id), COL_STATUS)


def in_view(view, index) -> bool:
    """The row is within the visible height of the table (columns may be scrolled sideways)."""
    top = view.rowViewportPosition(index.row())
    return 0 <= top and top + view.rowHeight(index.row()) <= view.viewport().height()


def test_status_has_a_symbol_and_a_colour_and_a_rejection_says_why_on_hover(qtbot, engine, station, supervisor):
    verified, rejected, reported = station.made
    station.desk.reviews.verify(verified.id)  # as the signed-in supervisor, but not through the window's runner
    station.desk.reviews.reject(rejected.id, "Same car as the morning report")
    station.panel.refresh()
    qtbot.waitUntil(lambda: status_in_table(station, rejected.id) == IncidentStatus.REJECTED, timeout=TIMEOUT_MS)
    texts = {i.id: status_cell(station, i.id).data() for i in station.made}
    assert texts == {verified.id: "✔ Verified", rejected.id: "✖ Rejected", reported.id: "● Reported"}
    colours = {i.id: status_cell(station, i.id).data(Qt.ItemDataRole.ForegroundRole).name()
               for i in station.made}
    assert len(set(colours.values())) == 3  # each its own colour, besides its own symbol
    assert status_cell(station, rejected.id).data(Qt.ItemDataRole.ToolTipRole) == \
        "Rejected: Same car as the morning report"
    assert "Verified" in status_cell(station, verified.id).data(Qt.ItemDataRole.ToolTipRole)


def test_the_reject_dialog_names_the_incident_by_post_time_and_substances(qtbot, station):
    incident = station.made[1]
    select(station, incident.id)
    dialog = station.review.reject_selected()
    try:
        said, number = dialog.about.text(), station.panel.selected_row().number
        assert said == f"{number} · BLO Dostuk, 2026-03-10 13:30 (UTC+6) · Heroin" and number.startswith("DOS-")
        assert dialog.windowTitle() == f"Reject incident {number}"
        unnumbered = replace(station.panel.selected_row(), number=None)  # as rows other programs insert
        assert incident_name(unnumbered) == "BLO Dostuk, 2026-03-10 13:30 (UTC+6)"
    finally:
        dialog.reject()


@pytest.mark.parametrize("station", [60], indirect=True)
def test_after_verifying_the_row_stays_selected_in_view_and_the_status_bar_says_which(qtbot, station):
    view, panel = station.panel.view, station.panel
    view.horizontalHeader().setSortIndicator(COL_STATUS, Qt.SortOrder.AscendingOrder)  # verified sorts last
    qtbot.waitUntil(lambda: panel.sort.key == "status" and panel.model.row_at(0) is not None, timeout=TIMEOUT_MS)
    chosen = panel.model.row_at(5)
    select(station, chosen.id)
    view.scrollToTop()
    station.review.verify_action.trigger()
    qtbot.waitUntil(lambda: status_in_table(station, chosen.id) == IncidentStatus.VERIFIED, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.selected_row() is not None and panel.selected_row().id == chosen.id,
                    timeout=TIMEOUT_MS)
    row = panel.model.find_row(chosen.id)
    assert row == panel.model.rowCount() - 1  # it moved to the end of the status order...
    qtbot.waitUntil(lambda: in_view(view, panel.model.index(row, COL_STATUS)), timeout=TIMEOUT_MS)  # ...and is seen
    assert chosen.number and station.window.statusBar().currentMessage() == f"Verified {chosen.number}"


@pytest.fixture
def tursunzoda_offline(engine, settings):
    posts, _ = ids(engine)
    Backend(engine, settings).system_desk("centre").posts.set_status(posts["TJ-TUR"], PostStatus.OFFLINE, "Power cut")
    return posts["TJ-TUR"]


def test_after_a_post_status_change_its_card_stays_in_view_and_the_status_bar_says_so(qtbot, tursunzoda_offline,
                                                                                     station):
    panel, post_id = station.post_views.posts, tursunzoda_offline
    qtbot.waitUntil(lambda: panel.board is not None, timeout=TIMEOUT_MS)
    assert [c.post.id for c in panel.board.cards].index(post_id) < 3  # offline: on top; operational, it moves down
    panel.scroll.verticalScrollBar().setValue(0)
    dialog = panel.change_status(post_id)
    dialog.choices.button(0).setChecked(True)
    dialog.reason.setPlainText("Power is back")
    with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT_MS):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    card = panel.cards[post_id]
    qtbot.waitUntil(lambda: card.card.post.status == PostStatus.OPERATIONAL, timeout=TIMEOUT_MS)
    assert [c.post.id for c in panel.board.cards].index(post_id) >= 8  # far down: by name among posts alike
    qtbot.waitUntil(lambda: not card.visibleRegion().isEmpty(), timeout=TIMEOUT_MS)
    assert station.window.statusBar().currentMessage() == "BLO Tursunzoda is now operational."


def test_after_acknowledging_the_alert_stays_selected_in_view_and_the_status_bar_says_so(qtbot, engine, settings,
                                                                                         station):
    posts, _ = ids(engine)
    oybek = Backend(engine, settings).system_desk("oybek")
    for i in range(40):
        oybek.alerts.send(Alert(f"Truck {i}", from_post_id=posts["UZ-OYB"], to_post_id=posts["TJ-PAT"]))
    alerts = station.post_views.alerts
    station.post_views.tabs.setCurrentIndex(station.post_views.alerts_index)
    alerts.reload()
    qtbot.waitUntil(lambda: alerts.model.rowCount() == 40, timeout=TIMEOUT_MS)
    alerts.view.selectRow(0)
    chosen = alerts.selected_alert()
    alerts.ack_button.click()
    qtbot.waitUntil(lambda: alerts.selected_alert() is not None and alerts.selected_alert().acknowledged,
                    timeout=TIMEOUT_MS)
    assert alerts.selected_alert().id == chosen.id
    row = alerts.model.row_of(chosen.id)
    assert row == 39  # acknowledged ones go after the waiting ones...
    assert in_view(alerts.view, alerts.model.index(row, 0))  # ...and it is still seen
    message = station.window.statusBar().currentMessage()
    assert message.startswith("Alert acknowledged") and "BLO Oybek" in message


def test_an_incident_in_conflict_says_so_in_the_status_column(qtbot, engine, station):
    """Issue 12, item 6: the table knows which records are in conflict (an open conflict from the exchange);
    the mark goes when the conflict is closed."""
    from tests.integration.conflict_world import head, open_conflict

    incident = station.made[0]
    rev = head(engine, incident.id)
    conflict_id = open_conflict(engine, incident.id, "conflict", rev, [rev, "9-" + "0" * 32], ["narrative"])
    station.panel.refresh()
    qtbot.waitUntil(lambda: "in conflict" in (status_cell(station, incident.id).data() or ""), timeout=TIMEOUT_MS)
    assert status_cell(station, incident.id).data() == "● Reported · ⚠ in conflict"
    assert "a supervisor decides" in status_cell(station, incident.id).data(Qt.ItemDataRole.ToolTipRole)
    assert status_cell(station, station.made[1].id).data() == "● Reported"  # the others are not marked
    from sqlalchemy import text

    with engine.begin() as conn:
        conn.execute(text("UPDATE conflicts SET status = 'dismissed' WHERE id = :i"), {"i": conflict_id})
    station.panel.refresh()
    qtbot.waitUntil(lambda: status_cell(station, incident.id).data() == "● Reported", timeout=TIMEOUT_MS)

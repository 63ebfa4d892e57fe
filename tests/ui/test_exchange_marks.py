"""The exchange on screen (issue 13, items 2 and 3): the incident table's status cell (a symbol and words, what it
means on hover), the form's line for a record the centre changed too, the post card's last bundle and entries
waiting, and the status bar at a post and at a centre. Real installations exchanging real bundles (SQLite),
real widgets offscreen."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from sitcentre.backend import Backend
from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentStatus, IncidentType, TransportMode
from sitcentre.domain.permissions import SYSTEM
from sitcentre.domain.queries import ExchangeSummary, IncidentListRow
from sitcentre.domain.records import utcnow
from tests.integration.exchange_world import edit, export, import_, make_centre, make_post, record, trust_both
from tests.ui.stations import make_station
from ui.incidents.incident_model import COL_STATUS, IncidentTableModel
from ui.posts.post_card import PostCardWidget

TIMEOUT_MS = 15_000


@pytest.fixture
def worlds(tmp_path):
    post, centre = make_post(tmp_path, "KZ-KOR"), make_centre(tmp_path)
    trust_both(post, centre)
    yield post, centre
    post.dispose()
    centre.dispose()


def station(qtbot, world):
    return make_station(qtbot, world.engine, SYSTEM, world.settings)


def cell(ws, incident_id):
    model = ws.panel.model
    row = model.find_row(incident_id)
    return None if row is None else model.index(row, COL_STATUS)


def cell_text(ws, incident_id) -> str:
    index = cell(ws, incident_id)
    return "" if index is None else index.data() or ""


def wait_cell(qtbot, ws, incident_id, text: str) -> None:
    ws.panel.refresh()
    qtbot.waitUntil(lambda: cell_text(ws, incident_id) == text, timeout=TIMEOUT_MS)


def bar_text(ws) -> str:
    return ws.exchange_status_bar.label.text() if ws.exchange_status_bar.label.isVisible() else ""


def wait_bar(qtbot, ws, *parts: str) -> None:
    ws.exchange_status_bar.reload()
    qtbot.waitUntil(lambda: all(p in bar_text(ws) for p in parts), timeout=TIMEOUT_MS)


def list_row(exchange: str, in_conflict: bool = False) -> IncidentListRow:
    return IncidentListRow(
        id=uuid.uuid4(), occurred_at=datetime(2026, 11, 29, 8, 12, tzinfo=UTC), local_date=None, post_id=1,
        post_name="Korday", border="KZ-KG", utc_offset_minutes=300, incident_type=IncidentType.DRUG_SEIZURE,
        substances="heroin", total_kg=2.0, status=IncidentStatus.REPORTED, transport_mode=TransportMode.TRUCK,
        persons_detained=0, version=1, in_conflict=in_conflict, exchange=exchange)


@pytest.mark.parametrize(("mark", "text", "tip"), [
    ("unsent", "● Reported · ↑ not sent", "Not sent yet"),
    ("unconfirmed", "● Reported · ⧗ not confirmed", "Sent, not yet confirmed"),
    ("held", "● Reported · ⏸ held", "waits for an earlier one"),
    ("error", "● Reported · ⛔ not applied", "could not be applied"),
    ("conflict", "● Reported · ⚠ in conflict", "a supervisor decides"),
    ("centre_too", "● Reported · ⚠ changed at the centre too",
     "Changed at the centre too while your edit was not yet confirmed: the centre will decide."),
    ("confirmed", "● Reported", "Confirmed: the other side has this version."),
    ("", "● Reported", "Reported, waiting for a supervisor's review."),
])
def test_the_status_cell_says_each_exchange_mark_in_words_with_a_symbol_and_explains_it_on_hover(
        qtmodeltester, mark, text, tip):
    model = IncidentTableModel()
    row = list_row(mark)
    model.reset_to(1, {0: [row]})
    qtmodeltester.check(model)
    index = model.index(0, COL_STATUS)
    assert index.data() == text
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip in tooltip and "Reported" in tooltip  # the review status's meaning stays below


def test_a_row_in_conflict_read_without_marks_still_says_so(qtmodeltester):
    model = IncidentTableModel()
    model.reset_to(1, {0: [list_row("", in_conflict=True)]})
    assert model.index(0, COL_STATUS).data() == "● Reported · ⚠ in conflict"


def test_at_a_post_the_table_and_the_status_bar_follow_a_record_from_not_sent_to_confirmed(qtbot, worlds):
    post, centre = worlds
    ws = station(qtbot, post)
    a = record(post, narrative="first")
    wait_cell(qtbot, ws, a, "● Reported · ↑ not sent")
    wait_bar(qtbot, ws, "↑ 1 record not sent", "Centre not heard from yet")
    data = export(post, "C")
    wait_cell(qtbot, ws, a, "● Reported · ⧗ not confirmed")
    wait_bar(qtbot, ws, "⧗ 1 not confirmed")
    assert "not sent" not in bar_text(ws)
    import_(centre, data)
    import_(post, export(centre, post.origin))
    wait_cell(qtbot, ws, a, "● Reported")
    assert "Confirmed" in cell(ws, a).data(Qt.ItemDataRole.ToolTipRole)
    wait_bar(qtbot, ws, "✔ All sent and confirmed", "Centre last heard ")
    heard = datetime.now().strftime("%Y-%m-%d")
    assert f"Centre last heard {heard}" in bar_text(ws)
    assert not ws.exchange_status_bar.refdata_label.isVisible()  # the centre's lists just arrived
    ws.window.close()


def test_a_record_changed_at_the_centre_too_says_so_in_the_table_and_above_the_forms_fields(qtbot, worlds):
    post, centre = worlds
    a = record(post, narrative="first")
    import_(centre, export(post, "C"))
    import_(post, export(centre, post.origin))
    edit(post, a, narrative="the post's word")
    edit(centre, a, narrative="the centre's word")
    import_(post, export(centre, post.origin))
    ws = station(qtbot, post)
    wait_cell(qtbot, ws, a, "● Reported · ⚠ changed at the centre too")
    wait_bar(qtbot, ws, "⚠ 1 changed at the centre too")
    ws.edit_incident(a)
    qtbot.waitUntil(lambda: bool(ws.forms), timeout=TIMEOUT_MS)
    form = ws.forms[0]
    qtbot.waitUntil(form.exchange_note.isVisible, timeout=TIMEOUT_MS)
    assert form.exchange_note.text() == ("⚠ Changed at the centre too while your edit was not yet confirmed: "
                                         "the centre will decide.")
    assert form.layout().indexOf(form.exchange_note) == 0  # above the fields
    form.close()
    b = record(post, narrative="only here")
    ws.edit_incident(b)
    qtbot.waitUntil(lambda: any(f.original is not None and f.original.id == b for f in ws.forms), timeout=TIMEOUT_MS)
    other = next(f for f in ws.forms if f.original.id == b)
    qtbot.waitUntil(lambda: not ws.runner.pending(), timeout=TIMEOUT_MS)
    assert not other.exchange_note.isVisible()
    other.close()
    ws.window.close()


def _refdata_days_ago(world, days: int) -> None:
    from sqlalchemy import text

    with UnitOfWork(world.engine, write=True) as uow:
        uow.session.execute(text("UPDATE installation SET refdata_at = :at"),
                            {"at": (utcnow() - timedelta(days=days, hours=1)).strftime("%Y-%m-%d %H:%M:%S.%f+00:00")})
        uow.commit()


def test_reference_data_older_than_the_setting_is_flagged_in_the_status_bar(qtbot, worlds):
    post, centre = worlds
    import_(post, export(centre, post.origin))
    _refdata_days_ago(post, 41)
    ws = station(qtbot, post)
    bar = ws.exchange_status_bar
    qtbot.waitUntil(bar.refdata_label.isVisible, timeout=TIMEOUT_MS)
    assert bar.refdata_label.text() == "⚠ Reference data is 41 days old: lists may be out of date"
    _refdata_days_ago(post, 3)
    bar.reload()
    qtbot.waitUntil(lambda: not bar.refdata_label.isVisible(), timeout=TIMEOUT_MS)
    ws.window.close()


def test_the_status_bar_words_for_a_post_that_never_received_the_centres_lists(qtbot, worlds):
    post, _centre = worlds
    ws = station(qtbot, post)
    bar = ws.exchange_status_bar
    bar.show(ExchangeSummary(role="post", refdata_stale=True))
    assert bar.refdata_label.text() == "⚠ No reference data from the centre yet: lists may be out of date"
    bar.show(ExchangeSummary(role="post", held=2, errors=1, unsent=3))
    assert bar_text(ws).startswith("↑ 3 records not sent · ⏸ 2 held · ⛔ 1 not applied · ")
    bar.show(ExchangeSummary(role=None))
    assert not bar.label.isVisible() and not bar.refdata_label.isVisible()
    ws.window.close()


def test_at_a_centre_the_status_bar_counts_open_conflicts_and_a_click_opens_the_conflicts_view(qtbot, worlds):
    post, centre = worlds
    a = record(post, narrative="first")
    import_(centre, export(post, "C"))
    import_(post, export(centre, post.origin))
    ws = station(qtbot, centre)
    wait_bar(qtbot, ws, "✔ No open conflicts")
    edit(post, a, narrative="the post's word")
    edit(centre, a, narrative="the centre's word")
    import_(centre, export(post, "C"))
    wait_bar(qtbot, ws, "⚠ 1 open conflict")
    wait_cell(qtbot, ws, a, "● Reported · ⚠ in conflict")
    opened = []
    ws.conflicts_action = QAction("Conflicts", ws.window)
    ws.conflicts_action.triggered.connect(lambda: opened.append(True))
    qtbot.mouseClick(ws.exchange_status_bar.label, Qt.MouseButton.LeftButton)
    assert opened == [True]
    wait_bar(qtbot, ws, "⚠ 1 open conflict")  # the tooltip now offers the click
    assert "Click to open View → Conflicts." in ws.exchange_status_bar.label.toolTip()
    ws.window.close()


def test_a_post_card_shows_the_last_bundle_and_the_entries_held(qtbot, worlds):
    post, centre = worlds
    a = record(post, narrative="one")
    import_(centre, export(post, "C"))
    edit(post, a, narrative="two")
    export(post, "C", since_last=True)  # never imported: the next one waits for it
    edit(post, a, narrative="three")
    import_(centre, export(post, "C", since_last=True))
    board = Backend(centre.engine, centre.settings).system_desk().posts.board()
    card = next(c for c in board.cards if c.post.code == post.origin)
    widget = PostCardWidget(card.post.id)
    qtbot.addWidget(widget)
    widget.set_card(card)
    widget.show()
    today = (datetime.now(UTC) + timedelta(minutes=card.post.utc_offset_minutes)).strftime("%Y-%m-%d")
    assert widget.bundle.text().startswith(f"Last bundle {today}")
    assert widget.bundle.text().endswith(": 1 record")
    assert widget.waiting.isVisible() and widget.waiting.text() == "⏸ 1 held"
    assert "Held:" in widget.waiting.toolTip()
    quiet = next(c for c in board.cards if c.post.code != post.origin)
    other = PostCardWidget(quiet.post.id)
    qtbot.addWidget(other)
    other.set_card(quiet)
    other.show()
    assert not other.bundle.isVisible() and not other.waiting.isVisible()

"""Issue 10, item 9: the alert dialog never overwrites a chosen "To" when "From" changes; a message to all posts
is counted once on the board (not as a red badge on every card); "alert"/"alerts" by number (Qt's %n)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sitcentre.domain.alerts import Alert
from sitcentre.services.alerts import load_alerts
from tests.integration.helpers import ids
from ui.common.tasks import TaskRunner
from ui.posts.alerts_dialog import CENTRE
from ui.posts.alerts_panel import AlertsPanel
from ui.posts.post_panel import PostStatusPanel
from ui.shell.plurals import install_english_plurals

TIMEOUT_MS = 10_000


@pytest.fixture
def runner(qapp):
    install_english_plurals(qapp)  # as ui.shell.app does at start
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


def send(app_backend, sender: str, alert: Alert) -> Alert:
    return app_backend.system_desk(sender).alerts.send(alert).value


@pytest.fixture
def alerts(qtbot, app_backend, runner):
    view = AlertsPanel(runner, app_backend.system_desk("centre.operator"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.result is not None, timeout=TIMEOUT_MS)
    yield view
    for dialog in list(view.dialogs):
        dialog.close()


@pytest.fixture
def board(qtbot, app_backend, runner):
    panel = PostStatusPanel(runner, app_backend.system_desk("supervisor1"))
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    qtbot.waitUntil(lambda: panel.board is not None, timeout=TIMEOUT_MS)
    return panel


def choose(qtbot, combo, data) -> None:
    """Pick an item with the keyboard, as a person does: focus, then arrow keys until it is current."""
    target = combo.findData(data)
    assert target >= 0
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            break
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def test_choosing_from_keeps_the_to_already_chosen(qtbot, engine, alerts):
    posts, _ = ids(engine)
    dialog = alerts.open_send_dialog()
    choose(qtbot, dialog.receiver, posts["KG-DOS"])
    choose(qtbot, dialog.sender, posts["UZ-OYB"])
    assert dialog.receiver.currentData() == posts["KG-DOS"]
    choose(qtbot, dialog.sender, CENTRE)
    assert dialog.receiver.currentData() == posts["KG-DOS"]


def test_until_to_is_chosen_it_follows_from_to_the_post_across_the_border(qtbot, engine, alerts):
    posts, _ = ids(engine)
    dialog = alerts.open_send_dialog()
    choose(qtbot, dialog.sender, posts["UZ-OYB"])
    assert dialog.receiver.currentData() in (posts["TJ-TUR"], posts["TJ-PAT"])  # across the border, by default
    choose(qtbot, dialog.sender, posts["KG-DOS"])
    assert dialog.receiver.currentData() == posts["KG-KSU"]


def test_the_desk_names_the_posts_across_the_border_as_the_dialog_offers_them(qtbot, engine, app_backend, alerts):
    posts, _ = ids(engine)
    across = {p.id for p in app_backend.system_desk("tests").alerts.counterparts(posts["UZ-OYB"])}
    assert across == {posts["TJ-TUR"], posts["TJ-PAT"]}
    dialog = alerts.open_send_dialog(from_post_id=posts["UZ-OYB"])
    assert {dialog.receiver.itemData(i) for i in range(len(across))} == across  # offered first
    assert app_backend.system_desk("tests").alerts.counterparts(-1) == ()


def test_from_the_post_chosen_as_to_says_so_and_sends_nothing(qtbot, engine, alerts):
    posts, _ = ids(engine)
    dialog = alerts.open_send_dialog()
    choose(qtbot, dialog.receiver, posts["KG-DOS"])
    choose(qtbot, dialog.sender, posts["KG-DOS"])
    assert dialog.receiver.currentIndex() == -1  # not silently "all posts" or another post
    assert dialog.error.isVisible() and "BLO Dostuk" in dialog.error.text()
    dialog.text.setPlainText("Blue Lada")
    dialog.send()
    assert dialog.isEnabled() and "Choose who receives" in dialog.error.text()
    assert load_alerts(engine).alerts == ()


def test_a_message_to_all_posts_is_counted_once_on_the_board_not_on_every_card(qtbot, engine, app_backend, board):
    posts, _ = ids(engine)
    send(app_backend, "centre", Alert("Convoy expected on the M41", from_post_id=None, to_post_id=None))
    send(app_backend, "dos", Alert("Check the grey truck", from_post_id=posts["KG-DOS"], to_post_id=posts["UZ-BEK"]))
    board.reload()
    qtbot.waitUntil(lambda: board.board.broadcasts_waiting == 1, timeout=TIMEOUT_MS)
    waiting = {post_id for post_id, card in board.cards.items() if card.alerts.isVisibleTo(card)}
    assert waiting == {posts["UZ-BEK"]}
    assert board.cards[posts["UZ-BEK"]].alerts.text() == "1 alert waiting"
    assert "1 alert to all posts waiting" in board.summary.text()


def test_the_waiting_pill_counts_alerts_in_proper_english(qtbot, engine, app_backend, board):
    posts, _ = ids(engine)
    for text in ("Check the grey truck", "And the white one"):
        send(app_backend, "dos", Alert(text, from_post_id=posts["KG-DOS"], to_post_id=posts["UZ-BEK"]))
    board.reload()
    card = board.cards[posts["UZ-BEK"]]
    qtbot.waitUntil(lambda: card.card.unacknowledged_alerts == 2, timeout=TIMEOUT_MS)
    assert card.alerts.text() == "2 alerts waiting"
    assert "(s)" not in card.alerts.text()

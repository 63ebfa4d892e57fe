"""Key trust in the app (issue 13, item 4), through the real dialogs: a bundle from an unknown key opens the
fingerprint to compare; a supervisor trusts it and the bundle goes in on the second try; an operator sees the
fingerprint but no trust button; Tools → Keys… lists trusted, waiting and revoked keys, revokes with a reason,
imports a key file and writes this installation's.

The centre is a real migrated SQLite file and the post another (tests.integration.exchange_world); nothing is
mocked but the file choosers and the message box of an unreadable file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sitcentre.backend import Backend
from sitcentre.domain.enums import Role
from sitcentre.exchange.errors import BundleRejected
from tests.integration.exchange_world import (
    export,
    identity,
    import_,
    key_file,
    make_centre,
    make_installation,
    make_post,
    record,
    trust,
)
from tests.integration.people import add_user
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.exchange.key_trust import KeyTrustDialog, ask_to_trust, fingerprint_lines
from ui.exchange.keys_dialog import KEY_ROLE, KeysDialog, install_keys
from ui.shell.workstation import Workstation

WAIT_MS = 15_000


@pytest.fixture
def world(tmp_path: Path):
    """A centre that does not know the post's key yet, the post, and a bundle from the post the centre refused
    (which noted the post's key as waiting for confirmation)."""
    centre = make_centre(tmp_path)
    post = make_post(tmp_path, "KZ-KOR")
    trust(post, centre)
    record(post, narrative="seen at the gate")
    bundle = tmp_path / "KZ-KOR-to-C.scb"
    bundle.write_bytes(export(post, "C"))
    with pytest.raises(BundleRejected):
        import_(centre, bundle.read_bytes())
    yield centre, post, bundle
    post.dispose()
    centre.dispose()


@pytest.fixture
def runner():
    tasks = TaskRunner(describe_error=message_for)
    yield tasks
    tasks.shutdown()


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def desk_of(centre, name: str, role: Role):
    return Backend(centre.engine, centre.settings).desk(add_user(centre.engine, centre.settings, name, role))


def trust_dialog(qtbot, parent) -> KeyTrustDialog:
    qtbot.waitUntil(lambda: parent.findChild(KeyTrustDialog) is not None, timeout=WAIT_MS)
    return parent.findChild(KeyTrustDialog)


def test_a_refused_bundle_shows_the_fingerprint_and_once_trusted_imports_again(qtbot, world, runner, parent):
    centre, post, bundle = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    summaries = []
    ask_to_trust(parent, runner, supervisor, bundle, on_trusted=lambda: summaries.append(
        import_(centre, bundle.read_bytes())))
    dialog = trust_dialog(qtbot, parent)
    assert dialog.fingerprint.text() == fingerprint_lines(identity(post).fingerprint)
    assert len(dialog.fingerprint.text().split("\n")) == 2 and all(
        len(group) == 4 for group in dialog.fingerprint.text().split())
    assert dialog.origin_label.text() == "KZ-KOR" and dialog.state_label.text() == "waiting for confirmation"
    assert dialog.trust_button.isVisible() and dialog.refuse_button.isVisible()
    assert not dialog.trust_button.autoDefault() and dialog.refuse_button.isDefault()  # Enter never trusts

    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_again_button.isVisible, timeout=WAIT_MS)
    assert "trusted" in dialog.verdict.text() and not dialog.trust_button.isVisible()
    assert [k.state for k in supervisor.keys.list()] == ["trusted"]
    qtbot.mouseClick(dialog.import_again_button, Qt.MouseButton.LeftButton)
    assert [s.added for s in summaries] == [1]


def test_refusing_leaves_the_key_waiting(qtbot, world, runner, parent):
    centre, _, bundle = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    ask_to_trust(parent, runner, supervisor, bundle)
    dialog = trust_dialog(qtbot, parent)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    assert [k.state for k in supervisor.keys.list()] == ["pending"]
    with pytest.raises(BundleRejected):
        import_(centre, bundle.read_bytes())


def test_an_operator_sees_the_fingerprint_but_no_trust_button(qtbot, world, runner, parent):
    centre, post, bundle = world
    operator = desk_of(centre, "op", Role.OPERATOR)
    ask_to_trust(parent, runner, operator, bundle)
    dialog = trust_dialog(qtbot, parent)
    dialog.show()
    assert dialog.fingerprint.text() == fingerprint_lines(identity(post).fingerprint)
    assert not dialog.trust_button.isVisible() and not dialog.refuse_button.isVisible()
    assert dialog.close_button.isVisible()
    assert "A supervisor must confirm this key" in dialog.verdict.text() and dialog.verdict.isVisible()


def test_a_revoked_key_and_our_own_are_refused_in_words(qtbot, world, runner, parent, tmp_path):
    centre, post, bundle = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    supervisor.keys.revoke(supervisor.keys.key_info(bundle).key_id, "laptop stolen")
    ask_to_trust(parent, runner, supervisor, bundle)
    dialog = trust_dialog(qtbot, parent)
    assert "was revoked" in dialog.verdict.text() and not dialog.trust_button.isVisible()
    dialog.close()
    qtbot.waitUntil(lambda: parent.findChild(KeyTrustDialog) is None, timeout=WAIT_MS)

    ask_to_trust(parent, runner, supervisor, supervisor.keys.export_own(tmp_path / "own.key"))
    dialog = trust_dialog(qtbot, parent)
    assert "own key" in dialog.verdict.text() and not dialog.trust_button.isVisible()


def test_a_new_key_of_a_trusted_origin_says_it_is_a_key_rotation(qtbot, world, runner, parent, tmp_path):
    centre, post, bundle = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    old = supervisor.keys.key_info(bundle)
    supervisor.keys.trust(old)
    rebuilt = make_installation(tmp_path / "rebuilt", "post", "KZ-KOR")
    try:
        ask_to_trust(parent, runner, supervisor, key_file(rebuilt))
        dialog = trust_dialog(qtbot, parent)
    finally:
        rebuilt.dispose()
    dialog.show()
    assert dialog.rotation.isVisible() and "key rotation" in dialog.rotation.text() and old.key_id in \
        dialog.rotation.text()
    assert dialog.trust_button.isVisible()
    assert {k.state for k in supervisor.keys.list()} == {"trusted", "pending"}  # the new one listed as waiting


def test_a_file_that_holds_no_key_is_said_in_words(qtbot, world, runner, parent, tmp_path, monkeypatch):
    centre, _, _ = world
    said = []
    monkeypatch.setattr("ui.exchange.key_trust.QMessageBox.warning", lambda *args: said.append(args[2]))
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    ask_to_trust(parent, runner, desk_of(centre, "sup", Role.SUPERVISOR), junk)
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS)
    assert "not a key file" in said[0] and "Traceback" not in said[0]
    assert parent.findChild(KeyTrustDialog) is None


# ------------------------------------------------------------------------------------------- Tools → Keys…


def keys_dialog(qtbot, runner, desk, parent) -> KeysDialog:
    dialog = KeysDialog(runner, desk, parent)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.show()
    return dialog


def listed(dialog: KeysDialog) -> list[tuple[str, str, str]]:
    model = dialog.model
    return [(model.index(r, 0).data(), model.index(r, 1).data(), model.index(r, 7).data())
            for r in range(model.rowCount())]


def test_the_keys_dialog_lists_trusted_waiting_and_revoked_keys(qtbot, qtmodeltester, world, runner, parent,
                                                                 tmp_path):
    centre, post, bundle = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    other = make_post(tmp_path, "UZ-TER")
    rebuilt = make_installation(tmp_path / "rebuilt", "post", "KZ-KOR")
    try:
        supervisor.keys.trust(supervisor.keys.key_info(key_file(other)))
        gone = supervisor.keys.key_info(key_file(rebuilt))
        supervisor.keys.trust(gone)
        supervisor.keys.revoke(gone.key_id, "laptop stolen")
    finally:
        other.dispose()
        rebuilt.dispose()
    dialog = keys_dialog(qtbot, runner, supervisor, parent)
    qtmodeltester.check(dialog.model)
    assert listed(dialog) == [("trusted", "UZ-TER", ""), ("waiting for confirmation", "KZ-KOR", ""),
                              ("revoked", "KZ-KOR", "laptop stolen")]
    assert "C" in dialog.own_label.text() and supervisor.keys.own().fingerprint in dialog.own_label.text()
    dialog.view.selectRow(2)
    assert not dialog.trust_button.isEnabled() and not dialog.revoke_button.isEnabled()
    dialog.view.selectRow(1)
    assert dialog.trust_button.isEnabled() and dialog.revoke_button.isEnabled()


def test_revoking_in_the_keys_dialog_needs_a_reason_and_reloads_the_list(qtbot, world, runner, parent):
    centre, _, bundle = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    supervisor.keys.trust(supervisor.keys.key_info(bundle))
    dialog = keys_dialog(qtbot, runner, supervisor, parent)
    dialog.view.selectRow(0)
    revoke = dialog.revoke_selected()
    assert not revoke.revoke_button.isEnabled()  # no reason, no revocation
    qtbot.keyClicks(revoke.reason, "post closed")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):  # the Done's AUDIT change reloads the list
        qtbot.mouseClick(revoke.revoke_button, Qt.MouseButton.LeftButton)
    assert listed(dialog) == [("revoked", "KZ-KOR", "post closed")]
    assert "refused from now on" in dialog.status.text()


def test_trusting_from_the_keys_dialog_opens_the_fingerprint_and_the_list_follows(qtbot, world, runner, parent):
    centre, _, _ = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    dialog = keys_dialog(qtbot, runner, supervisor, parent)
    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    trusting = trust_dialog(qtbot, dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(trusting.trust_button, Qt.MouseButton.LeftButton)
    assert listed(dialog) == [("trusted", "KZ-KOR", "")]


def test_an_operator_sees_the_keys_but_may_not_trust_or_revoke(qtbot, world, runner, parent):
    centre, _, _ = world
    dialog = keys_dialog(qtbot, runner, desk_of(centre, "op", Role.OPERATOR), parent)
    dialog.view.selectRow(0)
    assert listed(dialog) == [("waiting for confirmation", "KZ-KOR", "")]
    assert not dialog.trust_button.isEnabled() and not dialog.revoke_button.isEnabled()
    assert dialog.revoke_selected() is None


def test_importing_a_key_file_and_exporting_ours(qtbot, world, runner, parent, tmp_path, monkeypatch):
    centre, _, _ = world
    supervisor = desk_of(centre, "sup", Role.SUPERVISOR)
    other = make_post(tmp_path, "UZ-TER")
    try:
        path = key_file(other)
    finally:
        other.dispose()
    dialog = keys_dialog(qtbot, runner, supervisor, parent)
    monkeypatch.setattr(dialog, "choose_key_file", lambda: str(path))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    trusting = trust_dialog(qtbot, dialog)
    assert trusting.origin_label.text() == "UZ-TER" and trusting.state_label.text() == "new: not seen here before"
    qtbot.waitUntil(lambda: ("waiting for confirmation", "UZ-TER", "") in listed(dialog), timeout=WAIT_MS)

    target = tmp_path / "out" / "centre.key"
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(dialog, "choose_export_path", lambda suggested: asked.append(suggested) or str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Key file written" in dialog.status.text(), timeout=WAIT_MS)
    assert asked == ["C.key"] and supervisor.keys.key_info(target).key_id == supervisor.keys.own().key_id


def test_tools_keys_opens_the_keys_dialog_on_the_workstation(qtbot, world):
    centre, _, _ = world
    ws = Workstation(desk_of(centre, "sup", Role.SUPERVISOR), live=False)
    qtbot.addWidget(ws.window)
    try:
        action = install_keys(ws)
        assert install_keys(ws) is action and action in ws.window.tools_menu.actions()
        action.trigger()
        dialog = ws.window.findChild(KeysDialog)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
        assert dialog.model.index(0, 0).data(KEY_ROLE).origin == "KZ-KOR"
    finally:
        ws.shutdown()

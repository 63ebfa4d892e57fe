"""The whole exchange loop through the real widgets (issue 13's main test): a post on its SQLite file, the centre
on PostgreSQL, each a real Workstation signed in with its own account.

Enter an incident at the post through the IncidentForm, export it, import it at the centre, edit the same field
at both ends through the form, exchange again, resolve the conflict in the Conflicts view by clicking, export the
return bundle at the centre, import it at the post: the post's table shows the resolved record, confirmed.

The installations are set up as `sitcentre demo --exchange` sets them up (services.demo_exchange: the centre's
seed bundle, the post's key trusted at the centre), with nothing recorded yet.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sitcentre.services.demo_exchange import CENTRE_ORIGIN, KZ_POST, add_post, make_centre, sign_in
from sitcentre.settings import Settings, sqlite_url
from tests.ui.stations import LOAD_TIMEOUT_MS, make_station, rows
from ui.incidents.incident_model import COL_STATUS

POSTGRESQL = [pytest.param("postgresql", marks=pytest.mark.pg)]
FIRST = "Heroin in the fuel tank of a truck; the driver detained."


@pytest.fixture
def installations(tmp_path: Path, db_url: str):
    """(post engine, its settings, centre engine, its settings): the centre at `db_url`, the post its own file."""
    centre_settings = Settings(data_dir=tmp_path / "centre-data")
    post_settings = Settings(data_dir=tmp_path / "post-data")
    centre = make_centre(db_url, centre_settings)
    post = add_post(centre, sqlite_url(tmp_path / "post-kz.sqlite"), KZ_POST, post_settings, tmp_path / "setup")
    yield post, post_settings, centre, centre_settings
    post.dispose()
    centre.dispose()


# ------------------------------------------------------------------------------------------- the steps

def enter_incident(qtbot, ws, narrative: str):
    """Incident → New at the post, filled in and saved with Ctrl+S; returns the saved incident."""
    ws.new_incident()
    form = ws.forms[-1]
    qtbot.waitExposed(form)
    reference = ws.reference
    form.post.set_post_id(next(p.id for p in reference.posts if p.code == KZ_POST))
    form.occurred_at.set_value(datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=2))
    line = form.lines_editor.rows[0]
    line.substance.setCurrentIndex(line.substance.findData(next(s.id for s in reference.substances
                                                                if s.code == "heroin")))
    line.quantity.selectAll()
    qtbot.keyClicks(line.quantity, "12.4")
    qtbot.keyClicks(form.narrative, narrative)
    with qtbot.waitSignal(form.incident_saved, timeout=LOAD_TIMEOUT_MS):
        assert form.save()
    return form.saved


def edit_narrative(qtbot, ws, incident_id, narrative: str):
    """Double-click the incident's row in the table, change the narrative in the form that opens, Ctrl+S."""
    before = len(ws.forms)
    view, model = ws.panel.view, ws.panel.model
    view.scrollTo(model.index(model.find_row(incident_id), 0))
    cell = view.visualRect(model.index(model.find_row(incident_id), 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: len(ws.forms) > before, timeout=LOAD_TIMEOUT_MS)
    form = ws.forms[-1]
    assert form.windowTitle().startswith("Edit incident ")
    form.narrative.setPlainText(narrative)
    with qtbot.waitSignal(form.incident_saved, timeout=LOAD_TIMEOUT_MS):
        assert form.save()
    assert form.saved.id == incident_id
    return form.saved


def export_from(qtbot, ws, to: str, folder: Path) -> Path:
    """File → Export data bundle…: the recipient `to` chosen among those offered, the folder typed in the dialog
    (its answer is given here: ExportDialog.exec() would block); the progress dialog runs until the file is
    written. Returns the file."""
    files = ws.exchange_files
    folder.mkdir(parents=True, exist_ok=True)
    offered = []

    def answer(peers):
        offered.extend(peer.origin for peer in peers)
        return to, str(folder), False

    files.ask_export = answer
    assert files.export_action.isEnabled(), files.export_action.toolTip()
    with qtbot.waitSignal(files.exported, timeout=LOAD_TIMEOUT_MS) as written:
        files.export_action.trigger()
    assert to in offered
    qtbot.waitUntil(lambda: not files.dialog.isVisible(), timeout=LOAD_TIMEOUT_MS)
    return written.args[0].path


def import_into(qtbot, ws, path: Path, shows: tuple[str, ...] = ()):
    """File → Import data bundle…: the file picked (QFileDialog's answer given here), the progress dialog, then
    the summary dialog, whose lines include `shows` ("1 added"), closed. Returns the summary."""
    files = ws.exchange_files
    files.ask_import_path = lambda: str(path)
    assert files.import_action.isEnabled(), files.import_action.toolTip()
    with qtbot.waitSignal(files.imported, timeout=LOAD_TIMEOUT_MS) as imported:
        files.import_action.trigger()
    summary = imported.args[0]
    dialog = files.summary_dialog
    assert dialog is not None and dialog.isVisible()
    lines = [button.text() for button in dialog.buttons.values()]
    assert set(shows) <= set(lines), lines
    dialog.close()
    return summary


def resolve_taking_post(qtbot, ws, number: str) -> None:
    """View → Conflicts…, click the incident's conflict in the list, press "Take post's version", say Yes."""
    entry = ws.conflicts_entry
    assert entry.action.isEnabled()
    entry.action.trigger()
    view = entry.view
    qtbot.waitUntil(lambda: _row_with(view, number) is not None, timeout=LOAD_TIMEOUT_MS)
    cell = view.table.visualRect(view.model.index(_row_with(view, number), 0)).center()
    with qtbot.waitSignal(view.detail_loaded, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    view.confirm = lambda _title, _text: True  # the Yes of the question (QMessageBox.question would block)
    assert view.detail.take_post.isEnabled()
    with qtbot.waitSignal(view.resolved, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(view.detail.take_post, Qt.MouseButton.LeftButton)


def _row_with(view, number: str) -> int | None:
    for row in range(view.model.rowCount()):
        if view.model.conflict_at(row).number == number:
            return row
    return None


def row_of(ws, incident_id):
    for row in rows(ws):
        if row is not None and row.id == incident_id:
            return row
    return None


def status_cell(ws, incident_id) -> tuple[str, str]:
    """The status cell's text and tooltip, as the person sees them."""
    model = ws.panel.model
    index = model.index(model.find_row(incident_id), COL_STATUS)
    return index.data(Qt.ItemDataRole.DisplayRole), index.data(Qt.ItemDataRole.ToolTipRole)


def wait_mark(qtbot, ws, incident_id, mark: str) -> tuple[str, str]:
    """Wait until the status cell shows `mark` (a symbol and words, or "" for none); its text and tooltip."""
    def shown() -> bool:
        text, _tip = status_cell(ws, incident_id)
        return text.endswith(f" · {mark}") if mark else " · " not in text

    qtbot.waitUntil(lambda: ws.panel.model.find_row(incident_id) is not None and shown(), timeout=LOAD_TIMEOUT_MS)
    return status_cell(ws, incident_id)


def wait_status(qtbot, ws, words: str) -> None:
    """The status bar's exchange label says `words` (reloaded on the changes an import or export publishes)."""
    label = ws.exchange_status_bar.label
    qtbot.waitUntil(lambda: words in label.text(), timeout=LOAD_TIMEOUT_MS)


def wait_row(qtbot, ws, incident_id, check=lambda row: True):
    qtbot.waitUntil(lambda: (row := row_of(ws, incident_id)) is not None and check(row), timeout=LOAD_TIMEOUT_MS)
    return row_of(ws, incident_id)


# ------------------------------------------------------------------------------------------- the loop

@pytest.mark.parametrize("backend", POSTGRESQL)
def test_the_full_loop_ends_with_the_resolved_record_confirmed_at_the_post(qtbot, installations, tmp_path):
    post, post_settings, centre, centre_settings = installations
    at_post = make_station(qtbot, post, sign_in(post, "kordai", post_settings), post_settings)
    at_centre = make_station(qtbot, centre, sign_in(centre, "supervisor", centre_settings), centre_settings)
    stick = tmp_path / "stick"

    incident = enter_incident(qtbot, at_post, FIRST)
    wait_mark(qtbot, at_post, incident.id, "↑ not sent")
    bundle = export_from(qtbot, at_post, CENTRE_ORIGIN, stick / "1")
    wait_mark(qtbot, at_post, incident.id, "⧗ not confirmed")
    summary = import_into(qtbot, at_centre, bundle, shows=("1 added", "0 conflicts"))
    assert (summary.added, summary.conflicts, summary.errors) == (1, 0, 0)
    wait_row(qtbot, at_centre, incident.id)
    back = import_into(qtbot, at_post, export_from(qtbot, at_centre, KZ_POST, stick / "2"))
    assert back.errors == 0  # the centre's acknowledgement: the post's first version is confirmed
    wait_mark(qtbot, at_post, incident.id, "")

    edit_narrative(qtbot, at_post, incident.id, FIRST + " A second man was detained at 14:20.")
    edit_narrative(qtbot, at_centre, incident.id, FIRST + " The truck was loaded in Bishkek.")
    summary = import_into(qtbot, at_centre, export_from(qtbot, at_post, CENTRE_ORIGIN, stick / "3"),
                          shows=("1 conflict",))
    assert (summary.conflicts, summary.errors) == (1, 0)
    wait_mark(qtbot, at_centre, incident.id, "⚠ in conflict")

    resolve_taking_post(qtbot, at_centre, incident.number)
    wait_row(qtbot, at_centre, incident.id, lambda row: not row.in_conflict)
    wait_status(qtbot, at_centre, "✔ No open conflicts")

    summary = import_into(qtbot, at_post, export_from(qtbot, at_centre, KZ_POST, stick / "4"), shows=("1 updated",))
    assert (summary.updated, summary.conflicts, summary.errors) == (1, 0, 0)
    text, tip = wait_mark(qtbot, at_post, incident.id, "")
    assert tip.startswith("Confirmed: the other side has this version.")
    row = row_of(at_post, incident.id)
    assert row.exchange == "confirmed" and not row.in_conflict
    wait_status(qtbot, at_post, "✔ All sent and confirmed")
    assert at_post.desk.incidents.get(incident.id).narrative == FIRST + " A second man was detained at 14:20."
    at_post.shutdown()
    at_centre.shutdown()

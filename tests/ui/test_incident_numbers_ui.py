"""Incident numbers on screen (issue 10, item 5) and a tablet line's own mass (item 11), through the real widgets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from sitcentre.domain.alerts import Alert
from sitcentre.domain.enums import AmountBasis, Unit
from sitcentre.domain.records import utcnow
from sitcentre.services.alerts import load_alerts
from tests.integration.helpers import ids, incident
from tests.ui import form_helpers
from tests.ui.form_helpers import choose, make_form, post_id, stored, substance_id, type_quantity
from ui.incidents.incident_model import COL_NUMBER, ROW_ROLE
from ui.incidents.incident_panel import IncidentPanel
from ui.incidents.incident_picker import ID_ROLE
from ui.posts.alerts_model import COL_INCIDENT
from ui.posts.alerts_panel import AlertsPanel

TIMEOUT_MS = 10_000
runner, reference = form_helpers.runner, form_helpers.reference  # fixtures


@pytest.fixture
def recorded(engine, app_backend):
    """Two heroin seizures at Kordai and one hashish seizure at Termez, numbered by the centre."""
    posts, subs = ids(engine)
    desk = app_backend.system_desk("tests")
    now = utcnow()
    return [desk.incidents.record(incident(posts[post], now - timedelta(hours=h),
                                           (subs[substance], 1.0, Unit.KG))).value
            for post, substance, h in (("KZ-KOR", "heroin", 3), ("KZ-KOR", "heroin", 2), ("UZ-TER", "hashish", 1))]


def _listed(picker) -> list[str]:
    rows = [picker.results.item(i).data(ID_ROLE) for i in range(picker.results.count())]
    return [row.number for row in rows if row is not None]


def _type(qtbot, picker, words: str) -> None:
    picker.search.clear()
    with qtbot.waitSignal(picker.searched, timeout=TIMEOUT_MS):
        qtbot.keyClicks(picker.search, words)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def test_the_alert_dialog_picks_the_related_incident_by_number_post_or_substance(qtbot, engine, runner, recorded,
                                                                                 app_backend):
    first, second, termez = recorded
    posts, _ = ids(engine)
    view = AlertsPanel(runner, app_backend.system_desk("centre"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.result is not None, timeout=TIMEOUT_MS)
    dialog = view.open_send_dialog(from_post_id=posts["KZ-KOR"])
    try:
        picker = dialog.incident
        _type(qtbot, picker, second.number)
        assert _listed(picker) == [second.number]
        _type(qtbot, picker, second.number[-4:])  # the counter alone, as said on the phone
        assert _listed(picker) == [second.number]
        assert dialog.isEnabled() and view.dialogs == [dialog]  # Enter searched; it did not send the alert
        _type(qtbot, picker, "hashish")
        assert _listed(picker) == [termez.number]
        _type(qtbot, picker, "kordai")
        assert _listed(picker) == [second.number, first.number]  # the latest first
        shown = picker.results.item(2).text()
        assert shown.startswith(f"{first.number} · BLO Kordai · ") and shown.endswith("(UTC+5) · Heroin")
        picker.results.setCurrentRow(2)
        assert picker.selected_id() == first.id
        dialog.text.setPlainText("Same car seen again")
        with qtbot.waitSignal(dialog.sent, timeout=TIMEOUT_MS) as sent:
            dialog.send()
        assert sent.args[0].incident_id == first.id
        stored = load_alerts(engine).alerts[0]
        assert stored.incident_id == first.id
    finally:
        for open_dialog in view.dialogs:
            open_dialog.close()


def test_the_alerts_list_and_detail_name_the_incident_by_its_number(qtbot, engine, runner, recorded, app_backend):
    posts, _ = ids(engine)
    first = recorded[0]
    app_backend.system_desk("kordai").alerts.send(Alert("Watch for the same car", from_post_id=posts["KZ-KOR"],
                                                        to_post_id=posts["KZ-KAR"], incident_id=first.id))
    view = AlertsPanel(runner, app_backend.system_desk("centre"))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=TIMEOUT_MS)
    assert view.model.index(0, COL_INCIDENT).data() == first.number
    view.view.selectRow(0)
    assert f"Related incident: {first.number} · BLO Kordai · " in view.detail.text()
    assert first.id.hex not in view.detail.text() and str(first.id) not in view.detail.text()


def test_the_incident_table_shows_the_number_first(qtbot, engine, runner, recorded, app_backend):
    panel = IncidentPanel(runner, app_backend.system_desk("tests"), page_size=50)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.count == 3 and panel.model.index(0, 0).data(ROW_ROLE) is not None,
                    timeout=TIMEOUT_MS)
    header = panel.view.horizontalHeader()
    assert header.logicalIndex(0) == COL_NUMBER
    assert panel.model.headerData(COL_NUMBER, Qt.Orientation.Horizontal) == "No."
    shown = [panel.model.index(r, COL_NUMBER).data() for r in range(3)]
    assert shown == [r.number for r in reversed(recorded)]  # latest first, as the table sorts by default


def test_a_counted_tablet_line_with_its_own_mass_is_saved_from_the_form(qtbot, runner, engine, reference):
    form = make_form(qtbot, runner, engine, reference)
    form.post.set_post_id(post_id(reference, "KZ-KOR"))
    form.occurred_at.set_value(utcnow().replace(second=0, microsecond=0) - timedelta(hours=1))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "tramadol"))
    type_quantity(qtbot, row, "1000")
    assert row.unit.currentData() == Unit.TABLETS and row.mass.isVisibleTo(form)
    assert row.kg.text() == "0.2 kg — 1,000 tablets x 200 mg = 0.2 kg"  # the substance's default first
    choose(row.basis, AmountBasis.COUNTED.value)
    row.mass.setValue(150)
    assert row.kg.text() == "0.15 kg — 1,000 tablets x 150 mg measured for this line = 0.15 kg"
    with qtbot.waitSignal(form.incident_saved, timeout=TIMEOUT_MS):
        assert form.save()
    line = stored(engine, form.saved.id).lines[0]
    assert (line.basis, line.mass_per_tablet_mg, line.kg_equivalent) == (AmountBasis.COUNTED, 150, pytest.approx(0.15))
    assert form.saved.number.startswith("KOR-C-")


def test_the_mass_per_tablet_is_offered_for_tablets_only(qtbot, runner, engine, reference):
    form = make_form(qtbot, runner, engine, reference)
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "tramadol"))
    row.mass.setValue(150)
    choose(row.substance, substance_id(reference, "heroin"))
    assert row.unit.currentData() == Unit.KG and not row.mass.isVisibleTo(form)
    type_quantity(qtbot, row, "2")
    assert form.lines_editor.lines()[0].mass_per_tablet_mg is None


def test_the_history_dialog_is_titled_with_the_incidents_number_and_post(qtbot, engine, runner, recorded,
                                                                         app_backend):
    from ui.audit.history_dialog import HistoryDialog

    first = recorded[0]
    dialog = HistoryDialog(runner, app_backend.system_desk("supervisor"), "incident", first.id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=TIMEOUT_MS):
        pass
    assert dialog.windowTitle() == f"History of incident {first.number}, BLO Kordai"

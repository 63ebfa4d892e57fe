"""File → Settings… (issue 16, items 3 and 5): taste per person in QSettings (language, theme, look-for-changes
interval), policy per installation in the database (administrators only, audited), a reset to the declared
defaults, and the theme applied at once: the charts recolour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from sitcentre.backend import Backend
from sitcentre.domain.enums import Role
from sitcentre.services import site_settings as policy
from tests.integration.helpers import SETTINGS
from tests.integration.people import add_user, audit_rows
from tests.ui import form_helpers
from ui.charts.chart_bars import BarsPlot
from ui.charts.chart_plot import SeriesPlot
from ui.common import theme as themes
from ui.shell.settings_dialog import LOOK_EVERY, SettingsDialog, feed_settings

runner = form_helpers.runner  # fixture


@pytest.fixture
def store(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "sitcentre.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def light_again(qapp):
    yield qapp
    themes.apply_theme(qapp, "system")


@pytest.fixture
def no_message_boxes(monkeypatch):
    said = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, _k=kind: said.append((_k, text)))
    return said


def _dialog(qtbot, engine, actor, runner, store) -> SettingsDialog:
    desk = Backend(engine, SETTINGS).desk(actor)
    dialog = SettingsDialog(desk, runner, store=store)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.policy), timeout=10_000)
    return dialog


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_an_administrator_changes_the_installation_policy_in_one_audited_step(qtbot, engine, runner, store,
                                                                            no_message_boxes):
    admin = add_user(engine, SETTINGS, "adil", Role.ADMIN)
    dialog = _dialog(qtbot, engine, admin, runner, store)
    assert dialog.amber.isEnabled() and dialog.amber.value() == 24 and dialog.red.value() == 72
    dialog.amber.setValue(100)  # past the old red: amber and red are checked together
    dialog.red.setValue(200)
    dialog.all_posts.setChecked(False)
    form_helpers.choose(dialog.centre_offset, 360)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _ok(dialog)
    assert policy.stored(engine) == {"report_amber_hours": "100", "report_red_hours": "200",
                                     "operators_all_posts": "false", "centre_utc_offset_minutes": "360"}
    applied = Backend(engine, SETTINGS).settings
    assert (applied.report_red_hours, applied.centre_utc_offset_minutes) == (200.0, 360)
    assert [(r.action, r.entity_id, r.username) for r in audit_rows(engine, entity="settings")] == [
        ("update", key, "adil") for key in ("report_amber_hours", "report_red_hours", "operators_all_posts",
                                            "centre_utc_offset_minutes")]
    assert any("next start" in text for _kind, text in no_message_boxes)


def test_restore_defaults_puts_back_what_was_declared_and_ok_removes_the_stored_values(qtbot, engine, runner,
                                                                                      store, no_message_boxes):
    admin = add_user(engine, SETTINGS, "adil", Role.ADMIN)
    policy.set_value(engine, SETTINGS, "report_amber_hours", "12", actor=admin)
    store.setValue(LOOK_EVERY, 30)
    store.setValue(themes.SETTING, "dark")
    dialog = _dialog(qtbot, engine, admin, runner, store)
    assert dialog.amber.value() == 12 and dialog.look_every.value() == 30
    assert dialog.theme.currentData() == "dark"
    dialog.restore_defaults()
    assert (dialog.amber.value(), dialog.look_every.value(), dialog.theme.currentData()) == (24, 0, "system")
    assert dialog.policy_changes() == {"report_amber_hours": None}  # None: back to the default, not "24" stored
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _ok(dialog)
    assert policy.stored(engine) == {}
    assert feed_settings(store) is None and themes.chosen_theme(store) == "system"


def test_an_operator_sees_the_policy_greyed_and_keeps_their_own_choices(qtbot, engine, runner, store,
                                                                        no_message_boxes):
    operator = add_user(engine, SETTINGS, "olga", Role.OPERATOR)
    dialog = _dialog(qtbot, engine, operator, runner, store)
    assert not dialog.amber.isEnabled() and not dialog.all_posts.isEnabled()
    assert "administrator" in dialog.policy_note.text()
    dialog.look_every.setValue(20)
    form_helpers.choose(dialog.language, "ru")
    dialog.restore_defaults()  # the policy is not the operator's to reset
    dialog.look_every.setValue(20)
    form_helpers.choose(dialog.language, "ru")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _ok(dialog)
    assert policy.stored(engine) == {}
    assert store.value("language") == "ru"
    assert feed_settings(store).sqlite_fallback_poll_s == 20.0 and feed_settings(store).pg_safety_poll_s == 20.0
    assert any("next start" in text for _kind, text in no_message_boxes)


def test_red_before_amber_is_refused_in_words_and_nothing_is_stored(qtbot, engine, runner, store,
                                                                     no_message_boxes):
    dialog = _dialog(qtbot, engine, add_user(engine, SETTINGS, "adil", Role.ADMIN), runner, store)
    dialog.amber.setValue(80)
    dialog.red.setValue(48)
    _ok(dialog)
    assert dialog.isVisible() or dialog.result() == 0
    assert no_message_boxes == [("warning", "A post turns red after it turns amber: give red more hours than "
                                            "amber.")]
    assert policy.stored(engine) == {}


def test_a_set_of_values_with_one_refused_stores_none_of_them(engine):
    admin = add_user(engine, SETTINGS, "adil", Role.ADMIN)
    with pytest.raises(policy.SettingRefused, match="between"):
        policy.set_values(engine, SETTINGS, {"report_amber_hours": "10", "report_red_hours": "9999"}, actor=admin)
    with pytest.raises(policy.SettingRefused, match="not an installation setting"):
        policy.set_values(engine, SETTINGS, {"report_amber_hours": "10", "colour": None}, actor=admin)
    assert policy.stored(engine) == {}
    assert policy.set_values(engine, SETTINGS, {"report_amber_hours": "10"}, actor=admin) == {
        "report_amber_hours": (None, "10")}
    assert policy.set_values(engine, SETTINGS, {"report_amber_hours": "10"}, actor=admin) == {}  # no change
    assert policy.set_values(engine, SETTINGS, {"report_amber_hours": None}, actor=admin) == {
        "report_amber_hours": ("10", None)}
    assert policy.stored(engine) == {}


def test_switching_the_theme_recolours_the_charts_at_once(qtbot, light_again):
    series, bars = SeriesPlot(), BarsPlot()
    qtbot.addWidget(series)
    qtbot.addWidget(bars)
    import numpy as np

    periods = np.array(["2026-11-01", "2026-11-02"], dtype="datetime64[D]")
    series.set_series(periods, ("Opiates", "Published"), np.array([[1.0, 2.0], [3.0, 4.0]]),
                      ("#d62728", "#393b79"))
    bars.set_bars(("BLO Kordai",), np.array([5.0]), np.array([4.0]))
    light_background = series.backgroundBrush().color()
    assert light_background.lightness() > 200 and bars.backgroundBrush().color().lightness() > 200
    themes.apply_theme(QApplication.instance(), "dark")
    qtbot.waitUntil(lambda: series.backgroundBrush().color().lightness() < 80, timeout=5_000)
    assert bars.backgroundBrush().color().lightness() < 80
    assert series.plotItem.getAxis("left").textPen().color().lightness() > 150  # light text on the dark ground
    assert bars.value_labels[0].color.lightness() > 150
    navy = QColor(series.colours[1])
    assert navy.lightness() >= themes.READABLE_ON_DARK  # a dark series colour is lightened to stand out
    assert series.colours[0] == "#d62728"  # a colour that stands out already is kept
    themes.apply_theme(QApplication.instance(), "light")
    qtbot.waitUntil(lambda: series.backgroundBrush().color().lightness() > 200, timeout=5_000)
    assert series.colours == ("#d62728", "#393b79")


def test_the_settings_action_is_in_the_file_menu_with_its_shortcut(qtbot, engine, no_message_boxes):
    from ui.shell.workstation import Workstation

    workstation = Workstation(form_helpers.desk_for(engine), live=False)
    qtbot.addWidget(workstation.window)
    try:
        action = workstation.settings_action
        assert action in workstation.window.file_menu.actions()
        assert action.shortcut().toString() == "Ctrl+,"
        action.trigger()
        qtbot.waitUntil(lambda: workstation.settings_dialog.isVisible(), timeout=5_000)
        workstation.settings_dialog.reject()
    finally:
        workstation.shutdown()

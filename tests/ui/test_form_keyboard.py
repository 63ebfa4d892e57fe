"""Keyboard first (issue 10, item 4): the incident form is filled without the mouse.

Tab or Enter takes the single match of a typed post or country; Tab leaves a date-time field in one press;
country fields take codes and names; transit is a validated list of countries; Ctrl+S saves. The last test
enters the Kordai incident of the issue by keyboard only and reads back what was stored.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sitcentre.domain.enums import AmountBasis, IncidentType, Unit
from sitcentre.domain.records import utcnow
from tests.ui import form_helpers
from tests.ui.barriers import drain
from tests.ui.form_helpers import (
    SAVE_TIMEOUT_MS,
    choose,
    incident_count,
    make_form,
    offline_reference,
    post_id,
    save_and_wait,
    stored,
    substance_id,
)

runner, reference = form_helpers.runner, form_helpers.reference  # fixtures
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as on a real keyboard."""
    qtbot.keyClick(focused(), key, modifier)


def typed(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def owner(widget, candidate) -> bool:
    """The focus is on `candidate` or inside it (a combo's line edit)."""
    while widget is not None and widget is not candidate:
        widget = widget.parentWidget()
    return widget is candidate


def minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


@pytest.fixture
def form(qtbot, runner):
    return make_form(qtbot, runner, None, offline_reference())


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_tab_or_enter_takes_the_single_match_of_a_typed_post(qtbot, form, key):
    assert owner(focused(), form.post)
    typed(qtbot, "kord")  # only BLO Kordai contains "kord"

    press(qtbot, key)

    assert form.post.post_id() == post_id(offline_reference(), "KZ-KOR")
    assert form.post.currentText() == "BLO Kordai (KG-KZ)"
    assert not form.is_saving and form.isVisible()  # Enter took the match; it did not press Save
    if key == Qt.Key.Key_Tab:
        assert focused() is form.occurred_at


def test_text_matching_several_posts_is_left_for_the_operator_to_narrow(qtbot, form):
    typed(qtbot, "ka")  # Karkyra, Karamyk, Kara-Suu, Kyzyl-Art, ...
    press(qtbot, Qt.Key.Key_Tab)
    assert form.post.post_id() is None and form.post.currentText() == "ka"


def test_tab_leaves_a_date_time_field_in_one_press_and_shift_tab_comes_back(qtbot, form):
    form.occurred_at.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.reported_at
    press(qtbot, Qt.Key.Key_Tab)
    assert owner(focused(), form.incident_type)
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is form.reported_at


@pytest.mark.parametrize("text", ["Afghanistan", "afghanistan", "af", "AF", "AF — Afghanistan", "afgh"])
def test_a_country_field_takes_a_code_a_name_or_the_listed_text(qtbot, form, text):
    form.route_departure.setFocus()
    form.route_departure.lineEdit().insert(text)  # as typed (QTest cannot type the dash of the listed text)
    press(qtbot, Qt.Key.Key_Tab)  # "afgh": the one match is taken
    assert form.incident().route_departure == "AF" and form.form_problems() == []


def test_a_code_of_a_country_outside_the_list_is_taken_but_an_unknown_code_is_refused(qtbot, form):
    form.route_departure.setEditText("ir")
    form.route_destination.setEditText("ZZ")
    assert form.incident().route_departure == "IR"
    problems = {p.field: p.message for p in form.form_problems()}
    assert set(problems) == {"route_destination"} and "'ZZ' is not a country" in problems["route_destination"]


def test_transit_takes_codes_and_names_and_refuses_unknown_ones_naming_them(qtbot, runner, engine, reference):
    form = make_form(qtbot, runner, engine, reference)
    form.post.set_post_id(post_id(reference, "KZ-KOR"))
    choose(form.lines_editor.rows[0].substance, substance_id(reference, "heroin"))
    form.lines_editor.rows[0].quantity.setText("3")
    form.route_transit.setFocus()
    typed(qtbot, "ZZ, tj")

    assert not form.save()
    error = form.fields["route_transit"].error
    assert error.isVisibleTo(form) and "'ZZ' is not a country" in error.text() and "tj" not in error.text()
    assert form.route_transit.text() == "ZZ, tj" and focused() is form.route_transit
    drain(qtbot, runner)
    assert incident_count(engine) == 0

    form.route_transit.setText("tj Uzbekistan")
    save_and_wait(qtbot, form)
    assert stored(engine, form.saved.id).route_transit == "TJ, UZ"


def test_the_kordai_incident_is_entered_by_keyboard_only_and_stored_as_typed(qtbot, runner, engine, reference):
    form = make_form(qtbot, runner, engine, reference)
    before = minute(utcnow())
    # Where & when: the post by typing, both times left as they are (now at the post)
    typed(qtbot, "kord")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.occurred_at
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.reported_at
    press(qtbot, Qt.Key.Key_Tab)
    assert owner(focused(), form.incident_type)
    typed(qtbot, "Drug")
    # Route, by its mnemonics
    press(qtbot, Qt.Key.Key_D, ALT)
    typed(qtbot, "Afghanistan")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.route_transit
    typed(qtbot, "tj, kg")
    press(qtbot, Qt.Key.Key_Tab)
    typed(qtbot, "kaz")
    press(qtbot, Qt.Key.Key_Tab)  # the one match: KZ — Kazakhstan
    for _ in range(3):  # persons detained, nationalities, joint operation
        press(qtbot, Qt.Key.Key_Tab)
    # Seizure line 1: 12,4 kg hashish, weighed
    first = form.lines_editor.rows[0]
    assert focused() is first.substance
    typed(qtbot, "Hash")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is first.quantity
    typed(qtbot, "12,4")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is first.basis
    typed(qtbot, "W")
    # Seizure line 2: 1 000 tramadol tablets
    press(qtbot, Qt.Key.Key_L, CTRL)
    second = form.lines_editor.rows[1]
    qtbot.waitUntil(second.quantity.isVisible)  # the new row is shown by the event loop, as between keystrokes
    assert focused() is second.substance
    typed(qtbot, "Tram")
    press(qtbot, Qt.Key.Key_Tab)
    typed(qtbot, "1 000")
    assert second.quantity.echo.text() == "= 1\u00a0000 tablets" and first.quantity.echo.text() == "= 12.4 kg"

    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        press(qtbot, Qt.Key.Key_S, CTRL)

    after = utcnow()
    saved = stored(engine, form.saved.id)
    assert saved.post_id == post_id(reference, "KZ-KOR") and saved.incident_type == IncidentType.DRUG_SEIZURE
    assert before <= saved.occurred_at <= after and before <= saved.reported_at <= after
    assert (saved.route_departure, saved.route_transit, saved.route_destination) == ("AF", "TJ, KG", "KZ")
    lines = {line.substance_id: line for line in saved.lines}
    hashish, tramadol = lines[substance_id(reference, "hashish")], lines[substance_id(reference, "tramadol")]
    assert (hashish.quantity, hashish.unit, hashish.basis) == (12.4, Unit.KG, AmountBasis.WEIGHED)
    assert (tramadol.quantity, tramadol.unit) == (1000, Unit.TABLETS)
    assert tramadol.kg_equivalent == pytest.approx(0.2)

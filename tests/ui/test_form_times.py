"""Time entry that is right by default (issue 10, item 1).

An untouched time follows the time now at the chosen post; the form shows that time; quick buttons set
"Occurred at" 15, 30 or 60 minutes back; a time the operator changes stays as typed (and is read in the post's
own time when the post changes). Saves are read back from the database, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from sitcentre.domain.records import utcnow
from tests.ui import form_helpers
from tests.ui.form_helpers import (
    SAVE_TIMEOUT_MS,
    choose,
    make_form,
    offline_reference,
    post_id,
    stored,
    substance_id,
    type_quantity,
)
from ui.incidents.incident_form import IncidentForm

runner, reference = form_helpers.runner, form_helpers.reference  # fixtures

CLOCK = datetime(2026, 3, 14, 9, 7, 30, tzinfo=UTC)  # 14:07 at Kordai (UTC+5), 15:07 at Dostuk (UTC+6)


@pytest.fixture
def fixed_clock(monkeypatch):
    """The form's clock, set by the test: `fixed_clock.now = ...`."""

    class Clock:
        now = CLOCK

    monkeypatch.setattr(IncidentForm, "clock", staticmethod(lambda: Clock.now))
    return Clock


def minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def test_a_post_typed_and_saved_with_untouched_times_stores_now_to_the_minute_in_utc(qtbot, runner, engine,
                                                                                     reference):
    form = make_form(qtbot, runner, engine, reference)
    qtbot.keyClicks(form.post.lineEdit(), "BLO Kordai (KG-KZ)")  # UTC+5: the old form stored now - 5 h
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "heroin"))
    type_quantity(qtbot, row, "3")
    before = minute(utcnow())

    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    after = utcnow()
    saved = stored(engine, form.saved.id)
    assert saved.post_id == post_id(reference, "KZ-KOR")
    assert before <= saved.occurred_at <= after and saved.occurred_at == minute(saved.occurred_at)
    assert before <= saved.reported_at <= after and saved.reported_at == minute(saved.reported_at)


def test_choosing_a_post_shows_the_time_now_at_the_post_in_the_clock_and_the_untouched_times(qtbot, runner,
                                                                                            fixed_clock):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    assert form.now_label.text() == "Now: 09:07 UTC (choose a post)"

    form.post.set_post_id(post_id(reference, "KZ-KOR"))

    assert form.now_label.text() == "Now at BLO Kordai: 14:07 (UTC+5)"
    assert form.occurred_at.text() == form.reported_at.text() == "2026-03-14 14:07"
    assert form.incident().occurred_at == form.incident().reported_at == minute(CLOCK)
    form.post.set_post_id(post_id(reference, "KG-DOS"))  # another post: still now, in its own time
    assert form.now_label.text() == "Now at BLO Dostuk: 15:07 (UTC+6)"
    assert form.occurred_at.text() == "2026-03-14 15:07" and form.incident().occurred_at == minute(CLOCK)


def test_each_minute_the_clock_and_untouched_times_move_on_but_a_time_the_operator_changed_stays(
        qtbot, runner, fixed_clock):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    form.post.set_post_id(post_id(reference, "KZ-KOR"))
    form.occurred_at.setFocus()
    qtbot.keyClick(form.occurred_at, Qt.Key.Key_Down)  # the operator steps the year back: their own value now
    assert form.occurred_at.text() == "2025-03-14 14:07"
    assert form.clock_timer.isActive() and form.clock_timer.remainingTime() <= 60_000

    fixed_clock.now = CLOCK + timedelta(minutes=1)
    form.clock_timer.timeout.emit()

    assert form.now_label.text() == "Now at BLO Kordai: 14:08 (UTC+5)"
    assert form.reported_at.text() == "2026-03-14 14:08"
    assert form.occurred_at.text() == "2025-03-14 14:07"


def test_quick_buttons_set_occurred_to_15_30_and_60_minutes_before_now_at_the_post(qtbot, runner, fixed_clock):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    form.post.set_post_id(post_id(reference, "KZ-KOR"))
    buttons = {b.text().replace("&", ""): b for b in form.ago_buttons}
    assert list(buttons) == ["15 min ago", "30 min ago", "1 h ago"]

    for text, minutes in (("15 min ago", 15), ("30 min ago", 30), ("1 h ago", 60)):
        buttons[text].click()
        assert form.incident().occurred_at == minute(CLOCK) - timedelta(minutes=minutes), text
    assert form.occurred_at.text() == "2026-03-14 13:07"
    fixed_clock.now = CLOCK + timedelta(minutes=5)
    form.clock_timer.timeout.emit()
    assert form.occurred_at.text() == "2026-03-14 13:07"  # a chosen moment does not follow the clock
    assert form.reported_at.text() == "2026-03-14 14:12"


def test_a_changed_time_stays_as_typed_when_the_post_changes_and_the_form_says_so(qtbot, runner, fixed_clock):
    reference = offline_reference()
    form = make_form(qtbot, runner, None, reference)
    form.post.set_post_id(post_id(reference, "KG-DOS"))  # UTC+6
    form.ago_buttons[2].click()  # 1 h ago: 14:07 at Dostuk
    assert form.occurred_at.text() == "2026-03-14 14:07"

    form.post.set_post_id(post_id(reference, "KZ-KOR"))  # UTC+5: the time copied from the report stays

    assert form.occurred_at.text() == "2026-03-14 14:07"
    assert form.incident().occurred_at == datetime(2026, 3, 14, 9, 7, tzinfo=UTC)
    assert form.reported_at.text() == "2026-03-14 14:07"  # untouched: still now, at the new post
    assert "stays as typed" in form.times_hint.text() and form.times_hint.isVisibleTo(form)


def test_a_new_form_left_untouched_while_the_clock_moves_closes_without_asking(qtbot, runner, fixed_clock):
    form = make_form(qtbot, runner, None, offline_reference())
    fixed_clock.now = CLOCK + timedelta(minutes=3)
    form.clock_timer.timeout.emit()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and form.discard_questions == 0

"""Numbers as people type them (issue 10, item 2).

The quantity cell is text read by sitcentre.domain.numbers.parse_quantity: a decimal comma or point, spaces
between thousands, tablets whole; the value is echoed beside the cell as it will be saved; anything else is
refused beside its line with the parser's message, never dropped; an unusually large quantity for its
substance (sitcentre.domain.unusual) asks before saving. Saves are read back from the database.
"""

from __future__ import annotations

import pytest

from sitcentre.domain.enums import Unit
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
    saved_incident,
    stored,
    substance_id,
    type_quantity,
)

runner, reference = form_helpers.runner, form_helpers.reference  # fixtures
NBSP = "\u00a0"


def fill(form, reference, substance: str, typed: str):
    form.post.set_post_id(post_id(reference, "KZ-KOR"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, substance))
    type_quantity(form.qtbot, row, typed)
    return row


@pytest.fixture
def new_form(qtbot, runner):
    """A new form without a database; `form.qtbot` types into it."""
    form = make_form(qtbot, runner, None, offline_reference())
    form.qtbot = qtbot
    return form


def test_12_comma_4_kg_is_echoed_and_saved_as_12_point_4_kg(qtbot, runner, engine, reference):
    form = make_form(qtbot, runner, engine, reference)
    form.qtbot = qtbot
    row = fill(form, reference, "hashish", "12,4")  # the old form saved this as 124 kg
    assert row.quantity.echo.text() == "= 12.4 kg"
    assert row.kg.text().startswith("12.4 kg")

    save_and_wait(qtbot, form)

    line = stored(engine, form.saved.id).lines[0]
    assert (line.quantity, line.unit, line.kg_equivalent) == (12.4, Unit.KG, 12.4)


@pytest.mark.parametrize("typed", ["1 000", "1,000", "1.000", "1000"])
def test_a_thousand_tablets_typed_with_a_space_a_comma_or_a_point_are_a_thousand(new_form, typed):
    reference = offline_reference()
    row = fill(new_form, reference, "tramadol", typed)
    assert row.unit.currentData() == Unit.TABLETS
    assert row.quantity.echo.text() == f"= 1{NBSP}000 tablets"
    assert new_form.incident().lines[0].quantity == 1000


@pytest.mark.parametrize(("typed", "said"), [
    ("12kg", "'12kg' is not a number"),
    ("twelve", "'twelve' is not a number"),
    ("1,500", "1.5 or as 1 500"),
    ("-3", "cannot be negative"),
])
def test_text_that_is_not_a_number_is_refused_beside_its_line_kept_and_nothing_is_saved(
        qtbot, runner, engine, reference, typed, said):
    form = make_form(qtbot, runner, engine, reference)
    form.qtbot = qtbot
    row = fill(form, reference, "heroin", typed)
    assert row.quantity.echo.property("role") == "error" and "=" not in row.quantity.echo.text()

    assert not form.save()

    assert row.error.isVisibleTo(form) and said in row.error.text().replace(NBSP, " ")
    assert row.error.text().startswith("Seizure line 1: ")
    assert "above zero" not in row.error.text()  # one message for the line: the parser's
    assert row.quantity.property("invalid") and row.quantity.hasFocus()
    assert row.quantity.text() == typed  # kept as typed, to correct
    drain(qtbot, runner)
    assert incident_count(engine) == 0


def test_more_decimals_than_the_form_keeps_are_echoed_as_they_will_be_saved(new_form):
    row = fill(new_form, offline_reference(), "heroin", "0,12345")
    assert row.quantity.echo.text() == "= 0.123 kg"
    assert new_form.incident().lines[0].quantity == 0.123


def test_an_unusually_large_quantity_asks_before_saving_and_saves_only_when_confirmed(qtbot, runner, engine,
                                                                                       reference):
    form = make_form(qtbot, runner, engine, reference)
    form.qtbot = qtbot
    questions = []
    form.confirm_large = lambda messages: questions.append(messages) or form.large_answer
    fill(form, reference, "heroin", "1 200")
    form.large_answer = False

    assert not form.save()
    assert len(questions) == 1 and "1,200 kg of Heroin" in questions[0][0] and "1,000 kg-equivalent" in questions[0][0]
    assert "Not saved" in form.banner.text() and form.isVisible()
    drain(qtbot, runner)
    assert incident_count(engine) == 0

    form.large_answer = True
    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        assert form.save()
    assert stored(engine, form.saved.id).lines[0].quantity == 1200


def test_a_usual_quantity_saves_without_asking(qtbot, runner, engine, reference):
    form = make_form(qtbot, runner, engine, reference)
    form.qtbot = qtbot
    form.confirm_large = lambda messages: pytest.fail(f"asked: {messages}")
    fill(form, reference, "heroin", "999,5")
    save_and_wait(qtbot, form)
    assert stored(engine, form.saved.id).lines[0].quantity == 999.5


def test_editing_shows_the_saved_quantity_as_a_number_it_reads_back_unchanged(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)  # heroin 4.2 kg
    form = make_form(qtbot, runner, engine, reference, original)
    row = form.lines_editor.rows[0]
    assert row.quantity.text() == "4.2" and row.quantity.echo.text() == "= 4.2 kg"
    assert not form.is_dirty()
    row.quantity.setValue(1.234)  # three decimals after 1-3 digits would be ambiguous if typed; shown, it is not
    assert row.quantity.echo.text() == "= 1.234 kg" and form.incident().lines[0].quantity == 1.234

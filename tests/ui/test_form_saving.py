"""The incident form saving: editing a saved incident, conflicts with a version someone else saved, and saves
run off the GUI thread with their failures (split from test_incident_form.py, which keeps creating, problems,
status and keyboard).

Conflicts are made for real: the test saves a newer version through another desk while the form still holds
the old one; the conflict dialog is window-modal and opened with open(), so the test presses its buttons.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.validation import Problem, ValidationError
from sitcentre.repositories.incidents import IncidentRepository
from sitcentre.services.incidents import IncidentService
from tests.ui import form_helpers
from tests.ui.form_helpers import (
    SAVE_TIMEOUT_MS,
    choose,
    desk_for,
    incident_count,
    make_form,
    offline_reference,
    post_id,
    save_and_wait,
    saved_incident,
    stored,
    substance_id,
)
from ui.incidents.conflict_dialog import ConflictDialog

runner, reference = form_helpers.runner, form_helpers.reference  # fixtures

# --- editing and conflicts -------------------------------------------------------------------------

def test_editing_shows_the_saved_incident_and_saves_the_next_version(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    assert form.windowTitle() == f"Edit incident {original.number}" and original.number.startswith("DOS-C-")
    assert form.post.post_id() == original.post_id
    assert form.occurred_at.text() == "2026-03-10 12:30"  # Dostuk is UTC+6
    assert form.narrative.toPlainText() == "Car stopped at Dostuk."
    assert form.lines_editor.rows[0].kg.text() == "4.2 kg — 4.2 kg as recorded"
    assert not form.is_dirty()

    form.persons_detained.setValue(2)
    save_and_wait(qtbot, form)

    saved = stored(engine, original.id)
    assert saved.version == 2 and saved.persons_detained == 2
    assert [line.id for line in saved.lines] == [line.id for line in original.lines]


def test_saving_over_a_changed_incident_shows_both_versions_and_overwrite_saves_mine_as_version_3(
        qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine: two men detained.")
    form.persons_detained.setValue(2)
    desk_for(engine, "other").incidents.update(replace(original, narrative="Theirs: changed at the other desk."))

    assert form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None and form.conflict_dialog.isVisible(),
                    timeout=SAVE_TIMEOUT_MS)
    dialog: ConflictDialog = form.conflict_dialog
    rows = {d.label: d for d in dialog.differences}
    assert rows["Narrative"].mine == "Mine: two men detained."
    assert rows["Narrative"].theirs == "Theirs: changed at the other desk."
    assert {label for label, d in rows.items() if d.differs} == {"Narrative", "Persons detained"}
    headers = [dialog.table.horizontalHeaderItem(i).text() for i in range(3)]
    assert headers[1] == "Mine (edited from version 1)" and headers[2] == "Theirs (saved, version 2)"
    assert incident_count(engine) == 1 and stored(engine, original.id).narrative.startswith("Theirs")

    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        dialog.overwrite_button.click()

    saved = stored(engine, original.id)
    assert saved.version == 3 and form.saved.version == 3
    assert saved.narrative == "Mine: two men detained." and saved.persons_detained == 2


def test_reload_theirs_puts_the_saved_version_in_the_form(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine")
    theirs = desk_for(engine, "other").incidents.update(replace(original, narrative="Theirs", persons_detained=4)).value

    form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None, timeout=SAVE_TIMEOUT_MS)
    form.conflict_dialog.reload_button.click()

    assert form.isVisible() and form.conflict_dialog is None
    assert form.narrative.toPlainText() == "Theirs" and form.persons_detained.value() == 4
    assert form.original.version == theirs.version == 2 and not form.is_dirty()
    save_and_wait(qtbot, form)  # saving now builds on their version
    assert stored(engine, original.id).version == 3


def test_keep_editing_leaves_my_edits_in_the_form_and_saves_nothing(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine")
    desk_for(engine, "other").incidents.update(replace(original, narrative="Theirs"))

    form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None, timeout=SAVE_TIMEOUT_MS)
    form.conflict_dialog.keep_editing_button.click()

    assert form.isVisible() and form.narrative.toPlainText() == "Mine"
    assert "Not saved" in form.banner.text() and form.content.isEnabled()
    assert stored(engine, original.id).narrative == "Theirs"


def test_saving_over_a_deleted_incident_offers_to_save_mine_as_new(qtbot, runner, engine, reference):
    original = saved_incident(engine, reference)
    form = make_form(qtbot, runner, engine, reference, original)
    form.narrative.setPlainText("Mine, after it was deleted")
    with UnitOfWork(engine, write=True) as uow:
        IncidentRepository(uow.session).delete(original.id)
        uow.commit()

    form.save()
    qtbot.waitUntil(lambda: form.conflict_dialog is not None, timeout=SAVE_TIMEOUT_MS)
    dialog = form.conflict_dialog
    assert "deleted" in dialog.message.text() and dialog.table is None
    assert dialog.overwrite_button is None and dialog.reload_button is None
    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        dialog.save_as_new_button.click()

    assert form.saved.id != original.id and stored(engine, original.id) is None
    again = stored(engine, form.saved.id)
    assert again.narrative == "Mine, after it was deleted" and again.version == 1 and len(again.lines) == 1


# --- saving off the GUI thread, and its failures ---------------------------------------------------

def test_saving_runs_on_the_db_worker_while_the_form_is_disabled(qtbot, runner, engine, reference, monkeypatch):
    threads = []
    real_record = IncidentService.record

    def record(self, incident, **options):
        threads.append(threading.current_thread())
        return real_record(self, incident, **options)

    monkeypatch.setattr(IncidentService, "record", record)
    form = make_form(qtbot, runner, engine, reference)
    form.post.set_post_id(post_id(reference, "UZ-TER"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "acetic_anhydride"))
    row.quantity.setValue(40)

    with qtbot.waitSignal(form.incident_saved, timeout=SAVE_TIMEOUT_MS):
        assert form.save()
        # the answer comes back through the event loop, so the form is still waiting here
        assert form.is_saving and not form.content.isEnabled() and not form.buttons.isEnabled()
        assert form.saving_label.isVisibleTo(form) and form.saving_label.text() == "Saving…"
        assert not form.save()  # a second Ctrl+S while saving does nothing

    assert threads and threads[0] is not threading.main_thread() and threads[0].name == "sitcentre-db"
    assert stored(engine, form.saved.id).lines[0].conversion == "40 l counted as 40 kg (1 l = 1 kg)"


def test_a_database_failure_is_shown_in_plain_words_and_the_form_stays_open(qtbot, runner, monkeypatch):
    def locked(self, incident, **options):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(IncidentService, "record", locked)
    reference = offline_reference()
    form = make_form(qtbot, runner, object(), reference)
    form.post.set_post_id(post_id(reference, "KG-KSU"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "hashish"))
    row.quantity.setValue(12)

    form.save()
    qtbot.waitUntil(lambda: not form.is_saving, timeout=SAVE_TIMEOUT_MS)

    assert form.isVisible() and form.content.isEnabled() and form.buttons.isEnabled()
    assert "busy" in form.banner.text() and "Your input is kept" in form.banner.text()
    assert row.quantity.value() == 12 and form.saved is None


def test_problems_found_by_the_service_are_shown_beside_their_fields(qtbot, runner, monkeypatch):
    def refused(self, incident, **options):
        raise ValidationError([Problem("post_id", "The chosen post no longer exists. Choose another post.")])

    monkeypatch.setattr(IncidentService, "record", refused)
    reference = offline_reference()
    form = make_form(qtbot, runner, object(), reference)
    form.post.set_post_id(post_id(reference, "KG-KSU"))
    row = form.lines_editor.rows[0]
    choose(row.substance, substance_id(reference, "hashish"))
    row.quantity.setValue(12)

    form.save()
    qtbot.waitUntil(lambda: form.fields["post_id"].error.isVisibleTo(form), timeout=SAVE_TIMEOUT_MS)
    assert "no longer exists" in form.fields["post_id"].error.text() and form.content.isEnabled()

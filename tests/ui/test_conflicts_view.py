"""View → Conflicts… (issue 13, item 2) driven through the real widgets on a centre with real conflicts: a post
and a centre exchange real bundles and edit the same incident at both ends. Filtered by post and kind; one
selected shows both sides field by field; taking the post's side, picking field by field and dismissing a
parallel flag write an audited version (or close the flag) and the list updates; a stale conflict says so and
shows the current version; F5 reads conflicts another program's import opened; an operator finds the menu
greyed, a post finds the centre decides. Taking a side and the stale case run with the centre on PostgreSQL too."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from sitcentre.domain.enums import Role
from tests.integration import exchange_world as w
from tests.integration.people import add_user, audit_since, last_audit_id
from tests.ui.stations import LOAD_TIMEOUT_MS, make_station
from ui.exchange.conflicts_view import ConflictsView

POST = "KZ-KOR"


def conflicting_world(tmp_path, centre_url: str | None = None):
    """A centre with one conflict (narrative edited at both ends) and one parallel flag (different fields)."""
    post, centre = w.make_post(tmp_path, POST), w.make_centre(tmp_path, url=centre_url)
    w.trust_both(post, centre)
    hard = w.record(post, narrative="as recorded")
    soft = w.record(post, narrative="second, as recorded")
    w.import_(centre, w.export(post, "C"))
    w.edit(centre, hard, narrative="centre's words")
    w.edit(post, hard, narrative="post's words", persons_detained=2)
    w.edit(centre, soft, narrative="centre's second words")
    w.edit(post, soft, persons_detained=5)
    summary = w.import_(centre, w.export(post, "C"))
    assert (summary.conflicts, summary.merged) == (1, 1)
    return post, centre, hard, soft


@pytest.fixture
def world(tmp_path):
    """The centre on SQLite."""
    made = conflicting_world(tmp_path)
    yield made
    made[0].dispose()
    made[1].dispose()


@pytest.fixture
def any_world(tmp_path, db_url):
    """The centre on SQLite and on PostgreSQL (the post is always its own SQLite file)."""
    made = conflicting_world(tmp_path, db_url)
    yield made
    made[0].dispose()
    made[1].dispose()


@pytest.fixture
def station(qtbot):
    """station(world, name, role): a workstation signed in there; shut down after the test (no task of it is
    left to answer into a deleted window)."""
    made = []

    def make(world: w.World, name: str = "sam", role: Role = Role.SUPERVISOR):
        actor = add_user(world.engine, world.settings, name, role)
        made.append(make_station(qtbot, world.engine, actor, world.settings))
        return made[-1]

    yield make
    for ws in made:
        ws.shutdown()


def open_view(qtbot, ws) -> ConflictsView:
    ws.conflicts_entry.action.trigger()  # the list arrives through the event loop: the wait below sees it
    view = ws.conflicts_entry.view
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        pass
    settle(qtbot, ws)
    return view


def settle(qtbot, ws) -> None:
    qtbot.waitUntil(lambda: not ws.runner.pending(), timeout=LOAD_TIMEOUT_MS)


def kinds(view) -> list[str]:
    return [c.kind for c in view.model.conflicts]


def select(qtbot, ws, view, kind: str):
    [row] = [i for i, c in enumerate(view.model.conflicts) if c.kind == kind]
    conflict = view.model.conflicts[row]
    with qtbot.waitSignal(view.detail_loaded, timeout=LOAD_TIMEOUT_MS):
        view.table.selectRow(row)
    settle(qtbot, ws)
    assert view.detail.detail.summary.id == conflict.id
    return conflict


def grid_texts(view) -> list[str]:
    return [view.detail.grid.itemAt(i).widget().text() for i in range(view.detail.grid.count())
            if isinstance(view.detail.grid.itemAt(i).widget(), QLabel)]


def test_the_view_lists_filters_and_shows_both_sides(qtbot, station, qtmodeltester, world):
    _post, centre, hard, soft = world
    ws = station(centre)
    assert ws.conflicts_entry.action.isEnabled()
    assert ws.conflicts_entry.action.shortcut().toString() == "Ctrl+Shift+K"
    view = open_view(qtbot, ws)
    qtmodeltester.check(view.model)
    assert sorted(kinds(view)) == ["conflict", "parallel"] and view.count.text() == "2 open"
    assert view.post.findData(POST) > 0 and not view.banner.isVisible()
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        view.set_kind("parallel")
    assert kinds(view) == ["parallel"] and view.count.text() == "1 shown of 2 open"
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        view.set_kind("")
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        view.set_post("KG-DOS")
    assert kinds(view) == [] and view.count.text() == "0 shown of 2 open"
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        view.set_post(POST)
    assert len(kinds(view)) == 2
    texts = [view.model.index(r, c).data() for r in range(2) for c in range(view.model.columnCount())]
    assert "Conflicting edits" in texts and "Parallel edit (merged)" in texts and POST in texts

    conflict = select(qtbot, ws, view, "conflict")
    assert conflict.row_id == hard
    detail = view.detail
    assert "Conflicting edits: incident KOR-2026-0001" in detail.title.text()
    sides = detail.sides.text()
    assert "Centre: system edited it at C" in sides and "Post: system edited it at KZ-KOR" in sides
    assert "received" in sides and "device time" in sides
    texts = grid_texts(view)
    assert "\u26a0 Narrative (conflict)" in texts, "the conflicting field is marked in words, not by colour alone"
    assert "Persons detained" in texts and "as recorded" in texts and "centre's words" in texts
    assert "post's words" in texts
    marked = detail.findChild(QLabel, "field:narrative")
    assert marked.font().bold() and not detail.findChild(QLabel, "field:persons_detained").font().bold()
    assert set(detail.choices) == {"narrative", "persons_detained"}
    assert detail.take_post.isEnabled() and detail.take_centre.isEnabled() and detail.save_fields.isEnabled()
    assert not detail.dismiss_button.isVisible()


def test_taking_the_posts_side_resolves_it_audited_and_the_list_updates(qtbot, station, any_world):
    _post, centre, hard, _soft = any_world
    ws = station(centre)
    view = open_view(qtbot, ws)
    select(qtbot, ws, view, "conflict")
    asked = []
    view.confirm = lambda title, text: asked.append(text) or True
    mark = last_audit_id(centre.engine)
    got = []
    view.resolved.connect(got.append)
    with qtbot.waitSignals([view.resolved, view.loaded], timeout=LOAD_TIMEOUT_MS):
        view.detail.take_post.click()
    [resolution] = got
    assert asked and "the post's version of incident KOR-2026-0001" in asked[0]
    assert kinds(view) == ["parallel"], "the list updated"
    assert view.detail.detail is None and view.count.text() == "1 open"
    now = w.content(centre, hard)
    assert (now["narrative"], now["persons_detained"]) == ("post's words", 2)
    assert w.head(centre, hard)[0] == resolution.rev
    [entry] = [r for r in audit_since(centre.engine, mark) if r.action == "resolve"]
    assert entry.username == "sam" and json.loads(entry.after_json)["take"] == "post"
    message = ws.window.statusBar().currentMessage()
    assert "KOR-2026-0001 resolved" in message and "post's version kept" in message


def test_a_pick_per_field_keeps_each_field_from_the_side_chosen(qtbot, station, world):
    _post, centre, hard, _soft = world
    ws = station(centre)
    view = open_view(qtbot, ws)
    select(qtbot, ws, view, "conflict")
    view.confirm = lambda title, text: True
    # preselected as the service decides a field not named: the post's for what only the post changed
    assert view.detail.chosen()["persons_detained"] == "post"
    view.detail.choose("narrative", "post")
    view.detail.choose("persons_detained", "centre")
    with qtbot.waitSignals([view.resolved, view.loaded], timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(view.detail.save_fields, Qt.MouseButton.LeftButton)
    now = w.content(centre, hard)
    assert (now["narrative"], now["persons_detained"]) == ("post's words", 0)
    assert "field by field" in view.message.text()


def test_nothing_is_written_when_the_confirmation_is_declined(qtbot, station, world):
    _post, centre, hard, _soft = world
    ws = station(centre)
    view = open_view(qtbot, ws)
    select(qtbot, ws, view, "conflict")
    before = w.head(centre, hard)
    view.confirm = lambda title, text: False
    view.detail.take_post.click()
    settle(qtbot, ws)
    assert w.head(centre, hard) == before and sorted(kinds(view)) == ["conflict", "parallel"]


def test_a_parallel_flag_is_dismissed(qtbot, station, world):
    _post, centre, _hard, soft = world
    ws = station(centre)
    view = open_view(qtbot, ws)
    select(qtbot, ws, view, "parallel")
    detail = view.detail
    assert detail.dismiss_button.isVisible() and detail.dismiss_button.isEnabled()
    assert not detail.take_post.isEnabled() and not detail.save_fields.isEnabled() and not detail.choices
    assert "nothing to choose" in detail.note.text() and "changed here since" not in detail.note.text()
    assert "\u21c4 Persons detained (edited by the other side)" in grid_texts(view)
    before = w.head(centre, soft)
    mark = last_audit_id(centre.engine)
    with qtbot.waitSignals([view.resolved, view.loaded], timeout=LOAD_TIMEOUT_MS):
        detail.dismiss_button.click()
    assert kinds(view) == ["conflict"] and w.head(centre, soft) == before
    assert [r.action for r in audit_since(centre.engine, mark)] == ["dismiss"]
    assert "dismissed" in ws.window.statusBar().currentMessage()


def test_a_stale_conflict_says_so_and_shows_the_current_version(qtbot, station, any_world):
    _post, centre, hard, _soft = any_world
    ws = station(centre)
    view = open_view(qtbot, ws)
    select(qtbot, ws, view, "conflict")
    w.edit(centre, hard, narrative="centre's second words")  # another workstation, after the view was read
    view.confirm = lambda title, text: True
    with qtbot.waitSignal(view.failed, timeout=LOAD_TIMEOUT_MS) as failed:
        view.detail.take_post.click()
    assert "changed here since" in failed.args[0] and "Traceback" not in failed.args[0]
    qtbot.waitUntil(lambda: view.detail.detail is not None and "centre's second words" in grid_texts(view),
                    timeout=LOAD_TIMEOUT_MS)
    assert not view.detail.detail.stale and "changed here since" in view.message.text()
    assert w.content(centre, hard)["narrative"] == "centre's second words", "nothing was resolved"
    with qtbot.waitSignal(view.resolved, timeout=LOAD_TIMEOUT_MS):
        view.detail.take_post.click()
    assert w.content(centre, hard)["narrative"] == "post's words"


def test_refresh_reads_conflicts_opened_by_an_import_made_elsewhere(qtbot, station, world):
    post, centre, _hard, _soft = world
    ws = station(centre)
    view = open_view(qtbot, ws)
    third = w.record(post, narrative="third")
    w.import_(centre, w.export(post, "C"))
    w.edit(centre, third, narrative="centre's third")
    w.edit(post, third, narrative="post's third")
    assert w.import_(centre, w.export(post, "C")).conflicts == 1  # another program: nothing told this window
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        qtbot.keyClick(view, Qt.Key.Key_F5)
    assert sorted(kinds(view)) == ["conflict", "conflict", "parallel"] and view.count.text() == "3 open"
    view.close()
    fourth = w.record(post, narrative="fourth")  # one more conflict, opened while the window was closed
    w.import_(centre, w.export(post, "C"))
    w.edit(centre, fourth, narrative="centre's fourth")
    w.edit(post, fourth, narrative="post's fourth")
    w.import_(centre, w.export(post, "C"))
    with qtbot.waitSignal(view.loaded, timeout=LOAD_TIMEOUT_MS):
        ws.conflicts_entry.action.trigger()  # opened again: read again
    assert view.isVisible() and view.count.text() == "4 open"


def test_an_operator_finds_the_view_greyed_with_the_reason(qtbot, station, world):
    _post, centre, _hard, _soft = world
    ws = station(centre, "olga", Role.OPERATOR)
    action = ws.conflicts_entry.action
    assert not action.isEnabled() and "supervisor" in action.toolTip()


def test_at_a_post_the_view_lists_but_the_centre_decides(qtbot, station, tmp_path):
    post, centre = w.make_post(tmp_path, POST), w.make_centre(tmp_path)
    try:
        w.trust_both(post, centre)
        incident = w.record(post, narrative="as recorded")
        w.import_(centre, w.export(post, "C"))
        w.import_(post, w.export(centre, POST))
        w.edit(post, incident, narrative="post's words")
        w.edit(centre, incident, narrative="centre's words")
        assert w.import_(post, w.export(centre, POST)).conflicts == 1
        ws = station(post)
        view = open_view(qtbot, ws)
        assert view.banner.isVisible() and "the centre decides" in view.banner.text()
        select(qtbot, ws, view, kinds(view)[0])
        detail = view.detail
        assert not detail.take_post.isEnabled() and not detail.take_centre.isEnabled()
        assert not detail.save_fields.isEnabled() and "centre resolves" in detail.note.text()
    finally:
        post.dispose()
        centre.dispose()

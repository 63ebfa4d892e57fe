"""The incident table on real databases: model contract, paging, sorting, filters and search."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from sitcentre.db.uow import UnitOfWork
from sitcentre.domain.enums import IncidentType, TransportMode, Unit
from sitcentre.domain.queries import IncidentFilter, Sort
from sitcentre.domain.records import local_date, utcnow
from sitcentre.repositories.incidents import IncidentRepository, KeysetIndex
from sitcentre.repositories.reference import ReferenceRepository
from sitcentre.services.demo import seed_incidents
from tests.integration.helpers import ids, incident, utc
from ui.common.tasks import TaskRunner
from ui.incidents.incident_model import COL_KG, COL_POST, PLACEHOLDER, ROW_ROLE, IncidentTableModel
from ui.incidents.incident_panel import IncidentPanel

END = datetime(2026, 6, 30, tzinfo=UTC)


@pytest.fixture
def seeded(engine):
    seed_incidents(engine, 700, seed=4, end=END)
    return engine


@pytest.fixture
def panel(qtbot, seeded, app_backend):
    runner = TaskRunner()
    widget = IncidentPanel(runner, app_backend.system_desk("tests"), page_size=50)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.count == 700, timeout=10_000)
    yield widget
    runner.shutdown()


def _expected(engine, flt=IncidentFilter(), sort=Sort()):
    with UnitOfWork(engine) as uow:
        repo = IncidentRepository(uow.session)
        index = KeysetIndex(flt, sort, 1000)
        return repo.window(index, 0, 1000)


def _shown_row(panel, row):
    return panel.model.index(row, 0).data(ROW_ROLE)


def _wait_loaded(qtbot, panel, row):
    panel.view.scrollTo(panel.model.index(row, 0))
    qtbot.waitUntil(lambda: _shown_row(panel, row) is not None, timeout=10_000)
    return _shown_row(panel, row)


def test_the_model_passes_qts_model_tester(qtmodeltester, panel):
    qtmodeltester.check(panel.model)


def test_an_empty_model_passes_the_model_tester_too(qtmodeltester):
    qtmodeltester.check(IncidentTableModel())


def test_rows_not_loaded_yet_show_a_placeholder_and_ask_for_their_page(qtbot):
    model = IncidentTableModel(page_size=10)
    model.reset_to(35, {})
    with qtbot.waitSignal(model.pageNeeded) as asked:
        assert model.index(23, 0).data() == PLACEHOLDER
    assert asked.args == [2]


def test_the_table_spans_every_incident_and_pages_fill_in(qtbot, panel, seeded):
    expected = _expected(seeded)
    assert panel.model.rowCount() == 700
    assert "700 incidents" in panel.summary.text()
    assert _wait_loaded(qtbot, panel, 0).id == expected[0].id
    assert _wait_loaded(qtbot, panel, 699).id == expected[699].id  # the end, fetched by seeking from the end
    assert _wait_loaded(qtbot, panel, 351).id == expected[351].id


def test_clicking_a_column_sorts_in_the_database(qtbot, panel, seeded):
    header = panel.view.horizontalHeader()
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        header.setSortIndicator(COL_KG, Qt.SortOrder.DescendingOrder)
    assert panel.sort == Sort("kg", True)
    expected = _expected(seeded, sort=Sort("kg", True))
    assert _shown_row(panel, 0).id == expected[0].id
    assert _shown_row(panel, 0).total_kg == max(r.total_kg for r in expected)
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        header.setSortIndicator(COL_POST, Qt.SortOrder.AscendingOrder)
    assert _wait_loaded(qtbot, panel, 420).id == _expected(seeded, sort=Sort("post", False))[420].id


def test_a_post_filter_and_a_search_narrow_the_table_and_show_as_active(qtbot, panel, seeded):
    bar = panel.filters
    rows = _expected(seeded)
    with UnitOfWork(seeded) as uow:
        reference = ReferenceRepository(uow.session)
        bar.set_reference(reference.posts(), reference.countries(), reference.substances())
    some_post = rows[0]
    wanted = [r for r in rows if r.post_id == some_post.post_id]
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        bar.post.setCurrentIndex(bar.post.findData(some_post.post_id))
    assert panel.count == len(wanted)
    assert some_post.post_name in panel.summary.text()
    assert _wait_loaded(qtbot, panel, 0).post_id == some_post.post_id
    bar.search.setText("spare tyre")
    flt = IncidentFilter(post_ids=(some_post.post_id,), text="spare tyre")
    with UnitOfWork(seeded) as uow:
        count = IncidentRepository(uow.session).count(flt)
    qtbot.waitUntil(lambda: panel.filter == flt and panel.count == count, timeout=10_000)
    assert 0 < count < len(wanted)
    bar.clear()
    qtbot.waitUntil(lambda: panel.count == 700, timeout=10_000)
    assert "filtered" not in panel.summary.text()


def test_a_filter_with_several_values_from_a_chart_click_is_kept_whole(qtbot, panel, seeded):
    bar = panel.filters
    with UnitOfWork(seeded) as uow:
        reference = ReferenceRepository(uow.session)
        bar.set_reference(reference.posts(), reference.countries(), reference.substances())
        subs = {s.code: s.id for s in reference.substances()}
    flt = IncidentFilter(substance_ids=(subs["heroin"], subs["opium"]), statuses=("reported", "verified"))
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        panel.show_filter(flt)
    assert panel.filter == flt
    assert bar.current() == flt
    with UnitOfWork(seeded) as uow:
        assert panel.count == IncidentRepository(uow.session).count(flt) > 0
    assert "Heroin + Opium" in panel.summary.text() and "reported + verified" in panel.summary.text()
    with qtbot.waitSignal(panel.reloaded, timeout=10_000):
        bar.clear()
    assert bar.substance.findData("__several__") == -1 and panel.count == 700


# --- what one known row shows, column by column ---------------------------------------------------------------

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
KNOWN_ROW = [  # (header, displayed text, alignment: None is the view's default, left)
    ("Occurred (centre time, UTC+5)", "2026-03-01 08:30", None),  # 03:30 UTC (09:30 at this UTC+6 post)
    ("Post", "BLO Kara-Suu", None),
    ("Border", "KG-UZ", None),
    ("Type", "Drug seizure", None),  # the form's words (translated), not the stored value
    ("Substances", "Heroin, Opium", None),
    ("kg-equivalent", "4.000", RIGHT),  # 2.5 kg + 1,500 g
    ("Status", "✔ Verified", None),  # a symbol and a colour, never a colour alone (issue 10, item 7)
    ("Transport", "Truck / cargo", None),
    ("Detained", "3", RIGHT),
    ("No.", f"KSU-C-{local_date(utcnow(), 360).year}-0001", None),  # numbered at the centre, the year at the post
]


def test_each_column_of_a_known_row_shows_its_own_text_and_alignment(qtbot, engine, app_backend):
    desk = app_backend.system_desk("tests")
    posts, subs = ids(engine)
    known = incident(posts["KG-KSU"], utc(2026, 3, 1, 3, 30), (subs["heroin"], 2.5, Unit.KG),
                     (subs["opium"], 1500, Unit.G), incident_type=IncidentType.DRUG_SEIZURE,
                     transport_mode=TransportMode.TRUCK, persons_detained=3)
    desk.incidents.record(known)
    desk.reviews.verify(known.id)  # a status whose word differs from every other column's
    runner = TaskRunner()
    panel = IncidentPanel(runner, desk, page_size=50)
    qtbot.addWidget(panel)
    try:
        panel.show()
        qtbot.waitUntil(lambda: panel.count == 1 and _shown_row(panel, 0) is not None, timeout=10_000)
        model = panel.model
        shown = [(model.headerData(c, Qt.Orientation.Horizontal), model.index(0, c).data(),
                  model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole)) for c in range(model.columnCount())]
        assert shown == KNOWN_ROW
    finally:
        runner.shutdown()


# --- writes made here reach the table through the change hub ---------------------------------------------------

def test_an_incident_recorded_through_the_runner_shows_at_once_highlighted_and_an_edit_is_not(qtbot, panel, engine,
                                                                                            app_backend):
    """No live feed here: the write's Done is published by the runner, and the panel refreshes on it."""
    desk = app_backend.system_desk("tests")
    posts, subs = ids(engine)
    new = incident(posts["KG-DOS"], utcnow().replace(microsecond=0), (subs["heroin"], 1.0, Unit.KG))
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.runner.submit(lambda: desk.incidents.record(new))
    assert panel.count == 701 and _wait_loaded(qtbot, panel, 0).id == new.id
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # new: highlighted
    second = _wait_loaded(qtbot, panel, 1)
    edited = replace(desk.incidents.get(second.id), persons_detained=7)
    with qtbot.waitSignal(panel.refreshed, timeout=10_000):
        panel.runner.submit(lambda: desk.incidents.update(edited))
    assert _wait_loaded(qtbot, panel, 1).persons_detained == 7
    assert panel.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None  # changed in place: not

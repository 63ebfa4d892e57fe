"""The map tab: outlines shipped with the package, posts at their coordinates, coloured by status and sized
by kg, figures on hover, a click that selects the post."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from sitcentre.domain.enums import Unit
from sitcentre.domain.post_status import ReportThresholds
from sitcentre.domain.records import utcnow
from sitcentre.geo import load_outlines
from tests.integration.helpers import ids, incident
from ui.posts.map_view import MAX_SIZE, MIN_SIZE, MapView
from ui.posts.post_style import STATUS_COLOURS

THRESHOLDS = ReportThresholds(24, 72)


@pytest.fixture
def board(engine, app_backend):
    posts, subs = ids(engine)
    desk = app_backend.system_desk("s")
    desk.incidents.record(incident(posts["TJ-PPY"], utcnow() - timedelta(days=2), (subs["heroin"], 40, Unit.KG)))
    desk.incidents.record(incident(posts["UZ-TER"], utcnow() - timedelta(hours=3), (subs["opium"], 10, Unit.KG)))
    desk.posts.set_status(posts["KZ-KAR"], "limited", "Scanner under repair")
    board = desk.posts.board()
    assert board.thresholds == THRESHOLDS  # the settings' defaults
    return board


@pytest.fixture
def map_view(qtbot, board):
    view = MapView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_board(board)
    return view


def _widget_point(map_view, lon: float, lat: float) -> QPoint:
    scene = map_view.view.mapViewToScene(QPointF(lon, lat))
    return map_view.plot.mapFromScene(scene)


def test_the_outlines_ship_with_the_package_and_cover_the_region():
    outlines = load_outlines()
    focus = {c.code for c in outlines.countries if c.focus}
    assert focus == {"KZ", "KG", "TJ", "TM", "UZ", "AF"}
    assert {"CN", "IR", "PK", "RU"} <= {c.code for c in outlines.countries}
    assert "Natural Earth" in outlines.source and "ublic domain" in outlines.licence
    kz = outlines.country("KZ").rings[0]
    assert kz[:, 0].min() < 48 and kz[:, 0].max() > 86 and kz[:, 1].max() > 55  # the whole of Kazakhstan
    assert {p.name for p in outlines.capitals} >= {"Astana", "Bishkek", "Dushanbe", "Tashkent", "Ashgabat", "Kabul"}


def test_every_outline_is_drawn_as_a_curve_over_its_filled_country(map_view):
    outlines = load_outlines()
    rings = [ring for country in outlines.countries for ring in country.rings]
    assert len(map_view.outline_items) == len(rings)
    drawn = sorted((len(c.getData()[0]), float(np.nanmean(c.getData()[0]))) for c in map_view.outline_items)
    expected = sorted((len(r) + 1, float(np.mean(np.vstack([r, r[:1]])[:, 0]))) for r in rings)
    assert drawn == [pytest.approx(point) for point in expected]  # nested approx is gone from pytest 9.2
    assert set(map_view.fills) == {c.code for c in outlines.countries}


def test_each_post_sits_at_its_coordinates(map_view, board):
    positions = map_view.post_positions()
    assert len(positions) == 15
    for card in board.cards:
        assert positions[card.post.id] == pytest.approx((card.post.longitude, card.post.latitude))
    assert set(map_view.post_labels) == set(positions)


def test_markers_are_coloured_by_status_and_sized_by_kg(map_view, engine):
    posts, _ = ids(engine)
    colour = {pid: map_view.marker(pid).brush().color().name() for pid in posts.values()}
    assert colour[posts["KZ-KAR"]] == QColor(STATUS_COLOURS["limited"]).name()
    assert colour[posts["TJ-ISH"]] == QColor(STATUS_COLOURS["offline"]).name()
    assert colour[posts["UZ-BEK"]] == QColor(STATUS_COLOURS["operational"]).name()
    size = {pid: map_view.marker(pid).size() for pid in posts.values()}
    assert size[posts["TJ-PPY"]] == pytest.approx(MAX_SIZE)  # 40 kg: the most
    assert MIN_SIZE < size[posts["UZ-TER"]] < MAX_SIZE  # 10 kg: half the diameter's range (square root)
    assert size[posts["KZ-KOR"]] == pytest.approx(MIN_SIZE)  # nothing seized
    late = {int(p.data()) for p in map_view.late.points()}
    assert posts["KZ-KOR"] in late and posts["UZ-TER"] not in late  # never reported / reported 3 h ago


def test_hovering_a_marker_shows_the_cards_figures(qtbot, map_view, engine):
    posts, _ = ids(engine)
    ter = next(c for c in map_view.board.cards if c.post.id == posts["UZ-TER"])
    qtbot.mouseMove(map_view.plot.viewport(), QPoint(5, 5))  # from elsewhere: the cursor may already be there
    qtbot.wait(100)  # pyqtgraph drops mouse moves that follow each other within a frame (~16 ms)
    qtbot.mouseMove(map_view.plot.viewport(), _widget_point(map_view, ter.post.longitude, ter.post.latitude))
    qtbot.waitUntil(lambda: "BLO Termez" in map_view.view.toolTip(), timeout=2_000)
    tip = map_view.view.toolTip()
    assert "1 in 24 h, 1 in 7 days" in tip and "10.0 kg" in tip and "Operational" in tip


def test_clicking_a_marker_selects_the_post(qtbot, map_view, engine):
    posts, _ = ids(engine)
    kor = map_view.marker(posts["KZ-KOR"]).pos()
    with qtbot.waitSignal(map_view.postSelected, timeout=2_000) as signal:
        qtbot.mouseClick(map_view.plot.viewport(), Qt.MouseButton.LeftButton,
                         pos=_widget_point(map_view, kor.x(), kor.y()))
    assert signal.args == [posts["KZ-KOR"]]
    assert map_view.selected == posts["KZ-KOR"]
    (ring,) = map_view.ring.points()
    assert (ring.pos().x(), ring.pos().y()) == pytest.approx((kor.x(), kor.y()))
    map_view.select(None)
    assert len(map_view.ring.points()) == 0


def test_post_names_do_not_cover_each_other(qtbot, map_view):
    qtbot.wait(50)  # the labels' scene positions follow the view's transform once painted
    shown = [label for label in map_view.post_labels.values() if label.isVisible()]
    rects = [label.mapRectToScene(label.boundingRect()) for label in shown]
    overlaps = [(shown[i].toPlainText(), shown[j].toPlainText())
                for i, a in enumerate(rects) for j, b in enumerate(rects) if i < j and a.intersects(b)]
    assert overlaps == []
    assert len(shown) >= 12  # crowded at this size, yet most posts keep their name beside them


def test_the_map_renders_to_an_image(map_view, tmp_path):
    path = tmp_path / "map.png"
    assert map_view.grab().save(str(path))
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("backend", ["sqlite"])
def test_on_a_short_wide_map_every_post_is_shown_above_the_attribution(qtbot, map_view, board):
    """At 1366x768 with the charts open the map is about 980x300 pixels: 'Posts' still shows every marker, none
    of them under the attribution label at the bottom; after the person pans, a resize leaves their view alone."""
    map_view.resize(980, 330)
    qtbot.wait(50)
    map_view.posts_button.click()
    attribution_top = map_view.attribution.geometry().top()
    for card in board.cards:
        point = _widget_point(map_view, card.post.longitude, card.post.latitude)
        assert map_view.plot.rect().contains(point), card.post.name
        assert point.y() + MAX_SIZE / 2 < attribution_top, card.post.name
    map_view.view.translateBy(x=3.0)  # as a drag does
    map_view.view.sigRangeChangedManually.emit([True, True])
    moved = map_view.view.viewRange()
    map_view.resize(990, 340)
    qtbot.wait(50)
    assert map_view.area_asked is None and map_view.view.viewRange()[0][0] == pytest.approx(moved[0][0], abs=1.0)

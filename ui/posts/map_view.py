"""The map tab: posts at their coordinates over the outlines of Central Asia and Afghanistan.

Markers are coloured and shaped by operational status (● operational, ▲ limited, ■ offline: never by colour
alone), sized by the drugs' kg-equivalent seized in 30 days (precursors are counted apart) and ringed when the
post is late to report (amber: a dashed ring, red: a solid one). The map follows the light or dark theme
(issue 16): its water, land, names and legend are drawn again from `map_look` when the palette changes.
Hovering a marker shows the card's figures; a click selects the post (the same signal as a card), a double
click opens its detail. The outlines ship with the package
(sitcentre.geo: Natural Earth 1:110m, public domain); nothing is fetched.

Coordinates are plotted as longitude and latitude, with the view's aspect locked to cos(41°) so that the
region is not stretched east-west (an equirectangular view is close enough at this scale). Post names are
placed beside their markers where they collide with nothing else, again after each zoom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sitcentre.domain.post_status import ReportLevel
from sitcentre.domain.posts import PostBoard
from sitcentre.geo import MapOutlines, load_outlines
from ui.common.theme import ink, is_theme_event, plot_colours
from ui.posts.post_style import (
    REPORT_COLOURS,
    STATUS_COLOURS,
    STATUS_SHAPES,
    STATUS_SYMBOLS,
    card_tooltip,
    post_statuses,
)

LAT0 = 41.0  # the region's middle latitude, for the aspect ratio


@dataclass(frozen=True)
class MapLook:
    """The base map's colours on a light or a dark ground."""

    dark: bool
    water: str
    land_focus: str
    land_other: str
    border_focus: str
    border_other: str
    graticule: QColor
    country_focus: str  # the countries' names
    country_other: str
    capital: str  # a capital's square and name
    capital_fill: str
    post_name: str
    marker_edge: str
    hover: str
    selection: str
    panel_fill: str  # behind the legend and the attribution
    panel_border: str
    text: str
    muted: str


LIGHT_MAP = MapLook(False, "#dce8f1", "#fbfaf6", "#ebe9e3", "#8c877c", "#bcb8ae", QColor(120, 150, 180, 45),
                    "#a29d90", "#b3afa5", "#6d6a63", "#ffffff", "#2f3d48", "#ffffff", "#1f3b57", "#1f6fb2",
                    "rgba(255,255,255,220)", "#c8d0d6", "#222222", "#5f6b74")
DARK_MAP = MapLook(True, "#16222c", "#34363a", "#2a2c2f", "#9a958a", "#5f5c56", QColor(150, 180, 210, 40),
                   "#8f8a80", "#77736b", "#b0aca3", "#2b2d30", "#e2e6ea", "#1e1f22", "#f0f0f0", "#5a9bd8",
                   "rgba(43,45,48,225)", "#55595e", "#e6e6e6", "#9aa5ad")
WATER, LAND_FOCUS, LAND_OTHER = LIGHT_MAP.water, LIGHT_MAP.land_focus, LIGHT_MAP.land_other  # the light look's names


def map_look(widget: QWidget) -> MapLook:
    return DARK_MAP if plot_colours(widget).dark else LIGHT_MAP

POSTS_VIEW = QRectF(56.5, 33.8, 29.0, 13.4)  # lon, lat, width, height: every post with room around it
REGION_VIEW = QRectF(46.0, 29.0, 42.0, 27.0)  # the five countries and Afghanistan
MIN_SIZE, MAX_SIZE = 9.0, 30.0  # marker diameter in pixels: no seizures .. the post with the most
LATE_RING = 8.0  # extra pixels of the late-report ring around a marker
LABEL_FONT_PT = 8.5


def marker_size(kg: float, largest: float) -> float:
    """Area grows with the amount: the diameter with its square root."""
    if largest <= 0 or kg <= 0:
        return MIN_SIZE
    return MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(kg / largest)


class MapView(QWidget):
    postSelected = Signal(int)
    postActivated = Signal(int)  # double click: open the detail

    def __init__(self, outlines: MapOutlines | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("MapView")
        self.outlines = outlines or load_outlines()
        self.board: PostBoard | None = None
        self.selected: int | None = None
        self.look = map_look(self)
        self.plot = pg.PlotWidget(background=self.look.water)
        self.plot.setObjectName("MapPlot")
        item = self.plot.getPlotItem()
        for axis in ("left", "bottom"):
            item.hideAxis(axis)
        item.hideButtons()
        item.setMenuEnabled(False)
        self.view = item.getViewBox()
        self.view.setAspectLocked(True, ratio=math.cos(math.radians(LAT0)))
        x0, y0, x1, y1 = self.outlines.clip
        self.view.setLimits(xMin=x0, xMax=x1, yMin=y0, yMax=y1)
        self.fills: dict[str, QGraphicsPathItem] = {}
        self._fixed: list[tuple[pg.TextItem | None, tuple[float, float], tuple[float, float]]] = []  # item, pos, anchor
        self.outline_items: list[pg.PlotCurveItem] = []
        self._outline_focus: list[bool] = []  # beside outline_items: a focus country's border
        self.country_labels: list[tuple[bool, pg.TextItem]] = []  # focus, name
        self.capital_dots: pg.ScatterPlotItem | None = None
        self.capital_labels: list[tuple[object, pg.TextItem]] = []  # sitcentre.geo.Place, its name
        self._draw_graticule()
        self._draw_countries()
        self._draw_capitals()
        self.late = pg.ScatterPlotItem(pxMode=True, brush=pg.mkBrush(None))  # rings of late reporters
        self.late.setZValue(8)
        self.ring = pg.ScatterPlotItem(pxMode=True, brush=pg.mkBrush(None), pen=pg.mkPen(self.look.selection, width=3))
        self.ring.setZValue(9)
        self.scatter = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip,
                                          hoverPen=pg.mkPen(self.look.hover, width=2.5))
        self.scatter.setZValue(10)
        self.scatter.sigClicked.connect(self._clicked)
        for layer in (self.late, self.ring, self.scatter):
            self.view.addItem(layer)
        self.post_labels: dict[int, pg.TextItem] = {}
        self._label_font = QFont()
        self._label_font.setPointSizeF(LABEL_FONT_PT)
        self.legend = QLabel(self.plot)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.attribution = QLabel(self.tr("Outlines: Natural Earth 1:110m (public domain), simplified; "
                                          "positions approximate"), self.plot)
        self.posts_button = QPushButton(self.tr("Posts"))
        self.region_button = QPushButton(self.tr("Whole region"))
        self.posts_button.clicked.connect(lambda: self.show_area(POSTS_VIEW))
        self.region_button.clicked.connect(lambda: self.show_area(REGION_VIEW))
        self.summary = QLabel(self.tr("Loading posts…"))
        self._style_overlays()
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(QLabel(self.tr("Show:")))
        bar.addWidget(self.posts_button)
        bar.addWidget(self.region_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)
        self.view.sigRangeChanged.connect(lambda *_args: self._place_labels())
        self.view.sigResized.connect(lambda *_args: self._place_labels())
        self.area_asked: QRectF | None = None  # the last "Show:" area, fitted again when the map is resized ...
        self.view.sigRangeChangedManually.connect(self._user_moved)  # ... until the person pans or zooms
        self.view.sigResized.connect(self._refit)
        self.show_area(POSTS_VIEW)

    # --------------------------------------------------------------------------------- the base map

    def _draw_graticule(self) -> None:
        """Meridians and parallels every 5°, faint: they help to read distances and positions."""
        x0, y0, x1, y1 = self.outlines.clip
        xs, ys = [], []
        for lon in range(int(math.ceil(x0 / 5) * 5), int(x1) + 1, 5):
            xs += [lon, lon, np.nan]
            ys += [y0, y1, np.nan]
        for lat in range(int(math.ceil(y0 / 5) * 5), int(y1) + 1, 5):
            xs += [x0, x1, np.nan]
            ys += [lat, lat, np.nan]
        self.graticule = pg.PlotCurveItem(np.array(xs, float), np.array(ys, float), connect="finite",
                                          pen=pg.mkPen(self.look.graticule, width=1))
        self.graticule.setZValue(-12)
        self.view.addItem(self.graticule)

    def _draw_countries(self) -> None:
        for country in sorted(self.outlines.countries, key=lambda c: c.focus):  # neighbours underneath
            path = QPainterPath()
            for ring in country.rings:
                path.addPolygon([QPointF(x, y) for x, y in ring])
                path.closeSubpath()
            fill = QGraphicsPathItem(path)
            fill.setPen(QPen(Qt.PenStyle.NoPen))
            fill.setBrush(self._land(country.focus))
            fill.setZValue(-20 if country.focus else -30)
            self.view.addItem(fill)
            self.fills[country.code] = fill
            pen = self._border(country.focus)
            for ring in country.rings:
                closed = np.vstack([ring, ring[:1]])
                curve = pg.PlotCurveItem(closed[:, 0], closed[:, 1], pen=pen, antialias=True)
                curve.setZValue(-10 if country.focus else -11)
                self.view.addItem(curve)
                self.outline_items.append(curve)
                self._outline_focus.append(country.focus)
            self.country_labels.append((country.focus, self._country_label(country)))

    def _land(self, focus: bool) -> QBrush:
        return QBrush(QColor(self.look.land_focus if focus else self.look.land_other))

    def _border(self, focus: bool) -> QPen:
        return pg.mkPen(self.look.border_focus if focus else self.look.border_other, width=1.3 if focus else 0.8)

    def _country_label(self, country) -> pg.TextItem:
        colour = self.look.country_focus if country.focus else self.look.country_other
        label = pg.TextItem(country.name.upper(), color=colour, anchor=(0.5, 0.5))
        font = QFont()
        font.setPointSizeF(10 if country.focus else 8.5)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 120)
        font.setBold(country.focus)
        font.setItalic(not country.focus)
        label.setFont(font)
        label.setPos(*country.label)
        label.setZValue(-5)
        self._fixed.append((label, country.label, (0.5, 0.5)))
        self.view.addItem(label)
        return label

    def _draw_capitals(self) -> None:
        places = self.outlines.capitals
        if not places:
            return
        dots = pg.ScatterPlotItem([p.lon for p in places], [p.lat for p in places], symbol="s", size=5,
                                  pen=pg.mkPen(self.look.capital, width=1), brush=pg.mkBrush(self.look.capital_fill),
                                  pxMode=True)
        dots.setZValue(-4)
        self.view.addItem(dots)
        self.capital_dots = dots
        font = QFont()
        font.setPointSizeF(8)
        font.setItalic(True)
        for place in places:
            label = pg.TextItem(place.name, color=self.look.capital, anchor=(0.0, 1.0))
            label.setFont(font)
            label.textItem.document().setDocumentMargin(1)
            label.setPos(place.lon + 0.08, place.lat + 0.05)
            label.setZValue(-4)
            self.view.addItem(label)
            self.capital_labels.append((place, label))
            self._fixed.append((None, (place.lon, place.lat), (0.5, 0.5)))  # the square itself

    def _legend_text(self) -> str:
        """Status by colour and shape, size, late rings by colour and dash, capitals; in the look's colours."""
        look = self.look
        dots = " &nbsp; ".join(f"<span style='color:{STATUS_COLOURS[s]}; font-size:14px'>{STATUS_SHAPES[s]}</span> "
                               f"{text}" for s, text in post_statuses().items())
        title = self.tr("Border liaison offices")
        size = self.tr("Size: kg-equivalent of drugs seized in 30 days (precursors not counted)")
        ring = self.tr("Ring: no report for 24 h (amber, dashed) or 72 h (red, solid)")
        capital = self.tr("Capital city")
        amber, red = (self._ring_colour(level) for level in (ReportLevel.AMBER, ReportLevel.RED))
        return (f"<b>{title}</b><br>{dots}<br>"
                f"<span style='color:{look.muted}'>{size}</span><br>"
                f"<span style='color:{amber}; font-size:14px'>◌</span>"
                f"<span style='color:{red}; font-size:14px'>◯</span> "
                f"<span style='color:{look.muted}'>{ring}</span><br>"
                f"<span style='color:{look.capital}'>□</span> "
                f"<span style='color:{look.muted}'>{capital}</span>")

    def _ring_colour(self, level: ReportLevel) -> str:
        """A late ring's colour: as given, lightened on a dark ground only where it would sink (as chart lines)."""
        return ink(REPORT_COLOURS[level], plot_colours(self)).name()

    def _style_overlays(self) -> None:
        """The legend, the attribution and the summary: text of the look's colour on its own ground (never light
        text on a white box)."""
        look = self.look
        self.legend.setText(self._legend_text())
        self.legend.setStyleSheet(f"color: {look.text}; background: {look.panel_fill}; border: 1px solid "
                                  f"{look.panel_border}; border-radius: 4px; padding: 6px 8px;")
        self.legend.adjustSize()
        self.attribution.setStyleSheet(f"color: {look.muted}; background: {look.panel_fill}; padding: 2px 6px;")
        self.summary.setStyleSheet(f"color: {look.muted};")

    def changeEvent(self, event) -> None:  # Qt override: the theme was switched
        super().changeEvent(event)
        if is_theme_event(event) and hasattr(self, "summary") and self.look != map_look(self):
            self.restyle()

    def restyle(self) -> None:
        """Water, land, borders, names, markers and overlays in the colours of the current palette."""
        look = self.look = map_look(self)
        self.plot.setBackground(look.water)
        self.graticule.setPen(pg.mkPen(look.graticule, width=1))
        for code, fill in self.fills.items():
            fill.setBrush(self._land(self.outlines.country(code).focus))
        for curve, focus in zip(self.outline_items, self._outline_focus):
            curve.setPen(self._border(focus))
        for focus, label in self.country_labels:
            label.setColor(look.country_focus if focus else look.country_other)
        if self.capital_dots is not None:
            self.capital_dots.setPen(pg.mkPen(look.capital, width=1))
            self.capital_dots.setBrush(pg.mkBrush(look.capital_fill))
        for _place, label in self.capital_labels:
            label.setColor(look.capital)
        for label in self.post_labels.values():
            label.setColor(look.post_name)
        self.ring.setPen(pg.mkPen(look.selection, width=3))
        self._style_overlays()
        self.resizeEvent(None)  # the legend's and the attribution's sizes changed with their text
        if self.board is not None:
            self.set_board(self.board)  # the markers' edges and late rings

    def resizeEvent(self, event) -> None:  # Qt override: keep the overlays in their corners
        if event is not None:
            super().resizeEvent(event)
        self.legend.move(10, 10)
        self.attribution.adjustSize()
        self.attribution.move(self.plot.width() - self.attribution.width() - 4,
                              self.plot.height() - self.attribution.height() - 4)

    def _user_moved(self, *_args) -> None:
        self.area_asked = None

    def _refit(self, *_args) -> None:
        if self.area_asked is not None:
            self.show_area(self.area_asked)  # the room below the area depends on the map's height

    def show_area(self, rect: QRectF) -> None:
        """Show all of `rect` (longitude, latitude), centred in the part of the map above the attribution, which
        sits over the map's bottom edge (on a short map, 1366x768 with the charts open, it hid the southernmost
        post). The aspect is locked, so the view is widened or heightened to hold the whole rect: pyqtgraph's
        setRange alone would crop the latitudes of a short, wide map."""
        self.area_asked = rect
        room = self.attribution.sizeHint().height() + (MAX_SIZE + LATE_RING) // 2 + 4  # a marker and its ring
        (x0, x1), (y0, y1) = self.view.viewRange()
        width_px, height_px = self.view.width(), self.view.height()
        if width_px <= 0 or height_px <= 2 * room or x1 <= x0 or y1 <= y0:
            self.view.setRange(rect=rect, padding=0)  # not laid out yet: _refit comes back when it is
            return
        k = ((y1 - y0) / height_px) / ((x1 - x0) / width_px)  # latitude per longitude on screen (the lock)
        usable = height_px - room
        per_px = max(rect.width() / width_px, rect.height() / usable / k)  # longitude per pixel
        top = rect.center().y() + per_px * k * usable / 2
        centre = rect.center().x()
        self.view.setRange(xRange=(centre - per_px * width_px / 2, centre + per_px * width_px / 2),
                           yRange=(top - per_px * k * height_px, top), padding=0)

    # ------------------------------------------------------------------------------------- posts

    def set_board(self, board: PostBoard) -> None:
        """Show the posts of a board (the same one the cards show)."""
        self.board = board
        largest = board.max_kg_30d
        spots, rings, look = [], [], self.look
        for card in board.cards:
            post, size = card.post, marker_size(card.summary.kg_30d, largest)
            spots.append({"pos": (post.longitude, post.latitude), "size": size, "data": post.id,
                          "symbol": STATUS_SYMBOLS[post.status], "brush": pg.mkBrush(STATUS_COLOURS[post.status]),
                          "pen": pg.mkPen(look.marker_edge, width=1.5)})
            if card.report != ReportLevel.OK:  # amber dashed, red solid and wider: not by colour alone
                red = card.report == ReportLevel.RED
                pen = pg.mkPen(self._ring_colour(card.report), width=3 if red else 2.5,
                               style=Qt.PenStyle.SolidLine if red else Qt.PenStyle.DashLine)
                rings.append({"pos": (post.longitude, post.latitude), "size": size + LATE_RING, "pen": pen,
                              "data": post.id})
        self.scatter.setData(spots, hoverPen=pg.mkPen(look.hover, width=2.5))
        self.late.setData(rings)
        self._sync_labels(board)
        self._show_ring()
        attention = sum(1 for c in board.cards if c.attention > 0)
        self.summary.setText(self.tr("{0} posts, {1} need attention. Hover a marker for its figures; click to show "
                                     "its incidents; double-click for its detail.").format(len(board.cards),
                                                                                           attention))

    def _sync_labels(self, board: PostBoard) -> None:
        wanted = {c.post.id: c.post for c in board.cards}
        for post_id in set(self.post_labels) - set(wanted):
            self.view.removeItem(self.post_labels.pop(post_id))
        for post_id, post in wanted.items():
            label = self.post_labels.get(post_id)
            if label is None:
                label = pg.TextItem("", color=self.look.post_name)
                label.setFont(self._label_font)
                label.textItem.document().setDocumentMargin(1)
                label.setZValue(12)
                self.view.addItem(label)
                self.post_labels[post_id] = label
            label.setText(post.crossing.split(" / ")[0])
        self._place_labels()

    def _place_labels(self) -> None:
        """Beside each marker, on the side (right, left, above, below, then the diagonals) where the name hides
        the fewest markers, names and places; the posts that need attention most are placed first. A name
        that would cover another post's name is left out (the marker's tooltip still gives it)."""
        if self.board is None or not self.post_labels:
            return
        px, py = self.view.viewPixelSize()
        if not px or not py:
            return
        late = {int(p.data()) for p in self.late.points()}
        markers = {}
        for spot in self.scatter.points():
            post_id = int(spot.data())
            size = spot.size() + (LATE_RING if post_id in late else 0)
            markers[post_id] = QRectF(spot.pos().x() - size / 2 * px, spot.pos().y() - size / 2 * py, size * px,
                                      size * py)
        fixed = [_text_rect(item, pos, anchor, px, py) for item, pos, anchor in self._fixed]
        taken: list[QRectF] = []
        for card in self.board.cards:
            label, marker = self.post_labels.get(card.post.id), markers.get(card.post.id)
            if label is None or marker is None:
                continue
            others = [r for post_id, r in markers.items() if post_id != card.post.id]
            best = min(_label_options(marker, label, px, py),
                       key=lambda o: 4 * _hits(o[2], taken) + 3 * _hits(o[2], others) + _hits(o[2], fixed))
            anchor, pos, rect = best
            label.setAnchor(anchor)
            label.setPos(*pos)
            label.setVisible(_hits(rect, taken) == 0)
            if label.isVisible():
                taken.append(rect)
        markers_and_names = list(markers.values()) + taken
        for place, label in self.capital_labels:  # capitals' names give way to the posts
            square = QRectF(place.lon - 3.5 * px, place.lat - 3.5 * py, 7 * px, 7 * py)
            anchor, pos, rect = min(_label_options(square, label, px, py),
                                    key=lambda o: _hits(o[2], markers_and_names))
            label.setAnchor(anchor)
            label.setPos(*pos)

    def post_positions(self) -> dict[int, tuple[float, float]]:
        """Where each post's marker sits (longitude, latitude), read back from the plotted items."""
        return {int(p.data()): (p.pos().x(), p.pos().y()) for p in self.scatter.points()}

    def marker(self, post_id: int):
        return next((p for p in self.scatter.points() if p.data() == post_id), None)

    def _tip(self, x: float, y: float, data) -> str:
        card = self.board.card(int(data)) if self.board else None
        return card_tooltip(card) if card else ""

    # ---------------------------------------------------------------------------------- selection

    def _clicked(self, _item, points, event) -> None:
        if len(points) == 0:
            return
        post_id = int(points[0].data())
        if event is not None and event.double():
            self.postActivated.emit(post_id)
            return
        self.select(post_id)
        self.postSelected.emit(post_id)

    def select(self, post_id: int | None) -> None:
        """Ring the selected post's marker (None: no ring)."""
        self.selected = post_id
        self._show_ring()

    def _show_ring(self) -> None:
        spot = self.marker(self.selected) if self.selected is not None else None
        if spot is None:
            self.ring.setData([])
            return
        self.ring.setData([{"pos": (spot.pos().x(), spot.pos().y()), "size": spot.size() + 12}])


def _text_rect(item: pg.TextItem | None, pos, anchor, px: float, py: float) -> QRectF:
    """The rectangle (data units, y up) a TextItem with this anchor covers at the current zoom (None: a
    7-pixel square, a capital's marker)."""
    size = item.textItem.boundingRect().size() if item is not None else None
    width = (size.width() if size else 7) * px
    height = (size.height() if size else 7) * py
    left = pos[0] - anchor[0] * width
    top = pos[1] + anchor[1] * height  # anchor y 0 is the text's top, and y grows upwards in the view
    return QRectF(left, top - height, width, height)


def _label_options(marker: QRectF, label: pg.TextItem, px: float, py: float):
    """(anchor, position, covered rectangle): right, left, above, below, then the four diagonals.

    In the view y grows upwards, so a QRectF's bottom() is the marker's upper edge."""
    centre, gap_x, gap_y = marker.center(), 3 * px, 2 * py
    left, right, upper, lower = marker.left() - gap_x, marker.right() + gap_x, marker.bottom(), marker.top()
    options = []
    for anchor, pos in (((0.0, 0.5), (right, centre.y())),
                        ((1.0, 0.5), (left, centre.y())),
                        ((0.5, 1.0), (centre.x(), upper + gap_y)),
                        ((0.5, 0.0), (centre.x(), lower - gap_y)),
                        ((0.0, 1.0), (right - gap_x, upper)),
                        ((1.0, 1.0), (left + gap_x, upper)),
                        ((0.0, 0.0), (right - gap_x, lower)),
                        ((1.0, 0.0), (left + gap_x, lower))):
        options.append((anchor, pos, _text_rect(label, pos, anchor, px, py)))
    return options


def _hits(rect: QRectF, others: list[QRectF]) -> int:
    return sum(1 for other in others if rect.intersects(other))

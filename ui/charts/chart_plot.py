"""The time-series plot of the charts panel: fixed curve slots on a date axis, legend, hover and clicks.

Design rule 6: the plot takes arrays. Every curve (one per series slot, and one dashed moving-average
curve per slot) is created once, in __init__, and updated with setData; a refresh never clears the plot,
so it does not flicker and the view box keeps the range the user zoomed or panned to. Slots beyond the
current number of series get empty data. Lines or stacked areas are the same curves: stacked, each
visible curve shows the running sum of the visible series up to it, filled down to zero, with the first
(largest) series drawn in front.

Times on the x axis are seconds since 1970 at 00:00 UTC of each period's first day, shown with a
DateAxisItem at UTC offset 0, so a local day stays that day whatever the workstation's own time zone.

A partial period (a week or month cut by the range, or still running at the posts) would read as a drop:
in lines it is joined by a dotted segment and drawn as a hollow point, stacked as a hollow point, and the
legend says "partial period" (the hover says how partial).

Published statistics (issue 15) have curves of their own (`context`, CONTEXT_SLOTS of them, made once like the
rest): steps beside the series in dark colours and a dash-dot pattern of their own each, never stacked with
them; what they hold is worked out in ui.charts.chart_context. Their legend is a row of its own under the plot,
led by what they are ("National totals as published, daily average:"; a click there hides or shows them all),
so the long words do not push the series' legend into one column. Without statistics it is empty and takes no
room.

Precursor chemicals (issue 16) are no drugs: when the panel asks (`apart`), they get one curve of their own, made
once like the rest, drawn as they are beside the drugs' series (never stacked on them or summed with them) in a
dashed line with triangles, named in the series' legend as apart.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor

from ui.common.theme import PlotColours, ink, is_theme_event, plot_colours, recolour_legend

MAX_SERIES = 12
SLOTS = MAX_SERIES + 1  # the top N plus "other"
CONTEXT_SLOTS = 4  # published statistics: the posts' own countries first (chart_context)
# In pen widths: a whole period fits the legend's 20-px sample, so the pattern shows there too.
CONTEXT_DASHES = ([3, 1.5, 0.5, 1.5], [3, 1.5, 0.5, 1.5, 0.5, 1.5], [5, 1.5, 1.5, 1.5], [2, 1, 2, 3])
# Distinct on screen and in print (Tableau 10 order, then darker extras); "other" is grey.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#393b79", "#637939", "#843c39")
OTHER_COLOUR = "#8c8c8c"
DAY_S = 86400.0


def day_seconds(periods: np.ndarray) -> np.ndarray:
    """datetime64[D] period starts as float seconds since 1970-01-01 00:00 UTC."""
    return periods.astype("datetime64[D]").astype(np.int64).astype(float) * DAY_S


class SeriesPlot(pg.PlotWidget):
    pointClicked = Signal(int, int)  # slot, period index

    def __init__(self, parent=None):
        super().__init__(parent, background="w", axisItems={"bottom": pg.DateAxisItem(orientation="bottom",
                                                                                      utcOffset=0)})
        item = self.plotItem
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        item.showGrid(x=True, y=True, alpha=0.12)
        item.setMenuEnabled(False)
        item.hideButtons()
        self.theme: PlotColours = plot_colours(self)
        # The legend sits in the plot's title row, above the data, so it never hides a peak.
        self.legend = pg.LegendItem(frame=False, labelTextColor="#222", labelTextSize="8pt", colCount=5,
                                    verSpacing=-8, horSpacing=4)
        item.layout.removeItem(item.titleLabel)
        item.titleLabel.hide()
        item.layout.addItem(self.legend, 0, 1, alignment=Qt.AlignmentFlag.AlignLeft)
        self.curves = [item.plot() for _ in range(SLOTS)]
        self.averages = [item.plot() for _ in range(SLOTS)]
        self.partial_lines = [item.plot() for _ in range(SLOTS)]  # dashed segments to and from partial points
        self.partial_points = pg.ScatterPlotItem(size=7, symbol="o")
        self.partial_points.setZValue(3 * SLOTS)
        item.addItem(self.partial_points)
        self.partial_sample = pg.PlotDataItem(  # the legend's sample only, never in the plot
            [0, 1], [0, 0], pen=pg.mkPen("#555", width=1.5, style=Qt.PenStyle.DotLine), symbol="o", symbolSize=6,
            symbolBrush="w", symbolPen=pg.mkPen("#555"))
        for curve in (*self.curves, *self.averages):
            curve.setSkipFiniteCheck(True)
        self._build_context()
        self.apart = item.plot()  # precursor chemicals: a line of their own, never stacked or summed
        self.apart.setZValue(2 * SLOTS + 2)
        self.apart_line: tuple[str, str, np.ndarray] | None = None  # (label, colour, values per period)
        for slot, curve in enumerate(self.curves):
            curve.visibleChanged.connect(lambda slot=slot: self._visibility_changed(slot))
        self._build_hover()
        self.x = np.zeros(0)
        self.values = np.zeros((0, 0))
        self.average: np.ndarray | None = None
        self.labels: tuple[str, ...] = ()
        self.colours: tuple[str, ...] = ()
        self.given_colours: tuple[str, ...] = ()  # as the caller gave them; self.colours: as drawn (theme)
        self.partial = np.zeros(0, dtype=bool)
        self.partial_label = "partial period"
        self.stacked = False
        self.hidden: set[str] = set()
        self._legend_key: tuple = ()
        self._setting = False
        self.describe: Callable[[int, int], str] = lambda slot, index: ""
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        self.scene().sigMouseClicked.connect(self._mouse_clicked)
        self.restyle()

    def _build_context(self) -> None:
        item = self.plotItem
        self.context = [item.plot() for _ in range(CONTEXT_SLOTS)]
        for curve in self.context:  # a few steps whose x may go back (a year and its months): no clipping needed
            curve.setClipToView(False)
            curve.setDownsampling(ds=1, auto=False)
            curve.setZValue(2 * SLOTS + 1)
        self.context_lines: tuple = ()
        self.context_title = ""
        self.context_legend = pg.LegendItem(frame=False, labelTextColor="#222", labelTextSize="8pt", colCount=4,
                                            verSpacing=-8, horSpacing=4)
        item.layout.addItem(self.context_legend, 4, 1, alignment=Qt.AlignmentFlag.AlignLeft)
        self.context_header = pg.PlotDataItem([0, 1], [0, 0], pen=None)  # the title's blank sample, never drawn
        self.context_header.visibleChanged.connect(self._context_toggled)

    def _context_toggled(self) -> None:
        for curve in self.context:
            curve.setVisible(self.context_header.isVisible())

    def _build_hover(self) -> None:
        self.hover_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#777", width=1,
                                                                                style=Qt.PenStyle.DashLine))
        self.hover_dot = pg.ScatterPlotItem(size=8, pen=pg.mkPen("w", width=1.5))
        self.hover_text = pg.TextItem(anchor=(0, 1), fill=pg.mkBrush(255, 255, 255, 235), border=pg.mkPen("#999"),
                                      color="#222")
        for extra in (self.hover_line, self.hover_dot, self.hover_text):
            extra.setZValue(90)
            extra.hide()
            self.plotItem.addItem(extra, ignoreBounds=True)

    # ----------------------------------------------------------------------------------- data

    def set_series(self, periods: np.ndarray, labels: tuple[str, ...], values: np.ndarray,
                   colours: tuple[str, ...], average: np.ndarray | None = None, stacked: bool = False,
                   partial: tuple[bool, ...] = (), context: tuple = (), context_title: str = "",
                   apart: tuple[str, str, np.ndarray] | None = None) -> None:
        """Show new numbers in the existing curves (setData only). `partial`: per period, cut or not over.
        `context`: chart_context.ContextLine of the published statistics, drawn as they are (never stacked), under
        `context_title` in their legend. `apart`: (label, colour, a value per period) of a line drawn beside the
        series, never stacked on them (the precursor chemicals), or None."""
        self.x = day_seconds(periods)
        self.partial = np.zeros(len(self.x), dtype=bool)
        self.partial[: len(partial)] = np.asarray(partial[: len(self.x)], dtype=bool)
        self.values = np.asarray(values, dtype=float)[:SLOTS]
        self.average = None if average is None else np.asarray(average, dtype=float)[:SLOTS]
        self.given_colours = tuple(colours[:SLOTS])
        self.labels, self.colours = tuple(labels[:SLOTS]), self._inked(self.given_colours)
        self.context_lines, self.context_title = tuple(context[:CONTEXT_SLOTS]), context_title
        self.apart_line = apart
        mode_changed = stacked != self.stacked
        self.stacked = stacked
        self._setting = True
        try:
            for slot, curve in enumerate(self.curves):
                if slot < len(self.labels):
                    curve.setVisible(self.labels[slot] not in self.hidden)
            self._style(force=mode_changed)
            self._update_legend()
        finally:
            self._setting = False
        self._draw()
        self.hide_hover()

    # ----------------------------------------------------------------------------------- theme

    def ink(self, colour) -> QColor:
        return ink(colour, self.theme)

    def _inked(self, colours: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.ink(c).name() for c in colours)

    def changeEvent(self, event) -> None:  # Qt override: the theme was switched
        super().changeEvent(event)
        built = hasattr(self, "_setting") and getattr(self, "plotItem", None) is not None  # (not in __init__, close)
        if is_theme_event(event) and built:
            self.restyle()

    def restyle(self) -> None:
        """Background, axes, legends and series in the colours of the current palette."""
        theme = self.theme = plot_colours(self)
        self.setBackground(theme.background)
        for name in ("left", "bottom"):
            self.plotItem.getAxis(name).setTextPen(theme.text)
            self.plotItem.getAxis(name).setPen(theme.axis)
        for legend in (self.legend, self.context_legend):
            recolour_legend(legend, theme.text)
        self.hover_text.fill = pg.mkBrush(theme.label_fill)
        self.hover_text.setColor(theme.text)
        self.hover_line.setPen(pg.mkPen(theme.marks, width=1, style=Qt.PenStyle.DashLine))
        self.partial_sample.setPen(pg.mkPen(theme.marks, width=1.5, style=Qt.PenStyle.DotLine))
        self.partial_sample.setSymbolPen(pg.mkPen(theme.marks))
        self.partial_sample.setSymbolBrush(theme.background)
        if not self.labels and self.apart_line is None and not self.context_lines:
            return
        self.colours = self._inked(self.given_colours)
        for curve in (self.apart, *self.context):
            curve._style_key = None
        self._legend_key = None
        self._style(force=True)
        self._update_legend()
        self._draw()

    def _style(self, force: bool = False) -> None:
        for slot, (curve, avg) in enumerate(zip(self.curves, self.averages)):
            colour = self.colours[slot] if slot < len(self.colours) else PALETTE[0]
            averaged = self.average is not None
            key = (colour, self.stacked, averaged)
            if not force and getattr(curve, "_style_key", None) == key:
                continue
            curve._style_key = key
            line = QColor(colour)
            if averaged and not self.stacked:  # the averages carry the message; the days stay as context
                line.setAlpha(110)
            curve.setPen(pg.mkPen(line, width=1.5 if not self.stacked else 1))
            avg.setPen(pg.mkPen(QColor(colour).darker(115), width=2, style=Qt.PenStyle.DashLine))
            self.partial_lines[slot].setPen(pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DotLine))
            self.partial_lines[slot].setZValue(SLOTS - slot)
            avg.setZValue(2 * SLOTS - slot)  # over every curve
            if self.stacked:
                fill = QColor(colour)
                curve.setBrush(pg.mkBrush(fill.lighter(135)))
                curve.setFillLevel(0)
                curve.setZValue(SLOTS - slot)
            else:
                curve.setFillLevel(None)
                curve.setBrush(None)
                curve.setZValue(SLOTS - slot)

    def _update_legend(self) -> None:
        """Rebuild the legend only when its entries change: a live refresh keeps it as it is."""
        key = (self.labels, self.colours, self.stacked, bool(self.partial.any()),
               tuple((line.label, line.colour) for line in self.context_lines), self.context_title,
               self.apart_line[:2] if self.apart_line else None)
        if key == self._legend_key:
            return
        self._legend_key = key
        self.legend.clear()
        for slot, label in enumerate(self.labels):
            self.legend.addItem(self.curves[slot], label)
        if self.apart_line is not None:
            self.legend.addItem(self.apart, self.apart_line[0])
        if self.partial.any():
            self.legend.addItem(self.partial_sample, self.partial_label)
        self.context_legend.clear()
        if self.context_lines:
            self.context_legend.addItem(self.context_header, self.context_title)
        for curve, line in zip(self.context, self.context_lines):
            self.context_legend.addItem(curve, line.label)
        self._fit_legend()

    def _fit_legend(self) -> None:
        self._fit(self.legend)
        self._fit(self.context_legend, spare=8)  # at the bottom edge: room for the last row's full label

    def _fit(self, legend: pg.LegendItem, spare: int = 0) -> None:
        """As many legend columns as the width allows (entries fill rows left to right, each column as wide as
        its widest entry); the legend's row grows to the rows needed."""
        if not legend.items:
            legend.setFixedHeight(0)
            return
        widths = [sample.width() + label.item.boundingRect().width() + 12 for sample, label in legend.items]
        room = self.plotItem.vb.width() or self.width() - 60
        for columns in range(len(widths), 0, -1):
            width = sum(max(widths[col::columns]) for col in range(columns))
            if width <= room:
                break
        legend.setColumnCount(columns)
        rows = -(-len(widths) // columns)
        row_height = max(label.height() for _, label in legend.items) - 8
        legend.setFixedHeight(rows * row_height + 4 + spare)
        legend.setFixedWidth(width)

    def resizeEvent(self, event) -> None:  # Qt override: more or fewer legend columns
        super().resizeEvent(event)
        if getattr(self, "context_legend", None) is not None:
            self._fit_legend()

    def displayed(self) -> np.ndarray:
        """The y values drawn per slot: the values, or the running sum of the visible ones when stacked."""
        if not self.stacked:
            return self.values
        shown = np.array([self.curves[i].isVisible() for i in range(len(self.values))], dtype=bool)
        return np.cumsum(np.where(shown[:, None], self.values, 0.0), axis=0) if len(self.values) else self.values

    def _draw(self) -> None:
        shown = self.displayed()
        averages = None
        if self.average is not None and self.stacked:  # a mean is linear: the mean of a stack is a stack
            visible = np.array([self.curves[i].isVisible() for i in range(len(self.average))], dtype=bool)
            averages = np.cumsum(np.where(visible[:, None], self.average, 0.0), axis=0)
        elif self.average is not None:
            averages = self.average
        empty = np.zeros(0)
        connect, segments = self._partial_segments()
        for slot, (curve, avg) in enumerate(zip(self.curves, self.averages)):
            used = slot < len(shown)
            curve.setData(self.x if used else empty, shown[slot] if used else empty,
                          connect=connect if used and not self.stacked else "all")
            has_avg = used and averages is not None
            avg.setData(self.x if has_avg else empty, averages[slot] if has_avg else empty)
            avg.setVisible(has_avg and curve.isVisible())
            dashed = used and not self.stacked and len(segments) and curve.isVisible()
            self.partial_lines[slot].setData(self.x[segments] if dashed else empty,
                                             shown[slot][segments] if dashed else empty,
                                             connect=np.tile([True, False], len(segments) // 2) if dashed else "all")
        self._draw_partial_points(shown)
        self._draw_context()
        self._draw_apart()

    def _draw_apart(self) -> None:
        if self.apart_line is None:
            self.apart.setData(np.zeros(0), np.zeros(0))
            return
        _label, given, values = self.apart_line
        colour = self.ink(given)
        if getattr(self.apart, "_style_key", None) != colour:
            self.apart._style_key = colour
            self.apart.setPen(pg.mkPen(colour, width=2.5, dash=[2, 1.5]))
        symbols = len(self.x) <= 100  # triangles too: not told apart by colour and dashes alone
        self.apart.setData(self.x, np.asarray(values, dtype=float)[: len(self.x)], symbol="t" if symbols else None,
                           symbolSize=6, symbolBrush=colour, symbolPen=pg.mkPen(colour))

    def _draw_context(self) -> None:
        empty = np.zeros(0)
        for slot, curve in enumerate(self.context):
            if slot < len(self.context_lines):
                line = self.context_lines[slot]
                colour = self.ink(line.colour)
                if getattr(curve, "_style_key", None) != colour:
                    curve._style_key = colour
                    curve.setPen(pg.mkPen(colour, width=2, dash=CONTEXT_DASHES[slot]))
                curve.setData(line.x, line.y, connect=line.connect)
            else:
                curve.setData(empty, empty)

    def _partial_segments(self) -> tuple[np.ndarray, np.ndarray]:
        """The solid curves' connect array (no segment touches a partial point) and the point indices of the
        dashed segments, in pairs."""
        n = len(self.x)
        connect = np.ones(n, dtype=bool)  # connect[i]: join point i to point i + 1
        pairs = []
        for i in np.flatnonzero(self.partial):
            for a in (i - 1, i):
                if 0 <= a < n - 1 and connect[a]:
                    connect[a] = False
                    pairs += [a, a + 1]
        return connect, np.array(pairs, dtype=int)

    def _draw_partial_points(self, shown: np.ndarray) -> None:
        """A hollow point, in the series' colour, at each partial period of each visible series."""
        spots = [{"pos": (self.x[i], shown[slot][i]), "pen": pg.mkPen(self.colours[slot], width=1.5),
                  "brush": pg.mkBrush("w")}
                 for slot in range(len(shown)) if self.curves[slot].isVisible()
                 for i in np.flatnonzero(self.partial)]
        self.partial_points.setData(spots)

    def _visibility_changed(self, slot: int) -> None:
        if self._setting or slot >= len(self.labels):
            return
        label = self.labels[slot]
        if self.curves[slot].isVisible():
            self.hidden.discard(label)
        else:
            self.hidden.add(label)
        self._draw()  # restack, and hide the slot's average with it

    def set_series_visible(self, slot: int, visible: bool) -> None:
        """What a click on the legend entry does (ItemSample toggles the curve's visibility)."""
        self.curves[slot].setVisible(visible)

    def data_of(self, slot: int) -> tuple[np.ndarray, np.ndarray]:
        return self.curves[slot].getData()

    # ----------------------------------------------------------------------------- hover, click

    def locate(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """(slot, period index) under a scene position: nearest period, then nearest line or the band hit."""
        vb = self.plotItem.vb
        if not len(self.labels) or not len(self.x) or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        index = int(np.clip(np.searchsorted(self.x, point.x()), 0, len(self.x) - 1))
        if index > 0 and point.x() - self.x[index - 1] < self.x[index] - point.x():
            index -= 1
        visible = [s for s in range(len(self.labels)) if self.curves[s].isVisible()]
        if not visible:
            return None
        shown = self.displayed()[:, index]
        if self.stacked:
            inside = [s for s in visible if point.y() <= shown[s]]
            slot = inside[0] if inside else visible[-1]
        else:
            slot = min(visible, key=lambda s: abs(shown[s] - point.y()))
        return slot, index

    def _mouse_moved(self, scene_pos) -> None:
        found = self.locate(scene_pos)
        if found is None:
            self.hide_hover()
            return
        self.show_hover(*found)

    def show_hover(self, slot: int, index: int) -> None:
        x, y = self.x[index], self.displayed()[slot, index]
        self.hover_line.setPos(x)
        self.hover_dot.setData([x], [y], brush=pg.mkBrush(self.colours[slot]))
        self.hover_text.setHtml(self.describe(slot, index))
        vb = self.plotItem.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        # Left of the point in the right half, right of it in the left half; wider than either side: from the
        # plot's left edge, so no line is cut off (the dashed line and the dot still mark the point).
        frame, at = vb.sceneBoundingRect(), vb.mapViewToScene(QPointF(x, y)).x()
        left, right, width = at - frame.left(), frame.right() - at, self.hover_text.boundingRect().width()
        vertical = 0 if y > (y0 + y1) / 2 else 1
        if width > left and width > right:
            self.hover_text.setAnchor((0, vertical))
            self.hover_text.setPos(x0, y)
        else:
            leftwards = (x > (x0 + x1) / 2 and width <= left) or width > right
            self.hover_text.setAnchor((1 if leftwards else 0, vertical))
            self.hover_text.setPos(x, y)
        for extra in (self.hover_line, self.hover_dot, self.hover_text):
            extra.show()

    def hide_hover(self) -> None:
        for extra in (self.hover_line, self.hover_dot, self.hover_text):
            extra.hide()

    def _mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        found = self.locate(event.scenePos())
        if found is not None:
            self.click_point(*found)

    def click_point(self, slot: int, index: int) -> None:
        """A click on series `slot` at period `index` (tests call it directly)."""
        if 0 <= slot < len(self.labels) and 0 <= index < len(self.x):
            self.pointClicked.emit(slot, index)

    # ----------------------------------------------------------------------------------- view

    def user_moved_view(self) -> bool:
        """True once the user zoomed or panned: auto-range is then off on an axis."""
        return not all(self.plotItem.vb.autoRangeEnabled())

    def reset_view(self) -> None:
        self.plotItem.vb.enableAutoRange()

"""The brief's chart: kg-equivalent per day stacked by substance group, with a legend of totals (reportlab, vector)."""

from __future__ import annotations

from datetime import date

import numpy as np
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from sitcentre.domain.i18n import _t, number
from sitcentre.repositories.stats import Series
from sitcentre.services.brief import GROUPS, fmt_day, fmt_kg, word
from sitcentre.services.brief_style import GRID, GROUP_COLOURS, MUTED


def seizure_chart(series: Series, width: float, fonts: tuple[str, str]) -> Drawing:
    """kg per day stacked by substance group (largest group at the bottom), with a legend of totals."""
    regular, bold = fonts
    legend_w, height = 60 * mm, 60 * mm
    drawing = Drawing(width, height)
    totals = series.values.sum(axis=1) if len(series.labels) else np.zeros(0)
    order = [int(i) for i in np.argsort(-totals, kind="stable")]
    days = [date.fromisoformat(str(d)) for d in series.periods]
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 26, 16, width - legend_w - 30, height - 26
    chart.data = [list(map(float, series.values[i])) for i in order] or [[0.0] * len(days)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [fmt_day(d, short=True) if (len(days) - 1 - i) % 5 == 0 else ""
                                        for i, d in enumerate(days)]
    chart.categoryAxis.strokeColor, chart.categoryAxis.tickDown = MUTED, 0
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize, labels.fillColor = regular, 6.5, MUTED
    if days:
        chart.categoryAxis.labels[len(days) - 1].fontName = bold
    chart.valueAxis.valueMin = 0
    if not totals.sum():
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 1, 1
    chart.valueAxis.labelTextFormat = lambda v: number(v)
    chart.valueAxis.visibleAxis, chart.valueAxis.visibleTicks, chart.valueAxis.visibleGrid = False, False, True
    chart.valueAxis.gridStrokeColor, chart.valueAxis.gridStrokeWidth = GRID, 0.4
    chart.barSpacing, chart.groupSpacing, chart.bars.strokeColor = 0, 1.6, None
    for bar, i in enumerate(order):
        chart.bars[bar].fillColor = colors.HexColor(GROUP_COLOURS.get(series.labels[i], "#bab0ac"))
    drawing.add(chart)
    drawing.add(String(chart.x - 4, chart.y + chart.height + 4, _t("kg"), fontName=regular, fontSize=6.5,
                       fillColor=MUTED, textAnchor="end"))
    if not totals.sum():
        drawing.add(String(chart.x + chart.width / 2, chart.y + chart.height / 2, _t("No seizures in these 30 days"),
                           fontName=regular, fontSize=8, fillColor=MUTED, textAnchor="middle"))
    drawing.add(_legend(series, order, totals, width - legend_w + 8, chart.y + chart.height, fonts))
    return drawing


def _legend(series: Series, order: list[int], totals: np.ndarray, x: float, y: float, fonts) -> Legend:
    legend = Legend()
    legend.x, legend.y, legend.boxAnchor, legend.alignment = x, y, "nw", "right"
    legend.fontName, legend.fontSize, legend.deltay, legend.dx, legend.dy = fonts[0], 7, 10, 7, 7
    legend.columnMaximum, legend.strokeWidth = 10, 0
    pairs = [(colors.HexColor(GROUP_COLOURS.get(series.labels[i], "#bab0ac")),
              _t("{group}: {kg} kg").format(group=word(GROUPS, series.labels[i]), kg=fmt_kg(totals[i])))
             for i in order]
    pairs.append((None, _t("Total: {kg} kg in 30 days").format(kg=fmt_kg(float(totals.sum())))))
    legend.colorNamePairs = pairs
    return legend

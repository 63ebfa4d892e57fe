"""Published statistics as context lines of the time chart (issue 15): "national totals as published".

An agency publishes a year's or a month's total; the chart's points are a day's, a week's or a month's seizures
at the posts. So each published figure is drawn as a flat step over its whole period at its average per chart
period (sitcentre.domain.charts.PublishedFigure.level), on the same axis and in the same unit as the posts'
points, where a supervisor reads "our posts against the country's average day". The legend says so ("National
totals as published, daily average:" then "UNODC, Kazakhstan" per line), and the hover names the figure as
published and the average drawn. The steps are dash-dot patterns in dark neutral colours (a pattern per line, so
not colour alone), never stacked or summed with the posts' series.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from PySide6.QtCore import QCoreApplication

from sitcentre.domain.charts import ChartData, PublishedFigure, PublishedSeries
from ui.charts import chart_words as words
from ui.charts.chart_plot import CONTEXT_SLOTS, DAY_S

CONTEXT_COLOURS = ("#222222", "#7a4a1e", "#34408a", "#2a6a4c")
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, eq=False)
class ContextLine:
    label: str
    colour: str
    x: np.ndarray  # seconds since 1970 at 00:00 UTC, as the series' points
    y: np.ndarray
    connect: np.ndarray  # connect[i]: join point i to point i + 1 (a gap between periods that do not follow)


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate reads _t as tr, context ""


def drawn(data: ChartData | None) -> tuple[PublishedSeries, ...]:
    """The published series the plot has lines for (the posts' own countries come first)."""
    return () if data is None else data.published[:CONTEXT_SLOTS]


def context_lines(data: ChartData | None) -> tuple[ContextLine, ...]:
    """One step line per drawn source and country, clipped to the chart's periods; () without statistics."""
    if data is None or not data.published:
        return ()
    periods = data.series.periods
    first = periods[0].astype("datetime64[D]").item() if len(periods) else data.request.date_from
    start, end = min(first, data.request.date_from), data.request.date_to
    lines = []
    for slot, series in enumerate(drawn(data)):
        x, y, connect = steps(series.figures, data.request.granularity, start, end)
        if len(x):
            lines.append(ContextLine(_who(data, series), CONTEXT_COLOURS[slot % len(CONTEXT_COLOURS)],
                                     x, y, connect))
    return tuple(lines)


def steps(figures, granularity: str, start: date, end: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two points per figure (its first day to the day after its last, within [start, end]) at its level; a figure
    that begins where the previous one ended joins it with a riser, any other is a separate step."""
    x: list[float] = []
    y: list[float] = []
    connect: list[bool] = []
    for figure in figures:
        left, right = max(figure.start, start), min(figure.end, end) + timedelta(days=1)
        if left >= right:
            continue
        level = figure.level(granularity)
        if connect:
            connect[-1] = x[-1] == _seconds(left)
        x += [_seconds(left), _seconds(right)]
        y += [level, level]
        connect += [True, False]
    return np.array(x), np.array(y), np.array(connect, dtype=bool)


def _seconds(day: date) -> float:
    return (day - EPOCH).days * DAY_S


def _per(granularity: str) -> str:
    return {"week": _t("weekly average"), "month": _t("monthly average")}.get(granularity, _t("daily average"))


def _who(data: ChartData, series: PublishedSeries | PublishedFigure) -> str:
    country = data.country_names.get(series.country_code, series.country_code)
    return f"{series.source}, {country}" if series.source else country


def context_title(data: ChartData | None) -> str:
    """What the context lines are, ahead of their names in the legend ("" without them)."""
    if data is None or not data.published:
        return ""
    title = _t("National totals as published, {0}").format(_per(data.request.granularity))
    if len(data.published) > CONTEXT_SLOTS:  # the posts' own countries come first
        title += " " + _t("({0} of {1} shown)").format(CONTEXT_SLOTS, len(data.published))
    return title + ":"


def figure_words(data: ChartData, figure: PublishedFigure) -> str:
    """"UNODC, Kazakhstan, 2025: 3,651 kg (10.0 kg a day on average)"."""
    if figure.period_kind == "year" and figure.days in (365, 366):
        period = str(figure.start.year)
    else:
        period = words.period_words(figure.start, figure.end, "month" if figure.period_kind == "month" else "day")
    per = {"week": _t("{0} kg a week on average"), "month": _t("{0} kg a month on average")}.get(
        data.request.granularity, _t("{0} kg a day on average"))
    return _t("{0}, {1}: {2} kg ({3})").format(_who(data, figure), period, words.number(figure.kg, "kg"),
                                               per.format(words.number(figure.level(data.request.granularity), "kg")))


def hover_words(data: ChartData | None, index: int) -> str:
    """The hover's lines for period `index`: each drawn figure overlapping it, under a title (HTML, "" for none)."""
    if data is None or not data.published:
        return ""
    first, last = data.period_range(index)
    found = [(slot, figure) for slot, series in enumerate(drawn(data)) for figure in series.figures
             if figure.start <= last and figure.end >= first]
    if not found:
        return ""
    return "<br><i>" + _t("National totals as published:") + "</i>" + "".join(
        f"<br><span style='color:{CONTEXT_COLOURS[slot % len(CONTEXT_COLOURS)]}'>–·–</span> "
        f"{figure_words(data, figure)}" for slot, figure in found)

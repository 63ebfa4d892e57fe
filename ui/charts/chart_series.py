"""What each series of the chart is called and which colour it gets (no I/O; the panel asks per refresh).

Names: substance groups and countries in words, "Other" for a series that stands for several keys.
Colours stay with their series across refreshes (a live refresh must not repaint Heroin in another
colour because a new substance entered the top N); substance groups always have their own colour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sitcentre.domain.charts import ChartData
from ui.charts import chart_words as words
from ui.charts.chart_plot import OTHER_COLOUR, PALETTE


def _t(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate reads _t as tr, context ""


def series_labels(data: ChartData | None) -> tuple[str, ...]:
    """The series names as shown: substance groups and countries in words."""
    if data is None:
        return ()
    split, other = data.request.split, data.query.other_label
    names = {"group": words.group_name, "country": lambda c: data.country_names.get(c, c),
             "none": lambda _k: _t("All drugs") if data.request.metric == "kg" else _t("All incidents")}.get(split)
    if names is None:
        return data.series.labels
    return tuple(other if len(keys) > 1 or label == other else names(keys[0])
                 for label, keys in zip(data.series.labels, data.series.keys))


class SeriesColours:
    """Remembers the colour given to each series name for as long as the split stays the same."""

    def __init__(self):
        self._colours: dict[str, str] = {}
        self._split = ""

    def of(self, data: ChartData, labels: tuple[str, ...]) -> tuple[str, ...]:
        split = data.request.split
        if split != self._split:
            self._colours, self._split = {}, split
        out = []
        for label, keys in zip(labels, data.series.keys):
            if len(keys) > 1 or label == data.query.other_label:
                out.append(OTHER_COLOUR)
            elif split == "group":
                out.append(words.GROUP_COLOURS.get(keys[0], OTHER_COLOUR))
            else:
                if label not in self._colours:
                    used = set(self._colours.values())
                    free = [c for c in PALETTE if c not in used] or list(PALETTE)
                    self._colours[label] = free[0]
                out.append(self._colours[label])
        return tuple(out)

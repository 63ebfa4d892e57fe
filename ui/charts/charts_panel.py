"""The supervisor's charts: seizures over time, breakdowns per post and substance group, this period
against the one before, click-to-filter, live refresh and export.

The panel only lays out controls and passes values around. What it shows is one `ChartData`
(sitcentre.domain.charts) read on the DB worker by `desk.charts.load`, through the task runner; the plot
and the bars update their existing items with the new arrays. A change to incidents, posts or published
statistics (on `runner.changes`, from a local write or the live feed) starts a one-second timer that is not
restarted by further changes, so a steady stream of incidents refreshes the chart about once a second
and never later than two seconds after a change. A live refresh leaves the view where the user zoomed
or panned it; changing a control shows the new range whole.

Precursor chemicals are counted apart from drugs (issue 16): with kg the series, bars and the headline's kg are
drugs only; the headline gives the precursors' kg apart, the comparison table has a row of their own, a post bar's
hover names its precursors, and the "Precursors" box (off at first: on the drugs' scale their litres would flatten
every drug) adds them to the time chart as a dashed line of their own, never stacked on the drugs.

The charts follow a post selection as the incident table does (`set_posts`: the workstation passes the table's
post filter): a chip above the plot says which posts are shown, and its "All posts" button shows every post again
(`allPostsRequested` lets the workstation clear the table's post filter too).

The preset ranges ("Last 30 days") end on the posts' today, resolved on the worker (ChartQuery.date_to
None): the latest local day any post has reached, not this workstation's day. A test can pin the day with
`today` or the moment with `now`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sitcentre.backend import Desk
from sitcentre.domain.changes import Changes, Topic
from sitcentre.domain.charts import ChartData, ChartQuery, bar_filter, csv_rows, point_filter
from sitcentre.domain.days import latest_local_day
from sitcentre.domain.records import utcnow
from sitcentre.output_paths import UnsafeOutput
from ui.charts import chart_words as words
from ui.charts.chart_bars import BarsPlot, ComparisonTable, change_fraction
from ui.charts.chart_context import context_lines, context_title, hover_words
from ui.charts.chart_export import save_chart_png, write_csv
from ui.charts.chart_plot import MAX_SERIES, OTHER_COLOUR, SeriesPlot
from ui.charts.chart_series import SeriesColours, series_labels
from ui.common.messages import message_for
from ui.common.tasks import TaskRunner
from ui.shell.screen_fit import WrappingRow

# the rollups move with incidents; post names label the bars; published statistics are the context lines
WATCHED_TOPICS = (Topic.INCIDENTS, Topic.POSTS, Topic.STATISTICS)
PRESET_DAYS = (7, 30, 90, 365, 0, -1)  # 0: all data, -1: custom
ALL, CUSTOM = 0, -1


class ChartsPanel(QWidget):
    filterRequested = Signal(object)  # IncidentFilter of a clicked point or bar
    loaded = Signal()  # new numbers are shown (a control changed, or a live refresh)
    refreshed = Signal()  # a live refresh is shown
    allPostsRequested = Signal()  # "All posts" was clicked on the chip of a chart of some posts

    def __init__(self, runner: TaskRunner, desk: Desk, today: Callable[[], date] | None = None,
                 refresh_delay_ms: int = 1000, parent=None, now: Callable[[], datetime] = utcnow):
        super().__init__(parent)
        self.runner, self.desk, self.today, self.now = runner, desk, today, now
        self.data: ChartData | None = None
        self.post_ids: tuple[int, ...] = ()  # the chart is of these posts only; () every post
        self._reset_view = True
        self._colours = SeriesColours()
        self._build_controls()
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.plot = SeriesPlot()
        self.plot.describe = self._describe_point
        self.plot.partial_label = self.tr("partial period")
        self.plot.pointClicked.connect(self._point_clicked)
        self.post_bars, self.group_bars = BarsPlot(), BarsPlot()
        self.post_bars.barClicked.connect(lambda i: self._bar_clicked("post", i))
        self.group_bars.barClicked.connect(lambda i: self._bar_clicked("group", i))
        self.post_bars.describe = lambda i: self._describe_bar("post", i)
        self.group_bars.describe = lambda i: self._describe_bar("group", i)
        self.compare = ComparisonTable()
        self._lay_out()
        self._live_timer = QTimer(self, singleShot=True, interval=refresh_delay_ms)
        self._live_timer.timeout.connect(self.refresh)
        runner.changes.subscribe(WATCHED_TOPICS, self.apply_changes, owner=self)
        self.reload()

    # ------------------------------------------------------------------------------ building

    def _build_controls(self) -> None:
        self.range_combo = self._combo([
            self.tr("Last 7 days"), self.tr("Last 30 days"), self.tr("Last 90 days"), self.tr("Last year"),
            self.tr("All data"), self.tr("Custom range")], PRESET_DAYS, current=1)
        self.date_from, self.date_to = self._date_edit(), self._date_edit()
        self.granularity_combo = self._combo([self.tr("Daily"), self.tr("Weekly"), self.tr("Monthly")],
                                       ("day", "week", "month"))
        self.metric_combo = self._combo([self.tr("kg-equivalent"), self.tr("Incidents")], ("kg", "incidents"))
        self.split_combo = self._combo([self.tr("Total"), self.tr("By substance group"), self.tr("By substance"),
                                  self.tr("By post"), self.tr("By country"), self.tr("By border")],
                                 ("none", "group", "substance", "post", "country", "border"), current=1)
        self.top = QSpinBox(minimum=1, maximum=MAX_SERIES, value=8, prefix=self.tr("Top "))
        self.top.setToolTip(self.tr("Show the largest series; the rest are summed as “Other”"))
        self.style_combo = self._combo([self.tr("Lines"), self.tr("Stacked areas")], (False, True))
        self.verified = QCheckBox(self.tr("Verified only"))
        self.verified.setToolTip(self.tr("Leave out incidents that are reported but not verified yet"))
        self.average = QCheckBox(self.tr("7-day average"))
        self.average.setToolTip(self.tr("Dashed: the mean of each day and the six days before it"))
        self.precursors = QCheckBox(self.tr("Precursors"))
        self.precursors.setToolTip(self.tr("Precursor chemicals are no drugs: they are counted apart (kg; litres "
                                           "count as kg). Tick to draw them as a dashed line of their own, never "
                                           "stacked on or added to the drugs."))
        self.precursors.toggled.connect(self._restyle_keeping_view)
        self.posts_chip = QLabel()
        self.posts_chip.setObjectName("ChartPostsChip")
        self.posts_chip.setTextFormat(Qt.TextFormat.PlainText)
        self.posts_chip.setStyleSheet("#ChartPostsChip { background: #dbe9f6; border: 1px solid #1f6fb2; "
                                      "border-radius: 8px; padding: 1px 8px; color: #0d3b66; font-weight: bold; }")
        self.all_posts = QToolButton(text=self.tr("All posts"))
        self.all_posts.setToolTip(self.tr("Show every post in the charts again (and clear the table's post filter)"))
        self.all_posts.clicked.connect(self.show_all_posts)
        for widget in (self.posts_chip, self.all_posts):
            widget.hide()
        self.export_button = QToolButton(text=self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Chart as PNG…"), self.export_png_dialog)
        menu.addAction(self.tr("Numbers as CSV…"), self.export_csv_dialog)
        self.export_button.setMenu(menu)
        self.range_combo.currentIndexChanged.connect(self._range_chosen)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_edited)
        for combo in (self.granularity_combo, self.metric_combo, self.split_combo):
            combo.currentIndexChanged.connect(self.reload)
        self.style_combo.currentIndexChanged.connect(self._restyle)
        self.top.valueChanged.connect(self.reload)
        self.verified.toggled.connect(self.reload)
        self.average.toggled.connect(self.reload)
        self._set_preset_dates()

    def _combo(self, texts: list[str], values, current: int = 0) -> QComboBox:
        combo = QComboBox()
        for text, value in zip(texts, values):
            combo.addItem(text, value)
        combo.setCurrentIndex(current)
        return combo

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        edit.setToolTip(self.tr("Local days, inclusive"))
        return edit

    def _lay_out(self) -> None:
        dates = QWidget()  # the two dates of a range wrap onto a new line together
        pair = QHBoxLayout(dates)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.setSpacing(4)
        for widget in (self.date_from, QLabel("–"), self.date_to):
            pair.addWidget(widget)
        # On a narrow screen the controls wrap onto more lines instead of widening the dock (issue 10, item 10).
        controls = self.controls = WrappingRow([self.range_combo, dates, self.granularity_combo, self.metric_combo,
                                                self.split_combo, self.top, self.style_combo])
        controls.setObjectName("ChartControls")
        second = QHBoxLayout()
        self.headline.setWordWrap(True)
        second.addWidget(self.posts_chip)
        second.addWidget(self.all_posts)
        second.addWidget(self.headline, 1)
        for widget in (self.verified, self.average, self.precursors, self.export_button):
            second.addWidget(widget)
        tabs = self.tabs = QTabWidget()
        tabs.setDocumentMode(True)
        tabs.addTab(self.post_bars, self.tr("By post"))
        tabs.addTab(self.group_bars, self.tr("By substance group"))
        tabs.addTab(self.compare, self.tr("Against previous period"))
        tabs.setToolTip(self.tr("Totals for the chosen range; a black mark shows the previous period. "
                                "Click a bar to list its incidents; drag up or down to see more bars."))
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.plot)
        splitter.addWidget(tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(controls)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------------------- querying

    def query(self) -> ChartQuery:
        """A preset ends on the posts' today (date_to None: the worker works it out), or on `today` if pinned."""
        preset = self.range_combo.currentData()
        days = None if preset in (ALL, CUSTOM) else preset
        if preset == CUSTOM:
            start, end = words.to_date(self.date_from.date()), words.to_date(self.date_to.date())
            date_from, date_to = min(start, end), max(start, end)
        else:
            date_to = self.today() if self.today is not None else None
            date_from = date_to - timedelta(days=days - 1) if days and date_to else None
        return ChartQuery(date_from=date_from, date_to=date_to, granularity=self.granularity_combo.currentData(),
                          metric=self.metric_combo.currentData(), split=self.split_combo.currentData(),
                          verified_only=self.verified.isChecked(), top=self.top.value(),
                          moving_average=self.average.isChecked(), other_label=self.tr("Other"), days=days,
                          now=self.now(), post_ids=self.post_ids)

    def set_posts(self, post_ids) -> None:
        """Show these posts only (the table's post filter), or every post for (); says so on the chip."""
        post_ids = tuple(sorted(post_ids or ()))
        if post_ids != self.post_ids:
            self.post_ids = post_ids
            self._show_chip()
            self.reload()

    def show_all_posts(self) -> None:
        """The chip's "All posts": every post again, and the workstation hears of it."""
        self.set_posts(())
        self.allPostsRequested.emit()

    def _show_chip(self) -> None:
        names = [] if self.data is None or self.data.request.post_ids != self.post_ids else \
            [self.data.post_names.get(i, str(i)) for i in self.post_ids]
        if not names:  # the names come with the numbers
            text = self.tr("Chosen posts only")
        elif len(names) <= 3:
            text = self.tr("{0} only").format(", ".join(names))
        else:
            text = self.tr("%n posts only", "", len(names))
        self.posts_chip.setText(text)
        self.posts_chip.setToolTip(self.tr("The charts show these posts only, as the incident table does: "
                                           "{0}").format(", ".join(names)) if names else "")
        for widget in (self.posts_chip, self.all_posts):
            widget.setVisible(bool(self.post_ids))

    def reload(self) -> None:
        """A control changed: read the numbers again and show the whole new range."""
        self._reset_view = True
        self.average.setEnabled(self.granularity_combo.currentData() == "day")
        self.precursors.setEnabled(self.metric_combo.currentData() == "kg")
        self.top.setEnabled(self.split_combo.currentData() != "none")
        self.headline.setText(self.tr("Loading charts…"))
        self._submit()

    def refresh(self) -> None:
        """Read the same query again (live), keeping the user's zoom and pan."""
        self._submit()

    def _submit(self) -> None:
        query, charts = self.query(), self.desk.charts
        self.runner.submit(lambda: charts.load(query), self._arrived, self._failed, key="charts")

    def apply_changes(self, changes: Changes) -> None:
        """Incidents, posts or statistics changed (here or anywhere): refresh within about a second (at most once)."""
        if changes.touches(WATCHED_TOPICS) and not self._live_timer.isActive():
            self._live_timer.start()

    def _failed(self, error: BaseException) -> None:
        self.headline.setText(self.tr("The charts could not be read: {0}").format(message_for(error)))

    def _arrived(self, data: ChartData) -> None:
        live = not self._reset_view
        self.show_data(data, reset_view=self._reset_view)
        self._reset_view = False
        self.loaded.emit()
        if live:
            self.refreshed.emit()

    # -------------------------------------------------------------------------------- showing

    def show_data(self, data: ChartData, reset_view: bool = False) -> None:
        """Put new numbers into the existing plot items (also what the benchmark times)."""
        self.data = data
        if self.range_combo.currentData() != CUSTOM:
            self._show_dates(data.request.date_from, data.request.date_to)
        labels = series_labels(data)
        self.plot.set_series(data.series.periods, labels, data.series.values, self._colours.of(data, labels),
                             data.average, stacked=self.style_combo.currentData(), partial=data.partial,
                             context=context_lines(data), context_title=context_title(data),
                             apart=self._precursor_line(data))
        self.plot.plotItem.setLabel("left", self.tr("kg-equivalent of drugs") if data.drugs_apart else self._unit())
        # (no colour here: the axis's text pen gives it, in the theme's colours)
        breakdown = data.breakdown
        self.post_bars.set_bars(breakdown.by_post.labels, breakdown.by_post.values, breakdown.by_post.previous,
                                fmt=self._number)
        groups = breakdown.by_group
        self.group_bars.set_bars(tuple(words.group_name(g) for g in groups.keys), groups.values, groups.previous,
                                 tuple(words.GROUP_COLOURS.get(g, OTHER_COLOUR) for g in groups.keys), fmt=self._number)
        self._show_comparison()
        if reset_view:
            self.plot.reset_view()

    def _precursor_line(self, data: ChartData):
        """(label, colour, kg per period) of the precursors' own line when asked for (kg metric), else None."""
        if not (data.drugs_apart and data.precursors is not None and self.precursors.isChecked()):
            return None
        return (self.tr("Precursors (kg, apart)"), words.GROUP_COLOURS["precursors"],
                data.precursors.values)

    def _restyle(self) -> None:
        if self.data is not None:
            self.show_data(self.data, reset_view=True)

    def _restyle_keeping_view(self) -> None:
        if self.data is not None:
            self.show_data(self.data, reset_view=not self.plot.user_moved_view())

    def _show_comparison(self) -> None:
        b, data = self.data.breakdown, self.data
        prev_days = (b.previous_to - b.previous_from).days + 1
        kg_change, n_change = (change_fraction(b.current.kg, b.previous.kg),
                               change_fraction(b.current.incidents, b.previous.incidents))
        pre = data.precursors
        pre_now, pre_before = (pre.kg, pre.previous_kg) if pre is not None else (0.0, 0.0)
        self.headline.setText(self.tr("{0}: {1} kg-equivalent of drugs ({2}) · precursors {3} kg ({4}) · "
                                      "{5} incidents ({6}) against the {7} days before{8}").format(
            words.span(data.request.date_from, data.request.date_to), self._number(b.current.kg, "kg"),
            words.change(kg_change), self._number(pre_now, "kg"), words.change(change_fraction(pre_now, pre_before),
                                                                              pre_now),
            self._number(b.current.incidents, "incidents"), words.change(n_change),
            prev_days, (self.tr(" · verified only") if data.request.verified_only else "") + (
                self.tr(" · {0} in conflict not counted").format(data.in_conflict_left_out)
                if data.in_conflict_left_out else "")))
        self._show_chip()
        rows = [(self.tr("Drugs seized, kg-equivalent"), b.current.kg, b.previous.kg, "kg"),
                (self.tr("Precursors seized, kg (apart)"), pre_now, pre_before, "kg"),
                (self.tr("Incidents"), b.current.incidents, b.previous.incidents, "incidents")]
        unit = self._unit()
        for key, now, before in zip(b.by_group.keys, b.by_group.values, b.by_group.previous):
            rows.append((f"{words.group_name(key)} ({unit})", now, before, None))
        for key, now, before in zip(b.by_post.labels, b.by_post.values, b.by_post.previous):
            rows.append((f"{key} ({unit})", now, before, None))
        self.compare.set_rows(
            ("", self.tr("This period"), words.span(b.previous_from, b.previous_to), self.tr("Change")),
            [(name, self._number(now, metric), self._number(before, metric),
              words.change(change_fraction(now, before), now)) for name, now, before, metric in rows])

    def _show_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    # ---------------------------------------------------------------------------- range controls

    def _range_chosen(self) -> None:
        self._set_preset_dates()
        self.reload()

    def _set_preset_dates(self) -> None:
        """Dates to show until the answer comes (it brings the posts' today)."""
        preset = self.range_combo.currentData()
        if self.today is not None:
            today = self.today()
        elif self.data is not None:
            today = self.data.request.date_to
        else:
            today = latest_local_day(self.now(), (), self.desk.settings.centre_utc_offset_minutes)
        if preset not in (ALL, CUSTOM):
            self._show_dates(today - timedelta(days=preset - 1), today)

    def _dates_edited(self) -> None:
        """Typing a date makes the range a custom one."""
        if self.range_combo.currentData() != CUSTOM:
            self.range_combo.blockSignals(True)
            self.range_combo.setCurrentIndex(PRESET_DAYS.index(CUSTOM))
            self.range_combo.blockSignals(False)
        self.reload()

    # ---------------------------------------------------------------------------- words, numbers

    def _unit(self) -> str:
        return words.unit(self.data.request.metric if self.data else self.metric_combo.currentData())

    def _number(self, value: float, metric: str | None = None) -> str:
        return words.number(value, metric or (self.data.request.metric if self.data else "kg"))

    def _period_words(self, index: int) -> str:
        return words.period_words(*self.data.period_range(index), self.data.request.granularity)

    def _describe_point(self, slot: int, index: int) -> str:
        labels, colour = self.plot.labels, self.plot.colours[slot]
        value = self.data.series.values[slot, index]
        text = (f"<b>{self._period_words(index)}</b><br><span style='color:{colour}'>■</span> "
                f"{labels[slot]}: <b>{self._number(value)}</b> {self._unit()}")
        if self.data.average is not None:
            text += "<br>" + self.tr("7-day average: {0}").format(self._number(self.data.average[slot, index]))
        line = self.plot.apart_line
        if line is not None and self.plot.apart.isVisible():
            text += "<br>" + self.tr("{0}: {1} kg").format(line[0], self._number(line[2][index], "kg"))
        if self.data.is_partial(index):
            text += "<br><i>" + words.partial(*self.data.period_days(index)) + "</i>"
        return text + hover_words(self.data, index)

    def _describe_bar(self, kind: str, index: int) -> str:
        totals = self.data.breakdown.by_post if kind == "post" else self.data.breakdown.by_group
        label = totals.labels[index] if kind == "post" else words.group_name(totals.keys[index])
        now, before = totals.values[index], totals.previous[index]
        difference = words.change(change_fraction(now, before), now)
        unit = self.tr("kg-equivalent of drugs") if self.data.drugs_apart else self._unit()
        text = self.tr("{0}: {1} {2}\nprevious period: {3} ({4})").format(
            label, self._number(now), unit, self._number(before), difference)
        pre = self.data.precursors
        if kind == "post" and pre is not None and any(pre.of_post(totals.keys[index])):
            pre_now, pre_before = pre.of_post(totals.keys[index])
            text += "\n" + self.tr("precursors apart: {0} kg (previous period: {1} kg)").format(
                self._number(pre_now, "kg"), self._number(pre_before, "kg"))
        return text + "\n" + self.tr("click to list the incidents")

    # ----------------------------------------------------------------------------- click to filter

    def _point_clicked(self, slot: int, index: int) -> None:
        if self.data is not None:
            self.filterRequested.emit(point_filter(self.data, slot, index))

    def _bar_clicked(self, kind: str, index: int) -> None:
        if self.data is not None:
            self.filterRequested.emit(bar_filter(self.data, kind, index))

    # ---------------------------------------------------------------------------------- export

    def export_png(self, path: str | Path, replace: bool = False) -> bool:
        """The chart as shown, under a title that says what it shows and for which days."""
        if self.data is None:
            return False
        self.plot.hide_hover()
        r = self.data.request
        title = self.tr("Seizures: {0}, {1}, {2}").format(self.split_combo.currentText().lower(), self._unit(),
                                                          self.granularity_combo.currentText().lower())
        subtitle = words.span(r.date_from, r.date_to) + (self.tr(" · verified only") if r.verified_only else "")
        if r.post_ids:
            subtitle += " · " + self.posts_chip.text()
        return save_chart_png(self.plot, path, title, subtitle, replace)

    def export_csv(self, path: str | Path, replace: bool = False) -> None:
        if self.data is None:
            return
        headings = (self.tr("First day"), self.tr("Last day"), self.tr("Total"), self.tr("(7-day average)"))
        write_csv(path, csv_rows(self.data, series_labels(self.data), headings,
                                 self.tr("Precursors, kg (apart)")), overwrite=replace)

    def export_png_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart as PNG"), self._file_stem() + ".png",
                                              self.tr("PNG images (*.png)"))
        if path:  # the save dialog asked before choosing an existing file: replacing it was agreed
            self._export_or_explain(lambda: self.export_png(path, replace=True))

    def export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export numbers as CSV"), self._file_stem() + ".csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self._export_or_explain(lambda: self.export_csv(path, replace=True))

    def _export_or_explain(self, export: Callable[[], object]) -> None:
        """A refused or failed file (the open database, a folder, a full disk) is said in plain words."""
        try:
            written = export()
        except UnsafeOutput as exc:
            QMessageBox.warning(self, self.tr("Not exported"), message_for(exc))
            return
        if written is False:
            QMessageBox.warning(self, self.tr("Not exported"), self.tr("The image could not be made."))

    def _file_stem(self) -> str:
        if self.data is None:
            return "seizures"
        r = self.data.request
        return f"seizures-{r.metric}-{r.split}-{r.granularity}-{r.date_from}-{r.date_to}"

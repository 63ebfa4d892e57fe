"""The incident table's filters: date range, post, country, border, substance, type, status, free text.

It only builds an IncidentFilter from what the operator chose and says when it changed; it reads no
database (reference lists are handed to it). Text search waits for a pause in typing.

"Today" is the posts' today (sitcentre.domain.days): the latest local day any post has reached, so an
incident just after midnight at a UTC+6 post is inside "Today" and the presets while the centre and this
workstation are still on the day before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sitcentre.domain.days import last_days, latest_local_day
from sitcentre.domain.enums import IncidentStatus, IncidentType
from sitcentre.domain.queries import IncidentFilter
from sitcentre.domain.records import Country, Post, Substance, utcnow
from sitcentre.domain.validation import SEARCH_LIMIT
from sitcentre.settings import Settings

SEARCH_PAUSE_MS = 300
MULTI = "__several__"  # item data of the entry that stands for several values chosen elsewhere (a chart click)


class FilterBar(QWidget):
    changed = Signal(object)  # IncidentFilter

    def __init__(self, parent=None, now: Callable[[], datetime] = utcnow,
                 centre_offset: int = Settings.centre_utc_offset_minutes):
        super().__init__(parent)
        self.now, self.centre_offset = now, centre_offset
        self._offsets: tuple[int, ...] = ()  # the posts' UTC offsets, from set_reference
        self._dates_chosen = False  # the operator set the dates (else ticking "Dates from" starts on today)
        self._filter = IncidentFilter()
        self._building = False
        self._several: dict[int, tuple] = {}  # id(combo) -> the values its MULTI entry stands for
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        first, second = QHBoxLayout(), QHBoxLayout()
        layout.addLayout(first)
        layout.addLayout(second)
        self.search = QLineEdit(placeholderText=self.tr("Search posts, substances, narrative, route… (Ctrl+F)"))
        self.search.setToolTip(self.tr("Every word must match, in any order: “termez heroin”. "
                                       "Put a phrase in quotes to find it as written: “\"spare wheel\"”."))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._emit)
        self.use_dates = QCheckBox(self.tr("Dates from"))
        self.use_dates.setToolTip(self.tr("Limit to incidents on these local days (inclusive)"))
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.use_dates.toggled.connect(self._dates_toggled)
        self.today_button = self._preset_button(self.tr("Today"), 1, self.tr("Incidents of the posts' today"))
        self.week_button = self._preset_button(self.tr("7 days"), 7, self.tr("Incidents of the last 7 days"))
        self.month_button = self._preset_button(self.tr("30 days"), 30, self.tr("Incidents of the last 30 days"))
        self.post = self._combo(self.tr("All posts"))
        self.country = self._combo(self.tr("All countries"))
        self.border = self._combo(self.tr("All borders"))
        self.substance = self._combo(self.tr("All substances"))
        self.type = self._combo(self.tr("All types"))
        for value in IncidentType:
            self.type.addItem(value.value.replace("_", " "), value.value)
        self.status = self._combo(self.tr("Any status"))
        for value in IncidentStatus:
            self.status.addItem(value.value, value.value)
        self.clear_button = QToolButton(text=self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Show all incidents (Ctrl+Shift+X)"))
        self.clear_button.clicked.connect(self.clear)
        first.addWidget(self.search, 1)
        for widget in (self.today_button, self.week_button, self.month_button, self.use_dates, self.date_from,
                       QLabel(self.tr("to")), self.date_to, self.clear_button):
            first.addWidget(widget)
        for widget in (self.post, self.country, self.border, self.substance, self.type, self.status):
            second.addWidget(widget, 1)
        self._dates_toggled(False)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        edit.setDate(_qdate(self.posts_today()))
        edit.dateChanged.connect(self._date_edited)
        return edit

    def _preset_button(self, text: str, days: int, tip: str) -> QToolButton:
        button = QToolButton(text=text)
        button.setToolTip(tip + self.tr(" (local days of the posts: today is the latest day any post has reached)"))
        button.clicked.connect(lambda: self.show_last_days(days))
        return button

    def posts_today(self) -> date:
        """The latest local day any post has reached (the centre's day until the posts are known)."""
        return latest_local_day(self.now(), self._offsets, self.centre_offset)

    def show_last_days(self, days: int) -> None:
        """A preset: the `days` local days ending on the posts' today, other filters kept."""
        start, end = last_days(self.posts_today(), days)
        self._set_dates(start, end)
        self._dates_chosen = True
        self._emit()

    def _set_dates(self, start: date, end: date) -> None:
        building, self._building = self._building, True
        self.use_dates.setChecked(True)
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))
        self._building = building

    def _date_edited(self) -> None:
        if not self._building:
            self._dates_chosen = True
        self._emit()

    def _combo(self, any_text: str) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.addItem(any_text, None)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def set_reference(self, posts: list[Post], countries: list[Country], substances: list[Substance]) -> None:
        self._building = True
        self._offsets = tuple(p.utc_offset_minutes for p in posts)
        if not self.use_dates.isChecked() and not self._dates_chosen:
            for edit in (self.date_from, self.date_to):
                edit.setDate(_qdate(self.posts_today()))
        for combo, items in (
            (self.post, [(p.name, p.id) for p in posts]),
            (self.country, [(f"{c.name} ({c.code})", c.code) for c in countries]),
            (self.border, [(b, b) for b in sorted({p.border for p in posts})]),
            (self.substance, [(s.name, s.id) for s in substances]),
        ):
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
        self._building = False

    def current(self) -> IncidentFilter:
        def one(combo: QComboBox) -> tuple:
            value = combo.currentData()
            if value == MULTI:
                return self._several.get(id(combo), ())
            return () if value is None else (value,)

        dates = {}
        if self.use_dates.isChecked():
            dates = {"date_from": _to_date(self.date_from.date()), "date_to": _to_date(self.date_to.date())}
        return IncidentFilter(post_ids=one(self.post), countries=one(self.country), borders=one(self.border),
                              substance_ids=one(self.substance), types=one(self.type), statuses=one(self.status),
                              text=self.search.text().strip(), **dates)

    def set_filter(self, flt: IncidentFilter) -> None:
        """Show a filter chosen elsewhere (a click on a chart or a post card)."""
        self._building = True
        for combo, values in ((self.post, flt.post_ids), (self.country, flt.countries), (self.border, flt.borders),
                              (self.substance, flt.substance_ids), (self.type, flt.types),
                              (self.status, flt.statuses)):
            self._show_values(combo, values)
        self.search.setText(flt.text)
        self.use_dates.setChecked(bool(flt.date_from or flt.date_to))
        if flt.date_from:
            self.date_from.setDate(_qdate(flt.date_from))
        if flt.date_to:
            self.date_to.setDate(_qdate(flt.date_to))
        self._dates_chosen = bool(flt.date_from or flt.date_to)
        self._building = False
        self._emit()

    def _show_values(self, combo: QComboBox, values: tuple) -> None:
        """One value selects its entry; several get an entry of their own ("heroin + opium", "3 selected")."""
        old = combo.findData(MULTI)
        if old >= 0:
            combo.removeItem(old)
        self._several.pop(id(combo), None)
        if len(values) <= 1:
            combo.setCurrentIndex(max(0, combo.findData(values[0])) if values else 0)
            return
        names = [combo.itemText(i) for v in values if (i := combo.findData(v)) >= 0]
        text = " + ".join(names) if len(names) == len(values) and len(names) <= 3 else \
            self.tr("{0} selected").format(len(values))
        self._several[id(combo)] = tuple(values)
        combo.insertItem(1, text, MULTI)
        combo.setCurrentIndex(1)

    def clear(self) -> None:
        self.set_filter(IncidentFilter())

    def _dates_toggled(self, on: bool) -> None:
        if on and not self._building and not self._dates_chosen:  # start from the posts' today
            today = self.posts_today()
            self._set_dates(today, today)
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._emit()

    def _emit(self, *_args) -> None:
        if self._building:
            return
        self._search_timer.stop()
        flt = self.current()
        if flt != self._filter:
            self._filter = flt
            self.changed.emit(flt)

    def describe(self, flt: IncidentFilter) -> str:
        """The active filters in words, for the line above the table."""
        parts = []
        for combo, values in ((self.post, flt.post_ids), (self.country, flt.countries), (self.border, flt.borders),
                              (self.substance, flt.substance_ids), (self.type, flt.types),
                              (self.status, flt.statuses)):
            if len(values) > 1 and self._several.get(id(combo)) == tuple(values):
                parts.append(combo.itemText(combo.findData(MULTI)))
            elif values:
                index = combo.findData(values[0])
                parts.append(combo.itemText(index) if index >= 0 else str(values[0]))
        if flt.date_from or flt.date_to:
            parts.append(f"{flt.date_from or '…'} – {flt.date_to or '…'}")
        if flt.text:
            parts.append(f"“{flt.text}”")
            if flt.text_cut:  # a longer text was pasted: IncidentFilter searches for its start only
                parts.append(self.tr("search cut to its first {n} characters").format(n=SEARCH_LIMIT))
        return " · ".join(parts)


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


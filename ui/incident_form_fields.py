"""Inputs of the incident form that know more than a plain Qt widget: post, country, post-local time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import QComboBox, QCompleter, QDateTimeEdit, QWidget

from sitcentre.domain.records import Country, Post
from ui.incident_labels import hint_label
from ui.incident_reference import offset_text, post_label

COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _searchable(combo: QComboBox) -> None:
    """Editable, with a completer that matches anywhere in the text ("kor" finds "BLO Kordai")."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)


class PostCombo(QComboBox):
    """Posts by name with their border; type to search. `post_id()` is None until a listed post is chosen."""

    def __init__(self, posts: tuple[Post, ...], parent: QWidget | None = None):
        super().__init__(parent)
        for post in sorted(posts, key=lambda p: p.name):
            self.addItem(post_label(post), post.id)
        _searchable(self)
        self.lineEdit().setPlaceholderText(self.tr("Type to search, or choose from the list"))
        self.setMinimumContentsLength(24)
        self.setCurrentIndex(-1)

    def post_id(self) -> int | None:
        index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        return None if index < 0 else int(self.itemData(index))

    def set_post_id(self, post_id: int | None) -> None:
        self.setCurrentIndex(self.findData(post_id) if post_id is not None else -1)
        if post_id is None:
            self.setEditText("")


class CountryCombo(QComboBox):
    """A country of the region from the list, or any other two-letter code typed (e.g. RU, IR)."""

    def __init__(self, countries: tuple[Country, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem("", None)
        for country in countries:
            self.addItem(f"{country.code} — {country.name}", country.code)
        _searchable(self)
        self.lineEdit().setPlaceholderText(self.tr("Country code, e.g. AF"))
        self.setMinimumContentsLength(14)

    def code(self) -> str | None:
        """The chosen code; raises ValueError when the text is neither a listed country nor a code."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return self.itemData(index)
        if COUNTRY_CODE.fullmatch(text):
            return text.upper()
        raise ValueError(text)

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else 0
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code or "")


class LocalTimeEdit(QDateTimeEdit):
    """A moment typed as the post's wall-clock time; `value()` is timezone-aware UTC.

    Until the operator changes it, the field follows the time now (`follow_now`, called each minute by the
    form), shown in the post's time. Once changed (typed, stepped, picked, or set by `set_value`), it keeps its
    value; when the post changes, the wall-clock time typed is kept and read in the new post's offset: the
    operator copies the time from the post's report, which is in the post's own time.
    Tab leaves the field in one press; Left/Right move between its parts (day, hour, ...).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.offset_label = hint_label("", parent)
        self.follows_now = False
        self._quiet = 0  # >0 while the program, not the operator, sets the value
        self.dateTimeChanged.connect(self._changed)
        self.set_offset(None)

    def set_offset(self, minutes: int | None) -> None:
        wall_date, wall_time = self.date(), self.time()
        moment = self.value()
        zone = QTimeZone.fromSecondsAheadOfUtc((minutes or 0) * 60)
        with self._programmatic():
            self.setTimeZone(zone)
            if self.follows_now:
                self.setDateTime(QDateTime.fromMSecsSinceEpoch(_millis(moment), zone))
            else:
                self.setDateTime(QDateTime(wall_date, wall_time, zone))
        if minutes is None:
            self.offset_label.setText(self.tr("UTC (choose a post)"))
        else:
            self.offset_label.setText(self.tr("{offset} post time").format(offset=offset_text(minutes)))

    def value(self) -> datetime:
        return EPOCH + timedelta(milliseconds=self.dateTime().toMSecsSinceEpoch())

    def set_value(self, moment: datetime) -> None:
        """A fixed moment (a saved time, a quick button): it no longer follows the clock."""
        self.follows_now = False
        with self._programmatic():
            self.setDateTime(QDateTime.fromMSecsSinceEpoch(_millis(moment), self.timeZone()))

    def follow_now(self, now: datetime) -> None:
        """Show `now` (to the minute) and keep following the clock until the operator changes the time."""
        self.follows_now = True
        with self._programmatic():
            self.setDateTime(QDateTime.fromMSecsSinceEpoch(_millis(now.replace(second=0, microsecond=0)),
                                                           self.timeZone()))

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab leave the field instead of walking through its sections."""
        return QWidget.focusNextPrevChild(self, next)

    def _changed(self) -> None:
        if not self._quiet:
            self.follows_now = False

    @contextmanager
    def _programmatic(self) -> Iterator[None]:
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1


def _millis(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(milliseconds=1)

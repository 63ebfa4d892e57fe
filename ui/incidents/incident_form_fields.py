"""Inputs of the incident form that know more than a plain Qt widget: post, country, post-local time, quantity."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimeZone, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QDateTimeEdit, QHBoxLayout, QLineEdit, QWidget

from sitcentre.domain.countries import UnknownCountries, parse_country
from sitcentre.domain.days import offset_text
from sitcentre.domain.numbers import NumberProblem, echo, parse_quantity
from sitcentre.domain.records import Country, Post
from ui.incidents.incident_labels import framed, hint_label
from ui.incidents.incident_reference import post_label

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _searchable(combo: QComboBox, understood: Callable[[str], bool]) -> None:
    """Editable, with a completer that matches anywhere in the text ("kor" finds "BLO Kordai"); Tab, Enter or
    Return take the one item the text matches, unless the text already means something (`understood`)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    taker = _SingleMatch(combo, understood)
    completer.popup().installEventFilter(taker)  # installed after the completer's own filter: runs first
    combo.installEventFilter(taker)  # keys reach the combo (the focus widget), or the popup while it is open


class _SingleMatch(QObject):
    """Takes the single item a combo's typed text matches when Tab, Enter or Return is pressed.

    Tab then moves on as usual; Enter and Return are used up, so they never press the dialog's default
    button (Save) while the operator is only choosing from a list.
    """

    KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def __init__(self, combo: QComboBox, understood: Callable[[str], bool]):
        super().__init__(combo)
        self._combo, self._understood = combo, understood

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() != QEvent.Type.KeyPress or event.key() not in self.KEYS:
            return False
        popup = self._combo.completer().popup()
        if watched is popup and popup.currentIndex().isValid():
            return False  # the operator chose a row with the arrows: the completer takes it
        if not self._take():
            return False
        popup.hide()
        if event.key() == Qt.Key.Key_Tab:
            self._combo.focusNextPrevChild(True)
        return True

    def _take(self) -> bool:
        text = self._combo.currentText().strip()
        if not text or self._understood(text):
            return False
        folded = text.casefold()
        found = [i for i in range(self._combo.count()) if folded in self._combo.itemText(i).casefold()]
        if len(found) != 1:
            return False
        self._combo.setCurrentIndex(found[0])
        self._combo.setEditText(self._combo.itemText(found[0]))
        return True


class PostCombo(QComboBox):
    """Posts by name with their border; type to search. `post_id()` is None until a listed post is chosen."""

    def __init__(self, posts: tuple[Post, ...], parent: QWidget | None = None):
        super().__init__(parent)
        for post in sorted(posts, key=lambda p: p.name):
            self.addItem(post_label(post), post.id)
        _searchable(self, lambda _text: self.post_id() is not None)
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
    """A country of the region from the list, by code or name ("af", "Afghanistan", "AF — Afghanistan"), or any
    other country by its ISO code (e.g. RU, IR): sitcentre.domain.countries.parse_country."""

    def __init__(self, countries: tuple[Country, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._countries = countries
        self.addItem("", None)
        for country in countries:
            self.addItem(f"{country.code} — {country.name}", country.code)
        _searchable(self, self._understood)
        self.lineEdit().setPlaceholderText(self.tr("Code or name, e.g. AF"))
        self.setMinimumContentsLength(14)

    def code(self) -> str | None:
        """The chosen code (None when empty); raises UnknownCountries, a ValueError, naming the text typed."""
        return parse_country(self.currentText(), self._countries)

    def _understood(self, text: str) -> bool:
        try:
            return parse_country(text, self._countries) is not None
        except UnknownCountries:
            return False

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


class QuantityEdit(QLineEdit):
    """A quantity typed as people write it, read by sitcentre.domain.numbers.parse_quantity (its rule is the
    tooltip), and echoed beside the cell as the form will save it ("= 12.4 kg"): decimals are kept to
    `setDecimals` places (3; 0 for tablets, which are whole). Text that is not a number is kept as typed and
    refused: `problem()` says why, `value()` is then 0.0. A value set by the program (`setValue`, a saved
    line) is shown in the echo's style and read back exactly, even where typing it would be ambiguous.
    """

    valueChanged = Signal(float)  # after every edit (the value may be unchanged when the text is refused)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(40)
        self.setMinimumWidth(110)
        self.setPlaceholderText(self.tr("e.g. 12,4"))
        self.setToolTip(self.tr(
            "Type the quantity as you write it: 12,4 or 12.4 (a comma or a point for decimals), 1 000 (a space "
            "between thousands). 1,500 could be 1.5 or 1 500: type 1,5 or 1500. Tablets are whole: 1,000 tablets "
            "are a thousand. Beside the cell: the quantity as it will be saved."))
        self.echo = hint_label("", parent)
        self.echo.setMinimumWidth(100)
        self._decimals = 3
        self._unit: QComboBox | None = None
        self._shown: tuple[str, float] | None = None  # text set by setValue, and its exact value
        self.textChanged.connect(self._edited)

    def cell(self, unit: QComboBox) -> QWidget:
        """The grid cell: the framed input and its echo, which names the unit chosen in `unit`."""
        self._unit = unit
        cell = QWidget(self.parentWidget())
        layout = QHBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(framed(self))
        layout.addWidget(self.echo)
        return cell

    def setDecimals(self, decimals: int) -> None:  # Qt's spelling, as the spin box it replaces
        self._decimals = decimals
        self._edited()

    def setValue(self, value: float) -> None:  # Qt's spelling
        text = echo(value, self._decimals)
        self._shown = (text, float(value))
        self.setText(text)

    def value(self) -> float:
        read = self._read()
        return read if isinstance(read, float) else 0.0

    def problem(self) -> NumberProblem | None:
        read = self._read()
        return read if isinstance(read, NumberProblem) else None

    def is_empty(self) -> bool:
        return not self.text().strip()

    def _read(self) -> float | NumberProblem | None:
        text = self.text()
        if self._shown is not None and text == self._shown[0]:
            return self._shown[1]
        if not text.strip():
            return None
        try:
            number = parse_quantity(text, whole=self._decimals == 0)
        except NumberProblem as exc:
            return exc
        try:
            return float(number.quantize(Decimal(1).scaleb(-self._decimals)))
        except InvalidOperation:  # more digits than a Decimal rounds: far above any limit, refused as such
            return float(number)

    def _edited(self) -> None:
        read = self._read()
        if isinstance(read, NumberProblem):
            self.echo.setText(self._refusal(read))
            self.echo.setToolTip(read.message)
        elif read is None:
            self.echo.setText("")
            self.echo.setToolTip("")
        else:
            unit = self._unit.currentText() if self._unit is not None else ""
            self.echo.setText(self.tr("= {quantity} {unit}").format(quantity=echo(read, self._decimals), unit=unit))
            self.echo.setToolTip(self.tr("The quantity as it will be saved"))
        self.echo.setProperty("role", "error" if isinstance(read, NumberProblem) else "hint")
        self.echo.style().unpolish(self.echo)
        self.echo.style().polish(self.echo)
        self.valueChanged.emit(self.value())

    def _refusal(self, problem: NumberProblem) -> str:
        """A few words beside the cell; the whole message is the tooltip, and beside the line on saving."""
        if problem.code == "ambiguous":
            return self.tr("{small} or {large}?").format(**problem.params)
        return {"negative": self.tr("below zero"), "whole_number": self.tr("whole tablets only")}.get(
            problem.code, self.tr("not a number"))

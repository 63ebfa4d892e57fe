"""Spreadsheet cells read as the values the app keeps: dates and periods, times, quantities, units and names.

A cell is what a reader hands over: str, int, float, datetime (also date or time from openpyxl), or None.
Every reader here returns the value or raises `CellProblem` (a code for translation, parameters and the English
sentence, like domain.numbers.NumberProblem); nothing else escapes, whatever the cell holds.

Dates (`read_moment`, `read_period`):
- datetime cells as they are; Excel serial numbers in the 1900 system (serial 1 is 1900-01-01; Excel's
  non-existent 29 February 1900, serial 60, is refused; the serials after it are one day off, as in Excel) or
  in the 1904 system when the workbook says so (`date1904=True`); a fraction is the time of day;
- text: ISO `2023-04-05` (with ` 14:30` or `T14:30:00`), `05.04.2023` or `05-04-2023` (with a time),
  `05/04/2023` only when one reading is possible (day above 12, or day and month equal; else refused as
  ambiguous); a Russian "г."/"год" after the year is passed over (`05.04.2023 г.`, `2023 год`);
- periods also: a year alone (`2023`, or the number 2023 from 1900 to 2100 in a cell, which as a serial would
  be a day in 1905), a month (`2023-04`, `04.2023`, `04/2023`, `April 2023`, `апрель 2023`, `Apr-2023`,
  `2023 April`), English and Russian month names (nominative and genitive, full and short).
Numbers (`read_number`): a number cell is already a number (finite, not negative, not a bool); text follows
domain.numbers (comma or point decimals, space/no-break-space/dot/comma thousands; "1,500" is refused as
ambiguous unless the mapping names the decimal mark).
Names (`normalise_name`): NFKC, casefold, every quote and dash the same, quotes around the name dropped, odd
spacing collapsed, ё read as е, so "Heroin ", "HEROIN" and "“Heroin”" are one name.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sitcentre.domain.enums import Unit
from sitcentre.domain.i18n import N_, _t
from sitcentre.domain.numbers import NumberProblem, parse_quantity

Cell = str | int | float | datetime | date | time | None

EXCEL_1900_EPOCH = datetime(1899, 12, 30)  # serial 61 and on; Excel counts a 29 February 1900 that never was
EXCEL_1904_EPOCH = datetime(1904, 1, 1)
EXCEL_MAX_SERIAL = 2_958_465  # 9999-12-31 in the 1900 system
YEAR_CELLS = (1900, 2100)  # a whole number in this range, in a date or period cell, is a year, not a serial
TEXT_LIMIT = 1000  # characters of a cell read as a name or a value; a longer one is refused, never cut

_MESSAGES = {
    "empty": N_("The cell is empty."),
    "too_long": N_("The cell holds {length:,} characters; at most {limit:,} can be read here."),
    "not_a_date": N_("'{text}' is not a date. Write it as 2023-04-05 or 05.04.2023."),
    "ambiguous_date": N_("'{text}' can be read as {first} or as {second}. Write it as yyyy-mm-dd or dd.mm.yyyy."),
    "no_such_date": N_("'{text}' is not a day of the calendar."),
    "serial_out_of_range": N_("{text} is not an Excel date: a date cell counts days from 1 to 2,958,465."),
    "excel_1900_leap": N_("{text} is Excel's 29 February 1900, a day that never was. Check the date."),
    "only_a_period": N_("'{text}' names {period}, not a day. Give the date of the incident."),
    "not_a_period": N_("'{text}' is not a year, a month or a date. Write 2023, 2023-04 or 05.04.2023."),
    "not_a_time": N_("'{text}' is not a time of day. Write it as 14:30."),
    "not_a_year": N_("'{text}' is not a year. Write it with four digits, such as 2023."),
    "not_a_month": N_("'{text}' is not a month. Write its number (1 to 12) or its name."),
    "not_a_number": N_("'{text}' is not a number."),
    "not_a_unit": N_("'{text}' is not a unit. Use kg, g, l or tablets (or add it to the mapping's units)."),
}


class CellProblem(ValueError):
    """Why a cell cannot be read: a code for translation, parameters, and the English sentence."""

    def __init__(self, code: str, params: dict | None = None, message: str | None = None) -> None:
        self.code, self.params = code, dict(params or {})
        self.message = message if message is not None else _t(_MESSAGES[code]).format(**self.params)
        super().__init__(self.message)


class PeriodKind(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Period:
    """A span of whole days, both ends included: a day, a calendar month or a calendar year."""

    start: date
    end: date
    kind: PeriodKind

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day, PeriodKind.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return cls(date(year, month, 1), following - timedelta(days=1), PeriodKind.MONTH)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)

    @property
    def label(self) -> str:
        """2023, 2023-04 or 2023-04-05: the same text for the same period, used in row keys."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.start.year:04d}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()


@dataclass(frozen=True)
class Moment:
    """A day and, when the cell had one, a time of day: wall-clock time at the post, no time zone yet."""

    day: date
    time: time | None = None

    def wall_clock(self) -> datetime:
        """The naive local datetime (midnight when no time was given)."""
        return datetime.combine(self.day, self.time or time(0, 0))


# --- dates, periods and times ---------------------------------------------------------------------------------

def excel_serial(serial: float, *, date1904: bool = False) -> datetime:
    """The wall-clock datetime of an Excel serial number (fraction = time of day, rounded to the second)."""
    if not _finite(serial) or not 0 < serial <= EXCEL_MAX_SERIAL or (date1904 and serial > EXCEL_MAX_SERIAL - 1462):
        raise CellProblem("serial_out_of_range", {"text": _shown(serial)})
    if not date1904 and 60 <= serial < 61:
        raise CellProblem("excel_1900_leap", {"text": _shown(serial)})
    epoch = EXCEL_1904_EPOCH if date1904 else EXCEL_1900_EPOCH
    if not date1904 and serial < 60:
        epoch += timedelta(days=1)  # before Excel's phantom leap day the serials are not shifted
    seconds = round(serial * 86400)
    return epoch + timedelta(seconds=seconds)


def read_moment(value: Cell, *, date1904: bool = False) -> Moment:
    """The day (and time, if any) of a date cell; a year or a month alone is refused for a day."""
    moment, period = _read_dated(value, date1904)
    if moment is None:
        raise CellProblem("only_a_period", {"text": _shown(value), "period": _period_words(period)})
    return moment


def read_period(value: Cell, *, date1904: bool = False) -> Period:
    """The day, month or year a cell names."""
    moment, period = _read_dated(value, date1904)
    return Period.day(moment.day) if moment is not None else period


def read_time(value: Cell) -> time:
    """A time of day: a time or datetime cell, an Excel fraction of a day (0 to below 1), or text like 14:30."""
    if isinstance(value, datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, time):
        return value.replace(microsecond=0, tzinfo=None)
    if _is_number(value) and _finite(value) and 0 <= value < 1:
        seconds = min(round(value * 86400), 86399)
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    text = _text_of(value, "not_a_time")
    found = _TIME.fullmatch(text)
    if not found:
        raise CellProblem("not_a_time", {"text": text})
    return _time(found.group(1), found.group(2), found.group(3), text, "not_a_time")


def read_year(value: Cell) -> int:
    """A four-digit year from 1900 to 2100 (a number cell or text)."""
    if _is_number(value) and _finite(value) and float(value).is_integer() and _year_like(int(value)):
        return int(value)
    text = _text_of(value, "not_a_year")
    if re.fullmatch(r"\d{4}", text) and _year_like(int(text)):
        return int(text)
    raise CellProblem("not_a_year", {"text": text})


def read_month(value: Cell) -> int:
    """A month from 1 to 12: a number or a month's name (English or Russian)."""
    if _is_number(value) and _finite(value) and float(value).is_integer() and 1 <= value <= 12:
        return int(value)
    text = _text_of(value, "not_a_month")
    if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= 12:
        return int(text)
    month = MONTH_NAMES.get(normalise_name(text).rstrip("."))
    if month is None:
        raise CellProblem("not_a_month", {"text": text})
    return month


def _read_dated(value: Cell, date1904: bool) -> tuple[Moment | None, Period | None]:
    if isinstance(value, datetime):
        at = value.replace(tzinfo=None, microsecond=0)
        return Moment(at.date(), at.time() if at.time() != time(0, 0) else None), None
    if isinstance(value, date):
        return Moment(value), None
    if isinstance(value, time) or isinstance(value, bool):
        raise CellProblem("not_a_date", {"text": _shown(value)})
    if _is_number(value):
        if _finite(value) and float(value).is_integer() and _year_like(int(value)):
            return None, Period.year(int(value))
        at = excel_serial(value, date1904=date1904)
        return Moment(at.date(), at.time() if at.time() != time(0, 0) else None), None
    return _read_dated_text(_text_of(value, "not_a_date"))


@functools.lru_cache(maxsize=8192)  # a log repeats its dates on many rows; a refusal is not kept (it raises)
def _read_dated_text(text: str) -> tuple[Moment | None, Period | None]:
    bare = _YEAR_SUFFIX.sub("", text)  # "05.04.2023 г.", "2023 год": the Russian word for year after the year
    for pattern, reader in _DATED_TEXT:
        found = pattern.fullmatch(bare)
        if found:
            return reader(found, text)
    raise CellProblem("not_a_period", {"text": text})


def _iso_day(found: re.Match, text: str) -> tuple[Moment, None]:
    year, month, day = (int(g) for g in found.group(1, 2, 3))
    return Moment(_date(year, month, day, text), _optional_time(found, 4, text)), None


def _dotted_day(found: re.Match, text: str) -> tuple[Moment, None]:
    day, month, year = (int(g) for g in found.group(1, 2, 3))
    return Moment(_date(year, month, day, text), _optional_time(found, 4, text)), None


def _slashed_day(found: re.Match, text: str) -> tuple[Moment, None]:
    first, second, year = (int(g) for g in found.group(1, 2, 3))
    if first <= 12 and second <= 12 and first != second:
        raise CellProblem("ambiguous_date", {"text": text, "first": _day_words(year, second, first),
                                             "second": _day_words(year, first, second)})
    day, month = (first, second) if first > 12 or first == second else (second, first)
    return Moment(_date(year, month, day, text), _optional_time(found, 4, text)), None


def _year_only(found: re.Match, text: str) -> tuple[None, Period]:
    if int(found.group(1)) < 1:
        raise CellProblem("no_such_date", {"text": text})
    return None, Period.year(int(found.group(1)))


def _year_month(found: re.Match, text: str) -> tuple[None, Period]:
    return None, _month_period(int(found.group(1)), int(found.group(2)), text)


def _month_year(found: re.Match, text: str) -> tuple[None, Period]:
    return None, _month_period(int(found.group(2)), int(found.group(1)), text)


def _named_month(found: re.Match, text: str) -> tuple[None, Period]:
    words = [w for w in re.split(r"[\s.,/-]+", normalise_name(text)) if w]
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
    months = [MONTH_NAMES[w] for w in words if w in MONTH_NAMES]
    if year is None or len(months) != 1 or len(words) != 2 + (words[-1] in _YEAR_WORDS):
        raise CellProblem("not_a_period", {"text": text})
    return None, _month_period(year, months[0], text)


def _month_period(year: int, month: int, text: str) -> Period:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise CellProblem("no_such_date", {"text": text})
    return Period.month(year, month)


def _date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellProblem("no_such_date", {"text": text}) from None


def _optional_time(found: re.Match, first_group: int, text: str) -> time | None:
    hours, minutes, seconds = found.group(first_group, first_group + 1, first_group + 2)
    if hours is None:
        return None
    moment = _time(hours, minutes, seconds, text, "not_a_date")
    return moment if moment != time(0, 0) else None


def _time(hours: str, minutes: str, seconds: str | None, text: str, code: str) -> time:
    h, m, s = int(hours), int(minutes), int(seconds or 0)
    if h > 23 or m > 59 or s > 59:
        raise CellProblem(code, {"text": text})
    return time(h, m, s)


def _year_like(year: int) -> bool:
    return YEAR_CELLS[0] <= year <= YEAR_CELLS[1]


def _period_words(period: Period | None) -> str:
    if period is None:
        return "no day"
    return f"only the year {period.label}" if period.kind is PeriodKind.YEAR else f"only the month {period.label}"


def _day_words(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).strftime("%d %B %Y").lstrip("0")
    except ValueError:
        return f"{day:02d}.{month:02d}.{year:04d}"


_CLOCK = r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?")
_MONTH_WORDS = {
    1: ("january", "jan", "январь", "января", "янв"), 2: ("february", "feb", "февраль", "февраля", "фев", "февр"),
    3: ("march", "mar", "март", "марта", "мар"), 4: ("april", "apr", "апрель", "апреля", "апр"),
    5: ("may", "май", "мая"), 6: ("june", "jun", "июнь", "июня", "июн"), 7: ("july", "jul", "июль", "июля", "июл"),
    8: ("august", "aug", "август", "августа", "авг"), 9: ("september", "sep", "sept", "сентябрь", "сентября", "сен",
                                                         "сент"),
    10: ("october", "oct", "октябрь", "октября", "окт"), 11: ("november", "nov", "ноябрь", "ноября", "ноя", "нояб"),
    12: ("december", "dec", "декабрь", "декабря", "дек"),
}
MONTH_NAMES = {word: month for month, words in _MONTH_WORDS.items() for word in words}
_YEAR_WORDS = ("г", "год", "года")  # "апрель 2023 г."
_YEAR_SUFFIX = re.compile(r"(?<=\d{4})\s*(?:г|год|года)\.?$", re.IGNORECASE)
_DATED_TEXT = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _CLOCK + r"Z?"), _iso_day),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _CLOCK), _dotted_day),
    (re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})" + _CLOCK), _dotted_day),  # 05-04-2023: day first, as dotted
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})" + _CLOCK), _slashed_day),
    (re.compile(r"(\d{4})(?:\.0)?"), _year_only),
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), _year_month),
    (re.compile(r"(\d{1,2})[-/.](\d{4})"), _month_year),
    (re.compile(r"(?:[^\W\d_]+\.?[\s,/-]*\d{4}|\d{4}[\s,/-]*[^\W\d_]+\.?)(?:\s*(?:г|год|года)\.?)?"), _named_month),
)


# --- numbers --------------------------------------------------------------------------------------------------

def read_number(value: Cell, *, whole: bool = False, decimal_mark: str | None = None) -> Decimal:
    """A quantity from a cell, exactly, never negative; raises CellProblem ("number.<code>" for domain codes).

    `decimal_mark` ("," or ".") settles "1,500" and "1.500", which domain.numbers refuses as ambiguous."""
    if isinstance(value, bool) or isinstance(value, (datetime, date, time)):
        raise CellProblem("not_a_number", {"text": _shown(value)})
    if _is_number(value):
        if not _finite(value):
            raise CellProblem("not_a_number", {"text": _shown(value)})
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
        return _checked_number(number, _shown(value), whole)
    return _number_text(_text_of(value, "number.empty"), whole, decimal_mark)


@functools.lru_cache(maxsize=8192)  # quantities repeat down a sheet; a refusal is not kept (it raises)
def _number_text(text: str, whole: bool, decimal_mark: str | None) -> Decimal:
    plain = _plain_number(text, whole, decimal_mark)
    if plain is not None:
        return plain
    try:
        return parse_quantity(text, whole=whole)
    except NumberProblem as problem:
        if problem.code == "ambiguous" and decimal_mark in (",", "."):
            return _settled(text.strip(), decimal_mark, whole)
        raise CellProblem(f"number.{problem.code}", {"text": problem.text, **problem.params},
                          problem.message) from None


_PLAIN_NUMBER = re.compile(r"([0-9]+)(?:([.,])([0-9]+))?")


def _plain_number(text: str, whole: bool, decimal_mark: str | None) -> Decimal | None:
    """The common cell, digits with at most one comma or point, read as parse_quantity and _settled read it, without
    their general checks; None for anything else (and for what they refuse), which goes the long way."""
    match = _PLAIN_NUMBER.fullmatch(text)
    if match is None:
        return None
    integer, mark, fraction = match.groups()
    if mark is None:
        number = Decimal(integer)
    elif not (len(fraction) == 3 and len(integer) <= 3 and not integer.startswith("0")):
        number = Decimal(f"{integer}.{fraction}")
    elif whole:
        number = Decimal(integer + fraction)  # 1,500 tablets
    elif decimal_mark in (",", "."):
        number = Decimal(f"{integer}.{fraction}") if mark == decimal_mark else Decimal(integer + fraction)
    else:
        return None  # ambiguous: refused in words the long way
    if whole and number != number.to_integral_value():
        return None
    return number


def _settled(text: str, decimal_mark: str, whole: bool) -> Decimal:
    integer, mark, fraction = text.partition("," if "," in text else ".")
    number = Decimal(f"{integer}.{fraction}") if mark == decimal_mark else Decimal(integer + fraction)
    return _checked_number(number, text, whole)


def _checked_number(number: Decimal, shown: str, whole: bool) -> Decimal:
    if number < 0:
        raise CellProblem("number.negative", {"text": shown}, NumberProblem("negative", shown).message)
    if whole and number != number.to_integral_value():
        raise CellProblem("number.whole_number", {"text": shown, "unit": "tablets"},
                          NumberProblem("whole_number", shown, {"unit": "tablets"}).message)
    return number


# --- text, names and units ------------------------------------------------------------------------------------

def read_text(value: Cell) -> str:
    """Any cell as the text a person would see ("" for an empty cell): whole floats without ".0", dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = " ".join(value.split())
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ") if value.time() != time(0, 0) else value.date().isoformat()
    elif isinstance(value, (date, time)):
        text = value.isoformat()
    else:
        try:
            text = str(value)
        except ValueError:  # an int of more than 4,300 digits
            raise CellProblem("too_long", {"length": TEXT_LIMIT + 1, "limit": TEXT_LIMIT}) from None
    if len(text) > TEXT_LIMIT:
        raise CellProblem("too_long", {"length": len(text), "limit": TEXT_LIMIT})
    return text


_QUOTES = dict.fromkeys(map(ord, "\"'`´‘’‚‛“”„‟«»‹›〝〞＂＇"), "'")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹘﹣－"), "-")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


@functools.lru_cache(maxsize=8192)  # a sheet repeats its names (posts, substances, units) on every row
def normalise_name(text: str) -> str:
    """A name folded for matching: "“Heroin” ", "HEROIN" and "heroin" give "heroin"; "Гашиш ё" gives "гашиш е"."""
    folded = unicodedata.normalize("NFKC", str(text)).translate(_INVISIBLE).casefold()
    folded = folded.translate(_QUOTES).translate(_DASHES).replace("ё", "е")
    folded = " ".join(folded.split())
    return folded.strip("' ").strip()


UNIT_WORDS = {
    Unit.KG: ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes", "кг",
              "килограмм", "килограммы", "килограммов"),
    Unit.G: ("g", "gr", "gram", "grams", "gramme", "grammes", "г", "гр", "грамм", "граммы", "граммов"),
    Unit.LITRE: ("l", "lt", "ltr", "litre", "litres", "liter", "liters", "л", "литр", "литры", "литров"),
    Unit.TABLETS: ("tablets", "tablet", "tab", "tabs", "pills", "таблетки", "таблеток", "таблетка", "табл",
                   "таб"),
}
_UNIT_BY_WORD = {normalise_name(word): unit for unit, words in UNIT_WORDS.items() for word in words}


def read_unit(value: Cell, aliases: dict[str, str] | None = None) -> Unit:
    """A unit from its name in English or Russian ("kg", "кг", "litres"), or from the mapping's unit aliases
    (normalised name -> unit value)."""
    text = _text_of(value, "not_a_unit")
    name = normalise_name(text).rstrip(".")
    target = (aliases or {}).get(name)
    if target is not None:
        try:
            return Unit(target)
        except ValueError:
            pass
    unit = _UNIT_BY_WORD.get(name)
    if unit is None:
        raise CellProblem("not_a_unit", {"text": text})
    return unit


def is_empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- helpers --------------------------------------------------------------------------------------------------

def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _finite(value: object) -> bool:
    try:
        return math.isfinite(value)
    except (TypeError, ValueError, OverflowError, InvalidOperation):
        return False


def _text_of(value: Cell, empty_code: str) -> str:
    """The cell's text, stripped; an empty cell raises the reader's own "empty" problem."""
    text = read_text(value).strip()
    if not text:
        if empty_code.startswith("number."):
            raise CellProblem(empty_code, {"text": ""}, NumberProblem("empty", "").message)
        raise CellProblem("empty")
    return text


def _shown(value: object) -> str:
    try:
        return read_text(value)  # type: ignore[arg-type]
    except CellProblem:
        try:
            return str(value)[:TEXT_LIMIT]
        except ValueError:  # an int too long to print
            return "(a number too long to show)"

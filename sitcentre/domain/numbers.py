"""Numbers as operators type them: a decimal comma or point, spaces between thousands.

The rule (shown to operators in the form's tooltip and the README):

- A space (also a no-break or thin space) or an apostrophe between digits groups thousands: "1 000", "1'000".
- When a comma and a point both appear, the last one is the decimal separator and the other groups thousands:
  "1.234,5" and "1,234.5" are both 1234.5.
- A single comma or point is the decimal separator: "12,4" and "12.4" are 12.4 -- except where it can only be a
  thousands separator: in a whole-number unit (tablets) "1,000" and "1.000" are a thousand, and a separator that
  repeats ("1,000,000") groups thousands.
- One separator followed by exactly three digits after a number of one to three digits that is not 0 ("1,500") reads
  as 1.5 in Russian and as 1500 in English: it is refused as ambiguous in a unit that takes decimals, with a message
  that says how to write either.
- Anything else (letters, a unit typed after the number, two decimal separators, a sign) is refused with a message;
  nothing is ever dropped silently.

Messages carry a code and parameters (design.md rule 11) so the UI can translate them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_GROUP_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'", "\u2019")
_DIGITS = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


class NumberProblem(ValueError):
    """Why a typed number was refused: a code for translation, parameters, and the English sentence."""

    def __init__(self, code: str, text: str, params: dict | None = None) -> None:
        self.code, self.text, self.params = code, text, dict(params or {})
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _MESSAGES[self.code].format(text=self.text, **self.params)


_MESSAGES = {
    "empty": "Enter a number.",
    "not_a_number": "'{text}' is not a number. Type digits only, with a comma or a point for decimals "
                    "(the unit is chosen beside the quantity).",
    "negative": "'{text}': the quantity cannot be negative.",
    "whole_number": "'{text}': {unit} are counted in whole numbers.",
    "ambiguous": "'{text}' can be read as {small} or as {large}. Type {small_typed} or {large_typed} "
                 "(a space separates thousands: {large_spaced}).",
}


def parse_quantity(text: str, whole: bool = False) -> Decimal:
    """The number an operator typed, exactly; raises NumberProblem with the reason when it is not one.

    `whole` is for units counted in whole numbers (tablets): there a lone separator before three digits groups
    thousands, and a decimal is refused.
    """
    raw = text
    cleaned = text.strip()
    for space in _GROUP_SPACES:
        cleaned = _ungroup(cleaned, space)
    if not cleaned:
        raise NumberProblem("empty", raw)
    if cleaned.startswith("-"):
        raise NumberProblem("negative", raw.strip())
    if not re.fullmatch(r"[\d.,]+", cleaned) or not any(ch.isdigit() for ch in cleaned):
        raise NumberProblem("not_a_number", raw.strip())
    value = _read(cleaned, raw.strip(), whole)
    if whole and value != value.to_integral_value():
        raise NumberProblem("whole_number", raw.strip(), {"unit": "tablets"})
    return value


def echo(value: Decimal | float, decimals: int = 3) -> str:
    """How the form shows what it will save: a space between thousands, a point for decimals, no trailing zeros."""
    quantised = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals)) if decimals else Decimal(int(value))
    whole, _, fraction = f"{quantised:f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", "\u00a0")
    return f"{grouped}.{fraction}" if fraction else grouped


def _ungroup(text: str, space: str) -> str:
    """Drop a grouping space that stands between digits; a stray one elsewhere is left for the checks to refuse."""
    parts = text.split(space)
    if len(parts) == 1:
        return text
    if all(part for part in parts) and all(len(_leading_digits(p)) == 3 for p in parts[1:]):
        return "".join(parts)
    return text


def _leading_digits(part: str) -> str:
    match = _DIGITS.match(part)
    return match.group(0) if match else ""


def _read(cleaned: str, shown: str, whole: bool) -> Decimal:
    commas, points = cleaned.count(","), cleaned.count(".")
    if commas and points:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        integer, _, fraction = cleaned.rpartition(decimal_mark)
        if cleaned.count(decimal_mark) != 1 or not _GROUPED.fullmatch(integer) and group_mark in integer:
            raise NumberProblem("not_a_number", shown)
        return _decimal(integer.replace(group_mark, "") + "." + fraction, shown)
    mark = "," if commas else "." if points else ""
    if not mark:
        return _decimal(cleaned, shown)
    if cleaned.count(mark) > 1:
        if _GROUPED.fullmatch(cleaned):
            return _decimal(cleaned.replace(mark, ""), shown)
        raise NumberProblem("not_a_number", shown)
    integer, _, fraction = cleaned.partition(mark)
    integer = integer or "0"  # ",5" is a half
    if not fraction:
        raise NumberProblem("not_a_number", shown)
    looks_grouped = len(fraction) == 3 and 1 <= len(integer) <= 3 and not integer.startswith("0")
    if looks_grouped and whole:
        return _decimal(integer + fraction, shown)
    if looks_grouped:
        raise _ambiguous(shown, integer, fraction)
    return _decimal(integer + "." + fraction, shown)


def _ambiguous(shown: str, integer: str, fraction: str) -> NumberProblem:
    small = Decimal(f"{integer}.{fraction}").normalize()
    large = int(integer + fraction)
    return NumberProblem("ambiguous", shown, {
        "small": echo(small), "large": echo(large, 0), "small_typed": f"{small:f}".replace(".", ","),
        "large_typed": str(large), "large_spaced": f"{large:,}".replace(",", " "),
    })


def _decimal(text: str, shown: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise NumberProblem("not_a_number", shown) from None
    if not value.is_finite():
        raise NumberProblem("not_a_number", shown)
    return value

"""The fields a spreadsheet column can be imported as, in words, and a first guess from the column's name.

The guess is deliberately plain: a header whose words include "date"/"дата" is the date, "post"/"пост" the
post, and so on; a field is guessed for one column only (the first that names it), and nothing is guessed when
no word fits, so the person chooses. `FIELD_LABELS` are the words of the column-mapping page's combos.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from sitcentre.backend.imports import INCIDENT_FIELDS, STATISTIC_FIELDS, MappingKind

NOT_IMPORTED = ""  # the combo's "(not imported)"

# field -> words of a header that name it (lower case; a word is a whole token, a phrase a substring)
_INCIDENT_WORDS = (
    ("occurred_at", ("date", "дата", "occurred", "when", "date of seizure", "дата изъятия")),
    ("occurred_time", ("time", "время")),
    ("post", ("post", "пост", "blo", "checkpoint", "кпп", "border post")),
    ("substance", ("substance", "drug", "drugs", "вещество", "наркотик", "наркотики", "наименование")),
    ("quantity", ("quantity", "qty", "amount", "kg", "кг", "weight", "вес", "количество", "кол-во", "масса")),
    ("unit", ("unit", "units", "ед", "единица", "единицы")),
    ("mass_per_tablet_mg", ("mg per tablet", "mass per tablet", "мг на таблетку")),
    ("direction", ("direction", "направление")),
    ("transport_mode", ("transport", "транспорт")),
    ("incident_type", ("type", "тип", "вид")),
    ("concealment", ("concealment", "hidden", "тайник", "сокрытие", "сокрытия")),
    ("route_departure", ("from", "departure", "origin", "откуда", "отправление")),
    ("route_destination", ("to", "destination", "куда", "назначение")),
    ("route_transit", ("transit", "транзит")),
    ("persons_detained", ("detained", "persons", "arrested", "задержано", "задержанные", "задержан")),
    ("detainee_nationalities", ("nationality", "nationalities", "гражданство")),
    ("joint_operation", ("joint", "совместная")),
    ("narrative", ("narrative", "notes", "note", "comment", "comments", "remarks", "описание", "примечание",
                   "примечания", "комментарий")),
)
_STATISTIC_WORDS = (
    ("country", ("country", "страна", "государство", "region", "регион")),
    ("month", ("month", "месяц")),
    ("period", ("year", "год", "period", "период")),
    ("group", ("group", "drug group", "группа")),  # before substance: "Drug group" is a group
    ("substance", ("substance", "drug", "drugs", "вещество", "наркотик", "наркотики")),
    ("category", ("category", "категория")),
    ("quantity", ("quantity", "qty", "amount", "kg", "кг", "weight", "вес", "количество", "масса", "total")),
    ("unit", ("unit", "units", "ед", "единица")),
    ("source", ("source", "publisher", "источник")),
)
_WEIGHT_WORDS = ("kg", "кг", "kilograms", "килограммы")


def fields_of(kind: MappingKind) -> tuple[str, ...]:
    return INCIDENT_FIELDS if kind is MappingKind.INCIDENTS else STATISTIC_FIELDS


def _tokens(header: str) -> tuple[set[str], str]:
    text = " ".join(str(header or "").lower().replace("ё", "е").split())
    return set(re.findall(r"[\w-]+", text)), text


def _names(header: str, word: str) -> bool:
    tokens, text = _tokens(header)
    return word in text if " " in word else word in tokens


def guess_columns(kind: MappingKind, headers: tuple[str, ...]) -> dict[str, str]:
    """header -> field for the headers whose words name a field (each field once, the first column wins)."""
    words = _INCIDENT_WORDS if kind is MappingKind.INCIDENTS else _STATISTIC_WORDS
    has_month = kind is MappingKind.STATISTICS and any(_names(h, w) for h in headers for w in ("month", "месяц"))
    guessed: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        if not str(header or "").strip():
            continue
        for field, names in words:
            if field in taken or not any(_names(header, word) for word in names):
                continue
            if field == "period" and has_month and any(_names(header, w) for w in ("year", "год")):
                field = "year"  # a year column beside a month column: the period is made of both
            guessed[header] = field
            taken.add(field)
            break
    return guessed


def weight_in_kg(header: str) -> bool:
    """A quantity column headed "Quantity (kg)" or "кг": its default unit is kg."""
    return any(_names(header, word) for word in _WEIGHT_WORDS)


def _t(text: str) -> str:
    """tr() outside a class: context "" (lupdate reads `_t` as tr, ui.shell.language.TR_ALIASES)."""
    return QCoreApplication.translate("", text)


def field_label(field: str) -> str:
    """A field in words: "Substance", "Quantity (line 2)"."""
    base, _, line = field.rpartition("_")
    if line.isdigit() and base in ("substance", "quantity", "unit", "mass_per_tablet_mg"):
        return _t("{0} (line {1})").format(field_label(base), line)
    labels = {
        "occurred_at": _t("Date (and time)"), "occurred_time": _t("Time"), "post": _t("Post"),
        "substance": _t("Substance"), "quantity": _t("Quantity"), "unit": _t("Unit"),
        "mass_per_tablet_mg": _t("Mass per tablet (mg)"), "incident_type": _t("Incident type"),
        "direction": _t("Direction"), "transport_mode": _t("Transport"), "concealment": _t("Concealment"),
        "route_departure": _t("Route: from (country)"), "route_transit": _t("Route: through (countries)"),
        "route_destination": _t("Route: to (country)"), "persons_detained": _t("Persons detained"),
        "detainee_nationalities": _t("Detainees' nationalities"), "joint_operation": _t("Joint operation"),
        "narrative": _t("Narrative"), "source": _t("Source (publisher)"), "country": _t("Country or region"),
        "period": _t("Period (year or month)"), "year": _t("Year"), "month": _t("Month"),
        "group": _t("Drug group"), "category": _t("Category (substance or group)"),
    }
    return labels.get(field, field)


def missing_fields(kind: MappingKind, chosen: set[str], defaults: set[str]) -> list[str]:
    """The fields a row cannot do without that no column and no default gives, in words."""
    given = chosen | defaults
    if kind is MappingKind.INCIDENTS:
        needed = [("occurred_at",), ("post",), ("substance",), ("quantity",)]
    else:
        needed = [("country",), ("period", "year"), ("quantity",), ("substance", "group", "category")]
    return [" / ".join(field_label(f) for f in alternatives) for alternatives in needed
            if not given & set(alternatives)]

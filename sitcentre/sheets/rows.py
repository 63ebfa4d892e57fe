"""Data rows to candidate records: what each row of a sheet will become, or why it cannot (in words).

`read_rows(rows, header, mapping, reference, now=...)` streams one `RowOutcome` per data row that holds anything:
an `IncidentCandidate` or a `StatisticCandidate`, or the row's `RowProblem`s (all of them, not the first only).
A bad row never stops the reading: it is reported and skipped. Problems: a cell that cannot be read (date,
time, number, unit), a missing post, date or substance, an unknown substance, post or country, an empty or zero
quantity, a unit the substance is not recorded in, a date in the future (or before 1970 for an incident), and an
exact duplicate of an earlier row of the same file.

A row's `row_key` is the sha256 of its resolved, normalised content (post and substance codes, the local time,
quantities as exact decimals, units, the period, the category...) and of the mapping's kind: not of its
position, so the same row in a re-imported or a later, overlapping file has the same key. The mapping's aliases
and column names are deliberately left out: teaching the mapping a new alias, or a later file whose columns are
in another order, must not turn rows already imported into new ones. `keep_duplicates` keeps repeated rows
(the second's key is the sha256 of the first's and "#2"); `keep_zero_quantities` keeps published zeros
(statistics only: an incident's line needs a quantity above zero).

Units are converted to kg-equivalents with domain.conversion.to_kg, the rule of the incident form, and the rule
is kept per line (`conversion`). Incident times are the post's wall-clock time turned into UTC with the post's
offset; a date without a time becomes midnight at the post (`time_known=False`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import Enum

from sitcentre.domain.conversion import ConversionError, to_kg
from sitcentre.domain.countries import UnknownCountries, parse_country, parse_country_list
from sitcentre.domain.enums import Direction, IncidentType, SubstanceGroup, TransportMode, Unit
from sitcentre.domain.i18n import N_, _t
from sitcentre.domain.records import Post, Substance
from sitcentre.domain.reference import ReferenceData
from sitcentre.domain.validation import CLOCK_SKEW, EARLIEST, MAX_QUANTITY, allowed_units
from sitcentre.sheets.mapping import MAX_LINES, Mapping, MappingKind, MappingProblem, group_named
from sitcentre.sheets.values import (
    CellProblem,
    Period,
    is_empty,
    normalise_name,
    read_moment,
    read_month,
    read_number,
    read_period,
    read_text,
    read_time,
    read_unit,
    read_year,
)

_MESSAGES = {
    "cell": N_("{column}: {problem}"),
    "missing": N_("{column}: {needed} is missing."),
    "empty_quantity": N_("{column}: the quantity is empty."),
    "zero_quantity": N_("{column}: the quantity is zero."),
    "unknown_substance": N_("{column}: '{name}' is not a substance in the list. Map it to a substance (value mapping) "
                            "or correct the cell."),
    "unknown_post": N_("{column}: '{name}' is not a post in the list. Map it to a post (value mapping) or correct "
                       "the cell."),
    "unknown_country": N_("{column}: '{name}' is not a country. Map it to a country (value mapping) or correct the "
                          "cell."),
    "unknown_category": N_("{column}: '{name}' is neither a substance nor a group the app knows. Map it, or keep "
                           "unknown categories under 'other'."),
    "unknown_choice": N_("{column}: '{name}' is not one of: {choices}."),
    "unit_not_allowed": N_("{column}: {substance} cannot be recorded in '{unit}'. Use one of: {units}."),
    "conversion": N_("{column}: {reason}"),
    "too_much": N_("{column}: {quantity} {unit} is more than one line can hold ({limit:,} {unit})."),
    "future": N_("{column}: {when} is in the future."),
    "too_early": N_("{column}: {when} is before 1970. Check the date."),
    "no_lines": N_("The row has no substance and quantity."),
    "duplicate": N_("The same as row {first}: skipped."),
    "already_imported": N_("Already imported (the same row was imported before): skipped."),
}
SKIPPED_CODES = frozenset({"empty_quantity", "zero_quantity", "duplicate",  # reported, skipped, never errors
                           "already_imported", "likely_duplicate"})  # (the last two: services.sheet_import)
_TEXT_FIELDS = ("concealment", "detainee_nationalities", "joint_operation", "narrative")
_CHOICE_FIELDS = {"incident_type": IncidentType, "direction": Direction, "transport_mode": TransportMode}
_NEEDED = {"occurred_at": N_("the date"), "post": N_("the post"), "country": N_("the country"),
           "period": N_("the period"), "year": N_("the year"), "quantity": N_("the quantity"),
           "unit": N_("the unit"), "substance": N_("the substance")}


@dataclass(frozen=True)
class RowProblem:
    """One reason a row is not imported as it stands: a code and parameters for translation, the sentence."""

    row_number: int
    code: str
    message: str
    field_name: str | None = None  # the mapping's field whose cell is at fault (None: the row as a whole)
    params: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CandidateLine:
    substance_id: int
    substance_code: str
    quantity: Decimal
    unit: Unit
    kg_equivalent: float
    conversion: str  # the rule applied, as the form shows it: "1,000 tablets x 200 mg = 0.2 kg"
    mass_per_tablet_mg: float | None = None


@dataclass(frozen=True)
class IncidentCandidate:
    row_number: int
    row_key: str
    post_id: int
    post_code: str
    occurred_at: datetime  # UTC, aware
    time_known: bool
    lines: tuple[CandidateLine, ...]
    incident_type: IncidentType = IncidentType.DRUG_SEIZURE
    direction: Direction = Direction.ENTERING
    transport_mode: TransportMode = TransportMode.VEHICLE
    concealment: str = ""
    route_departure: str | None = None
    route_transit: str = ""
    route_destination: str | None = None
    persons_detained: int = 0
    detainee_nationalities: str = ""
    joint_operation: str = ""
    narrative: str = ""


@dataclass(frozen=True)
class StatisticCandidate:
    row_number: int
    row_key: str
    source: str
    country_code: str
    period: Period
    substance_id: int | None  # a substance the app tracks, or None
    substance_code: str | None
    group: SubstanceGroup | None  # the substance's group, or the published group
    other_name: str | None  # a published category the app does not track, kept by its original name
    quantity: Decimal
    unit: Unit
    kg_equivalent: float
    conversion: str

    @property
    def category(self) -> str:
        """"HER", "opiates" or "other: Sedatives and tranquillizers"."""
        if self.substance_code:
            return self.substance_code
        if self.other_name is not None:
            return f"other: {self.other_name}"
        return self.group.value if self.group else ""


@dataclass(frozen=True)
class RowOutcome:
    row_number: int
    candidate: IncidentCandidate | StatisticCandidate | None
    problems: tuple[RowProblem, ...] = ()

    @property
    def accepted(self) -> bool:
        return self.candidate is not None

    @property
    def skipped(self) -> bool:
        """Not imported for a reason that is no error in the file: an empty or zero quantity, a repeated row."""
        return bool(self.problems) and all(p.code in SKIPPED_CODES for p in self.problems)

    @property
    def rejected(self) -> bool:
        """Not imported because something in the row is wrong (the file or the mapping needs correcting)."""
        return bool(self.problems) and not self.skipped


def read_rows(rows: Iterable, header, mapping: Mapping, reference: ReferenceData, *, now: datetime,
              date1904: bool = False, keep_duplicates: bool = False, keep_zero_quantities: bool = False,
              imported: dict[int, str] | None = None) -> Iterator[RowOutcome]:
    """One outcome per data row that holds anything (see the module's docstring).

    rows: RawRow-like (`.number`, `.cells`) or (number, cells) pairs, below the header. header: a header.Header
    (its columns' `index` and `name`) or the header's names in cell order. Raises MappingProblem at once when the
    mapping names a column the header lacks; never for a row. `imported`: row number -> row key of rows of this
    very file (the same bytes) that an import with the same mapping added: such a row is reported already
    imported without being read again (its key still counts for the repeats of it further down)."""
    reader = _Reader(_columns(header, mapping), mapping, reference, now, date1904, keep_zero_quantities)
    first_seen: dict[str, int] = {}
    for row in rows:
        number, cells = (row.number, row.cells) if hasattr(row, "cells") else row
        if imported:
            key = imported.get(number)
            if key is not None:
                first_seen.setdefault(key, number)
                yield RowOutcome(number, None, (already_imported(number),))
                continue
        if all(is_empty(cell) for cell in cells):
            continue
        outcome = reader.read(number, cells)
        if outcome.candidate is not None:
            outcome = _deduplicated(outcome, first_seen, keep_duplicates)
        yield outcome


def already_imported(row_number: int) -> RowProblem:
    """The row's one problem when the same row (by its key) was imported before."""
    return RowProblem(row_number, "already_imported", _t(_MESSAGES["already_imported"]))


def check_columns(header, mapping: Mapping) -> None:
    """MappingProblem when the mapping names columns the header lacks."""
    _columns(header, mapping)


# --- the reader of one row ------------------------------------------------------------------------------------

class _RowFailed(Exception):
    pass


class _Reader:
    def __init__(self, columns: dict[str, tuple[int, str]], mapping: Mapping, reference: ReferenceData,
                 now: datetime, date1904: bool, keep_zero: bool) -> None:
        self.columns, self.mapping, self.reference = columns, mapping, reference
        self.now, self.date1904, self.keep_zero = now.astimezone(UTC), date1904, keep_zero
        self.units = mapping.aliases_of("unit")
        self.posts = _index(reference.posts, lambda p: (p.code, p.name))
        self.substances = _index(reference.substances, lambda s: (s.code, s.name))
        self.substances_by_code = {s.code: s for s in reference.substances}
        self.posts_by_code = {p.code: p for p in reference.posts}
        self.countries = {key: country.code for key, country in
                          _index(reference.countries, lambda c: (c.code, c.name)).items()}
        self.statistics = mapping.kind is MappingKind.STATISTICS
        self.defaults = dict(mapping.defaults)
        self.present = set(columns) | set(self.defaults)  # fields a row can give: by a column or a default
        self.indexes = [(name, index) for name, (index, _) in columns.items()]
        self.default_only = [(name, value) for name, value in self.defaults.items()
                             if name not in columns and not is_empty(value)]
        self.found: dict[tuple[str, object], object] = {}  # (field, cell) -> post or substance it named
        self.units_found: dict[str, Unit] = {}  # unit cell -> unit
        # per post and per substance, the same for every row: the post's date now, the substance's units
        self.today: dict[int, date] = {}
        self.allowed: dict[int, set[Unit]] = {}
        self.line_names = {suffix: {k: k + suffix for k in ("substance", "quantity", "unit", "mass_per_tablet_mg")}
                           for suffix in ("", *(f"_{n}" for n in range(2, MAX_LINES + 1)))}
        self.other_choices = [(name, enum) for name, enum in _CHOICE_FIELDS.items() if name in self.present]
        self.other_routes = [name for name in ("route_departure", "route_destination") if name in self.present]
        self.other_texts = [name for name in _TEXT_FIELDS if name in self.present]
        self.suffixes = [suffix for suffix in ("", *(f"_{n}" for n in range(2, MAX_LINES + 1)))
                         if {"substance" + suffix, "quantity" + suffix} & self.present]

    def read(self, number: int, cells: Sequence) -> RowOutcome:
        self.number, self.cells, self.problems = number, cells, []
        self.values = self._values(cells)
        candidate = self._statistic() if self.statistics else self._incident()
        if self.problems:
            return RowOutcome(number, None, tuple(self.problems))
        return RowOutcome(number, candidate)

    def _values(self, cells: Sequence) -> dict:
        """field -> its cell, or its default when no column holds it or the cell is empty; fields with neither
        (an empty cell and no default, or an empty default) are left out. Made once per row."""
        values = {}
        size = len(cells)
        for name, index in self.indexes:
            value = cells[index] if index < size else None
            if value is None or (isinstance(value, str) and not value.strip()):
                value = self.defaults.get(name)
                if value is None or is_empty(value):
                    continue
            values[name] = value
        for name, value in self.default_only:
            values[name] = value
        return values

    # --- cells and problems ---
    def cell(self, name: str):
        """The field's cell, or its default text when no column holds it or the cell is empty (None: neither).
        `name not in self.values` is is_empty(self.cell(name)): _values leaves the empty ones out."""
        return self.values.get(name)

    def label(self, name: str) -> str:
        column = self.columns.get(name)
        return f"'{column[1]}'" if column else name.replace("_", " ").capitalize()

    def problem(self, code: str, field_name: str | None, /, **params) -> None:
        """Note a problem of the field's cell (positional-only, so that a message's `name` parameter is free)."""
        params = {"column": self.label(field_name) if field_name else "", **params}
        self.problems.append(RowProblem(self.number, code, _t(_MESSAGES[code]).format(**params), field_name, params))

    def attempt(self, name: str, reader, *args, **kwargs):
        """reader(cell) or None after noting the cell's problem; an empty cell gives None without a problem."""
        value = self.values.get(name)
        if value is None:
            return None
        try:
            return reader(value, *args, **kwargs)
        except CellProblem as exc:
            self.problem("cell", name, problem=exc.message, cell_code=exc.code, **_prefixed(exc.params))
            return None
        except (UnknownCountries, ValueError) as exc:  # parse_country's refusal (and a default that is no unit)
            self.problem("cell", name, problem=str(exc), cell_code="invalid")
            return None

    def required(self, name: str, reader, *args, **kwargs):
        if name not in self.values:
            self.problem("missing", name, needed=_t(_NEEDED.get(name, name)))
            return None
        return self.attempt(name, reader, *args, **kwargs)

    # --- incidents ---
    def _incident(self) -> IncidentCandidate | None:
        moment = self.required("occurred_at", read_moment, date1904=self.date1904)
        clock = self.attempt("occurred_time", read_time)
        post = self._named("post", self.posts, self.posts_by_code, "unknown_post")
        lines = self._lines()
        others = self._other_fields()
        if moment is None or post is None or lines is None or others is None:
            return None
        wall = moment.wall_clock() if clock is None else datetime.combine(moment.day, clock)
        time_known = clock is not None or moment.time is not None
        occurred = self._incident_time(wall, time_known, post)
        if occurred is None:
            return None
        content = {"post": post.code, "at": wall.isoformat(), "time_known": time_known,
                   "lines": [(ln.substance_code, _exact(ln.quantity), ln.unit.value, _exact(ln.mass_per_tablet_mg))
                             for ln in lines],
                   **{k: v.value if isinstance(v, Enum) else v for k, v in others.items()}}
        return IncidentCandidate(self.number, _key("incidents", content), post.id, post.code, occurred,
                                 time_known, lines, **others)

    def _incident_time(self, wall: datetime, time_known: bool, post: Post) -> datetime | None:
        """The UTC time of the post's wall-clock time, or None after noting that it is too early or in the future.
        The day is judged first, so that no date near year 1 or 9999 is shifted out of range."""
        today = self.today.get(post.id)
        if today is None:
            today = self.today[post.id] = post.local_date(self.now)
        if wall.year < EARLIEST.year:
            return self._refused_time("too_early", wall, time_known)
        if wall.date() > today:
            return self._refused_time("future", wall, time_known)
        occurred = (wall - timedelta(minutes=post.utc_offset_minutes)).replace(tzinfo=UTC)
        if occurred < EARLIEST:
            return self._refused_time("too_early", wall, time_known)
        if time_known and occurred > self.now + CLOCK_SKEW:
            return self._refused_time("future", wall, time_known)
        return occurred

    def _refused_time(self, code: str, wall: datetime, time_known: bool) -> None:
        shown = wall.isoformat(sep=" ", timespec="minutes") if time_known else wall.date().isoformat()
        self.problem(code, "occurred_at", when=shown)

    def _lines(self) -> tuple[CandidateLine, ...] | None:
        lines, failed = [], False
        for suffix in self.suffixes:
            if "substance" + suffix not in self.values and "quantity" + suffix not in self.values:
                continue
            line = self._line(suffix)
            failed = failed or line is None
            if line is not None:
                lines.append(line)
        if not lines and not failed:
            self.problem("no_lines", None)
        return tuple(lines) if lines and not failed else None

    def _line(self, suffix: str) -> CandidateLine | None:
        names = self.line_names[suffix]
        before = len(self.problems)
        substance = self._named(names["substance"], self.substances, self.substances_by_code, "unknown_substance")
        unit_cell = self.values.get(names["unit"])
        unit = self.units_found.get(unit_cell) if unit_cell.__class__ is str else None
        if unit is None:
            unit = self.attempt(names["unit"], read_unit, self.units)
            if unit is not None and unit_cell.__class__ is str:
                self.units_found[unit_cell] = unit
        if unit is None and names["unit"] not in self.values and substance is not None:
            unit = self.mapping.default_unit or substance.default_unit
        quantity = self._quantity(names["quantity"], unit, allow_zero=False)
        mass = self.attempt(names["mass_per_tablet_mg"], read_number, decimal_mark=self.mapping.decimal_mark)
        if substance is None or unit is None or quantity is None or len(self.problems) > before:
            return None
        allowed = self.allowed.get(substance.id)
        if allowed is None:
            allowed = self.allowed[substance.id] = allowed_units(substance)
        if unit not in allowed:
            self.problem("unit_not_allowed", names["unit"], substance=substance.name, unit=unit.value,
                         units=", ".join(sorted(u.value for u in allowed)))
            return None
        rule = self._converted(names["unit"], quantity, unit, substance.mass_per_tablet_mg, mass)
        if rule is None:
            return None
        return CandidateLine(substance.id, substance.code, quantity, unit, rule.kg, rule.method,
                             float(mass) if mass is not None else None)

    def _other_fields(self) -> dict | None:
        before = len(self.problems)
        values: dict = {}
        for name, enum in self.other_choices:  # the fields a column or a default gives, in the same order
            chosen = self.attempt(name, _choice, enum)
            if chosen is not None:
                values[name] = chosen
        for name in self.other_routes:
            code = self.attempt(name, lambda v: self._country_code(read_text(v)))
            if code is not None:
                values[name] = code
        if "route_transit" in self.values:
            transit = self.attempt("route_transit",
                                   lambda v: parse_country_list(read_text(v), self.reference.countries))
            if transit:
                values["route_transit"] = ",".join(transit)
        persons = self.attempt("persons_detained", _persons)
        if persons is not None:
            values["persons_detained"] = int(persons)
        for name in self.other_texts:
            text = self.attempt(name, read_text)
            if text:
                values[name] = text
        return values if len(self.problems) == before else None

    # --- statistics ---
    def _statistic(self) -> StatisticCandidate | None:
        source = self.attempt("source", read_text) or ""
        country = self._country()
        period = self._period()
        category = self._category()
        unit = self.attempt("unit", read_unit, self.units)
        if unit is None and "unit" not in self.values:
            unit = category[0].default_unit if category and category[0] else None
            if unit is None:
                self.problem("missing", "unit", needed=_t(N_("the unit")))
        quantity = self._quantity("quantity", unit, allow_zero=self.keep_zero)
        if self.problems or None in (country, period, category, unit, quantity):
            return None
        substance, group, other = category
        mass = substance.mass_per_tablet_mg if substance else None
        rule = self._converted("unit", quantity, unit, mass, None)
        if rule is None:
            return None
        content = {"source": normalise_name(source), "country": country, "period": period.label,
                   "substance": substance.code if substance else None, "group": group.value if group else None,
                   "other": normalise_name(other) if other else None, "quantity": _exact(quantity),
                   "unit": unit.value}
        return StatisticCandidate(self.number, _key("statistics", content), source, country, period,
                                  substance.id if substance else None, substance.code if substance else None,
                                  group, other, quantity, unit, rule.kg, rule.method)

    def _country(self) -> str | None:
        value = self.cell("country")
        if is_empty(value):
            self.problem("missing", "country", needed=_t(N_("the country")))
            return None
        name = self.attempt("country", read_text)
        if name is None:
            return None
        try:
            return self._country_code(name)
        except UnknownCountries:
            self.problem("unknown_country", "country", name=name)
            return None

    def _country_code(self, name: str) -> str | None:
        """The code of a country cell: the mapping's alias, the name or code however quoted, spaced or cased,
        else what the form accepts (domain.countries); UnknownCountries when it names none."""
        if not name:
            return None
        target = self.mapping.alias("country", name) or self.countries.get(normalise_name(name))
        return parse_country(target or name, self.reference.countries)

    def _period(self) -> Period | None:
        if "period" in self.columns or self.mapping.default("period"):
            return self._future_checked(self.required("period", read_period, date1904=self.date1904))
        year = self.required("year", read_year)
        month = self.attempt("month", read_month)
        if year is None:
            return None
        return self._future_checked(Period.month(year, month) if month else Period.year(year))

    def _future_checked(self, period: Period | None) -> Period | None:
        if period is not None and period.start > self.now.date():
            self.problem("future", "period" if "period" in self.columns else "year", when=period.label)
            return None
        return period

    def _category(self) -> tuple[Substance | None, SubstanceGroup | None, str | None] | None:
        """(substance, group, other name): the substance or category cell first (a known substance's own group
        wins over the group cell), then the group cell. A name the app does not know is kept as "other" when the
        mapping keeps others, else it is the row's one problem."""
        group_name = self.attempt("group", read_text)
        group = group_named(group_name, self.mapping) if group_name else None
        for name in ("substance", "category"):
            text = self.attempt(name, read_text)
            if not text:
                continue
            substance = self._substance_named(text)
            if substance is not None:
                return substance, substance.group, None
            named_group = group_named(text, self.mapping) if name == "category" else None
            if named_group is not None:
                return None, named_group, None
            if self.mapping.keep_other:
                return None, group, text
            self.problem("unknown_category", name, name=text)
            return None
        if group is not None:
            return None, group, None
        if group_name:
            if self.mapping.keep_other:
                return None, None, group_name
            self.problem("unknown_category", "group", name=group_name)
            return None
        if not any(p.field_name in ("group", "substance", "category") for p in self.problems):
            self.problem("missing", "substance", needed=_t(N_("the substance or group")))
        return None

    # --- shared ---
    def _named(self, name: str, index: dict, by_code: dict, unknown: str):
        value = self.values.get(name)
        if value is None:
            if name in ("post", "substance"):
                self.problem("missing", name, needed=_t(_NEEDED[name]))
            return None
        found = self.found.get((name, value))  # the same cell text names the same record down the sheet
        if found is not None:
            return found
        text = self.attempt(name, read_text)
        if text is None:
            return None
        kind = "post" if name == "post" else "substance"
        target = self.mapping.alias(kind, text)
        found = by_code.get(target) if target else index.get(normalise_name(text))
        if found is None:
            self.problem(unknown, name, name=text)
        elif value.__class__ is str:  # (not numbers: True, 1 and 1.0 are one key)
            self.found[(name, value)] = found
        return found

    def _substance_named(self, text: str) -> Substance | None:
        target = self.mapping.alias("substance", text)
        return self.substances_by_code.get(target) if target else self.substances.get(normalise_name(text))

    def _quantity(self, name: str, unit: Unit | None, *, allow_zero: bool) -> Decimal | None:
        if name not in self.values:
            self.problem("empty_quantity", name)
            return None
        quantity = self.attempt(name, read_number, whole=unit is Unit.TABLETS, decimal_mark=self.mapping.decimal_mark)
        if quantity is None:
            return None
        if quantity == 0 and not allow_zero:
            self.problem("zero_quantity", name)
            return None
        if unit is not None and quantity > MAX_QUANTITY[unit]:
            self.problem("too_much", name, quantity=str(quantity), unit=unit.value, limit=MAX_QUANTITY[unit])
            return None
        return quantity

    def _converted(self, name: str, quantity: Decimal, unit: Unit, mass: float | None, line_mass):
        try:
            return to_kg(float(quantity), unit, mass, float(line_mass) if line_mass is not None else None)
        except ConversionError as exc:
            self.problem("conversion", name, reason=str(exc))
            return None


# --- helpers --------------------------------------------------------------------------------------------------

def _columns(header, mapping: Mapping) -> dict[str, tuple[int, str]]:
    """field -> (cell index, header name as shown), from the header and the mapping's columns."""
    if hasattr(header, "columns"):
        named = [(column.index, column.name) for column in header.columns]
    else:
        named = list(enumerate(str(name or "") for name in header))
    by_name: dict[str, tuple[int, str]] = {}
    for index, name in named:
        by_name.setdefault(normalise_name(name), (index, name))
    missing = [header_name for header_name, _ in mapping.columns if normalise_name(header_name) not in by_name]
    if missing:
        raise MappingProblem("missing_columns", columns=", ".join(f"'{m}'" for m in missing))
    return {name: by_name[normalise_name(header_name)] for header_name, name in mapping.columns}


def _index(records: Iterable, names) -> dict:
    """normalised code or name -> record (a code wins over another record's name)."""
    index: dict = {}
    for record in records:
        index.setdefault(normalise_name(names(record)[1]), record)
    for record in records:
        index[normalise_name(names(record)[0])] = record
    return index


def _choice(value, enum):
    wanted = normalise_name(read_text(value)).replace("_", " ")
    for member in enum:
        if wanted in (member.value.replace("_", " "), member.name.lower().replace("_", " ")):
            return member
    raise CellProblem("not_a_choice", {"text": read_text(value), "choices": ", ".join(m.value for m in enum)},
                      f"'{read_text(value)}' is not one of: {', '.join(m.value.replace('_', ' ') for m in enum)}.")


def _persons(value) -> Decimal:
    """A number of persons: a whole number from 0 (read_number's refusals speak of quantities and tablets)."""
    try:
        return read_number(value, whole=True)
    except CellProblem as exc:
        if exc.code not in ("number.whole_number", "number.negative"):
            raise
        text = exc.params.get("text", "")
        raise CellProblem("not_persons", {"text": text},
                          f"'{text}' is not a number of persons: write a whole number from 0.") from None


def _deduplicated(outcome: RowOutcome, first_seen: dict[str, int], keep: bool) -> RowOutcome:
    key = outcome.candidate.row_key
    if key not in first_seen:
        first_seen[key] = outcome.row_number
        return outcome
    if keep:
        n = 2
        while f"{key}#{n}" in first_seen:
            n += 1
        first_seen[f"{key}#{n}"] = outcome.row_number
        return RowOutcome(outcome.row_number, _rekeyed(outcome.candidate, f"{key}#{n}"))
    first = first_seen[key]
    problem = RowProblem(outcome.row_number, "duplicate", _t(_MESSAGES["duplicate"]).format(first=first), None,
                         {"first": first})
    return RowOutcome(outcome.row_number, None, (problem,))


def _rekeyed(candidate, key: str):
    return replace(candidate, row_key=hashlib.sha256(key.encode()).hexdigest())


def _key(kind: str, content: dict) -> str:
    """The sha256 of the kind and the content (str, int, bool, None, and lists or tuples of them) as Python's repr
    writes them, the items in name order: repr quotes and escapes every string, so two contents never give the
    same text, and it costs a third of a JSON encoding (this runs for every row of a file)."""
    text = repr((kind, sorted(content.items())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _exact(number: Decimal | float | None) -> str | None:
    """A quantity as the same text however the cell wrote it: 2.5, "2,50" and "2.500" all give "2.5"."""
    if number is None:
        return None
    exact = Decimal(repr(number)) if isinstance(number, float) else number
    return format(exact.normalize(), "f")


def _prefixed(params: dict) -> dict:
    return {f"cell_{k}": v for k, v in params.items()}


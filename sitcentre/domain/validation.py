"""Validation of an incident: every problem at once, in words an operator understands.

This is the one place where an incident's values are judged, for both databases alike: whatever reaches
the repository has passed here, so SQLite (which stores anything) and PostgreSQL (which refuses what does
not fit its columns) never see a value one of them would treat differently. The rules:

- Times are timezone-aware datetimes, from 1970 on, and not in the future beyond CLOCK_SKEW (a time exactly
  at the limit is accepted); a report is not earlier than the incident.
- Persons detained: a whole number from 0 to MAX_PERSONS_DETAINED (never a float, a bool or None).
- Text: at most TEXT_LIMITS characters (the VARCHAR lengths of tables.py, or a generous bound for a TEXT
  column); no control characters other than newline and tab, and nothing that is not valid Unicode.
- Route countries: empty or a two-letter code in capitals (ISO 3166-1 alpha-2 shape; the domain keeps
  no list of every country, and a post may record any neighbour, e.g. RU or IR).
- Seizure lines: a finite quantity above zero and at most MAX_QUANTITY for its unit (1,000,000 kg,
  1,000,000,000 g, 1,000,000 litres, 100,000,000 tablets), and a kg-equivalent of at most
  MAX_KG_EQUIVALENT (1,000 tonnes: far above any seizure on record, far below where the rollups' sums
  would lose precision). A line's own mass per tablet (when a laboratory knows it) is for tablets only,
  from 1 to 2,000 mg (MASS_PER_TABLET_MG).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sitcentre.domain.conversion import ConversionError, kg_of, to_kg
from sitcentre.domain.enums import AmountBasis, Direction, IncidentStatus, IncidentType, TransportMode, Unit
from sitcentre.domain.i18n import N_, _t, number
from sitcentre.domain.records import Incident, SeizureLine, Substance, utcnow

CLOCK_SKEW = timedelta(minutes=10)
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)  # before any liaison office; also keeps date arithmetic in range
MAX_PERSONS_DETAINED = 10_000
MAX_KG_EQUIVALENT = 1_000_000
MAX_QUANTITY = {Unit.KG: 1_000_000, Unit.G: 1_000_000_000, Unit.LITRE: 1_000_000, Unit.TABLETS: 100_000_000}
MAX_ID = 2**31 - 1  # posts.id is an INTEGER column
MASS_PER_TABLET_MG = (1, 2000)  # a line's own mass per tablet (issue 10, item 11): from 1 mg to 2 g a tablet
# Characters per text field: route_transit and detainee_nationalities are VARCHAR(64) (a test compares
# them with tables.py); the others are TEXT columns, bounded so one field cannot hold a book.
TEXT_LIMITS = {"concealment": 500, "route_transit": 64, "detainee_nationalities": 64, "joint_operation": 500,
               "narrative": 20_000}
SEARCH_LIMIT = 200  # characters of a search text; a longer one is cut (and the filter bar says so)

# Words and sentences are marked N_() where they are kept and translated with _t() where a Problem is made, so the
# app shows them in its language (sitcentre.domain.i18n); the English is what the command line and the tests read.
_TEXT_LABELS = {"concealment": N_("Concealment"), "route_transit": N_("Transit countries"),
                "detainee_nationalities": N_("Nationalities"), "joint_operation": N_("Joint operation"),
                "narrative": N_("Narrative")}
_COUNTRY_LABELS = {"route_departure": N_("Departure country"), "route_destination": N_("Destination country")}
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
# C0 and C1 control characters except tab and newline, and lone surrogates (not encodable as UTF-8).
_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SEARCH_SPACES = re.compile("[\t\n\r]")
_SEARCH_DROPPED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CHOICES = (
    ("incident_type", IncidentType, N_("Choose the type of incident from the list.")),
    ("direction", Direction, N_("Choose the direction from the list.")),
    ("transport_mode", TransportMode, N_("Choose the means of transport from the list.")),
)
_UNIT_WORDS = {Unit.KG: N_("kg"), Unit.G: N_("g"), Unit.LITRE: N_("litres"), Unit.TABLETS: N_("tablets")}
# per time field: (not a date and time, no time zone, before 1970, in the future)
_TIME_WORDS = {
    "occurred_at": (N_("Enter when the incident happened as a date and time."),
                    N_("The time of the incident was given without a time zone. Enter it again in the post's local "
                       "time."),
                    N_("The time of the incident is before 1970. Check the date."),
                    N_("The time of the incident is in the future. Check the date and time.")),
    "reported_at": (N_("Enter when the incident was reported as a date and time."),
                    N_("The report time was given without a time zone. Enter it again in the post's local time."),
                    N_("The report time is before 1970. Check the date."),
                    N_("The report time is in the future. Check the date and time.")),
}

# Units that make sense per substance group: liquids are precursors, tablets are pharmaceuticals or ATS.
_UNITS_BY_DEFAULT = {
    Unit.KG: {Unit.KG, Unit.G},
    Unit.G: {Unit.KG, Unit.G},
    Unit.LITRE: {Unit.LITRE, Unit.KG},
    Unit.TABLETS: {Unit.TABLETS, Unit.KG, Unit.G},
}


@dataclass(frozen=True)
class Problem:
    field: str  # "post_id", "occurred_at", "lines[0].quantity", ...
    message: str


class ValidationError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def allowed_units(substance: Substance) -> set[Unit]:
    units = set(_UNITS_BY_DEFAULT[substance.default_unit])
    if substance.mass_per_tablet_mg:
        units.add(Unit.TABLETS)
    return units


def validate_incident(
    incident: Incident, substances: dict[int, Substance], now: datetime | None = None
) -> list[Problem]:
    """Return every problem found; an empty list means the incident can be saved."""
    now = now or utcnow()
    if _plainly_valid(incident, substances, now):
        return []
    problems: list[Problem] = []
    if incident.post_id is None or not _whole(incident.post_id) or not 1 <= incident.post_id <= MAX_ID:
        problems.append(Problem("post_id", _t("Choose the post that reported the incident.")))
    problems += _time_problems(incident, now)
    problems += [Problem(name, _t(message)) for name, enum, message in _CHOICES
                 if _member(enum, getattr(incident, name)) is None]
    problems += _text_problems(incident, ("concealment", "route_departure", "route_transit", "route_destination"))
    problems += _persons_problems(incident.persons_detained)
    problems += _text_problems(incident, ("detainee_nationalities", "joint_operation", "narrative"))
    if _member(IncidentStatus, incident.status) is None:
        problems.append(Problem("status", _t("Choose a status from the list.")))
    problems += _lines_problems(incident, substances)
    return problems


_PLAIN_TEXTS = tuple((name, TEXT_LIMITS[name]) for name in _TEXT_LABELS)
_SEIZURE_TYPES = (IncidentType.DRUG_SEIZURE, IncidentType.PRECURSOR_SEIZURE)


def _plainly_valid(incident: Incident, substances: dict[int, Substance], now: datetime) -> bool:
    """True when the incident certainly passes every rule of validate_incident: the same rules, asked only of the
    plain values a form or an import gives (enum members, str, int, float, SeizureLine), with no Problem built.
    Anything else (a problem, or a value of an unusual type that the rules might still accept) gives False, and
    validate_incident then judges it the full way. An import checks every row of a file with this, so it is
    kept to comparisons; keep it in step with the rules below (tests/unit/test_validation* cover both ways)."""
    post_id = incident.post_id
    if post_id.__class__ is not int or not 1 <= post_id <= MAX_ID:
        return False
    occurred, reported = incident.occurred_at, incident.reported_at
    latest = now + CLOCK_SKEW
    if not _plain_moment(occurred, latest):
        return False
    if reported is not None and (not _plain_moment(reported, latest) or reported < occurred):
        return False
    if (incident.incident_type.__class__ is not IncidentType or incident.direction.__class__ is not Direction
            or incident.transport_mode.__class__ is not TransportMode
            or incident.status.__class__ is not IncidentStatus):
        return False
    for name, limit in _PLAIN_TEXTS:
        value = getattr(incident, name)
        if value.__class__ is not str or len(value) > limit or (value and _UNSTORABLE.search(value)):
            return False
    for value in (incident.route_departure, incident.route_destination):
        if value is not None and value != "" and (value.__class__ is not str or not _COUNTRY_CODE.fullmatch(value)):
            return False
    persons = incident.persons_detained
    if persons.__class__ is not int or not 0 <= persons <= MAX_PERSONS_DETAINED:
        return False
    lines = incident.lines
    if lines.__class__ is not tuple and lines.__class__ is not list:
        return False
    if not lines and incident.incident_type in _SEIZURE_TYPES:
        return False
    return all(_plain_line(line, substances) for line in lines)


def _plain_moment(value, latest: datetime) -> bool:
    return (value.__class__ is datetime and value.tzinfo is not None and value.utcoffset() is not None
            and EARLIEST <= value <= latest)


def _plain_line(line, substances: dict[int, Substance]) -> bool:
    """_plainly_valid for one line: _line_problems, _mass_problems and _kg_problems would find nothing."""
    if line.__class__ is not SeizureLine or line.basis.__class__ is not AmountBasis:
        return False
    unit, quantity, mass = line.unit, line.quantity, line.mass_per_tablet_mg
    if unit.__class__ is not Unit or quantity.__class__ is not float and quantity.__class__ is not int:
        return False
    if not (math.isfinite(quantity) and 0 < quantity <= MAX_QUANTITY[unit]):
        return False
    if mass is not None:
        low, high = MASS_PER_TABLET_MG
        if unit is not Unit.TABLETS or not _finite_number(mass) or not low <= mass <= high:
            return False
    substance_id = line.substance_id
    substance = substances.get(substance_id) if substance_id.__class__ is int else None
    if substance is None:
        return False
    if unit not in _UNITS_BY_DEFAULT[substance.default_unit] and not (
            unit is Unit.TABLETS and substance.mass_per_tablet_mg):  # allowed_units, without making the set
        return False
    try:
        kg = kg_of(quantity, unit, substance.mass_per_tablet_mg, mass)
    except ConversionError:
        return False
    return math.isfinite(kg) and kg <= MAX_KG_EQUIVALENT


def search_text(raw: str) -> tuple[str, bool]:
    """What a search looks for, the same on both databases: tabs and line breaks read as spaces, other control
    characters (NUL ...) dropped, spaces trimmed, at most SEARCH_LIMIT characters. Returns the text and whether
    it was cut."""
    text = _SEARCH_SPACES.sub(" ", raw if isinstance(raw, str) else "")
    text = _SEARCH_DROPPED.sub("", text).strip()
    if len(text) <= SEARCH_LIMIT:
        return text, False
    return text[:SEARCH_LIMIT].rstrip(), True


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _member(enum, value):
    """The enum member `value` names, or None when it names none."""
    try:
        return enum(value)
    except (ValueError, TypeError):
        return None


def _persons_problems(persons) -> list[Problem]:
    if persons is None:
        message = _t("Enter the number of persons detained (0 if none).")
    elif not _whole(persons):
        message = _t("Persons detained must be a whole number.")
    elif persons < 0:
        message = _t("Persons detained cannot be negative.")
    elif persons > MAX_PERSONS_DETAINED:
        message = _t("Persons detained cannot be more than {limit}.").format(limit=number(MAX_PERSONS_DETAINED))
    else:
        return []
    return [Problem("persons_detained", message)]


def _text_problems(incident: Incident, names: tuple[str, ...]) -> list[Problem]:
    problems = []
    for name in names:
        value = getattr(incident, name)
        if name in _COUNTRY_LABELS:
            if value not in (None, "") and not (isinstance(value, str) and _COUNTRY_CODE.fullmatch(value)):
                problems.append(Problem(name, _t("{label}: enter a two-letter country code (e.g. AF), or leave it "
                                                 "empty.").format(label=_t(_COUNTRY_LABELS[name]))))
            continue
        label, limit = _t(_TEXT_LABELS[name]), TEXT_LIMITS[name]
        if not isinstance(value, str):
            problems.append(Problem(name, _t("{label} must be text; leave it empty if there is nothing to "
                                             "enter.").format(label=label)))
        elif len(value) > limit:
            problems.append(Problem(name, _t("{label} is too long: at most {limit} characters ({entered} "
                                             "entered).").format(label=label, limit=number(limit),
                                                                 entered=number(len(value)))))
        elif _UNSTORABLE.search(value):
            problems.append(Problem(name, _t("{label} contains a character that cannot be stored (a control "
                                             "character such as NUL). Remove it.").format(label=label)))
    return problems


def _time_problems(incident: Incident, now: datetime) -> list[Problem]:
    if incident.occurred_at is None:
        problems, occurred = [Problem("occurred_at", _t("Enter when the incident happened."))], None
    else:
        problems, occurred = _moment_problems("occurred_at", incident.occurred_at, now)
    if incident.reported_at is None:
        return problems
    reported_problems, reported = _moment_problems("reported_at", incident.reported_at, now)
    problems += reported_problems
    if occurred is not None and reported is not None and reported < occurred and not reported_problems:
        problems.append(Problem("reported_at", _t("The incident cannot be reported before it happened.")))
    return problems


def _moment_problems(name: str, value, now: datetime) -> tuple[list[Problem], datetime | None]:
    """The problems of one time, and the time itself when it can be compared (aware, even if refused)."""
    not_a_time, no_zone, too_early, future = _TIME_WORDS[name]
    if not isinstance(value, datetime):
        return [Problem(name, _t(not_a_time))], None
    if value.tzinfo is None or value.utcoffset() is None:
        return [Problem(name, _t(no_zone))], None
    if value < EARLIEST:
        return [Problem(name, _t(too_early))], value
    if value > now + CLOCK_SKEW:
        return [Problem(name, _t(future))], value
    return [], value


def _finite_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _lines_problems(incident: Incident, substances: dict[int, Substance]) -> list[Problem]:
    lines = incident.lines
    if not isinstance(lines, (tuple, list)) or not all(isinstance(line, SeizureLine) for line in lines):
        return [Problem("lines", _t("The seizure lines could not be read. Enter them again."))]
    problems = []
    seizure_types = (IncidentType.DRUG_SEIZURE, IncidentType.PRECURSOR_SEIZURE)
    if incident.incident_type in seizure_types and not lines:
        problems.append(Problem("lines", _t("A seizure needs at least one seizure line (substance and quantity).")))
    for index, line in enumerate(lines):
        problems += _line_problems(index, line, substances)
    return problems


def _line_problems(index: int, line: SeizureLine, substances: dict[int, Substance]) -> list[Problem]:
    where = f"lines[{index}]"
    label = _t("Seizure line {n}").format(n=index + 1)
    problems = []
    unit, quantity = _member(Unit, line.unit), line.quantity
    sized = False  # a number above zero, within the maximum of its unit
    if not _finite_number(quantity):
        problems.append(Problem(f"{where}.quantity", _t("{label}: enter the quantity as a number above "
                                                         "zero.").format(label=label)))
    elif quantity <= 0:
        problems.append(Problem(f"{where}.quantity", _t("{label}: the quantity must be above zero.").format(
            label=label)))
    elif unit is not None and quantity > MAX_QUANTITY[unit]:
        problems.append(Problem(f"{where}.quantity", _t("{label}: the quantity cannot be more than {limit} {unit} "
                                                         "on one line.").format(label=label,
                                                                                limit=number(MAX_QUANTITY[unit]),
                                                                                unit=_t(_UNIT_WORDS[unit]))))
    else:
        sized = True
    substance = _substance(substances, line.substance_id)
    if substance is None:
        problems.append(Problem(f"{where}.substance_id", _t("{label}: choose a substance from the list.").format(
            label=label)))
    if unit is None:
        problems.append(Problem(f"{where}.unit", _t("{label}: choose a unit from the list.").format(label=label)))
    elif substance is not None and unit not in allowed_units(substance):
        problems.append(Problem(
            f"{where}.unit",
            _t("{label}: {substance} cannot be recorded in '{unit}'. Use one of: {units}.").format(
                label=label, substance=substance.name, unit=unit.value,
                units=", ".join(sorted(u.value for u in allowed_units(substance)))),
        ))
    elif substance is not None and sized:
        problems += _kg_problems(where, label, quantity, unit, substance, _line_mass(line))
    problems += _mass_problems(where, label, line, unit)
    if _member(AmountBasis, line.basis) is None:
        problems.append(Problem(f"{where}.basis", _t("{label}: choose from the list how the amount is "
                                                      "known.").format(label=label)))
    return problems


def _substance(substances: dict[int, Substance], substance_id) -> Substance | None:
    try:
        return substances.get(substance_id)
    except TypeError:  # an unhashable value is no substance of the list
        return None


def _line_mass(line: SeizureLine) -> float | None:
    mass = line.mass_per_tablet_mg
    low, high = MASS_PER_TABLET_MG
    return mass if _finite_number(mass) and low <= mass <= high else None


def _mass_problems(where: str, label: str, line: SeizureLine, unit: Unit | None) -> list[Problem]:
    """A line's own mass per tablet: tablets only, a number from 1 to 2,000 mg."""
    mass = line.mass_per_tablet_mg
    if mass is None:
        return []
    low, high = MASS_PER_TABLET_MG
    if unit is not Unit.TABLETS:
        message = _t("{label}: a mass per tablet applies to tablets only; clear it or record the line in "
                     "tablets.").format(label=label)
    elif not _finite_number(mass) or not low <= mass <= high:
        message = _t("{label}: the mass per tablet must be a number from {low} to {high} mg.").format(
            label=label, low=number(low), high=number(high))
    else:
        return []
    return [Problem(f"{where}.mass_per_tablet_mg", message)]


def _whole_kg(kg: float) -> str:
    return number(kg) if math.isfinite(kg) else f"{kg:,.0f}"  # inf prints as "inf", as before


def _kg_problems(where: str, label: str, quantity: float, unit: Unit, substance: Substance,
                 line_mass: float | None = None) -> list[Problem]:
    try:
        kg = to_kg(quantity, unit, substance.mass_per_tablet_mg, line_mass).kg
    except ConversionError as exc:
        return [Problem(f"{where}.unit", f"{label}: {exc}")]  # (conversion's own words, translated there)
    if not math.isfinite(kg) or kg > MAX_KG_EQUIVALENT:
        return [Problem(f"{where}.quantity", _t("{label}: that is {kg} kg-equivalent; one line cannot hold more "
                                                "than {limit} kg.").format(label=label, kg=_whole_kg(kg),
                                                                           limit=number(MAX_KG_EQUIVALENT)))]
    return []

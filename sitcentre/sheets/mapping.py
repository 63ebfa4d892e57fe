"""How one spreadsheet layout maps to the app: which column holds which field, what names mean, and defaults.

A `Mapping` is frozen and saved as versioned JSON (`to_json`/`from_json`, `save_mapping`/`load_mapping`):

    {"format": "sitcentre-sheet-mapping", "version": 1, "kind": "statistics", "sheet": "Seizures",
     "header_row": 3, "header_names": ["Country", "Year", "Drug group", "Drug", "Kg"],
     "columns": {"Country": "country", "Year": "period", "Drug group": "group", "Drug": "substance",
                 "Kg": "quantity"},
     "aliases": {"substance": {"heroin base": "HER"}, "group": {"ats": "ats"}, "country": {},
                 "post": {}, "unit": {"kilograms": "kg"}},
     "defaults": {"unit": "kg", "source": "UNODC ARQ"}, "keep_other": true, "decimal_mark": null}

- `columns`: header name (as shown) -> field; a field comes from one column. Fields per kind are listed in
  INCIDENT_FIELDS and STATISTIC_FIELDS. Header names are matched with values.normalise_name.
- `aliases`: per kind (substance, group, country, post, unit), a name (kept normalised) -> the code of the
  substance, the app's group, the country, the post or the unit. The user extends it (`with_alias`).
- `defaults`: a field's value when no column holds it or the cell is empty (a post log without a post column,
  a default unit, the publisher of statistics).
- `keep_other`: a published category the app does not track ("Sedatives and tranquillizers") is kept as
  "other: <its name>" instead of being refused (statistics only; an incident's line needs a real substance).
- Published group names map to the app's groups (GROUP_NAMES, extended by group aliases); precursors stay
  precursors.
- `layout_key`: sha256 of the kind and the normalised header names, to recognise the next file of this layout
  (`layout_key_of(kind, names)` gives a new file's key). `identity`: sha256 of the whole mapping (for the audit).

Bad or foreign JSON, an unknown version, unknown fields or values are refused with `MappingProblem` in words.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from sitcentre import output_paths
from sitcentre.domain.enums import SubstanceGroup, Unit
from sitcentre.domain.i18n import N_, _t
from sitcentre.sheets.values import normalise_name

FORMAT = "sitcentre-sheet-mapping"
VERSION = 1
MAX_FILE_BYTES = 1_000_000  # a mapping is a few kilobytes; anything this big is not one
ALIAS_KINDS = ("substance", "group", "country", "post", "unit")
MAX_LINES = 5  # seizure lines one incident row may carry: substance, substance_2 ... substance_5

_LINE_FIELDS = tuple(f"{name}{'' if n == 1 else f'_{n}'}" for n in range(1, MAX_LINES + 1)
                     for name in ("substance", "quantity", "unit", "mass_per_tablet_mg"))
INCIDENT_FIELDS = ("occurred_at", "occurred_time", "post", *_LINE_FIELDS, "incident_type", "direction",
                   "transport_mode", "concealment", "route_departure", "route_transit", "route_destination",
                   "persons_detained", "detainee_nationalities", "joint_operation", "narrative")
STATISTIC_FIELDS = ("source", "country", "period", "year", "month", "substance", "group", "category", "quantity",
                    "unit")
_JSON_KEYS = {"format", "version", "kind", "sheet", "header_row", "header_names", "columns", "aliases",
              "defaults", "keep_other", "decimal_mark"}

# Published group names (UNODC, EMCDDA, national reports; English and Russian) -> the app's groups.
GROUP_NAMES = {
    SubstanceGroup.OPIATES: ("opiates", "opioids", "opium", "opiates and opioids", "опиаты", "опиоиды",
                             "опийная группа"),
    SubstanceGroup.CANNABIS: ("cannabis", "cannabis-type", "cannabinoids", "каннабис", "каннабиноиды",
                              "наркотики каннабисной группы"),
    SubstanceGroup.ATS: ("ats", "amphetamine-type stimulants", "amphetamines", "стимуляторы амфетаминового ряда",
                         "сар", "амфетамины"),
    SubstanceGroup.COCAINE: ("cocaine", "cocaine-type", "coca", "кокаин", "кокаиновая группа"),
    SubstanceGroup.NPS: ("nps", "new psychoactive substances", "нпв", "новые психоактивные вещества"),
    SubstanceGroup.PHARMACEUTICALS: ("pharmaceuticals", "pharmaceutical drugs", "prescription drugs",
                                     "медицинские препараты", "лекарственные препараты", "фармпрепараты"),
    SubstanceGroup.PRECURSORS: ("precursors", "precursor chemicals", "precursor", "прекурсоры"),
}
_GROUP_BY_NAME = {normalise_name(name): group for group, names in GROUP_NAMES.items() for name in names}

_MESSAGES = {
    "not_json": N_("{what} is not a mapping file (it is not JSON: {detail})."),
    "foreign": N_("{what} is not a sitcentre spreadsheet mapping."),
    "too_new": N_("{what} was saved by a newer version of sitcentre (mapping version {version}); this one reads "
                  "version {supported}."),
    "unknown_keys": N_("{what} has entries this version does not know: {names}."),
    "bad_value": N_("{what}: {name} {reason}."),
    "unknown_field": N_("{what}: '{field}' is not a field of {kind} (column '{column}')."),
    "field_twice": N_("{what}: the field '{field}' is taken from two columns ({columns})."),
    "unreadable": N_("Cannot read {what}: {detail}."),
    "too_big": N_("{what} is {size:,} bytes: too big to be a mapping file."),
    "missing_columns": N_("The mapping names columns this sheet's header does not have: {columns}. Choose the "
                          "columns again or check the header row."),
    "no_column": N_("The mapping takes {fields} from no column and gives no default: the rows cannot be read."),
}


class MappingProblem(ValueError):
    """Why a mapping cannot be used or read: a code for translation, parameters, and the English sentence."""

    def __init__(self, code: str, **params) -> None:
        self.code, self.params = code, params
        self.message = _t(_MESSAGES[code]).format(**params)  # in the language spoken (domain.i18n)
        super().__init__(self.message)


class MappingKind(StrEnum):
    INCIDENTS = "incidents"
    STATISTICS = "statistics"


def fields_of(kind: MappingKind) -> tuple[str, ...]:
    return INCIDENT_FIELDS if kind is MappingKind.INCIDENTS else STATISTIC_FIELDS


@dataclass(frozen=True)
class Alias:
    kind: str  # one of ALIAS_KINDS
    name: str  # normalised (values.normalise_name)
    target: str  # a substance, country or post code, a SubstanceGroup or Unit value


@dataclass(frozen=True)
class Mapping:
    kind: MappingKind
    columns: tuple[tuple[str, str], ...]  # (header name as shown, field), in header order
    sheet: str | None = None
    header_row: int | None = None
    header_names: tuple[str, ...] = ()
    aliases: tuple[Alias, ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()
    keep_other: bool = True
    decimal_mark: str | None = None
    _lookup: dict = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        _check(self, "The mapping")
        lookup: dict[str, dict[str, str]] = {kind: {} for kind in ALIAS_KINDS}
        for alias in self.aliases:
            lookup[alias.kind][alias.name] = alias.target
        object.__setattr__(self, "_lookup", lookup)

    # --- reading it ---
    def column_of(self) -> dict[str, str]:
        """field -> normalised header name of its column."""
        return {name: normalise_name(header) for header, name in self.columns}

    def alias(self, kind: str, name: str) -> str | None:
        """The target a name stands for in this mapping's alias table (None when it has no alias)."""
        return self._lookup[kind].get(normalise_name(name))

    def aliases_of(self, kind: str) -> dict[str, str]:
        return dict(self._lookup[kind])

    def default(self, name: str) -> str | None:
        return dict(self.defaults).get(name)

    @property
    def default_unit(self) -> Unit | None:
        unit = self.default("unit")
        return Unit(unit) if unit else None

    @property
    def layout_key(self) -> str:
        return layout_key_of(self.kind, self.header_names or tuple(header for header, _ in self.columns))

    @property
    def identity(self) -> str:
        """sha256 of the mapping's canonical JSON: names this exact mapping (e.g. in an import's audit entry)."""
        return hashlib.sha256(_canonical(self.to_dict()).encode()).hexdigest()

    # --- changing it (a new value each time) ---
    def with_alias(self, kind: str, name: str, target: str) -> Mapping:
        """The mapping with one more alias (or a changed one): what the user taught it in the value mapping."""
        key = normalise_name(name)
        kept = tuple(a for a in self.aliases if (a.kind, a.name) != (kind, key))
        return replace(self, aliases=(*kept, Alias(kind, key, target)))

    # --- JSON ---
    def to_dict(self) -> dict:
        return {
            "format": FORMAT, "version": VERSION, "kind": self.kind.value, "sheet": self.sheet,
            "header_row": self.header_row, "header_names": list(self.header_names),
            "columns": dict(self.columns),
            "aliases": {kind: dict(sorted(self._lookup[kind].items())) for kind in ALIAS_KINDS},
            "defaults": dict(self.defaults), "keep_other": self.keep_other, "decimal_mark": self.decimal_mark,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, what: str = "The file") -> Mapping:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise MappingProblem("not_json", what=what, detail=_short(exc)) from None
        return cls.from_dict(data, what)

    @classmethod
    def from_dict(cls, data: object, what: str = "The file") -> Mapping:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise MappingProblem("foreign", what=what)
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise MappingProblem("bad_value", what=what, name="version", reason="must be a whole number from 1")
        if version > VERSION:
            raise MappingProblem("too_new", what=what, version=version, supported=VERSION)
        unknown = sorted(str(k) for k in data if k not in _JSON_KEYS)
        if unknown:
            raise MappingProblem("unknown_keys", what=what, names=", ".join(unknown))
        try:
            kind = MappingKind(data.get("kind"))
        except ValueError:
            raise MappingProblem("bad_value", what=what, name="kind", reason="must be incidents or statistics") \
                from None
        return cls(
            kind=kind, sheet=_optional_text(data, "sheet", what), header_row=_optional_row(data, what),
            header_names=tuple(_texts(data.get("header_names", []), "header_names", what)),
            columns=tuple(_text_pairs(data.get("columns", {}), "columns", what)),
            aliases=tuple(_aliases(data.get("aliases", {}), what)),
            defaults=tuple(_text_pairs(data.get("defaults", {}), "defaults", what)),
            keep_other=_flag(data, "keep_other", what), decimal_mark=data.get("decimal_mark"),
        )


def layout_key_of(kind: MappingKind | str, header_names) -> str:
    """The key of a layout: the kind and the header's names, normalised, in order (empty trailing ones dropped)."""
    names = [normalise_name(str(name or "")) for name in header_names]
    while names and not names[-1]:
        names.pop()
    return hashlib.sha256(_canonical({"kind": str(kind), "header": names}).encode()).hexdigest()


def group_named(name: str, mapping: Mapping | None = None) -> SubstanceGroup | None:
    """The app's group a published group name stands for (the mapping's aliases first), or None."""
    target = mapping.alias("group", name) if mapping else None
    if target is not None:
        return SubstanceGroup(target)
    key = normalise_name(name)
    try:
        return SubstanceGroup(key)
    except ValueError:
        return _GROUP_BY_NAME.get(key)


def save_mapping(mapping: Mapping, path: str | os.PathLike, *, replace: bool = False) -> Path:
    """Write the mapping through output_paths (temporary file, fsync, rename); an existing file is replaced only
    when `replace` is True (else output_paths.OutputExists)."""
    return output_paths.write_bytes(path, mapping.to_json().encode("utf-8"), replace=replace, what="mapping file")


def load_mapping(path: str | os.PathLike) -> Mapping:
    what = f"The file {os.fspath(path)}"
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise MappingProblem("unreadable", what=os.fspath(path), detail=exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise MappingProblem("too_big", what=what, size=os.path.getsize(path))
    return Mapping.from_json(data, what)


# --- checks ---------------------------------------------------------------------------------------------------

def _check(mapping: Mapping, what: str) -> None:
    if not isinstance(mapping.kind, MappingKind):
        try:
            object.__setattr__(mapping, "kind", MappingKind(mapping.kind))
        except ValueError:
            raise MappingProblem("bad_value", what=what, name="kind", reason="must be incidents or statistics") \
                from None
    allowed = fields_of(mapping.kind)
    seen: dict[str, str] = {}
    for column, name in mapping.columns:
        if name not in allowed:
            raise MappingProblem("unknown_field", what=what, field=name, kind=mapping.kind.value, column=column)
        if name in seen:
            raise MappingProblem("field_twice", what=what, field=name, columns=f"'{seen[name]}', '{column}'")
        seen[name] = column
    for name, value in mapping.defaults:
        if name not in allowed:
            raise MappingProblem("unknown_field", what=what, field=name, kind=mapping.kind.value, column="defaults")
        if name.startswith("unit") and value not in {u.value for u in Unit}:
            raise MappingProblem("bad_value", what=what, name=f"the default {name} '{value}'",
                                 reason="must be kg, g, l or tablets")
    for alias in mapping.aliases:
        _check_alias(alias, what)
    if mapping.decimal_mark not in (None, ",", "."):
        raise MappingProblem("bad_value", what=what, name="decimal_mark", reason="must be a comma, a point or null")
    if mapping.header_row is not None and (type(mapping.header_row) is not int or mapping.header_row < 1):
        raise MappingProblem("bad_value", what=what, name="header_row", reason="must be a row number from 1")


def _check_alias(alias: Alias, what: str) -> None:
    if alias.kind not in ALIAS_KINDS:
        raise MappingProblem("unknown_keys", what=what, names=f"aliases.{alias.kind}")
    choices = {"group": {g.value for g in SubstanceGroup}, "unit": {u.value for u in Unit}}.get(alias.kind)
    if choices is not None and alias.target not in choices:
        raise MappingProblem("bad_value", what=what, name=f"the {alias.kind} alias '{alias.name}'",
                             reason=f"must stand for one of {', '.join(sorted(choices))}")
    if not alias.name or not alias.target.strip():
        raise MappingProblem("bad_value", what=what, name=f"a {alias.kind} alias", reason="needs a name and a target")


def _aliases(raw: object, what: str) -> list[Alias]:
    if not isinstance(raw, dict):
        raise MappingProblem("bad_value", what=what, name="aliases", reason="must be an object of alias kinds")
    unknown = sorted(str(k) for k in raw if k not in ALIAS_KINDS)
    if unknown:
        raise MappingProblem("unknown_keys", what=what, names=", ".join(f"aliases.{k}" for k in unknown))
    return [Alias(kind, normalise_name(name), target)
            for kind in ALIAS_KINDS for name, target in _text_pairs(raw.get(kind, {}), f"aliases.{kind}", what)]


def _text_pairs(raw: object, name: str, what: str) -> list[tuple[str, str]]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise MappingProblem("bad_value", what=what, name=name, reason="must map names to texts")
    return list(raw.items())


def _texts(raw: object, name: str, what: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise MappingProblem("bad_value", what=what, name=name, reason="must be a list of texts")
    return raw


def _optional_text(data: dict, name: str, what: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise MappingProblem("bad_value", what=what, name=name, reason="must be a text or null")
    return value


def _optional_row(data: dict, what: str) -> int | None:
    value = data.get("header_row")
    if value is not None and (type(value) is not int or value < 1):
        raise MappingProblem("bad_value", what=what, name="header_row", reason="must be a row number from 1")
    return value


def _flag(data: dict, name: str, what: str) -> bool:
    value = data.get(name, True)
    if not isinstance(value, bool):
        raise MappingProblem("bad_value", what=what, name=name, reason="must be true or false")
    return value


def _canonical(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__

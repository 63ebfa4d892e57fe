"""Country outlines for the map tab, shipped with the package (no network at run time).

central_asia_110m.json: Natural Earth 1:110m admin-0 countries and populated places (public domain,
naturalearthdata.com): the five Central Asian countries and Afghanistan whole, neighbours clipped to the
region, and the national capitals around it; rebuilt by build_outlines.py, whose docstring says from what
and how. About 13 KB. At 1:110m a border is placed to within some kilometres: the map is for orientation,
not for deciding on which side of a border a point lies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

OUTLINES_FILE = "central_asia_110m.json"


@dataclass(frozen=True, eq=False)
class CountryOutline:
    code: str  # ISO 3166-1 alpha-2
    name: str
    focus: bool  # one of the programme's countries (KZ, KG, TJ, TM, UZ) or Afghanistan
    label: tuple[float, float]  # lon, lat
    rings: tuple[np.ndarray, ...]  # each (n, 2): lon, lat; closed rings (first point not repeated)


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float


@dataclass(frozen=True, eq=False)
class MapOutlines:
    countries: tuple[CountryOutline, ...]
    capitals: tuple[Place, ...]  # national capitals in and around the region, for orientation
    source: str
    licence: str
    clip: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max of the clipped neighbours

    def country(self, code: str) -> CountryOutline | None:
        return next((c for c in self.countries if c.code == code), None)


@cache
def load_outlines() -> MapOutlines:
    data = json.loads(resources.files(__package__).joinpath(OUTLINES_FILE).read_text(encoding="utf-8"))
    countries = tuple(
        CountryOutline(c["code"], c["name"], bool(c["focus"]), tuple(c["label"]),
                       tuple(np.asarray(ring, dtype=float) for ring in c["rings"]))
        for c in data["countries"]
    )
    capitals = tuple(Place(c["name"], c["lon"], c["lat"]) for c in data.get("capitals", ()))
    return MapOutlines(countries, capitals, data["source"], data["licence"], tuple(data["clip"]))

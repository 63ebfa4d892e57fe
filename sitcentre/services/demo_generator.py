"""Synthetic incidents with plausible seasonality, routes and amounts (numpy, reproducible by seed).

Nothing here touches the database: it yields plain tuples in batches that services.demo writes.
Figures are invented; they only need to look like what a situation centre sees.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from sitcentre.domain.conversion import to_kg
from sitcentre.domain.records import uuid7_from

# Per substance code: (median amount in its default unit, lognormal sigma)
AMOUNTS = {
    "heroin": (2.0, 1.3), "opium": (6.0, 1.2), "morphine": (1.0, 1.0), "hashish": (4.0, 1.2),
    "cannabis_herb": (8.0, 1.3), "methamphetamine": (0.6, 1.2), "amphetamine": (0.5, 1.1),
    "ecstasy": (400.0, 1.2), "cocaine": (0.4, 1.0), "cathinones": (0.3, 1.1), "nps_other": (150.0, 1.0),
    "tramadol": (2000.0, 1.3), "acetic_anhydride": (60.0, 1.0),
}
# Which substances a border sees, with weights: opiates and cannabis come north from Afghanistan,
# precursors go south; synthetics are rising on the northern borders.
BORDER_MIX = {
    "AF-TJ": {"heroin": 5, "opium": 4, "hashish": 5, "morphine": 1, "acetic_anhydride": 2, "tramadol": 1},
    "AF-UZ": {"heroin": 4, "opium": 2, "hashish": 4, "acetic_anhydride": 3, "tramadol": 2},
    "TJ-UZ": {"heroin": 3, "hashish": 4, "opium": 2, "tramadol": 3, "cannabis_herb": 2, "methamphetamine": 1},
    "KG-TJ": {"heroin": 3, "hashish": 4, "opium": 2, "cannabis_herb": 2, "tramadol": 1},
    "KG-UZ": {"hashish": 3, "cannabis_herb": 3, "tramadol": 3, "methamphetamine": 2, "heroin": 1},
    "KG-KZ": {"cannabis_herb": 5, "hashish": 3, "methamphetamine": 3, "cathinones": 3, "nps_other": 2,
              "ecstasy": 1, "amphetamine": 1, "cocaine": 1},
}
POST_WEIGHT = {"AF-TJ": 1.6, "AF-UZ": 1.5, "TJ-UZ": 1.0, "KG-TJ": 0.9, "KG-UZ": 0.9, "KG-KZ": 1.1}
TYPES = (("drug_seizure", 0.78), ("precursor_seizure", 0.0), ("smuggled_goods", 0.1), ("weapons", 0.03),
         ("human_trafficking", 0.02), ("other", 0.07))
TRANSPORT = (("vehicle", 0.42), ("truck", 0.25), ("pedestrian", 0.18), ("rail", 0.07), ("mail", 0.05),
             ("air", 0.03))
CONCEALMENTS = ("spare tyre", "fuel tank", "false floor", "among fruit and vegetables", "body-packed",
                "inside luggage lining", "cargo of cement", "door panels", "parcel declared as clothes",
                "hidden compartment in the cabin", "among bales of cotton", "carried on the person")
DESTINATIONS = ("KZ", "RU", "KG", "UZ", "TR", "BY")


@dataclass(frozen=True)
class DemoPost:
    id: int
    code: str
    border: str
    country: str
    counterpart: str
    offset_minutes: int


@dataclass(frozen=True)
class DemoSubstance:
    id: int
    code: str
    name: str
    unit: str
    mass_per_tablet_mg: float | None


def _choice(rng: np.random.Generator, pairs, size):
    names, weights = zip(*pairs)
    p = np.array(weights, dtype=float)
    return rng.choice(len(names), size=size, p=p / p.sum()), names


def _day_weights(days: int, end: datetime) -> np.ndarray:
    """Seasonality (peaks after the opium harvest, late summer and autumn), a weekly dip, a mild trend."""
    dates = np.arange(days)
    doy = np.array([(end - timedelta(days=int(days - 1 - d))).timetuple().tm_yday for d in dates])
    weekday = (np.arange(days) + (end - timedelta(days=days - 1)).weekday()) % 7
    season = 1.0 + 0.45 * np.sin((doy - 150) / 365.25 * 2 * np.pi)
    weekly = np.where(weekday >= 5, 0.8, 1.0)
    trend = 0.8 + 0.4 * dates / max(days - 1, 1)
    weights = season * weekly * trend
    return weights / weights.sum()


class IncidentGenerator:
    """Yields batches (incident rows, line rows) as tuples in the column order of services.demo."""

    def __init__(self, posts, substances, seed: int, end: datetime, years: int = 5,
                 quiet: dict[str, int] | None = None):
        self.rng = np.random.default_rng(seed)
        # Posts that have not reported for this many days: their recent incidents go to a neighbour.
        self.quiet = {i: (quiet or {}).get(p.code, 0) for i, p in enumerate(posts)}
        self.posts = posts
        self.subs = {s.code: s for s in substances}
        self.end = end.astimezone(UTC).replace(microsecond=0)
        self.days = int(365.25 * years)
        self.day_p = _day_weights(self.days, self.end)
        weights = np.array([POST_WEIGHT[p.border] for p in posts])
        self.post_p = weights / weights.sum()

    def batches(self, total: int, batch: int = 20_000):
        """Batches in time order, so that a bulk load appends to the indexes instead of scattering."""
        days = np.sort(self.rng.choice(self.days, size=total, p=self.day_p))
        for first in range(0, total, batch):
            yield self._batch(days[first:first + batch])

    def _batch(self, day: np.ndarray):
        rng = self.rng
        n = len(day)
        seconds = np.clip(rng.normal(13 * 3600, 4.5 * 3600, n), 0, 86399).astype(int)
        post_idx = rng.choice(len(self.posts), size=n, p=self.post_p)
        quiet = np.array([self.quiet[i] for i in range(len(self.posts))])[post_idx]
        post_idx = np.where(self.days - day <= quiet, (post_idx + 1) % len(self.posts), post_idx)
        type_idx, type_names = _choice(rng, TYPES, n)
        transport_idx, transport_names = _choice(rng, TRANSPORT, n)
        persons = rng.choice(4, size=n, p=[0.35, 0.4, 0.18, 0.07])
        delay = rng.exponential(3 * 3600, n).astype(int)
        rand = rng.integers(0, 1 << 62, size=n, dtype=np.int64)
        status_draw = rng.random(n)
        conceal = rng.integers(len(CONCEALMENTS), size=n)
        dest = rng.integers(len(DESTINATIONS), size=n)
        back = rng.integers(1, 600, size=n)
        line_subs, line_qty = self._draw_lines(post_idx, type_idx, type_names)
        start = self.end - timedelta(days=self.days)
        incidents, lines = [], []
        for k in range(n):
            post = self.posts[post_idx[k]]
            occurred = start + timedelta(days=int(day[k]), seconds=int(seconds[k]) - 60 * post.offset_minutes)
            if occurred > self.end:
                occurred = self.end - timedelta(minutes=int(back[k]))
            reported = min(occurred + timedelta(seconds=int(delay[k])), self.end)
            incident_id = uuid7_from(int(occurred.timestamp() * 1000), int(rand[k]) << 18)
            status = _status(status_draw[k], (self.end - occurred).days)
            seized = self._lines(incident_id, line_subs[k], line_qty[k])
            itype = type_names[type_idx[k]]
            if seized and all(s[1].code == "acetic_anhydride" for s in seized):
                itype = "precursor_seizure"
            incidents.append(self._incident(incident_id, post, occurred, reported, itype, status,
                                            transport_names[transport_idx[k]], int(persons[k]), seized,
                                            CONCEALMENTS[conceal[k]], DESTINATIONS[dest[k]]))
            lines.extend(line for _, _, line in seized)
        return incidents, lines

    def _draw_lines(self, post_idx, type_idx, type_names):
        """Per incident: the substances seized (distinct) and their quantities, drawn per border."""
        n = len(post_idx)
        rng = self.rng
        count = rng.choice([1, 2, 3], size=n, p=[0.8, 0.17, 0.03])
        count[np.array(type_names)[type_idx] != "drug_seizure"] = 0
        subs: list[list] = [[] for _ in range(n)]
        qty: list[list] = [[] for _ in range(n)]
        borders = np.array([p.border for p in self.posts])[post_idx]
        for border, mix in BORDER_MIX.items():
            rows = np.nonzero((borders == border) & (count > 0))[0]
            codes = list(mix)
            p = np.array([mix[c] for c in codes], dtype=float)
            picks = rng.choice(len(codes), size=(len(rows), 3), p=p / p.sum())
            medians = np.array([AMOUNTS[c][0] for c in codes])[picks]
            sigmas = np.array([AMOUNTS[c][1] for c in codes])[picks]
            amounts = rng.lognormal(np.log(medians), sigmas)
            for r, row in enumerate(rows):
                seen = set()
                for j in range(count[row]):
                    code = codes[picks[r, j]]
                    if code not in seen:
                        seen.add(code)
                        subs[row].append(self.subs[code])
                        qty[row].append(float(amounts[r, j]))
        return subs, qty

    def _lines(self, incident_id, subs, amounts):
        out = []
        for j, (sub, amount) in enumerate(zip(subs, amounts)):
            qty = round(amount) if sub.unit == "tablets" else round(amount, 3)
            qty = float(qty) or 1.0
            conv = to_kg(qty, sub.unit, sub.mass_per_tablet_mg)
            line_id = uuid.UUID(int=incident_id.int + j + 1)
            basis = "weighed" if sub.unit != "tablets" else "estimated"
            out.append((conv.kg, sub, [line_id, incident_id, sub.id, qty, sub.unit, basis, conv.kg, conv.method]))
        return out

    def _incident(self, incident_id, post, occurred, reported, itype, status, transport, persons, seized,
                  concealment, destination):
        local_day = (occurred + timedelta(minutes=post.offset_minutes)).date()
        total = sum(kg for kg, _, _ in seized)
        top = min(seized, key=lambda s: (-s[0], s[1].name))[1].name if seized else ""
        names = ", ".join(sorted({s[1].name for s in seized}))
        narrative = f"{transport.capitalize()} crossing at the post; {concealment}."
        for _, _, line in seized:
            line.extend([local_day, post.id, status])
        return [incident_id, post.id, occurred, reported, local_day, itype, "entering", transport, concealment,
                post.counterpart, post.country, destination, persons, post.counterpart if persons else "",
                "", narrative, status, 1, total, top, names]


def _status(draw: float, age_days: int) -> str:
    if age_days > 30:
        return "verified" if draw < 0.85 else ("rejected" if draw < 0.9 else "reported")
    if age_days > 2:
        return "verified" if draw < 0.5 else ("reported" if draw < 0.95 else "rejected")
    return "reported" if draw < 0.85 else "draft"

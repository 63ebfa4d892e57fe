"""Rebuild central_asia_110m.json from Natural Earth 1:110m admin-0 countries (public domain).

Not used at run time: the app reads the JSON this writes. Standard library only, so it runs anywhere:

    python -m sitcentre.geo.build_outlines DIR_WITH_SHAPEFILE [OUT.json]

DIR_WITH_SHAPEFILE holds a Natural Earth 1:110m admin-0 countries shapefile (.shp + .dbf), e.g. the
`naturalearth_lowres` copy shipped in the geopandas 0.14 wheel (geopandas/datasets/naturalearth_lowres/),
and, beside it, `../naturalearth_cities/` (1:110m populated places) for the capitals.
The five Central Asian countries and Afghanistan are kept whole; neighbours are clipped to a box around the
region (enough to give the map its context) and every ring is simplified (Douglas-Peucker) and rounded.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from pathlib import Path

FOCUS = {"KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "TKM": "TM", "UZB": "UZ", "AFG": "AF"}
NEIGHBOURS = {"RUS": "RU", "CHN": "CN", "MNG": "MN", "IRN": "IR", "PAK": "PK", "IND": "IN", "AZE": "AZ",
              "ARM": "AM", "GEO": "GE", "NPL": "NP"}
CLIP = (44.0, 26.0, 92.0, 58.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.01  # degrees (~1 km): below what 1:110m data resolves
DIGITS = 2
# Capitals shown for orientation: Natural Earth name -> name shown (Nur-Sultan was renamed Astana in 2022).
# Where a country's name is written, when the centroid of its outline is a poor place: Kazakhstan's is out of
# sight when the map shows the posts, Tajikistan's sits among them, China's is cut by the clip box.
LABEL_AT = {"KZ": (67.5, 45.9), "TJ": (72.5, 38.35), "CN": (80.5, 39.2), "RU": (62.0, 54.5)}
CAPITALS = {"Astana": "Astana", "Nur-Sultan": "Astana", "Bishkek": "Bishkek", "Dushanbe": "Dushanbe",
            "Ashgabat": "Ashgabat", "Tashkent": "Tashkent", "Kabul": "Kabul", "Islamabad": "Islamabad",
            "Tehran": "Tehran"}


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    records = []
    for i in range(count):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        offset, row = 1, {}
        for name, length in fields:
            row[name.lower()] = rec[offset:offset + length].decode("utf-8", "replace").strip()
            offset += length
        records.append(row)
    return records


def read_points(path: Path) -> list[tuple[float, float]]:
    data, pos, points = path.read_bytes(), 100, []
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        points.append(struct.unpack("<dd", data[pos + 12:pos + 28]))
        pos += 8 + 2 * length
    return points


def capitals(folder: Path) -> list[dict]:
    cities = folder.parent / "naturalearth_cities"
    if not cities.is_dir():
        return []
    shp = next(cities.glob("*.shp"))
    found = {}
    for record, (x, y) in zip(read_dbf(shp.with_suffix(".dbf")), read_points(shp)):
        name = CAPITALS.get(record.get("name", ""))
        if name:
            found[name] = {"name": name, "lon": round(x, DIGITS), "lat": round(y, DIGITS)}
    return sorted(found.values(), key=lambda p: p["name"])


def read_shp(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Polygons as lists of rings (outer and holes alike: the map only draws and fills them)."""
    data = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8: pos + 8 + 2 * length]
        pos += 8 + 2 * length
        if struct.unpack("<i", content[:4])[0] != 5:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{nparts}i", content[44:44 + 4 * nparts])) + [npoints]
        base = 44 + 4 * nparts
        points = [struct.unpack("<dd", content[base + 16 * k: base + 16 * k + 16]) for k in range(npoints)]
        shapes.append([points[parts[k]:parts[k + 1]] for k in range(nparts)])
    return shapes


def clip_ring(ring, box):
    """Sutherland-Hodgman against an axis-aligned box: the ring stays closed, so it can still be filled."""
    xmin, ymin, xmax, ymax = box
    edges = [(lambda p: p[0] >= xmin, 0, xmin), (lambda p: p[0] <= xmax, 0, xmax),
             (lambda p: p[1] >= ymin, 1, ymin), (lambda p: p[1] <= ymax, 1, ymax)]
    out = list(ring)
    for inside, axis, value in edges:
        if not out:
            break
        src, out = out, []
        for i, cur in enumerate(src):
            prev = src[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(_cut(prev, cur, axis, value))
                out.append(cur)
            elif inside(prev):
                out.append(_cut(prev, cur, axis, value))
    return out


def _cut(a, b, axis, value):
    t = (value - a[axis]) / (b[axis] - a[axis])
    return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))


def simplify(points, tol):
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, index = -1.0, None
        for k in range(i + 1, j):
            px, py = points[k]
            d = (abs(dy * px - dx * py + bx * ay - by * ax) / norm if norm else math.hypot(px - ax, py - ay))
            if d > best:
                best, index = d, k
        if index is not None and best > tol:
            keep[index] = True
            stack += [(i, index), (index, j)]
    return [p for p, k in zip(points, keep) if k]


def label_point(rings) -> tuple[float, float]:
    """Centroid of the largest ring (good enough for a country label at this scale)."""
    ring = max(rings, key=lambda r: abs(_area(r)))
    a, cx, cy = 0.0, 0.0, 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (round(cx / (3 * a), 2), round(cy / (3 * a), 2))


def _area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def build(folder: Path) -> dict:
    shp = next(folder.glob("*.shp"))
    records, shapes = read_dbf(shp.with_suffix(".dbf")), read_shp(shp)
    countries = []
    for record, rings in zip(records, shapes):
        iso3 = record.get("iso_a3", "")
        code = FOCUS.get(iso3) or NEIGHBOURS.get(iso3)
        if not code:
            continue
        kept = []
        for ring in rings:
            ring = ring if iso3 in FOCUS else clip_ring(ring, CLIP)
            ring = [(round(x, DIGITS), round(y, DIGITS)) for x, y in simplify(ring, TOLERANCE)]
            ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
            if len(ring) >= 4 and abs(_area(ring)) > 0.01:
                kept.append(ring)
        if kept:
            countries.append({"code": code, "name": record["name"], "focus": iso3 in FOCUS,
                              "label": LABEL_AT.get(code) or label_point(kept), "rings": kept})
    countries.sort(key=lambda c: (not c["focus"], c["code"]))
    return {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (naturalearthdata.com), "
                  "via the naturalearth_lowres copy in the geopandas 0.14.4 wheel",
        "licence": "Public domain (Natural Earth terms of use: no permission needed for any use)",
        "processing": f"focus countries whole, neighbours clipped to lon {CLIP[0]}..{CLIP[2]}, "
                      f"lat {CLIP[1]}..{CLIP[3]}; Douglas-Peucker {TOLERANCE} deg; rounded to {DIGITS} decimals",
        "note": "Natural Earth shows de facto boundaries at small scale; not for any boundary purpose",
        "clip": list(CLIP),
        "countries": countries,
        "capitals": capitals(folder),
    }


def main(argv: list[str]) -> int:
    folder = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else Path(__file__).with_name("central_asia_110m.json")
    data = build(folder)
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) for c in data["countries"] for r in c["rings"])
    print(f"{out}: {len(data['countries'])} countries, {points} points, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Build data/geo/countries.geojson from Natural Earth 1:50m admin-0 (curation-time tool).

Source: Natural Earth 4.1.0 Admin 0 countries, 1:50m, public domain, as redistributed in the npm
package ``world-atlas@2.0.2`` (file ``countries-50m.json``, TopoJSON, ISC licence for the packaging).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_geometry.py package/countries-50m.json

The topology's ids are ISO 3166-1 numeric codes; five features have none (Kosovo, N. Cyprus,
Somaliland, Indian Ocean Ter., Siachen Glacier). They are matched to ISO3 here, once, and the
result is committed: the app joins on ``iso3`` only. Geometry is simplified and coordinates are
rounded so that the map's payload stays small; every feature also carries a representative point
(``lon``/``lat``) and a ``small`` flag for states too small to see or click at world scale.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import geopandas as gpd
import pycountry
from shapely.geometry import Point, mapping
from shapely.ops import unary_union

OUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "countries.geojson"
SERVED = Path(__file__).resolve().parent.parent / "static" / "geo" / "countries.geojson"
NO_ID = {"Kosovo": "XKX"}  # features without an ISO numeric id that stand for a country code
SKIP = {"Antarctica", "Ashmore and Cartier Is."}  # not a place of migration; an Australian reef
SIMPLIFY_DEG = 0.08
SMALL_AREA_SQDEG = 1.5  # about 15,000 km2 near the equator: hard to see or click at world scale


def _round(obj, nd=2):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(v, nd) for v in obj]
        return [_round(o, nd) for o in obj]
    return obj


def build(src: Path) -> dict:
    gdf = gpd.read_file(src, layer="countries")
    features = []
    for _, row in gdf.iterrows():
        if row["name"] in SKIP:
            continue
        iso3 = None
        if isinstance(row["id"], str) and row["id"]:
            c = pycountry.countries.get(numeric=row["id"])
            iso3 = c.alpha_3 if c else None
        iso3 = iso3 or NO_ID.get(row["name"])
        if not iso3:
            continue  # disputed areas without a country code (N. Cyprus, Somaliland, ...)
        geom = row.geometry
        area = geom.area
        simple = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
        if simple.is_empty or simple.area < area * 0.2:
            simple = geom.simplify(0.01, preserve_topology=True)
        point = geom.representative_point() if area >= SMALL_AREA_SQDEG else _largest(geom).centroid
        features.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {
                    "iso3": iso3,
                    "ne_name": row["name"],
                    "small": bool(area < SMALL_AREA_SQDEG),
                    "lon": round(point.x, 3),
                    "lat": round(point.y, 3),
                },
                "geometry": {**mapping(simple), "coordinates": _round(mapping(simple)["coordinates"])},
            }
        )
    features.sort(key=lambda f: f["id"])
    _place_markers(features, gdf)
    return {"type": "FeatureCollection", "features": features}


def _largest(geom):
    if geom.geom_type == "MultiPolygon":
        return max(geom.geoms, key=lambda g: g.area)
    return geom


MARKER_CLEAR_DEG = 0.6  # the marker's centre (where a person points) must be this far from other countries
MARKER_SPACING_DEG = 3.0  # and this far from other markers (about 8 px at the default map width)


def _place_markers(features: list[dict], gdf) -> None:
    """Where a small state's marker would sit on (or right next to) a neighbour, as Singapore on
    Malaysia, move it to the nearest open-sea spot, so that pointing at it reaches the small state;
    the map draws a thin leader line from the marker to the true location."""
    land = unary_union(list(gdf.geometry.buffer(0)))
    placed: list = []  # markers already placed: a new one keeps MARKER_SPACING_DEG from them
    small = sorted((f for f in features if f["properties"]["small"]), key=lambda f: f["id"])
    for f in features:
        f["properties"]["marker_lon"], f["properties"]["marker_lat"] = f["properties"]["lon"], f["properties"]["lat"]
    for f in small:
        props = f["properties"]
        here = Point(props["lon"], props["lat"])
        own = gdf.loc[gdf["name"] == props["ne_name"]].geometry.buffer(0.05).union_all()
        others = land.difference(own)

        def ok(p, others=others):
            return others.distance(p) >= MARKER_CLEAR_DEG and all(p.distance(q) >= MARKER_SPACING_DEG for q in placed)

        best = here
        if not ok(here):
            best, best_score = here, -1.0
            for dist in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0):
                for k in range(24):
                    ang = 2 * math.pi * k / 24
                    cand = Point(props["lon"] + dist * math.cos(ang), props["lat"] + dist * math.sin(ang))
                    score = min(
                        others.distance(cand) / MARKER_CLEAR_DEG,
                        min((cand.distance(q) / MARKER_SPACING_DEG for q in placed), default=9),
                    )
                    if score > best_score:
                        best, best_score = cand, score
                if best_score >= 1:
                    break
        placed.append(best)
        props["marker_lon"], props["marker_lat"] = round(best.x, 3), round(best.y, 3)


if __name__ == "__main__":
    fc = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({len(fc['features'])} features, {OUT.stat().st_size:,} bytes)")
    SERVED.parent.mkdir(parents=True, exist_ok=True)
    SERVED.write_bytes(OUT.read_bytes())  # the copy the browser loads (lib/geo.py)
    print(f"copied to {SERVED}")

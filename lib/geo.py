"""Country geometry shipped in `data/geo/` (Natural Earth 1:50m, see data/README.md). Nothing is
fetched from the internet: the map draws from this file only.

The file is GeoJSON written by `scripts/build_geometry.py` (geopandas, at curation time) and checked
by `lib.load.check_geometry`, so it is read here as JSON: 5 ms instead of geopandas' 0.12-0.25 s on
the first map's path (bench/RESULTS.md, "Sessions 9-10 (#19)").

The same file is also served by the app itself (`static/geo/countries.geojson`, Streamlit's static
file serving). When the data folder's geometry is byte-identical to that copy, figures refer to it
by a relative URL instead of embedding 0.4 MB of shapes in every figure: the browser downloads it
once from the local server, plotly.js keeps it for the session, and each map run no longer copies
and sends the shapes (bench/RESULTS.md). A data folder with other geometry gets it embedded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.load import GEOMETRY_FILE

APP_DIR = Path(__file__).resolve().parent.parent
STATIC_GEOMETRY = APP_DIR / "static" / "geo" / "countries.geojson"
STATIC_URL = "app/static/geo/countries.geojson"  # relative: works under a server.baseUrlPath too


@dataclass(frozen=True)
class Geometry:
    geojson: dict  # FeatureCollection; each feature's id is its ISO3 code
    points: pd.DataFrame  # iso3, lon, lat, small, marker_lon, marker_lat: where each country's dot goes
    url: str | None = None  # where the browser can fetch the same FeatureCollection, if it can

    @property
    def iso3s(self) -> frozenset[str]:
        return frozenset(self.points["iso3"])

    @property
    def ids(self) -> list[str]:
        """Every feature's ISO3 code, in file order."""
        return [f["id"] for f in self.geojson["features"]]

    @property
    def shapes(self) -> dict | str:
        """What a figure's `geojson` gets: the served file's URL when there is one, else the shapes."""
        return self.url or self.geojson


def served_url(folder: Path) -> str | None:
    """The URL of the served copy when it is byte-identical to `folder`'s geometry, else None."""
    path = Path(folder) / GEOMETRY_FILE
    try:
        same = STATIC_GEOMETRY.read_bytes() == path.read_bytes()
    except OSError:
        return None
    return STATIC_URL if same else None


def read_geometry(folder: Path) -> Geometry:
    doc = json.loads((Path(folder) / GEOMETRY_FILE).read_bytes())
    props = [f["properties"] for f in doc["features"]]
    features = [
        {"type": "Feature", "properties": {"iso3": p["iso3"]}, "geometry": f["geometry"], "id": p["iso3"]}
        for f, p in zip(doc["features"], props)
    ]
    points = pd.DataFrame(
        {
            "iso3": pd.Series([p["iso3"] for p in props], dtype=str),
            "lon": pd.Series([p["lon"] for p in props], dtype=float),
            "lat": pd.Series([p["lat"] for p in props], dtype=float),
            "small": pd.Series([p["small"] for p in props], dtype=bool),
            "marker_lon": pd.Series([p["marker_lon"] for p in props], dtype=float),
            "marker_lat": pd.Series([p["marker_lat"] for p in props], dtype=float),
        }
    )
    return Geometry({"type": "FeatureCollection", "features": features}, points, served_url(folder))

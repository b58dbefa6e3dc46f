"""Country geometry shipped in `data/geo/` (Natural Earth 1:50m, see data/README.md), read with
geopandas. Nothing is fetched from the internet: the map draws from this file only.

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

import geopandas as gpd
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
    gdf = gpd.read_file(Path(folder) / GEOMETRY_FILE)
    features = json.loads(gdf.to_json(drop_id=True))["features"]
    for f in features:
        f["id"] = f["properties"]["iso3"]
        f["properties"] = {"iso3": f["properties"]["iso3"]}
    points = pd.DataFrame(
        {
            "iso3": gdf["iso3"].astype(str),
            "lon": gdf["lon"].astype(float),
            "lat": gdf["lat"].astype(float),
            "small": gdf["small"].astype(bool),
            "marker_lon": gdf["marker_lon"].astype(float),
            "marker_lat": gdf["marker_lat"].astype(float),
        }
    )
    return Geometry({"type": "FeatureCollection", "features": features}, points.reset_index(drop=True), served_url(folder))

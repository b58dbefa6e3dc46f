"""Country geometry shipped in `data/geo/` (Natural Earth 1:50m, see data/README.md), read with
geopandas. Nothing is fetched: the map draws from this file only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from lib.load import GEOMETRY_FILE


@dataclass(frozen=True)
class Geometry:
    geojson: dict  # FeatureCollection; each feature's id is its ISO3 code
    points: pd.DataFrame  # iso3, lon, lat, small, marker_lon, marker_lat: where each country's dot goes

    @property
    def iso3s(self) -> frozenset[str]:
        return frozenset(self.points["iso3"])


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
    return Geometry({"type": "FeatureCollection", "features": features}, points.reset_index(drop=True))

"""Map builders: the world choropleth with small-state markers and the locator map, offline.

Pure functions DataFrame -> plotly Figure. Shapes come only from the shipped geometry (no base map
is fetched); small states get a clickable marker so they can be seen, hovered and clicked.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from lib.figures import BORDER, CLASS_COLOURS, NO_DATA, frame
from lib.markup import esc

TOPOJSON_URL = "/app/static/topojson/"  # the plotly.js config's topojsonURL: the app's own folder, not a CDN


def _round_sig(x: float, digits: int = 2) -> float:
    if x == 0:
        return 0.0
    return round(x, -int(math.floor(math.log10(abs(x)))) + digits - 1)


def class_breaks(values: list[float], k: int = 5) -> list[tuple[float, float]]:
    """Classes (lo, hi) for skewed data: one per value when few, else geometric steps.

    Counts of practices are very skewed (many countries with 1, a few with 10+), so class edges
    grow geometrically from the minimum to the maximum, rounded to whole numbers for counts and
    to two significant digits otherwise; empty classes are dropped.
    """
    vals = sorted({float(v) for v in values})
    if not vals:
        return []
    if len(vals) <= k:
        return [(v, v) for v in vals]
    lo, hi = vals[0], vals[-1]
    integers = all(v.is_integer() for v in vals)
    if lo > 0:
        raw = [lo * (hi / lo) ** (i / k) for i in range(1, k)]
    else:
        raw = [lo + (hi - lo) * i / k for i in range(1, k)]
    edges = sorted({math.ceil(e) if integers else _round_sig(e) for e in raw})
    classes, start = [], lo
    for edge in edges:
        members = [v for v in vals if start <= v < edge]
        if members:
            classes.append((start, members[-1]))
            start = min(v for v in vals if v >= edge)
    classes.append((start, hi))
    return classes


def assign_class(value: float, classes: list[tuple[float, float]]) -> int:
    for i, (lo, hi) in enumerate(classes):
        if lo <= value <= hi:
            return i
    return len(classes) - 1 if classes and value > classes[-1][1] else 0


def class_colours(n: int) -> list[str]:
    if n <= 1:
        return [CLASS_COLOURS[3]]
    step = (len(CLASS_COLOURS) - 1) / (n - 1)
    return [CLASS_COLOURS[round(i * step)] for i in range(n)]


def _discrete_scale(colours: list[str]) -> list[list]:
    n = len(colours)
    scale = []
    for i, c in enumerate(colours):
        scale += [[i / n, c], [(i + 1) / n, c]]
    return scale


# Map views: the whole world, or a region zoomed so its small states can be told apart and clicked
# (lon, lat ranges in degrees; the Pacific view crosses the antimeridian, hence lon > 180).
MAP_VIEWS: dict[str, tuple[tuple[float, float], tuple[float, float]] | None] = {
    "world": None,
    "caribbean": ((-92, -56), (7, 29)),
    "europe": ((-25, 45), (34, 71)),
    "africa": ((-26, 58), (-37, 38)),
    "middle_east": ((24, 64), (11, 43)),
    "asia": ((60, 150), (-12, 52)),
    "pacific": ((110, 220), (-48, 22)),
    "americas": ((-170, -30), (-56, 72)),
}


def world_map(
    values: pd.DataFrame,
    geojson: dict | str,
    points: pd.DataFrame,
    *,
    title: str,
    legend_title: str,
    class_labels,
    source_line: str,
    no_data_label: str,
    ids: list[str] | None = None,
    view: str = "world",
    height: int = 560,
) -> go.Figure:
    """A choropleth drawn only from `geojson` (no base map is fetched).

    view: a key of MAP_VIEWS; a regional view shows small states at their own place (no relocated
    markers or leader lines: at that scale the markers sit on the islands themselves).

    geojson: the FeatureCollection (feature ids are ISO3 codes), or the URL of the same file on the
    app's own server; with a URL, `ids` lists the features' ids.
    values: iso3, value, name, hover (plain text lines joined by '\\n').
    points: iso3, lon, lat, small, name: a clickable marker is drawn for every small country, in
    its class colour when it has data, so microstates can be seen, hovered and clicked.
    class_labels: function (lo, hi) -> legend label.

    Every country is one location of a single choropleth trace ("countries"): its z is its class
    (0..k-1) or -1 for "no data", drawn grey and named in the legend, so the shapes are in the
    figure once.
    """
    classes = class_breaks(values["value"].tolist()) if len(values) else []
    colours = class_colours(len(classes))
    data = values.assign(cls=[assign_class(v, classes) for v in values["value"]])
    hover = {r.iso3: "<br>".join(esc(line) for line in str(r.hover).split("\n")) for r in data.itertuples()}
    cls = dict(zip(data["iso3"], data["cls"]))
    names = dict(zip(points["iso3"], points["name"]))

    def custom(iso3s):
        return [[iso3, esc(names.get(iso3, iso3)), hover.get(iso3, esc(no_data_label))] for iso3 in iso3s]

    template = "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>"
    small = points[points["small"]]
    box = MAP_VIEWS.get(view)
    if box is not None:
        small = small.assign(marker_lon=small["lon"], marker_lat=small["lat"])
    all_iso3 = list(ids) if ids is not None else [f["id"] for f in geojson["features"]]
    fig = go.Figure()
    # The marker trace comes first: a geo subplot whose first trace has no `locationmode` and
    # whose base layers are all off asks plotly.js for no topojson at all.
    fig.add_trace(
        go.Scattergeo(
            lon=small["marker_lon"],
            lat=small["marker_lat"],
            mode="markers",
            name="small",
            marker=dict(
                size=9,
                color=[colours[cls[i]] if i in cls else NO_DATA for i in small["iso3"]],
                line=dict(width=1, color="#444444"),
            ),
            customdata=custom(list(small["iso3"])),
            hovertemplate=template,
            showlegend=False,
        )
    )
    moved = small[(small["marker_lon"] != small["lon"]) | (small["marker_lat"] != small["lat"])]
    lon, lat = [], []
    for r in moved.itertuples():
        lon += [r.lon, r.marker_lon, None]
        lat += [r.lat, r.marker_lat, None]
    fig.add_trace(
        go.Scattergeo(
            lon=lon,
            lat=lat,
            mode="lines",
            name="leaders",
            hoverinfo="skip",
            showlegend=False,
            line=dict(width=0.8, color="#666666"),
        )
    )
    fig.add_trace(
        go.Choropleth(
            geojson=geojson,
            locations=all_iso3,
            z=[cls.get(i, -1) for i in all_iso3],
            featureidkey="id",
            zmin=-1.5,
            zmax=len(classes) - 0.5,
            colorscale=_discrete_scale([NO_DATA, *colours]),
            name="countries",
            marker=dict(line=dict(color=BORDER, width=0.5)),
            customdata=custom(all_iso3),
            hovertemplate=template,
            colorbar=dict(
                title=dict(text=esc(legend_title), side="top"),
                tickvals=list(range(-1, len(classes))),
                ticktext=[esc(no_data_label), *(esc(class_labels(lo, hi)) for lo, hi in classes)],
                orientation="h",
                x=0.5,
                xanchor="center",
                y=-0.01,
                yanchor="top",
                thickness=14,
                len=0.6 if classes else 0.15,
            ),
        )
    )
    _bare_geo(fig, showsubunits=False, lonaxis_range=[-170, 190])
    if box is not None:
        (lon0, lon1), (lat0, lat1) = box
        fig.update_geos(
            projection_type="mercator",
            lonaxis_range=[lon0, lon1],
            lataxis_range=[lat0, lat1],
            projection_rotation_lon=(lon0 + lon1) / 2,
            center=dict(lon=(lon0 + lon1) / 2, lat=(lat0 + lat1) / 2),
        )
    extra = frame(fig, title, source_line, height)
    fig.update_layout(height=height + extra)
    # A small hover radius: a marker answers only when the pointer is on it, so a country beside a
    # relocated marker (the Philippines beside Hong Kong's) keeps its own hover and click.
    fig.update_layout(dragmode=False, clickmode="event+select", hoverdistance=6, margin=dict(l=0, r=0, t=60, b=110 + extra))
    fig.layout.annotations[0].update(yshift=-78)
    return fig


def preload_map(geojson: dict | str, iso3: str) -> go.Figure:
    """One shape (`iso3`) on the maps' bare geo subplot, nothing else: drawn out of sight while a
    large folder loads, so that the browser has plotly's map code running, and the served shapes
    fetched (plotly keeps them by URL), before the first real map arrives (bench/RESULTS.md)."""
    fig = go.Figure(go.Choropleth(geojson=geojson, locations=[iso3], z=[0], featureidkey="id", showscale=False, hoverinfo="skip"))
    _bare_geo(fig, showsubunits=False)
    fig.update_layout(height=60, margin=dict(l=0, r=0, t=0, b=0), dragmode=False, showlegend=False)
    return fig


def _bare_geo(fig: go.Figure, **extra) -> None:
    """A geo subplot with every base layer off (so plotly.js fetches no shapes), Natural Earth projection."""
    fig.update_geos(
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showland=False,
        showcountries=False,
        showocean=False,
        showlakes=False,
        showrivers=False,
        bgcolor="rgba(0,0,0,0)",
        lataxis_range=[-58, 85],
        **extra,
    )


def locator_map(
    geojson: dict | str, points: pd.DataFrame, iso3: str, name: str, height: int = 260, ids: list[str] | None = None
) -> go.Figure:
    """A small world map with one country highlighted (and a marker, so microstates show).
    `geojson` and `ids` as in `world_map`."""
    ids = list(ids) if ids is not None else [f["id"] for f in geojson["features"]]
    pt = points[points["iso3"] == iso3]
    fig = go.Figure()
    fig.add_trace(
        go.Scattergeo(
            lon=pt["lon"],
            lat=pt["lat"],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            marker=dict(size=10, color=CLASS_COLOURS[4], line=dict(width=1.5, color="#ffffff")),
        )
    )
    fig.add_trace(
        go.Choropleth(
            geojson=geojson,
            locations=ids,
            z=[1 if i == iso3 else 0 for i in ids],
            featureidkey="id",
            colorscale=[[0, NO_DATA], [1, CLASS_COLOURS[4]]],
            zmin=0,
            zmax=1,
            showscale=False,
            marker=dict(line=dict(color=BORDER, width=0.3)),
            hoverinfo="skip",
        )
    )
    _bare_geo(fig)
    fig.update_layout(height=height, margin=dict(l=0, r=0, t=0, b=0), dragmode=False, paper_bgcolor="#ffffff")
    return fig

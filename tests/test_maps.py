import json

import pandas as pd

from lib import figures, maps
from lib.geo import read_geometry
from lib.load import DEFAULT_DATA_DIR

GEO = read_geometry(DEFAULT_DATA_DIR)


def _map(values):
    points = GEO.points.assign(name=GEO.points["iso3"])
    return maps.world_map(
        values,
        GEO.geojson,
        points,
        title="T",
        legend_title="L",
        class_labels=lambda a, b: f"{a}-{b}",
        source_line="Source: X",
        no_data_label="No data",
    )


def test_class_breaks_for_skewed_counts():
    classes = maps.class_breaks([1] * 50 + [2] * 20 + [3] * 10 + [4, 5, 6, 7, 9, 11])
    assert classes[0] == (1, 1) and classes[-1][1] == 11 and len(classes) == 5
    assert maps.class_breaks([3, 1]) == [(1, 1), (3, 3)]
    assert maps.class_breaks([]) == []


def test_world_map_draws_every_country_without_fetching():
    values = pd.DataFrame({"iso3": ["PHL", "SGP", "<b>"], "value": [3.0, 1.0, 2.0], "hover": ["3 practices", "1 practice", "x"]})
    fig = _map(values).to_plotly_json()
    markers, leaders, shapes = fig["data"]
    assert markers["type"] == "scattergeo" and "locationmode" not in markers  # first trace: no topojson request
    assert list(shapes["locations"]) == GEO.ids and len(GEO.ids) >= 230  # every country, once
    coloured = {i for i, z in zip(shapes["locations"], shapes["z"]) if z >= 0}
    assert coloured == {"PHL", "SGP"}  # a code without a shape is not drawn; the rest are "no data" (-1)
    bar = shapes["colorbar"]
    assert bar["tickvals"][0] == -1 and bar["ticktext"][0] == "No data" and len(bar["ticktext"]) == 4
    assert shapes["colorscale"][0][1] == figures.NO_DATA
    geo = fig["layout"]["geo"]
    assert not any(geo.get(k) for k in ("showland", "showcoastlines", "showcountries", "showocean", "showlakes"))
    assert "SGP" in [c[0] for c in markers["customdata"]]  # Singapore has a clickable marker
    assert fig["layout"]["title"]["text"] == "T"


def test_world_map_marker_colour_matches_class():
    values = pd.DataFrame({"iso3": ["SGP", "BHR"], "value": [1.0, 5.0], "hover": ["a", "b"]})
    fig = _map(values)
    markers = fig.data[0]
    colours = dict(zip([c[0] for c in markers.customdata], markers.marker.color))
    assert colours["SGP"] != colours["BHR"] and colours["MLT"] == figures.NO_DATA


def test_hover_text_is_escaped():
    values = pd.DataFrame({"iso3": ["PHL"], "value": [1.0], "hover": ["<script>alert(1)</script>"]})
    payload = json.dumps(_map(values).to_plotly_json()["data"][2]["customdata"])
    assert "<script>" not in payload and "&lt;script&gt;" in payload


def test_locator_map_highlights_one_country():
    fig = maps.locator_map(GEO.geojson, GEO.points, "SGP", "Singapore")
    assert fig.data[0].lon[0] and sum(fig.data[1].z) == 1


def test_maps_can_refer_to_the_served_geometry_by_url():
    points = GEO.points.assign(name=GEO.points["iso3"])
    values = pd.DataFrame({"iso3": ["PHL"], "value": [1.0], "hover": ["a"]})
    fig = maps.world_map(
        values,
        "app/static/geo/countries.geojson",
        points,
        ids=GEO.ids,
        title="T",
        legend_title="L",
        class_labels=lambda a, b: f"{a}-{b}",
        source_line="S",
        no_data_label="No data",
    )
    shapes = fig.to_plotly_json()["data"][2]
    assert shapes["geojson"] == "app/static/geo/countries.geojson" and list(shapes["locations"]) == GEO.ids
    assert len(fig.to_json()) < 100_000  # the shapes are not in the figure
    small = maps.locator_map("app/static/geo/countries.geojson", GEO.points, "PHL", "Philippines", ids=GEO.ids)
    assert sum(small.data[1].z) == 1 and len(small.to_json()) < 50_000


def test_regional_view_zooms_and_puts_small_states_on_their_islands():
    values = pd.DataFrame({"iso3": ["BRB", "JAM"], "value": [1.0, 2.0], "hover": ["a", "b"]})
    points = GEO.points.assign(name=GEO.points["iso3"])
    fig = maps.world_map(
        values,
        GEO.geojson,
        points,
        title="T",
        legend_title="L",
        class_labels=lambda a, b: f"{a}-{b}",
        source_line="S",
        no_data_label="No data",
        view="caribbean",
    )
    geo = fig.layout.geo
    assert list(geo.lonaxis.range) == [-92, -56] and list(geo.lataxis.range) == [7, 29]
    markers, leaders = fig.data[0], fig.data[1]
    small = GEO.points[GEO.points["small"]]
    assert list(markers.lon) == list(small["lon"]) and not leaders.lon  # no relocation, no leader lines
    assert _map(values).layout.geo.lonaxis.range == (-170, 190)  # the world view is unchanged


def test_the_loading_pages_preload_map_is_one_shape_from_the_served_file_and_no_base_map():
    fig = maps.preload_map("app/static/geo/countries.geojson", "SGP").to_plotly_json()
    (trace,) = fig["data"]
    assert trace["type"] == "choropleth" and trace["geojson"] == "app/static/geo/countries.geojson"
    assert list(trace["locations"]) == ["SGP"] and trace["showscale"] is False
    geo = fig["layout"]["geo"]
    assert not any(
        geo.get(f"show{layer}") for layer in ("coastlines", "land", "countries", "ocean", "lakes", "rivers", "subunits")
    )
    assert geo["projection"]["type"] == "natural earth"  # the real maps' subplot: the same plotly code runs

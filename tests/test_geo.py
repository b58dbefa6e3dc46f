from lib import geo
from lib.geo import read_geometry
from lib.load import DEFAULT_DATA_DIR


def test_geometry_has_every_country_keyed_by_iso3():
    g = read_geometry(DEFAULT_DATA_DIR)
    ids = [f["id"] for f in g.geojson["features"]]
    assert len(ids) == len(set(ids)) >= 230
    for iso3 in ("FRA", "NOR", "XKX", "PHL", "SGP", "BHR", "MDV", "MLT", "ABW", "CUW", "CPV"):
        assert iso3 in ids
    small = set(g.points.loc[g.points["small"], "iso3"])
    assert {"SGP", "BHR", "MDV", "MLT", "ABW", "CUW", "CPV"} <= small
    assert "BRA" not in small


def test_served_copy_is_the_shipped_geometry(tmp_path):
    # static/geo/countries.geojson is what the browser fetches: it must be data/geo's file, byte for byte
    # (after editing data/geo/countries.geojson: cp data/geo/countries.geojson static/geo/)
    assert geo.STATIC_GEOMETRY.read_bytes() == (DEFAULT_DATA_DIR / "geo" / "countries.geojson").read_bytes()
    assert read_geometry(DEFAULT_DATA_DIR).shapes == geo.STATIC_URL
    other = tmp_path / "geo"
    other.mkdir()
    (other / "countries.geojson").write_bytes(geo.STATIC_GEOMETRY.read_bytes().replace(b'"small":true', b'"small":false', 1))
    g = read_geometry(tmp_path)  # different shapes than the served file: embedded in the figure instead
    assert g.url is None and g.shapes is g.geojson

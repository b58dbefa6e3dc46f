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

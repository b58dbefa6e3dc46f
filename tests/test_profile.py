from lib import profile


def test_country_profile_is_typed_and_complete(tiny_ds):
    p = profile.country_profile(tiny_ds, "PHL")
    assert isinstance(p, profile.CountryProfile) and p.iso3 == "PHL"
    assert p.conflicts and len(p.statistics) == 2 and len(p.practices) == 2
    assert p.n_statistics == 2 and p.region_line.startswith("Asia")

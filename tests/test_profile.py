import pandas as pd

from lib import profile


def test_country_profile_is_typed_and_complete(tiny_ds):
    p = profile.country_profile(tiny_ds, "PHL")
    assert isinstance(p, profile.CountryProfile) and p.iso3 == "PHL"
    assert p.conflicts and len(p.statistics) == 2 and len(p.practices) == 2
    assert p.n_statistics == 2 and p.region_line.startswith("Asia")


def test_the_per_country_row_index_gives_the_same_profile(tiny_ds):
    rows = profile.country_rows(tiny_ds)
    assert set(rows.statistics) == set(tiny_ds.statistics["geography"])
    for iso3 in [*tiny_ds.countries["iso3"], "ZZZ"]:  # every country, with and without rows, and one unknown
        if iso3 == "ZZZ":
            assert profile.country_statistics(tiny_ds, iso3, rows).empty
            continue
        a, b = profile.country_profile(tiny_ds, iso3), profile.country_profile(tiny_ds, iso3, rows)
        pd.testing.assert_frame_equal(a.statistics, b.statistics)
        pd.testing.assert_frame_equal(a.practices, b.practices)
        assert [(i, lab, list(g["practice_id"])) for i, lab, g in a.by_issue] == [
            (i, lab, list(g["practice_id"])) for i, lab, g in b.by_issue
        ]
        assert (a.n_statistics, a.conflicts, len(a.conflict_groups)) == (b.n_statistics, b.conflicts, len(b.conflict_groups))
        pd.testing.assert_frame_equal(a.coverage, b.coverage)

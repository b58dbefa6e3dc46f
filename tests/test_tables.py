from lib import i18n, tables


def test_statistics_rows_are_readable(tiny_ds):
    i18n.set_language("en")
    rows = tables.statistics_rows(tiny_ds, tiny_ds.statistics)
    assert len(rows) == len(tiny_ds.statistics)
    assert {"Indicator", "Geography", "Period", "Value", "Source"} <= set(rows.columns)


def test_practices_by_issue_lists_a_practice_under_each_of_its_issues(tiny_ds):
    groups = {issue: set(g["practice_id"]) for issue, _, g in tables.practices_by_issue(tiny_ds, tiny_ds.practices)}
    assert "phl-reintegration" in groups["return_reintegration"] and "phl-reintegration" in groups["livelihood_support"]


def test_issue_area_counts_largest_first(tiny_ds):
    counts = tables.issue_area_counts(tiny_ds)
    n = counts.iloc[:, 1].tolist()
    assert n == sorted(n, reverse=True) and len(counts) == len(tiny_ds.issue_areas)


def test_sources_table_says_what_the_documents_do_not_state(tiny_ds):
    t = tables.sources_table(tiny_ds)
    assert set(t["Licence"]) == {"not stated in the document"} and "not stated in the document" in set(t["Published"])


def test_origins_table_shows_each_origin_and_what_is_not_recorded(tiny_ds):
    t = tables.origins_table(tiny_ds)
    assert list(t["Producer"]) == ["Natural Earth"] and list(t["Accessed"]) == ["not recorded"]
    assert list(t["Licence"]) == ["Public domain"] and list(t["Used for"]) == ["geo/countries.geojson"]

from lib import compare, i18n


def test_selection_is_cleaned_and_capped(tiny_ds):
    assert compare.clean_selection(tiny_ds, ["phl", "IND", "PHL", "ZZZ", "<b>", "CIV", "SGP", "IND"]) == [
        "PHL",
        "IND",
        "CIV",
        "SGP",
    ]
    assert compare.clean_selection(tiny_ds, ["PHL", "IND", "CIV", "SGP", "PHL"])[:4] == ["PHL", "IND", "CIV", "SGP"]


def test_statistics_side_by_side_keep_every_figure(tiny_ds):
    i18n.set_language("en")
    t = compare.statistics_table(tiny_ds, ["PHL", "IND", "CIV"]).set_index("Indicator")
    assert list(t.columns) == ["Philippines", "India", "Côte d'Ivoire"]
    cell = t.loc["Returns", "Philippines"]
    assert "more than 230,000 people (2020, IOM 2021)" in cell and "over 200,000 people (2020, GFMD)" in cell
    assert t.loc["Returns", "Côte d'Ivoire"] == "—"


def test_coverage_counts_practices_per_issue_area(tiny_ds):
    cov = compare.coverage(tiny_ds, ["PHL", "CIV"])
    assert list(cov.columns) == ["PHL", "CIV"]
    assert cov.loc["health_services", "PHL"] == 1 and cov.loc["return_reintegration", "PHL"] == 1
    assert cov.loc["skills", "CIV"] == 1 and cov["CIV"].sum() == 1
    assert compare.totals(tiny_ds, ["PHL", "CIV", "SGP"]) == {"PHL": 2, "CIV": 1, "SGP": 0}

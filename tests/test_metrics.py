from lib import metrics
from lib.metrics import Filters


def test_practice_counts_count_multi_country_once_per_country(tiny_ds):
    counts = metrics.practice_counts(tiny_ds, tiny_ds.practices).set_index("iso3")["value"]
    assert counts.to_dict() == {"PHL": 2, "IND": 1, "CIV": 1}


def test_filters(tiny_ds):
    assert list(metrics.filter_practices(tiny_ds, Filters(issue=("skills",)))["practice_id"]) == ["civ-skills"]
    assert len(metrics.filter_practices(tiny_ds, Filters(gcm=(17,)))) == 1
    assert len(metrics.filter_practices(tiny_ds, Filters(period=("pre_covid",)))) == 1
    assert len(metrics.filter_practices(tiny_ds, Filters(region=("Africa",)))) == 1
    assert len(metrics.filter_practices(tiny_ds, Filters(country=("IND",)))) == 1
    assert not Filters().active() and Filters(actor=("government",)).active()


def test_issue_coverage(tiny_ds):
    cov = metrics.issue_coverage(tiny_ds, tiny_ds.practices).set_index("iso3")["value"]
    assert cov["PHL"] == 3 and cov["IND"] == 1


def test_indicator_values_keep_every_figure_and_compare_in_base_units(tiny_ds):
    v = metrics.indicator_values(tiny_ds, "returns_total").set_index("iso3")
    assert v.loc["PHL", "n_figures"] == 2 and len(v.loc["PHL", "rows"]) == 2
    assert v.loc["IND", "value"] == 1_100_000  # 1.1 million people, for colour only
    assert v.index[0] == "IND"


def test_available_metrics(tiny_ds):
    ids = [m.id for m in metrics.available_metrics(tiny_ds)]
    assert ids == ["practices", "issue_areas", "stat:returns_total"]  # WLD-only indicator is not mappable


def test_facet_counts_add_up(tiny_ds):
    p = tiny_ds.practices
    assert metrics.facet_counts(tiny_ds, p, "actor").sum() == len(p)
    assert metrics.facet_counts(tiny_ds, p, "issue").sum() == len(tiny_ds.practice_issues)
    assert metrics.facet_counts(tiny_ds, p, "country").to_dict() == {"CIV": 1, "IND": 1, "PHL": 2}


def test_profile_helpers(tiny_ds):
    assert set(metrics.country_practices(tiny_ds, "PHL")["practice_id"]) == {"phl-reintegration", "multi-health"}
    share = metrics.region_issue_share(tiny_ds, "IND").set_index("issue_area")
    assert share.loc["health_services", "region_share"] == 1.0
    assert metrics.similar_countries(tiny_ds, "SGP") == ["PHL", "IND"]

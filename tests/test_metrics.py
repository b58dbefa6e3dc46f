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


def _with(tables, tmp_path, stats=(), indicators=()):
    """The tiny tables plus extra statistic and indicator rows, loaded."""
    import pandas as pd

    from lib.load import load_dataset
    from tests.conftest import write_tables

    t = dict(tables)
    t["statistics.csv"] = pd.concat([t["statistics.csv"], pd.DataFrame(list(stats))], ignore_index=True).fillna("")
    t["indicators.csv"] = pd.concat([t["indicators.csv"], pd.DataFrame(list(indicators))], ignore_index=True).fillna("")
    result = load_dataset(write_tables(tmp_path / "d", t))
    assert result.ok, [str(p) for p in result.problems]
    return result.dataset


def _stat(sid, geo, value, period="2020", role="", **kw):
    row = dict(
        stat_id=sid,
        indicator="returns_total",
        geography=geo,
        period=period,
        value=value,
        value_text=value,
        unit="persons",
        qualifier="",
        figure_role=role,
        source_id="src_a",
        locator="s. 1",
        note="",
    )
    row.update(kw)
    return row


def test_map_shows_the_latest_total_and_never_counts_a_restatement(tables, tmp_path):
    ds = _with(
        tables,
        tmp_path,
        [
            _stat("ret-sgp-2020-10", "SGP", "500", period="2020-10"),
            _stat("ret-sgp-2020-12", "SGP", "400", period="2020-12"),
            _stat("ret-sgp-headline", "SGP", "900", role="restates", restates="ret-sgp-2020-12", value_text="over 900"),
        ],
    )
    sgp = metrics.indicator_values(ds, "returns_total").set_index("iso3").loc["SGP"]
    assert sgp["value"] == 400 and sgp["basis"] == "latest" and sgp["shown"] == ("ret-sgp-2020-12",)
    assert sgp["rows"][0]["stat_id"] == "ret-sgp-2020-12" and sgp["n_figures"] == 3


OPERATION = dict(  # an indicator of per-operation counts, summed on the map only as disjoint parts
    indicator_id="returns_operation",
    name="Returns on one operation",
    unit="persons",
    category="returns",
    definition="People returned on one flight.",
    map_rule="sum_of_parts",
)


def test_parts_are_summed_only_where_the_rule_says_so(tables, tmp_path):
    flights = [
        _stat("f1", "SGP", "113", "2020-09", "part", indicator="returns_operation"),
        _stat("f2", "SGP", "105", "2020-12", "part", indicator="returns_operation"),
    ]
    ds = _with(tables, tmp_path, flights, [OPERATION])
    sgp = metrics.indicator_values(ds, "returns_operation").set_index("iso3").loc["SGP"]
    assert sgp["value"] == 218 and sgp["basis"] == "sum" and set(sgp["shown"]) == {"f1", "f2"}
    # the same parts under a latest_total indicator colour nothing: a part is not a national total
    ds = _with(tables, tmp_path, [dict(f, indicator="returns_total") for f in flights])
    assert "SGP" not in set(metrics.indicator_values(ds, "returns_total")["iso3"])


def test_a_not_mapped_indicator_is_not_offered(tables, tmp_path):
    tables["indicators.csv"].loc[tables["indicators.csv"]["indicator_id"] == "returns_total", "map_rule"] = "not_mapped"
    ds = _with(tables, tmp_path)
    assert "returns_total" not in metrics.map_indicators(ds)


def test_a_headline_does_not_hide_the_sum_of_parts(tables, tmp_path):
    rows = [
        _stat("f1", "SGP", "113", "2020-09", "part", indicator="returns_operation"),
        _stat("f2", "SGP", "105", "2020-12", "part", indicator="returns_operation"),
        _stat("h", "SGP", "100", "not_stated", "other", indicator="returns_operation", value_text="Over 100"),
    ]
    sgp = metrics.indicator_values(_with(tables, tmp_path, rows, [OPERATION]), "returns_operation").set_index("iso3").loc["SGP"]
    assert sgp["value"] == 218 and sgp["basis"] == "sum"

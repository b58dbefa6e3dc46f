from lib import i18n, mapview, metrics


def test_map_table_lists_every_figure(tiny_ds):
    i18n.set_language("en")
    metric = metrics.available_metrics(tiny_ds)[2]
    t = mapview.map_table(tiny_ds, metric, metrics.metric_values(tiny_ds, metric)).set_index("iso3")
    assert t.loc["PHL", "display"] == "more than 230,000 people; over 200,000 people"
    assert "IOM 2021" in t.loc["PHL", "hover"] and "GFMD" in t.loc["PHL", "hover"]


def test_map_summary(tiny_ds):
    metric = metrics.available_metrics(tiny_ds)[0]
    t = mapview.map_table(tiny_ds, metric, metrics.metric_values(tiny_ds, metric))
    assert mapview.map_summary(t, "Number of practices").startswith("3 countries have data")


def test_map_hover_lists_a_few_figures_then_how_many_more(tiny_ds, monkeypatch):
    i18n.set_language("en")
    monkeypatch.setattr(mapview, "MAX_HOVER_FIGURES", 1)
    metric = next(m for m in metrics.available_metrics(tiny_ds) if m.indicator == "returns_total")
    table = mapview.map_table(tiny_ds, metric, metrics.metric_values(tiny_ds, metric))
    phl = table.set_index("iso3").loc["PHL"]
    assert phl["hover"].count("\n") == 1 and phl["hover"].endswith("and 1 more figure (see the table)")
    assert "IOM 2021" in phl["sources"] and "GFMD" in phl["sources"]  # every source is still named


def test_map_view_bundles_values_and_table(tiny_ds):
    metric = metrics.available_metrics(tiny_ds)[0]
    view = mapview.map_view(tiny_ds, metric, metrics.Filters())
    assert view.metric == metric and set(view.table["iso3"]) == set(view.values["iso3"])
    assert list(mapview.csv_frame(view.table).columns) == ["iso3", "name", "value", "display", "sources"]


def test_hover_says_which_figure_is_shown_and_why(tiny_ds):
    i18n.set_language("en")
    metric = next(m for m in metrics.available_metrics(tiny_ds) if m.indicator == "returns_total")
    table = mapview.map_table(tiny_ds, metric, metrics.metric_values(tiny_ds, metric)).set_index("iso3")
    phl = table.loc["PHL", "hover"].split("\n")
    assert phl[0].startswith("Shown: ") and "the most recent total" in phl[0]
    assert phl[1].startswith("Also reported: ")
    assert table.loc["IND", "hover"].startswith("Shown: more than 1.1 million people")

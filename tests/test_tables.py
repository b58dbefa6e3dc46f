from lib import i18n, metrics, tables


def test_map_table_lists_every_figure(tiny_ds):
    i18n.set_language("en")
    metric = metrics.available_metrics(tiny_ds)[2]
    t = tables.map_table(tiny_ds, metric, metrics.metric_values(tiny_ds, metric)).set_index("iso3")
    assert t.loc["PHL", "display"] == "more than 230,000 people; over 200,000 people"
    assert "IOM 2021" in t.loc["PHL", "hover"] and "GFMD" in t.loc["PHL", "hover"]


def test_map_summary(tiny_ds):
    metric = metrics.available_metrics(tiny_ds)[0]
    t = tables.map_table(tiny_ds, metric, metrics.metric_values(tiny_ds, metric))
    assert tables.map_summary(t, "Number of practices").startswith("3 countries have data")


def test_practice_export_and_profile(tiny_ds):
    out = tables.practice_export(tiny_ds, tiny_ds.practices)
    assert "country_names" in out and out.loc[1, "country_names"] == "Philippines, India"
    profile = tables.country_profile(tiny_ds, "PHL")
    assert profile["conflicts"] and len(profile["statistics"]) == 2 and len(profile["practices"]) == 2
    export = tables.country_export(tiny_ds, "PHL")
    assert list(export["record"]).count("statistic") == 2 and list(export["record"]).count("practice") == 2



def test_practice_card_marks_translations_and_english_summaries(tiny_ds):
    import pandas as pd

    tiny_ds.translations = pd.DataFrame(
        [dict(practice_id="phl-reintegration", lang="fr", title="Titre FR", summary="Résumé en français.", translated_by="Curators")]
    )
    names = {"PHL": "Philippines"}
    rows = {r.practice_id: r for r in tiny_ds.practices.itertuples(index=False)}
    try:
        i18n.set_language("fr")
        card = tables.practice_card(tiny_ds, rows["phl-reintegration"], names)
        assert "Résumé en français" in card and "Curators" in card and "Livelihood kits" not in card
        assert tables.practice_title(tiny_ds, rows["phl-reintegration"]) == "Titre FR"
        other = tables.practice_card(tiny_ds, rows["civ-skills"], names)
        assert "A short summary" in other and "anglais" in other  # English text, marked as such
        i18n.set_language("en")
        card = tables.practice_card(tiny_ds, rows["phl-reintegration"], names)
        assert "Livelihood kits" in card and "anglais" not in card and "English" not in card
    finally:
        i18n.set_language("en")


def test_map_hover_lists_a_few_figures_then_how_many_more(tiny_ds, monkeypatch):
    from lib import metrics

    i18n.set_language("en")
    monkeypatch.setattr(tables, "MAX_HOVER_FIGURES", 1)
    metric = next(m for m in metrics.available_metrics(tiny_ds) if m.indicator == "returns_total")
    table = tables.map_table(tiny_ds, metric, metrics.metric_values(tiny_ds, metric))
    phl = table.set_index("iso3").loc["PHL"]
    assert phl["hover"].count("\n") == 1 and phl["hover"].endswith("and 1 more figure (see the table)")
    assert "IOM 2021" in phl["sources"] and "GFMD" in phl["sources"]  # every source is still named


def test_data_version_follows_the_language(tiny_ds):
    try:
        assert tables.data_version(tiny_ds) == tiny_ds.version  # English: the same text as before
        i18n.set_language("fr")
        assert tables.data_version(tiny_ds).endswith(f"{len(tiny_ds.practices)} pratiques · {len(tiny_ds.statistics)} statistiques")
    finally:
        i18n.set_language("en")

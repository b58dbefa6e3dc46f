import pandas as pd

from lib import i18n, labels, markup


def test_md_and_esc_neutralise_markup():
    assert markup.md("[x](javascript:alert(1)) <b>") == "\\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>"
    assert markup.esc("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_practice_card_marks_translations_and_english_summaries(tiny_ds):
    tiny_ds.translations = pd.DataFrame(
        [
            dict(
                practice_id="phl-reintegration",
                lang="fr",
                title="Titre FR",
                summary="Résumé en français.",
                translated_by="Curators",
            )
        ]
    )
    names = {"PHL": "Philippines"}
    rows = {r.practice_id: r for r in tiny_ds.practices.itertuples(index=False)}
    with i18n.language("fr"):
        card = markup.practice_card(tiny_ds, rows["phl-reintegration"], names)
        assert "Résumé en français" in card and "Curators" in card and "Livelihood kits" not in card
        assert labels.practice_title(tiny_ds, rows["phl-reintegration"]) == "Titre FR"
        other = markup.practice_card(tiny_ds, rows["civ-skills"], names)
        assert "A short summary" in other and "anglais" in other  # English text, marked as such
    with i18n.language("en"):
        card = markup.practice_card(tiny_ds, rows["phl-reintegration"], names)
        assert "Livelihood kits" in card and "anglais" not in card and "English" not in card


def test_practice_card_marks_inferred_implementers_and_lists_related_rows(tiny_ds):
    tiny_ds.practices.loc[tiny_ds.practices["practice_id"] == "civ-skills", ["implementer_inferred", "related_ids", "note"]] = [
        "UNICEF",
        "multi-health",
        "The paper dates the launch both 2020 and 2021.",
    ]
    rows = {r.practice_id: r for r in tiny_ds.practices.itertuples(index=False)}
    with i18n.language("en"):
        card = markup.practice_card(tiny_ds, rows["civ-skills"], {})
    assert "curators' inference" in card and "UNICEF" in card
    assert "Also documented in" in card and "Testing for all" in card
    assert "both 2020 and 2021" in card

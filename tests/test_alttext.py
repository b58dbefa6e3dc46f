"""Chart text alternatives: built from the table that draws the chart, in the reader's language."""

import pandas as pd

from lib import alttext, i18n


def _map_table():
    return pd.DataFrame(
        {
            "iso3": ["IND", "PHL", "SGP", "MLT"],
            "name": ["India", "Philippines", "Singapore", "Malta"],
            "value": [600000.0, 230000.0, 5.0, 2.0],
            "display": ["over 600,000", "230,000", "5", "2"],
        }
    )


POINTS = pd.DataFrame(
    {"iso3": ["SGP", "MLT", "BHR", "IND"], "small": [True, True, True, False], "name": ["Singapore", "Malta", "Bahrain", "India"]}
)


def test_map_says_what_how_many_largest_dots_and_source():
    text = alttext.world_map(_map_table(), POINTS, title="Returns", source_line="Source: GFMD 2020.")
    assert text.startswith(
        "Map: Returns. 4 countries have data; largest India (over 600,000), Philippines (230,000), Singapore (5)."
    )
    assert "Small states drawn as dots: Singapore (5), Malta (2)." in text  # Bahrain has no data, India is no dot
    assert text.endswith("Source: GFMD 2020.")


def test_map_without_data_says_so():
    text = alttext.world_map(_map_table().head(0), POINTS, title="Returns", source_line="Source: x.")
    assert "No country has data" in text and text.endswith("Source: x.")


def test_bars_name_the_largest_first_as_printed():
    rows = pd.DataFrame({"label": ["Nepal · 2020", "India · 2020"], "value": [1.0, 9.0], "text": ["1", "over 600,000 · GFMD"]})
    text = alttext.bar_chart(rows, title="Returns by country", source_line="Source: GFMD.")
    assert "2 figures, largest first: India · 2020: over 600,000 · GFMD; Nepal · 2020: 1." in text


def test_heatmap_counts_filled_cells_and_names_the_largest():
    counts = pd.DataFrame([[3, 0], [0, 1]], index=["PHL", "IND"], columns=["return", "labour"])
    text = alttext.heatmap(
        counts, ["Philippines", "India"], ["Return", "Labour"], title="Practices", source_line="Source: Atlas."
    )
    assert "2 rows × 2 columns; 2 of 4 cells have practices; largest Philippines × Return (3); India × Labour (1)." in text
    empty = alttext.heatmap(counts * 0, ["Philippines", "India"], ["Return", "Labour"], title="Practices", source_line="")
    assert "No practices" in empty


def test_long_lists_are_counted_and_descriptions_follow_the_language():
    many = pd.DataFrame(
        {
            "iso3": [f"S{i:02d}" for i in range(12)],
            "name": [f"State {i}" for i in range(12)],
            "value": range(12, 0, -1),
            "display": [str(v) for v in range(12, 0, -1)],
        }
    )
    points = pd.DataFrame({"iso3": many["iso3"], "small": True, "name": many["name"]})
    assert "and 4 more" in alttext.world_map(many, points, title="T", source_line="")
    with i18n.language("fr"):
        assert alttext.world_map(_map_table(), POINTS, title="Retours", source_line="").startswith("Carte : Retours. 4 pays")
        assert alttext.locator_map("Inde", "Asie").startswith("Carte de situation : Inde")
    with i18n.language("es"):
        assert "Estados pequeños" in alttext.world_map(_map_table(), POINTS, title="T", source_line="")


def test_figures_table_description():
    text = alttext.figures_table(["Returns", "Returns", "Remittances"], ["2020", "2019"], ["GFMD", "IOM"])
    assert text.startswith(
        "Key figures table: 3 figures on 2 indicators (Remittances, Returns); periods 2019, 2020; sources: GFMD; IOM."
    )
    assert alttext.figures_table([], [], []) == ""

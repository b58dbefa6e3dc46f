import io

import pandas as pd

from lib import export


def test_formula_cells_are_neutralised_and_bom_present():
    df = pd.DataFrame(
        {"title": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "Côte d'Ivoire", "ok"], "n": [1, 2, 3, 4, 5, 6]}
    )
    data = export.to_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["title"].tolist()[:4] == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)"]
    assert back["title"][4] == "Côte d'Ivoire"
    assert back["n"].tolist() == [1, 2, 3, 4, 5, 6]


def test_header_cells_are_neutralised_too():
    assert export.safe_frame(pd.DataFrame({"=x": [1]})).columns[0] == "'=x"


def test_practice_and_country_exports(tiny_ds):
    out = export.practice_export(tiny_ds, tiny_ds.practices)
    assert "country_names" in out and out.loc[1, "country_names"] == "Philippines, India"
    assert "curator_note" not in out  # curators' working notes never leave the app
    table = export.country_export(tiny_ds, "PHL")
    assert "curator_note" not in table
    assert list(table["record"]).count("statistic") == 2 and list(table["record"]).count("practice") == 2

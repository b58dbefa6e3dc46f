import pandas as pd
import pytest

from lib import countries, i18n
from lib.load import DEFAULT_DATA_DIR


@pytest.fixture(scope="module")
def index():
    df = pd.read_csv(DEFAULT_DATA_DIR / "countries.csv", dtype=str, keep_default_na=False)
    return countries.search_names(df)


@pytest.mark.parametrize(
    "query,iso3",
    [
        ("Philippines", "PHL"),
        ("phillipines", "PHL"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("cote divoire", "CIV"),
        ("Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("UAE", "ARE"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Allemagne", "DEU"),
        ("Alemania", "DEU"),
        ("phl", "PHL"),
        ("Kosovo", "XKX"),
    ],
)
def test_lookup_common_forms(index, query, iso3):
    assert countries.lookup(query, index)[0].iso3 == iso3


def test_lookup_nothing(index):
    assert countries.lookup("", index) == []
    assert countries.lookup("zzzzqqq", index) == []


def test_fold():
    assert countries.fold("Côte d’Ivoire") == "cote d ivoire"


@pytest.mark.parametrize(
    "raw,expected", [("phl", "PHL"), (" PHL ", "PHL"), ("ZZZ", "ZZZ"), ("<script>", None), ("PH", None), ("", None), (None, None)]
)
def test_clean_iso3(raw, expected):
    assert countries.clean_iso3(raw) == expected


def test_names_follow_language(tables):
    df = tables["countries.csv"]
    assert countries.names(df, "en")["CIV"] == "Côte d'Ivoire"
    assert countries.names(df, "fr")["PHL"] == "Philippines"
    assert countries.names(df, "es")["PHL"] == "Filipinas"
    i18n.set_language("en")


def test_country_table_has_regions_and_aliases():
    df = pd.read_csv(DEFAULT_DATA_DIR / "countries.csv", dtype=str, keep_default_na=False).set_index("iso3")
    assert df.loc["PHL", "region"] == "Asia" and df.loc["PHL", "subregion"] == "South-eastern Asia"
    assert "Ivory Coast" in df.loc["CIV", "aliases"]
    assert "XKX" in df.index

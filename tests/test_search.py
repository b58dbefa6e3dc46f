import pytest

from lib import search
from lib.load import load_dataset


@pytest.fixture
def index(tiny_ds):
    return search.build_index(tiny_ds)


def ids(q, index):
    return search.search(q, index).ids


def test_empty_query_filters_nothing(index):
    assert search.search("  ", index) is None


def test_alias_and_accent_insensitive(index):
    assert ids("Ivory Coast", index) == ["civ-skills"]
    assert ids("cote d'ivoire", index) == ["civ-skills"]


def test_misspelt_country_and_word_prefix(index):
    assert ids("Phillipines return", index) == ["phl-reintegration"]
    assert set(ids("phillipines", index)) == {"phl-reintegration", "multi-health"}


def test_words_typo_tolerant(index):
    assert ids("livelyhood", index) == ["phl-reintegration"]
    assert ids("zzzz", index) == []


@pytest.fixture(scope="module")
def real_index():
    ds = load_dataset().dataset
    return ds, search.build_index(ds)


@pytest.mark.parametrize(
    "query,iso3", [("Ivory Coast", "CIV"), ("Turkey", "TUR"), ("UAE", "ARE"), ("Korea", "KOR"), ("Allemagne", "DEU")]
)
def test_real_data_aliases(real_index, query, iso3):
    ds, index = real_index
    found = search.search(query, index)
    assert iso3 in found.countries and found.ids


def test_real_data_philippine_reintegration(real_index):
    ds, index = real_index
    found = ds.practices[ds.practices["practice_id"].isin(search.search("Phillipines return", index).ids)]
    assert len(found) >= 2
    assert all("PHL" in c or "Philippin" in t + s for c, t, s in zip(found["countries"], found["title"], found["summary"]))

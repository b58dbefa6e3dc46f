from collections import defaultdict

import pytest

from lib import countries, load, search
from lib.load import load_dataset
from lib.schema import split_list


@pytest.fixture
def index(tiny_ds):
    return search.build_index(tiny_ds)


def ids(q, index):
    return search.search(q, index).ids


def test_empty_query_filters_nothing(index):
    assert search.search("  ", index) is None
    assert search.query_tokens(" \t ") == [] and search.search("", None) is None  # no index needed
    assert search.query_tokens("Côte d'Ivoire ") == ["cote", "d", "ivoire"]


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


def _reference_index(ds, country_names):
    """The index as it was built row by row before it was vectorised (the definition of its content)."""
    names_of = defaultdict(list)
    for name, iso3 in country_names.items():
        names_of[iso3].append(name)
    words, by_country = defaultdict(set), defaultdict(set)
    for p in ds.practices.itertuples(index=False):
        text = " ".join([p.title, p.summary, p.implementer, p.places])
        for iso3 in split_list(p.countries):
            by_country[iso3].add(p.practice_id)
            text += " " + " ".join(names_of.get(iso3, []))
        for w in countries.fold(text).split():
            words[w].add(p.practice_id)
    return dict(words), dict(by_country)


def test_the_vectorised_index_holds_the_same_words(tiny_ds):
    odd = ["Côte d’Ivoire\u00a0x", "ΟΔΟΣ,\tτέλος", "a\u2003b\x1cc", "  ", "", "¨x¨", "l'été; Straße", "ＡＢＣ ① ½"]
    practices = tiny_ds.practices.copy()
    for i, text in enumerate(odd):
        row = practices.iloc[i % len(tiny_ds.practices)].copy()
        row["practice_id"], row["title"], row["places"] = f"odd-{i}", text, odd[-1 - i]
        practices.loc[len(practices)] = row
    given = {f: getattr(tiny_ds, f) for f, spec in load.Dataset.__dataclass_fields__.items() if spec.init}
    ds = load.Dataset(**{**given, "practices": practices})
    names = countries.search_names(ds.countries)
    index = search.build_index(ds, names)
    assert (index.words, index.by_country) == _reference_index(ds, names)
    assert index.vocab == sorted(index.words)

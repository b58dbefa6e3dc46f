"""Full-text search over practices: accent- and case-insensitive, typo-tolerant, alias-aware.

The query is split into words. Words (or runs of up to three words) that name a country in any
common form ("Ivory Coast", "Turkey", "UAE", "Allemagne", "Phillipines") select that country's
practices; every other word must match a word of the practice's title, summary, implementer,
places or country names, allowing typos (rapidfuzz) and word prefixes ("return" ~ "returnees").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from lib import countries
from lib.load import Dataset, arrow_text

# What str.split() splits on (Python's whitespace), for RE2.
_SPACE = r"[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]+"
TEXT_COLUMNS = ("title", "summary", "implementer", "places")

STOPWORDS = {"the", "of", "and", "for", "in", "on", "to", "a", "an", "de", "la", "le", "les", "des", "du", "el", "los", "y", "et"}
MIN_WORD_SCORE = 84


@dataclass
class Index:
    words: dict[str, set[str]]  # folded word -> practice ids
    vocab: list[str]
    by_country: dict[str, set[str]]  # iso3 -> practice ids
    country_names: dict[str, str]  # folded name/alias -> iso3


def build_index(ds: Dataset, country_names: dict[str, str] | None = None) -> Index:
    """Every folded word of a practice's text and of its countries' names -> practice ids.

    Built column-at-once: the texts are split on whitespace by pyarrow, each distinct token is
    folded once (`countries.fold`, then split: the same words as folding the whole text), and the
    (word, practice) pairs are sorted and deduplicated with numpy.
    """
    country_names = country_names if country_names is not None else countries.search_names(ds.countries)
    names_of = defaultdict(list)
    for name, iso3 in country_names.items():
        names_of[iso3].append(name)
    ids = ds.practices["practice_id"].to_numpy(dtype=object)
    n = len(ids)
    links = ds.practice_countries
    joined = {iso3: " ".join(names) for iso3, names in names_of.items()}
    texts = [arrow_text(ds.practices[c]) for c in TEXT_COLUMNS]
    texts.append(pyarrow.array([joined.get(c, "") for c in links["iso3"].tolist()], pyarrow.large_string()))
    rows = np.concatenate([*(np.arange(n),) * len(TEXT_COLUMNS), pd.Index(ids).get_indexer(links["practice_id"])])
    parts = pc.split_pattern_regex(pyarrow.concat_arrays(texts), _SPACE)
    parent = rows[np.asarray(pc.list_parent_indices(parts), dtype=np.int64)]
    tokens = pc.dictionary_encode(pc.list_flatten(parts))
    folded = [countries.fold(t).split() for t in tokens.dictionary.to_pylist()]
    vocab = sorted(set(chain.from_iterable(folded)))
    code_of = {w: i for i, w in enumerate(vocab)}
    lens = np.array([len(f) for f in folded], dtype=np.int64)
    flat = np.array([code_of[w] for f in folded for w in f], dtype=np.int64)
    starts = np.cumsum(lens) - lens
    tok = np.asarray(tokens.indices, dtype=np.int64)
    rep = lens[tok]
    offset = np.arange(int(rep.sum())) - np.repeat(np.cumsum(rep) - rep, rep)
    keys = np.sort(flat[np.repeat(starts[tok], rep) + offset] * max(n, 1) + np.repeat(parent, rep))
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys  # sorted, distinct (word, row)
    word, row = keys // max(n, 1), keys % max(n, 1)
    cuts = np.flatnonzero(np.diff(word)) + 1
    words = {vocab[word[a]]: set(ids[row[a:b]].tolist()) for a, b in zip(np.r_[0, cuts], np.r_[cuts, len(word)]) if b > a}
    by_country: dict[str, set[str]] = defaultdict(set)
    for pid, iso3 in zip(links["practice_id"].tolist(), links["iso3"].tolist()):
        by_country[iso3].add(pid)
    return Index(words, sorted(words), dict(by_country), country_names)


def _country_spans(tokens: list[str], index: Index) -> tuple[set[str], set[int]]:
    """ISO3 codes named in the query and the token positions they used."""
    found, used = set(), set()
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            span = range(i, i + size)
            if used & set(span):
                continue
            phrase = " ".join(tokens[i : i + size])
            if len(phrase) < 2 or phrase in STOPWORDS:
                continue
            iso3 = index.country_names.get(phrase)
            if iso3 is None and len(phrase) >= 5:
                hit = process.extractOne(phrase, list(index.country_names), scorer=fuzz.ratio, score_cutoff=85)
                iso3 = index.country_names[hit[0]] if hit else None
            if iso3:
                found.add(iso3)
                used |= set(span)
    return found, used


def _word_matches(token: str, index: Index) -> set[str]:
    ids: set[str] = set()
    if token in index.words:
        ids |= index.words[token]
    if len(token) < 3:
        return ids
    cutoff = 100 if len(token) <= 3 else MIN_WORD_SCORE
    for word, _score, _ in process.extract(token, index.vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
        ids |= index.words[word]
    if len(token) >= 4:  # words starting with the token: a run of the sorted vocabulary
        for i in range(bisect_left(index.vocab, token), len(index.vocab)):
            if not index.vocab[i].startswith(token):
                break
            ids |= index.words[index.vocab[i]]
    return ids


@dataclass
class Result:
    ids: list[str]
    countries: set[str]  # ISO3 codes recognised in the query
    words: list[str]  # query words matched as text


def search(query: str, index: Index) -> Result | None:
    """Matching practice ids (None when the query is empty: no filtering)."""
    tokens = [t for t in countries.fold(query).split() if t]
    if not tokens:
        return None
    found, used = _country_spans(tokens, index)
    rest = [t for i, t in enumerate(tokens) if i not in used and t not in STOPWORDS]
    ids: set[str] | None = None
    if found:
        ids = set().union(*(index.by_country.get(c, set()) for c in found))
        # a country named in the text of a practice elsewhere also counts
        for c in found:
            for name, iso3 in index.country_names.items():
                if iso3 == c and name in index.words:
                    ids |= index.words[name]
    for token in rest:
        hits = _word_matches(token, index)
        ids = hits if ids is None else ids & hits
    return Result(sorted(ids or set()), found, rest)


def apply(practices: pd.DataFrame, result: Result | None) -> pd.DataFrame:
    if result is None:
        return practices
    return practices[practices["practice_id"].isin(result.ids)]

"""Full-text search over practices: accent- and case-insensitive, typo-tolerant, alias-aware.

The query is split into words. Words (or runs of up to three words) that name a country in any
common form ("Ivory Coast", "Turkey", "UAE", "Allemagne", "Phillipines") select that country's
practices; every other word must match a word of the practice's title, summary, implementer,
places or country names, allowing typos (rapidfuzz) and word prefixes ("return" ~ "returnees").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from lib import arrowtext, countries
from lib.load import Dataset, arrow_text

TEXT_COLUMNS = ("title", "summary", "implementer", "places")

STOPWORDS = {"the", "of", "and", "for", "in", "on", "to", "a", "an", "de", "la", "le", "les", "des", "du", "el", "los", "y", "et"}
MIN_WORD_SCORE = 84
_NONE = np.zeros(0, dtype=np.int64)


class Postings(Mapping):
    """Folded word -> the ids of the practices that use it, kept as sorted (word, row) pairs in numpy.

    `rows(word)` is what the search reads (row numbers, no Python objects); the set of ids of a word
    is built only when looked up (`index.words["return"]`): at 100,000 practices building every set
    cost more than the rest of the index."""

    def __init__(self, vocab: list[str], starts: np.ndarray, rows: np.ndarray, ids: np.ndarray) -> None:
        self._at = {w: i for i, w in enumerate(vocab)}
        self._starts, self._rows, self._ids = starts, rows, ids

    def rows(self, word: str) -> np.ndarray:
        i = self._at.get(word)
        return _NONE if i is None else self._rows[self._starts[i] : self._starts[i + 1]]

    def __getitem__(self, word: str) -> set[str]:
        i = self._at[word]
        return set(self._ids[self._rows[self._starts[i] : self._starts[i + 1]]].tolist())

    def __contains__(self, word: object) -> bool:
        return word in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


@dataclass
class Index:
    words: Postings  # folded word -> practice ids
    vocab: list[str]
    by_country: dict[str, set[str]]  # iso3 -> practice ids
    country_names: dict[str, str]  # folded name/alias -> iso3
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))  # practice id of each row
    country_rows: dict[str, np.ndarray] = field(default_factory=dict)  # iso3 -> rows


def _tokens(a: pyarrow.Array) -> tuple[pyarrow.Array, np.ndarray]:
    """The cells' tokens cut at plain spaces, each with the spaces after it ("word  "), as a string
    array over the column's own bytes (nothing copied), and the cell each token is in.

    A token starts where a cell starts or a non-space byte follows a space; it runs to the next
    start (a cell's end is the next cell's start). Folding drops the spaces again, so the words are
    those of `split(" ")`; a UTF-8 character never holds the byte of a space."""
    offsets = arrowtext.offsets(a)
    first, last = int(offsets[0]), int(offsets[-1])
    if last == first:
        return pyarrow.array([], pyarrow.large_string()), _NONE
    data = np.frombuffer(a.buffers()[2], dtype=np.uint8)[first:last]
    space = data == 32
    start = np.zeros(len(data), dtype=bool)
    start[1:] = space[:-1] & ~space[1:]
    cells = offsets[:-1][offsets[1:] > offsets[:-1]] - first
    start[cells] = True
    at = np.flatnonzero(start) + first
    bounds = pyarrow.py_buffer(np.append(at, last))
    tokens = pyarrow.LargeStringArray.from_buffers(len(at), bounds, a.buffers()[2])
    return tokens, np.searchsorted(offsets, at, side="right") - 1


def _pairs(columns: list[tuple[pyarrow.Array, np.ndarray]], n: int) -> tuple[list[str], np.ndarray]:
    """The vocabulary and the sorted distinct keys word * n + row, for texts given as (column, row of
    each cell): each distinct token is folded once (`countries.fold`, then split)."""
    coded = []
    for a, rows in columns:
        tokens, cell = _tokens(a)
        enc = pc.dictionary_encode(tokens)
        coded.append((enc.dictionary.to_pylist(), np.asarray(enc.indices), rows[cell]))
    folded = {t: countries.fold(t).split() for values, _, _ in coded for t in values}
    vocab = sorted(set(chain.from_iterable(folded.values())))
    code_of = {w: i for i, w in enumerate(vocab)}
    keys = []
    for values, tok, parent in coded:
        words = [folded[t] for t in values]
        lens = np.array([len(f) for f in words], dtype=np.int64)
        # most tokens fold to one word: their code directly; the few of several words are repeated
        one = np.array([code_of[f[0]] if len(f) == 1 else -1 for f in words], dtype=np.int64)
        code = one[tok] if len(tok) else _NONE
        single = code >= 0
        keys.append(code[single] * n + parent[single])
        several = np.flatnonzero(lens[tok] > 1) if len(tok) else _NONE
        if len(several):
            flat = np.array([code_of[w] for f in words for w in f], dtype=np.int64)
            starts = np.cumsum(lens) - lens
            rep = lens[tok[several]]
            offset = np.arange(int(rep.sum())) - np.repeat(np.cumsum(rep) - rep, rep)
            keys.append(flat[np.repeat(starts[tok[several]], rep) + offset] * n + np.repeat(parent[several], rep))
    keys = np.sort(np.concatenate(keys)) if keys else _NONE  # (not np.unique: its hashing took 3.6 s here)
    return vocab, keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def build_index(ds: Dataset, country_names: dict[str, str] | None = None) -> Index:
    """Every folded word of a practice's text and of its countries' names -> practice ids.

    Built column-at-once: the texts are cut at spaces over their bytes (`_tokens`), each distinct
    token is folded once (the same words as folding the whole text, whatever other whitespace a
    token holds), and the (word, practice) pairs are sorted and deduplicated with numpy.
    """
    country_names = country_names if country_names is not None else countries.search_names(ds.countries)
    names_of = defaultdict(list)
    for name, iso3 in country_names.items():
        names_of[iso3].append(name)
    ids = ds.practices["practice_id"].to_numpy(dtype=object)
    n = len(ids)
    links = ds.practice_countries
    joined = {iso3: " ".join(names) for iso3, names in names_of.items()}
    link_iso3 = links["iso3"].tolist()
    link_rows = pd.Index(ids).get_indexer(links["practice_id"])
    texts = [(arrow_text(ds.practices[c]), np.arange(n)) for c in TEXT_COLUMNS]
    texts.append((pyarrow.array([joined.get(c, "") for c in link_iso3], pyarrow.large_string()), link_rows))
    vocab, keys = _pairs(texts, max(n, 1))
    row = keys % max(n, 1)
    bounds = np.searchsorted(keys, np.arange(len(vocab) + 1) * max(n, 1))  # every vocabulary word has a row
    by_country: dict[str, set[str]] = defaultdict(set)
    for pid, iso3 in zip(links["practice_id"].tolist(), link_iso3):
        by_country[iso3].add(pid)
    coded = pc.dictionary_encode(pyarrow.array(link_iso3, pyarrow.large_string()))
    codes = np.asarray(coded.indices, dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    bounds_of = np.searchsorted(codes[order], np.arange(len(coded.dictionary) + 1))
    country_rows = {c: link_rows[order[bounds_of[i] : bounds_of[i + 1]]] for i, c in enumerate(coded.dictionary.to_pylist())}
    return Index(Postings(vocab, bounds, row, ids), vocab, dict(by_country), country_names, ids, country_rows)


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


def _word_matches(token: str, index: Index) -> np.ndarray:
    """Which rows hold the token, a word within typing distance of it or, from 4 letters, a word it starts."""
    hit = np.zeros(len(index.ids), dtype=bool)
    hit[index.words.rows(token)] = True
    if len(token) < 3:
        return hit
    cutoff = 100 if len(token) <= 3 else MIN_WORD_SCORE
    for word, _score, _ in process.extract(token, index.vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
        hit[index.words.rows(word)] = True
    if len(token) >= 4:  # words starting with the token: a run of the sorted vocabulary
        for i in range(bisect_left(index.vocab, token), len(index.vocab)):
            if not index.vocab[i].startswith(token):
                break
            hit[index.words.rows(index.vocab[i])] = True
    return hit


@dataclass
class Result:
    ids: list[str]
    countries: set[str]  # ISO3 codes recognised in the query
    words: list[str]  # query words matched as text


def query_tokens(query: str) -> list[str]:
    """The query's folded words; none for an empty query, which needs no index (and filters nothing)."""
    return [t for t in countries.fold(query).split() if t]


def search(query: str, index: Index) -> Result | None:
    """Matching practice ids (None when the query is empty: no filtering)."""
    tokens = query_tokens(query)
    if not tokens:
        return None
    found, used = _country_spans(tokens, index)
    rest = [t for i, t in enumerate(tokens) if i not in used and t not in STOPWORDS]
    hit: np.ndarray | None = None
    if found:
        hit = np.zeros(len(index.ids), dtype=bool)
        for c in found:
            hit[index.country_rows.get(c, _NONE)] = True
        # a country named in the text of a practice elsewhere also counts
        for c in found:
            for name, iso3 in index.country_names.items():
                if iso3 == c:
                    hit[index.words.rows(name)] = True
    for token in rest:
        rows = _word_matches(token, index)
        hit = rows if hit is None else hit & rows
    ids = [] if hit is None else sorted(index.ids[np.flatnonzero(hit)].tolist())
    return Result(ids, found, rest)


def apply(practices: pd.DataFrame, result: Result | None) -> pd.DataFrame:
    if result is None:
        return practices
    wanted = pyarrow.array(result.ids, pyarrow.large_string())
    return practices[np.asarray(pc.is_in(arrow_text(practices["practice_id"]), value_set=wanted), dtype=bool)]

"""Curation checks against the source texts (run when ../shared/seeds or $ATLAS_SEEDS_DIR exists).

- every statistic's value is printed in its source document;
- no practice summary repeats a run of 12 or more consecutive words from its source;
- every annex response of the IOM paper is in practices.csv;
- every raw annex "Issues addressed" string (curation/annex_issue_strings.csv) is printed in the paper,
  is a listed variant of its issue area, and the row's issue_areas are exactly its mapped ids;
- no reader-facing text (practice and statistic notes, indicator definitions) uses curation vocabulary;
- value_text is printed in the source for every statistic; value is empty exactly for fraction words,
  and otherwise its digits (or a number word) are in value_text;
- related_ids are symmetric; returns_total holds only totals and restatements.
"""

import os
import re
from pathlib import Path

import pandas as pd
import pytest

from lib.countries import fold
from lib.load import load_dataset
from tests.conftest import ROOT, SEEDS

SEEDS_DIR = Path(os.environ.get("ATLAS_SEEDS_DIR", SEEDS))
pytestmark = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"source texts not found at {SEEDS_DIR} (set ATLAS_SEEDS_DIR)")


@pytest.fixture(scope="module")
def ds():
    return load_dataset().dataset


@pytest.fixture(scope="module")
def texts(ds):
    out = {}
    for r in ds.sources.itertuples():
        raw = (SEEDS_DIR / r.file).read_text(encoding="utf-8")
        out[r.source_id] = raw
    return out


def number_forms(value: float) -> set[str]:
    """Ways a number may be printed: 600000 -> 600,000 / 600 000 / 600.000 / 600000; 4.7 -> 4,7."""
    if float(value).is_integer():
        n = int(value)
        plain = str(n)
        grouped = f"{n:,}"
        return {plain, grouped, grouped.replace(",", " "), grouped.replace(",", "."), grouped.replace(",", "\u202f")}
    s = repr(float(value))
    return {s, s.replace(".", ",")}


WORD_NUMBERS = {50: ("half", "fifty"), 1: ("one",), 2: ("two",), 3: ("three",), 4: ("four",), 5: ("five",), 10: ("ten",)}


def test_every_statistic_value_is_printed_in_its_source(ds, texts):
    missing = []
    for r in ds.statistics.itertuples():
        if pd.isna(r.value):  # a fraction in words: checked by the value_text tests
            continue
        text = re.sub(r"\s+", " ", texts[r.source_id])
        forms = number_forms(r.value)
        found = any(re.search(r"(?<![\d.,])" + re.escape(f) + r"(?![\d]|[.,]\d)", text) for f in forms)
        if not found and r.value in WORD_NUMBERS:
            found = any(w in text.lower() for w in WORD_NUMBERS[r.value])
        if not found:
            missing.append(f"{r.stat_id}: {r.value}")
    assert missing == []


def test_no_summary_copies_twelve_words(ds, texts):
    folded = {k: " " + fold(v) + " " for k, v in texts.items()}
    copied = []
    for r in ds.practices.itertuples():
        words = fold(r.summary).split()
        for i in range(len(words) - 11):
            run = " " + " ".join(words[i : i + 12]) + " "
            if run in folded[r.source_id]:
                copied.append(f"{r.practice_id}: {run.strip()}")
                break
    assert copied == []


def test_every_annex_response_is_a_practice(ds):
    annex = ds.practices[ds.practices["locator"].str.startswith("Annex row")]
    numbers = sorted(int(x.split()[-1]) for x in annex["locator"])
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 88  # the annex has about 90 rows


def raw(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / name, dtype=str, keep_default_na=False)


def squash(text: str) -> str:
    """Text with line breaks, hyphens and spaces removed and apostrophes/dashes folded, for finding printed words."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"[\s\-\u00ad]+", "", text).lower()


ISSUE_STRINGS = ROOT / "curation" / "annex_issue_strings.csv"


def test_every_raw_annex_issue_string_maps_to_its_issue_area(texts):
    strings = pd.read_csv(ISSUE_STRINGS, dtype=str, keep_default_na=False)
    areas = raw("issue_areas.csv")
    variants = {r.issue_area_id: set(r.variants.split(";")) for r in areas.itertuples()}
    paper = squash(texts["iom2021_covid_socioeconomic"])
    unmapped = [
        f"{r.locator}: {r.raw_issue_string!r} -> {r.issue_area_id}"
        for r in strings.itertuples()
        if r.raw_issue_string not in variants.get(r.issue_area_id, set())
    ]
    assert unmapped == []
    not_printed = [
        f"{r.locator}: {r.raw_issue_string!r}"
        for r in strings.itertuples()
        if squash(r.raw_issue_string.rstrip(".")) not in paper
    ]
    assert not_printed == []
    # a raw string maps to exactly one issue area
    owners = {}
    for area, vs in variants.items():
        for v in vs:
            owners.setdefault(v, set()).add(area)
    assert {v: a for v, a in owners.items() if len(a) > 1} == {}


def test_every_annex_practice_has_the_issue_areas_of_its_own_row():
    strings = pd.read_csv(ISSUE_STRINGS, dtype=str, keep_default_na=False)
    variants = {v: r.issue_area_id for r in raw("issue_areas.csv").itertuples() for v in r.variants.split(";") if v}
    mapped = strings.assign(id=strings["raw_issue_string"].map(variants)).groupby("practice_id")["id"].apply(set)
    practices = raw("practices.csv")
    annex = practices[practices["locator"].str.startswith("Annex row")]
    differ = [
        f"{r.locator} {r.practice_id}: {r.issue_areas} vs {sorted(mapped.get(r.practice_id, set()))}"
        for r in annex.itertuples()
        if set(r.issue_areas.split(";")) != mapped.get(r.practice_id, set())
    ]
    assert differ == []
    loc = dict(zip(practices["practice_id"], practices["locator"]))
    assert [r.practice_id for r in strings.itertuples() if loc.get(r.practice_id) != r.locator] == []


# Words of the curators' trade that must not reach readers (they belong in curator_note).
CURATION_VOCABULARY = (
    "columns interleaved",
    "interleaved",
    "unit added",
    "added unit",
    "kept because",
    "annex row",
    "curator",
    "seed",
    "boundary row",
    "issues raw",
    "title descriptive",
    "judgement",
    "unsure",
    "round 2",
    "round-2",
    "round 1",
    "merge",
    "part file",
    "stat_id",
    "practice_id",
    "value_text",
    "figure_role",
    "qualifier",
    "l.",
    "line ",
    "lines ",
    "wld used",
    "used only because",
    "is the word as a number",
    "reverse-order",
    "proposed",
    "reader a",
    "reader b",
    "todo",
    "fixme",
)
UNIT_ADDED = re.compile(r"\bunit\b[^.;]*\badded\b", re.I)


def curation_words(text: str) -> list[str]:
    low = " " + text.lower() + " "
    found = [w for w in CURATION_VOCABULARY if (" " + w if w[0].isalpha() else w) in low]
    return found + (["unit ... added"] if UNIT_ADDED.search(text) else [])


def test_no_reader_facing_text_uses_curation_vocabulary():
    bad = []
    for file, id_col, col in (
        ("practices.csv", "practice_id", "note"),
        ("statistics.csv", "stat_id", "note"),
        ("indicators.csv", "indicator_id", "definition"),
        ("indicators.csv", "indicator_id", "name"),
    ):
        for r in raw(file).itertuples():
            words = curation_words(getattr(r, col))
            if words:
                bad.append(f"{file} {getattr(r, id_col)} {col}: {words}")
    assert bad == []


def test_curation_vocabulary_check_catches_examples():
    assert curation_words("Unit qar_billion added.") == ["unit ... added"]
    assert curation_words("Columns interleaved in the PDF") == ["columns interleaved", "interleaved"]
    assert curation_words("See Annex row 12 (seed l.300)")
    assert curation_words("Returns to Ghana from Libya on 24 November, by charter flight.") == []


# Printed words for a share with no exact number: value stays empty.
FRACTION_WORDS = re.compile(
    r"\b(half|a third|one third|two thirds|a quarter|one in (two|three|four|five)|the majority|majority)\b", re.I
)
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}


def test_value_is_empty_exactly_for_fraction_words():
    bad = []
    for r in raw("statistics.csv").itertuples():
        if not r.value_text:
            bad.append(f"{r.stat_id}: no value_text")
            continue
        fraction = bool(FRACTION_WORDS.search(r.value_text)) and not re.search(r"\d", r.value_text)
        if fraction != (r.value == ""):
            bad.append(f"{r.stat_id}: value {r.value!r} for {r.value_text!r}")
            continue
        if r.value:
            digits = r.value.rstrip("0").rstrip(".") if "." in r.value else r.value
            printed = re.sub(r"[,\s\u202f]", "", r.value_text)
            words = {NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", r.value_text.lower()) if w in NUMBER_WORDS}
            if digits not in printed and float(r.value) not in words:
                bad.append(f"{r.stat_id}: value {r.value} not in {r.value_text!r}")
    assert bad == []


def printed(value_text: str, squashed_source: str, window: int = 300) -> bool:
    """value_text is in the source; where PDF columns interleave ("around Workers Repatriated in 2020: 327,511"),
    its number must be printed and its other words within `window` characters before it."""
    if squash(value_text) in squashed_source:
        return True
    words = value_text.split()
    numbers = [w for w in words if re.search(r"\d", w)]
    if len(numbers) != 1:
        return False
    number = squash(numbers[0])
    for m in re.finditer(re.escape(number), squashed_source):
        before = squashed_source[max(0, m.start() - window) : m.start()]
        if all(squash(w) in before for w in words if w != numbers[0]):
            return True
    return False


def test_every_value_text_is_printed_in_its_source(texts):
    squashed = {k: squash(v) for k, v in texts.items()}
    missing = [
        f"{r.stat_id}: {r.value_text!r}"
        for r in raw("statistics.csv").itertuples()
        if not printed(r.value_text, squashed[r.source_id])
    ]
    assert missing == []


def test_every_statistic_has_an_explicit_figure_role_and_links_fit_it():
    stats = raw("statistics.csv")
    bad = [f"{r.stat_id}: role {r.figure_role!r}" for r in stats.itertuples() if r.figure_role == ""]
    bad += [f"{r.stat_id}: part_of without part" for r in stats.itertuples() if r.part_of and r.figure_role != "part"]
    bad += [
        f"{r.stat_id}: restates without restates"
        for r in stats.itertuples()
        if (r.restates != "") != (r.figure_role == "restates")
    ]
    assert bad == []


def test_returns_total_holds_only_totals_and_restatements():
    stats = raw("statistics.csv")
    returns = stats[stats["indicator"] == "returns_total"]
    assert sorted(set(returns["figure_role"]) - {"total", "restates"}) == []
    assert (stats.loc[stats["indicator"] == "returns_operation", "figure_role"] != "total").all()


def test_related_ids_are_symmetric():
    practices = raw("practices.csv")
    links = {r.practice_id: set(filter(None, r.related_ids.split(";"))) for r in practices.itertuples()}
    one_way = [f"{a} -> {b}" for a, bs in links.items() for b in bs if a not in links.get(b, set())]
    assert one_way == []
    assert [a for a, bs in links.items() if a in bs] == []


def test_every_indicator_has_an_explicit_map_rule():
    assert [r.indicator_id for r in raw("indicators.csv").itertuples() if r.map_rule == ""] == []

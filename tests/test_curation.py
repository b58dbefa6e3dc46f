"""Curation checks against the source texts (run when ../shared/seeds or $ATLAS_SEEDS_DIR exists).

- every statistic's value is printed in its source document;
- no practice summary repeats a run of 12 or more consecutive words from its source;
- every annex response of the IOM paper is in practices.csv.
"""

import os
import re
from pathlib import Path

import pytest

from lib.countries import fold
from lib.load import load_dataset
from tests.conftest import SEEDS

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

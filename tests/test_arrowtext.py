"""The column-at-once text tests give, cell by cell, what the element-wise Python gives."""

from __future__ import annotations

import random
import re

import numpy as np
import pyarrow as pa
import pytest

from lib import arrowtext

ALPHABET = ["a", "é", " ", "\t", "\n", "\r", "\x0b", "\x1c", "\x1f", "\x01", "\x7f", "\x85", "\u00a0", "x"]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _cells(n: int = 4000, seed: int = 7) -> pa.Array:
    rng = random.Random(seed)
    values = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 10))) for _ in range(n)]
    return pa.array([*values, "", "", "word"], pa.large_string())


def _ascii(arr: pa.Array) -> list[bool]:
    return [v.isascii() for v in arr.to_pylist()]


def test_word_counts_are_str_split_on_ascii_cells():
    arr = _cells()
    for a in (arr, arr.slice(11, 900), pa.array(["", " ", "ab"], pa.large_string())):
        want = np.array([len(v.split()) for v in a.to_pylist()])
        ascii_ = np.array(_ascii(a))
        assert (arrowtext.word_counts(a)[ascii_] == want[ascii_]).all()


@pytest.mark.parametrize("block", [3, 8, 1 << 18])
def test_control_characters_are_found_as_the_regex_finds_them(block, monkeypatch):
    monkeypatch.setattr(arrowtext, "BLOCK", block)  # small blocks: most are skipped by the minimum, some not
    for text in ("plain ascii", "tab\tand\nlines", "nbsp\u00a0é", "esc\x1b", "del\x7f", "c1\u0085", "\x00"):
        cells = pa.array(["x" * k + text for k in range(10)] + ["clean cell"] * 3, pa.large_string())
        assert list(arrowtext.no_control(cells)) == [not CONTROL.search(v) for v in cells.to_pylist()], text
    for a in (_cells(seed=1), _cells(seed=2).slice(5, 700), pa.array(["\u00c2\u0080", "ok\n", "é"], pa.large_string())):
        assert list(arrowtext.no_control(a)) == [not CONTROL.search(v) for v in a.to_pylist()]
    blocks = pa.array(["x" * (arrowtext.BLOCK - 1) + "\u0085"], pa.large_string())  # C1 across a block end
    assert not arrowtext.no_control(blocks)[0]


def test_membership_is_the_same_whichever_side_is_hashed():
    ids = pa.array([f"id{i}" for i in range(10_000)], pa.large_string())
    cells = pa.array(["id5", "nope", "id9999", "id5", ""], pa.large_string())
    assert list(arrowtext.is_in(cells, ids)) == [True, False, True, True, False]
    assert list(arrowtext.is_in(ids.slice(0, 3), cells)) == [False, False, False]

"""lib.checks: the slug check's column form gives, cell by cell, what `re.match(SLUG)` gives."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pytest

from lib import arrowtext, checks, fastcheck

VALID = ["a", "a" * 80, "0", "a-b_c9", "stat-000123", "z" * 79 + "-"]
INVALID = ["a" * 81, "", "-a", "_a", "A", "a\n", "a b", "é", "aé", "a.b", "a\x00", "a/b", "ab~", "a,b", "{a}", "a`"]


def _want(cells: list[str]) -> list[bool]:
    return [bool(re.match(checks.SLUG, v)) for v in cells]


@pytest.mark.parametrize("odd", [None, *INVALID], ids=["all-valid", *map(repr, INVALID)])
def test_the_slug_column_form_is_re_match(odd):
    cells = VALID * 3 + ([odd] if odd is not None else []) + VALID
    a = pa.array(cells, pa.large_string())
    got, want = checks._slugs(a), _want(cells)
    ascii_ = np.array([v.isascii() for v in cells])
    assert (got[ascii_] == np.array(want)[ascii_]).all()
    # and through the engine, which asks the element-wise form about non-ASCII cells
    assert list(fastcheck._passes(checks.slug("must be a slug"), a)) == want


def test_the_slug_column_form_reads_a_slice_of_its_array():
    a = pa.array(["Bad", *VALID, "bad one"], pa.large_string())
    for part in (a.slice(1, len(VALID)), a.slice(0, 3), a.slice(len(VALID), 2)):
        cells = part.to_pylist()
        assert list(fastcheck._passes(checks.slug("must be a slug"), part)) == _want(cells), cells


def test_slug_bytes_look_at_every_block(monkeypatch):
    monkeypatch.setattr(arrowtext, "BLOCK", 4)
    for i in range(12):
        data = np.frombuffer(b"abcdefghijkl"[:i] + b"!" + b"mnop", dtype=np.uint8)
        assert not arrowtext.slug_bytes(data)
    assert arrowtext.slug_bytes(np.frombuffer(b"az09_-" * 5, dtype=np.uint8))

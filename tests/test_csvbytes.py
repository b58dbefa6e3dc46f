import itertools

import numpy as np
import pytest

from lib import csvbytes


@pytest.mark.parametrize("size", [0, 1, 6, 7, 8, 13, 14, 15, 1000])
@pytest.mark.parametrize("threads", [False, True])
def test_scan_finds_what_a_plain_search_finds(size, threads, monkeypatch):
    """Block edges (7 bytes here) and the two halves' edge lose nothing and count nothing twice."""
    monkeypatch.setattr(csvbytes, "_CHUNK", 7)
    monkeypatch.setattr(csvbytes, "_PARALLEL_SCAN", 1 if threads else 10**9)
    rng = np.random.default_rng(size)
    raw = rng.choice(np.array([0, 10, 13, 34, 44, 97], dtype=np.uint8), size=size, p=[0.01, 0.2, 0.01, 0.2, 0.2, 0.38])
    found = csvbytes.scan(raw)
    assert found.lf.tolist() == np.flatnonzero(raw == 10).tolist()
    assert found.quotes.tolist() == np.flatnonzero(raw == 34).tolist()
    assert (found.nul, found.cr) == (bool((raw == 0).any()), bool((raw == 13).any()))
    one = raw.copy()
    one[one == 0], one[one == 13] = 97, 97
    assert not csvbytes.scan(one).nul and not csvbytes.scan(one).cr


def _strict(text: bytes) -> bool:
    """The placement rule written plainly, run by run, with a running count of the quotes before."""
    delim, i, before = b",\n\r", 0, 0
    while i < len(text):
        if text[i] != 34:
            i += 1
            continue
        end = i
        while end + 1 < len(text) and text[end + 1] == 34:
            end += 1
        run, inside = end - i + 1, before % 2 == 1
        opens = i == 0 or text[i - 1] in delim
        closes = end == len(text) - 1 or text[end + 1] in delim
        if not inside and not opens:
            return False  # a quote inside an unquoted cell
        ends_inside = inside != (run % 2 == 1)  # the quotes after the run leave the cell open?
        if not ends_inside and not closes and (inside or run % 2 == 0):
            return False  # a quoted cell closed with text glued after it
        before, i = before + run, end + 1
    return before % 2 == 0


def test_quote_placement_read_in_pieces_gives_the_answer_of_one_piece(monkeypatch):
    """Every text of up to 6 bytes of `a",`, CR, LF and space: read 1, 2 or 3 quotes at a time (a
    run is never split), or in one piece, the placement is what the plain rule says."""
    texts = [bytes(t) for n in range(7) for t in itertools.product(b'a",\n\r ', repeat=n)]
    want = [_strict(t) for t in texts]
    assert 0 < sum(want) < len(want)
    for piece in (1, 2, 3, 10**9):
        monkeypatch.setattr(csvbytes, "_QUOTES", piece)
        got = [
            csvbytes.quotes_are_strict(np.frombuffer(t, dtype=np.uint8), np.flatnonzero(np.frombuffer(t, dtype=np.uint8) == 34))
            for t in texts
        ]
        assert got == want, piece


def test_a_long_run_of_quotes_is_never_split(monkeypatch):
    """A cell of 300 doubled quotes among ordinary cells: read 3 quotes at a time, the same answer
    (and for the same file with text glued after a closing quote)."""
    good = b'a,b\n"x",' + b'"' + b'""' * 300 + b'"\n"y",z\n' + b'"' * 8 + b",1\n"
    bad = good.replace(b'"\n"y"', b'"!\n"y"')
    for text, strict in ((good, True), (bad, False)):
        buf = np.frombuffer(text, dtype=np.uint8)
        q = np.flatnonzero(buf == 34)
        monkeypatch.setattr(csvbytes, "_QUOTES", 10**9)
        assert csvbytes.quotes_are_strict(buf, q) is strict
        monkeypatch.setattr(csvbytes, "_QUOTES", 3)
        assert csvbytes.quotes_are_strict(buf, q) is strict
        for hi in range(1, len(q)):
            start = csvbytes._run_start(q, hi)
            assert start == len(q) or q[start] != q[start - 1] + 1
            assert all(q[i] == q[i - 1] + 1 for i in range(hi, start))

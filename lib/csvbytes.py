"""What a CSV file's bytes hold, found in bulk: line feeds, quotes, NULs, CRs, and whether each quote
sits where Python's strict csv reader accepts it (read by `lib.arrowcsv` before it lets pyarrow parse).

numpy's comparisons release the GIL and are fastest over blocks that stay in cache, so a large file is
scanned a block at a time in two threads, and quotes are placed a piece at a time, so that the
temporary arrays stay small and are reused (bench/RESULTS.md, "Session 12 (#19)").
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

_QUOTE, _COMMA, _LF, _CR = 34, 44, 10, 13
_DELIM = np.zeros(256, dtype=bool)  # a byte lookup: what may stand beside a field's quote
_DELIM[[_COMMA, _LF, _CR]] = True

_CHUNK = 1 << 20  # bytes scanned at a time: the comparison's temporary array stays in cache
_PARALLEL_SCAN = 8 << 20  # from this size a file's bytes are scanned in two threads
_QUOTES = 1 << 16  # quotes placed at a time (`quotes_are_strict`)


@dataclass(frozen=True)
class Scan:
    """What `scan` found in a file's bytes: the line feeds' and quotes' positions (ascending) and
    whether it holds a NUL or a carriage return."""

    lf: np.ndarray
    quotes: np.ndarray
    nul: bool
    cr: bool


def _scan(buf: np.ndarray, lo: int, hi: int) -> Scan:
    """`scan` of `buf[lo:hi]`, a block at a time: each block is compared three times and tested for
    a zero byte while it is in cache (one comparison over 300 MB has a 300 MB temporary array that
    never is)."""
    lf, quotes, nul, cr = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], False, False
    for i in range(lo, hi, _CHUNK):
        block = buf[i : min(i + _CHUNK, hi)]
        lf.append(np.flatnonzero(block == _LF) + i)
        quotes.append(np.flatnonzero(block == _QUOTE) + i)
        nul = nul or not block.all()
        cr = cr or bool(np.count_nonzero(block == _CR))
    return Scan(np.concatenate(lf), np.concatenate(quotes), nul, cr)


def scan(buf: np.ndarray) -> Scan:
    """Line feeds, quotes, NULs and carriage returns in one pass; a large file's two halves in two
    threads (numpy's comparisons release the GIL): 0.25 -> 0.13 s over 300 MB, bench/RESULTS.md
    "Session 12 (#19)"."""
    if len(buf) < _PARALLEL_SCAN:
        return _scan(buf, 0, len(buf))
    mid = len(buf) // 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(lambda lohi: _scan(buf, *lohi), ((0, mid), (mid, len(buf)))))
    return Scan(
        np.concatenate([p.lf for p in parts]),
        np.concatenate([p.quotes for p in parts]),
        any(p.nul for p in parts),
        any(p.cr for p in parts),
    )


def _runs_are_strict(buf: np.ndarray, q: np.ndarray, first: int) -> bool:
    """`quotes_are_strict` for whole quote runs `q` whose first quote is the file's `first`-th."""
    cut = np.flatnonzero(np.diff(q) != 1) + 1
    heads = np.r_[0, cut]
    starts, ends = q[heads], q[np.r_[cut - 1, len(q) - 1]]
    inside = ((heads + first) & 1) == 1  # an odd number of quotes before the run
    at_start = _DELIM[buf[starts - 1]] | (starts == 0)  # (at 0, buf[-1] is read, then overruled)
    at_end = _DELIM[buf[np.minimum(ends + 1, len(buf) - 1)]] | (ends >= len(buf) - 1)
    odd = ((ends - starts) & 1) == 0
    # outside: must open a field; an even run outside (an empty "") or an odd run inside must close one
    bad = (~inside & ~at_start) | (~at_end & (inside == odd))
    return not bad.any()


def quotes_are_strict(buf: np.ndarray, q: np.ndarray) -> bool:
    """Whether every `"` in the bytes (at positions `q`) sits where the strict csv reader accepts it,
    read the same way by pyarrow: opening a field, doubled inside one, or closing one before a comma
    or line end.

    Inside or outside a quoted field is the parity of the quotes before a run (a quote in an
    unquoted field would break it: that alone sends the file to the slow reader). Read _QUOTES at a
    time, each piece ending where a run ends, so that the temporary arrays stay small and are reused
    (1.8M quotes in one piece put 0.04-0.18 s of fresh memory on a cold load here)."""
    if len(q) % 2:
        return False  # a quoted cell is never closed
    lo = 0
    while lo < len(q):
        hi = _run_start(q, min(lo + _QUOTES, len(q)))
        if not _runs_are_strict(buf, q[lo:hi], lo):
            return False
        lo = hi
    return True


def _run_start(q: np.ndarray, hi: int) -> int:
    """The first quote at or after `q[hi]` that starts a run (or len(q)): a piece never splits a run,
    looked for _QUOTES at a time (a cell of many doubled quotes is one long run)."""
    while hi < len(q) and q[hi] == q[hi - 1] + 1:
        steps = np.diff(q[hi - 1 : hi + _QUOTES])  # steps[j] = q[hi + j] - q[hi + j - 1]
        gaps = np.flatnonzero(steps != 1)
        hi += int(gaps[0]) if len(gaps) else len(steps)
    return hi

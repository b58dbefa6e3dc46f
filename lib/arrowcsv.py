"""Parsing CSV bytes: pyarrow's parser when it certainly gives what Python's strict csv reader gives, else that reader.

pyarrow reads a 300 MB file in well under a second where `csv.reader` takes many; but it is more
lenient (text after a closing quote is glued on, blank lines are dropped without counting rows).
So `read` first checks, in bulk, what could differ: NUL bytes, blank lines, every quote run's place
(a quote run is legal when parity says it opens or escapes, or it closes before a delimiter), and a
plain one-line header. Anything unusual returns None and `lib.load` reads the file the slow way
(`decode`, `records`: the csv module), which words every problem. tests/test_load.py keeps both readers equal on the bad-input corpus.
"""

from __future__ import annotations

import contextlib
import csv
import io
import mmap
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from lib.arrowtext import offsets
from lib.checks import WHITESPACE
from lib.csvbytes import quotes_are_strict, scan
from lib.schema import Problem

BOM = b"\xef\xbb\xbf"
QUOTE = '"'
_LF, _CR = 10, 13
_PARALLEL_ROWS = 50_000  # from this many rows the columns are trimmed in two threads
_BLOCKS, _MIN_BLOCK = 8, 4 << 20  # pyarrow parses a file in up to 8 blocks of at least 4 MB, in parallel


def _edge_bytes(edge: int) -> np.ndarray:
    """A byte lookup: True for the first (edge 0) or last (edge -1) UTF-8 byte of a character
    `str.strip()` removes."""
    table = np.zeros(256, dtype=bool)
    table[[ch.encode()[edge] for ch in WHITESPACE]] = True
    return table


_FIRST, _LAST = _edge_bytes(0), _edge_bytes(-1)


def _untrimmed(a: pyarrow.Array) -> bool:
    """Whether some cell's first or last byte could belong to a whitespace character."""
    data = a.buffers()[2] if len(a) else None
    if data is None:
        return False  # every cell is empty
    cuts, data = offsets(a), np.frombuffer(data, dtype=np.uint8)
    full = cuts[1:] > cuts[:-1]
    return bool(_FIRST[data[cuts[:-1][full]]].any() or _LAST[data[cuts[1:][full] - 1]].any())


def trimmed(col: pyarrow.ChunkedArray) -> pyarrow.ChunkedArray:
    """The column stripped as `str.strip()` strips, in the parser's chunks (joining them would copy
    every byte into fresh memory: 0.2-0.4 s at 1M statistics, bench/RESULTS.md "Session 11 (#19)");
    trimmed only when some cell could need it (most columns have none)."""
    return pc.utf8_trim(col, WHITESPACE) if any(_untrimmed(a) for a in col.chunks) else col


def _empty(col: pyarrow.ChunkedArray) -> np.ndarray:
    """Which cells of the column are empty, over its chunks (a cell is empty where its offsets meet)."""
    parts = [np.zeros(0, bool)]
    for a in col.chunks:
        if len(a):
            cuts = offsets(a)
            parts.append(cuts[1:] == cuts[:-1])
    return np.concatenate(parts)


def _blank(columns: list[pyarrow.ChunkedArray], rows: int) -> np.ndarray:
    """Which rows are blank (every cell empty); the columns are read only while some row still may be."""
    blank = np.ones(rows, dtype=bool)
    for col in columns:
        blank &= _empty(col)
        if not blank.any():
            break
    return blank


def read(raw: bytes | mmap.mmap) -> pd.DataFrame | None:
    """The file as trimmed strings indexed by spreadsheet row - 2 (blank rows left out), or None.

    `raw` may be the file memory-mapped (`lib.load`): its bytes are then never copied."""
    body = memoryview(raw)[3:] if raw[:3] == BOM else memoryview(raw)
    buf = np.frombuffer(body, dtype=np.uint8)
    if not len(buf) or buf[0] in (_LF, _CR) or raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    found = scan(buf)
    if found.nul:
        return None
    if found.cr and (raw.find(b"\r\r") >= 0 or raw.find(b"\n\r") >= 0):
        return None  # blank lines count as rows for the strict reader
    lf, q = found.lf, found.quotes
    if len(lf) > 1 and (np.diff(lf) == 1).any():
        return None  # the same, with line feeds only
    end = next((i for i in (bytes(body[:65536]).find(b"\n"), bytes(body[:65536]).find(b"\r")) if i >= 0), -1)
    first = bytes(body[: end if end >= 0 else len(body)])
    try:
        header = first.rstrip(b"\r").decode("utf-8").split(",")
    except UnicodeDecodeError:
        return None
    if end < 0 or b'"' in first or b"\r" in first.rstrip(b"\r") or len(header) < 2 or not any(h.strip() for h in header):
        return None
    if not quotes_are_strict(buf, q):
        return None
    # a line feed inside quotes (an odd number of quotes before it) needs pyarrow's slower newline-aware
    # split of the file into blocks; without one, blocks are cut at any line end
    multiline = found.cr or bool((np.searchsorted(q, lf) % 2 == 1).any())
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pcsv.read_csv(
            pyarrow.py_buffer(body),
            # a few large blocks parsed in parallel, kept as each column's chunks: in a fresh process
            # one 300 MB block took 0.7-2.2 s, eight blocks 0.45 s with the join that session 11
            # left out (bench/RESULTS.md, "Session 7 (#19)", "Session 11 (#19)")
            read_options=pcsv.ReadOptions(column_names=names, skip_rows=1, block_size=max(_MIN_BLOCK, len(body) // _BLOCKS + 1)),
            parse_options=pcsv.ParseOptions(newlines_in_values=multiline, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pyarrow.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pyarrow.ArrowInvalid, ValueError):
        return None
    if not table.num_rows:
        return None  # a header alone: the csv module reads it as quickly
    rows = table.num_rows
    if rows >= _PARALLEL_ROWS:  # the first and last bytes are gathered in two threads
        with ThreadPoolExecutor(max_workers=2) as pool:
            columns = list(pool.map(trimmed, table.columns))
    else:
        columns = [trimmed(col) for col in table.columns]
    blank = _blank(columns, rows)
    index = np.arange(rows)
    if blank.any():
        keep = pyarrow.array(~blank)
        columns, index = [c.filter(keep) for c in columns], index[~blank]
    if not len(index):
        return None  # blank rows alone: the same
    df = pyarrow.table(columns, names=names).to_pandas()
    df.columns = [h.strip() for h in header]
    df.index = pd.Index(index)
    return df


# From this size a file is memory-mapped (`read_file`) instead of read into memory. A mapped file that
# another program truncates in place while it is parsed ends the process (SIGBUS) instead of giving a
# located problem; the curated folder's files (under 1 MB), which curation scripts rewrite in place,
# are therefore read, and only large merged folders, where the copy costs 0.15-0.5 s, are mapped.
MAP_BYTES = 32 << 20


def read_file(path: Path) -> pd.DataFrame | None:
    """`read` of the file memory-mapped: the parser reads the page cache, and 300 MB are never
    copied into fresh memory (in a new process that copy cost 0.15-0.5 s: bench/RESULTS.md, "Session 7 (#19)")."""
    with open(path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    df = read(mapped)
    with contextlib.suppress(BufferError):  # closed unless something still holds its bytes
        mapped.close()
    return df


@contextlib.contextmanager
def small_pages() -> Iterator[None]:
    """numpy's large arrays on 4 KB pages while a folder is read and checked (process-wide, then
    restored; `$NUMPY_MADVISE_HUGEPAGE` wins). numpy asks for 2 MB pages; on this VM a cold load of
    100k/1M then spent a third of its CPU zeroing them (clear_page_erms in huge-page faults), and
    4 KB pages measured faster there, though not for the search index (bench/RESULTS.md, "Session 7 (#19)")."""
    toggle = getattr(np._core.multiarray, "_set_madvise_hugepage", None)
    if toggle is None or "NUMPY_MADVISE_HUGEPAGE" in os.environ:
        yield
        return
    before = toggle(False)
    try:
        yield
    finally:
        toggle(before)


def decode(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file, None, None, "file is UTF-16; save it as 'CSV UTF-8'")]
    if b"\x00" in raw:
        if raw.count(b"\x00") * 4 >= len(raw):
            return None, [Problem(file, None, None, "file looks like UTF-16 (every other byte is zero); save it as 'CSV UTF-8'")]
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        message = f"file contains a NUL (zero) byte at line {line}; is it a spreadsheet or a damaged file? save it as 'CSV UTF-8'"
        return None, [Problem(file, line, None, message)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = f"file is not UTF-8 (byte {raw[err.start]:#04x} at line {line}); save it as 'CSV UTF-8'"
        return None, [Problem(file, line, None, message)]


def records(file: str, text: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """(spreadsheet row, cells) for every CSV record (Python's strict csv module), or why the text is
    not well-formed CSV."""
    csv.field_size_limit(2**31 - 1)  # any cell of a file under the size cap
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, row, line = [], 0, 0
    try:
        for cells in reader:
            row, line = row + 1, reader.line_num
            records.append((row, cells))
    except csv.Error as err:
        start = line + 1  # the record that failed starts on the line after the last good one
        if "end of data" in str(err):
            message = (
                f"a quoted cell starting on line {start} is never closed: "
                f"a '{QUOTE}' is missing, or a '{QUOTE}' inside a cell is not doubled"
            )
        else:
            message = (
                f"a quoted cell on line {start} has text after its closing '{QUOTE}'; "
                f"quote the whole cell and double any '{QUOTE}' inside it"
            )
        return [], [Problem(file, row + 1, None, message)]
    return records, []

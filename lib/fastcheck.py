"""Column-at-once validation: the schema's checks run over whole pyarrow columns, same Problems as pandera.

Driven by the declarations in `lib.schema`: for every declared column it runs that column's checks
(their `Vector` form from `lib.checks` when they have one, else the element-wise form once per
distinct value) and its `unique` flag, and words each failure as the pandera path does. A table
that is not plain text (a null, a non-string column, a check declared without `lib.checks.check`)
returns None, and `lib.validation` hands it to pandera instead. tests/test_fastcheck.py keeps the
two engines equal on the bad-input corpus and generated broken files.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from lib.checks import floats, list_items, numbers
from lib.schema import Problem, References
from lib.vocabulary import UNIT_SCALE


def spreadsheet_row(index) -> int | None:
    """Spreadsheet row of a table index (the loader indexes rows by spreadsheet row - 2)."""
    try:
        return int(index) + 2  # header is spreadsheet row 1
    except (TypeError, ValueError):
        return None


def _visible(ch: str) -> str:
    """Control and invisible format characters made visible: ESC -> '␛', U+200B -> '<U+200B>'."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F or unicodedata.category(ch) == "Cf":
        return f"<U+{code:04X}>"
    return ch


def short(value, n: int = 60) -> str:
    """A cell as quoted in a message: one line, invisible characters shown, at most `n` characters."""
    s = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    s = s.replace("\r\n", " ").replace("\n", " ")
    s = "".join(_visible(ch) for ch in s) if any(not ch.isprintable() for ch in s) else s
    return s if len(s) <= n else s[: n - 1] + "…"


def text_chunks(series: pd.Series) -> pyarrow.ChunkedArray | None:
    """The column as pyarrow large_string chunks as they are held (a large file's parser blocks:
    never copied), or None when it is not plain text without nulls."""
    if not isinstance(series.dtype, pd.StringDtype) or series.isna().any():
        return None
    arr = pyarrow.array(series.array)
    arr = arr if isinstance(arr, pyarrow.ChunkedArray) else pyarrow.chunked_array([arr])
    return arr.cast(pyarrow.large_string())


def text_array(series: pd.Series) -> pyarrow.Array | None:
    """The column as one pyarrow string array (its chunks joined), or None as for `text_chunks`."""
    arr = text_chunks(series)
    if arr is None:
        return None
    return arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()


def _passes(chk: pa.Check, arr: pyarrow.Array) -> np.ndarray | None:
    """Which cells pass `chk` (True), computed column-at-once; None for a check this engine cannot read."""
    element, vector = getattr(chk, "element", None), getattr(chk, "vector", None)
    if element is None:
        return None
    if vector is None:  # element-wise, once per distinct value
        encoded = pc.dictionary_encode(arr)
        ok = np.array([element(v) for v in encoded.dictionary.to_pylist()], dtype=bool)
        return ok[np.asarray(encoded.indices)] if len(ok) else np.ones(len(arr), dtype=bool)
    ok = np.array(vector.fn(arr), dtype=bool)
    if not vector.exact:
        others = np.flatnonzero(~np.asarray(pc.string_is_ascii(arr), dtype=bool))
        if len(others):
            values = arr.take(pyarrow.array(others)).to_pylist()
            ok[others] = [element(v) for v in values]
    return ok


def _passes_chunks(chk: pa.Check, arr: pyarrow.ChunkedArray) -> np.ndarray | None:
    """`_passes` chunk by chunk (most checks read a chunk's buffers), joined; in one call when the
    check's vector takes chunks (`Vector.chunked`)."""
    vector = getattr(chk, "vector", None)
    if vector is not None and vector.exact and vector.chunked and getattr(chk, "element", None) is not None:
        return np.array(vector.fn(arr), dtype=bool)
    found = [_passes(chk, a) for a in arr.chunks if len(a)]
    if any(ok is None for ok in found):
        return None
    return np.concatenate(found) if found else np.ones(0, dtype=bool)


def _check_failures(file: str, name: str, chk: pa.Check, df: pd.DataFrame, index: np.ndarray) -> list[Problem] | None:
    """The failures of one check of one column (None: a check or column this engine cannot read)."""
    arr = text_chunks(df[name])
    ok = None if arr is None else _passes_chunks(chk, arr)
    if ok is None:
        return None
    bad = np.flatnonzero(~ok)
    values = arr.take(pyarrow.array(bad)).to_pylist() if len(bad) else []
    return [Problem(file, spreadsheet_row(index[i]), name, f"{chk.error} (found '{short(v)}')") for i, v in zip(bad, values)]


def _duplicates(file: str, name: str, df: pd.DataFrame, index: np.ndarray) -> list[Problem] | None:
    """The cells of a `unique` column whose value is not (None: a column this engine cannot read)."""
    arr = text_chunks(df[name])
    if arr is None:
        return None
    # hashed once, without counting (pc.count_distinct was 2-4x slower at a million ids)
    if len(pc.unique(arr)) == len(arr):
        return []
    dup = np.flatnonzero(df[name].duplicated(keep=False).to_numpy())
    values = df[name].to_numpy()[dup]
    return [
        Problem(file, spreadsheet_row(index[i]), name, f"duplicate value '{short(v)}' (must be unique)")
        for i, v in zip(dup, values)
    ]


@dataclass(frozen=True)
class Piece:
    """One piece of the checks: what it checks (`file column: check`) and the work, which gives its
    Problems, or None when this engine cannot read its column or check."""

    name: str
    work: Callable[[], list[Problem] | None]


PARALLEL_ROWS = 50_000  # from this many rows the checks run in two threads


def pieces(file: str, schema: pa.DataFrameSchema, df: pd.DataFrame) -> list[Piece]:
    """The checks of `df` against `schema` as separate pieces of work, one per column check and per
    `unique` column, in the order their failures are listed."""
    index = df.index.to_numpy()
    out: list[Piece] = []
    for name, col in schema.columns.items():
        out += [Piece(f"{file} {name}: {chk.error}", partial(_check_failures, file, name, chk, df, index)) for chk in col.checks]
        if col.unique:
            out.append(Piece(f"{file} {name}: unique", partial(_duplicates, file, name, df, index)))
        if not col.checks and not col.unique:  # then only pandera knows whether it is plain text
            out.append(Piece(f"{file} {name}: plain text", partial(_readable, df, name)))
    return out


def _readable(df: pd.DataFrame, name: str) -> list[Problem] | None:
    """Nothing to report for a column without checks, if it is plain text (None: ask pandera)."""
    return None if text_chunks(df[name]) is None else []


def run(work: list[Piece], parallel: bool) -> list:
    """Every piece's result, in order; in two threads when `parallel` (pyarrow's kernels and numpy's
    loops release the GIL), each thread taking the next piece as it finishes one."""
    if not parallel:
        return [piece.work() for piece in work]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda piece: piece.work(), work))


def failures(file: str, schema: pa.DataFrameSchema, df: pd.DataFrame) -> list[Problem] | None:
    """Every cell and uniqueness failure of `df` against `schema`, or None (then ask pandera); the
    Problems come in the same order with or without threads."""
    found = run(pieces(file, schema, df), parallel=len(df) >= PARALLEL_ROWS)
    if any(f is None for f in found):
        return None
    return [p for f in found for p in f]


def _codes(arr: pyarrow.ChunkedArray, mapping: dict, labels: list) -> np.ndarray:
    """The position in `labels` of `mapping.get(cell)` for every cell (-1 when absent), looked up
    once per distinct value of each chunk."""
    where = {label: i for i, label in enumerate(labels)}
    found = [np.zeros(0, dtype=np.int64)]
    for chunk in arr.chunks:
        encoded = pc.dictionary_encode(chunk)
        looked = np.array([where.get(mapping.get(v), -1) for v in encoded.dictionary.to_pylist()] + [-1], dtype=np.int64)
        found.append(looked[np.asarray(encoded.indices, dtype=np.int64)])
    return np.concatenate(found)


def _cells(arr: pyarrow.Array | pyarrow.ChunkedArray, rows: np.ndarray) -> list:
    return arr.take(pyarrow.array(rows, pyarrow.int64())).to_pylist()


def statistics_rules(stats: pd.DataFrame, refs: References) -> list[Problem] | None:
    """Units of the indicator's kind; no negative values except percent changes (as `lib.validation`)."""
    ind, unit, value = (text_chunks(stats[c]) for c in ("indicator", "unit", "value"))
    if ind is None or unit is None or value is None:
        return None
    kind = {u: scale[0] for u, scale in UNIT_SCALE.items()}
    kinds = sorted(set(kind.values()))
    want = {i: u for i, u in refs.indicator_units.items() if u in UNIT_SCALE}
    unit_kind = _codes(unit, kind, kinds)
    want_kind = _codes(ind, {i: kind[u] for i, u in want.items()}, kinds)
    index, out = stats.index.to_numpy(), []
    wrong = np.flatnonzero((want_kind >= 0) & (unit_kind >= 0) & (want_kind != unit_kind))
    for i, u, d in zip(wrong, _cells(unit, wrong), _cells(ind, wrong)):
        message = f"unit '{u}' is not of the same kind as indicator '{d}' unit '{want[d]}'"
        out.append(Problem("statistics.csv", spreadsheet_row(index[i]), "unit", message))
    # a number below zero starts with '-': only those cells are matched and converted
    minus = np.flatnonzero(np.asarray(pc.starts_with(value, "-"), dtype=bool))
    negative = np.zeros(len(value), dtype=bool)
    if len(minus):
        signed = value.take(pyarrow.array(minus))
        numeric = numbers(signed)
        if numeric.any():
            negative[minus[numeric]] = floats(signed.filter(pyarrow.array(numeric))) < 0
    change = kinds.index("percent_change") if "percent_change" in kinds else -2
    bad = np.flatnonzero(negative & (unit_kind >= 0) & (unit_kind != change))
    for i, u in zip(bad, _cells(unit, bad)):
        message = f"must not be negative for unit '{u}' (only percent_change values can be)"
        out.append(Problem("statistics.csv", spreadsheet_row(index[i]), "value", message))
    return out


def practices_rules(prac: pd.DataFrame) -> list[Problem] | None:
    """A GCM basis when objectives are given; national and local practices name a country."""
    objs, basis, countries, scope = (text_array(prac[c]) for c in ("gcm_objectives", "gcm_basis", "countries", "scope"))
    if objs is None or basis is None or countries is None or scope is None:
        return None
    index, out = prac.index.to_numpy(), []
    has_objs = np.bincount(list_items(objs)[0], minlength=len(objs)) > 0
    for i in np.flatnonzero(has_objs & np.asarray(pc.equal(basis, ""), dtype=bool)):
        message = "must say 'stated' or 'assigned' when GCM objectives are given"
        out.append(Problem("practices.csv", spreadsheet_row(index[i]), "gcm_basis", message))
    no_country = np.bincount(list_items(countries)[0], minlength=len(countries)) == 0
    local = np.flatnonzero(np.asarray(pc.is_in(scope, value_set=pyarrow.array(["national", "local"])), dtype=bool) & no_country)
    for i, kind in zip(local, _cells(scope, local)):
        message = f"a {kind} practice needs at least one country"
        out.append(Problem("practices.csv", spreadsheet_row(index[i]), "countries", message))
    return out

"""Cell checks for the schema: pandera element checks and the parsers behind them (numbers, periods, URLs).

Every check is element-wise and never raises: a value that makes the test raise simply fails and is
located by the validator. Used by `lib.schema` (the declarations) and `lib.validation`.

Each check may also carry a column-at-once form (`Vector`, read by `lib.fastcheck`): a pyarrow
function giving the same answer for a whole column. `exact=False` means it is exact on ASCII cells
only (Python's `re`, `str.split` and `\\s` know more whitespace than RE2); the others are then
asked of the element-wise form. A check declared without one is evaluated once per distinct value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandera.pandas as pa
import pyarrow as pyarrow_
import pyarrow.compute as pc

from lib.arrowtext import bools, cell_bytes, is_in, no_control, offsets, slug_bytes, word_counts
from lib.periods import is_date

MAX_CELL = 5000  # characters; longer cells are a data-entry accident, not content
LIST_SEP = ";"
SLUG = r"^[a-z0-9][a-z0-9_-]{0,79}$"  # ids: lower-case letters, digits, "_" and "-", at most 80


# Every character Python's str.strip() removes (so that pyarrow trims exactly the same).
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
# The same set as an RE2 class body, for ASCII cells (what str.split() splits on there).
_ASCII_SPACE = r"\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f} "


def split_list(cell: str) -> list[str]:
    """Split a `;`-separated cell into trimmed, non-empty items."""
    return [p.strip() for p in str(cell).split(LIST_SEP) if p.strip()]


@dataclass(frozen=True)
class Vector:
    """A check's column-at-once form: pyarrow string array -> numpy bool (True = the cell passes)."""

    fn: Callable
    exact: bool = True  # False: exact on ASCII cells only
    chunked: bool = False  # True: `fn` also takes a column in several chunks (a membership test
    # then hashes its value set once per column, not once per chunk)


def check(fn, message: str, vector: Vector | None = None) -> pa.Check:
    """An element-wise check; a value that makes `fn` raise simply fails (and is located)."""

    def safe(v) -> bool:
        try:
            return bool(fn(v))
        except (TypeError, ValueError, OverflowError):
            return False

    chk = pa.Check(safe, element_wise=True, error=message)
    chk.element = safe  # read by lib.fastcheck, with `vector`
    chk.vector = vector
    return chk


def _no_long_cells(a) -> np.ndarray:
    """`len(v) <= MAX_CELL` (code points are never more than bytes, so only long byte strings are counted)."""
    _, lengths = cell_bytes(a)
    if not len(lengths) or lengths.max() <= MAX_CELL:
        return np.ones(len(a), dtype=bool)
    return np.asarray(pc.utf8_length(a)) <= MAX_CELL


def _regex(pattern: str) -> Vector:
    """Python `re.match(pattern)` for ASCII cells, in RE2 (a final '$' also allows one trailing newline, as in Python)."""
    rx = pattern[:-1] + r"\n?$" if pattern.endswith("$") else pattern
    rx = rx if rx.startswith("^") else "^(?:" + rx + ")"
    return Vector(lambda a: bools(pc.match_substring_regex(a, rx)), exact=False)


_SLUG_RX = _regex(SLUG)


def value_set(allowed) -> pyarrow_.Array:
    """`allowed` as a pyarrow value set: the ids' own column when they carry one (`lib.refs.Ids`),
    so that a million ids are never turned into Python strings and sorted."""
    arrow = getattr(allowed, "arrow", None)
    return arrow if arrow is not None else pyarrow_.array(sorted(allowed), pyarrow_.large_string())


def member_of(allowed, message: str) -> pa.Check:
    """The cell is one of `allowed` (exactly, no trimming)."""
    allowed = allowed if hasattr(allowed, "arrow") else frozenset(allowed)
    values = value_set(allowed)
    return check(lambda v: v in allowed, message, Vector(lambda a: is_in(a, values), chunked=True))


def _empty_or_in(a, values) -> np.ndarray:
    """Per cell: empty, or one of `values` (only the non-empty cells are looked up)."""
    ok = bools(pc.equal(a, ""))
    given = np.flatnonzero(~ok)
    if len(given):
        ok[given] = is_in(a.take(pyarrow_.array(given)), values)
    return ok


def empty_or_member(allowed, message: str) -> pa.Check:
    """The cell is empty or one of `allowed` (the message names the file, not the ids: there may be a million)."""
    values = value_set(allowed)
    return check(
        lambda v: v == "" or v in allowed,
        message,
        Vector(lambda a: _empty_or_in(a, values), chunked=True),
    )


def one_of(values, what: str) -> pa.Check:
    return member_of(values, f"{what}; expected one of: {', '.join(values)}")


def empty_or_one_of(values, what: str) -> pa.Check:
    allowed = set(values)
    value_set = pyarrow_.array(sorted(allowed), pyarrow_.large_string())
    return check(
        lambda v: v == "" or v in allowed,
        f"{what}; expected empty or one of: {', '.join(values)}",
        Vector(lambda a: bools(pc.or_(pc.equal(a, ""), pc.is_in(a, value_set=value_set)))),
    )


def list_items(a):
    """A `;`-list column as (row of each trimmed non-empty item, the items), like `split_list`."""
    parts = pc.split_pattern(a, LIST_SEP)
    rows = np.asarray(pc.list_parent_indices(parts))
    items = pc.utf8_trim(pc.list_flatten(parts), WHITESPACE)
    keep = bools(pc.not_equal(items, ""))
    return rows[keep], items.filter(pyarrow_.array(keep))


def _all_items(a, ok_items, required: bool) -> np.ndarray:
    """Per row: every item passes `ok_items` (and there is at least one when `required`)."""
    rows, items = list_items(a)
    bad = np.zeros(len(a), dtype=bool)
    bad[rows[~ok_items(items)]] = True
    if required:
        bad |= np.bincount(rows, minlength=len(a)) == 0
    return ~bad


def list_of(allowed: frozenset[str] | None, what: str, required: bool) -> pa.Check:
    """A `;`-separated list of known ids (any id when `allowed` is None: its file is unreadable)."""

    def ok(v: str) -> bool:
        items = split_list(v)
        if required and not items:
            return False
        return allowed is None or all(i in allowed for i in items)

    values = None if allowed is None else value_set(allowed)

    def ok_items(items) -> np.ndarray:
        return np.ones(len(items), dtype=bool) if values is None else is_in(items, values)

    need = "at least one " if required else ""
    return check(ok, f"{need}{what} separated by ';', each a known id", Vector(lambda a: _all_items(a, ok_items, required)))


def matches(pattern: str, message: str) -> pa.Check:
    """`re.match(pattern)`; patterns with Unicode-aware classes (\\s, \\w, \\d, \\b) get no vector form."""
    rx = re.compile(pattern)
    vector = None if re.search(r"\\[sSwWdDbB]", pattern) else _regex(pattern)
    return check(lambda v: bool(rx.match(v)), message, vector)


_SLUG_START = np.zeros(256, dtype=bool)  # what a slug may start with: a lower-case letter or a digit
_SLUG_START[list(b"abcdefghijklmnopqrstuvwxyz0123456789")] = True


def _slugs(a) -> np.ndarray:
    """SLUG for a whole column. When every cell has 1-80 bytes, every byte is a slug byte and every
    cell starts with a letter or digit, all cells pass (the usual case, one pass over the bytes);
    otherwise the pattern decides, cell by cell."""
    data, lengths = cell_bytes(a)
    if len(a) and lengths.min() >= 1 and lengths.max() <= 80:
        cuts = offsets(a)
        used = data[int(cuts[0]) : int(cuts[-1])]
        if slug_bytes(used) and _SLUG_START[used[cuts[:-1] - cuts[0]]].all():
            return np.ones(len(a), dtype=bool)
    return _SLUG_RX.fn(a)


def slug(message: str) -> pa.Check:
    """`re.match(SLUG)`: an id of lower-case letters, digits, '_' and '-' (at most 80)."""
    rx = re.compile(SLUG)
    return check(lambda v: bool(rx.match(v)), message, Vector(_slugs, exact=False))


def max_words(n: int, message: str) -> pa.Check:
    """At most `n` words (`str.split()`: runs of non-whitespace)."""
    return check(lambda v: len(v.split()) <= n, message, Vector(lambda a: word_counts(a) <= n, exact=False))


_NUMBER_RX = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_DIGITS_RX = re.compile(r"^\d+$", re.ASCII)


def is_number(v: str) -> bool:
    """A plain ASCII number (no '1_000', no other scripts' digits), finite."""
    return bool(_NUMBER_RX.match(v)) and math.isfinite(float(v))


def numbers(a) -> np.ndarray:
    """`is_number` for a whole column (non-ASCII cells are never numbers here, as in `is_number`)."""
    ok = bools(pc.match_substring_regex(a, r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\n?$"))
    if ok.any():
        ok[ok] = np.isfinite(floats(a.filter(pyarrow_.array(ok))))
    return ok


def empty_or_numbers(a) -> np.ndarray:
    """`v == "" or is_number(v)` for a whole column (a figure given only in words has no number)."""
    return bools(pc.equal(a, "")) | numbers(a)


def floats(a) -> np.ndarray:
    """`float(cell)` for cells that passed the number pattern (the values the app reads)."""
    try:
        return np.asarray(pc.cast(pc.utf8_rtrim(a, "\n"), pyarrow_.float64()), dtype=float)
    except (pyarrow_.ArrowInvalid, ValueError):
        return np.array([float(v) for v in a.to_pylist()], dtype=float)


def is_int_in(lo: int, hi: int):
    def ok(v: str) -> bool:
        return bool(_DIGITS_RX.match(v)) and lo <= int(v) <= hi

    return ok


NOT_EMPTY = check(
    lambda v: v.strip() != "",
    "must not be empty",
    Vector(lambda a: bools(pc.not_equal(pc.utf8_trim(a, WHITESPACE), ""))),
)
NOT_TOO_LONG = check(
    lambda v: len(v) <= MAX_CELL,
    f"is longer than {MAX_CELL} characters",
    Vector(_no_long_cells),
)
_CONTROL_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NO_CONTROL = check(
    lambda v: not _CONTROL_RX.search(v),
    "contains an invisible control character (shown as ␛ or similar); retype the cell",
    Vector(no_control),
)
_URL_RX = re.compile(r"^https?://[^\s<>\"']+$")
_URL_RE2 = rf"^https?://[^{_ASCII_SPACE}<>\"']+\n?$"
URL = check(
    lambda v: v == "" or bool(_URL_RX.match(v)),
    "must be empty or a web address starting with http:// or https://",
    Vector(lambda a: bools(pc.or_(pc.equal(a, ""), pc.match_substring_regex(a, _URL_RE2))), exact=False),
)
URLS = check(
    lambda v: all(_URL_RX.match(u) for u in split_list(v)),
    "must be empty or web addresses starting with http:// or https://, separated by ';'",
    Vector(lambda a: _all_items(a, lambda items: bools(pc.match_substring_regex(items, _URL_RE2)), False), exact=False),
)


def column(*checks: pa.Check, doc: str, unique: bool = False) -> pa.Column:
    """A text column (every cell is read as text), with the checks every cell gets and its meaning."""
    return pa.Column(
        str, checks=[NOT_TOO_LONG, NO_CONTROL, *checks], unique=unique, nullable=False, coerce=False, description=doc
    )


def text(doc: str, required: bool = True) -> pa.Column:
    """Free text: required (not empty) or optional."""
    return column(NOT_EMPTY, doc=doc) if required else column(doc=doc)


def date_column(doc: str, partial: bool = False) -> pa.Column:
    """Empty, or a date `YYYY-MM-DD` (with `partial`, also `YYYY` or `YYYY-MM`)."""
    shape = "YYYY, YYYY-MM or YYYY-MM-DD" if partial else "YYYY-MM-DD"
    return column(check(lambda v: v == "" or is_date(v, partial), f"must be empty or a date written {shape}"), doc=doc)

"""Cell checks for the schema: pandera element checks and the parsers behind them (numbers, periods, URLs).

Every check is element-wise and never raises: a value that makes the test raise simply fails and is
located by the validator. Used by `lib.schema` (the declarations) and `lib.validation`.
"""

from __future__ import annotations

import math
import re
from datetime import date

import pandera.pandas as pa

MAX_CELL = 5000  # characters; longer cells are a data-entry accident, not content
LIST_SEP = ";"
SLUG = r"^[a-z0-9][a-z0-9_-]{0,79}$"  # ids: lower-case letters, digits, "_" and "-", at most 80
PERIOD_PART = r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$"  # 2020, 2020-03, 2020-Q2


def split_list(cell: str) -> list[str]:
    """Split a `;`-separated cell into trimmed, non-empty items."""
    return [p.strip() for p in str(cell).split(LIST_SEP) if p.strip()]


def check(fn, message: str) -> pa.Check:
    """An element-wise check; a value that makes `fn` raise simply fails (and is located)."""

    def safe(v) -> bool:
        try:
            return bool(fn(v))
        except (TypeError, ValueError, OverflowError):
            return False

    return pa.Check(safe, element_wise=True, error=message)


def one_of(values, what: str) -> pa.Check:
    allowed = set(values)
    return check(lambda v: v in allowed, f"{what}; expected one of: {', '.join(values)}")


def empty_or_one_of(values, what: str) -> pa.Check:
    allowed = set(values)
    return check(lambda v: v == "" or v in allowed, f"{what}; expected empty or one of: {', '.join(values)}")


def list_of(allowed: frozenset[str] | None, what: str, required: bool) -> pa.Check:
    """A `;`-separated list of known ids (any id when `allowed` is None: its file is unreadable)."""

    def ok(v: str) -> bool:
        items = split_list(v)
        if required and not items:
            return False
        return allowed is None or all(i in allowed for i in items)

    need = "at least one " if required else ""
    return check(ok, f"{need}{what} separated by ';', each a known id")


def matches(pattern: str, message: str) -> pa.Check:
    rx = re.compile(pattern)
    return check(lambda v: bool(rx.match(v)), message)


_NUMBER_RX = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
_DIGITS_RX = re.compile(r"^\d+$", re.ASCII)
_PERIOD_RX = re.compile(PERIOD_PART, re.ASCII)


def is_number(v: str) -> bool:
    """A plain ASCII number (no '1_000', no other scripts' digits), finite."""
    return bool(_NUMBER_RX.match(v)) and math.isfinite(float(v))


def is_int_in(lo: int, hi: int):
    def ok(v: str) -> bool:
        return bool(_DIGITS_RX.match(v)) and lo <= int(v) <= hi

    return ok


def _months(part: str) -> tuple[int, int] | None:
    """First and last month (as year*12 + month) covered by '2020', '2020-03' or '2020-Q2'."""
    m = _PERIOD_RX.match(part)
    if not m or not 1900 <= int(m.group(1)) <= 2100:
        return None
    year = int(m.group(1)) * 12
    if m.group(2):
        return year + int(m.group(2)), year + int(m.group(2))
    if m.group(3):
        q = int(m.group(3))
        return year + 3 * q - 2, year + 3 * q
    return year + 1, year + 12


def period_end(v: str) -> int:
    """The last month a period covers (year * 12 + month), for ordering; -1 when not stated or unreadable."""
    parts = [_months(p) for p in str(v).split("/")]
    return -1 if not parts or None in parts else parts[-1][1]


def is_period(v: str) -> bool:
    if v == "not_stated":
        return True
    parts = [_months(p) for p in v.split("/")]
    if not 1 <= len(parts) <= 2 or None in parts:
        return False
    return parts[0][0] <= parts[-1][1]


_DATE_RX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)


def is_date(v: str, partial: bool = False) -> bool:
    """A real calendar date `YYYY-MM-DD` (with `partial`, also `YYYY` or `YYYY-MM`), years 1900-2100."""
    m = _DATE_RX.match(v)
    if not m or (not partial and m.group(3) is None):
        return False
    try:
        date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:  # 2021-02-30, 2021-13
        return False
    return 1900 <= int(m.group(1)) <= 2100


NOT_EMPTY = check(lambda v: v.strip() != "", "must not be empty")
NOT_TOO_LONG = check(lambda v: len(v) <= MAX_CELL, f"is longer than {MAX_CELL} characters")
_CONTROL_RX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NO_CONTROL = check(
    lambda v: not _CONTROL_RX.search(v), "contains an invisible control character (shown as ␛ or similar); retype the cell"
)
_URL_RX = re.compile(r"^https?://[^\s<>\"']+$")
URL = check(lambda v: v == "" or bool(_URL_RX.match(v)), "must be empty or a web address starting with http:// or https://")
URLS = check(
    lambda v: all(_URL_RX.match(u) for u in split_list(v)),
    "must be empty or web addresses starting with http:// or https://, separated by ';'",
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

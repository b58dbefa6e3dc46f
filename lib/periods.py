"""Periods and dates as the data write them: 2020, 2020-03, 2020-Q2 and ranges of two; calendar dates, whole or partial.

Read by the schema's checks (`lib.checks`, `lib.schema`) and, for ordering figures, by `lib.metrics`.
"""

from __future__ import annotations

import re
from datetime import date

PERIOD_PART = r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$"  # 2020, 2020-03, 2020-Q2
_PERIOD_RX = re.compile(PERIOD_PART, re.ASCII)


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

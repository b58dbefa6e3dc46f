"""lib.periods: periods as the statistics write them, and calendar dates (sources.csv, origins.csv)."""

from __future__ import annotations

import pytest

from lib.periods import is_date, is_period, period_end


@pytest.mark.parametrize(
    "value,partial,ok",
    [
        ("2021-03-05", False, True),
        ("2020-02-29", False, True),
        ("2021-02-29", False, False),
        ("2021-13-01", False, False),
        ("2021", False, False),
        ("2021", True, True),
        ("2021-03", True, True),
        ("2021-3", True, False),
        ("21-03-05", False, False),
        ("1850", True, False),
        ("５０２１", True, False),
    ],
)
def test_is_date(value, partial, ok):
    assert is_date(value, partial=partial) is ok


@pytest.mark.parametrize(
    "value,ok,end",
    [
        ("2020", True, 2020 * 12 + 12),
        ("2020-03", True, 2020 * 12 + 3),
        ("2020-Q2", True, 2020 * 12 + 6),
        ("2019/2020-Q1", True, 2020 * 12 + 3),
        ("2020/2019", False, 2019 * 12 + 12),  # readable for ordering, but a range that runs backwards
        ("not_stated", True, -1),
        ("2020-13", False, -1),
        ("2020-Q5", False, -1),
        ("1850", False, -1),
        ("2019/2020/2021", False, 2021 * 12 + 12),
        ("", False, -1),
    ],
)
def test_periods(value, ok, end):
    assert is_period(value) is ok
    assert period_end(value) == end

"""References between the data files: the ids each table may point to (countries, sources, indicators, ...)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import pyarrow


class Ids(Set):
    """A table's ids as the pyarrow column they were read into; the Python set behind `in`, `len`
    and iteration is built only when one of them is asked for.

    At a million rows building `frozenset(column)` cost seconds, but the column-at-once checks only
    need `arrow` (a `pyarrow.compute.is_in` value set); the element-wise ones get the set."""

    def __init__(self, values: pyarrow.Array) -> None:
        self.arrow = values

    @cached_property
    def _set(self) -> frozenset[str]:
        return frozenset(self.arrow.to_pylist())

    def __contains__(self, value: object) -> bool:
        return value in self._set

    def __iter__(self) -> Iterator[str]:
        return iter(self._set)

    def __len__(self) -> int:
        return len(self._set)

    def __hash__(self) -> int:
        return hash(self._set)

    def __repr__(self) -> str:
        return f"Ids({len(self.arrow)} values)"

    @classmethod
    def _from_iterable(cls, values: Iterable[str]) -> frozenset[str]:  # `a | b` and friends give plain sets
        return frozenset(values)


def _arrow(series: pd.Series) -> pyarrow.Array:
    """The column as one pyarrow string array (no copy when it is Arrow-backed in one chunk)."""
    if isinstance(series.dtype, pd.StringDtype) and not series.isna().any():
        arr = pyarrow.array(series.array)
        return arr.combine_chunks() if isinstance(arr, pyarrow.ChunkedArray) else arr
    return pyarrow.array(series.astype(str).tolist(), pyarrow.large_string())


@dataclass(frozen=True)
class References:
    """Ids that other tables may point to; None when that file could not be read (the loader
    reports it once, so references to it are not checked rather than all reported as unknown)."""

    countries: Set[str] | None
    issue_areas: Set[str] | None
    sources: Set[str] | None
    indicators: Set[str] | None
    groups: Set[str] | None
    indicator_units: dict
    practices: Set[str] | None = None
    statistics: Set[str] | None = None

    @classmethod
    def unknown(cls) -> References:
        """No reference file read: every id is accepted (used to list the declared columns)."""
        return cls(None, None, None, None, None, {})


def references(tables: dict[str, pd.DataFrame]) -> References:
    def ids(file: str, col: str) -> Ids | None:
        df = tables.get(file)
        if df is None or col not in df:
            return None
        return Ids(_arrow(df[col]))

    ind = tables.get("indicators.csv")
    units = {}
    if ind is not None and {"indicator_id", "unit"} <= set(ind.columns):
        units = dict(zip(ind["indicator_id"], ind["unit"]))
    return References(
        countries=ids("countries.csv", "iso3"),
        issue_areas=ids("issue_areas.csv", "issue_area_id"),
        sources=ids("sources.csv", "source_id"),
        indicators=ids("indicators.csv", "indicator_id"),
        groups=ids("groups.csv", "group_id"),
        indicator_units=units,
        practices=ids("practices.csv", "practice_id"),
        statistics=ids("statistics.csv", "stat_id"),
    )

"""References between the data files: the ids each table may point to (countries, sources, indicators, ...)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class References:
    """Ids that other tables may point to; None when that file could not be read (the loader
    reports it once, so references to it are not checked rather than all reported as unknown)."""

    countries: frozenset[str] | None
    issue_areas: frozenset[str] | None
    sources: frozenset[str] | None
    indicators: frozenset[str] | None
    groups: frozenset[str] | None
    indicator_units: dict
    practices: frozenset[str] | None = None
    statistics: frozenset[str] | None = None

    @classmethod
    def unknown(cls) -> References:
        """No reference file read: every id is accepted (used to list the declared columns)."""
        return cls(None, None, None, None, None, {})


def references(tables: dict[str, pd.DataFrame]) -> References:
    def ids(file: str, col: str) -> frozenset[str] | None:
        df = tables.get(file)
        if df is None or col not in df:
            return None
        return frozenset(df[col].astype(str))

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

"""The country profile's view model: a typed `CountryProfile` built from the dataset for one ISO3 code.

What /country and the PDF brief show: the region line, the figures (with the groups of figures that
differ), the practices and the issue-area coverage compared with the region. No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib import i18n, keyfigures, labels, metrics, tables
from lib.load import Dataset


@dataclass(frozen=True)
class CountryProfile:
    iso3: str
    region_line: str  # 'Asia · South-eastern Asia' in the current language
    statistics: pd.DataFrame  # display table (first tables.MAX_TABLE_ROWS figures), no geography column
    n_statistics: int  # all figures, shown or not
    conflicts: bool  # some indicator has more than one figure
    conflict_groups: list  # keyfigures.Conflict: figures that differ, side by side
    practices: pd.DataFrame  # metrics.country_practices
    by_issue: list  # tables.practices_by_issue of those practices: (issue_area_id, label, practices)
    coverage: pd.DataFrame  # issue area, practices here, share of the region's countries


@dataclass(frozen=True)
class CountryRows:
    """Each country's row positions in the statistics (by geography) and in practice_countries,
    found in one pass per table: a profile then takes its few rows instead of comparing a million
    cells (at 1M statistics that comparison and its sort were half of a first profile view)."""

    statistics: dict[str, np.ndarray]
    practices: dict[str, np.ndarray]


NONE = np.array([], dtype=np.intp)


def _positions(frame: pd.DataFrame, column: str) -> dict[str, np.ndarray]:
    return {str(k): np.asarray(v, dtype=np.intp) for k, v in frame.groupby(column, sort=False).indices.items()}


def country_rows(ds: Dataset) -> CountryRows:
    return CountryRows(_positions(ds.statistics, "geography"), _positions(ds.practice_countries, "iso3"))


def country_statistics(ds: Dataset, iso3: str, rows: CountryRows | None = None) -> pd.DataFrame:
    """A country's statistic rows, by indicator, period and source (in the same order with `rows` or without)."""
    s = ds.statistics
    own = s.take(rows.statistics.get(iso3, NONE)) if rows is not None else s[s["geography"] == iso3]
    return own.sort_values(["indicator", "period", "source_id"])


def country_profile(ds: Dataset, iso3: str, rows: CountryRows | None = None) -> CountryProfile:
    row = ds.countries.set_index("iso3").loc[iso3]
    region_line = " · ".join(
        x
        for x in (i18n.label("region", row["region"], row["region"]), i18n.label("subregion", row["subregion"], row["subregion"]))
        if x
    )
    stats = country_statistics(ds, iso3, rows)
    practices = metrics.country_practices(ds, iso3, rows.practices.get(iso3, NONE) if rows is not None else None)
    share = metrics.region_issue_share(ds, iso3)
    coverage = pd.DataFrame(
        {
            i18n.t("col.issue_area"): [labels.issue_name(ds, i) for i in share["issue_area"]],
            i18n.t("country.col_here"): share["country"],
            i18n.t("country.col_region", region=region_line.split(" · ")[0] if region_line else ""): [
                f"{round(100 * v)}%" for v in share["region_share"]
            ],
        }
    )
    return CountryProfile(
        iso3=iso3,
        region_line=region_line,
        statistics=tables.statistics_rows(ds, stats.head(tables.MAX_TABLE_ROWS)).drop(columns=[i18n.t("col.geography")]),
        n_statistics=len(stats),
        conflicts=bool(stats.duplicated(["indicator"]).any()),
        conflict_groups=keyfigures.conflicts(ds, stats),
        practices=practices,
        by_issue=tables.practices_by_issue(ds, practices),
        coverage=coverage,
    )

"""Comparing two to four countries: their figures and issue-area coverage side by side.

Pure functions over the `Dataset` (no Streamlit). A cell keeps every figure the documents give
(with qualifier, period and source); nothing is averaged or picked.
"""

from __future__ import annotations

import pandas as pd

from lib import countries, i18n, labels
from lib.load import Dataset
from lib.units import format_value, period_text

MIN, MAX = 2, 4


def clean_selection(ds: Dataset, codes) -> list[str]:
    """Valid, distinct ISO3 codes in the order given, at most MAX."""
    known = set(ds.countries["iso3"])
    out = []
    for c in codes:
        c = countries.clean_iso3(c)
        if c and c in known and c not in out:
            out.append(c)
    return out[:MAX]


def statistics_table(ds: Dataset, iso3s: list[str]) -> pd.DataFrame:
    """One row per indicator that any of the countries has; one column per country; each cell
    lists every figure ('more than 230,000 people (2020-10, IOM 2021)'), '—' where none."""
    names = countries.names(ds.countries)
    s = ds.statistics[ds.statistics["geography"].isin(iso3s)]
    rows = []
    for indicator, g in s.groupby("indicator", sort=True):
        row = {i18n.t("col.indicator"): labels.indicator_name(ds, indicator)}
        for iso3 in iso3s:
            figs = g[g["geography"] == iso3].sort_values(["period", "source_id"])
            row[names.get(iso3, iso3)] = (
                "; ".join(
                    f"{format_value(r.value, r.unit, r.qualifier, r.value_text)} ({period_text(r.period)}, {labels.source_tag(ds, r.source_id)})"
                    for r in figs.itertuples()
                )
                or "—"
            )
        rows.append(row)
    columns = [i18n.t("col.indicator")] + [names.get(i, i) for i in iso3s]
    return pd.DataFrame(rows, columns=columns)


def coverage(ds: Dataset, iso3s: list[str]) -> pd.DataFrame:
    """Practice counts: issue areas (index, in taxonomy order) x countries (columns, ISO3)."""
    pcs = ds.practice_countries[ds.practice_countries["iso3"].isin(iso3s)].merge(ds.practice_issues, on="practice_id")
    counts = pcs.groupby(["issue_area", "iso3"])["practice_id"].nunique().unstack(fill_value=0)
    ids = list(ds.issue_areas["issue_area_id"])
    return counts.reindex(index=ids, columns=iso3s, fill_value=0).astype(int)


def totals(ds: Dataset, iso3s: list[str]) -> dict[str, int]:
    """Number of distinct practices per country."""
    pc = ds.practice_countries[ds.practice_countries["iso3"].isin(iso3s)]
    n = pc.groupby("iso3")["practice_id"].nunique()
    return {i: int(n.get(i, 0)) for i in iso3s}


def coverage_labels(ds: Dataset, counts: pd.DataFrame, totals: dict[str, int]) -> tuple[list[str], list[str]]:
    """Row labels (issue areas) and column labels ('Philippines (12)') for the coverage heatmap."""
    names = countries.names(ds.countries)
    rows = [labels.issue_name(ds, i) for i in counts.index]
    cols = [f"{names.get(i, i)} ({totals[i]})" for i in counts.columns]
    return rows, cols

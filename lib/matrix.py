"""The heatmap's matrices: practice counts by country or UN region x issue area or GCM objective, and a cell's practices."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.load import Dataset
from lib.metrics import country_rows, isin


@dataclass(frozen=True)
class Matrix:
    counts: pd.DataFrame  # rows x columns, zeros where none recorded
    totals: pd.Series  # distinct practices per row (a practice with two issue areas counts once)
    row_kind: str
    col_kind: str


def heatmap_matrix(
    ds: Dataset, practices: pd.DataFrame, rows: str = "country", cols: str = "issue", sort: str = "total"
) -> Matrix:
    """Practice counts by country (or UN region) x issue area (or GCM objective)."""
    pc = country_rows(ds, practices)[["practice_id", "iso3"]]
    if rows == "region":
        regions = ds.countries.set_index("iso3")["region"].replace("", "Other")
        pc = pc.assign(row=pc["iso3"].map(regions).fillna("Other"))[["practice_id", "row"]].drop_duplicates()
    else:
        pc = pc.rename(columns={"iso3": "row"})
    if cols == "gcm":
        pcol = ds.practice_gcm.rename(columns={"gcm": "col"})
        all_cols = list(range(1, 24))
    else:
        pcol = ds.practice_issues.rename(columns={"issue_area": "col"})
        all_cols = list(ds.issue_areas["issue_area_id"])
    pairs = pc.merge(pcol, on="practice_id")
    counts = pd.crosstab(pairs["row"], pairs["col"]).reindex(columns=all_cols, fill_value=0)
    totals = pc.groupby("row")["practice_id"].nunique().reindex(counts.index).fillna(0).astype(int)
    if sort == "name":
        order = sorted(counts.index)
    elif sort == "region" and rows == "country":
        reg = ds.countries.set_index("iso3")[["region", "subregion"]]
        order = sorted(counts.index, key=lambda i: (*reg.loc[i], i) if i in reg.index else ("", "", i))
    else:
        order = totals.sort_values(ascending=False, kind="stable").index
        order = sorted(order, key=lambda i: (-totals[i], i))
    counts = counts.loc[order]
    return Matrix(counts, totals.loc[order], rows, cols)


def cell_practices(
    ds: Dataset, practices: pd.DataFrame, row: str, col: str, rows: str = "country", cols: str = "issue"
) -> pd.DataFrame:
    """The practices behind one heatmap cell."""
    pc = country_rows(ds, practices)
    if rows == "region":
        members = ds.countries.loc[ds.countries["region"] == row, "iso3"]
        ids_row = set(pc.loc[isin(pc["iso3"], members), "practice_id"])
    else:
        ids_row = set(pc.loc[pc["iso3"] == row, "practice_id"])
    if cols == "gcm":
        ids_col = set(ds.practice_gcm.loc[ds.practice_gcm["gcm"] == int(col), "practice_id"])
    else:
        ids_col = set(ds.practice_issues.loc[ds.practice_issues["issue_area"] == col, "practice_id"])
    return practices[isin(practices["practice_id"], ids_row & ids_col)]


def top_rows(matrix: Matrix, n: int | None) -> pd.DataFrame:
    """The first `n` rows of the matrix in its sort order (all rows when `n` is None)."""
    return matrix.counts if n is None else matrix.counts.head(n)

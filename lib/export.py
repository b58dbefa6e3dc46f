"""Downloads: formula-safe UTF-8-BOM CSV bytes, and the language-independent tables behind them.

Spreadsheets run a cell that starts with = + - @ (or a tab/CR) as a formula; every such cell is
prefixed with an apostrophe so it opens as text. The BOM makes Excel read the file as UTF-8
(Côte d'Ivoire, Curaçao). The export tables use English names so that a deferred download, built
outside the page run, does not depend on the session's language. The PDF brief is `lib.brief`.
"""

from __future__ import annotations

import pandas as pd

from lib import countries, labels, metrics, profile
from lib.load import Dataset
from lib.schema import COLUMNS, split_list

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CURATOR_ONLY = ("curator_note",)  # working notes: never rendered, never downloaded
PRACTICE_EXPORT_COLUMNS = tuple(c for c in COLUMNS["practices.csv"] if c not in CURATOR_ONLY)
STATISTIC_EXPORT_COLUMNS = tuple(c for c in COLUMNS["statistics.csv"] if c not in CURATOR_ONLY)


def neutralise(value: object) -> object:
    """A cell that a spreadsheet would run as a formula, made plain text ('=1+1' -> "'=1+1")."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Every text cell (and header) neutralised."""
    out = df.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(neutralise)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, formula-safe CSV of `df` (no index)."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


def practice_export(ds: Dataset, practices: pd.DataFrame) -> pd.DataFrame:
    """Practices as curated (public columns), with country names and a short source label."""
    names = countries.names(ds.countries, "en")
    out = practices[list(PRACTICE_EXPORT_COLUMNS)].copy()
    out.insert(
        out.columns.get_loc("countries") + 1,
        "country_names",
        [", ".join(names.get(c, c) for c in split_list(v)) for v in out["countries"]],
    )
    out["source"] = [labels.source_short(ds, s) for s in out["source_id"]]
    return out


def statistics_export(stats: pd.DataFrame) -> pd.DataFrame:
    """Statistics as curated (public columns; extra columns such as a section's are kept)."""
    return stats.drop(columns=[c for c in CURATOR_ONLY if c in stats.columns])


def country_export(ds: Dataset, iso3: str) -> pd.DataFrame:
    """A country's statistics and practices in one table (a `record` column says which), for CSV."""
    export_stats = statistics_export(profile.country_statistics(ds, iso3)).assign(record="statistic")
    export_prac = practice_export(ds, metrics.country_practices(ds, iso3)).assign(record="practice")
    return pd.concat([export_stats, export_prac], ignore_index=True).fillna("")

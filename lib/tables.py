"""Display tables: the DataFrames pages show as tables (figures, issue-area counts, About tables, heatmap labels).

Headers and cells in the current language, plain text (tables are never Markdown). No Streamlit.
"""

from __future__ import annotations

import pandas as pd

from lib import countries, i18n, labels, metrics
from lib.load import Dataset
from lib.units import format_value, period_text

MAX_TABLE_ROWS = 1000  # rows of a table formatted for the page; the CSV downloads have them all


def statistics_rows(ds: Dataset, stats: pd.DataFrame) -> pd.DataFrame:
    """Statistics as a readable table with formatted values, geography names and citations."""
    return pd.DataFrame(
        {
            i18n.t("col.indicator"): [labels.indicator_name(ds, i) for i in stats["indicator"]],
            i18n.t("col.geography"): [labels.geography_name(ds, g) for g in stats["geography"]],
            i18n.t("col.period"): [period_text(p) for p in stats["period"]],
            i18n.t("col.value"): [
                format_value(v, u, q, w)
                for v, u, q, w in zip(stats["value"], stats["unit"], stats["qualifier"], stats["value_text"])
            ],
            i18n.t("col.as_printed"): stats["value_text"],
            i18n.t("col.source"): [labels.citation(ds, s, loc) for s, loc in zip(stats["source_id"], stats["locator"])],
            i18n.t("col.note"): stats["note"],
        }
    ).reset_index(drop=True)


def issue_area_counts(ds: Dataset) -> pd.DataFrame:
    """Practices per issue area, largest first."""
    counts = ds.practice_issues["issue_area"].value_counts()
    rows = [(labels.issue_name(ds, i), int(counts.get(i, 0))) for i in ds.issue_areas["issue_area_id"]]
    df = pd.DataFrame(rows, columns=[i18n.t("col.issue_area"), i18n.t("col.practices")])
    return df.sort_values(i18n.t("col.practices"), ascending=False, ignore_index=True)


def practices_by_issue(ds: Dataset, practices: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(issue_area_id, label, practices) for every issue area with practices, in taxonomy order;
    a practice with several issue areas appears under each."""
    pairs = ds.practice_issues[metrics.isin(ds.practice_issues["practice_id"], practices["practice_id"])]
    ids = pairs.groupby("issue_area")["practice_id"].agg(list)  # one pass over the exploded table
    out = []
    for issue in ds.issue_areas["issue_area_id"]:
        if issue in ids.index:
            group = practices[metrics.isin(practices["practice_id"], ids[issue])]
            out.append((issue, labels.issue_name(ds, issue), group))
    return out


FACETS = ("issue", "region", "actor", "period", "source", "scope", "gcm", "country")


def facet_table(ds: Dataset, practices: pd.DataFrame, facet: str) -> pd.DataFrame:
    """How many of `practices` fall in each value of `facet` (a key of FACETS), largest first."""
    counts = metrics.facet_counts(ds, practices, facet)
    if facet == "country":
        names = countries.names(ds.countries)
        shown = [names.get(k, k) for k in counts.index]
    elif facet == "region":
        shown = [i18n.label("region", k, k) for k in counts.index]
    else:
        shown = [labels.filter_label(ds, facet, k) for k in counts.index]
    return pd.DataFrame({i18n.t(f"filters.{facet}"): shown, "n": counts.values}).sort_values("n", ascending=False)


def heatmap_labels(ds: Dataset, matrix, view: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Row labels with each row's total, and column labels, for the rows and columns in `view`."""
    rows = [f"{labels.row_label(ds, matrix.row_kind, r)} ({int(matrix.totals[r])})" for r in view.index]
    cols = [labels.col_label(ds, matrix.col_kind, c) for c in view.columns]
    return rows, cols


def heatmap_title(matrix) -> str:
    return i18n.t(f"heatmap.figure_title.{matrix.row_kind}.{matrix.col_kind}")


def sources_table(ds: Dataset) -> pd.DataFrame:
    """The source documents; a licence or date the document does not print says so, never guessed."""
    not_stated = i18n.t("about.not_stated")
    src = ds.sources
    return pd.DataFrame(
        {
            "id": src["source_id"],
            i18n.t("col.title"): src["title"],
            i18n.t("col.publisher"): src["publisher"],
            i18n.t("col.published"): [d or not_stated for d in src["date_published"]],
            i18n.t("col.licence"): [lic or not_stated for lic in src["licence"]],
            i18n.t("col.kind"): src["kind"],
            i18n.t("col.link"): src["url"],
            i18n.t("col.file"): src["file"],
            i18n.t("col.note"): src["note"],
        }
    )


def origins_table(ds: Dataset) -> pd.DataFrame:
    """Where the geometry and the country table come from: producer, version, licence, processing."""
    o = ds.origins
    not_recorded = i18n.t("about.not_recorded")
    return pd.DataFrame(
        {
            i18n.t("col.used_for"): o["what"],
            i18n.t("col.producer"): o["producer"],
            i18n.t("col.version"): [v or not_recorded for v in o["version"]],
            i18n.t("col.licence"): o["licence"],
            i18n.t("col.accessed"): [d or not_recorded for d in o["date_accessed"]],
            i18n.t("col.title"): o["title"],
            i18n.t("col.processing"): o["processing"],
            i18n.t("col.licence_link"): o["licence_url"],
            i18n.t("col.link"): o["url"],
        }
    )


def issue_area_table(ds: Dataset) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ds.issue_areas["issue_area_id"],
            i18n.t("col.issue_area"): [labels.issue_name(ds, i) for i in ds.issue_areas["issue_area_id"]],
            i18n.t("col.group"): ds.issue_areas["group"],
            i18n.t("col.section"): ds.issue_areas["section"],
            i18n.t("col.description"): ds.issue_areas["description"],
        }
    )


def priorities_table(ds: Dataset) -> pd.DataFrame:
    return ds.priorities[["number", "title", "summary"]].rename(
        columns={"number": "#", "title": i18n.t("col.title"), "summary": i18n.t("col.summary")}
    )

"""The map's view model: per-country values with names, display text and hover, titles and summary.

Bridges `lib.metrics` (numbers) and the map page (labels in the current language). No Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import countries, i18n, labels, metrics
from lib.load import Dataset
from lib.metrics import Filters, Metric
from lib.units import format_value, period_text

MAX_HOVER_FIGURES = 5  # figures listed per country in a map hover and table cell ("... and N more")


@dataclass(frozen=True)
class MapView:
    """What the map page draws for one metric and filter set."""

    metric: Metric
    values: pd.DataFrame  # metrics.metric_values
    table: pd.DataFrame  # map_table
    summary: str = ""  # map_summary: one sentence under the map
    shown_table: pd.DataFrame | None = None  # table_view: the table under the map


def map_view(ds: Dataset, metric: Metric, filters: Filters) -> MapView:
    values = metrics.metric_values(ds, metric, filters)
    table = map_table(ds, metric, values)
    return MapView(metric, values, table, map_summary(table, metric_label(ds, metric)), table_view(table))


def metric_label(ds: Dataset, metric: Metric) -> str:
    if metric.kind == "statistic":
        return labels.indicator_name(ds, metric.indicator)
    return i18n.t(f"metric.{metric.kind}")


def map_table(ds: Dataset, metric: Metric, values: pd.DataFrame) -> pd.DataFrame:
    """iso3, name, value, display, sources, hover: one row per country with data."""
    names = countries.names(ds.countries)
    rows = []
    for r in values.itertuples(index=False):
        if metric.kind == "statistic":
            figs = r.rows[:MAX_HOVER_FIGURES]
            more = len(r.rows) - len(figs)
            lines = figure_lines(ds, metric, r.basis, set(r.shown), figs, r.value)
            display = "; ".join(format_value(x["value"], x["unit"], x["qualifier"], x.get("value_text", "")) for x in figs)
            if more:
                lines.append(i18n.t("map.more_figures", n=i18n.number(more)))
                display += "; " + i18n.t("map.more_figures", n=i18n.number(more))
            sources = "; ".join(sorted({labels.source_short(ds, x["source_id"]) for x in r.rows}))
            hover = "\n".join(lines)
        else:
            display = i18n.number(r.value)
            sources = ""
            hover = i18n.t(f"metric.{metric.kind}.hover", n=i18n.number(r.value))
        rows.append((r.iso3, names.get(r.iso3, r.iso3), float(r.value), display, sources, hover))
    return pd.DataFrame(rows, columns=["iso3", "name", "value", "display", "sources", "hover"])


def figure_lines(ds: Dataset, metric: Metric, basis: str, shown: set[str], figs: list[dict], value: float) -> list[str]:
    """The hover's lines for one country: which figure colours it and why, then every other figure
    with what it is (another total, one part, a restatement that is not counted)."""
    first = [x for x in figs if x["stat_id"] in shown]
    if basis == "sum":
        total = format_value(value, metric.unit)
        parts = " + ".join(format_value(x["value"], x["unit"], x["qualifier"], x.get("value_text", "")) for x in first)
        lines = [i18n.t("map.shown.sum", value=total, n=len(shown), parts=parts)]
        lines += [labels.figure_line(ds, x) for x in first]
    elif basis == "latest":
        lines = [i18n.t("map.shown.latest", figure=labels.figure_line(ds, first[0]))] if first else []
    else:
        lines = [i18n.t("map.shown.only", figure=labels.figure_line(ds, first[0]))] if first else []
    for x in figs:
        if x["stat_id"] in shown:
            continue
        role = x.get("figure_role") or "total"
        key = {"restates": "map.not_counted.restates", "part": "map.not_counted.part"}.get(role, "map.also")
        lines.append(i18n.t(key, figure=labels.figure_line(ds, x)))
    return lines


def map_points(ds: Dataset, points: pd.DataFrame) -> pd.DataFrame:
    """The geometry's marker points with each country's display name (its code when unnamed)."""
    names = countries.names(ds.countries)
    return points.assign(name=[names.get(i, i) for i in points["iso3"]])


def legend_title(ds: Dataset, metric: Metric) -> str:
    if metric.kind == "statistic":
        return f"{metric_label(ds, metric)} ({i18n.label('unit', metric.unit, metric.unit)})"
    return i18n.t(f"metric.{metric.kind}.legend")


def map_title(ds: Dataset, metric: Metric, f: Filters) -> str:
    title = metric_label(ds, metric)
    if metric.kind != "statistic" and f.active():
        title += " " + i18n.t("map.filtered")
    return title


def map_source_line(ds: Dataset, metric: Metric, values: pd.DataFrame) -> str:
    if metric.kind == "statistic":
        periods = sorted({period_text(x["period"]) for rows in values.get("rows", []) for x in rows})
        srcs = sorted({labels.source_short(ds, x["source_id"]) for rows in values.get("rows", []) for x in rows})
        return i18n.t("map.source_stat", sources="; ".join(srcs), periods=", ".join(periods))
    return i18n.t("map.source_practices", n=len(ds.sources))


def map_summary(table: pd.DataFrame, label: str) -> str:
    """One sentence: how many countries have data and the five largest."""
    if table.empty:
        return i18n.t("map.summary_empty")
    top = table.sort_values(["value", "name"], ascending=[False, True]).head(5)
    items = ", ".join(f"{r.name} ({r.display})" for r in top.itertuples())
    return i18n.t("map.summary", n=len(table), label=label, top=items)


def table_view(table: pd.DataFrame) -> pd.DataFrame:
    """The table under the map, with headers in the current language."""
    columns = {"name": i18n.t("col.country"), "iso3": "ISO3", "display": i18n.t("col.value"), "sources": i18n.t("col.sources")}
    return table[list(columns)].rename(columns=columns)


def csv_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The map's CSV download: every country with data, language-independent column names."""
    return table[["iso3", "name", "value", "display", "sources"]]

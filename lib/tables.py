"""Display tables: metric values with names, formatted figures, sources and hover text.

Bridges `lib.metrics` (numbers) and the pages (labels in the current language). No Streamlit.
"""

from __future__ import annotations

import pandas as pd

from lib import countries, i18n
from lib.load import Dataset, table_lookup
from lib.metrics import Metric
from lib.schema import split_list
from lib.units import format_value, period_text


MAX_TABLE_ROWS = 1000  # rows of a table formatted for the page; the CSV downloads have them all


def _source_labels(ds: Dataset) -> dict[str, tuple[str, str]]:
    """source_id -> (publisher, year)."""
    return table_lookup(ds.sources, "labels", lambda t: {s: (p, y) for s, p, y in zip(t["source_id"], t["publisher"], t["year"])})


def data_version(ds: Dataset) -> str:
    """'2026-11-22 · 240 practices · 141 statistics' in the current language."""
    return i18n.t("data.version", date=ds.data_date, practices=i18n.number(len(ds.practices)),
                  statistics=i18n.number(len(ds.statistics)))


def source_short(ds: Dataset, source_id: str) -> str:
    """'Publisher 2021' (the publisher alone when the year is not known)."""
    label = _source_labels(ds).get(source_id)
    if not label:
        return source_id
    pub, year = label
    return f"{pub} {year}".strip() if year else pub


def source_name(ds: Dataset, source_id: str) -> str:
    """'Publisher, 2021' for citations."""
    label = _source_labels(ds).get(source_id)
    if not label:
        return source_id
    pub, year = label
    return f"{pub}, {year}" if year else pub


def source_tag(ds: Dataset, source_id: str) -> str:
    """A short tag for a chart label: the publisher's acronym when it prints one ('GFMD 2020')."""
    import re

    short = source_short(ds, source_id)
    year = _source_labels(ds).get(source_id, ("", ""))[1]
    m = re.search(r"\(([A-Z][A-Za-z]{1,9})\)", short)
    if not m:
        return short
    return f"{m.group(1)} {year}".strip()


def figure_line(ds: Dataset, row: dict) -> str:
    """'more than 200,000 people (2020) — IOM / UN Network on Migration 2021, s. 2.4'."""
    value = format_value(row["value"], row["unit"], row.get("qualifier", ""))
    return i18n.t(
        "figure.line", value=value, period=period_text(row["period"]), source=source_short(ds, row["source_id"]),
        locator=row["locator"],
    )


def indicator_name(ds: Dataset, indicator: str) -> str:
    """An indicator's name in the current language (the curated English name as fallback)."""
    names = table_lookup(ds.indicators, "names", lambda t: dict(zip(t["indicator_id"], t["name"])))
    return i18n.label("indicator", indicator, names.get(indicator, indicator))


def metric_label(ds: Dataset, metric: Metric) -> str:
    if metric.kind == "statistic":
        return indicator_name(ds, metric.indicator)
    return i18n.t(f"metric.{metric.kind}")


MAX_HOVER_FIGURES = 5  # figures listed per country in a map hover and table cell ("... and N more")


def map_table(ds: Dataset, metric: Metric, values: pd.DataFrame) -> pd.DataFrame:
    """iso3, name, value, display, sources, hover: one row per country with data."""
    names = countries.names(ds.countries)
    rows = []
    for r in values.itertuples(index=False):
        if metric.kind == "statistic":
            figs = r.rows[:MAX_HOVER_FIGURES]
            more = len(r.rows) - len(figs)
            lines = [figure_line(ds, x) for x in figs]
            display = "; ".join(format_value(x["value"], x["unit"], x["qualifier"]) for x in figs)
            if more:
                lines.append(i18n.t("map.more_figures", n=i18n.number(more)))
                display += "; " + i18n.t("map.more_figures", n=i18n.number(more))
            sources = "; ".join(sorted({source_short(ds, x["source_id"]) for x in r.rows}))
            hover = "\n".join(lines)
        else:
            display = i18n.number(r.value)
            sources = ""
            hover = i18n.t(f"metric.{metric.kind}.hover", n=i18n.number(r.value))
        rows.append((r.iso3, names.get(r.iso3, r.iso3), float(r.value), display, sources, hover))
    return pd.DataFrame(rows, columns=["iso3", "name", "value", "display", "sources", "hover"])


def map_points(ds: Dataset, points: pd.DataFrame) -> pd.DataFrame:
    """The geometry's marker points with each country's display name (its code when unnamed)."""
    names = countries.names(ds.countries)
    return points.assign(name=[names.get(i, i) for i in points["iso3"]])


def class_label(lo: float, hi: float) -> str:
    if lo == hi:
        return i18n.number(lo)
    return i18n.t("legend.range", lo=i18n.number(lo), hi=i18n.number(hi))


def legend_title(ds: Dataset, metric: Metric) -> str:
    if metric.kind == "statistic":
        return f"{metric_label(ds, metric)} ({i18n.label('unit', metric.unit, metric.unit)})"
    return i18n.t(f"metric.{metric.kind}.legend")


def map_title(ds: Dataset, metric: Metric, f) -> str:
    title = metric_label(ds, metric)
    if metric.kind != "statistic" and f.active():
        title += " " + i18n.t("map.filtered")
    return title


def map_source_line(ds: Dataset, metric: Metric, values: pd.DataFrame) -> str:
    if metric.kind == "statistic":
        periods = sorted({period_text(x["period"]) for rows in values.get("rows", []) for x in rows})
        srcs = sorted({source_short(ds, x["source_id"]) for rows in values.get("rows", []) for x in rows})
        return i18n.t("map.source_stat", sources="; ".join(srcs), periods=", ".join(periods))
    return i18n.t("map.source_practices", n=len(ds.sources))


def map_summary(table: pd.DataFrame, label: str) -> str:
    if table.empty:
        return i18n.t("map.summary_empty")
    top = table.sort_values(["value", "name"], ascending=[False, True]).head(5)
    items = ", ".join(f"{r.name} ({r.display})" for r in top.itertuples())
    return i18n.t("map.summary", n=len(table), label=label, top=items)


def map_columns() -> dict[str, str]:
    return {
        "name": i18n.t("col.country"), "iso3": "ISO3", "display": i18n.t("col.value"),
        "sources": i18n.t("col.sources"),
    }


def issue_area_counts(ds: Dataset) -> pd.DataFrame:
    counts = ds.practice_issues["issue_area"].value_counts()
    rows = [
        (i18n.label("issue", r.issue_area_id, r.name), int(counts.get(r.issue_area_id, 0)))
        for r in ds.issue_areas.itertuples(index=False)
    ]
    df = pd.DataFrame(rows, columns=[i18n.t("col.issue_area"), i18n.t("col.practices")])
    return df.sort_values(i18n.t("col.practices"), ascending=False, ignore_index=True)


def practice_rows(ds: Dataset, practices: pd.DataFrame) -> pd.DataFrame:
    """Practices as a readable table (one row each), in the current language."""
    names = countries.names(ds.countries)
    issues = dict(zip(ds.issue_areas["issue_area_id"], ds.issue_areas["name"]))
    out = pd.DataFrame(
        {
            i18n.t("col.title"): practices["title"],
            i18n.t("col.countries"): [", ".join(names.get(c, c) for c in split_list(v)) for v in practices["countries"]],
            i18n.t("col.implementer"): practices["implementer"],
            i18n.t("col.issue_areas"): [
                ", ".join(i18n.label("issue", i, issues.get(i, i)) for i in split_list(v)) for v in practices["issue_areas"]
            ],
            i18n.t("col.period"): [i18n.label("period", v) for v in practices["period"]],
            i18n.t("col.source"): [
                i18n.t("cite.pattern", source=source_short(ds, s), locator=loc)
                for s, loc in zip(practices["source_id"], practices["locator"])
            ],
            i18n.t("col.link"): practices["reference_url"].map(lambda v: split_list(v)[0] if split_list(v) else None),
        }
    )
    return out.reset_index(drop=True)


def statistics_rows(ds: Dataset, stats: pd.DataFrame) -> pd.DataFrame:
    """Statistics as a readable table with formatted values, geography names and citations."""
    names = countries.names(ds.countries)
    groups = dict(zip(ds.groups["group_id"], ds.groups["name"]))
    ind = dict(zip(ds.indicators["indicator_id"], ds.indicators["name"]))
    return pd.DataFrame(
        {
            i18n.t("col.indicator"): [i18n.label("indicator", i, ind.get(i, i)) for i in stats["indicator"]],
            i18n.t("col.geography"): [names.get(g) or i18n.label("group", g, groups.get(g, g)) for g in stats["geography"]],
            i18n.t("col.period"): [period_text(p) for p in stats["period"]],
            i18n.t("col.value"): [format_value(v, u, q) for v, u, q in zip(stats["value"], stats["unit"], stats["qualifier"])],
            i18n.t("col.source"): [
                i18n.t("cite.pattern", source=source_short(ds, s), locator=loc)
                for s, loc in zip(stats["source_id"], stats["locator"])
            ],
            i18n.t("col.note"): stats["note"],
        }
    ).reset_index(drop=True)


def translation(ds: Dataset, practice_id: str, lang: str | None = None) -> dict | None:
    """A curator's translation of a practice (title, summary, translated_by) in `lang`, if any."""
    lang = lang or i18n.language()
    t = ds.translations
    if lang == i18n.DEFAULT or t.empty:
        return None
    rows = table_lookup(t, "by_id", lambda t: {(r["practice_id"], r["lang"]): r for r in reversed(t.to_dict("records"))})
    hit = rows.get((practice_id, lang))
    return dict(hit) if hit else None


def practice_title(ds: Dataset, r) -> str:
    tr = translation(ds, r.practice_id)
    return tr["title"] if tr and tr["title"] else r.title


def practice_card(ds: Dataset, r, names: dict[str, str]) -> str:
    """Markdown for one practice; every data value is escaped. Outside English the summary is the
    curators' translation when there is one, marked as such, or the English text, marked too."""
    from lib.ui import md

    issues = table_lookup(ds.issue_areas, "names", lambda t: dict(zip(t["issue_area_id"], t["name"])))
    lines = []
    if r.countries:
        lines.append(f"**{i18n.t('col.countries')}:** " + md(", ".join(names.get(c, c) for c in split_list(r.countries))))
    if r.places:
        lines.append(f"**{i18n.t('col.places')}:** " + md(r.places))
    if r.implementer:
        lines.append(f"**{i18n.t('col.implementer')}:** " + md(r.implementer) + f" ({md(i18n.label('actor', r.actor_type))})")
    lines.append(f"**{i18n.t('col.issue_areas')}:** " + md(", ".join(i18n.label("issue", i, issues.get(i, i)) for i in split_list(r.issue_areas))))
    if r.gcm_objectives:
        lines.append(f"**{i18n.t('col.gcm')}:** " + md(", ".join(split_list(r.gcm_objectives))) + f" ({md(i18n.label('gcm_basis', r.gcm_basis))})")
    lines.append(f"**{i18n.t('col.period')}:** " + md(i18n.label("period", r.period)))
    tr = translation(ds, r.practice_id)
    if tr:
        lines.append(md(tr["summary"]))
        lines.append(f"*{md(i18n.t('practices.translated', by=tr['translated_by']))}*")
    else:
        lines.append(md(r.summary))
        if i18n.language() != i18n.DEFAULT:
            lines.append(f"*{md(i18n.t('practices.in_english'))}*")
    lines.append(f"*{md(i18n.t('cite.pattern', source=source_short(ds, r.source_id), locator=r.locator))}*")
    for url in split_list(r.reference_url):
        lines.append(f"{i18n.t('col.link')}: `{url.replace('`', '')}`")
    return "  \n".join(lines)


def practices_by_issue(ds: Dataset, practices: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(issue_area_id, label, practices) for every issue area with practices, in taxonomy order;
    a practice with several issue areas appears under each."""
    out = []
    for r in ds.issue_areas.itertuples(index=False):
        group = practices[practices["issue_areas"].map(lambda v: r.issue_area_id in split_list(v))]
        if len(group):
            out.append((r.issue_area_id, i18n.label("issue", r.issue_area_id, r.name), group))
    return out


def practice_export(ds: Dataset, practices: pd.DataFrame) -> pd.DataFrame:
    cols = ["practice_id", "title", "summary", "countries", "scope", "places", "implementer", "actor_type",
            "issue_areas", "gcm_objectives", "gcm_basis", "period", "source_id", "locator", "reference_url"]
    names = countries.names(ds.countries, "en")
    out = practices[cols].copy()
    out.insert(4, "country_names", [", ".join(names.get(c, c) for c in split_list(v)) for v in out["countries"]])
    out["source"] = [source_short(ds, s) for s in out["source_id"]]
    return out


def row_label(ds: Dataset, kind: str, value: str) -> str:
    if kind == "region":
        return i18n.label("region", value, value)
    return countries.names(ds.countries).get(value, value)


def col_label(ds: Dataset, kind: str, value) -> str:
    if kind == "gcm":
        return f"{value}. " + i18n.label("gcm_short", value, str(value))
    names = dict(zip(ds.issue_areas["issue_area_id"], ds.issue_areas["name"]))
    return i18n.label("issue", value, names.get(value, value))


def heatmap_labels(ds: Dataset, matrix, view: pd.DataFrame) -> tuple[list[str], list[str]]:
    rows = [f"{row_label(ds, matrix.row_kind, r)} ({int(matrix.totals[r])})" for r in view.index]
    cols = [col_label(ds, matrix.col_kind, c) for c in view.columns]
    return rows, cols


def heatmap_title(matrix) -> str:
    return i18n.t(f"heatmap.figure_title.{matrix.row_kind}.{matrix.col_kind}")


def country_profile(ds: Dataset, iso3: str) -> dict:
    from lib import metrics

    row = ds.countries.set_index("iso3").loc[iso3]
    region_line = " · ".join(
        x for x in (i18n.label("region", row["region"], row["region"]), i18n.label("subregion", row["subregion"], row["subregion"])) if x
    )
    stats = ds.statistics[ds.statistics["geography"] == iso3].sort_values(["indicator", "period", "source_id"])
    practices = metrics.country_practices(ds, iso3)
    share = metrics.region_issue_share(ds, iso3)
    issues = dict(zip(ds.issue_areas["issue_area_id"], ds.issue_areas["name"]))
    coverage = pd.DataFrame(
        {
            i18n.t("col.issue_area"): [i18n.label("issue", i, issues.get(i, i)) for i in share["issue_area"]],
            i18n.t("country.col_here"): share["country"],
            i18n.t("country.col_region", region=region_line.split(" · ")[0] if region_line else ""): [
                f"{round(100 * v)}%" for v in share["region_share"]
            ],
        }
    )
    from lib import keyfigures

    return {
        "region_line": region_line,
        "statistics": statistics_rows(ds, stats.head(MAX_TABLE_ROWS)).drop(columns=[i18n.t("col.geography")]),
        "n_statistics": len(stats),
        "conflicts": bool(stats.duplicated(["indicator"]).any()),
        "conflict_groups": keyfigures.conflicts(ds, stats),
        "practices": practices,
        "coverage": coverage,
    }


def country_export(ds: Dataset, iso3: str) -> pd.DataFrame:
    """A country's statistics and practices in one table (a `record` column says which), for CSV.
    Language-independent (English names), so it can be built outside a page run."""
    from lib import metrics

    stats = ds.statistics[ds.statistics["geography"] == iso3].sort_values(["indicator", "period", "source_id"])
    export_stats = stats.assign(record="statistic")
    export_prac = practice_export(ds, metrics.country_practices(ds, iso3)).assign(record="practice")
    return pd.concat([export_stats, export_prac], ignore_index=True).fillna("")


def sources_table(ds: Dataset) -> pd.DataFrame:
    return ds.sources[["source_id", "title", "publisher", "year", "kind", "url", "file"]].rename(
        columns={"source_id": "id", "title": i18n.t("col.title"), "publisher": i18n.t("col.publisher"),
                 "year": i18n.t("col.year"), "kind": i18n.t("col.kind"), "url": i18n.t("col.link"), "file": i18n.t("col.file")}
    )


def issue_area_table(ds: Dataset) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ds.issue_areas["issue_area_id"],
            i18n.t("col.issue_area"): [i18n.label("issue", r.issue_area_id, r.name) for r in ds.issue_areas.itertuples()],
            i18n.t("col.group"): ds.issue_areas["group"],
            i18n.t("col.section"): ds.issue_areas["section"],
            i18n.t("col.description"): ds.issue_areas["description"],
        }
    )


def priorities_table(ds: Dataset) -> pd.DataFrame:
    return ds.priorities[["number", "title", "summary"]].rename(
        columns={"number": "#", "title": i18n.t("col.title"), "summary": i18n.t("col.summary")}
    )

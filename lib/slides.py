"""Slides: the charts and tables one view shows (a story step or a country), built outside the page.

The briefing pack (PNG, PDF, CSV), the HTML handout and the presenter console's thumbnails draw a
view from its route name and URL parameters alone, with the same figure builders as the pages. The
parameters are read as the pages read them (untrusted, checked against the allowed values). The
map gets the shapes themselves (`geojson`), not the app's URL: these files must work with no server.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from lib import (
    alttext,
    compare,
    countries,
    export,
    figures,
    heatmapview,
    i18n,
    keyfigures,
    labels,
    maps,
    mapview,
    metrics,
    profile,
    search,
)
from lib.geo import Geometry
from lib.load import Dataset
from lib.markup import esc
from lib.state import Params


@dataclass
class Slide:
    """One chart of a view (or none), the rows behind what it shows, and a few lines of text."""

    title: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None  # the figures shown, with their sources (CSV)
    lines: list[str] = field(default_factory=list)  # key figures as printed (PDF page)


def _filters(ds: Dataset, p: Params, names=None) -> metrics.Filters:
    spec = metrics.filter_spec(ds)
    return metrics.Filters(**{k: p.choices(k, a, c) for k, (a, c) in spec.items() if names is None or k in names})


def view_slides(
    ds: Dataset, geometry: Geometry, page: str, params: dict[str, str], shapes: dict | str | None = None
) -> list[Slide]:
    """What the page `page` shows with `params`, in the current language (empty for a page
    without charts or figures, such as the overview or About). Maps embed the shapes unless
    `shapes` names the served file (for charts drawn inside the app)."""
    p = Params(dict(params))
    build = {"map": _map, "heatmap": _heatmap, "country": _country, "statistics": _statistics, "practices": _practices}
    if page not in build:
        return []
    return build[page](ds, geometry, p, geometry.geojson if shapes is None else shapes)


def world_figure(ds: Dataset, shown: mapview.MapView, f: metrics.Filters, geometry: Geometry, shapes, view: str) -> go.Figure:
    """The world map of a map view model: the page's (shapes by URL), the console's and the pack's (embedded)."""
    metric = shown.metric
    return maps.world_map(
        shown.table,
        shapes,
        mapview.map_points(ds, geometry.points),
        ids=geometry.ids,
        title=mapview.map_title(ds, metric, f),
        legend_title=mapview.legend_title(ds, metric),
        class_labels=labels.class_label,
        source_line=mapview.map_source_line(ds, metric, shown.values),
        no_data_label=i18n.t("map.no_data"),
        view=view,
    )


def world_alt(ds: Dataset, shown: mapview.MapView, f: metrics.Filters, geometry: Geometry) -> str:
    """The text alternative of `world_figure`'s map, from the same view model, title and source."""
    metric = shown.metric
    return alttext.world_map(
        shown.table,
        mapview.map_points(ds, geometry.points),
        title=mapview.map_title(ds, metric, f),
        source_line=mapview.map_source_line(ds, metric, shown.values),
    )


def _map(ds: Dataset, geometry: Geometry, p: Params, shapes) -> list[Slide]:
    options = {m.id: m for m in metrics.available_metrics(ds)}
    metric = options[p.choice("metric", options, metrics.PRACTICE_COUNT)]
    f = _filters(ds, p) if metric.kind != "statistic" else metrics.Filters(source=_filters(ds, p, ("source",)).source)
    shown = mapview.map_view(ds, metric, f)
    fig = world_figure(ds, shown, f, geometry, shapes, p.choice("view", maps.MAP_VIEWS, "world"))
    summary = mapview.map_summary(shown.table, mapview.metric_label(ds, metric))
    return [Slide(mapview.map_title(ds, metric, f), fig, mapview.csv_frame(shown.table), [summary])]


def _heatmap(ds: Dataset, geometry: Geometry, p: Params, shapes) -> list[Slide]:
    rows = p.choice("rows", ("country", "region"), "country")
    cols = p.choice("cols", ("issue", "gcm"), "issue")
    top = p.choice("top", ("15", "30", "60", "all"), "30")
    practices = metrics.filter_practices(ds, _filters(ds, p, ("actor", "period", "source")))
    sort = p.choice("sort", ("total", "name", "region"), "total")
    hv = heatmapview.heatmap_view(ds, practices, rows, cols, sort, None if top == "all" else int(top))
    return [Slide(hv.title, hv.figure, export.practice_export(ds, practices))]


def _country(ds: Dataset, geometry: Geometry, p: Params, shapes) -> list[Slide]:
    names = countries.names(ds.countries)
    picked = compare.clean_selection(ds, p.text("compare").split(",")) if p.text("compare") else []
    if len(picked) >= compare.MIN:
        counts = compare.coverage(ds, picked)
        row_labels, col_labels = compare.coverage_labels(ds, counts, compare.totals(ds, picked))
        title = " · ".join(names.get(i, i) for i in picked)
        fig = figures.heatmap(
            counts,
            row_labels,
            col_labels,
            title=i18n.t("compare.coverage_title"),
            source_line=i18n.t("map.source_practices", n=len(ds.sources)),
            hover_label=i18n.t("col.practices"),
        )
        return [Slide(title, fig, compare.statistics_table(ds, picked))]
    iso3 = countries.clean_iso3(p.text("iso3"))
    if iso3 not in set(ds.countries["iso3"]):
        return []
    view = profile.country_profile(ds, iso3)
    lines = [labels.figure_line(ds, r) for r in profile.country_statistics(ds, iso3).to_dict("records")]
    title = names.get(iso3, iso3)
    fig = maps.locator_map(shapes, geometry.points, iso3, title, ids=geometry.ids, height=420)
    fig.update_layout(title=dict(text=esc(title), x=0.01, xanchor="left"), margin=dict(t=50))
    return [Slide(title, fig, export.country_export(ds, iso3), [view.region_line, *lines])]


def _statistics(ds: Dataset, geometry: Geometry, p: Params, shapes) -> list[Slide]:
    keys = keyfigures.section_keys(ds)
    if not keys:
        return []
    section = keyfigures.layout(ds, keys=[p.choice("section", keys, keys[0])])[0]
    out = []
    for block in section.blocks:
        for chart in block.charts:
            fig = figures.bar_chart(chart.rows, title=chart.title, axis_title=chart.axis, source_line=chart.source)
            out.append(Slide(chart.title, fig, block.stats))
    if not out:
        out.append(Slide(i18n.t(f"statistics.section.{section.key}"), None, section.stats))
    return out


def _practices(ds: Dataset, geometry: Geometry, p: Params, shapes) -> list[Slide]:
    f = _filters(ds, p)
    country = p.choices("country", ds.countries["iso3"])
    found = metrics.filter_practices(ds, metrics.Filters(country=country, **{k: getattr(f, k) for k in metrics.filter_spec(ds)}))
    query = p.text("q")[:120]
    if query:
        found = search.apply(found, search.search(query, search.build_index(ds, countries.search_names(ds.countries))))
    return [Slide(i18n.t("practices.title"), None, export.practice_export(ds, found))]

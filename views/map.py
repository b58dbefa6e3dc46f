"""/map: world choropleth of a chosen metric, with filters, click-through, table and CSV."""

from dataclasses import astuple

import streamlit as st

from lib import countries, figures, i18n, metrics, tables, ui
from lib import cache, state

ds = ui.require_dataset()
params = state.read(st.query_params)
options = {m.id: m for m in cache.view("metrics")}
filters_spec = ui.practice_filter_spec(ds)

ui.header("map.title", "map.intro")
ui.bind("map_metric", params.choice("metric", options, metrics.PRACTICE_COUNT))
ui.bind("map_view", params.choice("view", figures.MAP_VIEWS, "world"))
for name, (allowed, cast) in filters_spec.items():
    ui.bind(f"map_{name}", list(params.choices(name, allowed, cast)))
ui.ignored_params(params)

left, middle, right = st.columns([4, 2, 5])
metric = options[
    ui.control(left.selectbox, i18n.t("map.metric"), list(options), key="map_metric", format_func=lambda m: tables.metric_label(ds, options[m]))
]
view = ui.control(
    middle.selectbox, i18n.t("map.view"), list(figures.MAP_VIEWS), key="map_view", format_func=lambda v: i18n.t(f"map.view.{v}")
) or "world"
with ui.panel(right, i18n.t("filters.title"), icon=":material/filter_list:"):
    chosen = ui.practice_filters(ds, filters_spec, prefix="map_", statistic=metric.kind == "statistic")
f = metrics.Filters(**chosen)
ui.set_url({"metric": metric.id, "view": view if view != "world" else None, **chosen})

_, values, table = cache.view("map", metric.id, astuple(f))
geometry = cache.geometry()
names = countries.names(ds.countries)
label = tables.metric_label(ds, metric)
fig = figures.world_map(
    table, geometry.shapes, tables.map_points(ds, geometry.points), ids=geometry.ids,
    title=tables.map_title(ds, metric, f),
    legend_title=tables.legend_title(ds, metric),
    class_labels=tables.class_label,
    source_line=tables.map_source_line(ds, metric, values),
    no_data_label=i18n.t("map.no_data"),
    view=view,
)
event = ui.plot(fig, "world_map", projector_height=700, on_select="rerun", selection_mode="points")
clicked = ui.selected_iso3(event)
if clicked:
    st.switch_page("views/country.py", query_params={"iso3": clicked, **ui.persistent_params()})

st.markdown(ui.md(tables.map_summary(table, label)))  # names come from data: escaped
if metric.kind == "statistic" and (values["n_figures"] > 1).any():
    st.caption(i18n.t("map.several_figures"))
missing = sorted(set(table["iso3"]) - geometry.iso3s)
if missing:
    st.warning(i18n.t("map.not_shown", names=", ".join(names.get(i, i) for i in missing)), icon=":material/visibility_off:")

ui.country_picker(ds, list(table["iso3"]), key="map_picker")

if not ui.presenting():
    st.subheader(i18n.t("map.table"))
    shown = table[["name", "iso3", "display", "sources"]].rename(columns=tables.map_columns())
    st.dataframe(shown, hide_index=True, width="stretch")
ui.download_csv(table[["iso3", "name", "value", "display", "sources"]], f"atlas-map-{metric.id.replace(':', '-')}.csv", key="map_csv")

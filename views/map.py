"""/map: world choropleth of a chosen metric, with filters, click-through, table and CSV."""

import streamlit as st

from lib import i18n, maps, mapview, metrics, services
from lib.markup import md
from lib.ui import charts, shell, url, widgets

ds = shell.require_dataset()
params = url.params()
options = {m.id: m for m in services.map_metrics()}
filters_spec = url.practice_filter_spec(ds)

shell.header("map.title", "map.intro")
url.bind("map_metric", params.choice("metric", options, metrics.PRACTICE_COUNT))
url.bind("map_view", params.choice("view", maps.MAP_VIEWS, "world"))
for name, (allowed, cast) in filters_spec.items():
    url.bind(f"map_{name}", list(params.choices(name, allowed, cast)))
url.ignored_params(params)

left, middle, right = st.columns([4, 2, 5])
metric = options[
    widgets.control(
        left.selectbox,
        i18n.t("map.metric"),
        list(options),
        key="map_metric",
        format_func=lambda m: mapview.metric_label(ds, options[m]),
    )
]
view = (
    widgets.control(
        middle.selectbox, i18n.t("map.view"), list(maps.MAP_VIEWS), key="map_view", format_func=lambda v: i18n.t(f"map.view.{v}")
    )
    or "world"
)
with widgets.panel(right, i18n.t("filters.title"), icon=":material/filter_list:"):
    chosen = widgets.practice_filters(ds, filters_spec, prefix="map_", statistic=metric.kind == "statistic")
f = metrics.Filters(**chosen)
url.set_url({"metric": metric.id, "view": view if view != "world" else None, **chosen})

shown = services.map_view(metric, f)
geometry = services.geometry()
names = shell.country_names()
fig = services.map_figure(metric, f, view)
event = charts.plot(
    fig, "world_map", services.map_alt(metric, f), projector_height=700, on_select="rerun", selection_mode="points"
)
clicked = charts.selected_iso3(event)
if clicked:
    url.switch_to("country", iso3=clicked)

st.markdown(md(shown.summary))  # names come from data: escaped
if metric.kind == "statistic" and (shown.values["n_figures"] > 1).any():
    st.caption(i18n.t("map.several_figures"))
missing = sorted(set(shown.table["iso3"]) - geometry.iso3s)
if missing:
    st.warning(i18n.t("map.not_shown", names=", ".join(names.get(i, i) for i in missing)), icon=":material/visibility_off:")

widgets.country_picker(ds, list(shown.table["iso3"]), key="map_picker")

with widgets.panel(st, i18n.t("map.table"), icon=":material/table_chart:", key="map_table") as table_panel:
    if not url.presenting() and table_panel.open:  # built only while open: the map is drawn sooner
        st.dataframe(shown.shown_table, hide_index=True, width="stretch")
widgets.download_csv(lambda: mapview.csv_frame(shown.table), f"atlas-map-{metric.id.replace(':', '-')}.csv", key="map_csv")

"""/ : what the Atlas holds, in a few numbers, and the ways in."""

import streamlit as st

from lib import i18n, metrics, tables, ui

ds = ui.require_dataset()
ui.header("overview.title", "overview.intro")

counts = metrics.practice_counts(ds, ds.practices)
cols = st.columns(4)
cols[0].metric(i18n.t("overview.practices"), i18n.number(len(ds.practices)))
cols[1].metric(i18n.t("overview.countries"), i18n.number(len(counts)))
cols[2].metric(i18n.t("overview.statistics"), i18n.number(len(ds.statistics)))
cols[3].metric(i18n.t("overview.sources"), i18n.number(len(ds.sources)))

st.subheader(i18n.t("overview.ways_in"))
links = st.columns(3)
links[0].page_link("views/map.py", label=i18n.t("overview.go_map"), icon=":material/public:")
links[0].page_link("views/heatmap.py", label=i18n.t("overview.go_heatmap"), icon=":material/grid_on:")
links[1].page_link("views/practices.py", label=i18n.t("overview.go_practices"), icon=":material/search:")
links[1].page_link("views/country.py", label=i18n.t("overview.go_country"), icon=":material/flag:")
links[2].page_link("views/statistics.py", label=i18n.t("overview.go_statistics"), icon=":material/bar_chart:")
links[2].page_link("views/about.py", label=i18n.t("overview.go_about"), icon=":material/info:")

st.subheader(i18n.t("overview.by_issue"))
st.dataframe(tables.issue_area_counts(ds), hide_index=True, width="stretch")
st.caption(i18n.t("caveat.counts"))

st.subheader(i18n.t("overview.stories"))
st.write(i18n.t("overview.stories_intro"))
ui.stories_list()

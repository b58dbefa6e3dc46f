"""/ : what the Atlas holds, in a few numbers, and the ways in."""

import streamlit as st

from lib import i18n, metrics, tables
from lib.ui import shell, story, url

ds = shell.require_dataset()
shell.header("overview.title", "overview.intro")

counts = metrics.practice_counts(ds, ds.practices)
cols = st.columns(4)
cols[0].metric(i18n.t("overview.practices"), i18n.number(len(ds.practices)))
cols[1].metric(i18n.t("overview.countries"), i18n.number(len(counts)))
cols[2].metric(i18n.t("overview.statistics"), i18n.number(len(ds.statistics)))
cols[3].metric(i18n.t("overview.sources"), i18n.number(len(ds.sources)))

st.header(i18n.t("overview.ways_in"))
links = st.columns(3)
for i, name in enumerate(("map", "heatmap", "practices", "country", "statistics", "about")):
    url.link(links[i // 2], name, i18n.t(f"overview.go_{name}"), keep=False)

st.header(i18n.t("overview.by_issue"))
st.dataframe(tables.issue_area_counts(ds), hide_index=True, width="stretch")
st.caption(i18n.t("caveat.counts"))

st.header(i18n.t("overview.stories"))
st.write(i18n.t("overview.stories_intro"))
story.stories_list()

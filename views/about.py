"""/about: sources with full citations, method, taxonomy and caveats."""

import streamlit as st

from lib import i18n, tables
from lib.ui import shell

ds = shell.require_dataset()
shell.header("about.title", "about.intro")

st.header(i18n.t("about.sources"))
st.dataframe(tables.sources_table(ds), hide_index=True, width="stretch")
st.header(i18n.t("about.method"))
st.write(i18n.t("about.method_body"))
st.header(i18n.t("about.taxonomy"))
st.dataframe(tables.issue_area_table(ds), hide_index=True, width="stretch")
st.header(i18n.t("about.priorities"))
st.dataframe(tables.priorities_table(ds), hide_index=True, width="stretch")
st.header(i18n.t("about.caveats"))
st.write(i18n.t("caveat.counts"))
st.write(i18n.t("about.caveat_sources"))
st.header(i18n.t("about.geometry"))
st.write(i18n.t("about.geometry_body"))

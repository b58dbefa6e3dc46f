"""/about: sources with full citations, method, taxonomy, caveats, origins and the data package."""

import streamlit as st

from lib import datapackage, i18n, tables
from lib.ui import shell, url

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
st.subheader(i18n.t("about.origins"))
st.write(i18n.t("about.origins_intro"))
st.dataframe(tables.origins_table(ds), hide_index=True, width="stretch")
st.subheader(i18n.t("about.package"))
st.write(i18n.t("about.package_body"))
if not url.presenting():
    folder = ds.folder
    st.download_button(
        i18n.t("about.package_download"),
        data=lambda: datapackage.zip_bytes(folder),  # built only when pressed (deferred download)
        file_name=datapackage.ZIP_NAME,
        mime="application/zip",
        key="about_datapackage",
        icon=":material/download:",
        on_click="ignore",
    )

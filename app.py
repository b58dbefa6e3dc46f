"""Migration Practice Atlas: entrypoint (page config, language, shared sidebar, navigation)."""

import streamlit as st

from lib import i18n, ui

st.set_page_config(page_title="Migration Practice Atlas", page_icon="static/favicon.png", layout="wide")

lang = ui.init_language()

PAGES = [
    st.Page("pages/overview.py", title=i18n.t("nav.overview"), icon=":material/home:", url_path="", default=True),
    st.Page("pages/map.py", title=i18n.t("nav.map"), icon=":material/public:", url_path="map"),
    st.Page("pages/heatmap.py", title=i18n.t("nav.heatmap"), icon=":material/grid_on:", url_path="heatmap"),
    st.Page("pages/country.py", title=i18n.t("nav.country"), icon=":material/flag:", url_path="country"),
    st.Page("pages/practices.py", title=i18n.t("nav.practices"), icon=":material/search:", url_path="practices"),
    st.Page("pages/statistics.py", title=i18n.t("nav.statistics"), icon=":material/bar_chart:", url_path="statistics"),
    st.Page("pages/about.py", title=i18n.t("nav.about"), icon=":material/info:", url_path="about"),
]

page = st.navigation(PAGES, position="sidebar")
ui.sidebar(lang)
page.run()

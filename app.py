"""Migration Practice Atlas: entrypoint (page config, language, presenter mode, navigation)."""

import streamlit as st

from lib import i18n, ui

st.set_page_config(page_title="Migration Practice Atlas", page_icon="static/favicon.png", layout="wide")

lang = ui.init_language()
present = ui.presenting()

PAGES = [
    st.Page("views/overview.py", title=i18n.t("nav.overview"), icon=":material/home:", url_path="", default=True),
    st.Page("views/map.py", title=i18n.t("nav.map"), icon=":material/public:", url_path="map"),
    st.Page("views/heatmap.py", title=i18n.t("nav.heatmap"), icon=":material/grid_on:", url_path="heatmap"),
    st.Page("views/country.py", title=i18n.t("nav.country"), icon=":material/flag:", url_path="country"),
    st.Page("views/practices.py", title=i18n.t("nav.practices"), icon=":material/search:", url_path="practices"),
    st.Page("views/statistics.py", title=i18n.t("nav.statistics"), icon=":material/bar_chart:", url_path="statistics"),
    st.Page("views/about.py", title=i18n.t("nav.about"), icon=":material/info:", url_path="about"),
]

# Presenter mode (?present=1): no sidebar, no navigation menu; the story player stays.
page = st.navigation(PAGES, position="hidden" if present else "sidebar")
if present:
    ui.presenter_chrome()
else:
    ui.sidebar(lang)
ui.story_bar(page.url_path or "overview")
page.run()

"""Migration Practice Atlas: entrypoint (page config, language, presenter mode, story bar, navigation)."""

import streamlit as st

from lib import i18n, routes
from lib.ui import a11y, shell, story, url

st.set_page_config(page_title="Migration Practice Atlas", page_icon="static/favicon.png", layout="wide")

lang = shell.init_language()
a11y.page_setup(lang)  # <html lang> and a visible focus ring (constant snippets)
present = url.presenting()

# One st.Page per route of lib/routes.py (views/, not pages/: see the README, "Adding a page").
pages = {
    st.Page(r.view, title=i18n.t(r.nav_key), icon=r.icon, url_path=r.path, default=r is routes.DEFAULT): r for r in routes.ROUTES
}

# Presenter mode (?present=1): no sidebar, no navigation menu; the story player stays.
page = st.navigation(list(pages), position="hidden" if present else "sidebar")
if present:
    shell.presenter_chrome()
else:
    shell.sidebar(lang)
story.story_bar(pages[page].name)
page.run()

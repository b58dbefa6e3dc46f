"""Migration Practice Atlas: entrypoint (page config, language, presenter mode and console, story bar, navigation)."""

import streamlit as st

from lib.ui import a11y, collect, console, nav, shell, story, url

# The favicon by its static URL (served from static/): a file path is read and re-registered on every run.
st.set_page_config(page_title="Migration Practice Atlas", page_icon="/app/static/favicon.png", layout="wide")

lang = shell.init_language()
a11y.page_setup(lang)  # <html lang> and a visible focus ring (constant snippets)
present = url.presenting()
console_on = present and url.params().flag("console")

# One st.Page per route of lib/routes.py (views/, not pages/: see the README, "Adding a page").
pages = nav.pages(lang)

# Presenter mode (?present=1): no sidebar, no navigation menu; the story player stays.
page = st.navigation(list(pages), position="hidden" if present else "sidebar")
name = pages[page].name
shell.preload_charts(pages[page].charts or console_on)  # plotly loads in the browser while the server works
shell.wait_for_data()  # a first load of a large folder shows its progress instead of a blank page

if console_on:
    console.console_view()  # the presenter console replaces the page (README, Presenting at a roundtable)
elif present:
    blank = console.audience_blank()
    shell.presenter_chrome(blank)
    console.qr_popover(name)
    if not console.audience(name):  # an audience window follows its console; otherwise the story bar
        story.story_bar(name)
    if not blank:
        page.run()
else:
    shell.sidebar(lang)
    collect.add_view_button(name)
    story.story_bar(name)
    page.run()
shell.page_done()  # serve.py waits for a first page before its other background work

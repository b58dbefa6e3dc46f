"""The navigation's pages: one st.Page per route of lib/routes.py, made once per session and language."""

from __future__ import annotations

import streamlit as st

from lib import i18n, routes

_KEY = "nav_pages"  # session state: (language, {route name: st.Page})


def pages(lang: str) -> dict:
    """st.Page -> Route for this session in `lang`, for `st.navigation`.

    Streamlit resolves a page's script on disk (one `realpath` per page) when an st.Page is made
    and when `st.page_link` is given a path; made once per session, the same objects also serve
    `link` below (bench/RESULTS.md, per-interaction cost). Kept per session, never shared between
    sessions: `st.navigation` marks the page it returns as runnable and `page.run()` clears it,
    so two sessions running at once must not hold the same object.
    """
    held = st.session_state.get(_KEY)
    if held is None or held[0] != lang:
        made = {
            r.name: st.Page(r.view, title=i18n.t(r.nav_key), icon=r.icon, url_path=r.path, default=r is routes.DEFAULT)
            for r in routes.ROUTES
        }
        held = st.session_state[_KEY] = (lang, made)
    return {held[1][r.name]: r for r in routes.ROUTES}


def page(name: str):
    """This session's st.Page of route `name`, or its script path before the navigation has run."""
    held = st.session_state.get(_KEY)
    return held[1][name] if held is not None else routes.route(name).view

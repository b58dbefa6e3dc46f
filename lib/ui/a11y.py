"""Page-wide accessibility: the document's language attribute and a visible keyboard focus.

One constant snippet per language (nothing from data, URL or user reaches it): a stylesheet that
draws a focus ring on every focusable element, and a one-line script that sets `<html lang>` to the
language the page is shown in (Streamlit always serves `lang="en"`), so screen readers pronounce
French and Spanish pages correctly.
"""

from __future__ import annotations

import streamlit as st

from lib import i18n

FOCUS_CSS = """<style>
:focus-visible, [data-testid="stSidebar"] :focus-visible, .js-plotly-plot :focus-visible {
  outline: 3px solid #22667a !important; outline-offset: 2px !important; box-shadow: 0 0 0 5px #ffffff !important;
}
</style>"""

# Keyed by the fixed language codes; each value is a constant (no interpolation at run time).
HEAD = {code: FOCUS_CSS + f"<script>document.documentElement.setAttribute('lang', '{code}');</script>" for code in i18n.LANGUAGES}


def page_setup(lang: str) -> None:
    """The focus ring and `<html lang>` for this page run (constant snippets, chosen by language code)."""
    st.html(HEAD.get(lang, HEAD[i18n.DEFAULT]), unsafe_allow_javascript=True)

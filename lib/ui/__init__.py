"""Streamlit building blocks shared by the pages, one module per concern (url, shell, story, widgets, lists, charts).

Pages import the module they need (`from lib.ui import shell, lists`). No data or user text is ever
rendered as HTML here: Markdown text goes through `lib.markup.md`.
"""

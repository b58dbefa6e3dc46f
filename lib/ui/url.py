"""Page state in the browser's URL: presenter mode, reading and writing query parameters, links between routes."""

from __future__ import annotations

import streamlit as st

from lib import i18n, metrics, routes, state
from lib.load import Dataset
from lib.ui import nav

PERSIST = ("lang", "present", "story", "step", "console", "room")  # query parameters kept on every page


def params() -> state.Params:
    """This run's query parameters, checked (untrusted input: see lib/state.py)."""
    return state.read(st.query_params)


def presenting() -> bool:
    """Presenter mode (`?present=1`): no sidebar or controls, large type, full-size charts.
    (Reads the one parameter: pages ask this a dozen times a run.)"""
    return state.read({"present": st.query_params.get("present", "")}).flag("present")


def persistent_params() -> dict[str, str]:
    return {k: st.query_params[k] for k in PERSIST if k in st.query_params}


def set_url(values: dict) -> None:
    """Replace the page's query parameters with `values` (plus the persistent ones)."""
    wanted = state.encode(values)
    for key in PERSIST:
        if key in st.query_params and key not in wanted:
            wanted[key] = st.query_params[key]
    current = {k: st.query_params[k] for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)


def bind(key: str, value) -> None:
    """Seed a widget's state from the URL the first time the page is drawn in this session."""
    if key not in st.session_state:
        st.session_state[key] = value


def ignored_params(p: state.Params) -> None:
    """A calm note when the URL carried values the page could not use."""
    if p.ignored:
        names = ", ".join(sorted(set(p.ignored)))
        st.info(i18n.t("url.ignored", names=names), icon=":material/info:")


def practice_filter_spec(ds: Dataset) -> dict[str, tuple[list, type]]:
    """URL name -> (allowed values, type) for the practice filters shared by several pages."""
    return metrics.filter_spec(ds)


def switch_to(name: str, **query: str) -> None:
    """Go to the route `name` with `query` (and the persistent parameters)."""
    st.switch_page(routes.route(name).view, query_params={**query, **persistent_params()})


def link(container, name: str, label: str, icon: str | None = None, keep: bool = True, **query: str) -> None:
    """A link to the route `name` (`label` must already be escaped with markup.md)."""
    r = routes.route(name)
    container.page_link(
        nav.page(name), label=label, query_params={**query, **(persistent_params() if keep else {})}, icon=icon or r.icon
    )

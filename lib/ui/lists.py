"""Lists and tables on a page: practice cards 25 at a time, practices by issue, facets, suggestions, long tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import i18n, services, tables
from lib.load import Dataset
from lib.markup import md
from lib.ui.shell import country_names
from lib.ui.url import link, persistent_params, presenting

PAGE_SIZE = 25  # practice cards drawn at first; "Show more" adds as many again
SHORT_TABLE_ROWS = 40  # up to this many, a static table whose long cells wrap


def practice_list(ds: Dataset, practices: pd.DataFrame, key: str, page: int = PAGE_SIZE) -> None:
    """Practices as expandable cards (title, countries, implementer, issues, summary, citation, link).

    The first `page` cards are drawn, then a *Show more* button adds `page` more (the count restarts
    when the list changes): every card costs a page run time and browser memory, and the CSV
    download holds the whole list."""
    # the list's signature: a tuple of ids for a short list, hashed in bulk for a long one (a tuple of
    # thousands of Arrow strings cost 10 ms a list; the bulk hash has a fixed cost of about 0.1 ms)
    col = practices["practice_id"]
    ids = hash(tuple(col) if len(col) <= 250 else pd.util.hash_pandas_object(col, index=False).to_numpy().tobytes())
    memo = st.session_state.get(f"{key}_shown")
    limit = memo[1] if isinstance(memo, tuple) and memo[0] == ids else page
    shown = practices.head(limit)
    open_all = len(shown) <= 6  # a short result list is shown whole
    keep = persistent_params()
    for c in services.practice_cards(shown):
        with st.expander(c.label, expanded=open_all):
            st.markdown(c.body)
            if c.links:
                # One row that wraps, not a grid of columns: every block is a message to the browser,
                # and a card of 10 countries would send 5 blocks more (bench/RESULTS.md).
                row = st.container(horizontal=True, gap="small") if len(c.links) > 1 else st
                for iso3, name in c.links:
                    link(row, "country", name, keep=False, **keep, iso3=iso3)
    rest = len(practices) - len(shown)
    if rest > 0:
        st.caption(i18n.t("practices.showing", n=i18n.number(len(shown)), total=i18n.number(len(practices))))
        if not presenting():
            st.button(
                i18n.t("practices.show_more", n=min(page, rest)),
                key=f"{key}_more",
                icon=":material/expand_more:",
                on_click=_show_more,
                args=(f"{key}_shown", ids, limit + page),
            )


def _show_more(state_key: str, signature: int, limit: int) -> None:
    st.session_state[state_key] = (signature, limit)


def practices_by_issue(ds: Dataset, groups: list[tuple[str, str, pd.DataFrame]]) -> None:
    """A country's practices under each issue area (10 cards each, then *Show more*);
    `groups` as tables.practices_by_issue (the profile holds them)."""
    for issue, label, group in groups:
        st.markdown(f"**{md(label)}** ({len(group)})")
        practice_list(ds, group, key=f"iss_{issue}", page=10)


def facets(frames: list[pd.DataFrame]) -> None:
    """Counts of the listed practices by issue area, region, actor, period, source, scope, GCM,
    country (tables.facet_table, four to a row)."""
    cols = st.columns(4)
    for i, frame in enumerate(frames):
        cols[i % 4].dataframe(frame, hide_index=True, width="stretch", height=220)


def suggestions(iso3s: list[str]) -> None:
    """Links to a few country profiles (close matches, similar countries)."""
    if not iso3s:
        return
    names = country_names()
    st.write(i18n.t("country.suggestions"))
    cols = st.columns(min(len(iso3s), 5))
    for col, iso3 in zip(cols, iso3s):
        link(col, "country", md(names.get(iso3, iso3)), iso3=iso3)


def long_table(df: pd.DataFrame, total: int | None = None) -> None:
    """A scrollable table of at most tables.MAX_TABLE_ROWS rows, with a note when rows were left out
    (`total`: the full count when `df` was already cut)."""
    total = len(df) if total is None else total
    shown = df.head(tables.MAX_TABLE_ROWS)
    st.dataframe(shown, hide_index=True, width="stretch")
    if total > len(shown):
        st.caption(i18n.t("table.first_rows", n=i18n.number(len(shown)), total=i18n.number(total)))


def statistics_table(df: pd.DataFrame, total: int | None = None) -> None:
    """A country's figures: a wrapping table when short, else a scrollable one."""
    if len(df) <= SHORT_TABLE_ROWS and (total is None or total <= len(df)):
        st.table(df.set_index(df.columns[0]))  # long cells wrap
    else:
        long_table(df, total)

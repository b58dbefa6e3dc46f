"""Controls: widgets that disappear in presenter mode, the practice filters, pickers and download buttons."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from lib import countries, export, i18n, labels
from lib.load import Dataset
from lib.ui.url import presenting, switch_to


def control(widget, label: str, *args, key: str, **kwargs):
    """A widget, or in presenter mode its current value without drawing it (no controls on the
    projector; the value comes from the URL through `url.bind`)."""
    if presenting():
        return st.session_state.get(key)
    return widget(label, *args, key=key, **kwargs)


def panel(parent, label: str, icon: str | None = None, expanded: bool = False, key: str | None = None):
    """An expander for controls; in presenter mode a plain (empty) container instead. With a `key`
    the page reruns when it is opened or closed and `.open` says which, so costly content can be
    built only while it is open."""
    if presenting():
        return parent.container()
    if key:
        return parent.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    return parent.expander(label, expanded=expanded, icon=icon)


def practice_filters(ds: Dataset, spec: dict, prefix: str, statistic: bool = False, names=None) -> dict:
    """Multiselects for the practice filters; returns URL name -> tuple of chosen values.

    For a statistics metric only the source filter applies; the others are shown disabled.
    """
    chosen = {}
    for name, (allowed, _) in spec.items():
        if names is not None and name not in names:
            continue
        disabled = statistic and name != "source"
        if presenting():
            chosen[name] = () if disabled else tuple(st.session_state.get(f"{prefix}{name}") or ())
            continue
        values = st.multiselect(
            i18n.t(f"filters.{name}"),
            allowed,
            key=f"{prefix}{name}",
            disabled=disabled,
            format_func=lambda v, n=name: labels.filter_label(ds, n, v),
            placeholder=i18n.t("filters.any"),
        )
        chosen[name] = () if disabled else tuple(values)
    return chosen


def country_picker(ds: Dataset, iso3s: list[str], key: str) -> None:
    """A keyboard-usable way to a profile: type a country, press the button."""
    if presenting():
        return
    names = countries.names(ds.countries)
    ordered = sorted(iso3s, key=lambda i: names.get(i, i))
    col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
    pick = col1.selectbox(
        i18n.t("picker.label"),
        ordered,
        index=None,
        key=key,
        format_func=lambda i: names.get(i, i),
        placeholder=i18n.t("picker.placeholder"),
    )
    if col2.button(i18n.t("picker.open"), key=f"{key}_go", disabled=pick is None, icon=":material/arrow_forward:"):
        switch_to("country", iso3=pick)


def cell_picker(ds: Dataset, matrix, cell) -> tuple:
    """Row and column selectboxes (seeded by a clicked cell): the keyboard way to a heatmap cell."""
    rows = [str(r) for r in matrix.counts.index]
    cols = [str(c) for c in matrix.counts.columns]
    if presenting():
        return cell if cell and cell[0] in rows and cell[1] in cols else (None, None)
    if cell and cell[0] in rows and cell[1] in cols:
        st.session_state["hm_cell_row"], st.session_state["hm_cell_col"] = cell
    c1, c2 = st.columns(2)
    row = c1.selectbox(
        i18n.t("heatmap.pick_row"),
        rows,
        index=None,
        key="hm_cell_row",
        format_func=lambda v: labels.row_label(ds, matrix.row_kind, v),
        placeholder=i18n.t("filters.any"),
    )
    col = c2.selectbox(
        i18n.t("heatmap.pick_col"),
        cols,
        index=None,
        key="hm_cell_col",
        format_func=lambda v: labels.col_label(ds, matrix.col_kind, v),
        placeholder=i18n.t("filters.any"),
    )
    return row, col


def download_csv(df: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str, key: str) -> None:
    """A CSV download button. Pass a function instead of a frame to build the file only when
    someone clicks (Streamlit's deferred download): the full practice list is not built on every run.
    The function runs outside the page run, so it must not depend on the session's language."""
    if presenting():
        return
    data = (lambda: export.to_csv_bytes(df())) if callable(df) else export.to_csv_bytes(df)
    st.download_button(
        i18n.t("download.csv"),
        data=data,
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def download_pdf(build: Callable[[], bytes], file_name: str, key: str) -> None:
    """A PDF download button, built only when pressed."""
    if presenting():
        return
    st.download_button(
        i18n.t("brief.download"),
        data=build,
        file_name=file_name,
        mime="application/pdf",
        key=key,
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )

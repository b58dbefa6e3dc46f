"""Charts and figure cards on a page: plotly with the offline config, clicks read back, figures side by side."""

from __future__ import annotations

import streamlit as st

from lib import figures, i18n, maps, routes, services
from lib.keyfigures import MAX_CONFLICTS
from lib.markup import md
from lib.stories import Step
from lib.ui.url import presenting

PLOT_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    # plotly.js would fetch base-map shapes from a CDN; point it at the app's own static folder.
    "topojsonURL": maps.TOPOJSON_URL,
    "toImageButtonOptions": {"format": "png", "scale": 2, "width": 1600, "height": 900},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
MAX_HEADLINES = 4  # headline cards in one row; more go in rows of four, up to 3 rows


def plot(fig, key: str, alt: str, projector_height: int | None = None, **kwargs):
    """st.plotly_chart with the app's offline config; in presenter mode the projector version.

    `alt` is the chart's text alternative (lib.alttext, built from the table that draws it): it is
    the chart's caption, directly under it, so screen readers and people who cannot see the chart
    get what it shows (Streamlit offers no aria-describedby on a chart)."""
    if presenting():
        fig = figures.projector(fig, projector_height)
    event = st.plotly_chart(fig, key=key, config=PLOT_CONFIG, **kwargs)
    st.caption(md(alt))
    return event


def _selected_points(event) -> list:
    """The points of a plotly selection event (empty for anything else)."""
    try:
        return list(event["selection"]["points"] or [])
    except (KeyError, TypeError):
        return []


def selected_iso3(event) -> str | None:
    """The ISO3 code of a clicked map country (choropleth `location` or marker `customdata`)."""
    for p in _selected_points(event):
        custom = p.get("customdata")
        if isinstance(custom, (list, tuple)) and custom:
            return str(custom[0])
        if p.get("location"):
            return str(p["location"])
    return None


def selected_cell(event) -> tuple[str, str] | None:
    """The (row, column) of a clicked heatmap cell."""
    for p in _selected_points(event):
        custom = p.get("customdata")
        if isinstance(custom, (list, tuple)) and len(custom) >= 2:
            return str(custom[0]), str(custom[1])
    return None


def figure_card(card: dict, label: str | None = None) -> None:
    """One figure as printed (value with qualifier, period, source and locator), in a bordered box."""
    with st.container(border=True):
        if label:
            st.caption(md(label))
        st.markdown(f"**{md(card['value'])}**")
        st.caption(md(i18n.t("statistics.card_meta", period=card["period"], source=card["source"])))
        if card.get("note"):
            st.caption(md(card["note"]))


def headlines(cards: list[dict]) -> None:
    """A section's headline figures as cards, four to a row (at most 12; the table has them all)."""
    shown = cards[: 3 * MAX_HEADLINES]
    for start in range(0, len(shown), MAX_HEADLINES):
        row = shown[start : start + MAX_HEADLINES]
        for col, card in zip(st.columns(len(row) if len(shown) <= MAX_HEADLINES else MAX_HEADLINES), row):
            with col:
                figure_card(card, label=card["label"])
    if len(cards) > len(shown):
        st.caption(i18n.t("map.more_figures", n=i18n.number(len(cards) - len(shown))))


def conflicts(groups: list, level: int = 4) -> None:
    """Groups of figures that differ, with the heading (at `level`, one below the section's) and the
    note (keyfigures.conflicts builds cards for the first MAX_CONFLICTS groups; the rest are counted)."""
    if not groups:
        return
    st.markdown(f"{'#' * level} {i18n.t('statistics.conflicts_title')}")
    st.caption(i18n.t("statistics.conflicts_note"))
    for c in groups[:MAX_CONFLICTS]:
        conflict(c)
    if len(groups) > MAX_CONFLICTS:
        st.caption(i18n.t("statistics.conflicts_more", n=i18n.number(len(groups) - MAX_CONFLICTS)))


def conflict(c) -> None:
    """Figures that differ, side by side with their sources (never merged), and why they may differ."""
    st.markdown(f"**{md(c.title)}**")
    for col, card in zip(st.columns(max(1, min(len(c.figures), 4))), c.figures):
        with col:
            figure_card(card)
    for card in c.figures[4:]:
        figure_card(card)
    if c.total > len(c.figures):
        st.caption(i18n.t("map.more_figures", n=i18n.number(c.total - len(c.figures))))


def thumbnail(step: Step, key: str, height: int) -> None:
    """A small static preview of a step: its first chart (or the page's name) and one line."""
    shown = services.view_slides(step.page, step.params)
    fig = next((s.figure for s in shown if s.figure is not None), None)
    if fig is None:
        st.info(i18n.t(routes.route(step.page).nav_key), icon=routes.route(step.page).icon)
        return
    whole = fig.to_dict()  # shared when the figure is cached (figures.SealedFigure): changed only in a copy
    thumb = {**whole, "layout": {**whole["layout"], "height": height, "margin": dict(l=0, r=0, t=30, b=0), "annotations": []}}
    st.plotly_chart(thumb, key=key, config={**PLOT_CONFIG, "staticPlot": True, "displayModeBar": False}, width="stretch")
    st.caption(md(shown[0].lines[0] if shown[0].lines else shown[0].title))

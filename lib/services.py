"""Cached services: every Streamlit cache of the app, one typed function per shared object or view model.

Each cache is keyed by the data folder's fingerprint (file names, sizes and modification times), so
an edited file gives a new key and is read again; view models are also keyed by the language and
their own arguments (a `Metric`, `Filters`, an ISO3 code, a section key). Nothing else invalidates.

The cached values are shared, read-only objects: `st.cache_resource` hands every caller the same
object instead of unpickling a fresh copy on each call as `st.cache_data` does (that copy cost
~10 ms per call on the curated data and ~0.5 s at 100,000 practices, bench/RESULTS.md), and a page
calls `dataset()` many times per run. Callers must never modify what these functions return.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import (
    countries,
    figures,
    firstload,
    geo,
    heatmapview,
    i18n,
    keyfigures,
    load,
    maps,
    mapview,
    markup,
    metrics,
    profile,
    rooms,
    search,
    slides,
    tables,
)
from lib import stories as story_files
from lib.metrics import Filters, Metric

# Cache keys: a Metric or Filters (frozen dataclasses) is hashed by its repr, which names every field;
# Streamlit's default hashing walks the object by reduction, about 1 ms per cached call (bench/RESULTS.md).
_TYPED = {Metric: repr, Filters: repr}


def _key() -> tuple[str, str]:
    """(data folder, a short digest of its files' names, sizes and times): every cache's key."""
    return firstload.current_key()


# Shared objects ------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, key: str) -> load.LoadResult:
    return firstload.result(folder, key)  # the background load's (serve.py starts it), or one run now


@st.cache_resource(show_spinner=False, max_entries=4)
def _geometry(folder: str, key: str) -> geo.Geometry:
    return geo.read_geometry(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _country_index(folder: str, key: str) -> dict[str, str]:
    result = _load(folder, key)
    return countries.search_names(result.dataset.countries) if result.ok else {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _search_index(folder: str, key: str) -> search.Index | None:
    result = _load(folder, key)
    return search.build_index(result.dataset, _country_index(folder, key)) if result.ok else None


def dataset() -> load.LoadResult:
    """The data folder read and validated (`.ok`, `.dataset`, `.problems`)."""
    return _load(*_key())


def page_shown() -> None:
    """A page run has ended (app.py): work serve.py holds back for the first page may start."""
    firstload.page_shown()


def loading() -> firstload.Loading:
    """The load of the current data version, started in a background thread if nobody has started it
    (`serve.py` starts it with the server); `.finished` once `dataset()` returns at once."""
    return firstload.start(*_key())


def geometry() -> geo.Geometry:
    return _geometry(*_key())


def country_index() -> dict[str, str]:
    """Every searchable country name (three languages, aliases) -> ISO3."""
    return _country_index(*_key())


def search_index() -> search.Index | None:
    return _search_index(*_key())


# View models: pure functions of the valid dataset, their arguments and the language, computed once
# per (data version, language, arguments) and shared by every session (read-only, like the dataset).
# At the curated size they cost 5-50 ms a run; at 100,000 practices and 1M statistics seconds.


def _ds(folder: str, key: str) -> load.Dataset:
    return _load(folder, key).dataset


@st.cache_resource(show_spinner=False, max_entries=16)
def _metrics(folder: str, key: str) -> tuple[Metric, ...]:
    return tuple(metrics.available_metrics(_ds(folder, key)))


def map_metrics() -> tuple[Metric, ...]:
    """The metrics the map can show (practice counts, issue areas, each mappable indicator)."""
    return _metrics(*_key())


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_TYPED)
def _map_view(folder: str, key: str, lang: str, metric: Metric, filters: Filters) -> mapview.MapView:
    return mapview.map_view(_ds(folder, key), metric, filters)


def map_view(metric: Metric, filters: Filters) -> mapview.MapView:
    """The map's values and table for `metric` under `filters`, in the current language."""
    return _map_view(*_key(), i18n.language(), metric, filters)


# Figures: building a plotly Figure validates every property (about half of a warm map run), so each
# figure is built once per (data version, language, arguments) and shared, read-only; sealed
# (figures.SealedFigure), so that st.plotly_chart's to_dict() on every run is not a deep copy.


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_TYPED)
def _map_figure(folder: str, key: str, lang: str, metric: Metric, filters: Filters, view: str) -> go.Figure:
    geometry = _geometry(folder, key)
    return figures.sealed(
        slides.world_figure(
            _ds(folder, key), _map_view(folder, key, lang, metric, filters), filters, geometry, geometry.shapes, view
        )
    )


def map_figure(metric: Metric, filters: Filters, view: str) -> go.Figure:
    """The world map for `metric` under `filters`, zoomed to `view` (a key of maps.MAP_VIEWS)."""
    return _map_figure(*_key(), i18n.language(), metric, filters, view)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_TYPED)
def _map_alt(folder: str, key: str, lang: str, metric: Metric, filters: Filters) -> str:
    return slides.world_alt(_ds(folder, key), _map_view(folder, key, lang, metric, filters), filters, _geometry(folder, key))


def map_alt(metric: Metric, filters: Filters) -> str:
    """The world map's text alternative (lib.alttext) for `metric` under `filters`."""
    return _map_alt(*_key(), i18n.language(), metric, filters)


def warm_first_map() -> None:
    """Build the map page's first views (every metric's menu entry, the default metric unfiltered, in
    the current language) before a visitor asks: serve.py, while the first browser is starting."""
    metric = {m.id: m for m in map_metrics()}[metrics.PRACTICE_COUNT]
    map_view(metric, Filters())
    map_figure(metric, Filters(), "world")
    map_alt(metric, Filters())


@st.cache_resource(show_spinner=False, max_entries=256)
def _locator_figure(folder: str, key: str, lang: str, iso3: str) -> go.Figure:
    ds, geometry = _ds(folder, key), _geometry(folder, key)
    name = countries.names(ds.countries).get(iso3, iso3)
    return figures.sealed(maps.locator_map(geometry.shapes, geometry.points, iso3, name, ids=geometry.ids))


def locator_figure(iso3: str) -> go.Figure:
    """The small locator map of a country profile."""
    return _locator_figure(*_key(), i18n.language(), iso3)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_TYPED)
def _heatmap(folder: str, key: str, lang: str, rows: str, cols: str, sort: str, top: int | None, filters: Filters):
    ds = _ds(folder, key)
    return heatmapview.heatmap_view(ds, metrics.filter_practices(ds, filters), rows, cols, sort, top)


def heatmap(rows: str, cols: str, sort: str, top: int | None, filters: Filters) -> heatmapview.HeatmapView:
    """The heatmap page's matrix, labels and figure for these choices and filters."""
    return _heatmap(*_key(), i18n.language(), rows, cols, sort, top, filters)


@st.cache_resource(show_spinner=False, max_entries=64)
def _statistics_figures(folder: str, key: str, lang: str, section: str) -> dict[str, go.Figure]:
    built = _statistics_section(folder, key, lang, section)
    return {
        chart.key: figures.sealed(
            figures.bar_chart(chart.rows, title=chart.title, axis_title=chart.axis, source_line=chart.source)
        )
        for block in built.blocks
        for chart in block.charts
    }


def statistics_figures(section: str) -> dict[str, go.Figure]:
    """The bar charts of one /statistics section, by chart key."""
    return _statistics_figures(*_key(), i18n.language(), section)


@st.cache_resource(show_spinner=False, max_entries=16)
def _countries_with_data(folder: str, key: str) -> frozenset[str]:
    return frozenset(metrics.countries_with_data(_ds(folder, key)))


def countries_with_data() -> frozenset[str]:
    """ISO3 codes with at least one practice or statistic."""
    return _countries_with_data(*_key())


@st.cache_resource(show_spinner=False, max_entries=16)
def _country_rows(folder: str, key: str) -> profile.CountryRows:
    return profile.country_rows(_ds(folder, key))


@st.cache_resource(show_spinner=False, max_entries=256)
def _country_profile(folder: str, key: str, lang: str, iso3: str) -> profile.CountryProfile:
    return profile.country_profile(_ds(folder, key), iso3, _country_rows(folder, key))


def country_profile(iso3: str) -> profile.CountryProfile:
    """The profile of a known country (`iso3` from countries.csv), in the current language."""
    return _country_profile(*_key(), i18n.language(), iso3)


@st.cache_resource(show_spinner=False, max_entries=16)
def _statistics_sections(folder: str, key: str) -> tuple[str, ...]:
    return tuple(keyfigures.section_keys(_ds(folder, key)))


def statistics_sections() -> tuple[str, ...]:
    """The /statistics sections that have figures, in page order."""
    return _statistics_sections(*_key())


@st.cache_resource(show_spinner=False, max_entries=64)
def _statistics_section(folder: str, key: str, lang: str, section: str) -> keyfigures.Section:
    return keyfigures.layout(_ds(folder, key), keys=[section])[0]


def statistics_section(section: str) -> keyfigures.Section:
    """One /statistics section (a key of `statistics_sections()`), in the current language."""
    return _statistics_section(*_key(), i18n.language(), section)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_TYPED)
def _practice_search(folder: str, key: str, query: str, filters: Filters) -> tuple[search.Result | None, pd.DataFrame]:
    # an empty query lists every practice without the index: /practices opens at once while serve.py
    # still builds it in the background after the first page (0.5-1.4 s at 100k practices)
    result = search.search(query, _search_index(folder, key)) if search.query_tokens(query) else None
    return result, search.apply(metrics.filter_practices(_ds(folder, key), filters), result)


def practice_search(query: str, filters: Filters) -> tuple[search.Result | None, pd.DataFrame]:
    """(what the query recognised, the practices found) for a search under `filters`."""
    return _practice_search(*_key(), query, filters)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_TYPED)
def _facet_tables(folder: str, key: str, lang: str, query: str, filters: Filters) -> list[pd.DataFrame]:
    found = _practice_search(folder, key, query, filters)[1]
    return [tables.facet_table(_ds(folder, key), found, facet) for facet in tables.FACETS]


def facet_tables(query: str, filters: Filters) -> list[pd.DataFrame]:
    """The facet counts of a search's results, in the current language."""
    return _facet_tables(*_key(), i18n.language(), query, filters)


# Practice cards: a list draws up to 25 of them; building one (Markdown, labels, a translation
# lookup) costs about a millisecond, so each is built once per (data version, language) on first
# use and shared. MAX_CARDS bounds the memo for very large datasets.
MAX_CARDS = 50_000


@st.cache_resource(show_spinner=False, max_entries=8)
def _card_memo(folder: str, key: str, lang: str) -> dict[str, markup.Card]:
    return {}


def practice_cards(practices: pd.DataFrame) -> list[markup.Card]:
    """The cards of `practices` (rows of the dataset's practices), in the current language."""
    folder, key = _key()
    memo = _card_memo(folder, key, i18n.language())
    ids = list(practices["practice_id"])
    missing = [pid for pid in ids if pid not in memo]
    if missing:
        ds = _ds(folder, key)
        names = countries.names(ds.countries)
        if len(memo) + len(missing) > MAX_CARDS:
            memo.clear()
        for record in practices[practices["practice_id"].isin(missing)].to_dict("records"):
            memo[record["practice_id"]] = markup.card(ds, record, names)
    return [memo[pid] for pid in ids]


# Stories ----------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=4)
def _stories(folder: str, key: str):
    return story_files.read_stories(Path(folder))


def stories() -> tuple[dict[str, story_files.Story], list]:
    """(stories by id, problems) from `data/stories/*.toml`, re-read when a story file changes."""
    folder = Path(load.data_dir())
    d = folder / "stories"
    files = sorted(d.glob("*.toml")) if d.is_dir() else []
    key = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _stories(str(folder), key)


# The presenter's kit ----------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def rooms_registry() -> rooms.Rooms:
    """The one registry of presenter rooms (console -> audience windows), shared by every session."""
    return rooms.Rooms()


@st.cache_resource(show_spinner=False, max_entries=128)
def _view_slides(folder: str, key: tuple, lang: str, page: str, params: tuple[tuple[str, str], ...]) -> tuple[slides.Slide, ...]:
    g = _geometry(folder, key)
    return tuple(slides.view_slides(_ds(folder, key), g, page, dict(params), shapes=g.shapes))


def view_slides(page: str, params: dict[str, str]) -> tuple[slides.Slide, ...]:
    """The charts a view shows (previews and console thumbnails; maps refer to the served shapes)."""
    return _view_slides(*_key(), i18n.language(), page, tuple(sorted(params.items())))

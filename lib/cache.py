"""Every cache wrapper of the app, in one place.

Each wrapper takes the data folder's fingerprint (file names, sizes and modification times) as an
argument, so an edited file gives a new key and is read again; nothing else invalidates.

The cached values (the validated dataset, the geometry, the search indexes) are shared, read-only
objects: `st.cache_resource` hands every caller the same object instead of unpickling a fresh copy
on each call as `st.cache_data` does. That copy cost ~10 ms per call on the curated data and
~0.5 s per call at 100,000 practices (bench/RESULTS.md), and a page calls `dataset()` many
times per run. Callers must never modify what these functions return.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lib import countries, geo, i18n, load, search


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, key: tuple) -> load.LoadResult:
    return load.load_dataset(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _geometry(folder: str, key: tuple) -> geo.Geometry:
    return geo.read_geometry(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _country_index(folder: str, key: tuple) -> dict[str, str]:
    result = _load(folder, key)
    return countries.search_names(result.dataset.countries) if result.ok else {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _search_index(folder: str, key: tuple) -> search.Index | None:
    result = _load(folder, key)
    return search.build_index(result.dataset, _country_index(folder, key)) if result.ok else None


def _key() -> tuple[str, tuple]:
    folder = load.data_dir()
    return str(folder), load.fingerprint(folder)


def dataset() -> load.LoadResult:
    return _load(*_key())


def geometry() -> geo.Geometry:
    return _geometry(*_key())


def country_index() -> dict[str, str]:
    return _country_index(*_key())


def search_index() -> search.Index | None:
    return _search_index(*_key())


# Derived views: pure functions of the dataset, their arguments and the language, computed once per
# (data version, language, arguments) and shared by every session (read-only, like the dataset).
# At the curated size they cost 5-50 ms a run; at 100,000 practices and 1M statistics seconds.


def _statistics_section(ds, key: str):
    from lib import keyfigures

    return keyfigures.layout(ds, keys=[key])[0]


def _country_profile(ds, iso3: str):
    from lib import tables

    return tables.country_profile(ds, iso3)


def _map_view(ds, metric_id: str, filters: tuple):
    """(metric, values, table) for the map: `filters` is `metrics.Filters` as a tuple of its fields."""
    from lib import metrics, tables

    metric = {m.id: m for m in _view_fn("metrics")(ds)}[metric_id]
    values = metrics.metric_values(ds, metric, metrics.Filters(*filters))
    return metric, values, tables.map_table(ds, metric, values)


def _view_fn(name: str):
    from lib import keyfigures, metrics

    return {
        "statistics_section": _statistics_section,
        "statistics_sections": keyfigures.section_keys,
        "country_profile": _country_profile,
        "countries_with_data": metrics.countries_with_data,
        "map": _map_view,
        "metrics": metrics.available_metrics,
    }[name]


@st.cache_resource(show_spinner=False, max_entries=512)
def _view(folder: str, key: tuple, lang: str, name: str, args: tuple):
    return _view_fn(name)(_load(folder, key).dataset, *args)


def view(name: str, *args):
    """A derived view of the valid dataset: `view("statistics_section", "returns")`,
    `view("country_profile", "PHL")`, `view("map", metric_id, filters_tuple)`, `view("metrics")`.
    Callers must not modify what they get."""
    return _view(*_key(), i18n.language(), name, tuple(args))


@st.cache_data(show_spinner=False, max_entries=4)
def _stories(folder: str, key: tuple):
    from lib import stories

    return stories.read_stories(Path(folder))


def stories():
    """(stories by id, problems) from `data/stories/*.toml`, re-read when a story file changes."""
    folder = load.data_dir()
    files = sorted((Path(folder) / "stories").glob("*.toml")) if (Path(folder) / "stories").is_dir() else []
    key = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _stories(str(folder), key)

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

import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from lib import countries, geo, i18n, keyfigures, load, mapview, metrics, profile, search
from lib import stories as story_files
from lib.metrics import Filters, Metric

_Key = tuple[str, tuple]  # (data folder, fingerprint)


def _key() -> _Key:
    folder = load.data_dir()
    return str(folder), load.fingerprint(folder)


# Shared objects ------------------------------------------------------------------------------


@dataclass
class Loading:
    """What the first load of a data version is doing (read by the page while it waits)."""

    stage: str = "cache"  # cache, reading, validating, building, saving
    file: str = ""
    done: float = 0.0
    finished: bool = False
    thread: threading.Thread | None = None


_LOADING: dict[_Key, Loading] = {}
_LOADING_LOCK = threading.Lock()


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, key: tuple) -> load.LoadResult:
    state = _LOADING.setdefault((folder, key), Loading())

    def progress(stage: str, file: str, done: float) -> None:
        state.stage, state.file, state.done = stage, file, done

    try:
        return load.load_dataset(Path(folder), progress=progress)
    finally:
        state.finished = True


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


def dataset() -> load.LoadResult:
    """The data folder read and validated (`.ok`, `.dataset`, `.problems`)."""
    return _load(*_key())


def loading() -> Loading:
    """The load of the current data version, started in a background thread if nobody has started it
    (`serve.py` starts it with the server); `.finished` once `dataset()` returns at once."""
    key = _key()
    with _LOADING_LOCK:
        state = _LOADING.setdefault(key, Loading())
        if not state.finished and state.thread is None:
            state.thread = threading.Thread(target=_load, args=key, name="atlas-load", daemon=True)
            state.thread.start()
    return state


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


def _ds(folder: str, key: tuple) -> load.Dataset:
    return _load(folder, key).dataset


@st.cache_resource(show_spinner=False, max_entries=16)
def _metrics(folder: str, key: tuple) -> tuple[Metric, ...]:
    return tuple(metrics.available_metrics(_ds(folder, key)))


def map_metrics() -> tuple[Metric, ...]:
    """The metrics the map can show (practice counts, issue areas, each mappable indicator)."""
    return _metrics(*_key())


@st.cache_resource(show_spinner=False, max_entries=256)
def _map_view(folder: str, key: tuple, lang: str, metric: Metric, filters: Filters) -> mapview.MapView:
    return mapview.map_view(_ds(folder, key), metric, filters)


def map_view(metric: Metric, filters: Filters) -> mapview.MapView:
    """The map's values and table for `metric` under `filters`, in the current language."""
    return _map_view(*_key(), i18n.language(), metric, filters)


@st.cache_resource(show_spinner=False, max_entries=16)
def _countries_with_data(folder: str, key: tuple) -> frozenset[str]:
    return frozenset(metrics.countries_with_data(_ds(folder, key)))


def countries_with_data() -> frozenset[str]:
    """ISO3 codes with at least one practice or statistic."""
    return _countries_with_data(*_key())


@st.cache_resource(show_spinner=False, max_entries=256)
def _country_profile(folder: str, key: tuple, lang: str, iso3: str) -> profile.CountryProfile:
    return profile.country_profile(_ds(folder, key), iso3)


def country_profile(iso3: str) -> profile.CountryProfile:
    """The profile of a known country (`iso3` from countries.csv), in the current language."""
    return _country_profile(*_key(), i18n.language(), iso3)


@st.cache_resource(show_spinner=False, max_entries=16)
def _statistics_sections(folder: str, key: tuple) -> tuple[str, ...]:
    return tuple(keyfigures.section_keys(_ds(folder, key)))


def statistics_sections() -> tuple[str, ...]:
    """The /statistics sections that have figures, in page order."""
    return _statistics_sections(*_key())


@st.cache_resource(show_spinner=False, max_entries=64)
def _statistics_section(folder: str, key: tuple, lang: str, section: str) -> keyfigures.Section:
    return keyfigures.layout(_ds(folder, key), keys=[section])[0]


def statistics_section(section: str) -> keyfigures.Section:
    """One /statistics section (a key of `statistics_sections()`), in the current language."""
    return _statistics_section(*_key(), i18n.language(), section)


# Stories ----------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=4)
def _stories(folder: str, key: tuple):
    return story_files.read_stories(Path(folder))


def stories() -> tuple[dict[str, story_files.Story], list]:
    """(stories by id, problems) from `data/stories/*.toml`, re-read when a story file changes."""
    folder = Path(load.data_dir())
    d = folder / "stories"
    files = sorted(d.glob("*.toml")) if d.is_dir() else []
    key = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    return _stories(str(folder), key)

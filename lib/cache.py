"""Every `st.cache_data` wrapper of the app, in one place.

Each wrapper takes the data folder's fingerprint (file names, sizes and modification times) as an
argument, so an edited file gives a new key and is read again; nothing else invalidates.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lib import countries, geo, load, search


@st.cache_data(show_spinner=False, max_entries=4)
def _load(folder: str, key: tuple) -> load.LoadResult:
    return load.load_dataset(Path(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def _geometry(folder: str, key: tuple) -> geo.Geometry:
    return geo.read_geometry(Path(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def _country_index(folder: str, key: tuple) -> dict[str, str]:
    result = _load(folder, key)
    return countries.search_names(result.dataset.countries) if result.ok else {}


@st.cache_data(show_spinner=False, max_entries=4)
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

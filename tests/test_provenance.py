"""Provenance columns (lib/provenance.py, joined into the schema): sources.csv dates and licences, origins.csv; checks and honesty rules."""

from __future__ import annotations

import pytest

from lib import vocabulary
from lib.load import DEFAULT_DATA_DIR, load_dataset, read_table
from lib.schema import COLUMNS, REQUIRED_FILES
from lib.validation import validate
from tests.conftest import tiny_tables, write_tables


def test_sources_and_origins_columns_are_declared():
    assert COLUMNS["sources.csv"][3:10] == (
        "year",
        "date_published",
        "kind",
        "url",
        "licence",
        "licence_url",
        "date_accessed",
    )
    assert COLUMNS["origins.csv"] == (
        "origin_id",
        "what",
        "producer",
        "title",
        "version",
        "licence",
        "licence_url",
        "url",
        "date_accessed",
        "processing",
    )
    assert "origins.csv" in REQUIRED_FILES


@pytest.mark.parametrize(
    "file,column,value,message",
    [
        ("sources.csv", "date_published", "2021-02-30", "YYYY-MM-DD"),
        ("sources.csv", "date_accessed", "2021", "YYYY-MM-DD"),
        ("sources.csv", "licence_url", "ftp://x", "http"),
        ("origins.csv", "what", "map", "unknown part of the dataset"),
        ("origins.csv", "url", "", "must not be empty"),
        ("origins.csv", "licence", "", "must not be empty"),
        ("origins.csv", "origin_id", "Not A Slug", "slug"),
    ],
)
def test_bad_provenance_cells_are_located(file, column, value, message):
    tables = tiny_tables()
    tables[file].loc[0, column] = value
    problems = [p for p in validate(tables) if p.file == file and p.column == column]
    assert problems and message in problems[0].message and problems[0].row == 2


def test_empty_licence_dates_and_version_are_allowed():
    tables = tiny_tables()
    tables["origins.csv"].loc[0, ["version", "date_accessed"]] = ""
    assert validate(tables) == []


def test_origins_file_is_required(tmp_path):
    folder = write_tables(tmp_path / "data", tiny_tables())
    (folder / "origins.csv").unlink()
    result = load_dataset(folder)
    assert not result.ok and any(p.file == "origins.csv" and "not found" in p.message for p in result.problems)


def test_shipped_sources_say_what_they_do_not_state():
    sources, _ = read_table(DEFAULT_DATA_DIR, "sources.csv")
    for s in sources.itertuples(index=False):
        if not s.licence:
            assert "no licence" in s.note.lower(), f"{s.source_id}: the note must say no licence is printed"
        if not s.date_accessed:
            assert "not recorded" in s.note, f"{s.source_id}: the note must say the access date is not recorded"
        if s.date_published and s.year:
            assert s.date_published.startswith(s.year), s.source_id


def test_shipped_origins_cover_the_geometry_and_the_country_table():
    origins, _ = read_table(DEFAULT_DATA_DIR, "origins.csv")
    assert set(origins["what"]) == set(vocabulary.ORIGIN_PARTS)
    ne = origins.set_index("origin_id").loc["natural_earth_admin0_50m"]
    assert (ne["version"], ne["licence"]) == ("4.1.0", "Public domain")
    wa = origins.set_index("origin_id").loc["world_atlas_2_0_2"]
    assert (wa["version"], wa["licence"]) == ("2.0.2", "ISC") and "0.08" in wa["processing"] and "0.01" in wa["processing"]
    for o in origins.itertuples(index=False):
        if not o.version:
            assert "version is not recorded" in o.processing, o.origin_id
        if not o.date_accessed:
            assert "date it was taken is not recorded" in o.processing, o.origin_id

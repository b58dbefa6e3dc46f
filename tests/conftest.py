"""Tiny datasets built in code, written to a temporary folder when a test needs files."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from lib.schema import COLUMNS

# The loader's content-hash cache (lib/store.py) goes to a fresh folder for each test session
# (servers started by browser tests inherit it), never to the repository's .cache/.
os.environ["ATLAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="atlas-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def practice(pid, countries="", issues="health_services", **kw) -> dict:
    row = dict(
        practice_id=pid,
        title=f"Title {pid}",
        summary="A short summary in our own words.",
        countries=countries,
        scope="national" if countries and ";" not in countries else ("regional" if countries else "global"),
        places="",
        implementer="IOM",
        actor_type="un_international",
        issue_areas=issues,
        gcm_objectives="15",
        gcm_basis="assigned",
        period="covid_response",
        source_id="src_a",
        locator="s. 1",
        reference_url="",
        curator_note="",
    )
    row.update(kw)
    return row


def tiny_tables() -> dict[str, pd.DataFrame]:
    """Three countries, three practices, a few statistics: enough to exercise every module."""
    t = {
        "countries.csv": [
            dict(
                iso3="PHL",
                iso2="PH",
                m49="608",
                name="Philippines",
                official_name="Republic of the Philippines",
                region="Asia",
                subregion="South-eastern Asia",
                aliases="Pilipinas",
            ),
            dict(
                iso3="IND",
                iso2="IN",
                m49="356",
                name="India",
                official_name="Republic of India",
                region="Asia",
                subregion="Southern Asia",
                aliases="",
            ),
            dict(
                iso3="CIV",
                iso2="CI",
                m49="384",
                name="Côte d'Ivoire",
                official_name="",
                region="Africa",
                subregion="Western Africa",
                aliases="Ivory Coast",
            ),
            dict(
                iso3="SGP",
                iso2="SG",
                m49="702",
                name="Singapore",
                official_name="",
                region="Asia",
                subregion="South-eastern Asia",
                aliases="",
            ),
        ],
        "practices.csv": [
            practice(
                "phl-reintegration",
                "PHL",
                "return_reintegration;livelihood_support",
                title="Balik Pinay! Balik Hanapbuhay! Program",
                summary="Livelihood kits and training for women returnees.",
            ),
            practice("multi-health", "PHL;IND", "health_services", title="Testing for all", gcm_objectives="15;17"),
            practice("civ-skills", "CIV", "skills", title="Skills for returnees", actor_type="government", period="pre_covid"),
            practice("glob-toolkit", "", "data", title="Toolkit", scope="global", gcm_objectives="", gcm_basis=""),
        ],
        "statistics.csv": [
            dict(
                stat_id="ret-phl-a",
                indicator="returns_total",
                geography="PHL",
                period="2020",
                value="230000",
                unit="persons",
                qualifier="more than",
                source_id="src_a",
                locator="s. 2.4",
                note="",
            ),
            dict(
                stat_id="ret-phl-b",
                indicator="returns_total",
                geography="PHL",
                period="2020",
                value="200000",
                unit="persons",
                qualifier="over",
                source_id="src_b",
                locator="Entry 1",
                note="",
            ),
            dict(
                stat_id="ret-ind",
                indicator="returns_total",
                geography="IND",
                period="2020",
                value="1.1",
                unit="persons_million",
                qualifier="more than",
                source_id="src_a",
                locator="Annex row 3",
                note="",
            ),
            dict(
                stat_id="mw-wld",
                indicator="migrant_workers_total",
                geography="WLD",
                period="2019",
                value="169",
                unit="persons_million",
                qualifier="",
                source_id="src_a",
                locator="s. 2.1",
                note="",
            ),
        ],
        "sources.csv": [
            dict(source_id="src_a", title="Paper A", publisher="IOM", year="2021", kind="policy paper", url="", file="", note=""),
            dict(
                source_id="src_b",
                title="Database B",
                publisher="GFMD",
                year="",
                kind="database",
                url="https://example.org/b",
                file="",
                note="",
            ),
        ],
        "issue_areas.csv": [
            dict(
                issue_area_id=i, name=i.replace("_", " ").capitalize(), group="Impacts", section="", description="d", variants=""
            )
            for i in ("health_services", "return_reintegration", "livelihood_support", "skills", "data")
        ],
        "gcm_objectives.csv": [dict(number=str(i), title=f"Objective {i}") for i in range(1, 24)],
        "indicators.csv": [
            dict(
                indicator_id="returns_total", name="Returns", unit="persons", category="returns", definition="Returned nationals."
            ),
            dict(
                indicator_id="migrant_workers_total",
                name="Migrant workers",
                unit="persons_million",
                category="migrant_workers",
                definition="ILO estimate.",
            ),
        ],
        "groups.csv": [dict(group_id="WLD", name="World", kind="world")],
        "origins.csv": [
            dict(
                origin_id="shapes",
                what="geo/countries.geojson",
                producer="Natural Earth",
                title="Admin 0",
                version="4.1.0",
                licence="Public domain",
                licence_url="https://example.org/terms",
                url="https://example.org/ne",
                date_accessed="",
                processing="simplified",
            )
        ],
        "priorities.csv": [dict(priority_id="p01", number="1", title="Respond", summary="Act fast.", locator="Priority 1")],
    }
    # columns a row does not set are empty text, as in a file written by a spreadsheet
    return {name: pd.DataFrame(rows, columns=list(COLUMNS[name])).fillna("").astype(str) for name, rows in t.items()}


def write_tables(folder: Path, tables: dict[str, pd.DataFrame]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_csv(folder / name, index=False, quoting=csv.QUOTE_MINIMAL)
    geo = folder / "geo"
    geo.mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "geo" / "countries.geojson", geo / "countries.geojson")
    return folder


@pytest.fixture
def tables():
    return tiny_tables()


@pytest.fixture
def tiny_dir(tmp_path):
    return write_tables(tmp_path / "data", tiny_tables())


@pytest.fixture
def tiny_ds(tiny_dir):
    from lib.load import load_dataset

    result = load_dataset(tiny_dir)
    assert result.ok, [str(p) for p in result.problems]
    return result.dataset

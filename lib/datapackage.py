"""The published dataset as a Frictionless Data Package: datapackage.json from the one schema, in a ZIP.

Every resource and column is described from `lib.schema` (names, `doc=` descriptions; `required`
when the column's checks refuse an empty cell, `unique`, enums from `lib.vocabulary`, foreign keys
between files) and the licences from `sources.csv` and `origins.csv`. The CSVs are the validated
files' cells as curated (never the app's formatted tables), without the curator-only columns;
UTF-8 without a BOM, because data tools read them, and text cells that a spreadsheet would run as
formulas are neutralised like every download (`lib.export`). The ZIP is deterministic: the same
data gives the same bytes. Nothing here is cached: /about builds it only when its button is pressed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from lib import vocabulary
from lib.export import CURATOR_ONLY, neutralise
from lib.load import GEOMETRY_FILE, check_geometry, read_tables
from lib.refs import references
from lib.schema import COLUMNS, schemas
from lib.validation import validate

NAME = "migration-practice-atlas"
TITLE = "Migration Practice Atlas"
ZIP_NAME = f"{NAME}-datapackage.zip"
DESCRIPTOR = "datapackage.json"
OMITTED = CURATOR_ONLY  # curators' working notes are never published
# What each file holds (data/README.md "Files" says the same at more length).
RESOURCES = {
    "practices.csv": "Practices, programmes, policies and partnerships, each with its source and locator",
    "statistics.csv": "Figures as printed in the sources, one value per row",
    "sources.csv": "The source documents, with what is known of their dates and licences",
    "origins.csv": "Where the map geometry and the country table come from, and what was done to them",
    "issue_areas.csv": "Issue areas (the IOM paper's section titles)",
    "gcm_objectives.csv": "The 23 objectives of the Global Compact for Migration",
    "indicators.csv": "Statistic indicators, one definition each",
    "groups.csv": "Non-country geographies (world, income groups, blocs, regions)",
    "countries.csv": "Countries: ISO codes, names, aliases, UN M49 region and sub-region",
    "priorities.csv": "The 12 priorities for action of the GFMD 2020 regional consultations",
    "translations.csv": "Curators' French and Spanish translations of practice titles and summaries",
}
GEOMETRY_DESCRIPTION = "Country shapes (GeoJSON), id = ISO3, with a representative point and a `small` flag"
# Cells read as numbers; every other column is a string.
NUMBER = {("statistics.csv", "value")}
INTEGER = {("sources.csv", "year"), ("gcm_objectives.csv", "number"), ("priorities.csv", "number")}
ENUMS = vocabulary.CONTROLLED  # every column whose cells come from a controlled list (lib/vocabulary.py)
# Single-id references between files (list cells and `geography`, a country OR a group, cannot be
# expressed as Frictionless foreign keys: the validator checks them, the package describes them in words).
FOREIGN_KEYS = {
    ("practices.csv", "source_id"): ("sources.csv", "source_id"),
    ("statistics.csv", "indicator"): ("indicators.csv", "indicator_id"),
    ("statistics.csv", "source_id"): ("sources.csv", "source_id"),
    ("statistics.csv", "part_of"): ("statistics.csv", "stat_id"),
    ("statistics.csv", "restates"): ("statistics.csv", "stat_id"),
    ("translations.csv", "practice_id"): ("practices.csv", "practice_id"),
}


def resource_name(file: str) -> str:
    return Path(file).stem


def published_columns(file: str) -> tuple[str, ...]:
    """The columns of `file` that the package carries (all but the curator-only ones)."""
    return tuple(c for c in COLUMNS[file] if c not in OMITTED)


def _accepts_empty(col: pa.Column) -> bool:
    empty = pd.Series([""], dtype=object)
    return all(bool(chk(empty).check_passed) for chk in col.checks)


def _field(file: str, name: str, col: pa.Column) -> dict:
    kind = "number" if (file, name) in NUMBER else "integer" if (file, name) in INTEGER else "string"
    constraints: dict = {}
    if not _accepts_empty(col):
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if (file, name) in ENUMS:
        constraints["enum"] = list(ENUMS[file, name])
    out = {"name": name, "type": kind, "description": col.description or ""}
    return out | ({"constraints": constraints} if constraints else {})


def _licences(rows: pd.DataFrame) -> list[dict]:
    """Frictionless licence objects (title and path) for the rows that state a licence, once each."""
    seen, out = set(), []
    for title, url in zip(rows["licence"], rows["licence_url"]):
        if title and (title, url) not in seen:
            seen.add((title, url))
            out.append({"title": title, **({"path": url} if url else {})})
    return out


def _origin_sources(origins: pd.DataFrame, part: str) -> list[dict]:
    rows = origins[origins["what"] == part]
    return [
        {"title": f"{r.producer}: {r.title}" + (f" {r.version}" if r.version else ""), "path": r.url}
        for r in rows.itertuples(index=False)
    ]


def descriptor(tables: dict[str, pd.DataFrame], files: dict[str, bytes]) -> dict:
    """datapackage.json for validated `tables`; `files` (path -> bytes) gives each resource's size and hash."""
    declared = schemas(references(tables))
    origins, sources = tables["origins.csv"], tables["sources.csv"]
    resources = []
    for file in (f for f in COLUMNS if f in tables):
        fields = [_field(file, n, declared[file].columns[n]) for n in published_columns(file)]
        schema: dict = {"fields": fields}
        keys = [f["name"] for f in fields if f.get("constraints", {}).get("unique")]
        if keys and all(f.get("constraints", {}).get("required") for f in fields if f["name"] == keys[0]):
            schema["primaryKey"] = [keys[0]]
        fks = [
            {"fields": [col], "reference": {"resource": resource_name(ref) if ref != file else "", "fields": [key]}}
            for (f, col), (ref, key) in FOREIGN_KEYS.items()
            if f == file and ref in tables
        ]
        if fks:
            schema["foreignKeys"] = fks
        resource = {
            "name": resource_name(file),
            "path": file,
            "profile": "tabular-data-resource",
            "title": file,
            "description": RESOURCES[file],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }
        if file == "countries.csv":
            resource |= {"sources": _origin_sources(origins, file), "licenses": _licences(origins[origins["what"] == file])}
        resources.append(resource | _size(files[file]))
    geo = GEOMETRY_FILE.as_posix()
    resources.append(
        {
            "name": "countries-geometry",
            "path": geo,
            "title": geo,
            "description": GEOMETRY_DESCRIPTION,
            "format": "geojson",
            "mediatype": "application/geo+json",
            "encoding": "utf-8",
            "sources": _origin_sources(origins, geo),
            "licenses": _licences(origins[origins["what"] == geo]),
        }
        | _size(files[geo])
    )
    stated = _licences(sources)
    return {
        "name": NAME,
        "title": TITLE,
        "description": (
            "Migrant-protection practices and key migration statistics curated from GFMD 2020 papers and an IOM / "
            "UN Network on Migration paper, each row with its source and locator. Licences: "
            + (
                "the source documents state theirs in sources.csv"
                if stated
                else "the source documents print none (sources.csv says so for each); no licence is claimed for them"
            )
            + "; the map geometry and the country table carry the licences of their origins (origins.csv). "
            "Curators' working notes (" + ", ".join(OMITTED) + ") are not published."
        ),
        "profile": "data-package",
        "keywords": ["migration", "COVID-19", "GFMD", "GCM", "practices", "statistics"],
        "contributors": [{"title": "Migration Practice Atlas curators", "role": "author"}],
        "sources": [
            {"title": f"{r.publisher} ({r.year or 'n.d.'}): {r.title}", **({"path": r.url} if r.url else {})}
            for r in sources.itertuples(index=False)
        ],
        **({"licenses": stated} if stated else {}),
        "resources": resources,
    }


def _size(data: bytes) -> dict:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def _csv(df: pd.DataFrame, columns: tuple[str, ...]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows([[neutralise(v) for v in row] for row in df[list(columns)].itertuples(index=False)])
    return buf.getvalue().encode("utf-8")


def read_validated(folder: Path) -> dict[str, pd.DataFrame]:
    """The data folder's tables as text, exactly as curated; ValueError if any file has a problem."""
    tables, problems = read_tables(Path(folder))
    problems += validate(tables) + check_geometry(Path(folder))
    if problems:
        raise ValueError(f"the data has {len(problems)} problem(s); first: {problems[0]}")
    return tables


def package_files(folder: Path) -> dict[str, bytes]:
    """Every file of the package, path -> bytes, datapackage.json first."""
    tables = read_validated(folder)
    files = {file: _csv(df, published_columns(file)) for file, df in tables.items()}
    files[GEOMETRY_FILE.as_posix()] = (Path(folder) / GEOMETRY_FILE).read_bytes()
    meta = json.dumps(descriptor(tables, files), indent=2, ensure_ascii=False).encode("utf-8")
    return {DESCRIPTOR: meta, **files}


def zip_bytes(folder: Path) -> bytes:
    """The Data Package as a ZIP (datapackage.json at the top), the same bytes for the same data."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in package_files(folder).items():
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()

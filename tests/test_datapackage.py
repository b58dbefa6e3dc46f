"""The Frictionless Data Package (lib/datapackage.py) follows the one schema and validates with
`frictionless` (offline); CITATION.cff is valid Citation File Format 1.2.0 as far as its keys go."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import frictionless
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from lib import datapackage, routes, schema, vocabulary
from lib.load import DEFAULT_DATA_DIR
from tests.conftest import ROOT, practice, tiny_tables, write_tables
from tests.deadlines import STEP_S


def _docs_script():
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped() -> dict[str, bytes]:
    return datapackage.package_files(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def meta(shipped) -> dict:
    return json.loads(shipped[datapackage.DESCRIPTOR])


def _resource(meta: dict, file: str) -> dict:
    return next(r for r in meta["resources"] if r["path"] == file)


def _fields(meta: dict, file: str) -> dict[str, dict]:
    return {f["name"]: f for f in _resource(meta, file)["schema"]["fields"]}


def _extract(files: dict[str, bytes], folder: Path) -> Path:
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    return folder / datapackage.DESCRIPTOR


def test_every_file_and_column_comes_from_the_schema(meta):
    tables = {r["path"] for r in meta["resources"] if r["path"].endswith(".csv")}
    assert tables == set(schema.COLUMNS)  # translations.csv is shipped, so every file is there
    for file in schema.COLUMNS:
        fields = _fields(meta, file)
        assert tuple(fields) == tuple(c for c in schema.COLUMNS[file] if c != "curator_note")
        docs = schema.column_docs(file)
        assert all(f["description"] == docs[name] for name, f in fields.items())
    assert "curator_note" not in _fields(meta, "practices.csv") and "curator_note" not in _fields(meta, "statistics.csv")


def test_types_and_constraints(meta):
    practices, stats = _fields(meta, "practices.csv"), _fields(meta, "statistics.csv")
    assert practices["practice_id"]["constraints"] == {"required": True, "unique": True}
    assert practices["scope"]["constraints"]["enum"] == list(vocabulary.SCOPES)
    assert practices["source_id"]["constraints"] == {"required": True}  # a reference: empty is refused
    assert "constraints" not in practices["places"]  # optional free text
    assert stats["value"]["type"] == "number" and "required" not in stats["value"].get("constraints", {})
    assert _fields(meta, "gcm_objectives.csv")["number"]["type"] == "integer"
    assert _fields(meta, "origins.csv")["what"]["constraints"]["enum"] == list(vocabulary.ORIGIN_PARTS)
    assert _resource(meta, "practices.csv")["schema"]["primaryKey"] == ["practice_id"]
    fks = {fk["fields"][0]: fk["reference"] for fk in _resource(meta, "statistics.csv")["schema"]["foreignKeys"]}
    assert fks["source_id"] == {"resource": "sources", "fields": ["source_id"]}
    assert fks["part_of"] == {"resource": "", "fields": ["stat_id"]}  # within statistics.csv


def test_enums_cover_every_controlled_list_of_the_docs():
    for key, values in _docs_script().CONTROLLED.items():
        assert tuple(datapackage.ENUMS[key]) == tuple(values), key


def test_licences_come_from_sources_and_origins(meta):
    geo = _resource(meta, "geo/countries.geojson")
    assert {lic["title"] for lic in geo["licenses"]} == {"Public domain", "ISC"}
    assert any("world-atlas" in s["title"] and "2.0.2" in s["title"] for s in geo["sources"])
    assert {lic["title"] for lic in _resource(meta, "countries.csv")["licenses"]} >= {"LGPL-2.1", "Unicode License v3"}
    # the documents print no licence: none is claimed for the package
    assert "licenses" not in meta and "print none" in meta["description"]
    assert len(meta["sources"]) == 5


def test_frictionless_accepts_the_shipped_package(shipped, tmp_path):
    report = frictionless.validate(str(_extract(shipped, tmp_path)))
    assert report.valid, report.flatten(["type", "note"])[:10]


def test_frictionless_cli_accepts_the_zip(tmp_path):
    path = tmp_path / datapackage.ZIP_NAME
    path.write_bytes(datapackage.zip_bytes(DEFAULT_DATA_DIR))
    cli = Path(sys.executable).with_name("frictionless")
    done = subprocess.run([str(cli), "validate", str(path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]


def test_frictionless_catches_a_broken_reference(tmp_path):
    """The foreign keys are real: a statistic whose source does not exist fails frictionless."""
    files = datapackage.package_files(write_tables(tmp_path / "data", tiny_tables()))
    meta = json.loads(files[datapackage.DESCRIPTOR])
    for r in meta["resources"]:  # the tampered file no longer matches its hash: check only the keys
        r.pop("hash", None), r.pop("bytes", None)
    rows = list(csv.reader(io.StringIO(files["statistics.csv"].decode())))
    rows[1][rows[0].index("source_id")] = "nosuch"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    files |= {"statistics.csv": buf.getvalue().encode(), datapackage.DESCRIPTOR: json.dumps(meta).encode()}
    report = frictionless.validate(str(_extract(files, tmp_path / "pkg")))
    assert not report.valid and "foreign-key" in {e.type for e in report.tasks[1].errors}


def test_cells_are_as_curated_and_formula_safe(tmp_path):
    tables = tiny_tables()
    tables["practices.csv"].loc[len(tables["practices.csv"])] = practice("evil", title="=HYPERLINK(1)", curator_note="secret")
    files = datapackage.package_files(write_tables(tmp_path / "data", tables))
    text = files["practices.csv"].decode("utf-8")
    assert not text.startswith("\ufeff") and "'=HYPERLINK(1)" in text and "secret" not in text
    stats = list(csv.DictReader(io.StringIO(files["statistics.csv"].decode())))
    assert {s["value"] for s in stats} <= {r for r in tables["statistics.csv"]["value"]}  # never reformatted


def test_zip_is_deterministic_and_holds_every_file():
    a, b = datapackage.zip_bytes(DEFAULT_DATA_DIR), datapackage.zip_bytes(DEFAULT_DATA_DIR)
    assert a == b
    names = zipfile.ZipFile(io.BytesIO(a)).namelist()
    assert names[0] == datapackage.DESCRIPTOR and "geo/countries.geojson" in names and "origins.csv" in names


def test_invalid_data_gives_no_package(tmp_path):
    tables = tiny_tables()
    tables["origins.csv"].loc[0, "what"] = "somewhere"
    with pytest.raises(ValueError, match="origins.csv"):
        datapackage.package_files(write_tables(tmp_path / "data", tables))


def test_about_offers_the_package_and_shows_origins():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=STEP_S)
    at.switch_page(routes.route("about").view)
    at.run()
    assert not at.exception
    assert "Data package (ZIP)" in [b.label for b in at.get("download_button")]
    origins = at.dataframe[-1].value
    assert "Natural Earth" in set(origins["Producer"]) and "not recorded" in set(origins["Version"])


def test_citation_cff_has_the_required_keys():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert {"cff-version", "message", "title", "authors"} <= set(cff)
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert all(a.get("name") or a.get("family-names") for a in cff["authors"])
    for ref in cff["references"]:
        assert {"type", "title", "authors"} <= set(ref)
    with open(DEFAULT_DATA_DIR / "sources.csv", encoding="utf-8") as f:
        titles = {r["title"] for r in csv.DictReader(f)}
    assert {r["title"] for r in cff["references"]} == titles  # the same documents as sources.csv

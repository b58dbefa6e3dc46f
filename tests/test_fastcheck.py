"""The column-at-once checks (lib/fastcheck.py) find exactly what pandera's element-wise checks find.

Both engines run on every folder of the bad-input corpus and on generated broken tables (every
declared check made to fail, on ASCII and non-ASCII cells, in several rows); their Problem lists
must be identical: same file, spreadsheet row, column and message.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pytest

from lib import arrowcsv, fastcheck, load, validation
from lib.checks import NOT_EMPTY
from lib.schema import COLUMNS
from tests.bad_input_cases import CASES, build
from tests.conftest import tiny_tables, write_tables
from tests.test_load import small_blocks


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_engines_agree_on_the_bad_input_corpus(case, tmp_path):
    folder = build(case, tmp_path)
    if not folder.is_dir():
        return
    tables, _ = load.read_tables(folder)
    assert validation.validate(tables, engine="vector") == validation.validate(tables, engine="pandera")


BROKEN_CELLS = {
    "practices.csv": {
        "practice_id": ["Bad Id", "ñandú", "x" * 90, "ok-id\n", ""],
        "title": ["", "  ", "\u00a0", "a\x1bb", "é" * 5001],
        "summary": [" ".join(["w"] * 61), " ".join(["é"] * 61), "\u2003".join(["w"] * 61), "w\x1cw " * 40],
        "countries": ["PHL;XXX", "phl", "PHL;;IND", " ; ", "PHL; IND ", "ÑÑÑ"],
        "scope": ["planet", "national ", "Local"],
        "actor_type": ["", "gov"],
        "issue_areas": ["", ";", "nope", "health_services;nope"],
        "gcm_objectives": ["0", "24", "1;x", "٣"],
        "gcm_basis": ["maybe", "stated "],
        "period": ["2020", ""],
        "source_id": ["src_zz", ""],
        "reference_url": ["ftp://x", "http://a b", "http://ok.example;bad", "http://é.example", "http://x\x0b"],
        "curator_note": ["\x7f", "\u0085"],
    },
    "statistics.csv": {
        "stat_id": ["Dup", "dup"],
        "indicator": ["nope", ""],
        "geography": ["phl", "XXX", "WLD "],
        "period": ["2020-13", "2021/2020", "2020-Q5", "not stated", "2020-03/2020-12", "１９９９"],
        "value": ["1,000", "1e400", "-5", "nan", "inf", "١٢", "+5", ".5", "5.", "1_000", "-0", "--1"],
        "unit": ["persons", "percent", "percent_change"],
        "qualifier": ["about", "over "],
    },
}


def _broken_tables() -> dict[str, pd.DataFrame]:
    tables = tiny_tables()
    for file, cells in BROKEN_CELLS.items():
        df = tables[file]
        rows = []
        for column, values in cells.items():
            for value in values:
                row = df.iloc[len(rows) % len(df)].copy()
                row[list(COLUMNS[file])[0]] = f"broken-{len(rows)}"
                row[column] = value
                rows.append(row)
        rows.append(df.iloc[0].copy())  # a duplicate id
        tables[file] = pd.concat([df, pd.DataFrame(rows)], ignore_index=True).astype(str)
    return tables


def test_engines_agree_on_generated_broken_cells(tmp_path):
    folder = tmp_path / "broken"
    write_tables(folder, _broken_tables())
    tables, problems = load.read_tables(folder)
    assert not problems
    vector = validation.validate(tables, engine="vector")
    assert vector == validation.validate(tables, engine="pandera")
    assert len(vector) > 60  # the broken cells were found, not skipped


def test_engines_agree_on_columns_held_in_many_chunks(tmp_path, monkeypatch):
    # a large file's columns stay in pyarrow's parser blocks (never joined): the checks run chunk by chunk
    folder = tmp_path / "broken"
    broken = _broken_tables()
    # a row longer than a 512-byte block sends the file to the csv module: the 5,001-character title
    # is cut to 200 characters here, so that practices.csv is held in chunks too
    broken["practices.csv"] = broken["practices.csv"].map(lambda v: v[:200])
    write_tables(folder, broken)
    monkeypatch.setattr(arrowcsv, "MAP_BYTES", 1)
    small_blocks(monkeypatch)
    tables, problems = load.read_tables(folder)
    assert not problems
    for file, column in (("statistics.csv", "note"), ("practices.csv", "summary")):
        held = pyarrow.array(tables[file][column].array)
        assert isinstance(held, pyarrow.ChunkedArray) and held.num_chunks > 3, (file, held.num_chunks)
    vector = validation.validate(tables, engine="vector")
    assert vector == validation.validate(tables, engine="pandera")
    assert len(vector) > 60
    plain, _ = load.read_tables(folder, fast=False)
    assert vector == validation.validate(plain, engine="vector")  # the same problems as from one chunk


def test_a_table_that_is_not_plain_text_goes_to_pandera(tables):
    df = tables["sources.csv"].astype(object)
    df.loc[0, "title"] = None
    schema = validation.schemas(validation.references(tables))["sources.csv"]
    assert fastcheck.failures("sources.csv", schema, df) is None
    tables["sources.csv"] = df
    assert validation.validate(tables, engine="vector") == validation.validate(tables, engine="pandera")


def test_columns_checked_in_threads_give_the_same_problems_in_the_same_order(tmp_path, monkeypatch):
    folder = tmp_path / "broken"
    write_tables(folder, _broken_tables())
    tables, _ = load.read_tables(folder)
    schemas = validation.schemas(validation.references(tables))
    one = {f: fastcheck.failures(f, schemas[f], tables[f]) for f in ("practices.csv", "statistics.csv")}
    monkeypatch.setattr(fastcheck, "PARALLEL_ROWS", 0)
    two = {f: fastcheck.failures(f, schemas[f], tables[f]) for f in ("practices.csv", "statistics.csv")}
    assert one == two and all(len(p) > 10 for p in one.values())


def test_every_file_and_the_cross_file_rules_checked_in_threads_give_the_same_problems(tmp_path, monkeypatch):
    """validate()'s one list of work (every column check of every file, then the cross-file rules)
    shared by two threads finds what it finds in one thread, and what pandera finds."""
    folder = tmp_path / "broken"
    broken = _broken_tables()
    broken["statistics.csv"].loc[0, "value"] = "-5"  # a cross-file rule too: negative persons
    write_tables(folder, broken)
    tables, _ = load.read_tables(folder)
    serial = validation.validate(tables)
    monkeypatch.setattr(fastcheck, "PARALLEL_ROWS", 0)
    threaded = validation.validate(tables)
    assert threaded == serial == validation.validate(tables, engine="pandera")
    assert any("must not be negative" in p.message for p in threaded) and len(threaded) > 60
    # one file pandera must read (a null in a column), among the others, in threads too
    tables["sources.csv"] = tables["sources.csv"].astype(object)
    tables["sources.csv"].loc[tables["sources.csv"].index[0], "title"] = None
    assert validation.validate(tables) == validation.validate(tables, engine="pandera")
    assert any(p.file == "sources.csv" and p.column == "title" for p in validation.validate(tables))


def test_a_column_without_checks_still_needs_plain_text():
    """A column declared with no check and not unique: only its type decides, so a null there sends
    the table to pandera (which reports it), as when its checks would have read it."""
    schema = pa.DataFrameSchema({"a": pa.Column(str, checks=[NOT_EMPTY]), "b": pa.Column(str, nullable=False)})
    plain = pd.DataFrame({"a": pd.array(["x", "y"], dtype="str"), "b": pd.array(["z", "w"], dtype="str")})
    assert fastcheck.failures("t.csv", schema, plain) == []
    plain.loc[1, "b"] = None
    assert fastcheck.failures("t.csv", schema, plain) is None

import os

import pandas as pd
import pyarrow
import pytest

from lib import arrowcsv, csvbytes, load
from tests.bad_input_cases import CASES, build


def test_loads_tiny_dataset(tiny_ds):
    assert len(tiny_ds.practices) == 4
    assert set(tiny_ds.practice_countries["iso3"]) == {"PHL", "IND", "CIV"}
    multi = tiny_ds.practice_countries.query("practice_id == 'multi-health'")
    assert list(multi["n_countries"]) == [2, 2]
    assert tiny_ds.statistics["value"].dtype.kind == "f"


def test_data_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv(load.ENV_VAR, str(tmp_path))
    assert load.data_dir() == tmp_path
    monkeypatch.delenv(load.ENV_VAR)
    assert load.data_dir() == load.DEFAULT_DATA_DIR


def test_fingerprint_changes_when_a_file_is_edited(tiny_dir):
    before = load.fingerprint(tiny_dir)
    path = tiny_dir / "practices.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert load.fingerprint(tiny_dir) != before


def test_missing_folder_and_file(tmp_path, tiny_dir):
    assert not load.load_dataset(tmp_path / "nope").ok
    (tiny_dir / "groups.csv").unlink()
    result = load.load_dataset(tiny_dir)
    assert not result.ok
    assert any(p.file == "groups.csv" and "not found" in p.message for p in result.problems)


def test_encodings_and_delimiters(tiny_dir):
    path = tiny_dir / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert "UTF-16" in str(load.read_table(tiny_dir, "sources.csv")[1][0])
    path.write_bytes("source_id;title\nx;é".encode("latin-1"))
    assert "not UTF-8" in str(load.read_table(tiny_dir, "sources.csv")[1][0])
    path.write_text("source_id;title;publisher\nx;y;z\n", encoding="utf-8")
    assert "semicolons" in str(load.read_table(tiny_dir, "sources.csv")[1][0])


def test_ragged_rows_and_empty_file(tiny_dir):
    path = tiny_dir / "groups.csv"
    path.write_text("group_id,name,kind\nWLD,World\n", encoding="utf-8")
    problems = load.read_table(tiny_dir, "groups.csv")[1]
    assert problems and problems[0].row == 2
    path.write_text("", encoding="utf-8")
    assert "empty" in load.read_table(tiny_dir, "groups.csv")[1][0].message


def test_bom_is_accepted(tiny_dir):
    path = tiny_dir / "groups.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    df, problems = load.read_table(tiny_dir, "groups.csv")
    assert problems == [] and list(df.columns)[0] == "group_id"


def test_shipped_data_is_valid():
    result = load.load_dataset(load.DEFAULT_DATA_DIR)
    assert result.ok, "\n".join(map(str, result.problems[:20]))


def test_optional_translations_file_is_read_and_checked(tiny_dir):
    from lib import load

    assert load.load_dataset(tiny_dir).dataset.translations.empty  # absent: fine
    (tiny_dir / "translations.csv").write_text(
        "practice_id,lang,title,summary,translated_by\n"
        "phl-reintegration,fr,,Résumé.,Curators\n"
        "nope,de,,x,\n"
        "phl-reintegration,fr,,Encore.,Curators\n",
        encoding="utf-8",
    )
    result = load.load_dataset(tiny_dir)
    where = {(p.row, p.column) for p in result.problems if p.file == "translations.csv"}
    assert {(3, "practice_id"), (3, "lang"), (3, "translated_by"), (4, "lang")} <= where
    (tiny_dir / "translations.csv").write_text(
        "practice_id,lang,title,summary,translated_by\nphl-reintegration,fr,,Résumé.,Curators\n", encoding="utf-8"
    )
    assert len(load.load_dataset(tiny_dir).dataset.translations) == 1


def test_data_version_key_changes_when_a_file_is_edited(tiny_dir, monkeypatch):
    from lib import load

    monkeypatch.setattr(load, "RECHECK_S", 0.0)  # look at the files on every call
    before = load.data_version_key(tiny_dir)
    assert load.data_version_key(tiny_dir) == before  # unchanged files, same key
    with (tiny_dir / "sources.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    assert load.data_version_key(tiny_dir) != before


def small_blocks(monkeypatch) -> None:
    """pyarrow parses every file in blocks of about 512 bytes, so each column comes in many chunks,
    as a large merged file's does."""
    monkeypatch.setattr(arrowcsv, "_MIN_BLOCK", 512)
    monkeypatch.setattr(arrowcsv, "_BLOCKS", 10**6)
    # and, as for a large file, the bytes scanned in two threads (here in 61-byte blocks), the quotes
    # placed in pieces and the columns trimmed in two threads
    monkeypatch.setattr(csvbytes, "_CHUNK", 61)
    monkeypatch.setattr(csvbytes, "_PARALLEL_SCAN", 1)
    monkeypatch.setattr(csvbytes, "_QUOTES", 2)  # quotes placed two at a time (a run is never split)
    monkeypatch.setattr(arrowcsv, "_PARALLEL_ROWS", 1)


@pytest.mark.parametrize("mapped", [False, True, "blocks"], ids=["read", "memory-mapped", "small-blocks"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_fast_reader_reads_what_the_csv_module_reads(case, mapped, tmp_path, monkeypatch):
    if mapped:  # every non-empty file memory-mapped, as a large merged file is
        monkeypatch.setattr(arrowcsv, "MAP_BYTES", 1)
    if mapped == "blocks":
        small_blocks(monkeypatch)
    folder = build(case, tmp_path)
    if not folder.is_dir():
        return
    fast, fast_problems = load.read_tables(folder)
    slow, slow_problems = load.read_tables(folder, fast=False)
    assert fast_problems == slow_problems
    assert fast.keys() == slow.keys()
    for file, df in slow.items():
        pd.testing.assert_frame_equal(fast[file], df, check_index_type=True)


@pytest.mark.parametrize(
    "text",
    [
        'a,b\n"x"y,z\n',  # text after a closing quote (the strict reader refuses it)
        'a,b\n"x,y\n',  # never closed
        'a,b\n"" y,z\n',
        'a,b\n"a,"b",c\n',
        'a,b\nx"y,z\n',
        'a,b\n"x ""q"" y","multi\nline"\n,\n  ,\t\n1,2',
        "a,b\r\n1,2\r\n\r\n3,4\r\n",
        "a,b\r1,2\r3,4",
        "a;b\n1;2\n",
        " a , b \n 1 , 2 \n",
        'a,b\n1,"2"',  # a quote as the file's last byte
        'a,b\n1,""',  # an empty quoted cell at the end
        'a,b\n"",x"\n',  # a stray quote before the line end
        'a,b\n"""q""",2\n',  # a run of three opening and closing
    ],
)
def test_the_fast_reader_agrees_on_odd_structure(text, tmp_path):
    (tmp_path / "practices.csv").write_bytes(text.encode())
    fast, slow = load.read_table(tmp_path, "practices.csv"), load.read_table(tmp_path, "practices.csv", fast=False)
    assert fast[1] == slow[1]
    if slow[0] is None:
        assert fast[0] is None
    else:
        pd.testing.assert_frame_equal(fast[0], slow[0])


def test_blank_rows_left_out_of_a_file_held_in_many_chunks_keep_every_row_number(tmp_path, monkeypatch):
    small_blocks(monkeypatch)
    rows = []
    for i in range(400):  # blank and whitespace-only rows in runs and alone, across the blocks
        rows.append(",\n" if i % 7 == 0 or 100 <= i < 160 else " \t, \u3000\n" if i % 11 == 0 else f"cell {i},{i}\n")
    (tmp_path / "practices.csv").write_text("a,b\n" + "".join(rows), encoding="utf-8")
    fast, slow = load.read_table(tmp_path, "practices.csv"), load.read_table(tmp_path, "practices.csv", fast=False)
    assert fast[1] == slow[1] == []
    assert getattr(pyarrow.array(fast[0]["a"].array), "num_chunks", 1) > 3  # the fast reader, in chunks
    pd.testing.assert_frame_equal(fast[0], slow[0])
    assert fast[0].index[0] == 1 and fast[0]["a"].iloc[0] == "cell 1"  # spreadsheet row 3

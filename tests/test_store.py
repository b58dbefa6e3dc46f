"""The content-hash cache: a warm load gives the same dataset, an edited file or rule invalidates it."""

from __future__ import annotations

import concurrent.futures.thread
import os
import subprocess
import sys
import time

import pandas as pd
import pyarrow
import xxhash

from lib import arrowcsv, load, store
from tests.deadlines import RUN_S


def _same(a: load.Dataset, b: load.Dataset) -> None:
    for name, df in a.frames().items():
        pd.testing.assert_frame_equal(b.frames()[name], df)


def test_a_second_load_comes_from_the_cache_and_is_equal(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    first = load.load_dataset(tiny_dir)
    assert first.ok and len(list((tmp_path / "cache").iterdir())) == 1
    stages = []
    second = load.load_dataset(tiny_dir, progress=lambda stage, file, done: stages.append(stage))
    assert stages == ["cache"]  # nothing read or validated
    _same(first.dataset, second.dataset)
    assert second.dataset.version == first.dataset.version


def test_columns_read_in_many_blocks_come_back_from_the_cache_in_one_chunk(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.setattr(arrowcsv, "MAP_BYTES", 1)
    monkeypatch.setattr(arrowcsv, "_MIN_BLOCK", 512)
    monkeypatch.setattr(arrowcsv, "_BLOCKS", 10**6)
    first = load.load_dataset(tiny_dir)
    assert getattr(pyarrow.array(first.dataset.practices["title"].array), "num_chunks", 1) > 1  # as read: the parser's blocks
    second = load.load_dataset(tiny_dir)
    _same(first.dataset, second.dataset)
    for name, df in second.dataset.frames().items():
        for column in df.columns:
            assert getattr(pyarrow.array(df[column].array), "num_chunks", 1) <= 1, (name, column)


def test_an_edited_file_is_read_and_validated_again(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    assert load.load_dataset(tiny_dir).ok
    path = tiny_dir / "practices.csv"
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"phl-reintegration", b"PHL Reintegration"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size class and mtime: only content differs
    result = load.load_dataset(tiny_dir)
    assert not result.ok and any(p.column == "practice_id" for p in result.problems)


def test_the_key_covers_contents_and_rules(tiny_dir, monkeypatch):
    files = ("practices.csv", "statistics.csv")
    key = store.content_key(tiny_dir, files)
    assert store.content_key(tiny_dir, files) == key
    monkeypatch.setattr(store, "FORMAT", "other")
    assert store.content_key(tiny_dir, files) != key


def test_the_rules_are_every_module_the_loader_runs():
    """Every lib module that reading and validating imports (in a fresh interpreter) is in RULES, so
    that a change to any of them invalidates the cache; RULES names no other."""
    code = "import sys, lib.load; print(' '.join(sorted(m for m in sys.modules if m.startswith('lib.'))))"
    out = subprocess.run([sys.executable, "-c", code], cwd=store.REPO_DIR, capture_output=True, text=True, timeout=RUN_S)
    loaded = {m.removeprefix("lib.") + ".py" for m in out.stdout.split()}
    assert "validation.py" in loaded and set(store.RULES) == loaded


def test_the_cache_is_never_inside_the_data_folder(monkeypatch):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert store.cache_dir() == store.REPO_DIR / ".cache" / "atlas"
    assert load.DEFAULT_DATA_DIR not in store.cache_dir().parents


def test_a_damaged_entry_is_a_miss(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    assert load.load_dataset(tiny_dir).ok
    (entry,) = (tmp_path / "cache").iterdir()
    (entry / "practices.arrow").write_bytes(b"not arrow")
    assert store.read(entry.name) is None
    assert load.load_dataset(tiny_dir).ok


def test_a_copy_saved_later_is_written_by_its_own_thread_then_used(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    stages = []
    first = load.load_dataset(tiny_dir, progress=lambda stage, file, done: stages.append(stage), save_later=True)
    assert first.ok and "saving" not in stages  # the dataset is returned before the copy is written
    assert first.saving is not None and not first.saving.daemon  # a stopping server finishes the copy
    first.saving.join(timeout=RUN_S)
    assert not first.saving.is_alive()
    second = load.load_dataset(tiny_dir, save_later=True)
    assert second.saving is None  # read from the copy: nothing to save
    _same(first.dataset, second.dataset)


def test_a_half_written_entry_left_by_a_stopped_process_is_removed(tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    left = tmp_path / "cache" / ".tmp-left"
    fresh = tmp_path / "cache" / ".tmp-being-written"
    left.mkdir(parents=True)
    fresh.mkdir()
    old = time.time() - store.STALE_S - 60
    os.utime(left, (old, old))
    assert load.load_dataset(tiny_dir).ok
    assert not left.exists() and fresh.exists()  # another process may still be writing the fresh one


def test_a_copy_is_written_while_the_interpreter_shuts_down(monkeypatch, tmp_path):
    # a server stopped right after a first load: its copy thread runs on while Python shuts down, when
    # concurrent.futures refuses new work (pyarrow's default pandas conversion uses such a pool)
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.setattr(concurrent.futures.thread, "_shutdown", True)
    df = pd.DataFrame({c: pd.array([str(i) for i in range(20_000)], dtype="string[pyarrow]") for c in "abcdef"})
    assert store.write("k", {"t": df})
    monkeypatch.undo()
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    assert len(store.read("k")["t"]) == 20_000


def test_large_files_are_hashed_mapped_with_the_same_digest(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 5000)
    read = store._digest(path)
    monkeypatch.setattr(store, "MAP_BYTES", 1)  # now mapped
    assert store._digest(path) == read == xxhash.xxh3_128_hexdigest(path.read_bytes())
    assert store._digest(tmp_path / "missing.csv") == "missing"


def test_the_mapping_threshold_is_the_readers():
    assert store.MAP_BYTES == arrowcsv.MAP_BYTES


def test_a_copy_started_in_a_held_block_waits_for_its_end(monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "cache"))
    df = pd.DataFrame({"a": ["x", "y"]})
    with store.held():
        thread = store.write_later("k", {"t": df})
        thread.join(timeout=0.5)
        assert thread.is_alive() and store.read("k") is None  # not written while held
    thread.join(timeout=RUN_S)
    assert not thread.is_alive() and list(store.read("k")["t"]["a"]) == ["x", "y"]

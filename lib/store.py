"""The content-hash cache: a validated dataset's tables kept as Arrow IPC files, outside data/.

The key is a 128-bit XXH3 hash (xxhash) over every data file's name and bytes plus the source of the
modules that decide what a valid table is (reading, schema, checks, vocabulary), so an edited file or a changed
rule gives a new key and the folder is read and validated again. The cache lives in
`$ATLAS_CACHE_DIR`, else `$XDG_CACHE_HOME/atlas`, else `.cache/atlas/` in the repository
(git-ignored); never inside the data folder, which the app only reads. Only valid datasets are
stored, and a damaged or partial entry is simply a miss.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow
import pyarrow.feather as feather
import xxhash

from lib import arrowcsv

REPO_DIR = Path(__file__).resolve().parent.parent
ENV_VAR = "ATLAS_CACHE_DIR"
# The modules whose code decides what is read and what is valid: a change to one invalidates every entry.
RULES = (
    "load.py",
    "arrowcsv.py",
    "csvbytes.py",
    "validation.py",
    "fastcheck.py",
    "schema.py",
    "checks.py",
    "provenance.py",
    "periods.py",
    "arrowtext.py",
    "refs.py",
    "vocabulary.py",
    "store.py",
)
FORMAT = "atlas-ipc-2"  # 2: keys are XXH3-128 (were SHA-256)
KEEP = 4  # entries kept; older ones are removed when a new one is written
STALE_S = 3600  # a half-written entry (`.tmp-*`) this old was left by a stopped process: removed


def cache_dir() -> Path:
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return Path(xdg).expanduser() / "atlas" if xdg else REPO_DIR / ".cache" / "atlas"


# From the reader's threshold a file is hashed memory-mapped (never copied into fresh memory); smaller
# files are read: a mapped file truncated in place ends the process, so only large merged folders are
# mapped. XXH3 hashes the 385 MB of the 100k/1M folder in 0.01-0.03 s where SHA-256 took 0.16-0.21 s of
# every cold load and warm restart (bench/RESULTS.md, "Sessions 9-10 (#19)"); the key tells edits and
# versions apart, it is not a defence against someone forging a file to match an entry.
MAP_BYTES = arrowcsv.MAP_BYTES


def _digest(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size < MAP_BYTES:
                return xxhash.xxh3_128_hexdigest(fh.read())
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                return xxhash.xxh3_128_hexdigest(mapped)
    except OSError:
        return "missing"


def content_key(folder: Path, files: tuple[str, ...]) -> str:
    """XXH3-128 of the files' names and contents and the rules' code."""
    h = xxhash.xxh3_128(FORMAT.encode())
    for name in files:
        h.update(f"{name}\0{_digest(Path(folder) / name)}\n".encode())
    for module in RULES:
        h.update((REPO_DIR / "lib" / module).read_bytes())
    return h.hexdigest()[:32]


def read(key: str) -> dict[str, pd.DataFrame] | None:
    """The tables stored under `key` (memory-mapped), or None."""
    entry = cache_dir() / key
    if not (entry / "complete").is_file():
        return None
    try:
        return {p.stem: feather.read_table(p, memory_map=True).to_pandas() for p in sorted(entry.glob("*.arrow"))}
    except (OSError, pyarrow.ArrowInvalid):
        return None


def write(key: str, tables: dict[str, pd.DataFrame]) -> bool:
    """Store `tables` under `key` (atomically: a folder renamed into place); False when not possible."""
    root = cache_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        for name, df in tables.items():
            # one record batch per table: read back, every column is one chunk, so a profile's `take`
            # of a few thousand rows does not first join 16 chunks of a million (bench/RESULTS.md).
            # A large file's columns arrive in its parser blocks (`lib.arrowcsv`): joined here, in
            # this thread, after the first page. Converted here too (nthreads=1): pyarrow's pool
            # cannot start while the server stops
            table = pyarrow.Table.from_pandas(df, nthreads=1).combine_chunks()
            feather.write_feather(table, tmp / f"{name}.arrow", compression="uncompressed", chunksize=max(1, len(df)))
        (tmp / "complete").write_text(FORMAT)
        target = root / key
        if target.exists():
            shutil.rmtree(tmp, ignore_errors=True)
            return True
        tmp.rename(target)
        entries = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), key=os.path.getmtime)
        for old in entries[:-KEEP] + _stale(root):
            shutil.rmtree(old, ignore_errors=True)
        return True
    except (OSError, pyarrow.ArrowInvalid, ValueError, TypeError, RuntimeError):
        return False


def _stale(root: Path) -> list[Path]:
    """Half-written entries older than STALE_S (one removed meanwhile by another process is skipped)."""
    out = []
    for p in root.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if time.time() - p.stat().st_mtime > STALE_S:
                out.append(p)
    return out


_FREE = threading.Event()  # set: a copy may be written now (see `held`)
_FREE.set()
HOLD_S = 30.0  # the longest a copy waits for a `held` block to end


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Copies started meanwhile (`write_later`) wait until the block ends, or HOLD_S: serve.py holds
    them while the first page's views are built, which a copy being written slowed by 0.2-0.5 s at
    100k/1M (its CPU and memory traffic; bench/RESULTS.md, session 8)."""
    _FREE.clear()
    try:
        yield
    finally:
        _FREE.set()


def _write_when_free(key: str, tables: dict[str, pd.DataFrame]) -> bool:
    """`write` once no `held` block runs, this thread (mostly native copying) yielding the CPUs to
    the others (Linux nice 10)."""
    with contextlib.suppress(AttributeError, OSError):  # per-thread priority: Linux only
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    _FREE.wait(HOLD_S)
    return write(key, tables)


def write_later(key: str, tables: dict[str, pd.DataFrame]) -> threading.Thread:
    """`write` in a thread of its own (after any `held` block), started and returned: not a daemon,
    so a stopping server finishes the copy (an interrupted one is only a `.tmp-*` folder, removed later)."""
    # daemon=False said, not inherited: started from the (daemon) loading thread it would be one
    thread = threading.Thread(target=_write_when_free, args=(key, tables), name="atlas-cache-write", daemon=False)
    thread.start()
    return thread

"""Reading the curated CSVs: where they live, how they are read, and the validated `Dataset`.

Pure Python (no Streamlit): the app wraps these functions in `lib.services`. Reading never writes:
the curated files are opened read-only and nothing here modifies them. Whatever is wrong with a
file (encoding, CSV structure, cells, the map's geometry file) becomes a located `Problem`, never an
exception, so the app can show its error page and the CLI its list.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow

from lib import arrowcsv, store
from lib.checks import floats, list_items
from lib.fastcheck import text_array
from lib.schema import COLUMNS, GEOMETRY_PROPERTIES, OPTIONAL_FILES, REQUIRED_FILES, Problem
from lib.validation import validate

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_DIR / "data"
ENV_VAR = "ATLAS_DATA_DIR"
# A curated CSV is a few hundred KB; the cap refuses absurd files but lets the app open the benchmark's
# 100,000 practices (77 MB) and 1,000,000 statistics (295 MB) (bench/RESULTS.md).
MAX_FILE_BYTES = 512 * 1024 * 1024
GEOMETRY_FILE = Path("geo") / "countries.geojson"


def data_dir() -> Path:
    """The folder the app reads: `$ATLAS_DATA_DIR` if set, else the shipped `data/`."""
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env).expanduser() if env else DEFAULT_DATA_DIR


def fingerprint(folder: Path) -> tuple:
    """A cheap key that changes whenever a data file is edited (name, size, mtime)."""
    out = []
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES, str(GEOMETRY_FILE)):
        p = Path(folder) / name
        try:
            st = p.stat()
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, None, None))
    return (str(folder), tuple(out))


RECHECK_S = 1.0  # the files' sizes and times are looked at again after this long (not on every call)
_seen: dict[str, tuple[float, str]] = {}  # folder -> (when checked, digest)


def data_version_key(folder: Path) -> str:
    """A short digest of `fingerprint(folder)`, memoised for RECHECK_S (a page asks ~15 times a run;
    stat()-ing 12 files and hashing each time cost more than some pages); edits show within RECHECK_S."""
    now = time.monotonic()
    seen = _seen.get(str(folder))
    if seen is None or now - seen[0] > RECHECK_S:
        digest = hashlib.blake2b(repr(fingerprint(folder)).encode(), digest_size=12).hexdigest()
        seen = _seen[str(folder)] = (now, digest)
    return seen[1]


def read_table(folder: Path, file: str, fast: bool = True) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV as strings (no type guessing, empty cells stay ''), or say why not.

    Blank lines are skipped; the frame's index is each row's spreadsheet row - 2, so that problems
    found later point at the row a curator sees (`lib.schema` adds the 2 back). `fast`: pyarrow's
    parser when `lib.arrowcsv` is sure it reads the file as the strict csv reader would (else, and
    whenever something is wrong, the csv module, which locates every problem).
    """
    path = Path(folder) / file
    if not path.is_file():
        return None, [Problem(file, None, None, f"file not found in {folder}")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(file, None, None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
    mapped = fast and size >= arrowcsv.MAP_BYTES  # only large files are memory-mapped (arrowcsv.MAP_BYTES)
    try:
        df = arrowcsv.read_file(path) if mapped else None
        if df is not None:
            return df, []
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(file, None, None, f"file could not be read ({err.strerror or 'unknown reason'})")]
    df = arrowcsv.read(raw) if fast and not mapped else None
    if df is not None:
        return df, []
    text, problems = arrowcsv.decode(file, raw)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(file, None, None, "file is empty; it needs a header row: " + ",".join(COLUMNS[file]))]
    records, problems = arrowcsv.records(file, text)
    if problems:
        return None, problems
    records = [(row, cells) for row, cells in records if any(c.strip() for c in cells)]
    if not records:
        return None, [Problem(file, None, None, "file is empty; it needs a header row: " + ",".join(COLUMNS[file]))]
    header_row, header = records[0]
    if len(header) == 1 and len(COLUMNS[file]) > 1:
        for sep, name in ((";", "semicolons"), ("\t", "tabs")):
            if sep in header[0]:
                return None, [Problem(file, header_row, None, f"columns are separated by {name}; use commas")]
    width = len(header)
    for row, cells in records[1:]:
        if len(cells) != width:
            problems.append(Problem(file, row, None, f"row has {len(cells)} cells but the header has {width}"))
    if problems:
        return None, problems
    body = records[1:]
    df = pd.DataFrame([cells for _, cells in body], columns=header, dtype=str, index=[row - 2 for row, _ in body])
    df.columns = [str(c).strip() for c in df.columns]
    return df.apply(lambda s: s.str.strip()) if len(df) else df, []


def check_geometry(folder: Path) -> list[Problem]:
    """The map's country shapes exist and carry what `lib.geo` reads (not the shapes themselves)."""
    file = GEOMETRY_FILE.as_posix()
    path = Path(folder) / GEOMETRY_FILE
    if not path.is_file():
        return [Problem(file, None, None, f"file not found in {folder}")]
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return [Problem(file, None, None, "file is not valid GeoJSON (it could not be read as JSON)")]
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not features:
        return [Problem(file, None, None, "file is not a GeoJSON FeatureCollection with at least one feature")]
    for i, f in enumerate(features, start=1):
        props = f.get("properties") if isinstance(f, dict) else None
        if not isinstance(props, dict) or not isinstance(f.get("geometry"), dict):
            return [Problem(file, None, None, f"feature {i} has no geometry or no properties")]
        for key, types in GEOMETRY_PROPERTIES.items():
            value = props.get(key)
            if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
                return [Problem(file, None, key, f"feature {i} lacks a valid '{key}' property")]
    return []


_LOOKUPS: dict[tuple[int, str], tuple[pd.DataFrame, dict]] = {}


def table_lookup(table: pd.DataFrame, purpose: str, build) -> dict:
    """`build(table)` (a dict: labels by id, names by code...) computed once per table object and
    purpose, then reused. Pages ask for a label per card, figure and menu option; a DataFrame
    lookup costs 0.4-1 ms each. Tables are read-only once loaded, so the object identifies them."""
    memo = _LOOKUPS.get((id(table), purpose))
    if memo is None or memo[0] is not table:
        if len(_LOOKUPS) > 64:
            _LOOKUPS.clear()
        memo = _LOOKUPS[(id(table), purpose)] = (table, build(table))
    return memo[1]


@dataclass
class Dataset:
    """The validated tables, plus long (exploded) views used everywhere."""

    folder: Path
    practices: pd.DataFrame
    statistics: pd.DataFrame
    sources: pd.DataFrame
    issue_areas: pd.DataFrame
    gcm_objectives: pd.DataFrame
    indicators: pd.DataFrame
    groups: pd.DataFrame
    countries: pd.DataFrame
    priorities: pd.DataFrame
    origins: pd.DataFrame  # where the geometry and the country table come from (provenance)
    translations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(COLUMNS["translations.csv"])))
    practice_countries: pd.DataFrame = field(init=False)  # practice_id, iso3, n_countries
    practice_issues: pd.DataFrame = field(init=False)  # practice_id, issue_area
    practice_gcm: pd.DataFrame = field(init=False)  # practice_id, gcm (int)

    def __post_init__(self) -> None:
        # validated: a plain number, or empty where the figure is only in words (value_text) -> NaN
        col = self.statistics["value"]
        if (col == "").any():
            values = pd.to_numeric(col.replace("", None))
        else:
            values = pd.Series(floats(arrow_text(col)), index=col.index)
        self.statistics = self.statistics.assign(value=values)
        self.practice_countries = _explode(self.practices, "countries", "iso3")
        n = self.practice_countries.groupby("practice_id")["iso3"].transform("size")
        self.practice_countries = self.practice_countries.assign(n_countries=n)
        self.practice_issues = _explode(self.practices, "issue_areas", "issue_area")
        gcm = _explode(self.practices, "gcm_objectives", "gcm")
        self.practice_gcm = gcm.assign(gcm=gcm["gcm"].astype(int))

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table, the long views included (what `lib.store` keeps)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "folder"}

    @classmethod
    def restore(cls, folder: Path, frames: dict[str, pd.DataFrame]) -> Dataset:
        """A dataset from `frames()` stored earlier (already validated and built: nothing recomputed)."""
        ds = cls.__new__(cls)
        ds.folder = folder
        for f in fields(cls):
            if f.name != "folder":
                setattr(ds, f.name, frames[f.name])
        return ds

    @cached_property
    def data_date(self) -> str:
        """The date of the newest data file (read once: the dataset is cached per file version)."""
        stamp = max((Path(self.folder) / f).stat().st_mtime for f in REQUIRED_FILES)
        return pd.Timestamp(stamp, unit="s").strftime("%Y-%m-%d")

    @property
    def version(self) -> str:
        """A short data version in English: latest file date and row counts (`labels.data_version`
        gives it in the reader's language)."""
        return f"{self.data_date} · {len(self.practices)} practices · {len(self.statistics)} statistics"


def arrow_text(series: pd.Series) -> pyarrow.Array:
    """A text column as one pyarrow large_string array (zero-copy when it is already Arrow-backed)."""
    arr = text_array(series)
    return arr if arr is not None else pyarrow.array(series.astype(str).tolist(), pyarrow.large_string())


def _explode(df: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    """One row per item of a `;`-list cell (`split_list`), in order, with the practice id."""
    rows, items = list_items(arrow_text(df[column]))
    ids = arrow_text(df["practice_id"]).take(pyarrow.array(rows))
    return pyarrow.table({"practice_id": ids, name: items}).to_pandas()


@dataclass
class LoadResult:
    dataset: Dataset | None
    problems: list[Problem]
    saving: threading.Thread | None = None  # the cache copy still being written (`save_later`)

    @property
    def ok(self) -> bool:
        return self.dataset is not None


Progress = Callable[[str, str, float], None]  # (stage, file or '', fraction done 0-1)


def _quiet(stage: str, file: str, done: float) -> None: ...


def _files(folder: Path) -> tuple[str, ...]:
    optional = [f for f in OPTIONAL_FILES if (Path(folder) / f).is_file()]
    return (*REQUIRED_FILES, *optional)


def read_tables(folder: Path, fast: bool = True, progress: Progress = _quiet) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    tables, problems = {}, []
    files = _files(folder)
    sizes = [(Path(folder) / f).stat().st_size if (Path(folder) / f).is_file() else 0 for f in files]
    for i, file in enumerate(files):
        progress("reading", file, 0.6 * sum(sizes[:i]) / max(1, sum(sizes)))  # by bytes: the big files dominate
        df, file_problems = read_table(folder, file, fast)
        problems += file_problems
        if df is not None:
            tables[file] = df
    return tables, problems


def load_dataset(
    folder: Path | None = None, progress: Progress = _quiet, cache: bool = True, save_later: bool = False
) -> LoadResult:
    """Read and validate every file; a dataset is returned only when there is no problem at all.

    With `cache`, a dataset validated before from byte-identical files (and the same rules) comes
    from `lib.store` instead; a valid result is stored there (`save_later`: by a thread, after the
    dataset is returned). `progress(stage, file, fraction)` is told what is being done: 'cache',
    'reading' (per file), 'validating', 'building', 'saving'."""
    folder = Path(folder) if folder is not None else data_dir()
    if not folder.is_dir():
        return LoadResult(None, [Problem(str(folder), None, None, "data folder not found")])
    key = None
    if cache:
        progress("cache", "", 0.0)
        key = store.content_key(folder, (*_files(folder), GEOMETRY_FILE.as_posix()))
        frames = store.read(key)
        if frames is not None:
            return LoadResult(Dataset.restore(folder, frames), [])
    with arrowcsv.small_pages():
        tables, problems = read_tables(folder, progress=progress)
        progress("validating", "", 0.6)
        problems += validate(tables)
        problems += check_geometry(folder)
        if problems:
            return LoadResult(None, problems)
        progress("building", "", 0.85)
        t = {name.removesuffix(".csv"): df.reset_index(drop=True) for name, df in tables.items()}
        ds = Dataset(folder=folder, **t)
    if key is not None and not save_later:
        progress("saving", "", 0.95)
        store.write(key, ds.frames())
    # with save_later the first page need not wait for the copy (bench/RESULTS.md)
    return LoadResult(ds, [], store.write_later(key, ds.frames()) if key is not None and save_later else None)

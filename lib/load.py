"""Reading the curated CSVs: where they live, how they are read, and the validated `Dataset`.

Pure Python (no Streamlit): the app wraps these functions in `lib.cache`. Reading never writes:
the curated files are opened read-only and nothing here modifies them.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.schema import COLUMNS, REQUIRED_FILES, Problem, split_list, validate

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_DIR / "data"
ENV_VAR = "ATLAS_DATA_DIR"
MAX_FILE_BYTES = 50 * 1024 * 1024  # a curated CSV is a few hundred KB; refuse anything absurd
GEOMETRY_FILE = Path("geo") / "countries.geojson"


def data_dir() -> Path:
    """The folder the app reads: `$ATLAS_DATA_DIR` if set, else the shipped `data/`."""
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env).expanduser() if env else DEFAULT_DATA_DIR


def fingerprint(folder: Path) -> tuple:
    """A cheap key that changes whenever a data file is edited (name, size, mtime)."""
    out = []
    for name in (*REQUIRED_FILES, str(GEOMETRY_FILE)):
        p = Path(folder) / name
        try:
            st = p.stat()
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, None, None))
    return (str(folder), tuple(out))


def _decode(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file, None, None, "file is UTF-16; save it as 'CSV UTF-8'")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(file, line, None, f"file is not UTF-8 (byte {raw[err.start]:#04x} at line {line}); save it as 'CSV UTF-8'")]


def read_table(folder: Path, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV as strings (no type guessing, empty cells stay ''), or say why not."""
    path = Path(folder) / file
    if not path.is_file():
        return None, [Problem(file, None, None, f"file not found in {folder}")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(file, None, None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
    text, problems = _decode(file, path.read_bytes())
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(file, None, None, "file is empty; it needs a header row: " + ",".join(COLUMNS[file]))]
    header = next(csv.reader(io.StringIO(text)), [])
    if len(header) == 1 and len(COLUMNS[file]) > 1:
        for sep, name in ((";", "semicolons"), ("\t", "tabs")):
            if sep in header[0]:
                return None, [Problem(file, 1, None, f"columns are separated by {name}; use commas")]
    csv.field_size_limit(MAX_FILE_BYTES)
    rows = list(csv.reader(io.StringIO(text)))
    width = len(header)
    for i, row in enumerate(rows[1:], start=2):
        if row and len(row) != width:
            problems.append(Problem(file, i, None, f"row has {len(row)} cells but the header has {width}"))
    if problems:
        return None, problems
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    df = pd.DataFrame(body, columns=header, dtype=str)
    df.columns = [str(c).strip() for c in df.columns]
    return df.apply(lambda s: s.str.strip()) if len(df) else df, []


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
    practice_countries: pd.DataFrame = field(init=False)  # practice_id, iso3, n_countries
    practice_issues: pd.DataFrame = field(init=False)  # practice_id, issue_area
    practice_gcm: pd.DataFrame = field(init=False)  # practice_id, gcm (int)

    def __post_init__(self) -> None:
        self.statistics = self.statistics.assign(value=pd.to_numeric(self.statistics["value"]))
        self.practice_countries = _explode(self.practices, "countries", "iso3")
        n = self.practice_countries.groupby("practice_id")["iso3"].transform("size")
        self.practice_countries = self.practice_countries.assign(n_countries=n)
        self.practice_issues = _explode(self.practices, "issue_areas", "issue_area")
        gcm = _explode(self.practices, "gcm_objectives", "gcm")
        self.practice_gcm = gcm.assign(gcm=gcm["gcm"].astype(int))

    @property
    def version(self) -> str:
        """A short, human-readable data version: latest file date and row counts."""
        stamp = max((Path(self.folder) / f).stat().st_mtime for f in REQUIRED_FILES)
        date = pd.Timestamp(stamp, unit="s").strftime("%Y-%m-%d")
        return f"{date} · {len(self.practices)} practices · {len(self.statistics)} statistics"


def _explode(df: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    rows = [(pid, item) for pid, cell in zip(df["practice_id"], df[column]) for item in split_list(cell)]
    return pd.DataFrame(rows, columns=["practice_id", name])


@dataclass
class LoadResult:
    dataset: Dataset | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def read_tables(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    tables, problems = {}, []
    for file in REQUIRED_FILES:
        df, file_problems = read_table(folder, file)
        problems += file_problems
        if df is not None:
            tables[file] = df
    return tables, problems


def load_dataset(folder: Path | None = None) -> LoadResult:
    """Read and validate every file; a dataset is returned only when there is no problem at all."""
    folder = Path(folder) if folder is not None else data_dir()
    if not folder.is_dir():
        return LoadResult(None, [Problem(str(folder), None, None, "data folder not found")])
    tables, problems = read_tables(folder)
    problems += validate(tables)
    if problems:
        return LoadResult(None, problems)
    t = {name.removesuffix(".csv"): df for name, df in tables.items()}
    return LoadResult(Dataset(folder=folder, **t), [])

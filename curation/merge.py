"""Merge the curators' part files (curation/parts/) into the app's data files (data/).

The annex of the IOM paper was rebuilt in four overlapping parts (annex_A..D); rows that straddle
a part boundary appear twice and are de-duplicated here (the copy not marked 'boundary row' wins;
if both are, the later part's). Annex rows are then numbered in order of appearance, which is the
`Annex row N` locator. Body rows that repeat an annex programme ('same as annex: ...') are dropped
in favour of the annex row. Re-run after editing a part, then `python -m lib.validate data`.

    python curation/merge.py
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from lib.schema import COLUMNS  # noqa: E402 - after the path is set

PARTS = HERE / "parts"
DATA = HERE.parent / "data"
PRACTICE_COLUMNS = list(COLUMNS["practices.csv"])  # the schema's columns, in order (lib/schema.py)
STAT_COLUMNS = list(COLUMNS["statistics.csv"])
SOURCE_RENAMES = {"ilo2020_talking_points": "ilo_talking_points_gfmd"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(PARTS / name, dtype=str, keep_default_na=False)


def key(title: str) -> str:
    t = unicodedata.normalize("NFKD", title)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "", t)[:40]


def merge_annex() -> pd.DataFrame:
    parts = []
    for order, part in enumerate("ABCD"):
        df = read(f"annex_{part}.csv").assign(_part=order)
        parts.append(df)
    annex = pd.concat(parts, ignore_index=True)
    annex["_key"] = annex["title"].map(key)
    annex["_boundary"] = annex["curator_note"].str.contains("boundary row", case=False)
    annex["_line"] = annex["_line"].astype(int)
    # A straddling row is rebuilt by two neighbouring parts: same title, different parts, and at
    # least one copy marked 'boundary row'. Rows of one part that share a title are distinct rows.
    annex = annex.sort_values(["_key", "_boundary", "_part"], ascending=[True, True, False])
    drop = []
    for _, group in annex.groupby("_key", sort=False):
        if group["_part"].nunique() > 1 and group["_boundary"].any():
            keep_part = group["_part"].iloc[0]
            drop += list(group.index[group["_part"] != keep_part])
    annex = annex.drop(index=drop).sort_values("_line", kind="stable")
    annex = annex.reset_index(drop=True)
    annex["locator"] = [f"Annex row {i}" for i in range(1, len(annex) + 1)]
    annex["curator_note"] = annex["curator_note"].str.replace(r"\s*boundary row[.;]?\s*", " ", regex=True, case=False).str.strip()
    return annex


def merge_practices() -> tuple[pd.DataFrame, dict[str, str]]:
    annex = merge_annex()
    body = read("body.csv")
    body = body[~body["curator_note"].str.contains("same as annex:", case=False)]
    others = read("others.csv")
    out = _columns(pd.concat([annex, body, others], ignore_index=True), PRACTICE_COLUMNS)
    out["source_id"] = out["source_id"].replace(SOURCE_RENAMES)
    out["actor_type"] = out["actor_type"].replace("", "not_stated")
    _fail_on_duplicates(out, "practice_id")
    return out, annex


def _columns(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The schema's columns in order; a column a part file does not have yet is empty."""
    return df.reindex(columns=columns, fill_value="").fillna("")


def _fail_on_duplicates(df: pd.DataFrame, id_col: str) -> None:
    """Stop with the duplicated ids: two rows with one id are a curation mistake, never renamed silently."""
    dup = sorted(set(df.loc[df[id_col].duplicated(keep=False), id_col]))
    if dup:
        raise SystemExit(f"duplicate {id_col} in the part files (give each row its own id): {', '.join(dup)}")


def _country_codes() -> dict[str, str]:
    countries = pd.read_csv(DATA / "countries.csv", dtype=str, keep_default_na=False)
    out = {}
    for r in countries.itertuples():
        for name in [r.name, r.official_name, *r.aliases.split(";")]:
            if name:
                out[key(name)] = r.iso3
    return out


def merge_statistics(annex: pd.DataFrame) -> pd.DataFrame:
    """Statistics, with 'Annex: <title> (<country>)' locators turned into 'Annex row N (<title>)'."""
    s = read("statistics.csv")
    s["source_id"] = s["source_id"].replace(SOURCE_RENAMES)
    codes = _country_codes()

    def locator(loc: str) -> str:
        m = re.match(r"^Annex: (.+?)(?: \(([^()]+)\))?$", loc)
        if not m:
            return loc
        title, country = m.group(1), m.group(2)
        rows = annex[annex["_key"] == key(title)]
        if rows.empty and country:
            rows = annex[annex["_key"] == key(f"{title} ({country})")]
        if len(rows) > 1 and country:
            iso3 = codes.get(key(country), "")
            rows = rows[rows["countries"].str.split(";").map(lambda cs: iso3 in cs)]
        if len(rows) == 1:
            return f"{rows['locator'].iloc[0]} ({title})"
        return loc

    s["locator"] = s["locator"].map(locator)
    s = _columns(s, STAT_COLUMNS)
    _fail_on_duplicates(s, "stat_id")
    return s


def write(df: pd.DataFrame, name: str) -> None:
    df.to_csv(DATA / name, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


if __name__ == "__main__":
    practices, annex = merge_practices()
    write(practices, "practices.csv")
    write(merge_statistics(annex), "statistics.csv")
    for name in ("indicators.csv", "groups.csv", "priorities.csv", "issue_areas.csv"):
        write(_columns(read(name), list(COLUMNS[name])), name)
    print(f"practices: {len(practices)} ({sum(loc.startswith('Annex row') for loc in practices['locator'])} annex rows)")

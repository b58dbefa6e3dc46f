"""Apply reviewed corrections to the curators' part files: python curation/edit.py FIXES.csv [...]

FIXES.csv columns: part (file name under curation/parts; may be omitted for cell fixes), row_id
(the row's id: practice_id, stat_id, indicator_id, group_id or issue_area_id), column, current,
proposed, reason (and optionally confidence). Three kinds of fix:

- a cell: `column` is a column of the part; applies only when the cell still holds `current`
  (so re-running is harmless and a stale fix is reported, not forced);
- a new row: `column` = `row`, `current` empty, `proposed` = the row as a JSON object (its columns
  must be the part's; missing ones are empty); applies only when `row_id` is not in the part yet;
- a removed row: `column` = `row`, `current` = the row as JSON (as logged), `proposed` empty.

A column the part does not have yet is added (empty) by `python curation/edit.py --add-columns PART COL...`.
Every applied fix is appended to curation/corrections.csv, the log of what reviewers changed and why.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
LOG = HERE / "corrections.csv"
LOG_COLUMNS = ["part", "row_id", "column", "current", "proposed", "reason", "confidence"]
ROW = "row"  # the `column` of a fix that adds or removes a whole row


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _write(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


def _id_col(df: pd.DataFrame) -> str:
    """The part's id column: the first column (practice_id, stat_id, indicator_id, group_id, ...)."""
    return df.columns[0]


def _find_part(row_id: str, column: str) -> str:
    """The part file holding `row_id` (a reviewer cites ids, not files)."""
    for path in sorted((HERE / "parts").glob("*.csv")):
        df = _read(path)
        if (df[_id_col(df)] == row_id).any() and column in df:
            return path.name
    return ""


def row_json(df: pd.DataFrame, index: int) -> str:
    return json.dumps({c: df.at[index, c] for c in df.columns}, ensure_ascii=False)


def _apply_one(df: pd.DataFrame, fx) -> tuple[pd.DataFrame, bool]:
    id_col = _id_col(df)
    hit = df.index[df[id_col] == fx.row_id]
    if fx.column == ROW:
        if fx.current == "" and fx.proposed and len(hit) == 0:
            new = json.loads(fx.proposed)
            unknown = set(new) - set(df.columns)
            if unknown or new.get(id_col) != fx.row_id:
                return df, False
            row = {c: str(new.get(c, "")) for c in df.columns}
            return pd.concat([df, pd.DataFrame([row])], ignore_index=True), True
        if fx.proposed == "" and len(hit) == 1 and json.loads(fx.current) == json.loads(row_json(df, hit[0])):
            return df.drop(index=hit).reset_index(drop=True), True
        return df, False
    if len(hit) != 1 or fx.column not in df or df.at[hit[0], fx.column] != fx.current:
        return df, False
    df.at[hit[0], fx.column] = fx.proposed
    return df, True


def apply(fixes_path: Path) -> int:
    fixes = pd.read_csv(fixes_path, dtype=str, keep_default_na=False)
    if "part" not in fixes:
        fixes.insert(0, "part", [_find_part(r, c) for r, c in zip(fixes["row_id"], fixes["column"])])
    if "confidence" not in fixes:
        fixes["confidence"] = ""
    applied, stale = [], []
    stale += [f"(no part):{r}" for r in fixes.loc[fixes["part"] == "", "row_id"]]
    for part, group in fixes[fixes["part"] != ""].groupby("part", sort=False):
        path = HERE / "parts" / part
        df = _read(path)
        for fx in group.itertuples(index=False):
            df, ok = _apply_one(df, fx)
            if ok:
                applied.append({c: getattr(fx, c) for c in LOG_COLUMNS})
            else:
                stale.append(f"{part}:{fx.row_id}:{fx.column}")
        _write(df, path)
    if applied:
        new = not LOG.exists()
        with LOG.open("a", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=LOG_COLUMNS, lineterminator="\n")
            if new:
                w.writeheader()
            w.writerows(applied)
    print(f"{fixes_path.name}: applied {len(applied)}; stale {len(stale)}: {stale}")
    return 1 if stale else 0


def add_columns(part: str, columns: list[str]) -> int:
    """Add empty columns to a part (structure only: no value changes, so nothing is logged)."""
    path = HERE / "parts" / part
    df = _read(path)
    for col in columns:
        if col not in df:
            df[col] = ""
    _write(df, path)
    print(f"{part}: columns {', '.join(df.columns)}")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--add-columns":
        sys.exit(add_columns(sys.argv[2], sys.argv[3:]))
    sys.exit(max(apply(Path(p)) for p in sys.argv[1:]))

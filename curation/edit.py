"""Apply reviewed corrections to the curators' part files: python curation/edit.py FIXES.csv

FIXES.csv columns: part (file name under curation/parts), row_id (practice_id or stat_id),
column, current, proposed, reason. A fix applies only when the cell still holds `current`
(so re-running is harmless and a stale fix is reported, not forced). Every applied fix is
appended to curation/corrections.csv, the log of what reviewers changed and why.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
LOG = HERE / "corrections.csv"


def _find_part(row_id: str, column: str) -> str:
    """The part file holding `row_id` (a reviewer cites ids, not files)."""
    for path in sorted((HERE / "parts").glob("*.csv")):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for id_col in ("practice_id", "stat_id"):
            if id_col in df and (df[id_col] == row_id).any() and column in df:
                return path.name
    return ""


def apply(fixes_path: Path) -> int:
    fixes = pd.read_csv(fixes_path, dtype=str, keep_default_na=False)
    if "part" not in fixes:
        fixes.insert(0, "part", [_find_part(r, c) for r, c in zip(fixes["row_id"], fixes["column"])])
    applied, stale = [], []
    stale += [f"(no part):{r}" for r in fixes.loc[fixes["part"] == "", "row_id"]]
    for part, group in fixes[fixes["part"] != ""].groupby("part"):
        path = HERE / "parts" / part
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        id_col = "practice_id" if "practice_id" in df else "stat_id"
        for fx in group.itertuples(index=False):
            hit = df.index[df[id_col] == fx.row_id]
            if len(hit) != 1 or df.at[hit[0], fx.column] != fx.current:
                stale.append(f"{part}:{fx.row_id}:{fx.column}")
                continue
            df.at[hit[0], fx.column] = fx.proposed
            applied.append(fx._asdict())
        df.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    if applied:
        new = not LOG.exists()
        with LOG.open("a", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(fixes.columns), lineterminator="\n")
            if new:
                w.writeheader()
            w.writerows(applied)
    print(f"applied {len(applied)}; stale {len(stale)}: {stale}")
    return 0


if __name__ == "__main__":
    sys.exit(apply(Path(sys.argv[1])))

"""Validate a data folder for curators: `python -m lib.validate [DIR]` (default: the app's folder).

Prints every problem (file, row, column, message) and exits 1 if there is any, 0 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lib.load import data_dir, load_dataset


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else data_dir()
    result = load_dataset(folder)
    if result.ok:
        ds = result.dataset
        print(f"OK: {folder} is valid ({len(ds.practices)} practices, {len(ds.statistics)} statistics).")
        return 0
    print(f"{len(result.problems)} problem(s) in {folder}:")
    for p in result.problems:
        print(f"  - {p}")
    return 1


if __name__ == "__main__":
    sys.exit(main())

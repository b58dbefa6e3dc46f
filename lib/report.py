"""Coverage report for curators: `python -m lib.report [DIR]` prints Markdown.

Practices, countries, practices per issue area and per source, statistics per indicator, and the
list of every annex response of the IOM paper (so a reader can check none is missing).
"""

from __future__ import annotations

import sys
from pathlib import Path

from lib.load import data_dir, load_dataset
from lib.metrics import practice_counts


def report(folder: Path) -> str:
    result = load_dataset(folder)
    if not result.ok:
        return "Data not valid; run `python -m lib.validate` first.\n"
    ds = result.dataset
    counts = practice_counts(ds, ds.practices)
    out = [
        "## Coverage report",
        "",
        f"- Practices: **{len(ds.practices)}** ({(ds.practices['countries'] == '').sum()} without a country: global or regional)",
        f"- Countries with at least one practice: **{len(counts)}**",
        f"- Statistics: **{len(ds.statistics)}** for {ds.statistics['indicator'].nunique()} indicators, "
        f"{ds.statistics['geography'].nunique()} geographies",
        "",
        "### Practices per source",
        "",
        "| source | practices | statistics |",
        "|---|---:|---:|",
    ]
    for s in ds.sources["source_id"]:
        out.append(f"| {s} | {(ds.practices['source_id'] == s).sum()} | {(ds.statistics['source_id'] == s).sum()} |")
    out += ["", "### Practices per issue area", "", "| issue area | practices |", "|---|---:|"]
    vc = ds.practice_issues["issue_area"].value_counts()
    for r in ds.issue_areas.itertuples():
        out.append(f"| {r.issue_area_id} | {int(vc.get(r.issue_area_id, 0))} |")
    out += ["", "### Countries with most practices", "", "| ISO3 | practices |", "|---|---:|"]
    out += [f"| {r.iso3} | {r.value} |" for r in counts.head(15).itertuples()]
    out += ["", "### Statistics per indicator", "", "| indicator | category | values |", "|---|---|---:|"]
    vc = ds.statistics["indicator"].value_counts()
    for r in ds.indicators.itertuples():
        out.append(f"| {r.indicator_id} | {r.category} | {int(vc.get(r.indicator_id, 0))} |")
    annex = ds.practices[ds.practices["locator"].str.startswith("Annex row")].copy()
    annex["n"] = annex["locator"].str.extract(r"(\d+)").astype(int)
    out += ["", f"### Annex responses of the IOM paper ({len(annex)})", "", "| row | title | countries |", "|---:|---|---|"]
    for r in annex.sort_values("n").itertuples():
        title = r.title.replace("|", "/")
        out.append(f"| {r.n} | {title} | {r.countries.replace(';', ', ') or '(global/regional)'} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else data_dir()
    sys.stdout.write(report(folder))

"""Deterministic synthetic data folder for benchmarks: N practices and M statistics rows.

    python -m bench.generate --practices 100000 --stats 1000000 bench/out/p100k-s1m

The small reference tables (countries, issue areas, GCM objectives, indicators, groups, sources,
priorities: every table of `lib.schema` but the two generated ones and optional tables that refer
to practices) and `geo/` are copied from the curated `data/` folder; practices and statistics are
drawn with a seeded `random.Random` from the real vocabularies, the real ISO3 codes (weighted like
the curated data, with every mapped country possible), and text assembled from the curated titles,
summaries, places, implementers, locators, URLs and notes, so lengths and words are realistic and
the search vocabulary stays the curated one. Same arguments, same seed, same `data/` -> same bytes.

Output belongs under `bench/out/` (git-ignored). Note: `lib.load` refuses any CSV over
`MAX_FILE_BYTES` (512 MB); at these text lengths (about 770 bytes a practice, 295 a statistic) that
is about 700,000 practices or 1.8 million statistics rows. Larger folders are complete and otherwise
valid (`--check` validates with the cap lifted, in this process only), but the app and
`python -m lib.validate` will refuse them.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from lib import load, schema
from lib.schema import COLUMNS, split_list
from lib.vocabulary import QUALIFIERS, UNIT_SCALE

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUT = ROOT / "bench" / "out"
GENERATED = ("practices.csv", "statistics.csv")
# every other table of the schema is copied, except optional files that point at practices
# (translations.csv): those would name practices that do not exist here
REFERENCE_FILES = tuple(f for f in COLUMNS if f not in GENERATED and f not in getattr(schema, "OPTIONAL_FILES", ()))


def _rows(file: str) -> list[dict[str, str]]:
    df, problems = load.read_table(DATA, file)
    if df is None:
        raise SystemExit(f"cannot read {DATA / file}: {problems}")
    return df.to_dict("records")


class Vocab:
    """Everything the generator draws from, read once from the curated `data/`."""

    def __init__(self) -> None:
        prac = _rows("practices.csv")
        stats = _rows("statistics.csv")
        self.countries = _rows("countries.csv")
        geo = json.loads((DATA / load.GEOMETRY_FILE).read_text(encoding="utf-8"))
        mapped = {f["properties"]["iso3"] for f in geo["features"]}
        used = Counter(c for p in prac for c in split_list(p["countries"]))
        # every mapped country can appear; curated frequencies keep the real skew
        iso3s = sorted(c["iso3"] for c in self.countries if c["iso3"] in mapped or c["iso3"] in used)
        self.iso3 = iso3s
        self.iso3_w = [used.get(i, 0) + 0.3 for i in iso3s]
        self.groups = [g["group_id"] for g in _rows("groups.csv")]
        self.issues, self.issue_w = _weighted(
            [r["issue_area_id"] for r in _rows("issue_areas.csv")], Counter(i for p in prac for i in split_list(p["issue_areas"]))
        )
        gcm_used = Counter(g for p in prac for g in split_list(p["gcm_objectives"]))
        self.gcm, self.gcm_w = _weighted([str(i) for i in range(1, 24)], gcm_used)
        self.sources = [s["source_id"] for s in _rows("sources.csv")]
        self.indicators = {r["indicator_id"]: r["unit"] for r in _rows("indicators.csv")}
        self.ind, self.ind_w = _weighted(sorted(self.indicators), Counter(s["indicator"] for s in stats))
        self.prac = prac
        self.stats = stats
        self.n_countries = [len(split_list(p["countries"])) for p in prac]
        self.n_issues = [len(split_list(p["issue_areas"])) for p in prac]
        self.n_gcm = [len(split_list(p["gcm_objectives"])) for p in prac]
        self.title_len = [len(p["title"].split()) for p in prac]
        self.summary_len = [len(p["summary"].split()) for p in prac]
        self.title_words = [w for p in prac for w in p["title"].split()]
        self.summary_words = [w for p in prac for w in p["summary"].split()]
        self.places = [p["places"] for p in prac]
        self.implementers = [p["implementer"] for p in prac]
        self.actor = [p["actor_type"] for p in prac]
        self.period = [p["period"] for p in prac]
        self.prac_source = [p["source_id"] for p in prac]
        self.basis = [p["gcm_basis"] for p in prac if p["gcm_basis"]]
        self.locators = [p["locator"] for p in prac]
        self.urls = [p["reference_url"] for p in prac]
        self.notes = [p["curator_note"] for p in prac]
        self.stat_period = [s["period"] for s in stats]
        self.qualifier = [s["qualifier"] for s in stats]
        self.stat_source = [s["source_id"] for s in stats]
        self.stat_locator = [s["locator"] for s in stats]
        self.stat_note = [s["note"] for s in stats]
        self.same_base = {}  # base unit -> units that print it at another scale (persons_million ...)
        for unit, (_, base, _) in UNIT_SCALE.items():
            self.same_base.setdefault(base, []).append(unit)


def _weighted(ids: list[str], counts: Counter) -> tuple[list[str], list[float]]:
    return ids, [counts.get(i, 0) + 0.5 for i in ids]


def _slug(text: str, n: int = 3) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:n]) or "practice"


def _sample(rng: random.Random, population: list[str], weights: list[float], k: int) -> list[str]:
    out: list[str] = []
    for _ in range(k * 4):
        if len(out) == k:
            break
        x = rng.choices(population, weights)[0]
        if x not in out:
            out.append(x)
    return out


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(max(1, n))).strip(" ,;:")
    return text[:1].upper() + text[1:]


def practice_row(rng: random.Random, v: Vocab, i: int) -> dict[str, str]:
    k = rng.choice(v.n_countries)
    countries = _sample(rng, v.iso3, v.iso3_w, k)
    if not countries:
        scope = rng.choice(("global", "global", "regional"))
    elif len(countries) == 1:
        scope = rng.choice(("national",) * 7 + ("local",))
    else:
        scope = rng.choice(("regional", "regional", "national", "global"))
    title = _sentence(rng, v.title_words, rng.choice(v.title_len))[:160]
    summary = _sentence(rng, v.summary_words, min(rng.choice(v.summary_len), 90))
    if not summary.endswith("."):
        summary += "."
    prefix = countries[0].lower() if len(countries) == 1 else ("multi" if countries else "glob")
    pid = f"{prefix}-{_slug(title)}-{i:07d}"[:80]
    issues = _sample(rng, v.issues, v.issue_w, max(1, rng.choice(v.n_issues)))
    gcm = _sample(rng, v.gcm, v.gcm_w, rng.choice(v.n_gcm))
    return {
        "practice_id": pid,
        "title": title,
        "summary": summary,
        "countries": ";".join(countries),
        "scope": scope,
        "places": rng.choice(v.places),
        "implementer": rng.choice(v.implementers),
        "actor_type": rng.choice(v.actor),
        "issue_areas": ";".join(issues),
        "gcm_objectives": ";".join(gcm),
        "gcm_basis": rng.choice(v.basis) if gcm else "",
        "period": rng.choice(v.period),
        "source_id": rng.choice(v.prac_source),
        "locator": rng.choice(v.locators),
        "reference_url": rng.choice(v.urls),
        "curator_note": rng.choice(v.notes),
    }


def _value(rng: random.Random, unit: str) -> str:
    if unit.startswith("percent"):
        x = rng.uniform(-60, 60) if unit == "percent_change" else rng.uniform(0.1, 99.9)
        return f"{x:.1f}"
    _, _, factor = UNIT_SCALE[unit]
    # printed figures: '230000 persons', '1.1 persons_million', '540 usd_billion'
    magnitude = 10 ** (rng.uniform(1, 7) if factor == 1 else rng.uniform(-0.5, 2.7))
    if magnitude >= 100:
        return str(int(magnitude))
    return f"{magnitude:.2f}".rstrip("0").rstrip(".") or "0"


def statistic_row(rng: random.Random, v: Vocab, i: int) -> dict[str, str]:
    indicator = rng.choices(v.ind, v.ind_w)[0]
    unit = v.indicators[indicator]
    if rng.random() < 0.1:  # a figure printed at another scale of the same unit (millions, thousands)
        unit = rng.choice(v.same_base[UNIT_SCALE[unit][1]])
    geography = rng.choice(v.groups) if rng.random() < 0.15 else rng.choices(v.iso3, v.iso3_w)[0]
    qualifier = rng.choice(v.qualifier)
    assert qualifier in ("", *QUALIFIERS)
    sid = f"{indicator[:24].rstrip('_-')}-{geography.lower().replace('_', '-')}-{i:07d}"
    return {
        "stat_id": sid,
        "indicator": indicator,
        "geography": geography,
        "period": rng.choice(v.stat_period),
        "value": _value(rng, unit),
        "unit": unit,
        "qualifier": qualifier,
        "source_id": rng.choice(v.stat_source),
        "locator": rng.choice(v.stat_locator),
        "note": rng.choice(v.stat_note),
    }


def generate(out: Path, practices: int, stats: int, seed: int = 20201) -> dict[str, int]:
    """Write a complete data folder; returns file name -> size in bytes."""
    out = Path(out)
    if out.resolve() == DATA.resolve():
        raise SystemExit("refusing to overwrite the curated data/ folder")
    out.mkdir(parents=True, exist_ok=True)
    v = Vocab()
    for name in REFERENCE_FILES:
        shutil.copyfile(DATA / name, out / name)
    shutil.copytree(DATA / "geo", out / "geo", dirs_exist_ok=True)
    rng = random.Random(f"{seed}-practices")
    _write(out / "practices.csv", "practices.csv", (practice_row(rng, v, i) for i in range(practices)))
    rng = random.Random(f"{seed}-statistics")
    _write(out / "statistics.csv", "statistics.csv", (statistic_row(rng, v, i) for i in range(stats)))
    return {name: (out / name).stat().st_size for name in (*REFERENCE_FILES, *GENERATED)}


def _write(path: Path, file: str, rows) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(COLUMNS[file])
        w.writerows([row.get(c, "") for c in COLUMNS[file]] for row in rows)  # columns not drawn here stay empty
    tmp.replace(path)


def check(folder: Path, lift_cap: bool = True) -> int:
    """`python -m lib.validate` on the folder; with `lift_cap`, the 512 MB file cap is lifted here."""
    from lib import validate

    if lift_cap:
        load.MAX_FILE_BYTES = 1 << 40
    return validate.main([str(folder)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output folder (use bench/out/NAME)")
    ap.add_argument("--practices", type=int, default=10_000)
    ap.add_argument("--stats", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20201)
    ap.add_argument("--check", action="store_true", help="validate afterwards (file-size cap lifted for this check)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sizes = generate(args.out, args.practices, args.stats, args.seed)
    print(f"wrote {args.out} ({args.practices:,} practices, {args.stats:,} statistics) in {time.perf_counter() - t0:.1f} s")
    for name in ("practices.csv", "statistics.csv"):
        note = "  OVER lib.load.MAX_FILE_BYTES: the app will refuse this file" if sizes[name] > load.MAX_FILE_BYTES else ""
        print(f"  {name}: {sizes[name] / 1e6:.1f} MB{note}")
    if args.check:
        return check(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

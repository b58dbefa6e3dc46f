"""Large folders, side by side in one run: pyarrow's CSV reader vs the Atlas's cold load and validation,
the warm restart from the content-hash cache, the search index build and search times; at 100k/1M also
where the checks' time goes (every piece of `validation.validate`'s work timed in one thread).

`python -m bench.bigdata` (or `python -m bench.run --bigdata`) measures 1k/10k/100k practices
(10k/100k/1M statistics). Every measure runs in a fresh process (a restart), alternating pyarrow
and Atlas trials so that both meet the same machine load; the 1-minute load average is recorded
with each figure. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALES = [("p1k-s10k", 1_000, 10_000), ("p10k-s100k", 10_000, 100_000), ("p100k-s1m", 100_000, 1_000_000)]
QUERIES = [
    "return",
    "phillipines return",
    "reintegration of migrants",
    "health",
    "Ivory Coast",
    "skills training women",
    "remitance",
    "xyzzy",
]
TARGETS = {"cold": 3.0, "ratio": 2.0, "warm": 0.5, "index": 1.0, "search_p95": 0.150}


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process so far, all threads: (user, system). System time is mostly the
    kernel handing out fresh memory (page faults), which varies a lot on this VM (RESULTS.md)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime


def child(what: str, folder: Path) -> dict:
    """One measure in this (fresh) process; the caller sets ATLAS_CACHE_DIR."""
    t_import = time.perf_counter()
    import pyarrow.csv as pcsv  # noqa: PLC0415 - timed: part of what a restart pays

    from lib import countries, load, search  # noqa: PLC0415

    out = {"what": what, "imports": time.perf_counter() - t_import}
    if what == "checks":  # where the checks' time goes: every piece of validate's work, in one thread
        from lib import validation  # noqa: PLC0415

        tables, _ = load.read_tables(folder)
        validation.validate(tables)  # once first: the timings below are of warm code and memory
        t0 = time.perf_counter()
        validation.validate(tables)
        out["validate"] = time.perf_counter() - t0
        timed = []
        for piece in validation.pieces(tables):
            t0 = time.perf_counter()
            piece.work()
            timed.append((time.perf_counter() - t0, piece.name))
        out["pieces"] = sorted(timed, reverse=True)
    elif what == "pyarrow":
        t0, c0 = time.perf_counter(), _cpu()
        for f in load._files(folder):
            pcsv.read_csv(folder / f)
        out["seconds"] = time.perf_counter() - t0
        out["user"], out["sys"] = (b - a for a, b in zip(c0, _cpu()))
    else:
        stages: list = []
        t0, c0 = time.perf_counter(), _cpu()

        def progress(stage, file, _done):
            stages.append((stage, file, time.perf_counter() - t0, *(b - a for a, b in zip(c0, _cpu()))))

        # as the app loads (lib.services): the dataset is returned before its cache copy is written
        result = load.load_dataset(folder, progress=progress, save_later=True)
        out["seconds"] = time.perf_counter() - t0
        out["user"], out["sys"] = (b - a for a, b in zip(c0, _cpu()))
        out["ok"], out["stages"] = result.ok, stages
        if result.saving is not None:
            result.saving.join()
            out["saved"] = time.perf_counter() - t0  # the copy for the next start written, in the background
        if what == "index" and result.ok:
            t0 = time.perf_counter()
            names = countries.search_names(result.dataset.countries)
            index = search.build_index(result.dataset, names)
            out["index"] = time.perf_counter() - t0
            times = []
            for _ in range(5):
                for q in QUERIES:
                    t0 = time.perf_counter()
                    search.apply(result.dataset.practices, search.search(q, index))
                    times.append(time.perf_counter() - t0)
            times.sort()
            out["search_p50"], out["search_p95"] = times[len(times) // 2], times[int(0.95 * (len(times) - 1))]
    out["load"] = os.getloadavg()[0]
    return out


def run_child(what: str, folder: Path, cache: Path) -> dict:
    env = {**os.environ, "ATLAS_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "bench.bigdata", "--child", what, str(folder)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode:
        return {"what": what, "error": proc.stderr.strip().splitlines()[-1][:200] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(folder: Path, trials: int) -> dict:
    """Alternating trials: pyarrow, cold (empty cache), warm (the cache the cold run wrote); then the index."""
    res: dict = {"pyarrow": [], "cold": [], "warm": []}
    for _ in range(trials):
        with tempfile.TemporaryDirectory(prefix="atlas-bench-cache-") as cache:
            res["pyarrow"].append(run_child("pyarrow", folder, Path(cache)))
            res["cold"].append(run_child("cold", folder, Path(cache)))
            res["warm"].append(run_child("warm", folder, Path(cache)))
            if "index" not in res:
                res["index"] = run_child("index", folder, Path(cache))
    if folder.name == "p100k-s1m":
        res["checks"] = run_child("checks", folder, Path(tempfile.gettempdir()))
    return res


def _check_profile(rec: dict, top: int = 8) -> str:
    """The largest pieces of the checks (one thread), and how they add up against validate() in two."""
    pieces = rec.get("pieces") or []
    if not pieces:
        return rec.get("error", "not measured")
    total = sum(s for s, _ in pieces)
    largest = "; ".join(f"{name[:70]} {s:.3f} s" for s, name in pieces[:top])
    return (
        f"{len(pieces)} pieces take {total:.2f} s in one thread; validate() in two threads {rec['validate']:.2f} s "
        f"(warm, the tables read once). The largest: {largest}"
    )


def _median(recs: list[dict], key: str = "seconds") -> float | None:
    vals = [r[key] for r in recs if key in r]
    return statistics.median(vals) if vals else None


def _stage_times(rec: dict) -> str:
    """Seconds spent per stage of a cold load (from the progress reports), with the process's CPU
    seconds in it (user + system, all threads)."""
    stages = rec.get("stages", [])
    end = ("end", "", rec.get("seconds", 0), rec.get("user", 0), rec.get("sys", 0))
    spans: dict = {}
    for (s, f, *at), (_, _, *nxt) in zip(stages, [*stages[1:], end]):
        name = (
            f"read {f}"
            if s == "reading" and f in ("practices.csv", "statistics.csv")
            else ("read others" if s == "reading" else s)
        )
        spans[name] = [a + b - c for a, b, c in zip(spans.get(name, [0, 0, 0]), nxt, at)]
    return ", ".join(f"{k} {w:.2f} s (CPU {u:.2f} user + {sy:.2f} sys)" for k, (w, u, sy) in spans.items() if w >= 0.01)


def _cpu_text(rec: dict) -> str:
    return f"{rec.get('seconds', float('nan')):.2f} ({rec.get('user', 0):.2f} + {rec.get('sys', 0):.2f})"


def render(rows: list[tuple[str, int, int, dict]]) -> str:
    lines = [
        "| folder | pyarrow read (median) | Atlas cold load + validation (median) | ratio | warm restart (cache) | imports | search index build | search p50 / p95 | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for name, practices, stats, res in rows:
        pa_s, cold, warm = _median(res["pyarrow"]), _median(res["cold"]), _median(res["warm"])
        idx = res.get("index", {})
        loads = [r.get("load") for k in ("pyarrow", "cold", "warm") for r in res[k] if r.get("load") is not None]
        ratio = cold / pa_s if cold and pa_s else None
        lines.append(
            f"| {name} ({practices:,} / {stats:,}) | {pa_s:.2f} s | {cold:.2f} s | {ratio:.2f}x | {warm:.2f} s | "
            f"{_median(res['warm'], 'imports'):.2f} s | {idx.get('index', float('nan')):.2f} s | "
            f"{idx.get('search_p50', float('nan')) * 1000:.0f} / {idx.get('search_p95', float('nan')) * 1000:.0f} ms | "
            f"{min(loads):.1f}-{max(loads):.1f} |"
        )
        trials = ", ".join(_cpu_text(r) for r in res["cold"])
        pa_trials = ", ".join(_cpu_text(r) for r in res["pyarrow"])
        cold_rec = sorted(res["cold"], key=lambda r: r.get("seconds", 0))[len(res["cold"]) // 2]
        saved = _median(res["cold"], "saved")
        notes.append(
            f"- {name}: cold trials {trials} s; pyarrow trials {pa_trials} s (wall, then CPU user + system); "
            f"where the median cold load goes: {_stage_times(cold_rec)}"
            + (f"; the cache copy written in the background by {saved:.2f} s" if saved else "")
        )
    big = [r for r in rows if r[0] == "p100k-s1m"]
    if big:
        res = big[0][3]
        got = {
            "cold": _median(res["cold"]),
            "ratio": (_median(res["cold"]) or 0) / (_median(res["pyarrow"]) or 1),
            "warm": _median(res["warm"]),
            "index": res.get("index", {}).get("index"),
            "search_p95": res.get("index", {}).get("search_p95"),
        }
        notes += ["", f"- where the checks' time goes (p100k-s1m): {_check_profile(res.get('checks', {}))}"]
        notes += ["", "Targets at 100,000 practices / 1M statistics (issue #19):", ""]
        for key, what in (
            ("cold", "cold load + full validation <= 3 s"),
            ("ratio", "within 2x of pyarrow's read of the same files"),
            ("warm", "warm restart <= 0.5 s"),
            ("index", "search index build <= 1 s"),
            ("search_p95", "search p95 <= 150 ms"),
        ):
            v = got[key]
            verdict = "—" if v is None else ("pass" if v <= TARGETS[key] else "**miss**")
            if key == "index" and verdict == "**miss**":  # the other way to pass
                verdict = (
                    "pass by the issue's alternative: serve.py builds it in the background after the first page, "
                    "and /practices without a query does not wait for it "
                    "(tests/test_app.py::test_the_practice_list_does_not_wait_for_the_search_index)"
                )
            notes.append(f"- {what}: {'—' if v is None else f'{v:.2f}'} -> {verdict}")
    return "\n".join(lines + [""] + notes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bigdata")
    ap.add_argument("--child", nargs=2, metavar=("WHAT", "FOLDER"), help=argparse.SUPPRESS)
    ap.add_argument("--trials", type=int, default=3)
    ap.add_argument("--only", action="append", help="folder names (default: all three)")
    ap.add_argument("--out", type=Path, help="where the generated folders live (default: bench/out)")
    args = ap.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return 0
    from bench.run import ensure_dataset  # noqa: PLC0415 - only the parent generates folders

    rows = []
    for name, practices, stats in SCALES:
        if args.only and name not in args.only:
            continue
        print(f"[load {os.getloadavg()[0]:.1f}] {name}", file=sys.stderr, flush=True)
        folder, _ = ensure_dataset(name, practices, stats, args.out)
        rows.append((name, practices, stats, measure(folder, args.trials)))
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

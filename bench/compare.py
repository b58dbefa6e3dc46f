"""Side by side: the load test against a base revision and against this working tree, in one run.

    .venv/bin/python -m bench.compare [--base REV] [--sessions 15] [--interactions 20] [--rounds 2]

The base is checked out into a temporary git worktree (removed afterwards) that uses this
checkout's virtualenv; each round runs this checkout's `python -m bench.load --app TREE --warm`
(the same websocket clients for both sides, a fresh local server of that tree each time, every
view opened once before the measure so that both sides are measured warm; `--cold` skips that)
first against the base, then against the working tree, so both see the same machine. Printed: per run, interactions per second, p50/p95, errors, and the server's CPU time per
interaction (less sensitive to other work on the machine than throughput), then the medians.
All traffic goes to 127.0.0.1; every run is bounded by bench.load's own deadline.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = {
    "done": r"completed (\d+)/(\d+) interactions in ([\d.]+) s \(([\d.]+)/s\)",
    "times": r"interaction time: p50 ([\d.]+) s, p95 ([\d.]+) s",
    "errors": r"errors: (\d+)",
    "cpu": r"server: ([\d.]+) CPU s",
    "load": r"load average ([\d.]+) at start",
}


def run_load(tree: Path, sessions: int, interactions: int, warm: bool = True) -> dict:
    cmd = [
        str(ROOT / ".venv" / "bin" / "python"),
        "-m",
        "bench.load",
        "--sessions",
        str(sessions),
        "--interactions",
        str(interactions),
        "--app",
        str(tree),
        *(["--warm"] if warm else []),
    ]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=3600, check=False).stdout
    found = {k: re.search(p, out) for k, p in PATTERNS.items()}
    if not found["done"] or not found["cpu"]:
        return {"failed": out[-400:]}
    done = int(found["done"].group(1))
    return {
        "done": done,
        "planned": int(found["done"].group(2)),
        "per_s": float(found["done"].group(4)),
        "p50": float(found["times"].group(1)) if found["times"] else None,
        "p95": float(found["times"].group(2)) if found["times"] else None,
        "errors": int(found["errors"].group(1)) if found["errors"] else None,
        "cpu_ms": 1000 * float(found["cpu"].group(1)) / max(done, 1),
        "load": float(found["load"].group(1)) if found["load"] else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="HEAD~1", help="the revision to compare with (default HEAD~1)")
    ap.add_argument("--sessions", type=int, default=15)
    ap.add_argument("--interactions", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument(
        "--cold",
        action="store_true",
        help="measure fresh servers as they are (default: each server first opens every view once, not counted)",
    )
    args = ap.parse_args(argv)
    base_rev = subprocess.run(
        ["git", "rev-parse", "--short", args.base], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    head_rev = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="atlas-base-") as tmp:
        base = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), args.base], cwd=ROOT, check=True)
        try:
            os.symlink(ROOT / ".venv", base / ".venv")
            results: dict[str, list[dict]] = {"base": [], "this": []}
            for _ in range(args.rounds):
                for side, tree in (("base", base), ("this", ROOT)):
                    results[side].append(run_load(tree, args.sessions, args.interactions, warm=not args.cold))
                    print(f"{side}: {results[side][-1]}", file=sys.stderr, flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
    print(
        "| side | revision | run | load avg | completed | errors | interactions/s | p50 s | p95 s | server CPU ms per interaction |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    for side, rev in (("base", base_rev), ("this", head_rev + ("+working tree" if dirty else ""))):
        for i, r in enumerate(results[side], 1):
            if "failed" in r:
                print(f"| {side} | {rev} | {i} | | failed | | | | | |")
                continue
            print(
                f"| {side} | {rev} | {i} | {r['load']} | {r['done']}/{r['planned']} | {r['errors']} | {r['per_s']:.2f} | "
                f"{r['p50']} | {r['p95']} | {r['cpu_ms']:.0f} |"
            )
    med = {s: [r for r in rs if "failed" not in r] for s, rs in results.items()}
    if med["base"] and med["this"]:
        b = statistics.median(r["cpu_ms"] for r in med["base"])
        t = statistics.median(r["cpu_ms"] for r in med["this"])
        bt = statistics.median(r["per_s"] for r in med["base"])
        tt = statistics.median(r["per_s"] for r in med["this"])
        print(
            f"\nmedian server CPU per interaction: base {b:.0f} ms, this {t:.0f} ms ({100 * (t - b) / b:+.0f}%); "
            f"median throughput: base {bt:.2f}/s, this {tt:.2f}/s ({tt / bt:.2f}x)"
        )
    return 0 if all("failed" not in r and not r["errors"] for rs in results.values() for r in rs) else 1


if __name__ == "__main__":
    sys.exit(main())

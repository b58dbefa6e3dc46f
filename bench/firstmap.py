"""A large folder's first map: fresh start and warm restart, from the browser connecting to the map drawn.

    .venv/bin/python -m bench.firstmap --data bench/out/p100k-s1m [--trials 2] [--base DIR]

What issue #19's acceptance asks of `ATLAS_DATA_DIR=DIR bash scripts/run.sh`: the map drawn within
5 s of the browser connecting on a fresh start, and within 2 s on a warm restart. Each trial:

1. **fresh start**: `python serve.py` (what scripts/run.sh runs) with `ATLAS_DATA_DIR=DIR` and an
   empty content-hash cache (`ATLAS_CACHE_DIR` a new temporary folder); as soon as the health
   endpoint answers, headless Chromium opens `/map`: timed from that moment to every country path
   drawn, noting whether the page showed the loading progress meanwhile (never a blank page);
2. **warm restart**: the server stopped and started again on the same port and cache folder;
   timed twice: in the first start's browser context (a returning visitor: Streamlit's and
   plotly's JavaScript, 14 MB, come from the browser's cache) and in a new context (a first
   visit, which pays about 2.7 s of browser work whatever the data: bench/RESULTS.md, "Cold start");
3. **profiled**: one more warm restart for the returning browser, with a CPU profile of the page's
   main thread (Chrome DevTools Protocol, sampled every millisecond): how much of the time is the
   browser's own work (plotly.js, Streamlit's other JavaScript, parsing, layout and paint), which no
   server change can shorten. Not in the medians (sampling slows the page a little).

Besides the table it prints, for every start, when each thing was first seen on the page (each
loading-progress text, the map's chart, the map drawn): where a miss's time went.

Times are wall-clock on this machine, with the 1-minute load average beside each. Non-local
requests are blocked and counted (there must be none): Chromium is started with a proxy where
nothing listens (`bench.run.OFFLINE_ARGS`), so that the browser keeps its HTTP cache as a real one
does (Playwright's request routing turns it off). Bounded: every wait has a safety net.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.load import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, spawn_server, stop_server, wait_ready
from bench.run import OFFLINE_ARGS, Tab

# What the page shows now: the loading progress text (None when no progress bar), whether the real
# map's chart is on the page (not the loading page's hidden preload), and its country paths.
STATE_JS = """() => {
  const bar = document.querySelector('[data-testid="stProgress"]');
  const charts = [...document.querySelectorAll('.js-plotly-plot')].filter(c => !c.closest('.st-key-atlas_preload'));
  return [bar ? bar.innerText.trim() : null, charts.length > 0,
          charts.reduce((n, c) => n + c.querySelectorAll('.choroplethlocation').length, 0)];
}"""


def _time_map(tab: Tab, timeout: float) -> tuple[float, bool, list[tuple[str, float]]]:
    """Open /map in `tab` and wait for every country path: (seconds, whether progress was shown,
    when each thing was first seen: every progress text, the map's chart, the map drawn)."""
    t0 = time.monotonic()
    tab.goto("/map")
    seen: dict[str, float] = {}
    while time.monotonic() < t0 + timeout:
        text, chart, paths = tab.page.evaluate(STATE_JS)
        now = round(time.monotonic() - t0, 2)
        if text is not None:
            seen.setdefault(text or "progress", now)
        if chart:
            seen.setdefault("map chart sent", now)
        if paths >= 200:
            seen.setdefault("map drawn", now)
            break
        tab.page.wait_for_timeout(50)
    tab.wait(timeout=max(1.0, t0 + timeout - time.monotonic()))
    has_progress = any(k not in ("map chart sent", "map drawn") for k in seen)
    return time.monotonic() - t0, has_progress, sorted(seen.items(), key=lambda kv: kv[1])


def _busy(profile: dict) -> dict[str, float]:
    """Seconds of a CDP CPU profile of the page's main thread, by what ran: plotly.js (Streamlit's
    PlotlyChart chunk), Streamlit's other JavaScript (React included), the browser's own work
    outside JavaScript (parsing, style, layout, paint: "(program)"), garbage collection, idle."""
    nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
    out = dict.fromkeys(
        ("plotly.js", "Streamlit's other JavaScript", "browser (parse, style, layout, paint)", "garbage collection", "idle"), 0.0
    )
    for node, micros in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[node]
        name, url = frame["functionName"], frame["url"]
        what = (
            "idle"
            if name == "(idle)"
            else "garbage collection"
            if name == "(garbage collector)"
            else "browser (parse, style, layout, paint)"
            if not url
            else "plotly.js"
            if "PlotlyChart" in url
            else "Streamlit's other JavaScript"
        )
        out[what] += micros / 1e6
    return out


def one_start(
    data: Path, cache: Path, port: int, tab_for, timeout: float, app: Path = ROOT, profile: bool = False
) -> tuple[dict, Tab]:
    """Start the server on `port`, open /map in `tab_for(url)` as soon as the server answers (the
    first visit after the start), then stop the server. Returns the record and the tab."""
    t_start = time.monotonic()
    url, proc = spawn_server({"ATLAS_DATA_DIR": str(data), "ATLAS_CACHE_DIR": str(cache)}, port=port, app=app)
    try:
        wait_ready(url, proc, timeout=timeout, poll=0.02)
        up = time.monotonic() - t_start
        tab = tab_for(url)
        cdp = tab.context.new_cdp_session(tab.page) if profile else None
        if cdp is not None:  # the main thread sampled every millisecond (which slows it a little)
            for method, params in (
                ("Profiler.enable", None),
                ("Profiler.setSamplingInterval", {"interval": 1000}),
                ("Profiler.start", None),
            ):
                cdp.send(method, params)
        seconds, progress, seen = _time_map(tab, timeout)
        rec = {"server_up": up, "map": seconds, "progress": progress, "seen": seen, "blocked": len(tab.blocked)}
        if cdp is not None:
            rec["busy"] = _busy(cdp.send("Profiler.stop")["profile"])
        rec["load"] = os.getloadavg()[0]
        return rec, tab
    finally:
        stop_server(proc)


def _trial(browser, data: Path, app: Path, timeout: float, tree: str) -> list[tuple[str, dict]]:
    """A fresh start and two warm restarts of the checkout `app` on one cache folder."""
    cache = Path(tempfile.mkdtemp(prefix="atlas-firstmap-cache-"))
    port, tabs, rows = free_port(), [], []
    try:
        # a first visitor on a fresh start; then two warm restarts (the cache kept), the
        # first visited by that browser again (its HTTP cache kept), the second by a new one
        # and a fourth start like the second, with the browser's main thread profiled (not in the medians)
        plan = [
            ("fresh start", "new browser", lambda url: Tab(browser, url, route=False)),
            ("warm restart", "returning browser", lambda url: (tabs[0].new_page(), tabs[0])[1]),
            ("warm restart", "new browser", lambda url: Tab(browser, url, route=False)),
            ("warm restart", "returning browser, profiled", lambda url: (tabs[0].new_page(), tabs[0])[1]),
        ]
        for kind, who, tab_for in plan:
            rec, tab = one_start(data, cache, port, tab_for, timeout, app, profile="profiled" in who)
            if tab not in tabs:
                tabs.append(tab)
            rec["browser"], rec["tree"] = who, tree
            rows.append((kind, rec))
            print(f"{tree}, {kind}: {rec}", file=sys.stderr, flush=True)
    finally:
        for tab in tabs:
            tab.close()
        shutil.rmtree(cache, ignore_errors=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.firstmap", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the data folder (e.g. bench/out/p100k-s1m)")
    ap.add_argument("--trials", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=300, help="seconds for one start (safety net)")
    ap.add_argument(
        "--base", type=Path, help="another checkout (e.g. a `git archive` of a base commit), timed in turn with this one"
    )
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    data = args.data.resolve()
    rows: list[tuple[str, dict]] = []
    with sync_playwright() as p:
        # offline by Chromium's own proxy setting, not Playwright's router: the router turns the HTTP
        # cache off, so a "returning browser" would fetch everything again (bench/RESULTS.md)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE_ARGS, headless=True)
        try:
            trees = [("base", args.base.resolve()), ("this tree", ROOT)] if args.base else [("this tree", ROOT)]
            for _ in range(args.trials):
                for tree, app in trees:  # alternated, so both meet the same machine
                    rows += _trial(browser, data, app, args.timeout, tree)
        finally:
            browser.close()
    print(f"First map of `{data.name}` (`python -m bench.firstmap`), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print()
    print(
        "| tree | start | browser | process start -> server answers | browser connects -> map drawn | progress shown "
        "| blocked requests | load avg |"
    )
    print("|---|---|---|---:|---:|---|---:|---:|")
    for kind, r in rows:
        print(
            f"| {r['tree']} | {kind} | {r['browser']} | {r['server_up']:.2f} s | {r['map']:.2f} s | "
            f"{'yes' if r['progress'] else 'no'} | {r['blocked']} | {r['load']:.2f} |"
        )
    print()
    print()
    print("Where the time went (seconds from the browser connecting to each thing first seen on the page):")
    print()
    for kind, r in rows:
        print(f"- {r['tree']}, {kind}, {r['browser']}: " + "; ".join(f"{what} {t:.2f}" for what, t in r["seen"]))
    print()
    print("The browser's main thread from connecting to the map drawn (a CPU profile; the profiled starts):")
    print()
    for kind, r in rows:
        if "busy" in r:
            busy = sum(v for k, v in r["busy"].items() if k != "idle")
            parts = "; ".join(f"{k} {v:.2f} s" for k, v in r["busy"].items())
            print(
                f"- {r['tree']}, {kind}, {r['browser']}: map drawn at {r['map']:.2f} s, main thread busy {busy:.2f} s ({parts})"
            )
    print()
    for tree in dict.fromkeys(r["tree"] for _, r in rows):
        for kind, who, target in (
            ("fresh start", "new browser", 5.0),
            ("warm restart", "returning browser", 2.0),
            ("warm restart", "new browser", 2.0),
        ):
            times = [r["map"] for k, r in rows if k == kind and r["browser"] == who and r["tree"] == tree]
            med = statistics.median(times)
            verdict = "pass" if med <= target else "**miss**"
            print(
                f"- {tree}, {kind}, {who}: median {med:.2f} s ({', '.join(f'{t:.2f}' for t in times)}), target <= {target:.0f} s: {verdict}"
            )
    return 0 if all(r["blocked"] == 0 for _, r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

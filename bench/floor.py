"""The first map's floor: the Atlas's /map beside a bare Streamlit app that draws the same map, in one run.

    .venv/bin/python -m bench.floor --data bench/out/p100k-s1m [--rounds 8]

Issue #19 asks for a drawn map within 2 s of the browser connecting on a warm restart. How much of
that is the Atlas's own, and how much is Streamlit's page and plotly.js whatever the app does? Here
both servers run warm (the data from the content-hash cache) and headless Chromium opens each in
turn, timed from the navigation to every country path drawn:

- **bare Streamlit**: a one-line app (a title, then `st.plotly_chart` of the figure the Atlas's
  /map draws for the folder, with the same config and the same served shapes), started with the
  Atlas's `.streamlit/config.toml`;
- **Atlas /map**: `serve.py`, as `scripts/run.sh` starts it.

Both with a returning browser (one context per app, its HTTP cache kept, as a visitor who has
been there before) and with a new browser context each time. The rounds alternate, so both meet
the same machine. Every request to anything but the two local servers is blocked
(`bench.run.OFFLINE_ARGS`). Bounded: every wait has a safety net.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.load import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, spawn_server, stop_server, wait_ready
from bench.run import OFFLINE_ARGS

# every country path of the page's own map drawn (not the Atlas's hidden preload map)
DRAWN = (
    "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
    ".filter(c => !c.closest('.st-key-atlas_preload'))"
    ".reduce((n, c) => n + c.querySelectorAll('.choroplethlocation').length, 0) >= 200"
)
BARE_APP = """import json
import plotly.io as pio
import streamlit as st

st.title("Bare Streamlit")
fig = pio.from_json(open("fig.json", encoding="utf-8").read(), skip_invalid=True)
st.plotly_chart(fig, config=json.load(open("config.json", encoding="utf-8")), key="world_map", on_select="rerun", selection_mode="points")
"""


def bare_app(out: Path) -> None:
    """Write the bare app to `out`: the figure the Atlas's /map first draws for $ATLAS_DATA_DIR
    (practice counts, no filter, the world view), the Atlas's plot config, its config.toml and static files."""
    from lib import metrics, services  # noqa: PLC0415 - after the caller has set ATLAS_DATA_DIR
    from lib.ui import charts  # noqa: PLC0415

    metric = {m.id: m for m in services.map_metrics()}[metrics.PRACTICE_COUNT]
    fig = services.map_figure(metric, metrics.Filters(), "world")
    (out / "fig.json").write_text(json.dumps(fig.to_dict(), default=str), encoding="utf-8")
    (out / "config.json").write_text(json.dumps(charts.PLOT_CONFIG), encoding="utf-8")
    (out / "app.py").write_text(BARE_APP, encoding="utf-8")
    (out / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", out / ".streamlit" / "config.toml")
    (out / "static").symlink_to(ROOT / "static")
    for thread in threading.enumerate():  # the cache copy (not a daemon): written before anything is timed
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(timeout=300)


def _start_bare(app: Path, timeout: float) -> tuple[str, subprocess.Popen]:
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"]
    proc = subprocess.Popen(cmd, cwd=app, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, proc, timeout=timeout)
    return url + "/", proc


def _drawn(context, url: str, timeout: float) -> float:
    page = context.new_page()
    try:
        t0 = time.monotonic()
        page.goto(url, wait_until="commit")
        page.wait_for_function(DRAWN, timeout=timeout * 1000)
        return time.monotonic() - t0
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the data folder (e.g. bench/out/p100k-s1m)")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=300, help="seconds for one start or one page (safety net)")
    args = ap.parse_args(argv)
    data = args.data.resolve()
    work = Path(tempfile.mkdtemp(prefix="atlas-floor-"))
    cache = work / "cache"
    os.environ.update(ATLAS_DATA_DIR=str(data), ATLAS_CACHE_DIR=str(cache))
    (work / "bare").mkdir()
    procs = []
    try:
        bare_app(work / "bare")  # this process's load also fills the cache the Atlas's server reads
        bare_url, bare = _start_bare(work / "bare", args.timeout)
        procs.append(bare)
        atlas_url, atlas = spawn_server({"ATLAS_DATA_DIR": str(data), "ATLAS_CACHE_DIR": str(cache)}, port=free_port())
        procs.append(atlas)
        wait_ready(atlas_url, atlas, timeout=args.timeout)
        apps = {"bare Streamlit, the same map": bare_url, "Atlas /map": atlas_url.rstrip("/") + "/map"}
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        times: dict[tuple[str, str], list[float]] = {(a, b): [] for a in apps for b in ("returning", "new")}
        loads: list[float] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE_ARGS, headless=True)
            try:
                returning = {a: browser.new_context() for a in apps}
                for a, url in apps.items():  # a first visit each: the server's first run, the HTTP cache filled
                    _drawn(returning[a], url, args.timeout)
                for _ in range(args.rounds):
                    loads.append(os.getloadavg()[0])
                    for a, url in apps.items():
                        times[(a, "returning")].append(_drawn(returning[a], url, args.timeout))
                        fresh = browser.new_context()
                        try:
                            times[(a, "new")].append(_drawn(fresh, url, args.timeout))
                        finally:
                            fresh.close()
            finally:
                browser.close()
    finally:
        for proc in procs:
            stop_server(proc)
        shutil.rmtree(work, ignore_errors=True)
    print(f"The first map's floor, `{data.name}` (`python -m bench.floor`), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print()
    print(f"{args.rounds} alternated rounds; 1-minute load average {min(loads):.1f}-{max(loads):.1f}")
    print()
    print("| app (warm server) | browser | navigation -> map drawn, median | runs |")
    print("|---|---|---:|---|")
    for (a, b), xs in times.items():
        print(f"| {a} | {b} | {statistics.median(xs):.2f} s | {', '.join(f'{x:.2f}' for x in xs)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

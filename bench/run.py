"""The Atlas benchmark: one command, one Markdown table.

    .venv/bin/python -m bench.run            # full run, under 10 minutes on 2 cores
    .venv/bin/python -m bench.run --quick    # smoke test, about 2 minutes
    .venv/bin/python -m bench.run --profile map [--data DIR]   # cProfile of warm runs of one scenario

What it measures (see bench/RESULTS.md for the latest numbers and what they mean):

- cold start: spawn `python serve.py` (what scripts/run.sh runs) on a free port -> `/map` drawn in headless Chromium
  (every country path of the choropleth present, Streamlit no longer running), median of 3;
- warm server-side page-run time, p50 and p95, for every route and the common interactions,
  measured with Streamlit's AppTest: the time of the script run itself (from the rerun request to
  the script's end; building AppTest's element tree afterwards is not counted), caches warm (one run
  first, then N runs). AppTest executes exactly the server's script run in-process, without the
  websocket and the browser, so this is a fair proxy of server-side page-run time;
- bytes sent to the browser for `/map` and `/country?iso3=PHL` (websocket frames received by the
  page in Playwright) and the size of each plotly figure's JSON as the app sends it;
- scale: the same timings on generated data (bench/generate.py, folders under bench/out/), with
  the first (cold-cache) run reported separately;
- memory: the server's RSS (process and children) with 1 and with 20 open sessions on `/map`.

Each AppTest measurement runs in a child process (`--worker`) so that a dataset's caches and
memory do not leak into the next one, and a whole-run deadline keeps the bench under 10 minutes:
what could not be measured in time is reported as such. The 1-minute load average is printed next
to every figure: other work on the machine makes these numbers noisy.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import bigdata
from bench.load import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EXPECTED,
    MAP_PATHS,
    RENDERED_JS,
    _quantile,
    rss_bytes,
    spawn_server,
    stop_server,
    wait_ready,
)
from lib import metrics, routes, services

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
APP = ROOT / "app.py"

TARGET_WARM_CURATED = 0.100  # s, warm page run p50 at the curated size
TARGET_WARM_100K = 1.0  # s, warm page run p50 at 100k practices
TARGET_MAP_BYTES = 1_000_000  # bytes (1 MB = 10^6 bytes) sent to the browser for /map
TARGET_COLD_START = 4.0  # s, process start -> map drawn

# (dataset name, practices, statistics rows): generated under bench/out/
SCALE_FULL = [("p10k-s100k", 10_000, 100_000), ("p100k-s1m", 100_000, 1_000_000)]
SCALE_QUICK = [("p2k-s20k", 2_000, 20_000)]

SCENARIOS = [
    # id, label; routes are fresh sessions (a page load), interactions are reruns of one session
    ("/", "route /"),
    ("/map", "route /map"),
    ("map:metric", "map: change metric (practices, issue areas)"),
    ("map:stat", "map: statistic metric (two indicators in turn)"),
    ("map:filter", "map: filter (issue area)"),
    ("/country?iso3=PHL", "route /country?iso3=PHL"),
    ("profile", "open a profile (8 countries in turn)"),
    ("/practices", "route /practices"),
    ("practices:search", "practices: search"),
    ("/heatmap", "route /heatmap"),
    ("/about", "route /about"),
    ("/statistics", "route /statistics"),
]
ROUTE_PAGES = {r.url(): (r.name, {}) for r in routes.ROUTES if r.name != "country"}  # a route of lib/routes.py: a fresh session
ROUTE_PAGES["/country?iso3=PHL"] = ("country", {"iso3": "PHL"})
PROFILE_COUNTRIES = ("PHL", "IND", "MEX", "COL", "ETH", "DEU", "NGA", "BGD")
SEARCHES = ("phillipines return", "health workers", "Ivory Coast skills", "remittances women")


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


# AppTest worker (child process) ---------------------------------------------------------------


class _Timer:
    """Patches AppTest's wait for the script's end, to time the script run alone."""

    def __init__(self, on_timeout) -> None:
        from streamlit.testing.v1 import local_script_runner as lsr

        self.last = None
        self.on_timeout = on_timeout

        def timed_wait(runner, timeout: float = 3) -> None:
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < timeout:
                if runner.script_stopped():
                    self.last = time.perf_counter() - t0
                    return
                time.sleep(0.0005)
            self.on_timeout(timeout)  # does not return: joining a runaway script could take minutes

        lsr.require_widgets_deltas = timed_wait


class Worker:
    def __init__(self, runs: int, budget: float, timeout: float, emit) -> None:
        from streamlit.testing.v1 import AppTest

        self.AppTest = AppTest
        self.runs, self.budget, self.timeout, self.emit = runs, budget, timeout, emit
        self.current = None
        self._first = None
        self._rec = None
        self.timer = _Timer(self._timed_out)

    def _timed_out(self, timeout: float) -> None:
        rec = dict(self._rec) if self._rec else {"id": self.current}
        rec.update(stopped=timeout, load=load_avg())
        self.emit(rec)
        sys.stdout.flush()
        os._exit(3)

    def fresh(self, page: str, params: dict):
        at = self.AppTest.from_file(str(APP), default_timeout=self.timeout)
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(routes.route(page).view)
        return at

    def timed(self, at, change=None) -> float:
        """Script time of one run of `at` (after applying `change`, a widget interaction)."""
        self.timer.last = None
        if change is not None:
            change(at)
        at.run()
        if at.exception:
            raise RuntimeError(f"exception on page: {at.exception[0].value}")
        return self.timer.last

    def measure(self, sid: str) -> dict:
        """One first run, then warm runs until `runs` are done or the scenario's `budget` is spent.

        At least 3 warm runs when runs are short; when they are long, as many as fit in the budget
        (at least one is tried). The record is emitted after every run, so a process stopped
        mid-scenario still reports what it measured.
        """
        self.current, self._first, self._rec = sid, None, None
        load0 = load_avg()
        extra: dict = {}
        step = self._step(sid, extra)
        first = self._first = step(0)
        times: list[float] = []
        rec = self._rec = {"id": sid, "first": first, "n": 0, "load": max(load0, load_avg()), **extra}
        self.emit(rec)
        t_warm = time.perf_counter()
        for i in range(1, self.runs + 1):
            spent = time.perf_counter() - t_warm
            if times and spent + times[-1] > self.budget and (len(times) >= 3 or spent + times[-1] > 2 * self.budget):
                break
            times.append(step(i))
            ordered = sorted(times)
            rec.update(
                n=len(times),
                p50=_quantile(ordered, 0.5),
                p95=_quantile(ordered, 0.95),
                min=ordered[0],
                max=ordered[-1],
                load=max(rec["load"], load_avg()),
            )
            self.emit(rec)
        rec["done"] = True
        return rec

    def _step(self, sid: str, extra: dict):
        if sid in ROUTE_PAGES:
            page, params = ROUTE_PAGES[sid]

            def route(i: int) -> float:
                at = self.fresh(page, params)
                t = self.timed(at)
                if i == 0 and page in ("map", "country"):
                    extra["figure_json_bytes"] = [len(el.proto.spec) for el in at.get("plotly_chart")]
                return t

            return route
        if sid == "profile":
            return lambda i: self.timed(self.fresh("country", {"iso3": PROFILE_COUNTRIES[i % len(PROFILE_COUNTRIES)]}))
        if sid in ("map:metric", "map:stat"):
            at = self.fresh("map", {})
            at.run()

            if sid == "map:metric":
                cycle = [metrics.ISSUE_COVERAGE, metrics.PRACTICE_COUNT]
            else:
                ids = [m.id for m in metrics.available_metrics(services.dataset().dataset) if m.kind == "statistic"]
                prefer = [i for i in ("stat:returns_total", "stat:migrant_workers_total") if i in ids]
                cycle = (prefer + [i for i in ids if i not in prefer])[:2]
            extra["detail"] = " <-> ".join(cycle)
            return lambda i: self.timed(at, lambda a: a.selectbox(key="map_metric").set_value(cycle[i % len(cycle)]))
        if sid == "map:filter":
            at = self.fresh("map", {})
            at.run()

            def toggle(a) -> None:
                ms = a.multiselect(key="map_issue")
                ms.unselect("return_reintegration") if ms.value else ms.select("return_reintegration")

            extra["detail"] = "issue = return_reintegration on/off"
            return lambda i: self.timed(at, toggle)
        if sid == "practices:search":
            at = self.fresh("practices", {})
            at.run()
            extra["detail"] = " | ".join(SEARCHES)
            return lambda i: self.timed(at, lambda a: a.text_input(key="pr_q").input(SEARCHES[i % len(SEARCHES)]))
        raise ValueError(sid)


def _lift_cap_if_needed(data: Path | None) -> bool:
    """Generated folders can exceed lib.load's 512 MB file cap; lift it here only (in this process)."""
    from lib import load

    if data is None:
        return False
    files = [data / f for f in ("practices.csv", "statistics.csv")]
    big = any(f.is_file() and f.stat().st_size > load.MAX_FILE_BYTES for f in files)
    if big:
        load.MAX_FILE_BYTES = 1 << 40
    return big


def _warm_start(path: Path) -> None:
    """Serve the cached objects from a pickle written by `--save-cache` (same dataset, same run of the bench).

    Only for warm timings in a fresh process: the loader and index builders return the saved
    objects, so `lib.services` fills its caches at once instead of re-reading a large folder.
    """
    import pickle

    from lib import countries, geo, load, search

    saved = pickle.loads(path.read_bytes())
    load.load_dataset = lambda folder=None, **_: saved["dataset"]
    geo.read_geometry = lambda folder: saved["geometry"]
    countries.search_names = lambda df: saved["country_index"]
    search.build_index = lambda ds, names=None: saved["search_index"]


def _save_cache(path: Path, emit) -> None:
    """Build what the first route did not (geometry, country and search indexes), timed cold, and pickle it all."""
    import pickle

    cold = {"id": "_cold"}
    for name, fn in (
        ("dataset", services.dataset),
        ("geometry", services.geometry),
        ("country_index", services.country_index),
        ("search_index", services.search_index),
    ):
        t0 = time.perf_counter()
        value = fn()
        cold[name] = time.perf_counter() - t0
        if name == "dataset" and value.saving is not None:  # a thread does not pickle: the copy written, then dropped
            value.saving.join()
            value = dataclasses.replace(value, saving=None)
        cold.setdefault("objects", {})[name] = value
    objects = cold.pop("objects")
    t0 = time.perf_counter()
    path.write_bytes(pickle.dumps(objects, protocol=pickle.HIGHEST_PROTOCOL))
    cold["pickle"] = time.perf_counter() - t0
    cold["load"] = load_avg()
    emit(cold)


def worker_main(args) -> int:
    out = open(args.json, "a", encoding="utf-8")

    def emit(rec: dict) -> None:
        out.write(json.dumps(rec) + "\n")
        out.flush()

    data = Path(args.data).resolve() if args.data else None
    if data:
        os.environ["ATLAS_DATA_DIR"] = str(data)
    sys.path.insert(0, str(ROOT))
    emit({"id": "_meta", "cap_lifted": _lift_cap_if_needed(data), "data": str(data or ROOT / "data")})
    if args.warm_cache:
        _warm_start(Path(args.warm_cache))
    w = Worker(args.runs, args.budget, args.timeout, emit)
    for sid, _ in SCENARIOS:
        if args.only and sid not in args.only:
            continue
        try:
            emit(w.measure(sid))
        except Exception as err:  # noqa: BLE001 - reported in the table, the bench goes on
            emit({"id": sid, "error": f"{type(err).__name__}: {str(err)[:300]}", "load": load_avg()})
    if args.save_cache:
        _save_cache(Path(args.save_cache), emit)
    return 0


def run_worker(
    data: Path | None,
    runs: int,
    budget: float,
    timeout: float,
    deadline: float,
    only: list[str] | None = None,
    warm_cache: Path | None = None,
    save_cache: Path | None = None,
) -> tuple[dict, dict]:
    """Run the AppTest worker in a child process until done or `deadline` (monotonic); results by id.

    A scenario still running at the deadline is reported as stopped (the process is killed).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False) as fh:
        path = fh.name
    cmd = [
        sys.executable,
        "-m",
        "bench.run",
        "--worker",
        "--json",
        path,
        "--runs",
        str(runs),
        "--budget",
        str(budget),
        "--timeout",
        str(timeout),
    ]
    if data:
        cmd += ["--data", str(data)]
    for sid in only or []:
        cmd += ["--only", sid]
    if warm_cache:
        cmd += ["--warm-cache", str(warm_cache)]
    if save_cache:
        cmd += ["--save-cache", str(save_cache)]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    killed = False
    try:
        _, err = proc.communicate(timeout=max(5.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        killed = True
    recs = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    Path(path).unlink(missing_ok=True)
    meta = next((r for r in recs if r["id"] == "_meta"), {})
    results = {r["id"]: r for r in recs if r["id"] != "_meta"}
    if killed:
        running = [r for r in results.values() if not r.get("done") and "stopped" not in r and "error" not in r]
        missing = [sid for sid in (only or [s for s, _ in SCENARIOS]) if sid not in results]
        if running:  # stopped between two runs: keep what was measured
            running[0]["stopped"] = time.monotonic() - t0
        elif only and missing:  # stopped during its first run
            results[missing[0]] = {"id": missing[0], "stopped": time.monotonic() - t0, "load": load_avg()}
        meta["killed_at_deadline"] = not only
    if proc.returncode not in (0, 3) and not killed:
        meta["stderr"] = (err or "")[-2000:]
    return results, meta


# Browser phase --------------------------------------------------------------------------------


# Chromium flags that leave it no way off the machine: every non-local request goes to a proxy port
# where nothing listens (Chromium never proxies loopback), so it fails, and `Tab(route=False)` counts it.
# Unlike Playwright's request routing this keeps the browser's HTTP cache, as a returning visitor has it.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9"]


class Tab:
    """One browser context on the Atlas, non-local requests blocked and counted, websocket bytes counted.

    `route`: requests pass through Playwright's router, which blocks non-local ones (and, as a side
    effect, turns the HTTP cache off); without it the browser must be launched with OFFLINE_ARGS."""

    def __init__(self, browser, base_url: str, route: bool = True):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.blocked: list[str] = []
        self.ws_bytes = 0
        self.static_bytes = 0  # files the app serves itself (the map geometry), as transferred
        if route:
            self.context.route("**/*", self._route)
        else:
            self.context.on("requestfailed", self._failed)
        self.page = None
        self.new_page()

    def _failed(self, request):
        if not request.url.startswith((self.base_url, self.base_url.replace("http", "ws", 1), "data:", "blob:", "about:")):
            self.blocked.append(request.url)

    def new_page(self) -> None:
        """A new page in the same context (a returning visitor: the browser's HTTP cache is kept)."""
        if self.page is not None:
            self.page.close()
        self.page = self.context.new_page()
        self.page.on("websocket", self._ws)
        self.page.on("requestfinished", self._finished)

    def _finished(self, request):
        if "/app/static/" in request.url:
            try:
                sizes = request.sizes()
                self.static_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            except Exception:  # noqa: BLE001 - a size that cannot be read is not counted
                pass

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.base_url, self.base_url.replace("http", "ws", 1), "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _ws(self, ws):
        def received(payload):
            self.ws_bytes += len(payload) if isinstance(payload, (bytes, bytearray)) else len(payload.encode("utf-8"))

        ws.on("framereceived", received)

    def goto(self, path: str):
        self.page.goto(self.base_url + path, wait_until="commit", timeout=120_000)

    def wait(self, expected=MAP_PATHS, timeout: float = 120):
        self.page.wait_for_function(RENDERED_JS, arg=list(expected), timeout=timeout * 1000, polling=25)
        if self.page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"exception shown on {self.page.url}")

    def close(self):
        self.context.close()


def browser_phase(trials: int, many: int, deadline: float) -> dict:
    from playwright.sync_api import sync_playwright

    res: dict = {"cold": [], "errors": []}
    if not Path(CHROMIUM).exists():
        res["errors"].append(f"Chromium not found at {CHROMIUM}")
        return res
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        proc = None
        tabs: list[Tab] = []
        try:
            for k in range(trials):
                t0 = time.monotonic()
                url, proc = spawn_server()
                wait_ready(url, proc)
                ready = time.monotonic() - t0
                idle = rss_bytes(proc.pid)
                tab = Tab(browser, url)
                tab.goto("/map")
                limit = min(120.0, max(15.0, deadline - time.monotonic()))
                tab.page.wait_for_selector("h1", timeout=limit * 1000)
                title = time.monotonic() - t0
                tab.wait(timeout=limit)
                drawn = time.monotonic() - t0
                t1 = time.monotonic()  # the same page load again, server warm, new browser context
                again = Tab(browser, url)
                again.goto("/map")
                again.wait(timeout=limit)
                warm = time.monotonic() - t1
                again.close()
                res["cold"].append(
                    {
                        "ready": ready,
                        "title": title,
                        "map": drawn,
                        "warm_load": warm,
                        "load": load_avg(),
                        "blocked": tab.blocked + again.blocked,
                    }
                )
                if k < trials - 1:
                    tab.close()
                    stop_server(proc)
                    proc = None
                else:
                    tabs.append(tab)
                    res["rss_idle"] = idle
            time.sleep(1.0)
            res["rss_1"] = (rss_bytes(proc.pid), load_avg())
            if time.monotonic() < deadline - 20:
                t0 = time.monotonic()
                for _ in range(many - 1):
                    tab = Tab(browser, url)
                    tab.goto("/map")
                    tabs.append(tab)
                for tab in tabs:
                    tab.wait(timeout=max(10, deadline - time.monotonic()))
                time.sleep(1.0)
                res["rss_many"] = (many, rss_bytes(proc.pid), load_avg(), time.monotonic() - t0)
            else:
                res["errors"].append("not enough time left for the many-sessions memory measurement")
            for tab in tabs[1:]:
                tab.close()
            tabs = tabs[:1]
            res["bytes"] = {}
            for path, expected in (("/map", MAP_PATHS), ("/country?iso3=PHL", EXPECTED["country"])):
                tab = Tab(browser, url)
                tab.goto(path)
                tab.wait(expected)
                if path.startswith("/country"):
                    tab.wait((".js-plotly-plot .choroplethlocation", 200))  # the locator map too
                tab.page.wait_for_timeout(1000)  # late frames (e.g. the end-of-run message)
                res["bytes"][path] = (tab.ws_bytes, load_avg(), tab.blocked, tab.static_bytes)
                tab.close()
        except Exception as err:  # noqa: BLE001 - reported in the table
            res["errors"].append(f"{type(err).__name__}: {str(err).splitlines()[0][:300]}")
        finally:
            for tab in tabs:
                try:
                    tab.close()
                except Exception:  # noqa: BLE001
                    pass
            if proc is not None:
                stop_server(proc)
            browser.close()
    return res


# Datasets -------------------------------------------------------------------------------------


def ensure_dataset(name: str, practices: int, stats: int, out: Path | None = None) -> tuple[Path, float | None]:
    """OUT/NAME (bench/out, or `out`), generated unless an identical one is there; returns (folder, seconds spent generating)."""
    from bench import generate

    folder = (out or OUT) / name
    h = hashlib.sha256(Path(generate.__file__).read_bytes())
    for f in generate.REFERENCE_FILES + generate.GENERATED:
        h.update((ROOT / "data" / f).read_bytes())
    stamp = {"practices": practices, "stats": stats, "seed": 20201, "inputs": h.hexdigest()[:16]}
    stamp_file = folder / ".bench-stamp.json"
    if stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp:
        return folder, None
    t0 = time.monotonic()
    generate.generate(folder, practices, stats, seed=20201)
    stamp_file.write_text(json.dumps(stamp))
    return folder, time.monotonic() - t0


def scale_phase(folder: Path, runs: int, scenario_budget: float, deadline: float, log) -> tuple[dict, dict]:
    """Warm timings on a generated folder: a first process for the cold load, then one process per scenario.

    The first process times the cold first run of /, builds the other caches (timed) and pickles them;
    every other scenario starts a fresh process from that pickle, so a very slow page cannot hold up
    or disturb the next one: it is stopped after `scenario_budget` seconds and reported as such.
    """
    startup = 25.0  # interpreter, imports and unpickling the caches in a fresh process (~5 s at 1M rows)
    res: dict = {}
    meta: dict = {"scenario_budget": scenario_budget}
    with tempfile.TemporaryDirectory(dir=OUT, prefix=".warm-") as tmp:
        pkl = Path(tmp) / "caches.pkl"
        log(f"  cold load of {folder.name} and its warm / runs")
        r, m = run_worker(
            folder,
            runs,
            scenario_budget,
            timeout=max(30.0, deadline - time.monotonic() - 10),
            deadline=deadline,
            only=["/"],
            save_cache=pkl,
        )
        res.update(r)
        meta.update({k: v for k, v in m.items() if k in ("cap_lifted", "stderr")})
        if not pkl.is_file():
            meta["killed_at_deadline"] = True
            return res, meta
        for sid, _ in SCENARIOS[1:]:
            left = deadline - time.monotonic()
            if left < startup:
                meta["killed_at_deadline"] = True
                break
            limit = max(3.0, min(scenario_budget, left - startup))
            log(f"  {sid} ({limit:.0f} s at most)")
            # each run may take `limit` (then it is stopped); a setup run and one warm run may follow the first
            r, m = run_worker(
                folder,
                runs,
                budget=limit,
                timeout=limit,
                deadline=time.monotonic() + startup + 2 * limit,
                only=[sid],
                warm_cache=pkl,
            )
            res.update(r)
            if m.get("stderr") and sid not in r:
                res[sid] = {"id": sid, "error": m["stderr"].strip().splitlines()[-1][:200], "load": load_avg()}
    return res, meta


# Report ---------------------------------------------------------------------------------------


def fmt_s(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("pass" if ok else "**miss**")


def timing_rows(results: dict, target: float | None) -> list[str]:
    rows = []
    tgt = "" if target is None else f" (≤ {fmt_s(target)})"
    for sid, label in SCENARIOS:
        r = results.get(sid)
        if r is None:
            rows.append(f"| {label} | not measured (bench time budget) | | | | — | |")
            continue
        if "error" in r:
            rows.append(f"| {label} | error: {r['error']} | | | | {verdict(False)} | {r['load']} |")
            continue
        first = fmt_s(r.get("first")) if "first" in r else f"> {r['stopped']:.0f} s (stopped)"
        if "p50" in r:
            ok = None if target is None else r["p50"] <= target
            n = f"{r['n']} (then a run > {r['stopped']:.0f} s, stopped)" if "stopped" in r else r["n"]
            rows.append(f"| {label} | {first} | {fmt_s(r['p50'])} | {fmt_s(r['p95'])} | {n} | {verdict(ok)}{tgt} | {r['load']} |")
            continue
        # no warm run finished: a run is longer than the scenario's time budget allows
        warm = f"> {r['stopped']:.0f} s (stopped)" if "stopped" in r and "first" in r else "not measured (runs too long)"
        slowest = r.get("first") or r.get("stopped") or 0
        ok = None if target is None else (False if slowest > target else None)
        rows.append(f"| {label} | {first} | {warm} | | 0 | {verdict(ok)}{tgt} | {r['load']} |")
    return rows


TIMING_HEAD = [
    "| scenario | first run | warm p50 | warm p95 | n | target p50 | load |",
    "|---|---:|---:|---:|---:|---|---:|",
]


def render(env: dict, curated: tuple, browser: dict | None, scale: list, wall: float, quick: bool) -> str:
    L = []
    L.append(f"# Atlas bench{' (--quick)' if quick else ''}: {env['date']}")
    L.append("")
    L.append(
        f"Machine: {env['machine']}. Commit {env['commit']}{env['dirty']}. Load average at start {env['load_start']}, "
        f"at end {load_avg()} (1-minute; 2 cores, so > 2 means other work competed). Whole bench: {wall:.0f} s."
    )
    L.append("")
    if browser is not None:
        L.append("## Real server and browser (curated data)")
        L.append("")
        L.append("| measure | value | target | result | load |")
        L.append("|---|---:|---|---|---:|")
        cold = browser.get("cold", [])
        if cold:
            maps = sorted(c["map"] for c in cold)
            med = statistics.median(maps)
            each = ", ".join(f"{c['map']:.2f}" for c in cold)
            L.append(
                f"| cold start: spawn `python serve.py` -> /map drawn, median of {len(cold)} ({each} s) | {med:.2f} s | "
                f"≤ {TARGET_COLD_START:.0f} s | "
                f"{verdict(med <= TARGET_COLD_START)} | {max(c['load'] for c in cold)} |"
            )
            for key, what in (("ready", "health endpoint ok"), ("title", "page title drawn")):
                med_key = statistics.median(c[key] for c in cold)
                L.append(f"| of which: process start -> {what} (median) | {med_key:.2f} s | | | |")
            L.append(
                f"| for comparison: /map page load with the server warm (new browser context, median) | "
                f"{statistics.median(c['warm_load'] for c in cold):.2f} s | | | |"
            )
        for path, label in (("/map", "/map"), ("/country?iso3=PHL", "/country?iso3=PHL")):
            b = browser.get("bytes", {}).get(path)
            if b:
                target = f"≤ {TARGET_MAP_BYTES / 1e6:.0f} MB" if path == "/map" else ""
                total = b[0] + b[3]
                ok = verdict(total <= TARGET_MAP_BYTES) if path == "/map" else "—"
                L.append(
                    f"| bytes to the browser for {label}: websocket + app's static files (first visit) | "
                    f"{total / 1e6:.2f} MB | {target} | {ok} | {b[1]} |"
                )
                L.append(f"| of which: websocket frames (every visit) | {b[0] / 1e6:.2f} MB | | | |")
                L.append(
                    f"| of which: map geometry fetched from the app (once per browser session) | {b[3] / 1e6:.2f} MB | | | |"
                )
            fig = curated[0].get("/map" if path == "/map" else "/country?iso3=PHL", {}).get("figure_json_bytes")
            if fig:
                L.append(
                    f"| plotly figure JSON, {label} ({len(fig)} chart{'s' if len(fig) > 1 else ''}) | "
                    f"{' + '.join(f'{x / 1e6:.2f} MB' for x in fig)} | | | |"
                )
        if "rss_idle" in browser:
            L.append(f"| server RSS after start, no session | {browser['rss_idle'] / 2**20:.0f} MiB | | | |")
        if "rss_1" in browser:
            L.append(f"| server RSS, 1 session on /map | {browser['rss_1'][0] / 2**20:.0f} MiB | | | {browser['rss_1'][1]} |")
        if "rss_many" in browser:
            n, rss, ld, secs = browser["rss_many"]
            L.append(f"| server RSS, {n} sessions on /map (all drawn in {secs:.0f} s) | {rss / 2**20:.0f} MiB | | | {ld} |")
        blocked = [u for c in cold for u in c["blocked"]] + [u for b in browser.get("bytes", {}).values() for u in b[2]]
        L.append(f"| requests to non-local hosts (blocked) | {len(blocked)} | 0 | {verdict(not blocked)} | |")
        for e in browser.get("errors", []):
            L.append(f"| error | {e} | | **miss** | |")
        L.append("")
    L.append("## Warm server-side page runs (AppTest)")
    L.append("")
    L.append(
        "Time of the script run itself in Streamlit's AppTest, which runs the server's script in-process "
        "(no websocket, no browser): a fair proxy of server-side page-run time. Routes are fresh sessions "
        "(a page load); interactions are reruns of one session after a widget change. 'first run' is the first "
        "run of that scenario in a fresh process (for the first route it includes reading and validating the "
        "data; for /map the geometry; for /practices the search index); p50/p95 over n warm runs."
    )
    L.append("")
    L.append(f"### curated data (`data/`): target warm p50 ≤ {fmt_s(TARGET_WARM_CURATED)}")
    L.append("")
    L += TIMING_HEAD + timing_rows(curated[0], TARGET_WARM_CURATED)
    L += _meta_notes(curated[1])
    for name, practices, stats, res, meta, gen in scale:
        target = TARGET_WARM_100K if practices >= 100_000 else None
        L.append("")
        tgt = f": target warm p50 ≤ {fmt_s(target)}" if target else " (no target at this size)"
        L.append(f"### generated `bench/out/{name}`: {practices:,} practices, {stats:,} statistics rows{tgt}")
        L.append("")
        cold = res.get("_cold")
        first = res.get("/", {})
        if "first" in first or cold:
            parts = []
            if "first" in first:
                parts.append(f"first run of / (read, validate and build the dataset): **{fmt_s(first['first'])}**")
            if cold:
                parts.append(
                    f"then cold builds: map geometry {fmt_s(cold['geometry'])}, country-name index "
                    f"{fmt_s(cold['country_index'])}, practice search index {fmt_s(cold['search_index'])} "
                    f"(load {cold['load']})"
                )
            L.append("Cold cache: " + "; ".join(parts) + ".")
            L.append("")
        if gen is not None:
            L.append(f"Data generated in {gen:.0f} s for this run (reused when unchanged).")
            L.append("")
        L.append(
            "Each scenario after / runs in its own process with the caches filled from the first one "
            "('first run' is that process's first run, data caches warm) and at most "
            f"{meta.get('scenario_budget', 0):.0f} s; "
            "a run still going then is stopped and reported as '> N s'."
        )
        L.append("")
        L += TIMING_HEAD + timing_rows(res, target)
        L += _meta_notes(meta)
    L.append("")
    return "\n".join(L)


def _meta_notes(meta: dict) -> list[str]:
    out = []
    if meta.get("cap_lifted"):
        out.append("")
        out.append(
            "Note: a CSV here is over `lib.load.MAX_FILE_BYTES` (512 MB); the worker lifted that cap in its own "
            "process to measure the app at this size. The shipped app refuses such a folder."
        )
    if meta.get("killed_at_deadline"):
        out.append("")
        out.append("Note: the worker was stopped at the bench's deadline; scenarios not reached are 'not measured'.")
    if meta.get("stderr"):
        out.append("")
        out.append("Worker failed: `" + meta["stderr"].strip().splitlines()[-1][:300] + "`")
    return out


def environment() -> dict:
    def sh(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=20).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    chromium = sh(CHROMIUM, "--version") or "Chromium not found"
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0")
    dirty = [line.split(maxsplit=1)[1] for line in sh("git", "status", "--porcelain").splitlines() if not line.startswith("??")]
    import streamlit

    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} CPUs, {int(mem) / 2**20:.0f} GiB RAM, Python {platform.python_version()}, "
        f"streamlit {streamlit.__version__}, {chromium}",
        "commit": sh("git", "rev-parse", "--short", "HEAD") or "(not a git checkout)",
        "dirty": f" with uncommitted changes in {', '.join(dirty)}" if dirty else "",
        "load_start": load_avg(),
    }


# Profile mode ---------------------------------------------------------------------------------


def profile_main(args) -> int:
    """cProfile of warm runs of one scenario, inside the script thread (where the page runs)."""
    import cProfile
    import io
    import pstats

    from streamlit.runtime.scriptrunner import script_runner as sr

    data = Path(args.data).resolve() if args.data else None
    if data:
        os.environ["ATLAS_DATA_DIR"] = str(data)
    sys.path.insert(0, str(ROOT))
    _lift_cap_if_needed(data)
    prof = cProfile.Profile()
    state = {"on": False}
    original = sr.exec_func_with_error_handling

    def wrapped(func, ctx):
        if not state["on"]:
            return original(func, ctx)
        prof.enable()
        try:
            return original(func, ctx)
        finally:
            prof.disable()

    sr.exec_func_with_error_handling = wrapped
    sid = args.profile if args.profile in dict(SCENARIOS) else "/" + args.profile.lstrip("/")
    w = Worker(runs=args.runs, budget=1e9, timeout=args.timeout, emit=print)
    step = w._step(sid, {})
    t0 = time.perf_counter()
    step(0)
    print(f"first run: {time.perf_counter() - t0:.2f} s (not profiled)")
    state["on"] = True
    times = [step(i) for i in range(1, args.runs + 1)]
    state["on"] = False
    print(
        f"{sid}: {len(times)} profiled warm runs, median script time {statistics.median(times) * 1000:.0f} ms "
        "(inflated by the profiler)"
    )
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats(args.sort).print_stats(args.top)
    print(s.getvalue())
    return 0


# Main -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description="Atlas benchmark (prints a Markdown table).")
    ap.add_argument("--quick", action="store_true", help="small variant for smoke testing (about 2 minutes)")
    ap.add_argument("--no-browser", action="store_true", help="skip the real-server and browser measurements")
    ap.add_argument("--no-scale", action="store_true", help="skip the generated datasets")
    ap.add_argument(
        "--no-bigdata", action="store_true", help="skip the large-folder load, cache and index part (bench/bigdata.py)"
    )
    ap.add_argument("--bigdata", action="store_true", help="only the large-folder part (bench/bigdata.py)")
    ap.add_argument("--no-firstmap", action="store_true", help="skip the first map of 100k/1M in a browser (bench/firstmap.py)")
    ap.add_argument("--budget", type=float, default=570, help="seconds for the whole bench (default 570)")
    ap.add_argument("--profile", help="profile one scenario instead (e.g. map, country?iso3=PHL, map:metric, practices:search)")
    ap.add_argument("--sort", default="cumulative", help="pstats sort key for --profile")
    ap.add_argument("--top", type=int, default=40, help="rows printed by --profile")
    # worker (internal) and shared options
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json", help=argparse.SUPPRESS)
    ap.add_argument("--only", action="append", help=argparse.SUPPRESS)
    ap.add_argument("--warm-cache", help=argparse.SUPPRESS)
    ap.add_argument("--save-cache", help=argparse.SUPPRESS)
    ap.add_argument("--data", help="data folder for --worker/--profile (default: data/)")
    ap.add_argument("--runs", type=int, default=5, help="warm runs for --profile")
    ap.add_argument("--timeout", type=float, default=120, help="seconds allowed for one script run")
    ap.add_argument("--out", type=Path, help="also write the Markdown here (default bench/out/results-<time>.md)")
    ap.add_argument("--label", default="", help="a note for the header (e.g. which tree was measured)")
    args = ap.parse_args(argv)
    if args.worker:
        return worker_main(args)  # --budget is then seconds per scenario (run_worker passes it)
    if args.profile:
        return profile_main(args)

    if args.bigdata:
        return bigdata.main(["--trials", "1" if args.quick else "3"])

    t_start = time.monotonic()
    deadline = t_start + args.budget
    env = environment()
    if args.label:
        env["dirty"] += f" ({args.label})"
    print(f"bench: {env['date']}, load average {env['load_start']}; deadline {args.budget:.0f} s", file=sys.stderr, flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    q = args.quick

    def log(msg: str) -> None:
        print(f"[{time.monotonic() - t_start:5.0f} s, load {load_avg()}] {msg}", file=sys.stderr, flush=True)

    log("warm page runs on the curated data (AppTest)")
    curated = run_worker(
        None, runs=3 if q else 20, budget=3 if q else 6, timeout=60, deadline=min(deadline, time.monotonic() + (60 if q else 120))
    )
    browser = None
    if not args.no_browser:
        log("real server + Chromium: cold start, memory, bytes")
        browser = browser_phase(
            trials=1 if q else 3, many=5 if q else 20, deadline=min(deadline, time.monotonic() + (90 if q else 180))
        )
    scale = []
    if not args.no_scale:
        specs = SCALE_QUICK if q else SCALE_FULL
        for i, (name, practices, stats) in enumerate(specs):
            if deadline - time.monotonic() < 40:
                scale.append((name, practices, stats, {}, {"killed_at_deadline": True}, None))
                continue
            log(f"dataset {name}")
            folder, gen = ensure_dataset(name, practices, stats)
            last = i == len(specs) - 1
            until = deadline if last else time.monotonic() + min(200.0, (deadline - time.monotonic()) * 0.45)
            res, meta = scale_phase(
                folder,
                runs=3 if q else (10 if practices < 100_000 else 5),
                scenario_budget=4 if q else (8 if practices < 100_000 else 10),
                deadline=until,
                log=log,
            )
            scale.append((name, practices, stats, res, meta, gen))
    big = ""
    if not args.no_bigdata:
        log("large folders: pyarrow read vs cold load + validation, warm restart, search index (bench/bigdata.py)")
        cmd = [sys.executable, "-m", "bench.bigdata", "--trials", "1" if q else "3"] + (["--only", "p1k-s10k"] if q else [])
        big = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True).stdout
    first = ""
    if not (q or args.no_firstmap or args.no_browser):
        log("the first map of 100k/1M after a fresh start and a warm restart (bench/firstmap.py)")
        folder, _ = ensure_dataset("p100k-s1m", 100_000, 1_000_000)
        cmd = [sys.executable, "-m", "bench.firstmap", "--data", str(folder), "--trials", "1"]
        first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True).stdout
    wall = time.monotonic() - t_start
    md = render(env, curated, browser, scale, wall, q)
    if big:
        md += "\n\n### Large folders: load, validation, cache, search index (bench/bigdata.py)\n\n" + big
    if first:
        md += "\n\n### The first map of a large folder (bench/firstmap.py)\n\n" + first
    print(md)
    out = args.out or OUT / f"results-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}{'-quick' if q else ''}.md"
    out.write_text(md, encoding="utf-8")
    log(f"written {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

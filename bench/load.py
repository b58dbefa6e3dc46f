"""Load test: K concurrent sessions, each doing I interactions, against a local server.

    .venv/bin/python -m bench.load [--client ws|browser] [--sessions 25] [--interactions 40]
                                   [--timeout 1800] [--url URL] [--data DIR]

An interaction is opening a route with URL parameters (change the map metric, filter the map,
search practices, open a country profile, toggle the heatmap, ...) and waiting until the page has
finished. Two kinds of client, all driven from one asyncio loop:

- `ws` (default): websocket sessions that speak Streamlit's protocol (bench/wsclient.py), as a
  browser does, without drawing: the server does all its work for every interaction, so this
  measures the server with 25 sessions on 2 cores. Done = the script run has finished and the
  page's own element was sent (the map's chart, a profile heading, ...).
- `browser`: one headless Chromium (Debian's, `ATLAS_CHROMIUM` to override), one browser context
  per session. Done = Streamlit has finished running (no status widget, script not running, the
  page title drawn) and the page's expected element is visible (the map's country paths, ...).
  Each Chromium renderer needs most of a core to draw a page, so on 2 cores only a few sessions fit.

Errors counted: an exception on the page, an error message shown, a page not found, a page that
lacks its element, a timeout, and interactions not run before the overall `--timeout`; with
browsers also a console error, an HTTP response >= 400 (except the known
`/<page>/_stcore/host-config` 404 probe, see tests/browser/conftest.py) and a request to a
non-local host (blocked). Exit status 1 on any error.

Without `--url` a server is started (`python serve.py` on a free port on 127.0.0.1) and
stopped afterwards. `--url` drives any running Atlas, also several behind a proxy
(`bash scripts/run.sh --replicas N`): like a browser, each websocket session first loads the page
(a proxy's sticky cookie comes with it) and opens its websocket with that cookie, so a session's
runs stay in one process; the summary counts sessions per replica (the `ATLAS` cookie, see
scripts/replicas.py). All traffic goes to 127.0.0.1; loops are bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookies
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Server ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn_server(env_extra: dict | None = None, port: int | None = None, app: Path = ROOT) -> tuple[str, subprocess.Popen]:
    """`python serve.py` (= `streamlit run app.py`, caches filled at start) of the checkout `app` on
    127.0.0.1 (not waited for: see `wait_ready`)."""
    port = port or free_port()
    env = {**os.environ, **(env_extra or {})}
    cmd = [
        sys.executable,
        str(app / "serve.py"),
        "--server.port",
        str(port),  # what scripts/run.sh runs
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    log = tempfile.NamedTemporaryFile(prefix=f"atlas-server-{port}-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=app, env=env, stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = log.name  # shown by wait_ready when the server does not come up
    log.close()
    return f"http://127.0.0.1:{port}", proc


def server_log(proc: subprocess.Popen, lines: int = 40) -> str:
    """The last lines of a spawned server's output (stdout and stderr), for error messages."""
    path = getattr(proc, "log_path", None)
    if not path:
        return "(no log)"
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(log unreadable)"
    return "\n".join(text.splitlines()[-lines:]) or "(log empty)"


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 300, poll: float = 0.05) -> None:
    """Wait for /_stcore/health; `timeout` is a safety net, not a target (a busy machine starts slowly)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}; its log:\n{server_log(proc)}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(poll)
    raise RuntimeError(f"streamlit did not become ready within {timeout:.0f} s; its log:\n{server_log(proc)}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=60)
    if getattr(proc, "log_path", None):
        Path(proc.log_path).unlink(missing_ok=True)


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants (psutil if installed, else /proc)."""
    try:
        import psutil

        p = psutil.Process(pid)
        return sum(q.memory_info().rss for q in [p, *p.children(recursive=True)])
    except ImportError:
        pass
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by a process (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


# What a page looks like when it is done ------------------------------------------------------

RENDERED_JS = """(expected) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
    if (!document.querySelector('h1')) return false;
    if (document.querySelector('[data-testid="stException"]')) return true;  // done, and failed
    const [selector, min] = expected;
    return document.querySelectorAll(selector).length >= min;
}"""

MAP_PATHS = (".js-plotly-plot .choroplethlocation", 200)  # every country drawn (about 235 paths)
EXPECTED = {
    "overview": ('[data-testid="stMetric"]', 4),
    "map": MAP_PATHS,
    "heatmap": (".js-plotly-plot .hm", 1),
    "country": ("h2", 1),
    "practices": ('[data-testid="stExpander"]', 1),
    "statistics": ('[data-testid="stDataFrame"]', 1),
    "about": ('[data-testid="stDataFrame"]', 1),
}

METRICS = ("practices", "issue_areas", "stat:returns_total", "stat:migrant_workers_total")
ISSUES = ("return_reintegration", "health_services", "livelihood_support", "social_protection", "skills")
PERIODS = ("covid_response", "pre_covid")
QUERIES = ("phillipines return", "health", "Ivory Coast", "remittances", "skills training", "women migrant workers", "Türkiye")
PROFILES = ("PHL", "IND", "MEX", "COL", "ETH", "BGD", "NGA", "DEU", "SGP", "KEN")


@dataclass(frozen=True)
class Step:
    kind: str  # what the person did
    page: str  # key of EXPECTED
    path: str


def plan(rng: random.Random, n: int) -> list[Step]:
    """A session's interactions: mostly the map, search and profiles, like a person exploring."""
    makers = [
        (4, lambda: Step("map metric", "map", f"/map?metric={rng.choice(METRICS)}")),
        (3, lambda: Step("map filter", "map", f"/map?issue={rng.choice(ISSUES)}&period={rng.choice(PERIODS)}")),
        (4, lambda: Step("practices search", "practices", f"/practices?q={quote(rng.choice(QUERIES))}")),
        (4, lambda: Step("open profile", "country", f"/country?iso3={rng.choice(PROFILES)}")),
        (
            2,
            lambda: Step(
                "heatmap toggle",
                "heatmap",
                f"/heatmap?rows={rng.choice(('country', 'region'))}&cols={rng.choice(('issue', 'gcm'))}",
            ),
        ),
        (1, lambda: Step("overview", "overview", "/")),
        (1, lambda: Step("statistics", "statistics", "/statistics")),
        (1, lambda: Step("about", "about", "/about")),
    ]
    weights = [w for w, _ in makers]
    return [rng.choices(makers, weights)[0][1]() for _ in range(n)]


def every_step() -> list[Step]:
    """Every distinct interaction `plan` can draw (to warm a server's view caches before a measure)."""
    steps = [Step("map metric", "map", f"/map?metric={m}") for m in METRICS]
    steps += [Step("map filter", "map", f"/map?issue={i}&period={p}") for i in ISSUES for p in PERIODS]
    steps += [Step("practices search", "practices", f"/practices?q={quote(q)}") for q in QUERIES]
    steps += [Step("open profile", "country", f"/country?iso3={c}") for c in PROFILES]
    steps += [
        Step("heatmap toggle", "heatmap", f"/heatmap?rows={r}&cols={c}") for r in ("country", "region") for c in ("issue", "gcm")
    ]
    return [
        *steps,
        Step("overview", "overview", "/"),
        Step("statistics", "statistics", "/statistics"),
        Step("about", "about", "/about"),
    ]


# The run --------------------------------------------------------------------------------------


@dataclass
class Report:
    sessions: int
    interactions: int  # per session, planned
    times: list[tuple[str, float]] = field(default_factory=list)  # (kind, seconds) of completed interactions
    errors: list[str] = field(default_factory=list)
    attempted: int = 0
    not_run: int = 0
    wall: float = 0.0
    url: str = ""
    client: str = "browser"
    replica_sessions: dict[str, int] = field(default_factory=dict)  # sticky cookie value -> websocket sessions

    @property
    def done(self) -> int:
        return len(self.times)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.not_run and self.done == self.sessions * self.interactions

    def quantile(self, q: float, kind: str | None = None) -> float | None:
        xs = sorted(t for k, t in self.times if kind is None or k == kind)
        return _quantile(xs, q) if xs else None

    def summary(self) -> str:
        lines = [
            f"load test: {self.sessions} {'websocket' if self.client == 'ws' else 'browser'} sessions x "
            f"{self.interactions} interactions against {self.url}",
            f"completed {self.done}/{self.sessions * self.interactions} interactions in {self.wall:.1f} s"
            + (f" ({self.done / self.wall:.2f}/s)" if self.wall else ""),
        ]
        if self.times:
            slowest = max(t for _, t in self.times)
            p50, p95 = self.quantile(0.5), self.quantile(0.95)
            lines.append(f"interaction time: p50 {p50:.2f} s, p95 {p95:.2f} s, max {slowest:.2f} s")
            lines.append("")
            lines.append("| interaction | n | p50 s | p95 s |")
            lines.append("|---|---:|---:|---:|")
            for kind in sorted({k for k, _ in self.times}):
                n = sum(1 for k, _ in self.times if k == kind)
                lines.append(f"| {kind} | {n} | {self.quantile(0.5, kind):.2f} | {self.quantile(0.95, kind):.2f} |")
            lines.append("")
        if self.replica_sessions:
            split = ", ".join(f"{k}: {n}" for k, n in sorted(self.replica_sessions.items()))
            lines.append(f"sessions per replica ({STICKY_COOKIE} cookie from the proxy): {split}")
        late = f" (+ {self.not_run} interactions not run before the deadline)" if self.not_run else ""
        kinds = {}
        for e in self.errors:
            what = e.split(": ", 1)[1] if ": " in e else e
            kind = next(
                (
                    k
                    for k in ("timeout", "exception on page", "console error", "HTTP", "foreign request", "page error")
                    if what.startswith(k)
                ),
                "other",
            )
            kinds[kind] = kinds.get(kind, 0) + 1
        by_kind = f" ({', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))})" if kinds else ""
        lines.append(f"errors: {len(self.errors)}{by_kind}{late}")
        for e in self.errors[:20]:
            lines.append(f"  - {e}")
        if len(self.errors) > 20:
            lines.append(f"  ... and {len(self.errors) - 20} more")
        return "\n".join(lines)


def _quantile(xs: list[float], q: float) -> float:
    """Nearest-rank-with-interpolation quantile of sorted values (statistics.quantiles is inexact at small n)."""
    if len(xs) == 1:
        return xs[0]
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


class _Session:
    def __init__(self, n: int, browser, base_url: str, report: Report, interaction_timeout: float, deadline: float):
        self.n, self.browser, self.base_url, self.report = n, browser, base_url, report
        self.interaction_timeout, self.deadline = interaction_timeout, deadline
        self.problems: list[str] = []  # collected by event handlers, moved to the report per interaction

    def _local(self, url: str) -> bool:
        ws = self.base_url.replace("http", "ws", 1)
        return url.startswith((self.base_url, ws, "data:", "blob:", "about:"))

    async def _route(self, route):
        url = route.request.url
        if self._local(url):
            await route.continue_()
        else:
            self.problems.append(f"foreign request blocked: {url[:120]}")
            await route.abort()

    def _console(self, msg):
        # failed loads are judged by status in _response (Streamlit probes its base path on sub-pages)
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {msg.text[:200]}")

    def _response(self, response):
        url = response.url
        probe = "/_stcore/" in url and not url.startswith(self.base_url + "/_stcore/")
        if response.status >= 400 and not probe:
            self.problems.append(f"HTTP {response.status} {url[:120]}")

    async def run(self, steps: list[Step]) -> None:
        context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            await context.route("**/*", self._route)
            page = await context.new_page()
            page.on("console", self._console)
            page.on("response", self._response)
            page.on("pageerror", lambda err: self.problems.append(f"page error: {str(err)[:200]}"))
            for step in steps:
                left = self.deadline - time.monotonic()
                if left <= 1:
                    return  # the rest is counted as not run
                await self._interact(page, step, min(self.interaction_timeout, left))
        finally:
            try:
                await context.close()
            except Exception:  # noqa: BLE001 - a context may already be gone when the run is cancelled
                pass

    async def _interact(self, page, step: Step, timeout: float) -> None:
        where = f"session {self.n} {step.kind} {step.path}"
        self.report.attempted += 1
        t0 = time.monotonic()
        elapsed = None
        try:
            await page.goto(self.base_url + step.path, wait_until="domcontentloaded", timeout=timeout * 1000)
            left = max(1.0, timeout - (time.monotonic() - t0))
            await page.wait_for_function(RENDERED_JS, arg=list(EXPECTED[step.page]), timeout=left * 1000, polling=50)
            elapsed = time.monotonic() - t0
            shown = page.locator('[data-testid="stException"]')
            if await shown.count():
                self.problems.append(f"exception on page: {(await shown.first.inner_text())[:200]!r}")
        except Exception as err:  # noqa: BLE001 - Playwright timeouts and navigation failures are all errors here
            kind = "timeout" if "Timeout" in type(err).__name__ else type(err).__name__
            self.problems.append(f"{kind} after {time.monotonic() - t0:.1f} s: {str(err).splitlines()[0][:160]}")
        problems, self.problems = self.problems, []
        self.report.errors += [f"{where}: {p}" for p in problems]
        if elapsed is not None:
            self.report.times.append((step.kind, elapsed))


STICKY_COOKIE = "ATLAS"  # the cookie HAProxy inserts to pin a browser to one replica (deploy/haproxy.cfg.tmpl)
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never an environment proxy


def _page_cookies(base_url: str, timeout: float) -> str:
    """GET the app's page as a browser does first; the cookies it sets ('' when none), as a Cookie header."""
    with _NO_PROXY.open(base_url.rstrip("/") + "/", timeout=timeout) as r:
        r.read()
        jar = http.cookies.SimpleCookie()
        for header in r.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return "; ".join(f"{k}={m.value}" for k, m in jar.items())


def sticky_ws_session(base_url: str, open_timeout: float):
    """A bench/wsclient.py session that carries the page's cookies on its websocket, as a browser's
    does: behind a proxy with cookie stickiness its websocket goes to the replica that served its
    page (one connection stays on one replica anyway; the cookie makes the choice the proxy's, as
    for a browser). Against a single server no cookie is set and nothing changes."""
    import websockets

    from bench.wsclient import WsSession

    class StickyWsSession(WsSession):
        cookie = ""

        async def __aenter__(self):
            self.cookie = await asyncio.wait_for(asyncio.to_thread(_page_cookies, base_url, open_timeout), open_timeout)
            headers = {"Cookie": self.cookie} if self.cookie else None
            self.ws = await websockets.connect(
                self.ws_url,
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=open_timeout,
                additional_headers=headers,
                proxy=None,
            )
            return self

        @property
        def replica(self) -> str | None:
            jar = http.cookies.SimpleCookie()
            jar.load(self.cookie)
            return jar[STICKY_COOKIE].value if STICKY_COOKIE in jar else None

    return StickyWsSession(base_url, open_timeout=open_timeout)


class _WsRunner:
    """A browser-less session (bench/wsclient.py): one websocket, one script run per interaction."""

    def __init__(self, n: int, base_url: str, report: Report, interaction_timeout: float, deadline: float):
        self.n, self.base_url, self.report = n, base_url, report
        self.interaction_timeout, self.deadline = interaction_timeout, deadline

    async def run(self, steps: list[Step]) -> None:
        async with sticky_ws_session(self.base_url, self.interaction_timeout) as session:
            if session.replica:
                self.report.replica_sessions[session.replica] = self.report.replica_sessions.get(session.replica, 0) + 1
            for step in steps:
                left = self.deadline - time.monotonic()
                if left <= 1:
                    return  # the rest is counted as not run
                self.report.attempted += 1
                result = await session.open(step.path, step.page, timeout=min(self.interaction_timeout, left))
                where = f"session {self.n} {step.kind} {step.path}"
                self.report.errors += [f"{where}: {p}" for p in result.problems]
                if not result.problems:
                    self.report.times.append((step.kind, result.seconds))
                elif any(p.startswith("connection closed") for p in result.problems):
                    return


async def _run_ws(url: str, sessions: int, interactions: int, timeout: float, interaction_timeout: float, seed: int) -> Report:
    report = Report(sessions, interactions, url=url, client="ws")
    t0 = time.monotonic()
    deadline = t0 + timeout
    runners = [_WsRunner(i, url, report, interaction_timeout, deadline) for i in range(sessions)]
    tasks = [asyncio.create_task(r.run(plan(random.Random(f"{seed}-{i}"), interactions))) for i, r in enumerate(runners)]
    await _gather(tasks, deadline, report)
    report.wall = time.monotonic() - t0
    report.not_run = sessions * interactions - report.attempted
    return report


async def _gather(tasks, deadline: float, report: Report) -> None:
    done, pending = await asyncio.wait(tasks, timeout=max(1.0, deadline - time.monotonic() + 15))
    for t in pending:
        t.cancel()
    if pending:
        report.errors.append(f"{len(pending)} session(s) still running at the deadline were cancelled")
        await asyncio.gather(*pending, return_exceptions=True)
    for t in done:
        if t.exception() is not None:
            report.errors.append(f"session failed: {type(t.exception()).__name__}: {str(t.exception())[:200]}")


async def _run_async(
    url: str, sessions: int, interactions: int, timeout: float, interaction_timeout: float, seed: int, executable: str
) -> Report:
    from playwright.async_api import async_playwright

    report = Report(sessions, interactions, url=url, client="browser")
    t0 = time.monotonic()
    deadline = t0 + timeout
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            runners = [_Session(i, browser, url, report, interaction_timeout, deadline) for i in range(sessions)]
            tasks = [asyncio.create_task(r.run(plan(random.Random(f"{seed}-{i}"), interactions))) for i, r in enumerate(runners)]
            await _gather(tasks, deadline, report)
        finally:
            await browser.close()
    report.wall = time.monotonic() - t0
    report.not_run = sessions * interactions - report.attempted
    return report


async def warm_views(url: str, timeout: float) -> list[str]:
    """Open every distinct view once in one session (not counted), so the measure sees warm caches."""
    problems = []
    async with sticky_ws_session(url, open_timeout=timeout) as session:
        for step in every_step():
            result = await session.open(step.path, step.page, timeout=timeout)
            problems += [f"{step.path}: {p}" for p in result.problems]
    return problems


def warm(url: str, timeout: float = 300) -> list[str]:
    """Open every view `plan` can draw once against `url` (a server's caches filled before a measure)."""
    return asyncio.run(warm_views(url, timeout))


def run_load(
    url: str,
    sessions: int = 25,
    interactions: int = 40,
    timeout: float = 900,
    interaction_timeout: float = 90,
    seed: int = 7,
    executable: str = CHROMIUM,
    client: str = "browser",
) -> Report:
    """Run the load test against `url` with `client` "browser" or "ws"; the asyncio loop runs in its
    own thread (safe beside Playwright's sync API)."""
    box: dict = {}

    def target():
        try:
            if client == "ws":
                coro = _run_ws(url, sessions, interactions, timeout, interaction_timeout, seed)
            else:
                coro = _run_async(url, sessions, interactions, timeout, interaction_timeout, seed, executable)
            box["report"] = asyncio.run(coro)
        except BaseException as err:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = err

    thread = threading.Thread(target=target, name="atlas-load", daemon=True)
    thread.start()
    thread.join(timeout + 60)
    if thread.is_alive():
        raise TimeoutError(f"load test did not stop within {timeout + 60:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["report"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--client",
        choices=("ws", "browser"),
        default="ws",
        help="ws: websocket sessions without drawing (default); browser: Chromium contexts",
    )
    ap.add_argument("--sessions", type=int, default=25)
    ap.add_argument("--interactions", type=int, default=40, help="per session")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds for the whole run (default 1800)")
    ap.add_argument("--interaction-timeout", type=float, default=90, help="seconds for one interaction (default 90)")
    ap.add_argument("--url", help="an already running local server (default: start one)")
    ap.add_argument("--data", help="ATLAS_DATA_DIR for the server started here")
    ap.add_argument("--app", type=Path, default=ROOT, help="the Atlas checkout the server started here runs (default: this one)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--warm", action="store_true", help="open every distinct view once before the measure (not counted)")
    args = ap.parse_args(argv)
    if args.client == "browser" and not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set ATLAS_CHROMIUM)", file=sys.stderr)
        return 2
    proc = None
    url = args.url
    if url and not url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        print("refusing a non-local --url: the load test only targets this machine", file=sys.stderr)
        return 2
    if not url:
        url, proc = spawn_server(
            {"ATLAS_DATA_DIR": str(Path(args.data).resolve())} if args.data else None, app=args.app.resolve()
        )
        wait_ready(url, proc)
    try:
        if args.warm:
            problems = warm(url, args.interaction_timeout)
            print(f"warm-up: {len(every_step())} views opened once, not counted, {len(problems)} problems", flush=True)
            for p in problems[:10]:
                print(f"  warm-up problem: {p}", flush=True)
        print(f"load: {time.strftime('%Y-%m-%d %H:%M:%S')}, load average {os.getloadavg()[0]:.2f} at start", flush=True)
        cpu0 = cpu_seconds(proc.pid) if proc is not None else 0.0
        report = run_load(
            url, args.sessions, args.interactions, args.timeout, args.interaction_timeout, args.seed, client=args.client
        )
        print(report.summary())
        print(f"load average {os.getloadavg()[0]:.2f} at end")
        if proc is not None:
            cpu = cpu_seconds(proc.pid) - cpu0
            print(
                f"server: {cpu:.1f} CPU s in {report.wall:.0f} s ({100 * cpu / max(report.wall, 1e-9):.0f}% of one core"
                + ("; the rest of 2 cores went to Chromium and other work" if args.client == "browser" else "")
                + ")"
                + f", RSS at end {rss_bytes(proc.pid) / 2**20:.0f} MiB"
            )
    finally:
        if proc is not None:
            stop_server(proc)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
